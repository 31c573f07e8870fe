@NullMarked
package com.cloudalbum.thumbnail;

import org.jspecify.annotations.NullMarked;
