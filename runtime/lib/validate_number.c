/* SPDX-License-Identifier: MIT */
/*
 * Numbers as residents type them: an optional sign, digits with optional
 * thousands commas in groups of three, optional decimals. No exponents,
 * hex, "inf" or "nan": those are not how people write amounts. Stored in
 * one canonical spelling ("-1000.5") so conditions and back offices never
 * see "+1,000.50"; the value is converted in the C locale whatever the
 * process locale is.
 */
#include "validate-priv.h"
#include "answers-priv.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the run of digits at s[0..n). */
static size_t
digit_run(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n && ascii_digit(s[i]))
        i++;
    return i;
}

/* "0,5" and "1,50" are refused rather than guessed at: elsewhere the
 * comma is a decimal point. */
bool
fb_number_grouping_ok(const char *s, size_t n)
{
    size_t first = digit_run(s, n);

    if (first == n)
        return true;
    if (first == 0 || first > 3 || s[0] == '0')
        return false;
    for (size_t i = first; i < n; i += 4)
        if (n - i < 4 || s[i] != ',' || digit_run(s + i + 1, 3) != 3)
            return false;
    return true;
}

/* strtod() in the C locale, so '.' is the decimal point for every caller. */
static int
to_double_slow(const char *canon, double *out)
{
    locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old;

    if (c_locale == (locale_t)0)
        return -1;
    old = uselocale(c_locale);
    *out = strtod(canon, NULL);
    uselocale(old);
    freelocale(c_locale);
    return isfinite(*out) ? 1 : 0;
}

/*
 * The value of a canonical number (-?digits(.digits)?). With at most 15
 * significant digits and 22 decimals, the digits and the power of ten are
 * both exact doubles and one IEEE division rounds correctly, so this is
 * what strtod() gives (Clinger's fast path) without its locale switch.
 */
static int
to_double(const char *canon, double *out)
{
    static const double pow10[23] = {
        1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    const char *p = canon + (canon[0] == '-');
    uint64_t m = 0;
    int sig = 0, decimals = -1;

    for (; *p; p++) {
        if (*p == '.') {
            decimals = 0;
            continue;
        }
        m = m * 10 + (uint64_t)(*p - '0');
        sig += m != 0;
        decimals += decimals >= 0;
        if (sig > 15)
            return to_double_slow(canon, out);
    }
    if (decimals > 22)
        return to_double_slow(canon, out);
    *out = decimals > 0 ? (double)m / pow10[decimals] : (double)m;
    if (canon[0] == '-')
        *out = -*out;
    return 1;
}

/*
 * fb_number_parse() into @p canon (sp.n + 4 bytes): @returns 1 with the
 * canonical number NUL-terminated in @p canon, 0 when @p sp is not a
 * number, -1 out of memory.
 */
static int
parse(struct fb_span sp, bool integer, char *canon, double *out_value)
{
    const char *s = sp.s, *point, *frac;
    size_t n = sp.n, int_len, frac_len = 0, zeros = 0;
    bool negative = false, nonzero = false;
    char *p;
    double value;
    int rc;

    if (n > 0 && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        s++;
        n--;
    }
    point = memchr(s, '.', n);
    int_len = point ? (size_t)(point - s) : n;
    frac = point ? point + 1 : s + n;
    if (point) {
        frac_len = n - int_len - 1;
        if (integer || frac_len == 0 || digit_run(frac, frac_len) != frac_len)
            return 0;
    } else if (int_len == 0) {
        return 0;
    }
    if (!fb_number_grouping_ok(s, int_len))
        return 0;
    /* Canonical form: no '+', commas, leading or trailing zeros. */
    while (frac_len > 0 && frac[frac_len - 1] == '0')
        frac_len--;
    while (zeros < int_len && (s[zeros] == '0' || s[zeros] == ','))
        zeros++;
    p = canon;
    if (negative)
        *p++ = '-';
    for (size_t i = zeros; i < int_len; i++)
        if (s[i] != ',')
            *p++ = s[i];
    nonzero = p > canon + negative;
    if (!nonzero)
        *p++ = '0';
    if (frac_len > 0) {
        *p++ = '.';
        memcpy(p, frac, frac_len);
        p += frac_len;
        nonzero = true;
    }
    *p = '\0';
    if (negative && !nonzero)
        memmove(canon, canon + 1, (size_t)(p - canon)); /* "-0" is "0" */
    rc = to_double(canon, &value);
    if (rc == 1 && out_value)
        *out_value = value;
    return rc;
}

/* Numbers this long are parsed on the stack; longer ones (up to
 * FB_FIELD_MAX_BYTES) in a malloc'd buffer. */
#define STACK_NUMBER 64

int
fb_number_parse(struct fb_span sp, bool integer, char **out_canon,
                double *out_value)
{
    char *canon = malloc(sp.n + 4);
    int rc;

    if (!canon)
        return -1;
    rc = parse(sp, integer, canon, out_value);
    if (rc == 1 && out_canon)
        *out_canon = canon;
    else
        free(canon);
    return rc;
}

static inline enum fb_field_status
read_numbern(const struct fb_answers *in, const struct fb_name *nm,
             bool integer, struct fb_answers *out, double *out_value)
{
    const char *name = nm->s;
    size_t len = nm->n;
    uint32_t h = nm->hash;
    struct fb_span sp;
    enum fb_field_status st = fb_field_geth(in, name, len, h, &sp);
    char buf[STACK_NUMBER + 4], *canon = buf;

    if (st == FB_FIELD_OK && sp.n > STACK_NUMBER &&
        !(canon = malloc(sp.n + 4)))
        st = fb_field_nomem(out);
    if (st == FB_FIELD_OK) {
        if (parse(sp, integer, canon, out_value) != 1 ||
            fb_answers_setnnh(out, name, len, h, canon, strlen(canon)) != 0)
            st = FB_FIELD_INVALID;
    }
    if (canon != buf)
        free(canon);
    return fb_field_finishh(out, name, len, h, st);
}

enum fb_field_status
fb_read_number(const struct fb_answers *in, const char *name, bool integer,
               struct fb_answers *out, double *out_value)
{
    struct fb_name nm = fb_name_of(name);

    return read_numbern(in, &nm, integer, out, out_value);
}

enum fb_field_status
fb_read_number_question(const struct fb_question_desc *q,
                        const struct fb_answers *in, struct fb_answers *out,
                        struct fb_read_result *res)
{
    struct fb_name nm = fb_question_name(q);

    return read_numbern(in, &nm, false, out, &res->number);
}

bool
fb_compare_numbers(const char *a, double b, int *out_cmp)
{
    struct fb_span sp;
    double value;

    if (!a || isnan(b))
        return false;
    sp.s = a;
    sp.n = strlen(a);
    if (!fb_utf8_valid(sp.s, sp.n))
        return false;
    fb_span_trim(&sp);
    if (sp.n <= STACK_NUMBER) {
        char canon[STACK_NUMBER + 4];

        if (parse(sp, false, canon, &value) != 1)
            return false;
    } else if (fb_number_parse(sp, false, NULL, &value) != 1) {
        return false;
    }
    if (out_cmp)
        *out_cmp = value < b ? -1 : value > b ? 1 : 0;
    return true;
}
