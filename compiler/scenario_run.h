/* SPDX-License-Identifier: MIT */
/*
 * Running one author test scenario (scenario.h) the way the server runs a
 * resident's answers: the answers are posted as a browser would post
 * them, the server's own walk (runtime/server/walk.c) decides the pages,
 * errors and exit, the server's JSON writer the payload and libfbrt's
 * renderer the confirmation page. Each expectation that does not hold is
 * reported where it is written ("scenario-failed"), with what happened.
 */
#pragma once

#include "compiler.h"
#include "coverage.h"
#include "scenario.h"

/** Posts the answers of @p s into @p raw as a browser would post them
 *  (field names "ID" and "ID-SUFFIX"). @returns 0, 1 when an answer is
 *  written wrongly (reported), -1 when out of memory. */
int
fb_scenario_post(struct fb_compiler *c, const struct fb_form_desc *f,
                 const struct fb_scenario *s, struct fb_answers *raw);

/** Runs @p s on @p f (fb_form_init() done) with @p today when the
 *  scenario names no day, recording it in @p cov. @returns 1 when every
 *  expectation held, 0 when one failed, -1 when out of memory. */
int
fb_scenario_run(struct fb_compiler *c, const struct fb_form_desc *f,
                const struct fb_scenario *s, const struct fb_date *today,
                struct fb_coverage *cov);
