/* SPDX-License-Identifier: MIT */
/*
 * Preview mode (`formbuilder serve --forms DIR --preview`, what `formc
 * serve` runs): every page carries a "Preview" banner and, on question
 * pages, a panel listing the page's question ids and the conditions that
 * decided the route; a form whose last build failed shows its
 * diagnostics (formbuilder/module.h, written by formc) instead, the page
 * refreshing itself until the form builds; submissions are printed to
 * standard output, never delivered.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/answers.h"
#include "formbuilder/form.h"
#include "formbuilder/html.h"
#include "formbuilder/validate.h"
#include "http.h"

/**
 * Answers a request for form @p slug (@p len bytes) with its diagnostics
 * page when @p dir holds diagnostics for it. @returns whether it did.
 */
bool
fb_preview_diagnostics(struct fb_request *req, const char *dir,
                       const char *slug, size_t len);

/**
 * Adds the preview banner to the page in @p w and, for a question page
 * @p page of @p f (both NULL for other pages), the panel: its question
 * ids and, for each page of @p f with a condition, the condition and
 * whether it held over @p known on @p today.
 */
void
fb_preview_decorate(struct fb_html *w, const struct fb_form_desc *f,
                    const struct fb_page_desc *page,
                    const struct fb_answers *known,
                    const struct fb_date *today);

/** Prints what a preview submission of @p f would deliver, and to whom,
 *  to standard output. */
void
fb_preview_print_submission(const struct fb_form_desc *f,
                            const char *answers_json);
