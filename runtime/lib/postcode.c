/* SPDX-License-Identifier: MIT */
/*
 * UK postcodes, for postcode questions and the postcode of an address:
 * spaces dropped, letters upper-cased, the shape checked against the
 * outward-code formats A9, A99, AA9, AA99, A9A and AA9A followed by an
 * inward code 9AA (plus the special GIR 0AA), and stored with one space
 * before the inward code, as Royal Mail writes them.
 */
#include "validate-priv.h"

#include <string.h>

static bool
letter(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool
digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Outward code shapes, 'A' for a letter, '9' for a digit. */
static const char *const outward_shapes[] = {
    "A9", "A99", "AA9", "AA99", "A9A", "AA9A",
};

static bool
fits(const char *s, size_t n, const char *shape)
{
    if (strlen(shape) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (shape[i] == 'A' ? !letter(s[i]) : !digit(s[i]))
            return false;
    return true;
}

bool
fb_postcode_normalise(struct fb_span sp, char out[FB_POSTCODE_SIZE])
{
    char compact[8];
    size_t n = 0, out_n;
    bool shaped = false;

    for (size_t i = 0; i < sp.n;) {
        size_t k = fb_utf8_space_at(sp.s + i, sp.n - i);
        char c = sp.s[i];

        if (k > 0) {
            i += k;
            continue;
        }
        if (n == 7)
            return false; /* the longest postcode has 7 characters */
        compact[n++] = fb_ascii_upper(c);
        i++;
    }
    if (n < 5)
        return false;
    compact[n] = '\0';
    if (strcmp(compact, "GIR0AA") == 0) {
        shaped = true;
    } else if (digit(compact[n - 3]) && letter(compact[n - 2]) &&
               letter(compact[n - 1])) {
        for (size_t i = 0; i < sizeof outward_shapes / sizeof *outward_shapes;
             i++)
            shaped = shaped || fits(compact, n - 3, outward_shapes[i]);
    }
    if (!shaped)
        return false;
    out_n = n - 3;
    memcpy(out, compact, out_n);
    out[out_n] = ' ';
    memcpy(out + out_n + 1, compact + out_n, 4); /* inward code and NUL */
    return true;
}

enum fb_field_status
fb_read_postcode(const struct fb_answers *in, const char *name,
                 struct fb_answers *out)
{
    struct fb_span sp;
    enum fb_field_status st = fb_field_get(in, name, &sp);
    char norm[FB_POSTCODE_SIZE];

    if (st == FB_FIELD_OK && !fb_postcode_normalise(sp, norm))
        st = FB_FIELD_INVALID;
    if (st == FB_FIELD_OK)
        st = fb_field_store(out, name,
                            (struct fb_span){norm, strlen(norm)});
    if (st != FB_FIELD_OK)
        fb_answers_remove(out, name);
    return st;
}
