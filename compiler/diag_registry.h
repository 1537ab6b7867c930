/* SPDX-License-Identifier: MIT */
/*
 * The one registry of formc's diagnostics (diag_registry.c): what
 * `formc explain` prints and docs/diagnostics.md is generated from.
 */
#pragma once

#include <stddef.h>

enum fb_diag_kind {
    FB_DIAG_ERROR,             /* an error: the form does not build */
    FB_DIAG_WARNING,           /* a warning, whatever the options */
    FB_DIAG_LINT               /* a warning, an error under --strict */
};

struct fb_diag_section {
    const char *title;         /* the doc's "## " heading */
    const char *intro;         /* markdown before its table, or "" */
    const char *after;         /* markdown after its table, or NULL */
    /* The doc lists its ids after the intro instead of a table (the lint,
     * whose table with the reasons is docs/lint.md's). */
    int ids_only;
};

struct fb_diag_info {
    const char *id;            /* stable: tests and CI tools use it */
    enum fb_diag_kind kind;
    size_t section;            /* index into fb_diag_sections */
    const char *summary;       /* markdown, the doc table's one line */
    const char *explanation;   /* what it means and why, a paragraph */
    const char *example;       /* the corrected YAML (or command) */
};

extern const char *const fb_diag_doc_intro;
extern const struct fb_diag_section fb_diag_sections[];
extern const size_t fb_diag_n_sections;
extern const struct fb_diag_info fb_diag_registry[];
extern const size_t fb_diag_n_registry;

/** @returns the row of diagnostic @p id, or NULL when it has none. */
const struct fb_diag_info *
fb_diag_info_find(const char *id);
