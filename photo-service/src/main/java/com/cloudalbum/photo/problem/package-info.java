@NullMarked
package com.cloudalbum.photo.problem;

import org.jspecify.annotations.NullMarked;
