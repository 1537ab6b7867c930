/* SPDX-License-Identifier: MIT */
/*
 * Answers: what a resident sent, as an ordered multi-map of field name to
 * UTF-8 string values. HTML forms post flat names ("dob-day", "contact"),
 * so raw answers are flat; normalised answers use dotted paths
 * ("address.line1", later "children.0.name") so that answers can nest
 * when written as JSON. Used by the generated validators, the renderers and
 * the runtime.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct fb_answers;

/**
 * Creates an empty answer set.
 * @returns a new set the caller frees with fb_answers_free(), or NULL when
 * out of memory.
 */
struct fb_answers *
fb_answers_new(void);

/** Frees @p a and every string it holds; NULL is a no-op. */
void
fb_answers_free(struct fb_answers *a);

/** Removes every value, keeping the set itself. */
void
fb_answers_clear(struct fb_answers *a);

/**
 * Appends a value under @p name (a copy of both is kept), after any values
 * already there: checkboxes post one name many times.
 * @returns 0, or -1 when out of memory.
 */
int
fb_answers_add(struct fb_answers *a, const char *name, const char *value);

/**
 * Replaces every value under @p name by the single @p value (copied).
 * @returns 0, or -1 when out of memory.
 */
int
fb_answers_set(struct fb_answers *a, const char *name, const char *value);

/** Removes every value under @p name. */
void
fb_answers_remove(struct fb_answers *a, const char *name);

/** Removes every value whose name is @p prefix or starts with @p prefix
 *  followed by '.' or '-': a question's parts go with it. */
void
fb_answers_remove_prefix(struct fb_answers *a, const char *prefix);

/**
 * @returns the first value under @p name, or NULL when there is none. The
 * string belongs to @p a and lives until the value is removed.
 */
const char *
fb_answers_get(const struct fb_answers *a, const char *name);

/** @returns how many values @p name has. */
size_t
fb_answers_count(const struct fb_answers *a, const char *name);

/** @returns the @p i-th value under @p name (0-based), or NULL. */
const char *
fb_answers_get_nth(const struct fb_answers *a, const char *name, size_t i);

/** @returns true when @p name has @p value among its values. */
bool
fb_answers_has(const struct fb_answers *a, const char *name,
               const char *value);

/** @returns how many name/value pairs the set holds, in insertion order. */
size_t
fb_answers_size(const struct fb_answers *a);

/** Reads pair @p i in insertion order; either out pointer may be NULL.
 *  @returns false when @p i is out of range. */
bool
fb_answers_at(const struct fb_answers *a, size_t i, const char **out_name,
              const char **out_value);

/** Copies every pair of @p from into @p to (appending).
 *  @returns 0, or -1 when out of memory. */
int
fb_answers_copy(struct fb_answers *to, const struct fb_answers *from);

/** @returns true when an add, set or copy into @p a ran out of memory
 *  since it was made or last cleared (a value may be missing): check once
 *  after validating, as fb_html_take() does for pages. */
bool
fb_answers_failed(const struct fb_answers *a);
