/* SPDX-License-Identifier: MIT */
/*
 * Error list: the field errors the driver finds on a page, in page order.
 * Each names the question, the id of the element the error summary links
 * to (the input in error, e.g. "dob-year") and what to say: a message id
 * with its parameters, or the author's own text. The words are chosen
 * only when a page is written, in the page's language
 * (fb_error_message()).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/form.h"
#include "formbuilder/messages.h"

struct fb_error {
    const char *question; /* question id, e.g. "dob" */
    const char *anchor;   /* element id the summary link targets */
    int part;             /* the part the anchor names (index into the
                             type's parts), or -1 for the whole question */
    unsigned parts;       /* bit i: part i is in error and is highlighted;
                             0 highlights every input of the question */
    enum fb_msg msg;      /* used when text is NULL */
    /* The author's message; it lives as long as the form descriptor. */
    const struct fb_i18n *text;
    struct fb_msg_args args;
};

struct fb_errors;

/** @returns a new empty list (free with fb_errors_free()), or NULL. */
struct fb_errors *
fb_errors_new(void);

/** Frees @p e; NULL is a no-op. */
void
fb_errors_free(struct fb_errors *e);

/** Empties the list and forgets a past failure. */
void
fb_errors_clear(struct fb_errors *e);

/**
 * Adds a copy of @p err (question and anchor are copied; the pointers in
 * the message parameters are kept). A second error for the same question
 * and part is ignored: the Design System shows one message per input.
 * @returns 0, or -1 when out of memory (and the list remembers it: see
 * fb_errors_failed()).
 */
int
fb_errors_add(struct fb_errors *e, const struct fb_error *err);

/** @returns true when an add ran out of memory since the list was made or
 *  cleared: an error may be missing, so the page must not pass. */
bool
fb_errors_failed(const struct fb_errors *e);

/** @returns how many errors the list holds. */
size_t
fb_errors_count(const struct fb_errors *e);

/** @returns error @p i, or NULL when out of range. */
const struct fb_error *
fb_errors_at(const struct fb_errors *e, size_t i);

/** @returns the first error for @p question, or NULL when it has none. */
const struct fb_error *
fb_errors_find(const struct fb_errors *e, const char *question);

/** @returns the error for part @p part of @p question (-1: the whole
 *  question), or NULL. */
const struct fb_error *
fb_errors_find_part(const struct fb_errors *e, const char *question,
                    int part);

/** Writes the words of @p err in @p lang into @p buf. @returns @p buf. */
const char *
fb_error_message(const struct fb_error *err, enum fb_lang lang, char *buf,
                 size_t cap);
