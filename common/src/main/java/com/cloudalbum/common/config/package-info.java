@NullMarked
package com.cloudalbum.common.config;

import org.jspecify.annotations.NullMarked;
