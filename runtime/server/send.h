/* SPDX-License-Identifier: MIT */
/*
 * Sending one delivery, for the outbox's worker: an HTTP POST, an email
 * through the SMTP relay or GOV.UK Notify, or a line appended to a file.
 * One libcurl handle per sender is reused for every attempt, so
 * connections to a receiver are kept alive between deliveries. Secrets
 * are read from the environment here and never copied into results or
 * logs.
 */
#pragma once

#include <stdatomic.h>
#include <stddef.h>

#include "outbox.h"

struct fb_sender;

/** @returns a sender for the worker's thread, or NULL when libcurl cannot
 *  start. Once *@p cancel is true an attempt in progress is abandoned (a
 *  retry). Free with fb_sender_free(). */
struct fb_sender *
fb_sender_new(const struct fb_outbox_config *cfg, const atomic_bool *cancel);

void
fb_sender_free(struct fb_sender *s);

/* One HTTP delivery. */
struct fb_http_delivery {
    const struct fb_forward_desc *target;
    const char *body;
    size_t len;
    const char *content_type;  /* "application/json", "application/xml" */
    const char *idempotency_key;
    const char *event;
    long long now;             /* the signature's timestamp */
};

/** POSTs @p d, signed when its target has a secret_env; fills @p r. */
void
fb_send_http(struct fb_sender *s, const struct fb_http_delivery *d,
             struct fb_send_result *r);

/* One email: plain text, and HTML when @p html is not NULL. */
struct fb_email {
    const char *to;
    const char *subject;
    const char *text;
    const char *html;
    const char *idempotency_key; /* the Message-ID's and Notify's reference */
};

/** Sends @p m through the configured SMTP relay; fills @p r. */
void
fb_send_smtp(struct fb_sender *s, const struct fb_email *m,
             struct fb_send_result *r);

/** Sends @p m with GOV.UK Notify template @p template_id, the subject and
 *  text as its personalisation; fills @p r. */
void
fb_send_notify(struct fb_sender *s, const struct fb_email *m,
               const char *template_id, long long now,
               struct fb_send_result *r);

/** Appends @p line (no newline) and a newline to @p path in one write,
 *  then fsyncs it; fills @p r. */
void
fb_send_file(const char *path, const char *line, size_t len,
             struct fb_send_result *r);
