@NullMarked
package com.cloudalbum.user.config;

import org.jspecify.annotations.NullMarked;
