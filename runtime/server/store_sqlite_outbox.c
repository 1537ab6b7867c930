/* SPDX-License-Identifier: MIT */
/*
 * The outbox's rows in SQLite (table deliveries, migration 3). Statements
 * are bound, never built from input; each is prepared per call, which
 * costs little beside the network round trip every delivery makes.
 */
#include "store_rows.h"
#include "store_sqlite_priv.h"

#include <stdio.h>
#include <string.h>

#define DELIVERY_COLUMNS                                                  \
    "id, reference, form, target, target_name, event, language, state, "  \
    "attempts, created_at, next_at, last_at, last_status, last_error"

/* Shared with store_sqlite_saved.c (store_sqlite_priv.h). */
void
fb_sq_copy_text(char *dst, size_t cap, sqlite3_stmt *q, int col)
{
    const char *s = (const char *)sqlite3_column_text(q, col);
    snprintf(dst, cap, "%s", s ? s : "");
}

static void
read_delivery(sqlite3_stmt *q, struct fb_delivery *d)
{
    memset(d, 0, sizeof *d);
    d->id = sqlite3_column_int64(q, 0);
    fb_sq_copy_text(d->reference, sizeof d->reference, q, 1);
    fb_sq_copy_text(d->form, sizeof d->form, q, 2);
    d->target = sqlite3_column_int(q, 3);
    fb_sq_copy_text(d->target_name, sizeof d->target_name, q, 4);
    fb_sq_copy_text(d->event, sizeof d->event, q, 5);
    fb_sq_copy_text(d->language, sizeof d->language, q, 6);
    d->state = fb_delivery_state_of((const char *)sqlite3_column_text(q, 7));
    d->attempts = sqlite3_column_int(q, 8);
    d->created_at = sqlite3_column_int64(q, 9);
    d->next_at = sqlite3_column_int64(q, 10);
    d->last_at = sqlite3_column_int64(q, 11);
    d->last_status = sqlite3_column_int(q, 12);
    fb_sq_copy_text(d->last_error, sizeof d->last_error, q, 13);
}

/* Prepares @p sql on the connection of @p s. See store_sqlite_priv.h. */
sqlite3_stmt *
fb_sq_prepare(struct fb_store *s, const char *sql)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(fb_store_sqlite_db(s), sql, -1, &q, NULL)
        != SQLITE_OK)
        return NULL;
    return q;
}

/* Steps @p q to the end, finalising it. See store_sqlite_priv.h. */
int
fb_sq_finish(sqlite3_stmt *q)
{
    if (!q)
        return FB_STORE_ERROR;
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? FB_STORE_OK : FB_STORE_ERROR;
}

/* The same, telling the rows it changed. See store_sqlite_priv.h. */
int
fb_sq_finish_changed(struct fb_store *s, sqlite3_stmt *q, size_t *out_n)
{
    int rc = fb_sq_finish(q);
    if (out_n)
        *out_n = rc == FB_STORE_OK
                     ? (size_t)sqlite3_changes(fb_store_sqlite_db(s)) : 0;
    return rc;
}

/* Calls @p fn per row of @p q (columns DELIVERY_COLUMNS), finalising it. */
static int
each_row(sqlite3_stmt *q, fb_delivery_fn fn, void *cls)
{
    if (!q)
        return FB_STORE_ERROR;
    int rc, result = FB_STORE_OK;
    struct fb_delivery d;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        read_delivery(q, &d);
        int r = fn(&d, cls);
        if (r != 0) {
            result = r;
            break;
        }
    }
    if (result == FB_STORE_OK && rc != SQLITE_DONE)
        result = FB_STORE_ERROR;
    sqlite3_finalize(q);
    return result;
}

int
fb_sq_delivery_add(struct fb_store *s, const struct fb_delivery *d)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "INSERT INTO deliveries (reference, form, target, target_name, "
        "event, language, created_at, next_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, d->reference, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, d->form, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 3, d->target);
    sqlite3_bind_text(q, 4, d->target_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, d->event, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, d->language, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 7, d->created_at);
    sqlite3_bind_int64(q, 8, d->next_at);
    return fb_sq_finish(q);
}

int
fb_sq_delivery_due(struct fb_store *s, long long now, size_t max,
                   fb_delivery_fn fn, void *cls)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "SELECT " DELIVERY_COLUMNS " FROM deliveries WHERE state = "
        "'pending' AND next_at <= ?1 ORDER BY next_at, id LIMIT ?2");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_int64(q, 1, now);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)max);
    return each_row(q, fn, cls);
}

/* One instance per SQLite file: its outbox thread is the only one taking
 * deliveries, so there is nothing to lease; the skipped targets are left
 * out as on PostgreSQL. */
int
fb_sq_delivery_claim(struct fb_store *s, long long now, long long lease_until,
                     size_t max, const char *skip_targets, fb_delivery_fn fn,
                     void *cls)
{
    (void)lease_until;
    sqlite3_stmt *q = fb_sq_prepare(s,
        "SELECT " DELIVERY_COLUMNS " FROM deliveries WHERE state = "
        "'pending' AND next_at <= ?1 AND instr(char(31) || ?3 || char(31), "
        "char(31) || target_name || char(31)) = 0 ORDER BY next_at, id "
        "LIMIT ?2");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_int64(q, 1, now);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)max);
    sqlite3_bind_text(q, 3, skip_targets, -1, SQLITE_STATIC);
    return each_row(q, fn, cls);
}

int
fb_sq_delivery_update(struct fb_store *s, const struct fb_delivery *d)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "UPDATE deliveries SET state = ?2, attempts = ?3, next_at = ?4, "
        "last_at = ?5, last_status = ?6, last_error = ?7 WHERE id = ?1");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_int64(q, 1, d->id);
    sqlite3_bind_text(q, 2, fb_delivery_state_name(d->state), -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 3, d->attempts);
    sqlite3_bind_int64(q, 4, d->next_at);
    sqlite3_bind_int64(q, 5, d->last_at);
    sqlite3_bind_int(q, 6, d->last_status);
    sqlite3_bind_text(q, 7, d->last_error, -1, SQLITE_STATIC);
    if (fb_sq_finish(q) != FB_STORE_OK)
        return FB_STORE_ERROR;
    /* The submission's summary: failed while any delivery needs staff,
     * delivered once all are. */
    q = fb_sq_prepare(s,
        "UPDATE submissions SET delivery_state = CASE "
        "WHEN EXISTS (SELECT 1 FROM deliveries WHERE reference = ?1 "
        "AND state IN ('failed', 'dead')) THEN 'failed' "
        "WHEN EXISTS (SELECT 1 FROM deliveries WHERE reference = ?1 "
        "AND state = 'pending') THEN 'pending' ELSE 'delivered' END "
        "WHERE reference = ?1");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, d->reference, -1, SQLITE_STATIC);
    return fb_sq_finish(q);
}

int
fb_sq_delivery_get(struct fb_store *s, long long id, struct fb_delivery *out)
{
    sqlite3_stmt *q = fb_sq_prepare(s, "SELECT " DELIVERY_COLUMNS
                                 " FROM deliveries WHERE id = ?1");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_int64(q, 1, id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        read_delivery(q, out);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW    ? FB_STORE_OK
           : rc == SQLITE_DONE ? FB_STORE_NOT_FOUND
                               : FB_STORE_ERROR;
}

int
fb_sq_delivery_each(struct fb_store *s, int state, const char *form,
                    fb_delivery_fn fn, void *cls)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "SELECT " DELIVERY_COLUMNS " FROM deliveries WHERE "
        "(?1 IS NULL OR state = ?1) AND (?2 IS NULL OR form = ?2) "
        "ORDER BY id");
    if (!q)
        return FB_STORE_ERROR;
    if (state >= 0 && state < FB_DELIVERY__COUNT)
        sqlite3_bind_text(q, 1, fb_delivery_state_name((enum fb_delivery_state)state), -1, SQLITE_STATIC);
    if (form)
        sqlite3_bind_text(q, 2, form, -1, SQLITE_STATIC);
    return each_row(q, fn, cls);
}

int
fb_sq_delivery_retry(struct fb_store *s, long long id, long long now,
                     size_t *out_n)
{
    *out_n = 0;
    sqlite3_stmt *q = fb_sq_prepare(s,
        id ? "UPDATE deliveries SET state = 'pending', attempts = 0, "
             "next_at = ?1, created_at = ?1 WHERE id = ?2 "
             "AND state IN ('failed', 'dead')"
           : "UPDATE deliveries SET state = 'pending', attempts = 0, "
             "next_at = ?1, created_at = ?1 WHERE state = 'dead'");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_int64(q, 1, now);
    if (id)
        sqlite3_bind_int64(q, 2, id);
    int rc = fb_sq_finish(q);
    if (rc == FB_STORE_OK)
        *out_n = (size_t)sqlite3_changes(fb_store_sqlite_db(s));
    return rc;
}

int
fb_sq_delivery_counts(struct fb_store *s, fb_delivery_count_fn fn, void *cls,
                      long long *out_oldest)
{
    *out_oldest = 0;
    sqlite3_stmt *q = fb_sq_prepare(s,
        "SELECT state, target_name, count(*) FROM deliveries "
        "GROUP BY state, target_name ORDER BY state, target_name");
    if (!q)
        return FB_STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        fn(fb_delivery_state_of((const char *)sqlite3_column_text(q, 0)),
           (const char *)sqlite3_column_text(q, 1),
           sqlite3_column_int64(q, 2), cls);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return FB_STORE_ERROR;
    q = fb_sq_prepare(s, "SELECT min(created_at) FROM deliveries "
                   "WHERE state = 'pending'");
    if (!q)
        return FB_STORE_ERROR;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *out_oldest = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? FB_STORE_OK : FB_STORE_ERROR;
}

int
fb_sq_submission_by_reference(struct fb_store *s, const char *reference,
                              fb_store_row_fn fn, void *cls)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "SELECT reference, form, form_version, answers, submitted_at, "
        "delivery_state, language FROM submissions WHERE reference = ?1");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, reference, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    int result = rc == SQLITE_DONE ? FB_STORE_NOT_FOUND : FB_STORE_ERROR;
    if (rc == SQLITE_ROW) {
        struct fb_submission_row row = {
            .reference = (const char *)sqlite3_column_text(q, 0),
            .form = (const char *)sqlite3_column_text(q, 1),
            .form_version = (const char *)sqlite3_column_text(q, 2),
            .answers_json = (const char *)sqlite3_column_text(q, 3),
            .submitted_at = (const char *)sqlite3_column_text(q, 4),
            .delivery_state = (const char *)sqlite3_column_text(q, 5),
            .language = (const char *)sqlite3_column_text(q, 6),
        };
        result = fn(&row, cls);
    }
    sqlite3_finalize(q);
    return result;
}

int
fb_sq_delivery_of_reference(struct fb_store *s, const char *reference,
                            fb_delivery_fn fn, void *cls)
{
    sqlite3_stmt *q = fb_sq_prepare(s, "SELECT " DELIVERY_COLUMNS
                                 " FROM deliveries WHERE reference = ?1 "
                                 "ORDER BY id");
    if (q)
        sqlite3_bind_text(q, 1, reference, -1, SQLITE_STATIC);
    return each_row(q, fn, cls);
}
