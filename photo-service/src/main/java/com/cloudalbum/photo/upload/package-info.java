@NullMarked
package com.cloudalbum.photo.upload;

import org.jspecify.annotations.NullMarked;
