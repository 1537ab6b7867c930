/* SPDX-License-Identifier: MIT */
/*
 * Accessibility lint: warnings about a checked model (errors under
 * --strict), run after the checks. Never changes the model.
 */
#pragma once

#include "compiler.h"
#include "model.h"

/** Accessibility lint of @p form (warnings; errors under --strict),
 *  reported into @p c. */
void
fb_lint_form(struct fb_compiler *c, const struct fb_form *form);
