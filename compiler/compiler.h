/* SPDX-License-Identifier: MIT */
/*
 * The compilation context: one per formc run. It owns the arena every pass
 * allocates from, the loaded sources and the diagnostics; one
 * fb_compiler_free() releases all of it.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "formbuilder/text.h"

/* A loaded file; text is NUL-terminated and lives in the arena. */
struct fb_source {
    const char *path;
    const char *text;
    size_t len;
};

/* Where a node came from: 1-based line and column (columns count
 * characters, as libyaml does), and how many characters to underline. */
struct fb_loc {
    const struct fb_source *src;
    unsigned line;
    unsigned col;
    unsigned len;
};

enum fb_severity {
    FB_ERROR,
    FB_WARNING,
    FB_NOTE
};

struct fb_diag {
    enum fb_severity severity;
    struct fb_loc loc;         /* src NULL: no location (I/O errors) */
    const char *id;            /* stable kind, e.g. "unknown-key" */
    const char *message;
    size_t seq;                /* order reported, to keep sorting stable */
    size_t parent;             /* notes: seq of the diagnostic they explain */
};

/* Stop collecting after this many errors: later ones are mostly noise. */
#define FB_MAX_ERRORS_DEFAULT 50

struct fb_compiler {
    struct fb_arena arena;
    struct fb_diag *diags;
    size_t n_diags;
    size_t cap_diags;
    size_t n_errors;
    size_t n_warnings;
    size_t max_errors;
    bool too_many;             /* the cap was hit; later errors dropped */
    bool strict;               /* --strict: lint warnings become errors */
    /* --allow-missing-translations: a bilingual form's text without its
     * Welsh is a warning, and the English is shown (check_lang.c). */
    bool allow_missing_translations;
    /* formc --patterns DIR: searched first for patterns and holiday
     * lists (find_shared.h), or NULL. */
    const char *patterns_dir;
};

/** Initialises @p c; free with fb_compiler_free(). */
void
fb_compiler_init(struct fb_compiler *c);

/** Frees everything the compilation allocated. */
void
fb_compiler_free(struct fb_compiler *c);

/**
 * Reports a diagnostic at @p loc (may be NULL) with the stable kind @p id.
 * The message is formatted into the arena. Errors past the cap are dropped
 * and noted once.
 */
void
fb_diag(struct fb_compiler *c, enum fb_severity severity,
        const struct fb_loc *loc, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/** A lint finding: a warning, or an error under --strict. */
void
fb_diag_lint(struct fb_compiler *c, const struct fb_loc *loc, const char *id,
             const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** @returns a mark for fb_diag_fold(): the diagnostics reported so far. */
size_t
fb_diag_mark(const struct fb_compiler *c);

/**
 * Blames one place for problems found in another file: when diagnostics
 * were reported since @p mark (while reading a file the form names, such
 * as a shared list), reports an error at @p loc with the stable kind @p id
 * and turns each of those into a note under it, keeping its own location,
 * id and text. @returns how many were folded; 0 means nothing was
 * reported since @p mark and no error was added.
 */
size_t
fb_diag_fold(struct fb_compiler *c, size_t mark, const struct fb_loc *loc,
             const char *id, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/** Prints every diagnostic gcc-style (location, message, source line and
 *  caret), sorted by file, line and column. */
void
fb_diag_print_text(struct fb_compiler *c, FILE *out);

/** Prints every diagnostic as one JSON document for CI tools. */
void
fb_diag_print_json(struct fb_compiler *c, FILE *out);

/** @returns @p p (< @p end) advanced over one character of UTF-8 text
 *  that was validated when loaded, or over one byte of a bad one; never
 *  past @p end. Columns in diagnostics count characters, so passes step
 *  through text with this; fb_utf8_count() (formbuilder/text.h) counts
 *  them. */
const char *
fb_utf8_next(const char *p, const char *end);

/** @returns "a" or "an" to go before @p word in a message ("an email
 *  question", "a name question"). */
static inline const char *
fb_article(const char *word)
{
    return word && word[0] && strchr("aeiou", word[0]) ? "an" : "a";
}

/** @returns the closest of @p candidates to @p word by edit distance, or
 *  NULL when none is close enough to suggest ("did you mean"). */
const char *
fb_closest(const char *word, const char *const *candidates, size_t n);
