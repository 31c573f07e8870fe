/**
 * Turning a stored original into renditions: read the Photo item, render on the bounded scheduler, store the
 * renditions next to the original, then mark the item READY (or FAILED) with conditional writes.
 */
@NullMarked
package com.cloudalbum.thumbnail.rendition;

import org.jspecify.annotations.NullMarked;
