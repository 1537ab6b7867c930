/* SPDX-License-Identifier: MIT */
/*
 * Private to the SQLite backend: store_sqlite.c owns the connection and
 * the ops table; store_sqlite_outbox.c implements the outbox's ops on the
 * same connection, store_sqlite_personal.c purge, erasure, redaction and
 * their audit.
 */
#pragma once

#include <sqlite3.h>

#include "store.h"

/* @returns the connection of SQLite handle @p s. */
sqlite3 *
fb_store_sqlite_db(struct fb_store *s);

/* Prepares @p sql (prepared per call: these statements run rarely beside
 * a network round trip or a staff command). @returns NULL on error. */
sqlite3_stmt *
fb_sq_prepare(struct fb_store *s, const char *sql);

int fb_sq_delivery_add(struct fb_store *s, const struct fb_delivery *d);
int fb_sq_delivery_due(struct fb_store *s, long long now, size_t max,
                       fb_delivery_fn fn, void *cls);
int fb_sq_delivery_claim(struct fb_store *s, long long now,
                         long long lease_until, size_t max,
                         fb_delivery_fn fn, void *cls);
int fb_sq_delivery_update(struct fb_store *s, const struct fb_delivery *d);
int fb_sq_delivery_get(struct fb_store *s, long long id,
                       struct fb_delivery *out);
int fb_sq_delivery_each(struct fb_store *s, int state, const char *form,
                        fb_delivery_fn fn, void *cls);
int fb_sq_delivery_retry(struct fb_store *s, long long id, long long now,
                         size_t *out_n);
int fb_sq_delivery_counts(struct fb_store *s, fb_delivery_count_fn fn,
                          void *cls, long long *out_oldest);
int fb_sq_submission_by_reference(struct fb_store *s, const char *reference,
                                  fb_store_row_fn fn, void *cls);
int fb_sq_delivery_of_reference(struct fb_store *s, const char *reference,
                                fb_delivery_fn fn, void *cls);

/* The outbox's entries of fb_store_sqlite_ops. */
#define FB_STORE_SQLITE_OUTBOX_OPS                                        \
    .delivery_add = fb_sq_delivery_add,                                   \
    .delivery_due = fb_sq_delivery_due,                                   \
    .delivery_update = fb_sq_delivery_update,                             \
    .delivery_claim = fb_sq_delivery_claim,                               \
    .delivery_get = fb_sq_delivery_get,                                   \
    .delivery_each = fb_sq_delivery_each,                                 \
    .delivery_retry = fb_sq_delivery_retry,                               \
    .delivery_counts = fb_sq_delivery_counts,                             \
    .submission_by_reference = fb_sq_submission_by_reference,

int fb_sq_purge_batch(struct fb_store *s, const char *form,
                      const char *before, size_t max, size_t *out_n,
                      fb_reference_fn fn, void *cls);
int fb_sq_submission_erase(struct fb_store *s, const char *reference,
                           size_t *out_n);
int fb_sq_submission_redact(struct fb_store *s, const char *reference,
                            const char *answers, size_t *out_n);
int fb_sq_audit_add(struct fb_store *s, const struct fb_audit *a);
int fb_sq_audit_each(struct fb_store *s, const char *reference,
                     fb_audit_fn fn, void *cls);

int fb_sq_assist_link_use(struct fb_store *s, const char *id,
                          const char *form, const char *channel,
                          const char *at);

/* The personal data entries of fb_store_sqlite_ops (and assisted
 * digital's). */
#define FB_STORE_SQLITE_PERSONAL_OPS                                      \
    .submission_erase = fb_sq_submission_erase,                           \
    .submission_redact = fb_sq_submission_redact,                         \
    .delivery_of_reference = fb_sq_delivery_of_reference,                 \
    .audit_add = fb_sq_audit_add,                                         \
    .audit_each = fb_sq_audit_each, \
    .assist_link_use = fb_sq_assist_link_use,
