/* SPDX-License-Identifier: MIT */
/*
 * JSON for submissions: normalised answers (flat dotted names such as
 * "address.line1", repeated names for checkboxes) are written as nested
 * objects and arrays, and read back into the same flat form for CSV
 * export. Only what submissions need: objects, arrays and strings (other
 * scalars are read as their text).
 */
#pragma once

#include <stdbool.h>

#include "formbuilder/answers.h"
#include "buf.h"

/** Tells the writer that the top-level answer @p name is a list (e.g.
 *  checkboxes) even when it holds one value. */
typedef bool (*fb_json_is_list_fn)(const char *name, void *cls);

/**
 * Appends @p answers as one JSON object: "a.b" nests as {"a":{"b":..}},
 * a name with several values (or one @p is_list accepts) is an array,
 * anything else a string. Keys keep their first-seen order.
 */
void
fb_json_answers(struct fb_buf *b, const struct fb_answers *answers,
                fb_json_is_list_fn is_list, void *cls);

/**
 * Parses @p text (a JSON object) and appends its leaves to @p out under
 * dotted names, array items as repeated values.
 * @returns 0, or -1 when @p text is not a JSON object of that shape, is
 * nested deeper than 16 levels or has a key that is empty or holds a dot
 * (it would read back as another name).
 */
int
fb_json_flatten(const char *text, struct fb_answers *out);
