@NullMarked
package com.cloudalbum.thumbnail.config;

import org.jspecify.annotations.NullMarked;
