/* SPDX-License-Identifier: MIT */
/*
 * The injectable clock: the system clock plus a fixed offset, set once at
 * start from FB_TEST_NOW (zero otherwise), so an injected time still
 * advances and hold expiry can be seen by waiting or by restarting the
 * server later in injected time.
 */
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "formbuilder/validate.h"

/* Seconds added to the system clock; written once before threads start. */
static long long offset;

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

/* Parses "YYYY-MM-DDTHH:MM:SSZ" into Unix seconds. See clock.h. */
int
fb_clock_parse_iso(const char *s, long long *out)
{
    if (!s || strlen(s) != FB_CLOCK_ISO_SIZE - 1 || s[4] != '-'
        || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
        || s[19] != 'Z')
        return -1;
    int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
    int h = digits(s + 11, 2), mi = digits(s + 14, 2), se = digits(s + 17, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0
        || !fb_date_valid(y, mo, d) || h > 23 || mi > 59 || se > 59)
        return -1;
    struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
                     .tm_hour = h, .tm_min = mi, .tm_sec = se };
    *out = (long long)timegm(&tm);
    return 0;
}

/* Reads FB_TEST_NOW once at start. See clock.h. */
int
fb_clock_init(char *err, size_t errlen)
{
    const char *v = getenv("FB_TEST_NOW");
    offset = 0;
    if (!v || !*v)
        return 0;
    long long t;
    if (fb_clock_parse_iso(v, &t) != 0) {
        snprintf(err, errlen, "FB_TEST_NOW: '%s' is not a UTC time as "
                 "YYYY-MM-DDTHH:MM:SSZ", v);
        return -1;
    }
    offset = t - (long long)time(NULL);
    return 0;
}

/* returns the time now, in Unix seconds. See clock.h. */
long long
fb_clock_now(void)
{
    return (long long)time(NULL) + offset;
}

/* returns the local day at Unix time t. See clock.h. */
struct fb_date
fb_clock_day_at(long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm))
        return (struct fb_date){ .year = 1970, .month = 1, .day = 1 };
    return (struct fb_date){ .year = tm.tm_year + 1900,
                             .month = tm.tm_mon + 1,
                             .day = tm.tm_mday };
}

/* returns today, the local day now. See clock.h. */
struct fb_date
fb_clock_today(void)
{
    return fb_clock_day_at(fb_clock_now());
}

/* Writes Unix time t as "YYYY-MM-DDTHH:MM:SSZ". See clock.h. */
void
fb_clock_iso(long long t, char out[FB_CLOCK_ISO_SIZE])
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) {
        snprintf(out, FB_CLOCK_ISO_SIZE, "1970-01-01T00:00:00Z");
        return;
    }
    strftime(out, FB_CLOCK_ISO_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
