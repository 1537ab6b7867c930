/* SPDX-License-Identifier: MIT */
/*
 * Service patterns (patterns/NAME.yaml): a journey skeleton with typed
 * parameters, form keys holding `{param}` placeholders and one marked
 * place, `- slot: form-pages`, where a form's own pages go. This file
 * reads and checks a pattern file; expand.c applies one to a form, and
 * `formc patterns` lists them. docs/patterns.md is the reference.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "compiler.h"
#include "load.h"

enum fb_param_type {
    FB_PARAM_TEXT,             /* any scalar, placed as text */
    FB_PARAM_NUMBER,           /* -?[0-9]+(.[0-9]+)?, unquoted */
    FB_PARAM_DURATION,         /* [0-9]+ and m, h, d, w or y: 10m, 2d, 6w */
    FB_PARAM_DATE,             /* a real YYYY-MM-DD */
    FB_PARAM_LIST,             /* a sequence, placed whole */
    FB_PARAM_BOOKING,          /* a mapping, placed whole; the model checks
                                  its keys (docs/form-language.md) */
    FB_PARAM__COUNT
};

struct fb_pattern_param {
    const char *name;
    enum fb_param_type type;
    const struct fb_node *def;         /* default value, or NULL: required */
    /* The value `formc new` writes into a starter form for a required
     * parameter, or NULL. */
    const struct fb_node *example;
    const char *description;
    struct fb_loc loc;                 /* the name in params: */
};

struct fb_pattern {
    const char *name;
    const char *path;
    const char *description;
    struct fb_pattern_param *params;
    size_t n_params;
    const struct fb_node *root;        /* the whole file */
    const struct fb_node *pages;       /* its pages: sequence, or NULL */
    unsigned languages;                /* FB_LANG_BIT()s its texts carry */
    struct fb_loc params_loc;          /* params: key, or the root */
};

/* The keys a pattern file has that a form does not. */
extern const char *const fb_pattern_own_keys[4];

/** @returns true when text value @p v (a scalar or a text in languages)
 *  has Welsh. */
bool
fb_pattern_has_welsh(const struct fb_node *v);

/** @returns the name of @p t as written in params: ("duration"). */
const char *
fb_param_type_name(enum fb_param_type t);

/**
 * Loads and checks the pattern file at @p path, which should declare the
 * pattern @p name, reporting what is wrong at the file's own lines.
 * @returns the pattern (in c's arena), or NULL when it has errors.
 */
struct fb_pattern *
fb_pattern_load(struct fb_compiler *c, const char *path, const char *name);

/** @returns the parameter of @p p called @p name (@p len bytes), or NULL. */
const struct fb_pattern_param *
fb_pattern_param(const struct fb_pattern *p, const char *name, size_t len);

/** Checks that @p value suits parameter @p param, reporting "param-type"
 *  at @p value (with a note at the declaration when @p note). @returns
 *  true when it does. */
bool
fb_pattern_value_ok(struct fb_compiler *c,
                    const struct fb_pattern_param *param,
                    const struct fb_node *value, bool note);

/**
 * Finds the next parameter placeholder in @p s at or after *@p pos: a
 * `{name}` with name [a-z][a-z0-9_]*. "{{" and "}}" are escapes, kept as
 * written for the form's own placeholders, which also skip a `{...}` that
 * is not a parameter's name (a runtime placeholder such as {booking.date}
 * has a dot). @returns true with *out_start at the '{' and *out_len the
 * name's length; *pos is moved past it.
 */
bool
fb_placeholder_next(const char *s, size_t *pos, size_t *out_start,
                    size_t *out_len);

/** @returns true when @p n is the pattern's marked place for the form's
 *  pages, `- slot: form-pages`. */
bool
fb_pattern_is_slot(const struct fb_node *n);
