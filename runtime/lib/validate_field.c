/* SPDX-License-Identifier: MIT */
/*
 * The first steps every field reader shares: take the one posted value of
 * a field or of a part ("dob-day"), reject repeated names and invalid
 * UTF-8, trim white space, spot empty and oversized values; and the last
 * step, storing the normalised value.
 */
#include "validate-priv.h"
#include "answers-priv.h"

#include <stdlib.h>
#include <string.h>

void
fb_span_trim(struct fb_span *sp)
{
    size_t k;

    while ((k = fb_utf8_space_at(sp->s, sp->n)) > 0) {
        sp->s += k;
        sp->n -= k;
    }
    while ((k = fb_utf8_space_before(sp->s, sp->n)) > 0)
        sp->n -= k;
}

size_t
fb_span_collapse(struct fb_span sp, char *buf)
{
    size_t n = 0;

    for (size_t i = 0; i < sp.n;) {
        size_t k = fb_utf8_space_at(sp.s + i, sp.n - i);

        if (k == 0) {
            buf[n++] = sp.s[i++];
            continue;
        }
        while (k > 0) {
            i += k;
            k = fb_utf8_space_at(sp.s + i, sp.n - i);
        }
        buf[n++] = ' ';
    }
    buf[n] = '\0';
    return n;
}

enum fb_field_status
fb_field_get(const struct fb_answers *in, const char *name,
             struct fb_span *out)
{
    size_t count = fb_answers_count(in, name);
    const char *raw;

    out->s = "";
    out->n = 0;
    if (count == 0)
        return FB_FIELD_EMPTY;
    for (size_t i = 0; i < count; i++) {
        raw = fb_answers_get_nth(in, name, i);
        if (!fb_utf8_valid(raw, strlen(raw)))
            return FB_FIELD_BAD_UTF8;
    }
    /* One input posts one value; more means a tampered or broken form. */
    if (count > 1)
        return FB_FIELD_INVALID;
    raw = fb_answers_get(in, name);
    out->s = raw;
    out->n = strlen(raw);
    fb_span_trim(out);
    if (out->n == 0)
        return FB_FIELD_EMPTY;
    if (out->n > FB_FIELD_MAX_BYTES)
        return FB_FIELD_INVALID;
    return FB_FIELD_OK;
}

char *
fb_field_join(const char *name, char sep, const char *suffix)
{
    size_t n = strlen(name), m = strlen(suffix);
    char *s = malloc(n + m + 2);

    if (!s)
        return NULL;
    memcpy(s, name, n);
    s[n] = sep;
    memcpy(s + n + 1, suffix, m + 1);
    return s;
}

enum fb_field_status
fb_field_get_part(const struct fb_answers *in, const char *name,
                  const char *suffix, struct fb_span *out)
{
    char *full = fb_field_join(name, '-', suffix);
    enum fb_field_status st;

    if (!full) {
        out->s = "";
        out->n = 0;
        return FB_FIELD_INVALID;
    }
    st = fb_field_get(in, full, out);
    free(full);
    return st;
}

enum fb_field_status
fb_field_store(struct fb_answers *out, const char *name, struct fb_span sp)
{
    if (fb_answers_setn(out, name, sp.s, sp.n) != 0)
        return FB_FIELD_INVALID;
    return FB_FIELD_OK;
}
