/* SPDX-License-Identifier: MIT */
/*
 * Progress updates in SQLite (table submission_events, migration 6).
 * What an event may say is decided in events.c; this file only stores
 * rows and reads them back in the back office's order.
 */
#include "store_sqlite_priv.h"

int
fb_sq_submission_event_add(struct fb_store *s,
                           const struct fb_submission_event *e,
                           bool *out_existed)
{
    *out_existed = false;
    sqlite3 *db = fb_store_sqlite_db(s);
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db,
            "INSERT INTO submission_events (reference, event_id, status, "
            "message, public, occurred_at, received_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
            -1, &q, NULL) != SQLITE_OK)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, e->reference, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, e->event_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, e->status, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, e->message ? e->message : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 5, e->public ? 1 : 0);
    sqlite3_bind_int64(q, 6, e->occurred_at);
    sqlite3_bind_int64(q, 7, e->received_at);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return FB_STORE_ERROR;
    *out_existed = sqlite3_changes(db) == 0;
    return FB_STORE_OK;
}

int
fb_sq_submission_event_each(struct fb_store *s, const char *reference,
                            bool public_only, fb_submission_event_fn fn,
                            void *cls)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(fb_store_sqlite_db(s),
            "SELECT event_id, status, message, public, occurred_at, "
            "received_at FROM submission_events WHERE reference = ?1 "
            "AND (public = 1 OR ?2 = 0) ORDER BY occurred_at, id",
            -1, &q, NULL) != SQLITE_OK)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, reference, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, public_only ? 1 : 0);
    int rc, result = FB_STORE_OK;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct fb_submission_event e = {
            .reference = reference,
            .event_id = (const char *)sqlite3_column_text(q, 0),
            .status = (const char *)sqlite3_column_text(q, 1),
            .message = (const char *)sqlite3_column_text(q, 2),
            .public = sqlite3_column_int(q, 3) != 0,
            .occurred_at = sqlite3_column_int64(q, 4),
            .received_at = sqlite3_column_int64(q, 5),
        };
        int r = fn(&e, cls);
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
