@NullMarked
package com.cloudalbum.gateway;

import org.jspecify.annotations.NullMarked;
