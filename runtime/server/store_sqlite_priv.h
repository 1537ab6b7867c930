/* SPDX-License-Identifier: MIT */
/*
 * Private to the SQLite backend: store_sqlite.c owns the connection and
 * the ops table; store_sqlite_outbox.c implements the outbox's ops on the
 * same connection.
 */
#pragma once

#include <sqlite3.h>

#include "store.h"

/* @returns the connection of SQLite handle @p s. */
sqlite3 *
fb_store_sqlite_db(struct fb_store *s);

/* Prepares @p sql on @p s's connection, for a statement used once and
 * finalised by its caller: NULL when it cannot be prepared. */
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

/* A live service's ops (store_sqlite_live.c). */
int fb_sq_form_place_take(struct fb_store *s, const char *form,
                          long long cap);
int fb_sq_form_places_used(struct fb_store *s, const char *form,
                           long long *out_n);
int fb_sq_maintenance_set(struct fb_store *s, const char *form, bool on,
                          long long now);
int fb_sq_maintenance_each(struct fb_store *s, fb_name_fn fn, void *cls);

#define FB_STORE_SQLITE_LIVE_OPS                                          \
    .form_place_take = fb_sq_form_place_take,                             \
    .form_places_used = fb_sq_form_places_used,                           \
    .maintenance_set = fb_sq_maintenance_set,                             \
    .maintenance_each = fb_sq_maintenance_each,
