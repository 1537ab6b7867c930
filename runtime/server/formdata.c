/* SPDX-License-Identifier: MIT */
/*
 * Strict urlencoded decoding and encoding. '+' is a space, %XX needs two
 * hex digits, NUL bytes are refused (they would truncate C strings), and
 * every decoded name and value must be valid UTF-8.
 */
#include "formdata.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/text.h"

/* Decodes s[0..n) into dst (at least n + 1 bytes). @returns the decoded
 * length, or (size_t)-1 for a bad escape or a NUL byte. */
static size_t
decode(const char *s, size_t n, char *dst)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            if (i + 2 >= n)
                return (size_t)-1;
            int hi = fb_hex_value(s[i + 1]), lo = fb_hex_value(s[i + 2]);
            if (hi < 0 || lo < 0)
                return (size_t)-1;
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        if (c == '\0')
            return (size_t)-1;
        dst[o++] = c;
    }
    dst[o] = '\0';
    return o;
}

/* Decodes body (len bytes, need not be NUL-terminated) and appends each
 * name/value pair to out in order. See formdata.h. */
enum fb_formdata_status
fb_formdata_parse(const char *body, size_t len, unsigned max_fields,
                  struct fb_answers *out)
{
    char *name = malloc(len + 1), *value = malloc(len + 1);
    enum fb_formdata_status st = FB_FORMDATA_OK;
    unsigned count = 0;
    if (!name || !value) {
        st = FB_FORMDATA_NOMEM;
        goto done;
    }
    size_t pos = 0;
    while (pos < len) {
        const char *amp = memchr(body + pos, '&', len - pos);
        size_t end = amp ? (size_t)(amp - body) : len;
        if (end == pos) { /* "a=1&&b=2": an empty pair carries nothing */
            pos = end + 1;
            continue;
        }
        const char *eq = memchr(body + pos, '=', end - pos);
        size_t name_end = eq ? (size_t)(eq - body) : end;
        if (++count > max_fields) {
            st = FB_FORMDATA_TOO_MANY;
            goto done;
        }
        size_t nl = decode(body + pos, name_end - pos, name);
        size_t vl = eq ? decode(eq + 1, end - name_end - 1, value) : 0;
        if (!eq)
            value[0] = '\0';
        if (nl == (size_t)-1 || vl == (size_t)-1 || nl == 0) {
            st = FB_FORMDATA_MALFORMED;
            goto done;
        }
        if (!fb_utf8_valid(name, nl) || !fb_utf8_valid(value, vl)) {
            st = FB_FORMDATA_BAD_UTF8;
            goto done;
        }
        if (fb_answers_add(out, name, value) != 0) {
            st = FB_FORMDATA_NOMEM;
            goto done;
        }
        pos = end + 1;
    }
done:
    free(name);
    free(value);
    return st;
}

static void
encode(struct fb_buf *b, const char *s)
{
    char esc[3];
    for (; *s; s++)
        fb_buf_putn(b, esc, fb_url_escape_byte((unsigned char)*s, esc));
}

/* Appends `name=value` percent-encoded to b, with '&' first unless b is
 * empty. See formdata.h. */
void
fb_formdata_append(struct fb_buf *b, const char *name, const char *value)
{
    if (b->len)
        fb_buf_putc(b, '&');
    encode(b, name);
    fb_buf_putc(b, '=');
    encode(b, value);
}

/* returns the catalogue message of st for error pages. See formdata.h. */
enum fb_msg
fb_formdata_message(enum fb_formdata_status st)
{
    switch (st) {
    case FB_FORMDATA_TOO_MANY:
        return FB_MSG_BODY_TOO_MANY;
    case FB_FORMDATA_BAD_UTF8:
        return FB_MSG_BODY_BAD_UTF8;
    case FB_FORMDATA_OK:
    case FB_FORMDATA_MALFORMED:
    case FB_FORMDATA_NOMEM:
        break;
    }
    return FB_MSG_BODY_MALFORMED;
}
