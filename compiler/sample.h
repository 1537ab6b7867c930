/* SPDX-License-Identifier: MIT */
/*
 * Sample answers for the static review pages: a believable answer to
 * every question, and a journey through the form on them, walked with
 * the runtime's driver exactly as the server walks a resident's answers.
 * Where the first answers end the journey at an exit page, the answers
 * that exit page tests are varied (each option of a choice, each side of
 * the numbers and dates the form's conditions compare with) until the
 * journey reaches check your answers, or there is nothing left to try.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "compiler.h"
#include "formbuilder/answers.h"
#include "formbuilder/form.h"

struct fb_sample_literals;

struct fb_sample {
    const struct fb_form_desc *form;
    const struct fb_date *today;
    unsigned *variant;         /* which answer each question gets, by
                                  its index in form->questions */
    /* Per question: the literals the form's conditions compare it with. */
    struct fb_sample_literals *lits;
    const struct fb_page_desc **journey; /* pages the walk went through */
    size_t n_journey;
    bool exit;                 /* the journey ends at an exit page */
    /* Per page of the form: the normalised answers of the journey's pages
     * before it (what its conditions are tested on), or NULL when the
     * page is not on the journey. */
    struct fb_answers **known;
    struct fb_answers *in;     /* the raw answers posted */
    struct fb_answers *out;    /* the normalised answers of the journey */
};

/** Finds the sample journey of @p form on @p today into @p s (arrays in
 *  @p c's arena; answer sets freed by fb_sample_free()).
 *  @returns 0, or -1 when out of memory. */
int
fb_sample_journey(struct fb_compiler *c, const struct fb_form_desc *form,
                  const struct fb_date *today, struct fb_sample *s);

/** Frees the answer sets of @p s. */
void
fb_sample_free(struct fb_sample *s);

/** Posts the sample answer of @p q (as @p s chose it) into @p in, as a
 *  browser would: every part of a date or address, one field otherwise.
 *  @returns 0, or -1 when out of memory. */
int
fb_sample_post(const struct fb_sample *s, const struct fb_question_desc *q,
               struct fb_answers *in);
