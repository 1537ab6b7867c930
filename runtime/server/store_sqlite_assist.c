/* SPDX-License-Identifier: MIT */
/*
 * Assisted digital links opened, in SQLite (store.h, assist_link_use).
 */
#include "store.h"
#include "store_sqlite_priv.h"

#include <sqlite3.h>

int
fb_sq_assist_link_use(struct fb_store *s, const char *id, const char *form,
                      const char *channel, const char *at)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "INSERT INTO assist_links (id, form, channel, used_at) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, form, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, channel, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, at, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return FB_STORE_ERROR;
    /* No row inserted: the id was there already. */
    return sqlite3_changes(fb_store_sqlite_db(s)) == 1 ? FB_STORE_OK
                                                       : FB_STORE_REFUSED;
}
