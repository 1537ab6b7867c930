/* SPDX-License-Identifier: MIT */
/*
 * Assisted digital (issue 18): staff fill a form in for a resident on
 * the phone or face to face. `formbuilder assist` (cmd_assist.c) prints
 * a link, signed with FORMBUILDER_ASSIST_KEY (link_sign.h, purpose
 * "assist"), to /SLUG/assist-link?id=ID&channel=CHANNEL&expires=T&sig=HEX.
 * Opening it records ID in the store (assist_link_use) in the same
 * transaction that saves the session marked with the channel, so it
 * opens one journey only; the staff member then gives their name on
 * /SLUG/assist-staff before the form's first page. Every page of the
 * journey shows a banner, and the submission carries both facts
 * (assist_payload.c). CSRF, idempotency and validation are the
 * journey's own, untouched.
 */
#pragma once

#include <stdbool.h>

#include "buf.h"
#include "formbuilder/assist.h"
#include "formbuilder/render.h"
#include "journey.h"
#include "session.h"

/* The variable the key of assisted digital links is read from. */
#define FB_ASSIST_KEY_ENV "FORMBUILDER_ASSIST_KEY"
/* What the link's random id is: 32 hex digits (128 bits). */
#define FB_ASSIST_ID_HEX 32

/** @returns the key of assisted digital links, or NULL when it is not
 *  set (or empty): then no link is made or accepted. */
const char *
fb_assist_key(void);

/** @returns whether @p channel is one `formbuilder assist` takes. */
bool
fb_assist_channel_valid(const char *channel);

/**
 * Handles /SLUG/assist-link (the link) and /SLUG/assist-staff (the staff
 * name page), and sends an assisted journey whose staff member has not
 * given their name to that page from any other page of the form.
 * @returns true when a response was set; false for a request that is the
 * journey's as usual.
 */
bool
fb_assist_route(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *f, const char *rest);

/* The staff name page (assist_page.c): GET shows it, POST checks and
 * keeps the name. */
void
fb_assist_staff_page(struct fb_request *req, const struct fb_journey *j,
                     const struct fb_form_desc *f, bool post);

/* ---- assist_payload.c ---- */

/** @returns @p f's progress in @p s when it is an assisted journey, else
 *  NULL. */
const struct fb_progress *
fb_assist_progress(const struct fb_session *s, const struct fb_form_desc *f);

/** Sets @p ctx's banner fields for @p f's journey in session @p s. */
void
fb_assist_ctx(struct fb_render_ctx *ctx, const struct fb_session *s,
              const struct fb_form_desc *f);

/** Adds the assisted facts of @p prog (none for a resident's own
 *  journey) to the answers object in @p json, under
 *  FB_ASSIST_STORED_KEY, as they are stored with the submission. */
void
fb_assist_stamp(struct fb_buf *json, const struct fb_progress *prog);

/* The assisted facts of a stored submission. */
struct fb_assisted {
    char channel[16];
    char staff_name[4 * FB_ASSIST_STAFF_MAX + 1];
};

/** Reads the assisted facts from a submission's stored @p answers_json.
 *  @returns true when it has them. */
bool
fb_assist_read(const char *answers_json, struct fb_assisted *out);

/** Appends `, "assisted": {"channel": ..., "staff_name": ...}` to the
 *  JSON payload or export row in @p out when @p answers_json has the
 *  facts; nothing otherwise. */
void
fb_assist_json(struct fb_buf *out, const char *answers_json);
