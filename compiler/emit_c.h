/* SPDX-License-Identifier: MIT */
/*
 * C emitter: writes a form's generated .h and .c from its lowered
 * descriptors: constant tables only (questions, rules, conditions, pages
 * and their items) plus one empty regex slot per pattern rule, which
 * libfbrt's driver runs. The output depends only on formbuilder/ headers
 * and compiles warning-free with -Wall -Wextra -Wconversion -Werror
 * -std=c11 -pedantic.
 */
#pragma once

#include "buf.h"
#include "compiler.h"
#include "lower.h"

/** @returns the name the generated files give their source: the last two
 *  parts of @p path ("forms/x.yaml"), so output does not depend on where
 *  the build runs. In @p a. */
const char *
fb_emit_source_name(struct fb_arena *a, const char *path);

/** Appends the generated header of @p lw to @p b: it declares
 *  `extern const struct fb_form_desc fbg_<ident>_form`. */
void
fb_emit_c_header(struct fb_buf *b, const struct fb_lowered *lw,
                 const char *source_name);

/** Appends the generated source of @p lw (lowered, with its version set)
 *  to @p b. Scratch strings go in @p c's arena. */
void
fb_emit_c_source(struct fb_compiler *c, struct fb_buf *b,
                 const struct fb_lowered *lw, const char *source_name);

/** Appends the entry points of @p lw's form module (formbuilder/
 *  module.h) to @p b: a file compiled with the generated source into a
 *  shared object that exports them and nothing else. */
void
fb_emit_c_module_entry(struct fb_buf *b, const struct fb_lowered *lw,
                       const char *source_name);
