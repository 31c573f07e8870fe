@NullMarked
package com.cloudalbum.user;

import org.jspecify.annotations.NullMarked;
