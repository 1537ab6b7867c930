/* SPDX-License-Identifier: MIT */
/*
 * Where formc finds the shared files of the pattern library: patterns
 * (patterns/NAME.yaml, the expand pass) and holiday lists
 * (patterns/holidays/NAME.yaml, the booking model). One search for both,
 * so a form finds every shared file the same way.
 */
#pragma once

#include <stddef.h>

#include "compiler.h"

/* Directories a shared file is looked for in, at most. */
#define FB_SHARED_DIRS 4

/**
 * Fills @p out with the pattern directories for the form at @p form_path,
 * in the order they are searched: c->patterns_dir (formc --patterns DIR)
 * when set, DIR/patterns and DIR/../patterns (DIR being the form's
 * directory), then the installed FB_PATTERNS_DIR. Strings in the arena.
 * @returns how many (at most FB_SHARED_DIRS).
 */
size_t
fb_shared_dirs(struct fb_compiler *c, const char *form_path,
               const char *out[FB_SHARED_DIRS]);

/**
 * Finds @p rel ("holidays/england-and-wales.yaml", "book-something.yaml")
 * in the first of @p dirs (from fb_shared_dirs()) that has it.
 * @returns its path in the arena, or NULL.
 */
const char *
fb_find_shared(struct fb_compiler *c, const char *const *dirs, size_t n_dirs,
               const char *rel);

/**
 * Lists the names (file names without ".yaml") of the YAML files in
 * subdirectory @p sub ("holidays", or "" for the directories themselves)
 * of @p dirs, each once, sorted, into @p out (@p cap entries, strings in
 * the arena). @returns how many.
 */
size_t
fb_shared_names(struct fb_compiler *c, const char *const *dirs,
                size_t n_dirs, const char *sub, const char **out, size_t cap);
