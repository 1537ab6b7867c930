/* SPDX-License-Identifier: MIT */
/*
 * Private to the PostgreSQL backend: store_pg.c owns the connection (and
 * reconnects it), store_pg_sql.c every statement's text, and
 * store_pg_places.c and store_pg_outbox.c the booking and outbox ops on
 * the same connection. Statements are prepared once per connection and
 * bound, never built from input.
 */
#pragma once

#include <libpq-fe.h>

#include "store.h"
#include "store_schema.h"

/* Every statement the backend runs; the text is in store_pg_sql.c. */
enum fb_pg_stmt {
    PG_BEGIN,
    PG_COMMIT,
    PG_ROLLBACK,
    PG_SAVEPOINT,
    PG_RELEASE,
    PG_ROLLBACK_TO,
    PG_SCHEMA_VERSION,
    PG_PROBE,
    PG_TRY_LOCK,
    PG_UNLOCK,
    PG_XACT_LOCK,
    PG_SESSION_LOAD,
    PG_SESSION_SAVE,
    PG_SESSION_DELETE,
    PG_SESSION_EXPIRE,
    PG_SUB_INSERT,
    PG_SUB_FIND,
    PG_SUB_LOAD,
    PG_SUB_EACH,
    PG_SUB_EACH_SINCE,
    PG_SUB_BY_REFERENCE,
    PG_PLACE_TAKEN,
    PG_PLACE_TAKEN_DAYS,
    PG_PLACE_QUOTA,
    PG_PLACE_INSERT,
    PG_PLACE_HELD,
    PG_PLACE_RELEASE,
    PG_PLACE_EXPIRE,
    PG_PLACE_BY_TOKEN,
    PG_PLACE_BY_REFERENCE,
    PG_PLACE_UPDATE,
    PG_PLACE_EACH,
    PG_PLACE_EACH_DAY,
    PG_EVENT_ADD,
    PG_DAY_CLOSE,
    PG_DAYS_CLOSED,
    PG_DELIVERY_ADD,
    PG_DELIVERY_DUE,
    PG_DELIVERY_CLAIM,
    PG_DELIVERY_UPDATE,
    PG_DELIVERY_SUMMARY,
    PG_DELIVERY_GET,
    PG_DELIVERY_EACH,
    PG_DELIVERY_RETRY_ONE,
    PG_DELIVERY_RETRY_DEAD,
    PG_DELIVERY_COUNTS,
    PG_DELIVERY_OLDEST,
    PG_SUB_EVENT_ADD,
    PG_SUB_EVENT_EACH,
    /* personal data (store_pg_personal.c): a purge batch's and an
     * erasure's DELETE per table under a reference, then the rest */
#define FB_PG_REFERENCE_STMTS(table) PG_PURGE_##table, PG_ERASE_##table,
    FB_REFERENCE_TABLES(FB_PG_REFERENCE_STMTS)
    PG_PURGE_REFERENCES,
    PG_SUB_EXISTS,
    PG_REDACT_ANSWERS,
#define FB_PG_REDACT_STMT(name, sql) PG_REDACT_##name,
    FB_REDACT_SQL(FB_PG_REDACT_STMT, "")
    PG_DELIVERY_OF_REFERENCE,
    PG_AUDIT_ADD,
    PG_AUDIT_EACH,
    /* a live service (store_pg_live.c) */
    PG_FORM_TAKE,
    PG_FORM_COUNT_START,
    PG_FORM_USED,
    PG_MAINTENANCE_ON,
    PG_MAINTENANCE_OFF,
    PG_MAINTENANCE_EACH,
    PG_SAVED_ADD,
    PG_SAVED_GET,
    PG_SAVED_TOKEN,
    PG_SAVED_FIND,
    PG_SAVED_USE,
    PG_SAVED_EXPIRE,
    PG_SAVED_FORGET,
    PG_VERSION_PINNED,
    PG_PAYMENT_ADD,
    PG_PAYMENT_GET,
    PG_PAYMENT_BY_TOKEN,
    PG_PAYMENT_UPDATE,
    PG_PAYMENT_OPEN,
    PG_ANSWER_TEXTS,
    PG_SAVED_FORGET_DELIVERIES,
    PG_ASSIST_LINK_USE,
    PG__COUNT
};

/* @returns the SQL of statement @p id. */
const char *
fb_pg_sql(enum fb_pg_stmt id);

/* The schema's migrations, oldest first; entry i moves version i to
 * i + 1. */
extern const char *const fb_pg_migrations[];
extern const int fb_pg_migration_count;

/* The parameters of one statement, as text (or binary for a bytea). */
#define FB_PG_MAX_PARAMS 13
struct fb_pg_params {
    int n;
    const char *values[FB_PG_MAX_PARAMS];
    int lengths[FB_PG_MAX_PARAMS];
    int formats[FB_PG_MAX_PARAMS];
    char digits[FB_PG_MAX_PARAMS][24];
};

/* Appends text @p v (NULL: SQL NULL). */
void fb_pg_text(struct fb_pg_params *p, const char *v);
/* Appends text @p v, with "" as SQL NULL (kept out of partial indexes). */
void fb_pg_opt(struct fb_pg_params *p, const char *v);
void fb_pg_int(struct fb_pg_params *p, long long v);
/* Appends @p len bytes (NULL: SQL NULL). */
void fb_pg_bytes(struct fb_pg_params *p, const unsigned char *v, int len);

/**
 * Runs statement @p id with @p params (NULL for none), preparing it first
 * on this connection if needed and reconnecting a lost connection when no
 * transaction was open on it.
 * @returns the result (PQclear it), or NULL with the message kept for
 * errmsg.
 */
PGresult *
fb_pg_run(struct fb_store *s, enum fb_pg_stmt id,
          const struct fb_pg_params *params);

/* Runs a statement that returns nothing useful. */
int
fb_pg_exec(struct fb_store *s, enum fb_pg_stmt id,
           const struct fb_pg_params *params);

/* Like fb_pg_exec, and sets *out_n to the rows it changed. */
int
fb_pg_exec_count(struct fb_store *s, enum fb_pg_stmt id,
                 const struct fb_pg_params *params, size_t *out_n);

/* @returns whether a transaction is open on @p s's connection. */
bool
fb_pg_in_transaction(struct fb_store *s);

/* Cell (row, col) of @p r as a number (NULL: 0). */
long long fb_pg_ll(const PGresult *r, int row, int col);
/* Copies cell (row, col) of @p r into @p dst (NULL: ""). */
void fb_pg_copy(char *dst, size_t cap, const PGresult *r, int row, int col);
/* Cell (row, col) of @p r (NULL: NULL). */
const char *fb_pg_str(const PGresult *r, int row, int col);

/* store_pg_files.c */
int fb_pg_answer_texts_each(struct fb_store *s, fb_store_text_fn fn,
                            void *cls);

int fb_pg_place_taken(struct fb_store *s, const char *calendar,
                      const char *day, const char *window, long long now,
                      int *out);
int fb_pg_place_taken_days(struct fb_store *s, const char *calendar,
                           const char *first, const char *last,
                           long long now, fb_place_count_fn fn, void *cls);
int fb_pg_place_quota_used(struct fb_store *s, const char *calendar,
                           const char *key, long long since, long long now,
                           int *out);
int fb_pg_place_insert(struct fb_store *s, struct fb_place *p);
int fb_pg_place_held(struct fb_store *s, const char *holder,
                     const char *calendar, struct fb_place *out);
int fb_pg_place_release(struct fb_store *s, const char *holder,
                        const char *calendar);
int fb_pg_place_expire(struct fb_store *s, long long before, size_t *out_n);
int fb_pg_place_by_token(struct fb_store *s,
                         const unsigned char hash[FB_PLACE_HASH_LEN],
                         struct fb_place *out);
int fb_pg_place_by_reference(struct fb_store *s, const char *reference,
                             struct fb_place *out);
int fb_pg_place_update(struct fb_store *s, const struct fb_place *p);
int fb_pg_place_each(struct fb_store *s, const char *calendar,
                     const char *day, fb_place_fn fn, void *cls);
int fb_pg_place_event_add(struct fb_store *s, long long place_id,
                          const char *reference, enum fb_place_event kind,
                          const char *at, const char *detail);
int fb_pg_day_close(struct fb_store *s, const char *calendar,
                    const char *day, const char *at);
int fb_pg_days_closed(struct fb_store *s, const char *calendar,
                      const char *first, const char *last, fb_day_fn fn,
                      void *cls);

int fb_pg_delivery_add(struct fb_store *s, const struct fb_delivery *d);
int fb_pg_delivery_due(struct fb_store *s, long long now, size_t max,
                       fb_delivery_fn fn, void *cls);
int fb_pg_delivery_claim(struct fb_store *s, long long now,
                         long long lease_until, size_t max,
                         const char *skip_targets, fb_delivery_fn fn,
                         void *cls);
int fb_pg_delivery_update(struct fb_store *s, const struct fb_delivery *d);
int fb_pg_delivery_get(struct fb_store *s, long long id,
                       struct fb_delivery *out);
int fb_pg_delivery_each(struct fb_store *s, int state, const char *form,
                        fb_delivery_fn fn, void *cls);
int fb_pg_delivery_retry(struct fb_store *s, long long id, long long now,
                         size_t *out_n);
int fb_pg_delivery_counts(struct fb_store *s, fb_delivery_count_fn fn,
                          void *cls, long long *out_oldest);

int fb_pg_submission_event_add(struct fb_store *s,
                               const struct fb_submission_event *e,
                               bool *out_existed);
int fb_pg_submission_event_each(struct fb_store *s, const char *reference,
                                bool public_only, fb_submission_event_fn fn,
                                void *cls);
int fb_pg_purge_batch(struct fb_store *s, const char *form,
                      const char *before, size_t max, size_t *out_n,
                      fb_reference_fn fn, void *cls);
int fb_pg_submission_erase(struct fb_store *s, const char *reference,
                           size_t *out_n);
int fb_pg_submission_redact(struct fb_store *s, const char *reference,
                            const char *answers, size_t *out_n);
int fb_pg_delivery_of_reference(struct fb_store *s, const char *reference,
                                fb_delivery_fn fn, void *cls);
int fb_pg_audit_add(struct fb_store *s, const struct fb_audit *a);
int fb_pg_audit_each(struct fb_store *s, const char *reference,
                     fb_audit_fn fn, void *cls);
/* A live service's ops (store_pg_live.c). */
int fb_pg_form_place_take(struct fb_store *s, const char *form,
                          long long cap);
int fb_pg_form_places_used(struct fb_store *s, const char *form,
                           long long *out_n);
int fb_pg_maintenance_set(struct fb_store *s, const char *form, bool on,
                          long long now);
int fb_pg_maintenance_each(struct fb_store *s, fb_name_fn fn, void *cls);

#define FB_STORE_PG_LIVE_OPS                                              \
    .form_place_take = fb_pg_form_place_take,                             \
    .form_places_used = fb_pg_form_places_used,                           \
    .maintenance_set = fb_pg_maintenance_set,                             \
    .maintenance_each = fb_pg_maintenance_each,
int fb_pg_saved_add(struct fb_store *s, const struct fb_saved *sv,
                    const char *data);
int fb_pg_saved_get(struct fb_store *s, const char *id, struct fb_saved *out);
int fb_pg_saved_token(struct fb_store *s, const char *id,
                      const unsigned char hash[FB_SAVED_HASH_LEN]);
int fb_pg_saved_find(struct fb_store *s,
                     const unsigned char hash[FB_SAVED_HASH_LEN],
                     struct fb_saved *out, char **out_data);
int fb_pg_saved_use(struct fb_store *s, const char *id, long long now);
int fb_pg_saved_expire(struct fb_store *s, long long before,
                       long long forget, size_t *out_n);
int fb_pg_version_pinned(struct fb_store *s, const char *form,
                         const char *version, long long sessions_after,
                         long long now, bool *out_pinned);
/* Payments (store_pg_pay.c). */
int fb_pg_payment_add(struct fb_store *s, const struct fb_payment *p);
int fb_pg_payment_get(struct fb_store *s, const char *reference,
                      struct fb_payment *out);
int fb_pg_payment_by_token(struct fb_store *s, const char *return_token,
                          struct fb_payment *out);
int fb_pg_payment_update(struct fb_store *s, const struct fb_payment *p);
int fb_pg_payment_open(struct fb_store *s, long long recheck_before,
                       long long abandon_before, size_t max,
                       fb_payment_fn fn, void *cls);
int fb_pg_assist_link_use(struct fb_store *s, const char *id,
                          const char *form, const char *channel,
                          const char *at);
