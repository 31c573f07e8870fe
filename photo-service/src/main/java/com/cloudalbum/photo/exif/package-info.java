/**
 * EXIF that lies past the part of an upload read in memory (a HEIF's EXIF item near the end of the file): read just
 * that range from storage after the upload and complete the photo's capture fields.
 */
@NullMarked
package com.cloudalbum.photo.exif;

import org.jspecify.annotations.NullMarked;
