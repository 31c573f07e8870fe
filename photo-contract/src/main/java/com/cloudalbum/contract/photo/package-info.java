/** The photo lifecycle as every party sees it: keys in the bucket, item attributes, statuses, reasons. */
@NullMarked
package com.cloudalbum.contract.photo;

import org.jspecify.annotations.NullMarked;
