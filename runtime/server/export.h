/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder export`: a form's stored submissions for back-office staff,
 * as CSV (one column per question, RFC 4180 quoting, cells that a
 * spreadsheet would run as a formula defused) or as a JSON array.
 */
#pragma once

#include <stdio.h>

#include "buf.h"
#include "formbuilder/form.h"
#include "store.h"

/** Appends @p v as one CSV cell: a leading = + - @ (or tab, CR) gets a '
 *  so spreadsheets show it as text instead of running it (CSV
 *  injection); quoted when it holds a comma, quote, line break or outer
 *  space (RFC 4180). */
void
fb_csv_cell(struct fb_buf *b, const char *v);

enum fb_export_format {
    FB_EXPORT_CSV,
    FB_EXPORT_JSON
};

/**
 * Writes the submissions of @p form from @p since (ISO date or date-time,
 * NULL for all) to @p out in @p format.
 * @returns 0, or -1 with a message in @p err when the store fails, a
 * stored answer is not valid JSON or writing fails.
 */
int
fb_export(struct fb_store *store, const struct fb_form_desc *form,
          const char *since, enum fb_export_format format, FILE *out,
          char *err, size_t errlen);
