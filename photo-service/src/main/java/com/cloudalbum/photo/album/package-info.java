@NullMarked
package com.cloudalbum.photo.album;

import org.jspecify.annotations.NullMarked;
