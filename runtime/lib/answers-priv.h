/* SPDX-License-Identifier: MIT */
/*
 * Answer-set internals for the field readers: storing a value that is a
 * slice of another string without copying it twice. Private to
 * runtime/lib; everyone else uses answers.h.
 */
#pragma once

#include <stddef.h>

#include "formbuilder/answers.h"

/* fb_answers_set() for the @p n bytes at @p value (which need not be
 * NUL-terminated and must not contain NUL). @returns 0, or -1 when out of
 * memory (and the set remembers it, see fb_answers_failed()). */
int
fb_answers_setn(struct fb_answers *a, const char *name, const char *value,
                size_t n);
