/* SPDX-License-Identifier: MIT */
/*
 * Amounts of money in pounds, as residents type them ("£1,234.50", "12",
 * "12.5") and as the check-answers page shows them ("£1,234.50", "£75").
 * Amounts are stored as whole pence in a decimal string so that rules,
 * conditions and back offices compare integers and never meet binary
 * fractions of a penny.
 */
#include "validate-priv.h"

#include <stdio.h>
#include <math.h>
#include <string.h>

/* U+00A3 POUND SIGN in UTF-8. */
#define POUND "\xc2\xa3"
#define POUND_LEN 2

/* Whole pounds below 10^11, so pence stay at or under FB_MONEY_MAX_PENCE. */
#define POUNDS_DIGITS_MAX 11

/* The amount in pence of the trimmed @p sp, or -1 when it is not one. */
static long long
parse_pence(struct fb_span sp)
{
    const char *s = sp.s, *point;
    size_t n = sp.n, int_len, frac_len = 0, digits = 0;
    long long pounds = 0, pence = 0;

    if (n >= POUND_LEN && memcmp(s, POUND, POUND_LEN) == 0) {
        struct fb_span rest = {s + POUND_LEN, n - POUND_LEN};

        fb_span_trim(&rest); /* "£ 12" as well as "£12" */
        s = rest.s;
        n = rest.n;
    }
    point = memchr(s, '.', n);
    int_len = point ? (size_t)(point - s) : n;
    if (point) {
        frac_len = n - int_len - 1;
        if (frac_len < 1 || frac_len > 2)
            return -1; /* "12." and fractions of a penny */
        for (size_t i = 0; i < frac_len; i++) {
            if (!ascii_digit(point[1 + i]))
                return -1;
            pence = pence * 10 + (point[1 + i] - '0');
        }
        if (frac_len == 1)
            pence *= 10; /* "12.5" is £12.50 */
    } else if (int_len == 0) {
        return -1; /* "£" alone */
    }
    if (!fb_number_grouping_ok(s, int_len))
        return -1;
    for (size_t i = 0; i < int_len; i++) {
        if (s[i] == ',' || (s[i] == '0' && digits == 0))
            continue;
        if (++digits > POUNDS_DIGITS_MAX)
            return -1;
        pounds = pounds * 10 + (s[i] - '0');
    }
    return pounds * 100 + pence;
}

enum fb_field_status
fb_read_money(const struct fb_answers *in, const char *name,
              struct fb_answers *out, long long *out_pence)
{
    struct fb_span sp;
    enum fb_field_status st = fb_field_get(in, name, &sp);
    long long pence = -1;
    char text[24];

    if (st == FB_FIELD_OK) {
        pence = parse_pence(sp);
        if (pence < 0 || pence > FB_MONEY_MAX_PENCE) {
            st = FB_FIELD_INVALID;
        } else {
            int len = snprintf(text, sizeof text, "%lld", pence);

            st = fb_field_store(out, name, (struct fb_span){text,
                                                            (size_t)len});
        }
    }
    if (st != FB_FIELD_OK)
        fb_answers_remove(out, name);
    else if (out_pence)
        *out_pence = pence;
    return st;
}

void
fb_money_format(long long pence, char *buf, size_t cap)
{
    /* Written backwards from the end: "-£92,233,720,368,547,758.08" is
     * the longest. */
    char text[40];
    char *p = text + sizeof text;
    unsigned long long v = pence < 0 ? 0ULL - (unsigned long long)pence
                                     : (unsigned long long)pence;
    unsigned long long pounds = v / 100;
    unsigned cents = (unsigned)(v % 100);
    size_t len;
    int group = 0;

    if (cap == 0)
        return;
    *--p = '\0';
    if (cents != 0) {
        *--p = (char)('0' + cents % 10);
        *--p = (char)('0' + cents / 10);
        *--p = '.';
    }
    do {
        if (group == 3) {
            *--p = ',';
            group = 0;
        }
        *--p = (char)('0' + pounds % 10);
        pounds /= 10;
        group++;
    } while (pounds > 0);
    p -= POUND_LEN;
    memcpy(p, POUND, POUND_LEN);
    if (pence < 0)
        *--p = '-';
    len = strlen(p);
    if (len >= cap) {
        len = cap - 1;
        /* Do not end inside the pound sign's two bytes. */
        while (len > 0 && ((unsigned char)p[len] & 0xc0) == 0x80)
            len--;
    }
    memcpy(buf, p, len);
    buf[len] = '\0';
}

long long
fb_pounds_to_pence(double pounds)
{
    return llround(pounds * 100.0);
}

enum fb_field_status
fb_read_money_question(const struct fb_question_desc *q,
                       const struct fb_answers *in, struct fb_answers *out,
                       struct fb_read_result *res)
{
    return fb_read_money(in, q->id, out, &res->pence);
}
