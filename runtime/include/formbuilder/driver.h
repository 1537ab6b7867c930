/* SPDX-License-Identifier: MIT */
/*
 * The driver: the one interpreter of form descriptors (formbuilder/
 * form.h), as SQLite's VDBE runs every compiled statement. It evaluates
 * conditions, reads and validates answers by the question-type table and
 * the rule tables, and is used by the server, by back-office validators
 * and by formc's static review pages alike.
 */
#pragma once

#include <stdbool.h>

#include "formbuilder/answers.h"
#include "formbuilder/errors.h"
#include "formbuilder/form.h"

/** Compiles the regexes of @p form's `pattern` rules into their slots.
 *  Call once before validating, from one thread. @returns 0, or -1 (with
 *  a sentence in @p why) when one does not compile or memory runs out. */
int
fb_form_init(const struct fb_form_desc *form, char *why, size_t cap);

/** Frees what fb_form_init() made; safe to call when it failed. */
void
fb_form_fini(const struct fb_form_desc *form);

/** @returns the value of condition @p c over @p answers on @p today
 *  (NULL @p c is true). A question that is unanswered, or not a number or
 *  date where one is compared, makes a comparison false. */
bool
fb_cond_eval(const struct fb_cond_desc *c, const struct fb_answers *answers,
             const struct fb_date *today);

/** @returns true when answer @p v begins with @p prefix, ASCII letters
 *  in any case: what `starts with` tests (false when either is NULL). */
bool
fb_text_starts_with(const char *v, const char *prefix);

/** @returns true when stored postcode @p pc ("SK1 1AA") is in @p area:
 *  its letters ("SK"), or its whole outward code ("SK1", so "SK10 1AA"
 *  is not in SK1), letters in any case. What `postcode of` and the
 *  in_area rule test; false when @p area is NULL. */
bool
fb_postcode_in_area(const char *pc, const char *area);

/**
 * Validates question @p q (which must apply) against @p in (the raw
 * answers of the whole journey, so `matches` can see other pages): stores
 * its normalised answer in @p out, or adds its errors to @p errs. When
 * memory runs out it adds no error and leaves fb_answers_failed(@p out)
 * true, so running out of memory is never reported as a wrong answer.
 * A `pattern` that stops at PCRE2's match limit (fb_regex_test() says
 * FB_REGEX_LIMIT) leaves fb_answers_failed(@p out) true as well, with a
 * FB_MSG_PATTERN_UNDECIDED error: the server's failure, not the answer's.
 */
void
fb_validate_question(const struct fb_question_desc *q,
                     const struct fb_answers *in, const struct fb_date *today,
                     struct fb_answers *out, struct fb_errors *errs);

/**
 * Validates every question of page @p p that applies, in page order: the
 * normalised answers go to @p out and one error per failing input to
 * @p errs. @returns false when memory ran out or a pattern could not be
 * decided (@p out or @p errs may be incomplete: the page must not pass,
 * and the server answers 500), true otherwise, errors or not.
 */
bool
fb_validate_page(const struct fb_page_desc *p, const struct fb_answers *in,
                 const struct fb_date *today, struct fb_answers *out,
                 struct fb_errors *errs);
