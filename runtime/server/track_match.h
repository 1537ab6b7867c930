/* SPDX-License-Identifier: MIT */
/*
 * Whether what a resident typed on the track page is the email address or
 * postcode their submission holds (track.c), and which email address the
 * update emails go to (events_mail.c). The answers are read by question
 * type, so only an email or postcode answer can ever match: never a name,
 * a description or anything else typed in the form.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/form.h"

/**
 * @returns true when @p contact (as typed) equals, ignoring case and
 * spaces in a postcode and case in an email address, one of the email
 * answers (type email) or postcodes (type postcode, an address's
 * postcode) of @p answers_json, the stored answers of a submission of
 * @p f. Does the same work whatever the answer.
 */
bool
fb_track_contact_matches(const struct fb_form_desc *f,
                         const char *answers_json, const char *contact);

/**
 * Copies the resident's email address from @p answers_json into @p out:
 * the confirmation email's question when @p f has one, else its first
 * email question answered. @returns false when there is none.
 */
bool
fb_track_resident_email(const struct fb_form_desc *f,
                        const char *answers_json, char *out, size_t cap);
