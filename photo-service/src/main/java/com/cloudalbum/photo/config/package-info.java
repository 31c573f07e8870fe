@NullMarked
package com.cloudalbum.photo.config;

import org.jspecify.annotations.NullMarked;
