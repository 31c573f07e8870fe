@NullMarked
package com.cloudalbum.common.security;

import org.jspecify.annotations.NullMarked;
