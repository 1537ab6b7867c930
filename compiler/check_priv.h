/* SPDX-License-Identifier: MIT */
/*
 * The cross-reference checks, split by subject: ids (check_ids.c),
 * conditions (check_when.c), reveals (check_reveal.c), rules and regexes
 * (check_rules.c, check_regex.c), reachability (check_reach.c), submit
 * (check_submit.c). fb_check_form() in
 * check.c builds the shared lookup table and runs them in order. Private
 * to the checks.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "compiler.h"
#include "model.h"

/* What every check pass shares: the form and a by-id index of it. */
struct fb_check {
    struct fb_compiler *c;
    struct fb_form *form;
    struct fb_question **by_id; /* sorted by id, then form order */
    const char **ids;          /* question ids in form order, for
                                  did-you-mean */
    size_t n_ids;              /* questions with an id: by_id, ids */
    /* Option values per question (by q->index), made on first use. */
    const char ***values;
    size_t *n_values;
};

/* A name for messages: @p s, or "?" where the model could not read it. */
static inline const char *
fb_check_name(const char *s)
{
    return s ? s : "?";
}

/** @returns "a" or "an" to go before @p word in a message. */
static inline const char *
fb_check_article(const char *word)
{
    return fb_article(word);
}

/** @returns the first question (in form order) with @p id, or NULL. */
struct fb_question *
fb_check_find(const struct fb_check *ck, const char *id);

/**
 * Reports that @p id names no question, with the stable kind @p diag_id:
 * the message is @p lead (already saying what was looked up), then a
 * did-you-mean when a question id is close, else @p hint.
 */
void
fb_check_unknown_question(struct fb_check *ck, const struct fb_loc *loc,
                          const char *diag_id, const char *id,
                          const char *lead, const char *hint);

/** @returns the option values a condition may name for @p q (the options,
 *  or "yes" and "no" for yes_no), an array owned by the checks and made
 *  once per question; *out_n gets the count (0 without options). */
const char **
fb_check_option_values(const struct fb_check *ck,
                       const struct fb_question *q, size_t *out_n);

/** @returns true when @p q's answer is one stored text that `is`
 *  compares exactly and `starts with` tests: text, textarea, email,
 *  phone, postcode, time, NI number, a name without parts. */
bool
fb_check_free_text(const struct fb_question *q);

/** @returns true when @p s is a postcode area ("SK") or district ("SK1",
 *  "M14", "SW1A"): one or two letters, then optionally a digit and a
 *  digit or letter. What `postcode of` may list. */
bool
fb_check_postcode_area(const char *s);

/** Reports duplicate question and page ids ("duplicate-id"), with a note
 *  at the first use. */
void
fb_check_ids(struct fb_check *ck);

/** Resolves every `when` test (cond->target) and reports unknown or later
 *  questions, unknown options and type mismatches. */
void
fb_check_conditions(struct fb_check *ck);

/** Resolves option reveals (option->revealed, question->revealed_by) and
 *  reports unknown, misplaced and doubly revealed questions. */
void
fb_check_reveals(struct fb_check *ck);

/** Reports contradictory rules, bad `matches` targets (resolving
 *  rule.target) and patterns PCRE2 rejects. */
void
fb_check_rules(struct fb_check *ck);

/** Warns ("regex-backtracking") when @p r, a `pattern` rule of @p q that
 *  PCRE2 accepts, repeats a group whose body holds a repeat without bound
 *  or alternatives that start alike: shapes prone to catastrophic
 *  backtracking (check_regex.c says exactly which). At most one warning
 *  per pattern. */
void
fb_check_regex_backtracking(struct fb_check *ck, const struct fb_question *q,
                            const struct fb_rule *r);

/** Reports pages and questions that can never be shown. Run after
 *  fb_check_conditions(). */
void
fb_check_reachability(struct fb_check *ck);

/** The submit section: the confirmation email's `to` names an email
 *  question ("confirmation-to"). */
void
fb_check_submit(struct fb_check *ck);

/** Languages (check_lang.c): every text of a bilingual form has Welsh
 *  ("missing-translation"); an English-only form has none
 *  ("welsh-not-offered"). */
void
fb_check_languages(struct fb_check *ck);

/* Booking questions, the calendar's quota, and the placeholders of
 * content and confirmation text (check_booking.c). */
/* check_file.c: a file question has a page of its own. */
void
fb_check_files(struct fb_check *ck);

void
fb_check_booking(struct fb_check *ck);

/* `payment: {amount: {from: ...}}` (check_payment.c). */
void
fb_check_payment(struct fb_check *ck);
/** `lookup:` (check_lookup.c): where a looked-up question is asked, and
 *  its `fill` resolved (fill->target). Run after fb_check_reveals(). */
void
fb_check_lookups(struct fb_check *ck);
/** Repeating groups: bounds, summary placeholders, what a group may ask
 *  (check_repeat.c). */
void
fb_check_repeats(struct fb_check *ck);

/** Checks `count of GROUP OP N` on page @p at (NULL: the confirmation),
 *  resolving test->group_page. */
void
fb_check_count_test(struct fb_check *ck, const struct fb_page *at,
                    struct fb_cond *test);

/** Checks that test @p test of question @p t, on page @p at (NULL: the
 *  confirmation), tests a repeating page's question only as `any
 *  GROUP.ID` from outside the group, and an `any` only names the group's
 *  own question. @returns false when it reported. */
bool
fb_check_group_test(struct fb_check *ck, const struct fb_page *at,
                    struct fb_cond *test, const struct fb_question *t);
