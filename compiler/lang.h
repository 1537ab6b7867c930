/* SPDX-License-Identifier: MIT */
/*
 * Languages in form files: the codes a text's mapping and a form's
 * `languages:` list use ("en", "cy"), read in one place so the model, the
 * expand pass (which places a bilingual parameter's Welsh in Welsh text)
 * and the translations command agree. docs/welsh.md is the reference.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "compiler.h"
#include "formbuilder/form.h"
#include "load.h"

/* Bit of a language in a mask such as fb_form_desc.languages. */
#define FB_LANG_BIT(l) (1u << (l))

/* The codes, indexed by enum fb_lang. */
extern const char *const fb_lang_codes[FB_LANG__COUNT];

/** @returns the language written @p code ("en", "cy"), or FB_LANG__COUNT
 *  when it is none. */
enum fb_lang
fb_lang_from_code(const char *code);

/**
 * Reads a `languages:` list (of a form or a pattern) into a mask of
 * FB_LANG_BIT()s, reporting at each bad item: an unknown code
 * ("unknown-language", with the nearest code), a code given twice, a
 * list without "en" (English is always there). @returns the mask,
 * always including English.
 */
unsigned
fb_lang_read_list(struct fb_compiler *c, const struct fb_node *n);

/** @returns the mask the `languages:` node @p n says, reporting nothing
 *  (English only when @p n is NULL or not a list). For the expand pass,
 *  which runs before the model reads and reports the list. */
unsigned
fb_lang_peek_list(const struct fb_node *n);

/** @returns true when @p n is a text in languages: a mapping whose keys
 *  are all language codes, such as {en: ..., cy: ...}. */
bool
fb_lang_is_text_map(const struct fb_node *n);
