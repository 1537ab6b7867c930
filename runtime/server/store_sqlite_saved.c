/* SPDX-License-Identifier: MIT */
/*
 * Saved journeys in SQLite (table saved_journeys, migration 6 here,
 * assigned 11). Statements are bound, never built from input, and
 * prepared per call: a resident saves or returns a few times a journey.
 */
#include "store_sqlite_priv.h"
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAVED_COLUMNS                                                     \
    "id, form, form_version, email, language, state, token_hash, "        \
    "created_at, expires_at, used_at, data"

/* Reads one row of SAVED_COLUMNS from @p q (finalised), the record into
 * *out_data when asked and the journey is not used. */
static int
one_saved(sqlite3_stmt *q, struct fb_saved *out, char **out_data)
{
    if (!q)
        return FB_STORE_ERROR;
    if (out_data)
        *out_data = NULL;
    int rc = sqlite3_step(q);
    int result = rc == SQLITE_ROW    ? FB_STORE_OK
                 : rc == SQLITE_DONE ? FB_STORE_NOT_FOUND
                                     : FB_STORE_ERROR;
    if (result == FB_STORE_OK) {
        memset(out, 0, sizeof *out);
        fb_sq_copy_text(out->id, sizeof out->id, q, 0);
        fb_sq_copy_text(out->form, sizeof out->form, q, 1);
        fb_sq_copy_text(out->form_version, sizeof out->form_version, q, 2);
        fb_sq_copy_text(out->email, sizeof out->email, q, 3);
        fb_sq_copy_text(out->language, sizeof out->language, q, 4);
        const char *state = (const char *)sqlite3_column_text(q, 5);
        out->used = state && strcmp(state, "used") == 0;
        const void *h = sqlite3_column_blob(q, 6);
        out->has_token = h && sqlite3_column_bytes(q, 6) == FB_SAVED_HASH_LEN;
        if (out->has_token)
            memcpy(out->token_hash, h, FB_SAVED_HASH_LEN);
        out->created_at = sqlite3_column_int64(q, 7);
        out->expires_at = sqlite3_column_int64(q, 8);
        out->used_at = sqlite3_column_int64(q, 9);
        const char *data = (const char *)sqlite3_column_text(q, 10);
        if (out_data && !out->used && data && !(*out_data = strdup(data)))
            result = FB_STORE_ERROR;
    }
    sqlite3_finalize(q);
    return result;
}

int
fb_sq_saved_add(struct fb_store *s, const struct fb_saved *sv,
                const char *data)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "INSERT INTO saved_journeys (id, form, form_version, email, "
        "language, data, created_at, expires_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (q) {
        sqlite3_bind_text(q, 1, sv->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, sv->form, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, sv->form_version, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, sv->email, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 5, sv->language, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 6, data, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 7, sv->created_at);
        sqlite3_bind_int64(q, 8, sv->expires_at);
    }
    return fb_sq_finish(q);
}

int
fb_sq_saved_get(struct fb_store *s, const char *id, struct fb_saved *out)
{
    sqlite3_stmt *q = fb_sq_prepare(s, "SELECT " SAVED_COLUMNS
                                 " FROM saved_journeys WHERE id = ?1");
    if (q)
        sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    return one_saved(q, out, NULL);
}

int
fb_sq_saved_token(struct fb_store *s, const char *id,
                  const unsigned char hash[FB_SAVED_HASH_LEN])
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "UPDATE saved_journeys SET token_hash = ?2 "
        "WHERE id = ?1 AND state = 'saved'");
    if (q) {
        sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_blob(q, 2, hash, FB_SAVED_HASH_LEN, SQLITE_STATIC);
    }
    size_t n = 0;
    int rc = fb_sq_finish_changed(s, q, &n);
    return rc != FB_STORE_OK ? rc : n ? FB_STORE_OK : FB_STORE_NOT_FOUND;
}

int
fb_sq_saved_find(struct fb_store *s,
                 const unsigned char hash[FB_SAVED_HASH_LEN],
                 struct fb_saved *out, char **out_data)
{
    sqlite3_stmt *q = fb_sq_prepare(s, "SELECT " SAVED_COLUMNS
                                 " FROM saved_journeys WHERE token_hash = ?1");
    if (q)
        sqlite3_bind_blob(q, 1, hash, FB_SAVED_HASH_LEN, SQLITE_STATIC);
    return one_saved(q, out, out_data);
}

int
fb_sq_saved_use(struct fb_store *s, const char *id, long long now)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "UPDATE saved_journeys SET state = 'used', data = '', used_at = ?2 "
        "WHERE id = ?1 AND state = 'saved'");
    if (q) {
        sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, now);
    }
    size_t n = 0;
    int rc = fb_sq_finish_changed(s, q, &n);
    return rc != FB_STORE_OK ? rc : n ? FB_STORE_OK : FB_STORE_NOT_FOUND;
}

int
fb_sq_saved_expire(struct fb_store *s, long long before, long long forget,
                   size_t *out_n)
{
    /* Their link's deliveries go with them: nothing is left to send. */
    sqlite3_stmt *q = fb_sq_prepare(s, "DELETE FROM deliveries "
                                 "WHERE target_name = 'save-link' AND "
                                 "reference IN (SELECT id FROM "
                                 "saved_journeys WHERE expires_at < ?1)");
    if (q)
        sqlite3_bind_int64(q, 1, forget);
    size_t gone = 0;
    if (fb_sq_finish_changed(s, q, &gone) != FB_STORE_OK)
        return FB_STORE_ERROR;
    q = fb_sq_prepare(s, "DELETE FROM saved_journeys WHERE expires_at < ?1");
    if (q)
        sqlite3_bind_int64(q, 1, forget);
    if (fb_sq_finish_changed(s, q, &gone) != FB_STORE_OK)
        return FB_STORE_ERROR;
    q = fb_sq_prepare(s, "UPDATE saved_journeys SET data = '' "
                   "WHERE expires_at < ?1 AND data <> ''");
    if (q)
        sqlite3_bind_int64(q, 1, before);
    *out_n = 0;
    return fb_sq_finish_changed(s, q, out_n);
}

int
fb_sq_version_pinned(struct fb_store *s, const char *form,
                     const char *version, long long sessions_after,
                     long long now, bool *out_pinned)
{
    char needle[FB_PLACE_NAME_MAX + 96];
    *out_pinned = true;    /* on any failure: keep it loaded */
    if (!fb_session_version_needle(needle, sizeof needle, form, version))
        return FB_STORE_ERROR;
    sqlite3_stmt *q = fb_sq_prepare(s,
        "SELECT EXISTS (SELECT 1 FROM sessions WHERE updated_at >= ?4 "
        "AND instr(data, ?3) > 0) OR EXISTS (SELECT 1 FROM "
        "saved_journeys WHERE form = ?1 AND form_version = ?2 AND "
        "state = 'saved' AND data <> '' AND expires_at >= ?5)");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, form, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, version, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, needle, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, sessions_after);
    sqlite3_bind_int64(q, 5, now);
    int rc = FB_STORE_ERROR;
    if (sqlite3_step(q) == SQLITE_ROW) {
        *out_pinned = sqlite3_column_int(q, 0) != 0;
        rc = FB_STORE_OK;
    }
    sqlite3_finalize(q);
    return rc;
}
