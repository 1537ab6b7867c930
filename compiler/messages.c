/* SPDX-License-Identifier: MIT */
/*
 * Default error messages, built from a question's label in the wording of
 * the GOV.UK Design System's error-message guidance ("Enter ...", "Select
 * ...", "... must be 100 characters or less"), exactly as the table in
 * docs/form-language.md section 11 gives them. The author's message from
 * the YAML always wins. Used by the C emitter, the static error pages and
 * the version hash, so one change of wording here changes all three.
 */
#include "messages.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

/*
 * The label as a message uses it (docs/form-language.md, section 11):
 * surrounding spaces and one final '?', '.' or ':' removed; without a
 * label, the id with '_' as spaces.
 */
static char *
core(struct fb_arena *a, const struct fb_question *q)
{
    const char *s = fb_text_en(&q->label);
    char *out;
    if (s && *s) {
        out = fb_arena_strdup(a, s);
    } else {
        out = fb_arena_strdup(a, q->id);
        for (char *p = out; *p; p++)
            if (*p == '_')
                *p = ' ';
    }
    char *start = out;
    while (isspace((unsigned char)*start))
        start++;
    size_t n = strlen(start);
    while (n > 0 && isspace((unsigned char)start[n - 1]))
        n--;
    if (n > 0 && strchr("?.:", start[n - 1]))
        n--;
    while (n > 0 && isspace((unsigned char)start[n - 1]))
        n--;
    start[n] = '\0';
    return start;
}

/* <label>: first letter lower case unless the second is a capital too
 * ("NHS number" stays). */
static const char *
object(struct fb_arena *a, const struct fb_question *q)
{
    char *s = core(a, q);
    if (!(s[0] && isupper((unsigned char)s[1])))
        s[0] = (char)tolower((unsigned char)s[0]);
    return s;
}

/* <Label>: first letter upper case. */
static const char *
subject(struct fb_arena *a, const struct fb_question *q)
{
    char *s = core(a, q);
    s[0] = (char)toupper((unsigned char)s[0]);
    return s;
}

/* The English text of an author's message, or NULL. */
static const char *
author(const struct fb_text *t)
{
    const char *s = fb_text_en(t);
    return s && *s ? s : NULL;
}

const char *
fb_msg_required(struct fb_arena *a, const struct fb_question *q)
{
    const char *m = author(&q->rules[FB_RULE_REQUIRED].message);
    if (m)
        return m;
    switch (q->type) {
    case FB_Q_RADIOS:
    case FB_Q_CHECKBOXES:
    case FB_Q_SELECT:
    case FB_Q_SLOT:
    case FB_Q_YES_NO:
        return fb_arena_printf(a, "Select %s", object(a, q));
    case FB_Q_DECLARATION:
        return "Select the box to confirm the declaration";
    default:
        return fb_arena_printf(a, "Enter %s", object(a, q));
    }
}

const char *
fb_msg_bad_utf8(struct fb_arena *a, const struct fb_question *q)
{
    return fb_arena_printf(a, "%s must only include characters you can "
                              "type", subject(a, q));
}

const char *
fb_msg_invalid(struct fb_arena *a, const struct fb_question *q)
{
    switch (q->type) {
    case FB_Q_EMAIL:
        return "Enter an email address in the correct format, like "
               "name@example.com";
    case FB_Q_PHONE:
        return "Enter a telephone number, like 01632 960 001 or "
               "07700 900 982";
    case FB_Q_POSTCODE:
        return "Enter a real postcode";
    case FB_Q_NUMBER:
        return fb_arena_printf(a, "%s must be a number", subject(a, q));
    case FB_Q_DATE:
        return fb_msg_date_real(a, q);
    case FB_Q_ADDRESS:
        return fb_msg_address(a, q, FB_MSG_POSTCODE, true);
    case FB_Q_TEXT:
    case FB_Q_TEXTAREA:
        if (q->rules[FB_RULE_MAX_LENGTH].present)
            return fb_msg_rule(a, q, FB_RULE_MAX_LENGTH, &(bool){false});
        return fb_arena_printf(a, "%s is too long", subject(a, q));
    default:
        return fb_msg_required(a, q);
    }
}

const char *
fb_msg_date_missing(struct fb_arena *a, const struct fb_question *q,
                    unsigned missing)
{
    const char *parts[3];
    size_t n = 0;
    if (missing & FB_PART_DAY)
        parts[n++] = "day";
    if (missing & FB_PART_MONTH)
        parts[n++] = "month";
    if (missing & FB_PART_YEAR)
        parts[n++] = "year";
    if (n == 0 || n == 3)
        return fb_msg_required(a, q);
    if (n == 1)
        return fb_arena_printf(a, "%s must include a %s", subject(a, q),
                               parts[0]);
    return fb_arena_printf(a, "%s must include a %s and %s", subject(a, q),
                           parts[0], parts[1]);
}

const char *
fb_msg_date_real(struct fb_arena *a, const struct fb_question *q)
{
    return fb_arena_printf(a, "%s must be a real date", subject(a, q));
}

const char *
fb_msg_address(struct fb_arena *a, const struct fb_question *q,
               enum fb_msg_part part, bool invalid)
{
    (void)a;
    (void)q;
    switch (part) {
    case FB_MSG_LINE1:
        return "Enter address line 1, typically the building and street";
    case FB_MSG_TOWN:
        return "Enter town or city";
    case FB_MSG_POSTCODE:
        break;
    }
    return invalid ? "Enter a real postcode" : "Enter postcode";
}

/* A whole number as GOV.UK writes it: commas from 1,000 ("10,000"). */
static const char *
count_text(struct fb_arena *a, long n)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%ld", n);
    const char *d = digits[0] == '-' ? digits + 1 : digits;
    size_t len = strlen(d);
    char *out = fb_arena_alloc(a, 2 * sizeof digits);
    char *o = out;
    if (d != digits)
        *o++ = '-';
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0 && len >= 4)
            *o++ = ',';
        *o++ = d[i];
    }
    *o = '\0';
    return out;
}

/* A number in a message: whole numbers with commas, decimals as written
 * (shortest form that reads back the same). */
static const char *
number_text(struct fb_arena *a, double x)
{
    if (x == (double)(long)x && x > -1e15 && x < 1e15)
        return count_text(a, (long)x);
    return fb_arena_printf(a, "%.15g", x);
}

/* "before 1 January 2025", "before today", or "before " to be completed
 * with a date the generated code works out on the day. */
static const char *
date_rule(struct fb_arena *a, const struct fb_question *q, const char *word,
          const struct fb_date_ref *ref, bool *out_append_date)
{
    if (!ref->relative)
        return fb_arena_printf(a, "%s must be %s %s", subject(a, q), word,
                               fb_msg_format_date(a, &ref->date));
    if (ref->offset_days == 0)
        return fb_arena_printf(a, "%s must be %s today", subject(a, q),
                               word);
    *out_append_date = true;
    return fb_arena_printf(a, "%s must be %s ", subject(a, q), word);
}

static const char *
plural(long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

const char *
fb_msg_rule(struct fb_arena *a, const struct fb_question *q,
            enum fb_rule_kind kind, bool *out_append_date)
{
    const struct fb_rule *r = &q->rules[kind];
    *out_append_date = false;
    const char *m = author(&r->message);
    if (m)
        return m;
    switch (kind) {
    case FB_RULE_REQUIRED:
        return fb_msg_required(a, q);
    case FB_RULE_MIN_LENGTH:
        return fb_arena_printf(a, "%s must be %s %s or more",
                               subject(a, q), count_text(a, r->count),
                               plural(r->count, "character", "characters"));
    case FB_RULE_MAX_LENGTH:
        return fb_arena_printf(a, "%s must be %s %s or less",
                               subject(a, q), count_text(a, r->count),
                               plural(r->count, "character", "characters"));
    case FB_RULE_PATTERN:
        return fb_arena_printf(a, "Enter %s in the correct format",
                               object(a, q));
    case FB_RULE_MIN:
    case FB_RULE_MAX:
        return fb_arena_printf(a, "%s must be %s or %s", subject(a, q),
                               number_text(a, r->number),
                               kind == FB_RULE_MIN ? "more" : "less");
    case FB_RULE_INTEGER:
        return fb_arena_printf(a, "%s must be a whole number", subject(a, q));
    case FB_RULE_BEFORE:
        return date_rule(a, q, "before", &r->date, out_append_date);
    case FB_RULE_AFTER:
        return date_rule(a, q, "after", &r->date, out_append_date);
    case FB_RULE_PAST:
        return fb_arena_printf(a, "%s must be in the past", subject(a, q));
    case FB_RULE_FUTURE:
        return fb_arena_printf(a, "%s must be in the future", subject(a, q));
    case FB_RULE_MIN_SELECTED:
        return fb_arena_printf(a, "Select at least %s %s",
                               count_text(a, r->count),
                               plural(r->count, "option", "options"));
    case FB_RULE_MAX_SELECTED:
        return fb_arena_printf(a, "Select no more than %s %s",
                               count_text(a, r->count),
                               plural(r->count, "option", "options"));
    case FB_RULE_MATCHES: {
        const struct fb_question *t = r->target;
        return fb_arena_printf(a, "%s must match %s", subject(a, q),
                               t ? object(a, t) : r->string);
    }
    case FB_RULE__COUNT:
        break;
    }
    return fb_msg_required(a, q);
}

const char *
fb_msg_format_date(struct fb_arena *a, const struct fb_date *d)
{
    const char *month =
        d->month >= 1 && d->month <= 12 ? month_names[d->month - 1] : "?";
    return fb_arena_printf(a, "%d %s %d", d->day, month, d->year);
}
