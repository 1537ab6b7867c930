/* SPDX-License-Identifier: MIT */
/*
 * What the outbox sends: a stored submission as the JSON or XML payload
 * of its form's generated schemas (formc's emit_schema.c: form, version,
 * reference, submitted_at, language, event, booking, answers), and the
 * plain-text summary emails carry. Pure: no I/O, no store.
 */
#pragma once

#include "buf.h"
#include "file_link.h"
#include "formbuilder/form.h"
#include "store.h"

/* One payload's facts beside the stored row. */
struct fb_payload_input {
    const struct fb_form_desc *form;
    const struct fb_submission_row *row;
    const char *event;         /* "submitted", "cancelled", "changed" */
    const char *language;      /* "en", "cy" */
    /* The booking's place as it is now, for a form with a calendar;
     * NULL when there is none (the payload then has no "booking"). */
    const struct fb_place *booking;
    /* The submission's payment, for a form with `payment:` that was
     * paid; NULL: the payload has no "payment". */
    const struct fb_payment *payment;
    /* The signed links a staff email gives each uploaded file
     * (file_link.h); NULL: the email names each by its SHA-256. */
    const struct fb_file_links *file_links;
};

/**
 * Appends the answers object of the JSON payload to @p out: the stored
 * @p answers_json of a submission of @p form, each question that has an
 * answer in question order, typed as fb_question_json_type() says
 * (numbers, integer pence, booleans, arrays, objects of parts). Export
 * writes the same object. @returns 0, or -1 when the stored answers do
 * not parse or out of memory.
 */
int
fb_payload_answers_json(struct fb_buf *out, const struct fb_form_desc *form,
                        const char *answers_json);

/**
 * Appends ', "lookups": {"ID": "found"|"unverified", ...}': how each of
 * form @p form's answers in @p answers_json checked against its endpoint
 * was taken (lookup_page.h); nothing when none was. Export writes the
 * same. @returns 0, or -1 when the answers do not parse.
 */
int
fb_payload_lookups_json(struct fb_buf *out, const struct fb_form_desc *form,
                        const char *answers_json);

/**
 * Appends the JSON payload of @p in to @p out: the submission's facts,
 * the booking (when @p in has one) and the typed answers.
 * @returns 0, or -1 when the stored answers do not parse or out of
 * memory.
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
 * answer as stored, one per paragraph, a file by its name and its link
 * (in->file_links) or SHA-256. @returns 0 or -1.
 */
int
fb_payload_text(struct fb_buf *out, const struct fb_payload_input *in,
                bool with_answers);
