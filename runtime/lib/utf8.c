/* SPDX-License-Identifier: MIT */
/*
 * UTF-8: strict validation (RFC 3629: no overlongs, surrogates or code
 * points above U+10FFFF), counting characters for length rules, and the
 * white space the field readers trim. Every reader checks a value here
 * before looking at it.
 */
#include "formbuilder/text.h"
#include "utf8-priv.h"

#include <stdbool.h>
#include <string.h>

size_t
fb_utf8_decode(const char *str, size_t n, uint32_t *out_cp)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t cp, min;
    size_t len;

    if (s[0] < 0x80) {
        *out_cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2;
        cp = s[0] & 0x1fu;
        min = 0x80;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3;
        cp = s[0] & 0x0fu;
        min = 0x800;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4;
        cp = s[0] & 0x07u;
        min = 0x10000;
    } else {
        return 0; /* continuation byte, C0/C1 overlong lead, or F5-FF */
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    *out_cp = cp;
    return len;
}

/* fb_utf8_valid() from byte @p i on, a character at a time. */
static bool
valid_from(const char *s, size_t len, size_t i)
{
    uint32_t cp;

    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = fb_utf8_decode(s + i, len - i, &cp);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

bool
fb_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    uint32_t a, b;

    if (!s)
        return len == 0;
    /* Answers are mostly ASCII: look a word at a time, the last word
     * overlapping the one before. */
    if (len >= 8) {
        for (; len - i > 8; i += 8)
            if (!fb_utf8_ascii8(s + i))
                return valid_from(s, len, i);
        return fb_utf8_ascii8(s + len - 8) || valid_from(s, len, i);
    }
    if (len >= 4) {
        memcpy(&a, s, 4);
        memcpy(&b, s + len - 4, 4);
        if (((a | b) & UINT32_C(0x80808080)) == 0)
            return true;
    }
    return valid_from(s, len, 0);
}

size_t
fb_utf8_length(const char *s)
{
    return s ? fb_utf8_count(s, strlen(s)) : 0;
}

size_t
fb_utf8_count(const char *s, size_t len)
{
    size_t n = 0, i = 0;

    /* Every character has exactly one byte that is not 10xxxxxx. */
    for (; len - i >= 8; i += 8) {
        uint64_t w, cont;

        if (fb_utf8_ascii8(s + i)) {
            n += 8;
            continue;
        }
        memcpy(&w, s + i, sizeof w);
        /* 1 in each continuation byte (bit 7 set, bit 6 clear), summed
         * into the top byte by the multiplication */
        cont = (w & ~(w << 1) & UINT64_C(0x8080808080808080)) >> 7;
        n += 8 - (size_t)((cont * UINT64_C(0x0101010101010101)) >> 56);
    }
    for (; i < len; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            n++;
    return n;
}

static bool
is_space(uint32_t cp)
{
    switch (cp) {
    case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20:
    case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202f: case 0x205f: case 0x3000:
    case 0x200b: /* zero width space: not White_Space, but invisible */
    case 0xfeff: /* byte order mark from pasted text */
        return true;
    default:
        return cp >= 0x2000 && cp <= 0x200a;
    }
}

size_t
fb_utf8_space_wide(const char *s, size_t n)
{
    uint32_t cp;
    size_t k;

    if (n == 0)
        return 0;
    k = fb_utf8_decode(s, n, &cp);
    return k && is_space(cp) ? k : 0;
}

size_t
fb_utf8_space_before(const char *s, size_t n)
{
    /* Step back over continuation bytes to the lead byte (at most 3). */
    for (size_t k = 1; k <= 4 && k <= n; k++) {
        unsigned char c = (unsigned char)s[n - k];

        if (c < 0x80)
            return k == 1 && (c == ' ' || (c >= '\t' && c <= '\r'));
        if ((c & 0xc0) != 0x80)
            return fb_utf8_space_wide(s + n - k, k) == k ? k : 0;
    }
    return 0;
}
