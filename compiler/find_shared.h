/* SPDX-License-Identifier: MIT */
/*
 * Where formc finds the shared files of the pattern library: patterns
 * (patterns/NAME.yaml, the expand pass) and holiday lists
 * (patterns/holidays/NAME.yaml, the booking model). One search for both,
 * so a form finds every shared file the same way.
 */
#pragma once

#include <stdbool.h>
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

/** @returns true when @p s can name a shared file: [a-z0-9][a-z0-9_-]*, at
 *  most 64 characters, so it can only name a file in the directories
 *  searched (no "/", no ".."). */
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

/** @returns "'a', 'b' and 'c'" for @p names (or "none"), in c's arena:
 *  the names a message offers when one is not found. */
const char *
fb_shared_names_text(struct fb_compiler *c, const char *const *names,
                     size_t n);

/** @returns the message part for a pattern library that was not found
 *  in any of @p dirs: "no pattern library in A, B, C or D; run formc
 *  where the forms' patterns/ is, or give it with --patterns DIR", in
 *  c's arena. */
const char *
fb_shared_no_library(struct fb_compiler *c, const char *const *dirs,
                     size_t n_dirs);
