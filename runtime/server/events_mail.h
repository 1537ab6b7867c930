/* SPDX-License-Identifier: MIT */
/*
 * The resident's update email (issue 18): when a back office posts a
 * public event about a submission whose resident gave an email address,
 * one email through the outbox, with the status, the message, the track
 * page and a link that stops these emails. Stopping is kept as an event
 * of the submission itself (id FB_EVENTS_MAIL_STOPPED, never public), so
 * it is listed for staff and purged with the rest.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "formbuilder/form.h"
#include "store.h"

/* The outbox's target of update emails (fb_delivery.target_name), and
 * its index. */
#define FB_EVENTS_MAIL_TARGET "progress-email"
#define FB_EVENTS_MAIL_INDEX (-2)

/* The event that records the resident stopped update emails; back
 * offices cannot post ids starting "formbuilder:". */
#define FB_EVENTS_MAIL_STOPPED "formbuilder:email-stopped"
#define FB_EVENTS_MAIL_STOPPED_STATUS "emails_stopped"

/* Hex characters of the token in a stop link. */
#define FB_EVENTS_STOP_TOKEN_LEN 32

/**
 * In the writer's transaction after public event @p e of a submission of
 * @p f was stored: queues its update email, unless the resident gave no
 * email address or has stopped them. @returns FB_STORE_OK or
 * FB_STORE_ERROR.
 */
int
fb_events_mail_queue(struct fb_store *s, const struct fb_form_desc *f,
                     const struct fb_submission_event *e, long long now);

/* What one update email says. */
struct fb_events_mail {
    char to[320];
    char subject[300];
    struct fb_buf text;        /* plain text; paragraphs by blank lines */
};

/**
 * Writes the update email of delivery event @p event ("update@HASH") of
 * submission @p row of @p f into @p m (free m->text), the links under
 * @p base_url ("" for paths only). @returns 0, 1 when there is nothing
 * to send (no address, emails stopped, the event gone), -1 when the
 * store cannot be read or memory runs out.
 */
int
fb_events_mail_compose(struct fb_store *s, const struct fb_form_desc *f,
                       const struct fb_submission_row *row,
                       const char *event, const char *base_url,
                       struct fb_events_mail *m);

/**
 * Writes the token of @p reference's stop link into @p out: HMAC-SHA-256
 * with the form's events secret, so only the server can make one.
 * @returns false when the secret is not set.
 */
bool
fb_events_stop_token(const struct fb_form_desc *f, const char *reference,
                     char out[FB_EVENTS_STOP_TOKEN_LEN + 1]);
