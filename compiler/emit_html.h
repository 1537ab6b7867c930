/* SPDX-License-Identifier: MIT */
/*
 * Static review pages: every page of a form rendered with the runtime's
 * own renderers into plain .html files (empty state, a sample error state,
 * start, check answers with sample answers, confirmation) plus an index
 * and the stylesheet, linked relatively so a reviewer can open them from
 * disk and walk through them with a keyboard, and so accessibility tools
 * can test them without the server.
 */
#pragma once

#include "compiler.h"
#include "formbuilder/validate.h"
#include "lower.h"

/**
 * Writes @p dir/<slug>/<page>.html (and <page>-errors.html for pages with
 * questions), start.html, check-answers.html, confirmation.html and
 * journey.json for @p lw, and for a bilingual form the same in Welsh in
 * @p dir/<slug>/cy/. Sample dates are worked out from @p today.
 * @p dir must exist; the form's directory is created. @returns 0, or -1
 * after printing the failing path and the system's reason to stderr.
 *
 * journey.json is for tests that post the static pages' answers to the
 * server (tests/integration/static-parity.mjs) or need the form's pages
 * (the a11y suite); one object, "format": 1:
 *
 *     {"format": 1, "form": SLUG, "today": "YYYY-MM-DD",
 *      "journey": [PAGE-ID, ...],   the sample journey check-answers.html
 *                                   shows, in order
 *      "pages": [{"id": PAGE-ID,    every page, in the form's order
 *                 "exit": BOOL,
 *                 "errors": BOOL,   an empty post has errors
 *                                   (<page>-errors.html shows them)
 *                 "repeat": {"min": N, "max": N},  only on a repeating
 *                                   page: PAGE is its summary, the fields
 *                                   one item's, posted to PAGE/N
 *                                   (formbuilder/repeat.h)
 *                 "fields": [[NAME, VALUE], ...],  the sample answers the
 *                                   page posts, as a browser would
 *                 "when": [QUESTION-ID, ...],  its questions with a
 *                                   `when`
 *                 "lookups": [{"question": QUESTION-ID,
 *                              "lookup": PROVIDER}, ...]}, ...]}
 *                                   only on a page asking questions an
 *                                   endpoint checks (`lookup:` with a
 *                                   provider), each with its provider
 */
int
fb_emit_html_form(struct fb_compiler *c, const struct fb_lowered *lw,
                  const char *dir, const struct fb_date *today);

/** Writes @p dir/index.html listing @p forms and @p dir/formbuilder.css.
 *  @returns 0, or -1 after printing why to stderr. */
int
fb_emit_html_index(struct fb_compiler *c, struct fb_lowered *const *forms,
                   size_t n_forms, const char *dir);
