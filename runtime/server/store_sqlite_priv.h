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

/* @returns statement @p sql prepared on @p s's connection (finalise it),
 * or NULL. */
sqlite3_stmt *fb_sq_prepare(struct fb_store *s, const char *sql);
/* Copies text column @p col of @p q into @p dst (NULL: ""). */
void fb_sq_copy_text(char *dst, size_t cap, sqlite3_stmt *q, int col);
/* Steps statement @p q (NULL: a failed prepare) to its end and finalises
 * it: FB_STORE_OK when it ran to completion. */
int fb_sq_finish(sqlite3_stmt *q);
/* fb_sq_finish(), and *out_n (when not NULL) gets the rows @p q changed
 * (0 when it failed). */
int fb_sq_finish_changed(struct fb_store *s, sqlite3_stmt *q, size_t *out_n);

int fb_sq_delivery_add(struct fb_store *s, const struct fb_delivery *d);
int fb_sq_delivery_due(struct fb_store *s, long long now, size_t max,
                       fb_delivery_fn fn, void *cls);
int fb_sq_delivery_claim(struct fb_store *s, long long now,
                         long long lease_until, size_t max,
                         const char *skip_targets, fb_delivery_fn fn,
                         void *cls);
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
/* store_sqlite_files.c */
int fb_sq_answer_texts_each(struct fb_store *s, fb_store_text_fn fn,
                            void *cls);

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

int fb_sq_submission_event_add(struct fb_store *s,
                               const struct fb_submission_event *e,
                               bool *out_existed);
int fb_sq_submission_event_each(struct fb_store *s, const char *reference,
                                bool public_only, fb_submission_event_fn fn,
                                void *cls);

/* The progress updates' entries of fb_store_sqlite_ops
 * (store_sqlite_events.c). */
#define FB_STORE_SQLITE_EVENT_OPS                                         \
    .submission_event_add = fb_sq_submission_event_add,                   \
    .submission_event_each = fb_sq_submission_event_each,
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
    .audit_each = fb_sq_audit_each,                                       \
    .assist_link_use = fb_sq_assist_link_use,
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
int fb_sq_saved_add(struct fb_store *s, const struct fb_saved *sv,
                    const char *data);
int fb_sq_saved_get(struct fb_store *s, const char *id, struct fb_saved *out);
int fb_sq_saved_token(struct fb_store *s, const char *id,
                      const unsigned char hash[FB_SAVED_HASH_LEN]);
int fb_sq_saved_find(struct fb_store *s,
                     const unsigned char hash[FB_SAVED_HASH_LEN],
                     struct fb_saved *out, char **out_data);
int fb_sq_saved_use(struct fb_store *s, const char *id, long long now);
int fb_sq_saved_expire(struct fb_store *s, long long before,
                       long long forget, size_t *out_n);
int fb_sq_version_pinned(struct fb_store *s, const char *form,
                         const char *version, long long sessions_after,
                         long long now, bool *out_pinned);

/* The saved journeys' entries of fb_store_sqlite_ops
 * (store_sqlite_saved.c). */
#define FB_STORE_SQLITE_SAVED_OPS                                         \
    .saved_add = fb_sq_saved_add,                                         \
    .saved_get = fb_sq_saved_get,                                         \
    .saved_token = fb_sq_saved_token,                                     \
    .saved_find = fb_sq_saved_find,                                       \
    .saved_use = fb_sq_saved_use,                                         \
    .saved_expire = fb_sq_saved_expire,                                   \
    .version_pinned = fb_sq_version_pinned,
/* Payments (store_sqlite_pay.c). */
int fb_sq_payment_add(struct fb_store *s, const struct fb_payment *p);
int fb_sq_payment_get(struct fb_store *s, const char *reference,
                      struct fb_payment *out);
int fb_sq_payment_by_token(struct fb_store *s, const char *return_token,
                          struct fb_payment *out);
int fb_sq_payment_update(struct fb_store *s, const struct fb_payment *p);
int fb_sq_payment_open(struct fb_store *s, long long recheck_before,
                       long long abandon_before, size_t max,
                       fb_payment_fn fn, void *cls);

#define FB_STORE_SQLITE_PAY_OPS                                           \
    .payment_add = fb_sq_payment_add,                                     \
    .payment_get = fb_sq_payment_get,                                     \
    .payment_by_token = fb_sq_payment_by_token,                             \
    .payment_update = fb_sq_payment_update,                               \
    .payment_open = fb_sq_payment_open,
