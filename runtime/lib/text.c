/* SPDX-License-Identifier: MIT */
/*
 * The small text helpers of formbuilder/text.h that are not UTF-8
 * decoding (utf8.c): hex digits for percent-decoding, JSON and YAML
 * escapes, percent-encoding for links and saved sessions, and whether a
 * value survives the readers' trimming, which formc checks option values
 * with.
 */
#include "formbuilder/text.h"

#include "utf8-priv.h"

int
fb_hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t
fb_url_escape_byte(unsigned char c, char out[3])
{
    static const char hex[] = "0123456789ABCDEF";

    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
        (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
        c == '~') {
        out[0] = (char)c;
        return 1;
    }
    out[0] = '%';
    out[1] = hex[c >> 4];
    out[2] = hex[c & 15];
    return 3;
}

bool
fb_utf8_trimmed(const char *s, size_t n)
{
    return fb_utf8_space_at(s, n) == 0 && fb_utf8_space_before(s, n) == 0;
}
