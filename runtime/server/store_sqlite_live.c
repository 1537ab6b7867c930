/* SPDX-License-Identifier: MIT */
/*
 * A live service's rows in SQLite (migration 9): the places a capped form
 * has taken and the forms in maintenance. Statements are bound, never
 * built from input, and prepared per call: a submission or a poll a
 * second costs one more prepare beside its fsync.
 */
#include "store_sqlite_priv.h"

/* One more place for @p form if fewer than @p cap are taken. */
static int
take(struct fb_store *s, const char *form, long long cap,
     size_t *out_changed)
{
    sqlite3_stmt *q = fb_sq_prepare(s, "UPDATE form_counts SET n = n + 1 "
                                 "WHERE form = ?1 AND n < ?2");
    if (q) {
        sqlite3_bind_text(q, 1, form, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, cap);
    }
    return fb_sq_finish_changed(s, q, out_changed);
}

int
fb_sq_form_place_take(struct fb_store *s, const char *form, long long cap)
{
    size_t changed = 0;
    if (take(s, form, cap, &changed) != FB_STORE_OK)
        return FB_STORE_ERROR;
    if (changed == 1)
        return FB_STORE_OK;
    /* No counter yet: start it at the submissions stored before this
     * one (inserted just now in the same transaction). */
    sqlite3_stmt *q = fb_sq_prepare(s,
        "INSERT INTO form_counts (form, n) SELECT ?1, max(count(*) - 1, 0) "
        "FROM submissions WHERE form = ?1 ON CONFLICT DO NOTHING");
    if (q)
        sqlite3_bind_text(q, 1, form, -1, SQLITE_STATIC);
    if (fb_sq_finish(q) != FB_STORE_OK
        || take(s, form, cap, &changed) != FB_STORE_OK)
        return FB_STORE_ERROR;
    return changed == 1 ? FB_STORE_OK : FB_STORE_REFUSED;
}

int
fb_sq_form_places_used(struct fb_store *s, const char *form,
                       long long *out_n)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "SELECT coalesce((SELECT n FROM form_counts WHERE form = ?1), "
        "(SELECT count(*) FROM submissions WHERE form = ?1))");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, form, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *out_n = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? FB_STORE_OK : FB_STORE_ERROR;
}

int
fb_sq_maintenance_set(struct fb_store *s, const char *form, bool on,
                      long long now)
{
    sqlite3_stmt *q = fb_sq_prepare(s, on ? "INSERT INTO maintenance (form, since) "
                                      "VALUES (?1, ?2) ON CONFLICT DO NOTHING"
                                    : "DELETE FROM maintenance "
                                      "WHERE form = ?1");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, form, -1, SQLITE_STATIC);
    if (on)
        sqlite3_bind_int64(q, 2, now);
    size_t changed = 0;
    int rc = fb_sq_finish_changed(s, q, &changed);
    return rc == FB_STORE_OK && !on && changed == 0 ? FB_STORE_NOT_FOUND : rc;
}

int
fb_sq_maintenance_each(struct fb_store *s, fb_name_fn fn, void *cls)
{
    sqlite3_stmt *q = fb_sq_prepare(s, "SELECT form FROM maintenance ORDER BY form");
    if (!q)
        return FB_STORE_ERROR;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(q, 0), cls);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? FB_STORE_OK : FB_STORE_ERROR;
}
