/* SPDX-License-Identifier: MIT */
/*
 * Assisted digital (issue 18): staff filling in a form for a resident on
 * the phone or face to face. The facts the server (assist.c), its
 * payloads and formc's payload schemas (emit_schema.c) share, so each is
 * written once.
 */
#pragma once

/* The channels `formbuilder assist --channel` takes; the first is the
 * default. A payload's "assisted" "channel" is one of them. */
static const char *const fb_assist_channels[] = {"phone", "face-to-face"};
#define FB_ASSIST_N_CHANNELS 2

/* The longest staff name taken, in characters. */
#define FB_ASSIST_STAFF_MAX 100

/* The key a submission's stored answers keep the assisted facts under
 * (no question id starts with '_'); payloads and export move them to
 * the top-level "assisted". */
#define FB_ASSIST_STORED_KEY "_assisted"
