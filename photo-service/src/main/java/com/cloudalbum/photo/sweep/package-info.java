/** What a crash or a lost race leaves, finished later: stuck items, orphan objects, incomplete uploads. */
@NullMarked
package com.cloudalbum.photo.sweep;

import org.jspecify.annotations.NullMarked;
