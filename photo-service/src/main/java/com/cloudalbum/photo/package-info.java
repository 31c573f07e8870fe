@NullMarked
package com.cloudalbum.photo;

import org.jspecify.annotations.NullMarked;
