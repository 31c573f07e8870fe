@NullMarked
package com.cloudalbum.photo.catalog;

import org.jspecify.annotations.NullMarked;
