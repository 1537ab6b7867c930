/* SPDX-License-Identifier: MIT */
/*
 * What may refer to an uploaded file, on SQLite: every submission's
 * answers and every session's record (store.h answer_texts_each), read
 * row by row so memory does not grow with the tables.
 */
#include "store_sqlite_priv.h"

int
fb_sq_answer_texts_each(struct fb_store *s, fb_store_text_fn fn, void *cls)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(fb_store_sqlite_db(s),
                           "SELECT answers FROM submissions "
                           "UNION ALL SELECT data FROM sessions", -1, &q,
                           NULL) != SQLITE_OK)
        return FB_STORE_ERROR;
    int rc, result = FB_STORE_OK;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(q, 0);
        int r = fn(t ? t : "", cls);
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
