@NullMarked
package com.cloudalbum.common.problem;

import org.jspecify.annotations.NullMarked;
