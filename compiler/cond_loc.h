/* SPDX-License-Identifier: MIT */
/*
 * Scalar positions (cond_loc.c): where a part of a YAML scalar's decoded
 * text was written in the source, for diagnostics that point inside a
 * value: a token of a `when`, the fault in a regex, a link in a text.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "compiler.h"

/* A place in a loaded source. */
struct fb_scalar_cursor {
    const char *p, *end;
    unsigned line, col;
};

/* Where a scalar's text starts in the source, and how it is written. */
struct fb_scalar_start {
    bool ok;                   /* the source reads as a scalar there */
    struct fb_scalar_cursor at; /* the first character of the text */
    char quote;                /* '"', '\'' or 0 */
    char block;                /* '|', '>' or 0 */
    unsigned indent;           /* block scalars: the text's indentation */
    size_t value_len;
};

/* A source position; line 0 where unknown. */
struct fb_scalar_pos {
    unsigned line, col;
};

/**
 * Maps bytes [@p off, @p off + @p n) of @p value, the decoded text of the
 * YAML scalar that starts at @p scalar, back to the source: the line and
 * column of byte @p off and the number of characters to underline. Where
 * the source does not read as that scalar (a mapping of translations, a
 * folded block with more-indented lines) it returns @p scalar itself;
 * with no source text it counts characters from @p scalar, plus one when
 * @p quoted.
 */
struct fb_loc
fb_scalar_loc(const struct fb_loc *scalar, bool quoted, const char *value,
              size_t off, size_t n);

/** Finds where the text of the scalar at @p scalar starts in its source;
 *  the result's ok is false when it cannot be found. */
struct fb_scalar_start
fb_scalar_find(const struct fb_loc *scalar, const char *value);

/** Records in @p map (strlen(@p value) + 1 entries, zeroed by the caller)
 *  the position of every byte offset of @p value, so many lookups cost one
 *  walk. @returns false when the walk stopped early (later entries stay
 *  zero). */
bool
fb_scalar_map(const struct fb_scalar_start *st, const char *value,
              struct fb_scalar_pos *map);

/** fb_scalar_loc() with the start found once by fb_scalar_find() and, if
 *  not NULL, a @p map from fb_scalar_map(). */
struct fb_loc
fb_scalar_loc_at(const struct fb_loc *scalar,
                 const struct fb_scalar_start *st,
                 const struct fb_scalar_pos *map, bool quoted,
                 const char *value, size_t off, size_t n);
