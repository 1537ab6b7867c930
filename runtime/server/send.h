/* SPDX-License-Identifier: MIT */
/*
 * Sending deliveries, for the outbox's worker: an HTTP POST, an email
 * through the SMTP relay or GOV.UK Notify, or a line appended to a file.
 * Transfers run side by side on one libcurl multi handle in the worker's
 * thread, so a receiver that hangs holds up only its own; the handle's
 * connection pool keeps connections to a receiver alive between
 * deliveries. Secrets are read from the environment here and never
 * copied into results or logs.
 */
#pragma once

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/filetype.h"
#include "outbox.h"
#include "submission_files.h"

struct fb_sender;

/** @returns a sender for the worker's thread, or NULL when libcurl cannot
 *  start. Once *@p cancel is true the transfers in flight are abandoned
 *  by fb_sender_run() (each a retry). Free with fb_sender_free(), which
 *  drops what is still in flight without reporting it. */
struct fb_sender *
fb_sender_new(const struct fb_outbox_config *cfg, const atomic_bool *cancel);

void
fb_sender_free(struct fb_sender *s);

/* Told of each finished transfer: the @p tag it was started with and its
 * outcome. */
typedef void (*fb_send_done_fn)(void *tag, const struct fb_send_result *r,
                                void *cls);

/** @returns how many transfers are in flight. */
size_t
fb_sender_in_flight(const struct fb_sender *s);

/** Runs the transfers in flight for at most @p timeout_ms (less when one
 *  finishes or fb_sender_wakeup() is called) and calls @p done for each
 *  that finished. */
void
fb_sender_run(struct fb_sender *s, int timeout_ms, fb_send_done_fn done,
              void *cls);

/** Wakes an fb_sender_run() waiting in another thread. */
void
fb_sender_wakeup(struct fb_sender *s);

/* An uploaded file a multipart delivery carries (submission_files.h). */
struct fb_http_file {
    char part[FB_FILE_PART_MAX]; /* its part's name: "photos.0" */
    struct fb_file_ref ref;    /* its name, type by content, hash */
    int fd;                    /* open on its stored bytes */
};

/* The name of a multipart delivery's first part, the payload. */
#define FB_PAYLOAD_PART "payload"

/* One HTTP delivery. */
struct fb_http_delivery {
    const struct fb_forward_desc *target;
    const char *body;
    size_t len;
    const char *content_type;  /* "application/json", "application/xml" */
    const char *idempotency_key;
    const char *event;
    long long now;             /* the signature's timestamp */
    /* multipart/form-data (target->files FB_FILES_MULTIPART): the body
     * as part FB_PAYLOAD_PART, then these files, each streamed from its
     * descriptor. The sender takes the descriptors over (it closes them,
     * sent or not); the array is the caller's. */
    bool multipart;
    const struct fb_http_file *files;
    size_t n_files;
};

/* The three senders below start a transfer and return true: its outcome
 * comes to fb_sender_run()'s callback with @p tag. When nothing can be
 * sent (out of memory, a variable gone) they return false with the
 * outcome in @p r. Their inputs are copied: they need not outlive the
 * call. */

/** POSTs @p d, signed when its target has a secret_env (a multipart
 *  delivery: its payload part's bytes, with the same headers). */
bool
fb_send_http(struct fb_sender *s, const struct fb_http_delivery *d,
             void *tag, struct fb_send_result *r);

/* One email: plain text, and HTML when @p html is not NULL. */
struct fb_email {
    const char *to;
    const char *subject;
    const char *text;
    const char *html;
    const char *idempotency_key; /* the Message-ID's and Notify's reference */
};

/** Sends @p m through the configured SMTP relay. */
bool
fb_send_smtp(struct fb_sender *s, const struct fb_email *m, void *tag,
             struct fb_send_result *r);

/** Sends @p m with GOV.UK Notify template @p template_id, the subject and
 *  text as its personalisation. */
bool
fb_send_notify(struct fb_sender *s, const struct fb_email *m,
               const char *template_id, long long now, void *tag,
               struct fb_send_result *r);

/** Appends @p line (no newline) and a newline to @p path in one write,
 *  then fsyncs it, at once; fills @p r. A line a failure cut short is
 *  removed again (the file keeps whole lines only). */
void
fb_send_file(const char *path, const char *line, size_t len,
             struct fb_send_result *r);
