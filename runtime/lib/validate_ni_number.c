/* SPDX-License-Identifier: MIT */
/*
 * Reader for National Insurance numbers. The GOV.UK pattern asks services
 * to accept any case, extra spaces and punctuation, and to ignore them
 * before validating; what is left is checked against HMRC's format (two
 * prefix letters, six digits, a suffix A to D) and the prefixes HMRC never
 * allocates. Stored as the nine characters in capitals, "AB123456C".
 */
#include "validate-priv.h"

#include <string.h>

/* Prefix letters, digits and suffix of a number. */
#define NINO_LEN 9

/* HMRC: letters never used first or second in a prefix... */
static const char not_first[] = "DFIQUV";
static const char not_second[] = "DFIOQUV";

/* ...and prefixes that are not allocated (temporary or administrative). */
static const char *const unallocated[] = {
    "BG", "GB", "KN", "NK", "NT", "TN", "ZZ",
};

/* ASCII punctuation: "-", ".", "/" and the like that the GOV.UK pattern
 * says to ignore. */
static bool
punctuation(char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
           (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

static bool
nino_ok(const char s[NINO_LEN])
{
    if (!ascii_capital(s[0]) || !ascii_capital(s[1]) ||
        strchr(not_first, s[0]) || strchr(not_second, s[1]))
        return false;
    for (size_t i = 0; i < sizeof unallocated / sizeof *unallocated; i++)
        if (s[0] == unallocated[i][0] && s[1] == unallocated[i][1])
            return false;
    for (int i = 2; i < 8; i++)
        if (!ascii_digit(s[i]))
            return false;
    return s[8] >= 'A' && s[8] <= 'D';
}

enum fb_field_status
fb_read_ni_number(const struct fb_answers *in, const char *name,
                  struct fb_answers *out)
{
    struct fb_span sp;
    enum fb_field_status st = fb_field_get(in, name, &sp);
    char nino[NINO_LEN];
    size_t n = 0;

    if (st != FB_FIELD_OK)
        goto done;
    st = FB_FIELD_INVALID;
    for (size_t i = 0; i < sp.n;) {
        size_t k = fb_utf8_space_at(sp.s + i, sp.n - i);

        if (k > 0 || punctuation(sp.s[i])) {
            i += k > 0 ? k : 1;
            continue;
        }
        if (n == NINO_LEN)
            goto done; /* a tenth letter or digit */
        nino[n++] = fb_ascii_upper(sp.s[i++]);
    }
    /* Every other character was kept, so anything that is not a letter or
     * digit (a byte of a UTF-8 character too) fails nino_ok(). */
    if (n == NINO_LEN && nino_ok(nino))
        st = fb_field_store(out, name, (struct fb_span){nino, NINO_LEN});
done:
    if (st != FB_FIELD_OK)
        fb_answers_remove(out, name);
    return st;
}

enum fb_field_status
fb_read_ni_number_question(const struct fb_question_desc *q,
                           const struct fb_answers *in, struct fb_answers *out,
                           struct fb_read_result *res)
{
    (void)res;
    return fb_read_ni_number(in, q->id, out);
}
