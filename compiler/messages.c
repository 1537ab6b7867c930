/* SPDX-License-Identifier: MIT */
/*
 * Default error messages, built from a question's label in the wording of
 * the GOV.UK Design System's error-message guidance ("Enter ...", "Select
 * ...", "... must be 100 characters or less"). The author's message from
 * the YAML always wins. Used by the C emitter, the static error pages and
 * the version hash, so one change of wording here changes all three.
 */
#include "messages.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Question openings that read well dropped when a noun phrase follows:
 * "What is your name?" gives "Enter your name" and "Your name must be
 * ...", while "What is wrong with it?" keeps its opening. */
static const char *const dropped_openings[] = {
    "What is ", "What's ", "What are ",
};
static const char *const determiners[] = {
    "your ", "the ", "their ", "his ", "her ", "its ", "a ", "an ",
};

/* yes_no questions: "Do you have a passport?" gives "Select yes if you
 * have a passport" (GOV.UK: "Select yes if ..."). */
static const struct {
    const char *question;
    const char *statement;
} yes_if[] = {
    {"Do you ", "you "},
    {"Are you ", "you are "},
    {"Have you ", "you have "},
    {"Did you ", "you did "},
    {"Can you ", "you can "},
    {"Will you ", "you will "},
    {"Is there ", "there is "},
    {"Are there ", "there are "},
};

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

static bool
starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* @returns @p s past a dropped opening, or @p s. */
static const char *
drop(const char *s)
{
    const size_t n_open = sizeof dropped_openings / sizeof *dropped_openings;
    const size_t n_det = sizeof determiners / sizeof *determiners;
    for (size_t i = 0; i < n_open; i++) {
        if (!starts_with(s, dropped_openings[i]))
            continue;
        const char *rest = s + strlen(dropped_openings[i]);
        for (size_t j = 0; j < n_det; j++)
            if (starts_with(rest, determiners[j]))
                return rest;
    }
    return s;
}

/* The label with a dropped opening, trailing punctuation and spaces
 * removed; "" when the question has no English label. */
static char *
core(struct fb_arena *a, const struct fb_question *q, bool drop_opening)
{
    const char *s = fb_text_en(&q->label);
    if (!s)
        s = q->id;
    while (*s == ' ')
        s++;
    if (drop_opening)
        s = drop(s);
    size_t n = strlen(s);
    while (n > 0 && strchr(" \t\n?:.", s[n - 1]))
        n--;
    return fb_arena_strndup(a, s, n);
}

/* An acronym or the pronoun "I" keeps its capital: "UPRN", "I agree". */
static bool
keeps_capital(const char *s)
{
    return isupper((unsigned char)s[0]) &&
           (isupper((unsigned char)s[1]) || s[1] == ' ' || s[1] == '\0');
}

/* The label as the object of a sentence: "Enter your full name". */
static const char *
object(struct fb_arena *a, const struct fb_question *q)
{
    char *s = core(a, q, true);
    if (!keeps_capital(s))
        s[0] = (char)tolower((unsigned char)s[0]);
    return s;
}

/* The label as the subject of a sentence: "Full name must be ...". */
static const char *
subject(struct fb_arena *a, const struct fb_question *q)
{
    char *s = core(a, q, true);
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

static const char *
yes_no_required(struct fb_arena *a, const struct fb_question *q)
{
    char *s = core(a, q, false);
    for (size_t i = 0; i < sizeof yes_if / sizeof yes_if[0]; i++)
        if (starts_with(s, yes_if[i].question))
            return fb_arena_printf(a, "Select yes if %s%s",
                                   yes_if[i].statement,
                                   s + strlen(yes_if[i].question));
    return "Select yes or no";
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
        return fb_arena_printf(a, "Select %s", object(a, q));
    case FB_Q_YES_NO:
        return yes_no_required(a, q);
    case FB_Q_DECLARATION:
        return "Select the box to confirm the declaration";
    case FB_Q_ADDRESS:
        return fb_msg_address(a, q, FB_MSG_LINE1, false);
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
        return "Enter a telephone number, like 01632 960 001, "
               "07700 900 982 or +44 808 157 0192";
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

/* A number as written in a message: no trailing zeros, no exponent for
 * everyday sizes. */
static const char *
number_text(struct fb_arena *a, double x)
{
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
    const struct fb_rule *min = &q->rules[FB_RULE_MIN];
    const struct fb_rule *max = &q->rules[FB_RULE_MAX];
    *out_append_date = false;
    const char *m = author(&r->message);
    if (m)
        return m;
    switch (kind) {
    case FB_RULE_REQUIRED:
        return fb_msg_required(a, q);
    case FB_RULE_MIN_LENGTH:
        return fb_arena_printf(a, "%s must be %ld %s or more",
                               subject(a, q), r->count,
                               plural(r->count, "character", "characters"));
    case FB_RULE_MAX_LENGTH:
        return fb_arena_printf(a, "%s must be %ld %s or less",
                               subject(a, q), r->count,
                               plural(r->count, "character", "characters"));
    case FB_RULE_PATTERN:
        return fb_arena_printf(a, "Enter %s in the correct format",
                               object(a, q));
    case FB_RULE_MIN:
    case FB_RULE_MAX:
        /* GOV.UK: one range message when both ends are set. */
        if (min->present && max->present)
            return fb_arena_printf(a, "%s must be between %s and %s",
                                   subject(a, q), number_text(a, min->number),
                                   number_text(a, max->number));
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
        return fb_arena_printf(a, "Select at least %ld %s", r->count,
                               plural(r->count, "option", "options"));
    case FB_RULE_MAX_SELECTED:
        return fb_arena_printf(a, "Select no more than %ld %s", r->count,
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
