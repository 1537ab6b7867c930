/* SPDX-License-Identifier: MIT */
/*
 * Error messages of the generated validators: the author's message from the
 * YAML when there is one, else the default wording built from the label,
 * following the GOV.UK Design System error-message patterns. All wording
 * lives here so the C emitter, the static error pages and the form version
 * hash agree; docs/form-language.md documents the same sentences.
 */
#pragma once

#include <stdbool.h>

#include "arena.h"
#include "formbuilder/validate.h"
#include "model.h"

/* The part of a date or address a message is about. */
enum fb_msg_part {
    FB_MSG_LINE1,
    FB_MSG_TOWN,
    FB_MSG_POSTCODE
};

/**
 * @returns the message for an empty answer to @p q ("Enter your full
 * name", "Select what is wrong with the street light"): the author's
 * `required` message or the default. Also used when a choice is not one of
 * the options. The string is in @p a (or the model).
 */
const char *
fb_msg_required(struct fb_arena *a, const struct fb_question *q);

/** @returns the message for an answer that is not valid UTF-8:
 *  "<Label> must only include characters you can type". */
const char *
fb_msg_bad_utf8(struct fb_arena *a, const struct fb_question *q);

/**
 * @returns the message for an answer in the wrong format for its type:
 * email, phone, postcode, number, slot; text and textarea answers longer
 * than the readers accept ("<Label> is too long", or the max_length
 * message when the question has that rule). For date and address use the
 * functions below.
 */
const char *
fb_msg_invalid(struct fb_arena *a, const struct fb_question *q);

/** @returns "<Label> must include a day and month" for the FB_PART_DAY,
 *  FB_PART_MONTH and FB_PART_YEAR bits in @p missing (not 0 or all). */
const char *
fb_msg_date_missing(struct fb_arena *a, const struct fb_question *q,
                    unsigned missing);

/** @returns "<Label> must be a real date". */
const char *
fb_msg_date_real(struct fb_arena *a, const struct fb_question *q);

/** @returns the message for a missing address line 1, town or postcode,
 *  or for a postcode that is not real (@p invalid). */
const char *
fb_msg_address(struct fb_arena *a, const struct fb_question *q,
               enum fb_msg_part part, bool invalid);

/**
 * @returns the message for a failed rule @p kind of @p q: the author's, or
 * the default. Defaults for before/after a date relative to today (other
 * than today itself) depend on the day the form is used, so then the text
 * returned is a prefix ("Date of birth must be before ") to which the
 * generated code appends the date, and *@p out_append_date is set.
 */
const char *
fb_msg_rule(struct fb_arena *a, const struct fb_question *q,
            enum fb_rule_kind kind, bool *out_append_date);

/** @returns @p d as GOV.UK writes dates: "1 January 2025", in @p a. */
const char *
fb_msg_format_date(struct fb_arena *a, const struct fb_date *d);
