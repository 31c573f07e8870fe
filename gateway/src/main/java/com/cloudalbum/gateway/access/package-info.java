@NullMarked
package com.cloudalbum.gateway.access;

import org.jspecify.annotations.NullMarked;
