/* SPDX-License-Identifier: MIT */
/*
 * Shared files a form names by a short name: service patterns
 * (patterns/NAME.yaml), bank holiday lists (patterns/holidays/NAME.yaml)
 * and autocomplete lists (lists/NAME.yaml). This file owns where they are
 * looked for, so every pass that reads one searches the same places and
 * says the same thing when a name is not found.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "compiler.h"

/* Directories a search looks in, first match wins. */
#define FB_SHARED_MAX_DIRS 4

struct fb_shared_dirs {
    const char *dirs[FB_SHARED_MAX_DIRS];
    size_t n;
};

/** @returns true when @p s can name a shared file: [a-z0-9][a-z0-9_-]*, at
 *  most 64 characters, so it can only name a file in the search
 *  directories (no "/", no ".."). */
bool
fb_shared_name_ok(const char *s);

/** @returns the directory part of @p path ("forms" for "forms/x.yaml", "."
 *  for "x.yaml", "/" for "/x.yaml"), in @p a. */
const char *
fb_shared_dir_of(struct fb_arena *a, const char *path);

/** @returns "DIR/../SUB" for directory @p dir written as an author would:
 *  "SUB" for "forms", "X/SUB" for "X/forms", "../SUB" for "."; in @p a. */
const char *
fb_shared_beside(struct fb_arena *a, const char *dir, const char *sub);

/**
 * Fills @p out with where patterns are looked for, in order: @p c's
 * --patterns directory (if set), DIR/patterns and DIR/../patterns for the
 * form at @p form_path (NULL: the current directory's patterns/ only), then
 * the installed FB_PATTERNS_DATADIR. With @p sub (such as "holidays") each
 * directory gets "/SUB" appended, so a pattern and the lists it shares are
 * found together. Strings are in c's arena.
 */
void
fb_shared_pattern_dirs(struct fb_compiler *c, const char *form_path,
                       const char *sub, struct fb_shared_dirs *out);

/** @returns the path of the first DIR/NAME.yaml of @p dirs that is a
 *  regular file (in c's arena), or NULL. */
const char *
fb_shared_find(struct fb_compiler *c, const struct fb_shared_dirs *dirs,
               const char *name);

/** Sets *out_names to the sorted names (without ".yaml") of the files in
 *  @p dirs, each once (the first directory holding a name wins, as in
 *  fb_shared_find()), and *out_paths (may be NULL) to their paths; all in
 *  c's arena. @returns how many. */
size_t
fb_shared_list(struct fb_compiler *c, const struct fb_shared_dirs *dirs,
               const char ***out_names, const char ***out_paths);

/** @returns "'a', 'b' and 'c'" for @p names (or "none"), in c's arena:
 *  the names a message offers when one is not found. */
const char *
fb_shared_names_text(struct fb_compiler *c, const char *const *names,
                     size_t n);
