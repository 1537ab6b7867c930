/* SPDX-License-Identifier: MIT */
/*
 * Repeating groups ("add another", fb_repeat_desc in form.h): where a
 * group's items live in an answer set. Item N of page PAGE is stored
 * under "PAGE.N." followed by each answer's own name, raw ("people.0.
 * name-first", as posted) and normalised ("people.0.name.first") alike;
 * raw answers also keep the number of items under "PAGE". The server's
 * walk, its pages, check answers, payloads and exports read them here.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/answers.h"
#include "formbuilder/form.h"

/** @returns how many items of repeating page @p p @p a holds: the count
 *  under p->id where there is one (raw answers), else one more than the
 *  highest item number any name "PAGE.N." has. Never more than
 *  FB_REPEAT_LIMIT + 1. */
size_t
fb_repeat_count(const struct fb_page_desc *p, const struct fb_answers *a);

/** fb_repeat_count() for the repeating page whose id is @p id. */
size_t
fb_repeat_count_of(const char *id, const struct fb_answers *a);

/** fb_repeat_item() for the repeating page whose id is @p id. */
int
fb_repeat_item_of(const char *id, const struct fb_answers *a, size_t i,
                  struct fb_answers *out);

/** Appends item @p i's answers from @p a to @p out without their
 *  "PAGE.N." prefix. @returns 0, or -1 when out of memory. */
int
fb_repeat_item(const struct fb_page_desc *p, const struct fb_answers *a,
               size_t i, struct fb_answers *out);

/** Appends every pair of @p item to @p a as item @p i ("PAGE.N." before
 *  each name). @returns 0, or -1 when out of memory. */
int
fb_repeat_add_item(const struct fb_page_desc *p, struct fb_answers *a,
                   size_t i, const struct fb_answers *item);

/** Replaces item @p i of raw answers @p a by @p item; @p i may be the
 *  count, adding an item. Updates the count. @returns 0, or -1. */
int
fb_repeat_put_item(const struct fb_page_desc *p, struct fb_answers *a,
                   size_t i, const struct fb_answers *item);

/** Removes item @p i of raw answers @p a, the later items moving down
 *  one, and updates the count. @returns 0, or -1 when out of memory. */
int
fb_repeat_remove_item(const struct fb_page_desc *p, struct fb_answers *a,
                      size_t i);

/** @returns the item named by the path segment @p s ("0", "12"), or -1
 *  when it is not a plain item number below FB_REPEAT_LIMIT. */
long
fb_repeat_parse_item(const char *s);

/** @returns the repeating page of @p f that asks @p q, or NULL when @p q
 *  is asked once. */
const struct fb_page_desc *
fb_repeat_page_of(const struct fb_form_desc *f,
                  const struct fb_question_desc *q);
