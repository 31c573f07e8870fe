@NullMarked
package com.cloudalbum.user.problem;

import org.jspecify.annotations.NullMarked;
