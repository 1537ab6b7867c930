/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 internals shared by the field readers and the HTML writer:
 * recognising white space and skipping ASCII a word at a time. Private to
 * runtime/lib; formbuilder/text.h has the public decoder, fb_utf8_valid()
 * and the character counts.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "formbuilder/text.h"
#include "formbuilder/validate.h"

/* fb_utf8_space_at() for a string that starts with a byte >= 0x80. */
size_t
fb_utf8_space_wide(const char *s, size_t n);

/*
 * Returns the byte length of the white space character at @p s (at most
 * @p n bytes long), or 0 when @p s does not start with one. White space is
 * ASCII space, tab, LF, VT, FF, CR, the Unicode White_Space characters and
 * the invisible U+200B and U+FEFF that copy and paste brings along.
 * Inline for the ASCII case, which the readers meet on almost every byte.
 */
static inline size_t
fb_utf8_space_at(const char *s, size_t n)
{
    unsigned char c;

    if (n == 0)
        return 0;
    c = (unsigned char)s[0];
    if (c < 0x80)
        return c == ' ' || (c >= '\t' && c <= '\r');
    return fb_utf8_space_wide(s, n);
}

/* Returns the byte length of the white space character that ends
 * @p s[0..n), or 0. */
size_t
fb_utf8_space_before(const char *s, size_t n);

/* @returns true when the 8 bytes at @p s are all ASCII. */
static inline bool
fb_utf8_ascii8(const char *s)
{
    uint64_t w;

    memcpy(&w, s, sizeof w);
    return (w & UINT64_C(0x8080808080808080)) == 0;
}

/* fb_utf8_valid(), inline for the short ASCII strings most answers are. */
static inline bool
fb_utf8_ok(const char *s, size_t n)
{
    uint64_t a, b;
    uint32_t c, d;

    if (n >= 8 && n <= 16) {
        memcpy(&a, s, sizeof a);
        memcpy(&b, s + n - 8, sizeof b);
        if (((a | b) & UINT64_C(0x8080808080808080)) == 0)
            return true;
    } else if (n >= 4 && n < 8) {
        memcpy(&c, s, sizeof c);
        memcpy(&d, s + n - 4, sizeof d);
        if (((c | d) & UINT32_C(0x80808080)) == 0)
            return true;
    } else if (n < 4) {
        /* the first, middle and last bytes are all of them */
        if (n == 0 || ((unsigned char)(s[0] | s[n / 2] | s[n - 1]) < 0x80))
            return true;
    }
    return fb_utf8_valid(s, n);
}
