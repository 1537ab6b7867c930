/* SPDX-License-Identifier: MIT */
/*
 * The first steps every field reader shares: take the one posted value of
 * a field or of a part ("dob-day"), reject repeated names and invalid
 * UTF-8, trim white space, spot empty and oversized values; and the last
 * step, storing the normalised value. Part names are joined on the stack:
 * these run for every field of every POST.
 */
#include "validate-priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static inline bool
ascii_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

void
fb_span_trim(struct fb_span *sp)
{
    size_t k;

    while ((k = fb_utf8_space_at(sp->s, sp->n)) > 0) {
        sp->s += k;
        sp->n -= k;
    }
    while (sp->n > 0) {
        unsigned char c = (unsigned char)sp->s[sp->n - 1];

        if (c < 0x80) {
            if (!ascii_space(c))
                return;
            sp->n--;
        } else if ((k = fb_utf8_space_before(sp->s, sp->n)) > 0) {
            sp->n -= k;
        } else {
            return;
        }
    }
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
    return fb_field_getn(in, name, strlen(name), out);
}

bool
fb_part_names_build(struct fb_part_names *pn, const struct fb_name *name,
                    const struct fb_part_info *parts, size_t n_parts)
{
    size_t size = 0, at = 0;
    char *s;

    pn->heap = NULL;
    if (n_parts > FB_PARTS_MAX)
        return false;
    for (size_t i = 0; i < n_parts; i++) {
        size_t m = strlen(parts[i].suffix);

        if (name->n > SIZE_MAX / 4 || m > SIZE_MAX / 4)
            return false;
        size += 2 * (name->n + m + 2);
    }
    s = size <= sizeof pn->buf ? pn->buf : (pn->heap = malloc(size));
    if (!s)
        return false;
    for (int sep = 0; sep < 2; sep++) {
        for (size_t i = 0; i < n_parts; i++) {
            size_t m = strlen(parts[i].suffix);
            struct fb_name *nm = &pn->names[sep * n_parts + i];

            memcpy(s + at, name->s, name->n);
            s[at + name->n] = sep ? '.' : '-';
            memcpy(s + at + name->n + 1, parts[i].suffix, m + 1);
            nm->s = s + at;
            nm->n = name->n + 1 + m;
            nm->hash = fb_answers_hash(nm->s, nm->n);
            at += nm->n + 1;
        }
    }
    return true;
}

enum fb_field_status
fb_field_store(struct fb_answers *out, const char *name, struct fb_span sp)
{
    return fb_field_storen(out, name, strlen(name), sp);
}
