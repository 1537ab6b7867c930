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
 * questions), start.html, check-answers.html and confirmation.html for
 * @p lw. Sample dates are worked out from @p today. @p dir must exist;
 * the form's directory is created. @returns 0, or -1 after printing the
 * failing path and the system's reason to stderr.
 */
int
fb_emit_html_form(struct fb_compiler *c, const struct fb_lowered *lw,
                  const char *dir, const struct fb_date *today);

/** Writes @p dir/index.html listing @p forms and @p dir/formbuilder.css.
 *  @returns 0, or -1 after printing why to stderr. */
int
fb_emit_html_index(struct fb_compiler *c, struct fb_lowered *const *forms,
                   size_t n_forms, const char *dir);
