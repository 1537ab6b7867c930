/* SPDX-License-Identifier: MIT */
/*
 * What the HTTP layer decides from a request's head alone, as pure
 * functions of its text (no libmicrohttpd), so the fuzzer and the unit
 * tests reach exactly the code the server runs: whether the framing and
 * Host are unambiguous, whether the body is urlencoded, and how the path
 * is percent-decoded.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* The headers the strictness checks count, gathered one at a time. */
struct fb_head_counts {
    unsigned host, content_type, transfer_encoding, content_length;
    const char *first_length;  /* the first Content-Length's value */
    bool lengths_differ;       /* a later Content-Length said otherwise */
};

/** Counts header @p key (any case) with @p value (may be NULL) into
 *  @p c, which starts zeroed; @p value must outlive @p c. */
void
fb_head_count(struct fb_head_counts *c, const char *key, const char *value);

/** @returns whether the headers counted in @p c frame one request one
 *  way only: no Content-Length beside a Transfer-Encoding (request
 *  smuggling behind a proxy), no two different Content-Lengths, two
 *  Transfer-Encodings or two Content-Types, and, when @p http11, exactly
 *  one Host. */
bool
fb_head_unambiguous(const struct fb_head_counts *c, bool http11);

/** @returns whether Content-Type value @p type (may be NULL) is exactly
 *  application/x-www-form-urlencoded (any case, white space around it),
 *  alone or followed by parameters such as "; charset=utf-8"; false for
 *  a longer type that only starts with it. */
bool
fb_head_is_urlencoded(const char *type);

/** Percent-decodes @p s in place, except that "%00" stays as written (a
 *  decoded NUL would cut the path short: "/form/%00" would look like
 *  "/form/"); a '%' without two hex digits stays too. @returns the new
 *  length. */
size_t
fb_head_unescape(char *s);
