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

/* The outward code @p s[0..n), upper case: one of the shapes A9, A99,
 * AA9, AA99, A9A and AA9A ('A' a letter, '9' a digit). */
static bool
outward_ok(const char *s, size_t n)
{
    if (n < 2 || n > 4 || !ascii_capital(s[0]))
        return false;
    switch (n) {
    case 2: /* A9 */
        return ascii_digit(s[1]);
    case 3: /* A99, A9A, AA9 */
        return ascii_digit(s[1])
                   ? ascii_digit(s[2]) || ascii_capital(s[2])
                   : ascii_capital(s[1]) && ascii_digit(s[2]);
    default: /* AA99, AA9A */
        return ascii_capital(s[1]) && ascii_digit(s[2]) &&
               (ascii_digit(s[3]) || ascii_capital(s[3]));
    }
}

/* What each ASCII byte is in a postcode as typed: SPACE (ASCII white
 * space, dropped), a digit or capital as it is stored (a small letter
 * made capital), or 0: nothing a postcode has. */
#define SPACE 1
#define UPPER(c) [(c)] = (c), [(c) - 'A' + 'a'] = (c)
static const unsigned char postcode_char[128] = {
    ['\t'] = SPACE, ['\n'] = SPACE, ['\v'] = SPACE, ['\f'] = SPACE,
    ['\r'] = SPACE, [' '] = SPACE,
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
    ['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
    UPPER('A'), UPPER('B'), UPPER('C'), UPPER('D'), UPPER('E'), UPPER('F'),
    UPPER('G'), UPPER('H'), UPPER('I'), UPPER('J'), UPPER('K'), UPPER('L'),
    UPPER('M'), UPPER('N'), UPPER('O'), UPPER('P'), UPPER('Q'), UPPER('R'),
    UPPER('S'), UPPER('T'), UPPER('U'), UPPER('V'), UPPER('W'), UPPER('X'),
    UPPER('Y'), UPPER('Z'),
};
#undef UPPER

size_t
fb_postcode_normalise(struct fb_span sp, char out[FB_POSTCODE_SIZE])
{
    char compact[8];
    size_t n = 0, out_n, k;

    for (size_t i = 0; i < sp.n; i += k) {
        unsigned char c = (unsigned char)sp.s[i];
        unsigned char m = c < 0x80 ? postcode_char[c] : 0;

        k = 1;
        if (m == SPACE)
            continue;
        /* Other characters than ASCII letters and digits never fit a
         * shape; white space beyond ASCII is dropped like a space. */
        if (m == 0) {
            if (c >= 0x80 && (k = fb_utf8_space_wide(sp.s + i, sp.n - i)) > 0)
                continue;
            return 0;
        }
        if (n == 7)
            return 0; /* the longest postcode has 7 characters */
        compact[n++] = (char)m;
    }
    if (n < 5)
        return 0;
    out_n = n - 3;
    /* The inward code 9AA, after an outward code (or the special GIR). */
    if (!ascii_digit(compact[out_n]) || !ascii_capital(compact[out_n + 1]) ||
        !ascii_capital(compact[out_n + 2]))
        return 0;
    if (!outward_ok(compact, out_n) &&
        !(n == 6 && memcmp(compact, "GIR0AA", 6) == 0))
        return 0;
    /* Copies of constant size, so no call: the outward code is at most
     * 4 bytes (n >= 5 set them all), and what lies past it is written
     * over next. */
    memcpy(out, compact, 4);
    out[out_n] = ' ';
    memcpy(out + out_n + 1, compact + out_n, 3);
    out[n + 1] = '\0';
    return n + 1;
}

static inline enum fb_field_status
read_postcoden(const struct fb_answers *in, const struct fb_name *nm,
               struct fb_answers *out)
{
    const char *name = nm->s;
    size_t len = nm->n;
    uint32_t h = nm->hash;
    struct fb_span sp;
    enum fb_field_status st = fb_field_geth(in, name, len, h, &sp);
    char norm[FB_POSTCODE_SIZE];
    size_t norm_len = 0;

    if (st == FB_FIELD_OK && !(norm_len = fb_postcode_normalise(sp, norm)))
        st = FB_FIELD_INVALID;
    if (st == FB_FIELD_OK)
        st = fb_field_storeh(out, name, len, h,
                             (struct fb_span){norm, norm_len});
    return fb_field_finishh(out, name, len, h, st);
}

enum fb_field_status
fb_read_postcode(const struct fb_answers *in, const char *name,
                 struct fb_answers *out)
{
    struct fb_name nm = fb_name_of(name);

    return read_postcoden(in, &nm, out);
}

enum fb_field_status
fb_read_postcode_question(const struct fb_question_desc *q,
                          const struct fb_answers *in, struct fb_answers *out,
                          struct fb_read_result *res)
{
    struct fb_name nm = fb_question_name(q);

    (void)res;
    return read_postcoden(in, &nm, out);
}
