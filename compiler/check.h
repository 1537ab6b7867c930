/* SPDX-License-Identifier: MIT */
/*
 * The checks pass: cross-reference checks over a built model, run after
 * model.c and before the lint and the emitters (the passes themselves are
 * in check_*.c, sharing check_priv.h).
 */
#pragma once

#include "compiler.h"
#include "model.h"

/** Cross-reference checks: duplicate ids, conditions, reveals, regexes,
 *  contradictory rules, secrets, unreachable pages. Resolves the model's
 *  references (condition and `matches` targets, revealed questions), so
 *  it runs before anything reads them. Reports into @p c. */
void
fb_check_form(struct fb_compiler *c, struct fb_form *form);
