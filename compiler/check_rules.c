/* SPDX-License-Identifier: MIT */
/*
 * Rule checks: rules that no answer can pass together (min above max and
 * the like), `matches` rules that name a question that is unknown, later
 * or of another kind (resolving rule.target), and `pattern` regexes that
 * PCRE2 rejects, compiled with the options the runtime uses so a form that
 * checks clean cannot fail at start-up; those it accepts go on to the
 * backtracking check (check_regex.c).
 */
#include "check_priv.h"
#include "cond_loc.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct fb_rule *
rule(const struct fb_question *q, enum fb_rule_kind k)
{
    return q->rules[k].present ? &q->rules[k] : NULL;
}

/* Reports that rule @p b cannot hold together with @p a, at @p b. */
static void
contradiction(struct fb_check *ck, const struct fb_rule *a,
              enum fb_rule_kind ka, const struct fb_rule *b,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
contradiction(struct fb_check *ck, const struct fb_rule *a,
              enum fb_rule_kind ka, const struct fb_rule *b,
              const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fb_diag(ck->c, FB_ERROR, &b->value_loc, "rule-contradiction", "%s", msg);
    fb_diag(ck->c, FB_NOTE, &a->value_loc, "rule-contradiction",
            "'%s' is set here", fb_rule_name(ka));
}

static void
check_numbers(struct fb_check *ck, const struct fb_question *q)
{
    const struct fb_rule *min = rule(q, FB_RULE_MIN);
    const struct fb_rule *max = rule(q, FB_RULE_MAX);
    if (min && max && min->number > max->number) {
        contradiction(ck, min, FB_RULE_MIN, max,
                      "'max' (%g) is less than 'min' (%g), so no answer "
                      "to '%s' can pass; swap them",
                      max->number, min->number, q->id);
        return;
    }
    if (!rule(q, FB_RULE_INTEGER))
        return;
    if (min && max && ceil(min->number) > floor(max->number)) {
        contradiction(ck, min, FB_RULE_MIN, max,
                      "no whole number lies between 'min' (%g) and 'max' "
                      "(%g), and '%s' only takes whole numbers",
                      min->number, max->number, q->id);
        return;
    }
    const struct fb_rule *bounds[] = {min, max};
    const char *names[] = {"min", "max"};
    for (int i = 0; i < 2; i++)
        if (bounds[i] && bounds[i]->number != floor(bounds[i]->number))
            fb_diag(ck->c, FB_WARNING, &bounds[i]->value_loc,
                    "rule-integer-bound",
                    "'%s' (%g) is not a whole number but '%s' only takes "
                    "whole numbers; write %g",
                    names[i], bounds[i]->number, q->id,
                    i == 0 ? ceil(bounds[i]->number)
                           : floor(bounds[i]->number));
}

static void
check_counts(struct fb_check *ck, const struct fb_question *q)
{
    const struct fb_rule *lo = rule(q, FB_RULE_MIN_LENGTH);
    const struct fb_rule *hi = rule(q, FB_RULE_MAX_LENGTH);
    if (lo && hi && hi->count < lo->count)
        contradiction(ck, lo, FB_RULE_MIN_LENGTH, hi,
                      "'max_length' (%ld) is less than 'min_length' (%ld), "
                      "so no answer to '%s' can pass",
                      hi->count, lo->count, q->id);
    lo = rule(q, FB_RULE_MIN_SELECTED);
    hi = rule(q, FB_RULE_MAX_SELECTED);
    if (lo && hi && hi->count < lo->count)
        contradiction(ck, lo, FB_RULE_MIN_SELECTED, hi,
                      "'max_selected' (%ld) is less than 'min_selected' "
                      "(%ld), so no answer to '%s' can pass",
                      hi->count, lo->count, q->id);
    else if (lo && q->type == FB_Q_CHECKBOXES && q->n_options > 0 &&
             (size_t)lo->count > q->n_options)
        fb_diag(ck->c, FB_ERROR, &lo->value_loc, "rule-contradiction",
                "'min_selected' is %ld but '%s' has only %zu option%s, so "
                "no answer can pass",
                lo->count, q->id, q->n_options,
                q->n_options == 1 ? "" : "s");
}

/* The rules are strict (after 09:00 and before 10:00 leave 09:01 to
 * 09:59), so they contradict each other unless before is at least two
 * steps (days, minutes) after after. */
static void
check_dates(struct fb_check *ck, const struct fb_question *q)
{
    const struct fb_rule *before = rule(q, FB_RULE_BEFORE);
    const struct fb_rule *after = rule(q, FB_RULE_AFTER);
    if (before && after && q->type == FB_Q_TIME) {
        if (before->count - after->count <= 1)
            contradiction(ck, after, FB_RULE_AFTER, before,
                          "no time is after 'after' and before 'before', "
                          "so no answer to '%s' can pass; check the two "
                          "times", q->id);
    } else if (before && after &&
               before->date.relative == after->date.relative) {
        /* Empty when the day after 'after' is not before 'before'. */
        struct fb_date next = fb_date_add_days(after->date.date, 1);
        bool empty = before->date.relative
                         ? before->date.offset_days -
                                   after->date.offset_days <= 1
                         : fb_date_cmp(&before->date.date, &next) <= 0;
        if (empty)
            contradiction(ck, after, FB_RULE_AFTER, before,
                          "no day is after 'after' and before 'before', so "
                          "no date can be given for '%s'; check the two "
                          "dates", q->id);
    }
    const struct fb_rule *past = rule(q, FB_RULE_PAST);
    const struct fb_rule *future = rule(q, FB_RULE_FUTURE);
    if (past && future)
        contradiction(ck, past, FB_RULE_PAST, future,
                      "a date cannot be both in the past and in the "
                      "future; keep 'past' or 'future' for '%s'",
                      q->id);
}

/* Kinds of answer that `matches` can compare: a plain text question may
 * confirm an email, phone or postcode and the other way round. */
static bool
matchable(enum fb_qtype a, enum fb_qtype b)
{
    if (a == b)
        return true;
    bool a_text = a == FB_Q_TEXT, b_text = b == FB_Q_TEXT;
    bool a_typed = a == FB_Q_EMAIL || a == FB_Q_PHONE || a == FB_Q_POSTCODE;
    bool b_typed = b == FB_Q_EMAIL || b == FB_Q_PHONE || b == FB_Q_POSTCODE;
    return (a_text && b_typed) || (b_text && a_typed);
}

static void
check_matches(struct fb_check *ck, struct fb_question *q)
{
    struct fb_rule *r = &q->rules[FB_RULE_MATCHES];
    if (!r->present || !r->string)
        return;
    struct fb_question *t = fb_check_find(ck, r->string);
    if (!t) {
        fb_check_unknown_question(
            ck, &r->value_loc, "matches-unknown-question", r->string,
            fb_arena_printf(&ck->c->arena, "no question '%s' in this form",
                            r->string),
            "'matches' names the question this one must repeat, by its id");
        return;
    }
    r->target = t;
    if (t == q) {
        fb_diag(ck->c, FB_ERROR, &r->value_loc, "matches-later-question",
                "'%s' cannot match itself; name the question it confirms",
                q->id);
    } else if (t->index > q->index) {
        fb_diag(ck->c, FB_ERROR, &r->value_loc, "matches-later-question",
                "'%s' comes after '%s'; 'matches' must name an earlier "
                "question, the one being confirmed",
                t->id, q->id);
    } else if (q->type < FB_Q__COUNT && t->type < FB_Q__COUNT &&
               !matchable(q->type, t->type)) {
        const char *qt = fb_qtype_name(q->type), *tt = fb_qtype_name(t->type);
        fb_diag(ck->c, FB_ERROR, &r->value_loc, "matches-type",
                "'%s' is %s %s question and '%s' is %s %s question, so "
                "their answers cannot match; confirm a question of the "
                "same type",
                q->id, fb_check_article(qt), fb_check_name(qt), t->id,
                fb_check_article(tt), fb_check_name(tt));
    }
}

static void
check_pattern(struct fb_check *ck, const struct fb_question *q)
{
    const struct fb_rule *r = rule(q, FB_RULE_PATTERN);
    if (!r || !r->string)
        return;
    int code;
    PCRE2_SIZE offset;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)r->string,
                                   PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_ANCHORED |
                                       PCRE2_ENDANCHORED,
                                   &code, &offset, NULL);
    if (re) {
        pcre2_code_free(re);
        fb_check_regex_backtracking(ck, q, r);
        return;
    }
    PCRE2_UCHAR text[256];
    if (pcre2_get_error_message(code, text, sizeof(text)) < 0)
        snprintf((char *)text, sizeof(text), "error %d", code);
    size_t len = strlen(r->string);
    if (offset > len)
        offset = len;
    struct fb_loc loc = fb_scalar_loc(&r->value_loc, false, r->string,
                                      offset, offset < len ? 1 : 0);
    fb_diag(ck->c, FB_ERROR, &loc, "bad-regex",
            "the pattern for '%s' is not a valid regular expression: %s",
            q->id, (const char *)text);
}

void
fb_check_rules(struct fb_check *ck)
{
    for (size_t i = 0; i < ck->form->n_questions && !ck->c->too_many;
         i++) {
        struct fb_question *q = ck->form->questions[i];
        if (!q->id)
            continue;
        check_numbers(ck, q);
        check_counts(ck, q);
        check_dates(ck, q);
        check_matches(ck, q);
        check_pattern(ck, q);
    }
}
