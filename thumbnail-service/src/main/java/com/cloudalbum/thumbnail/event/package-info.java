@NullMarked
package com.cloudalbum.thumbnail.event;

import org.jspecify.annotations.NullMarked;
