/* SPDX-License-Identifier: MIT */
/*
 * Reader for a time of day typed into one input ("For example, 9:30am or
 * 14:30"): the 24-hour and 12-hour ways people in the UK write times, and
 * the words midday, noon and midnight that the GOV.UK style guide prefers
 * to 12pm and 12am. Stored in one 24-hour spelling, "HH:MM", which sorts
 * and compares as text and is what `before`/`after` rules are written in.
 */
#include "validate-priv.h"

#include <string.h>

/* Longer than "12:15 a.m." or "12 midnight" with room to spare: anything
 * past this is not a time and need not be copied. */
#define TIME_TEXT_MAX 24

#define MINUTES_PER_DAY (24 * 60)

/* The minutes of the words for noon and midnight in @p s (lower case), or
 * -1. "12 noon", "12.00 midday" and the like say it twice and are fine. */
static int
word_time(const char *s)
{
    static const struct {
        const char *word;
        int minutes;
    } words[] = {{"midday", 12 * 60}, {"noon", 12 * 60}, {"midnight", 0}};
    static const char *const twelve[] = {"", "12 ", "12", "12:00 ",
                                         "12.00 "};
    size_t n = strlen(s);

    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        size_t len = strlen(words[w].word);

        if (n < len || strcmp(s + n - len, words[w].word) != 0)
            continue;
        for (size_t t = 0; t < sizeof twelve / sizeof *twelve; t++)
            if (strlen(twelve[t]) == n - len &&
                strncmp(s, twelve[t], n - len) == 0)
                return words[w].minutes;
    }
    return -1;
}

/* Length of "am", "a.m.", "a.m", "am." (or the same with p) at @p s, or 0;
 * *@p out_pm says which. */
static size_t
meridiem(const char *s, bool *out_pm)
{
    size_t i = 0;

    if (s[0] != 'a' && s[0] != 'p')
        return 0;
    *out_pm = s[0] == 'p';
    i = 1;
    if (s[i] == '.')
        i++;
    if (s[i] != 'm')
        return 0;
    i++;
    if (s[i] == '.')
        i++;
    return i;
}

/*
 * Parses a lower-case, collapsed, ASCII time: hours (1-2 digits) with
 * ":MM" or ".MM", or 3-4 digits "HMM"/"HHMM", or hours alone before am/pm;
 * then, after an optional space, am or pm. @returns the minutes since
 * midnight, or -1.
 */
static int
numeric_time(const char *s)
{
    size_t i = 0, run;
    int hour = 0, minute = -1;
    bool pm = false, twelve_hour = false;

    while (ascii_digit(s[i]))
        i++;
    run = i;
    if (run == 0)
        return -1;
    if ((s[i] == ':' || s[i] == '.') && run <= 2) {
        if (!ascii_digit(s[i + 1]) || !ascii_digit(s[i + 2]) ||
            ascii_digit(s[i + 3]))
            return -1; /* "2:3" and "2:345" are not times */
        minute = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
        i += 3;
    } else if (run == 3 || run == 4) {
        minute = (s[run - 2] - '0') * 10 + (s[run - 1] - '0');
        run -= 2;
    } else if (run > 2) {
        return -1;
    }
    for (size_t k = 0; k < run; k++)
        hour = hour * 10 + (s[k] - '0');
    if (s[i] == ' ')
        i++;
    if (s[i] != '\0') {
        size_t k = meridiem(s + i, &pm);

        if (k == 0 || s[i + k] != '\0')
            return -1;
        twelve_hour = true;
    }
    if (minute > 59)
        return -1;
    if (twelve_hour) {
        if (hour < 1 || hour > 12)
            return -1; /* "0am", "13pm" */
        hour = hour % 12 + (pm ? 12 : 0);
    } else if (minute < 0 || hour > 23) {
        return -1; /* "14" alone is ambiguous; "24:00" is tomorrow */
    }
    return hour * 60 + (minute < 0 ? 0 : minute);
}

/* @returns the minutes since midnight of the trimmed @p sp, or -1. */
static int
parse_time(struct fb_span sp)
{
    char text[TIME_TEXT_MAX + 1];
    size_t n;
    int minutes;

    if (sp.n > TIME_TEXT_MAX)
        return -1;
    n = fb_span_collapse(sp, text);
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)text[i] >= 0x80)
            return -1; /* no time is written with other characters */
        text[i] = fb_ascii_lower(text[i]);
    }
    minutes = word_time(text);
    return minutes >= 0 ? minutes : numeric_time(text);
}

char *
fb_time_hhmm(int minutes, char out[FB_TIME_HHMM_SIZE])
{
    int h = minutes / 60, m = minutes % 60;

    out[0] = (char)('0' + h / 10);
    out[1] = (char)('0' + h % 10);
    out[2] = ':';
    out[3] = (char)('0' + m / 10);
    out[4] = (char)('0' + m % 10);
    out[5] = '\0';
    return out;
}

enum fb_field_status
fb_read_time(const struct fb_answers *in, const char *name,
             struct fb_answers *out, int *out_minutes)
{
    struct fb_span sp;
    enum fb_field_status st = fb_field_get(in, name, &sp);
    char hhmm[FB_TIME_HHMM_SIZE];
    int minutes = -1;

    if (st == FB_FIELD_OK) {
        minutes = parse_time(sp);
        if (minutes < 0 || minutes >= MINUTES_PER_DAY) {
            st = FB_FIELD_INVALID;
        } else {
            fb_time_hhmm(minutes, hhmm);
            st = fb_field_store(out, name, (struct fb_span){hhmm, 5});
        }
    }
    if (st != FB_FIELD_OK)
        fb_answers_remove(out, name);
    else if (out_minutes)
        *out_minutes = minutes;
    return st;
}

bool
fb_time_parse_hhmm(const char *s, int *out_minutes)
{
    int h, m;

    if (!s || strlen(s) != 5 || !ascii_digit(s[0]) || !ascii_digit(s[1]) ||
        s[2] != ':' || !ascii_digit(s[3]) || !ascii_digit(s[4]))
        return false;
    h = (s[0] - '0') * 10 + (s[1] - '0');
    m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 23 || m > 59)
        return false;
    if (out_minutes)
        *out_minutes = h * 60 + m;
    return true;
}

enum fb_field_status
fb_read_time_question(const struct fb_question_desc *q,
                      const struct fb_answers *in, struct fb_answers *out,
                      struct fb_read_result *res)
{
    return fb_read_time(in, q->id, out, &res->minutes);
}
