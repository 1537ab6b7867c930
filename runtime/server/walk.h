/* SPDX-License-Identifier: MIT */
/*
 * The walk: which pages of a form apply to a resident's answers, where
 * the journey stops and what would be submitted. It goes through the form
 * from the first page with the raw answers: a page applies when its `when`
 * holds over the answers of the applying pages before it; the walk stops
 * at the first applying page the resident has not sent yet, at the first
 * whose answers do not validate, or at an exit page. Everything the
 * journey decides (where a resident may go, the back link, what check
 * your answers lists, what is submitted) comes from here, so answers of
 * pages that stopped applying are never sent. No HTTP in here.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/answers.h"
#include "formbuilder/errors.h"
#include "formbuilder/form.h"

struct fb_walk {
    const struct fb_page_desc **pages; /* applying pages reached, in order */
    size_t n;
    /* Where the journey stops short of check your answers: the first
     * applying page not yet sent or with errors, else NULL. */
    const struct fb_page_desc *incomplete;
    bool unseen;               /* incomplete because it was never sent */
    const struct fb_page_desc *exit;   /* exit page reached, or NULL */
    struct fb_errors *errs;    /* errors of the incomplete page */
    /* A repeating incomplete page: the item whose answers have errors,
     * or -1 when it is the group as a whole (not yet finished, or too
     * few or too many items: the summary page's errors). */
    long item;
    struct fb_answers *eff;    /* what conditions and validators see */
    struct fb_answers *out;    /* normalised answers of applying pages */
};

/**
 * Walks @p f over @p raw on the day @p today. @p seen names the pages the
 * resident has sent (as names of an answer set); NULL treats every page
 * as sent. @returns 0 with the result in @p w (free with fb_walk_free()),
 * or -1 when memory ran out (then @p w holds nothing to free).
 */
int
fb_walk_run(struct fb_walk *w, const struct fb_form_desc *f,
            const struct fb_answers *raw, const struct fb_answers *seen,
            const struct fb_date *today);

/** Frees what a walk holds; safe on a zeroed walk. */
void
fb_walk_free(struct fb_walk *w);

/** @returns the index of @p p among the walk's pages, or -1. */
long
fb_walk_index(const struct fb_walk *w, const struct fb_page_desc *p);

/** @returns true when page @p p posts a field called @p name (a question
 *  id, or "ID-SUFFIX" of one of its parts). */
bool
fb_page_has_field(const struct fb_page_desc *p, const char *name);

/** Removes every field of page @p p from @p a. @returns 0, or -1 when out
 *  of memory. */
int
fb_page_remove_fields(const struct fb_page_desc *p, struct fb_answers *a);
