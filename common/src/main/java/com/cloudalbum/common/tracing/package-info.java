@NullMarked
package com.cloudalbum.common.tracing;

import org.jspecify.annotations.NullMarked;
