@NullMarked
package com.cloudalbum.photo.storage;

import org.jspecify.annotations.NullMarked;
