/**
 * Image renditions: decode, orient, scale and re-encode as metadata-free JPEG. Plain Java, no Spring or AWS
 * types; blocking and CPU-bound, so callers run it on a bounded scheduler.
 */
@NullMarked
package com.cloudalbum.thumbnail.render;

import org.jspecify.annotations.NullMarked;
