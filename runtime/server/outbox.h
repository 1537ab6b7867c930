/* SPDX-License-Identifier: MIT */
/*
 * The outbox: every submission (and booking event) gets one delivery row
 * per target of its form, written by the writer in the submission's own
 * transaction, so nothing stored is ever left unsent. A worker thread
 * with its own store handle sends them (send.h), never on an HTTP
 * thread, retries what failed for a reason that may pass, and keeps what
 * cannot be sent visible for staff (formbuilder outbox). See
 * docs/delivery.md.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "formbuilder/form.h"
#include "store.h"

/* The most transfers outbox_concurrency may allow in flight at once. */
#define FB_OUTBOX_CONCURRENCY_MAX 64

/* Delivery settings (the `outbox_*`, `smtp_*` and `notify_*` keys of
 * docs/runtime.md). Durations in seconds. */
struct fb_outbox_config {
    unsigned connect_timeout;  /* to connect to a receiver */
    unsigned timeout;          /* for a whole attempt */
    char ca_file[1024];        /* CA bundle to verify receivers; "" system */
    char connect_to[512];      /* HOST:PORT:ADDR:PORT[,...]; "" none */
    unsigned max_attempts;     /* then dead */
    unsigned max_age;          /* seconds since queued; then dead */
    unsigned retry_base;       /* first back-off, doubled each attempt */
    unsigned retry_max;        /* longest back-off */
    unsigned poll_ms;          /* how often the worker looks for work */
    /* Transfers in flight at once, at most half of them (rounded up) to
     * one target, so a receiver that hangs cannot hold up the rest. */
    unsigned concurrency;
    char smtp_url[512];        /* smtp://HOST:PORT or smtps:// */
    char smtp_from[256];
    bool smtp_starttls;        /* insist on STARTTLS (smtp://) */
    char smtp_user_env[64];    /* variables holding the relay's login */
    char smtp_password_env[64];
    char notify_url[512];      /* GOV.UK Notify's API */
    char notify_key_env[64];   /* variable holding the Notify API key */
    /* The server's public URL (base_url), which the links in save and
     * progress update emails start with; "" for paths only. */
    char base_url[512];
    /* Uploaded files (upload_store.h): where they are kept (files_dir),
     * for multipart deliveries, and how long the links in staff emails
     * work (file_link_valid), in seconds. */
    char files_dir[4096];
    unsigned file_link_valid;
    /* The payment provider (pay.h): its API's base URL ("" none; the key
     * is FORMBUILDER_PAY_KEY's) and the bound on each call to it. */
    char pay_url[512];
    unsigned pay_timeout;      /* seconds */
    unsigned pay_poll;         /* seconds between the worker's rounds */
    unsigned pay_recheck;      /* re-check a payment in progress after */
    unsigned pay_abandon;      /* give up on an unpaid one after */
};

/** Fills @p cfg with the defaults: 10 s to connect, 30 s an attempt, 20
 *  attempts over at most 3 days, back-off from 10 s to 1 h, 8 transfers
 *  at once, STARTTLS on, files in var/files, file links for 7 days. */
void
fb_outbox_config_defaults(struct fb_outbox_config *cfg);

/** @returns the name the outbox stores for target @p t ("the URL",
 *  "mailto:ADDR", "file:PATH") in @p out, or "confirmation" for the
 *  confirmation email when @p t is NULL. */
void
fb_outbox_target_name(const struct fb_forward_desc *t, char *out,
                      size_t cap);

/**
 * Queues a delivery of @p reference's @p event to every target of @p f
 * (and, for "submitted", the confirmation email) in the open
 * transaction of @p s. A replay of the same event queues nothing new.
 * @returns FB_STORE_OK or FB_STORE_ERROR.
 */
int
fb_outbox_add(struct fb_store *s, const struct fb_form_desc *f,
              const char *reference, const char *event, const char *language,
              long long now);

/**
 * Checks that every environment variable the targets of @p forms name
 * (secret_env, headers, and the Notify key and SMTP login when an email
 * goes that way) is set and not empty. @returns 0, or -1 with a sentence
 * naming the form and the variable in @p err.
 */
int
fb_outbox_check_env(const struct fb_form_desc *const *forms, size_t n,
                    const struct fb_outbox_config *cfg, char *err,
                    size_t errlen);

/* What one attempt came to (send.h fills it in). */
enum fb_send_outcome {
    FB_SEND_OK,                /* delivered */
    FB_SEND_RETRY,             /* may pass: connection, timeout, 429, 5xx */
    FB_SEND_REFUSED            /* will not pass by itself: other 4xx */
};

struct fb_send_result {
    enum fb_send_outcome outcome;
    int status;                /* HTTP or SMTP status; 0 none */
    long retry_after;          /* seconds a 429 or 503 asked for; 0 none */
    char error[FB_DELIVERY_ERROR_MAX + 1]; /* why, or the body's start */
};

/**
 * Records attempt @p r of @p d at @p now: delivered; failed (refused);
 * pending again after an exponential back-off from cfg->retry_base, with
 * a jitter of @p jitter (0 to 1) taking up to half of it off, and never
 * sooner than a Retry-After; or dead once cfg->max_attempts or
 * cfg->max_age is reached.
 */
void
fb_outbox_record(struct fb_delivery *d, const struct fb_send_result *r,
                 const struct fb_outbox_config *cfg, long long now,
                 double jitter);

struct fb_outbox;
struct fb_registry;

/**
 * Starts the worker over its own handle on database @p db, sending the
 * deliveries of the forms of @p forms (which must outlive it).
 * @returns the worker, or NULL with a message in @p err.
 */
struct fb_outbox *
fb_outbox_start(const struct fb_outbox_config *cfg, const char *db,
                const struct fb_registry *forms, char *err, size_t errlen);

/** Stops the worker, abandoning the transfers in flight, and frees it;
 *  what is left pending is sent after the next start. NULL is a no-op. */
void
fb_outbox_stop(struct fb_outbox *o);

/** Appends the outbox's Prometheus lines (deliveries by state and target,
 *  the age of the oldest pending one) as last counted. Any thread. */
void
fb_outbox_metrics_write(const struct fb_outbox *o, struct fb_buf *out);

/** @returns the pending deliveries as last counted in *out_pending and
 *  the oldest one's age in seconds in *out_oldest_age; false when the
 *  worker's last look at the database failed. Any thread. */
bool
fb_outbox_backlog(const struct fb_outbox *o, long long *out_pending,
                  long long *out_oldest_age);
