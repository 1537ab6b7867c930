/* SPDX-License-Identifier: MIT */
/*
 * Error list: the field errors a page validator finds, in page order. Each
 * names the question, the id of the element the error summary links to
 * (the first input of the question, e.g. "dob-day") and the message shown.
 */
#pragma once

#include <stddef.h>

struct fb_error {
    const char *question; /* question id, e.g. "dob" */
    const char *anchor;   /* element id the summary link targets */
    const char *message;  /* text shown, already final (not a format) */
};

struct fb_errors;

/** @returns a new empty list (free with fb_errors_free()), or NULL. */
struct fb_errors *
fb_errors_new(void);

/** Frees @p e; NULL is a no-op. */
void
fb_errors_free(struct fb_errors *e);

/** Empties the list. */
void
fb_errors_clear(struct fb_errors *e);

/**
 * Adds an error (all three strings are copied). A second error for the same
 * question is ignored: the Design System shows one message per question.
 * @returns 0, or -1 when out of memory.
 */
int
fb_errors_add(struct fb_errors *e, const char *question, const char *anchor,
              const char *message);

/** @returns how many errors the list holds. */
size_t
fb_errors_count(const struct fb_errors *e);

/** @returns error @p i, or NULL when out of range. */
const struct fb_error *
fb_errors_at(const struct fb_errors *e, size_t i);

/** @returns the error for @p question, or NULL when it has none. */
const struct fb_error *
fb_errors_find(const struct fb_errors *e, const char *question);
