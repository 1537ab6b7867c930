/* SPDX-License-Identifier: MIT */
/*
 * What the outbox sends: a stored submission as the JSON or XML payload
 * of its form's generated schemas (formc's emit_schema.c: form, version,
 * reference, submitted_at, language, event, answers), and the plain-text
 * summary emails carry. Pure: no I/O, no store.
 */
#pragma once

#include "buf.h"
#include "formbuilder/form.h"
#include "store.h"

/* One payload's facts beside the stored row. */
struct fb_payload_input {
    const struct fb_form_desc *form;
    const struct fb_submission_row *row;
    const char *event;         /* "submitted", "cancelled", "changed" */
    const char *language;      /* "en", "cy" */
};

/**
 * Appends the JSON payload of @p in to @p out: the stored answers as they
 * are (already the schema's shape) inside the submission's facts.
 * @returns 0, or -1 when out of memory.
 */
int
fb_payload_json(struct fb_buf *out, const struct fb_payload_input *in);

/**
 * Appends the XML payload of @p in (valid against the form's XSD), built
 * with libxml2's xmlTextWriter. @returns 0, or -1 when the stored answers
 * do not parse or out of memory.
 */
int
fb_payload_xml(struct fb_buf *out, const struct fb_payload_input *in);

/**
 * Appends a plain-text summary for an email: the reference, then for a
 * staff email (@p with_answers) each answered question's label and
 * answer as stored, one per paragraph. @returns 0 or -1.
 */
int
fb_payload_text(struct fb_buf *out, const struct fb_payload_input *in,
                bool with_answers);
