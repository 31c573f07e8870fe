@NullMarked
package com.cloudalbum.gateway.config;

import org.jspecify.annotations.NullMarked;
