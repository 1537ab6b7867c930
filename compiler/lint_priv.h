/* SPDX-License-Identifier: MIT */
/*
 * The accessibility lint, split by subject: the driver and most rules
 * (lint.c), the input-purpose rule with its word list (lint_purpose.c).
 * Private to the lint.
 */
#pragma once

#include "compiler.h"
#include "model.h"

/**
 * Reports @p q when it is a `text` question whose English label asks for
 * the resident's name, email address, telephone number, address or
 * postcode and it has no `autocomplete` (lint-input-purpose, WCAG 2.2 SC
 * 1.3.5 Identify Input Purpose). The words it knows are listed in
 * docs/lint.md.
 */
void
fb_lint_input_purpose(struct fb_compiler *c, const struct fb_question *q);

/** Reports the same information about the resident asked twice in
 *  @p form (lint_redundant.c). */
void
fb_lint_redundant_entry(struct fb_compiler *c, const struct fb_form *form);
