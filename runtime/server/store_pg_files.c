/* SPDX-License-Identifier: MIT */
/*
 * What may refer to an uploaded file, on PostgreSQL (store.h
 * answer_texts_each): every submission's answers and every session's
 * record, in one result.
 */
#include "store_pg_priv.h"

int
fb_pg_answer_texts_each(struct fb_store *s, fb_store_text_fn fn, void *cls)
{
    PGresult *r = fb_pg_run(s, PG_ANSWER_TEXTS, NULL);
    if (!r)
        return FB_STORE_ERROR;
    int result = FB_STORE_OK;
    for (int i = 0; i < PQntuples(r) && result == FB_STORE_OK; i++) {
        const char *t = fb_pg_str(r, i, 0);
        result = fn(t ? t : "", cls);
    }
    PQclear(r);
    return result;
}
