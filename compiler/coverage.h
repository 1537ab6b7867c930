/* SPDX-License-Identifier: MIT */
/*
 * What a form's scenarios exercised (`formc test --coverage`): each page
 * reached (exit pages among them), each `when` of a page, question or
 * content block seen both true and false, each option chosen. Gaps are
 * reported at the form's own lines as lint findings ("coverage-gap"), so
 * --strict makes an incomplete suite fail.
 */
#pragma once

#include <stdbool.h>
#include <stdio.h>

#include "compiler.h"
#include "formbuilder/answers.h"
#include "formbuilder/form.h"
#include "lower.h"
#include "walk.h"

struct fb_coverage {
    const struct fb_form_desc *f;
    bool *page_seen;           /* per page */
    bool *page_true, *page_false;
    bool *q_true, *q_false;    /* per question of f->questions */
    bool **option;             /* per question, per option */
    bool **block_true, **block_false; /* per page, per item */
    bool *done_true, *done_false; /* per confirmation block */
};

/** @returns an empty record for @p f, in @p c's arena. */
struct fb_coverage *
fb_coverage_new(struct fb_compiler *c, const struct fb_form_desc *f);

/** Records what walk @p w (on @p today) exercised; @p summary holds the
 *  submitted answers when the journey reached check your answers, else
 *  NULL. */
void
fb_coverage_add(struct fb_coverage *cov, const struct fb_walk *w,
                const struct fb_answers *summary, const struct fb_date *today);

/** Reports every gap of @p cov at @p lw's model locations and prints one
 *  summary line to @p out. @returns how many gaps there are. */
size_t
fb_coverage_report(struct fb_compiler *c, const struct fb_coverage *cov,
                   const struct fb_lowered *lw, FILE *out);
