/* SPDX-License-Identifier: MIT */
/*
 * Removes the metadata of uploaded photos, where a phone writes where
 * the photo was taken: a JPEG's APP1 (Exif, XMP), APP13 (IPTC), the other
 * application segments but JFIF, an ICC profile and Adobe's, and its
 * comments; a PNG's eXIf, tEXt, zTXt, iTXt and tIME chunks. The image
 * data is copied byte for byte, and anything after the end of the image
 * is dropped. A file that is not well formed is refused, never passed on
 * half-stripped. Streams in, streams out: memory use does not grow with
 * the file.
 */
#pragma once

#include <stdio.h>

enum fb_strip_result {
    FB_STRIP_OK,
    FB_STRIP_BAD,              /* not a well-formed file of the kind */
    FB_STRIP_IO                /* reading or writing failed */
};

/** Copies JPEG @p in to @p out without its metadata. */
enum fb_strip_result
fb_strip_jpeg(FILE *in, FILE *out);

/** Copies PNG @p in to @p out without its metadata. */
enum fb_strip_result
fb_strip_png(FILE *in, FILE *out);
