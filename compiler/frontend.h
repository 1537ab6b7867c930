/* SPDX-License-Identifier: MIT */
/*
 * The front end as one call: load -> expand -> model -> checks -> lint. `formc
 * check` and `formc build` both run it, so they always agree on what a
 * valid form is.
 */
#pragma once

#include "compiler.h"
#include "model.h"

/**
 * Runs every front-end pass over the form file at @p path, reporting into
 * @p c. @returns the model (owned by @p c's arena), or NULL when the file
 * could not be loaded or has no usable root. A non-NULL result may still
 * have errors: check c->n_errors.
 */
struct fb_form *
fb_front_end(struct fb_compiler *c, const char *path);

/** Like fb_front_end() for a form already in memory (the fuzzer);
 *  @p name is the path diagnostics give and shared lists are looked up
 *  from. @p text need not be NUL-terminated. */
struct fb_form *
fb_front_end_string(struct fb_compiler *c, const char *name,
                    const char *text, size_t len);
