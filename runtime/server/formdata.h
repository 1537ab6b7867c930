/* SPDX-License-Identifier: MIT */
/*
 * application/x-www-form-urlencoded: the body every journey page posts,
 * and the record format sessions are saved in. Decoding is strict (bad
 * percent escapes, too many fields and invalid UTF-8 are errors, never
 * silently repaired) so bad input gets a clear 400 and is never stored.
 */
#pragma once

#include "formbuilder/messages.h"

#include <stddef.h>

#include "formbuilder/answers.h"
#include "buf.h"

enum fb_formdata_status {
    FB_FORMDATA_OK,
    FB_FORMDATA_MALFORMED,   /* a bad %XX escape or an empty name */
    FB_FORMDATA_TOO_MANY,    /* more fields than the limit */
    FB_FORMDATA_BAD_UTF8,    /* a name or value is not valid UTF-8 */
    FB_FORMDATA_NOMEM
};

/**
 * Decodes @p body (@p len bytes, need not be NUL-terminated) and appends
 * each name/value pair to @p out in order. At most @p max_fields pairs
 * are accepted. On error @p out may hold the pairs before the bad one.
 * @returns FB_FORMDATA_OK or the first problem found.
 */
enum fb_formdata_status
fb_formdata_parse(const char *body, size_t len, unsigned max_fields,
                  struct fb_answers *out);

/** Appends `name=value` percent-encoded to @p b, with '&' first unless
 *  @p b is empty. */
void
fb_formdata_append(struct fb_buf *b, const char *name, const char *value);

/* @returns the catalogue message that explains @p st on an error page
 * (FB_FORMDATA_NOMEM is a 500, not a message). */
enum fb_msg
fb_formdata_message(enum fb_formdata_status st);
