/* SPDX-License-Identifier: MIT */
/*
 * Calendar dates for date questions and the before/after/past/future
 * rules: validity under the Gregorian leap-year rules, comparison, adding
 * days by counting days since 1970-01-01 (Howard Hinnant's days_from_civil
 * arithmetic, so no time_t range limits), strict ISO parsing and today.
 */
#include "formbuilder/validate.h"

#include <string.h>
#include <time.h>

static bool
leap(long long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(long long y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};

    return m == 2 && leap(y) ? 29 : days[m - 1];
}

bool
fb_date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
           d <= days_in_month(y, m);
}

int
fb_date_cmp(const struct fb_date *a, const struct fb_date *b)
{
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->month != b->month)
        return a->month < b->month ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return 0;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long long
days_from_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

static struct fb_date
civil_from_days(long long z)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    long long y = yoe + era * 400 + (m <= 2);

    return (struct fb_date){.year = (int)y, .month = m, .day = d};
}

struct fb_date
fb_date_add_days(struct fb_date d, int days)
{
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31)
        return d; /* not a date: nothing sensible to move */
    return civil_from_days(days_from_civil(d.year, d.month, d.day) + days);
}

static int
digits(const char *s, int n)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool
fb_date_parse_iso(const char *s, struct fb_date *out)
{
    int y, m, d;

    if (!s)
        return false;
    /* Exactly "YYYY-MM-DD": checked byte by byte so nothing follows. */
    for (int i = 0; i < 10; i++)
        if (s[i] == '\0')
            return false;
    if (s[10] != '\0' || s[4] != '-' || s[7] != '-')
        return false;
    y = digits(s, 4);
    m = digits(s + 5, 2);
    d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !fb_date_valid(y, m, d))
        return false;
    if (out)
        *out = (struct fb_date){.year = y, .month = m, .day = d};
    return true;
}

struct fb_date
fb_date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;

    if (now == (time_t)-1 || !localtime_r(&now, &tm))
        return (struct fb_date){.year = 1970, .month = 1, .day = 1};
    return (struct fb_date){
        .year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday};
}

bool
fb_compare_dates(const char *a, const struct fb_date *b, int *out_cmp)
{
    struct fb_date d;

    if (!a || !b || !fb_date_parse_iso(a, &d))
        return false;
    if (out_cmp)
        *out_cmp = fb_date_cmp(&d, b);
    return true;
}

/* The two digits of 0 to 99, "00" to "99". */
static const char two_digits[] =
    "00010203040506070809101112131415161718192021222324"
    "25262728293031323334353637383940414243444546474849"
    "50515253545556575859606162636465666768697071727374"
    "75767778798081828384858687888990919293949596979899";

/* Writes @p v (0 <= v < 100) as two digits. */
static void
put2(char *s, unsigned v)
{
    memcpy(s, two_digits + (size_t)2 * v, 2);
}

char *
fb_date_iso(const struct fb_date *d, char out[FB_DATE_ISO_SIZE])
{
    /* Each field modulo its width, as the digits of a longer number
     * would be cut; divisions by constants, no loop. */
    unsigned y = (unsigned)d->year % 10000u;

    put2(out, y / 100);
    put2(out + 2, y % 100);
    out[4] = '-';
    put2(out + 5, (unsigned)d->month % 100u);
    out[7] = '-';
    put2(out + 8, (unsigned)d->day % 100u);
    out[10] = '\0';
    return out;
}
