/* SPDX-License-Identifier: MIT */
/*
 * Progress updates in PostgreSQL (table submission_events, migration 6),
 * the same rows as store_sqlite_events.c; the statements are in
 * store_pg_sql.c.
 */
#include "store_pg_priv.h"

int
fb_pg_submission_event_add(struct fb_store *s,
                           const struct fb_submission_event *e,
                           bool *out_existed)
{
    *out_existed = false;
    struct fb_pg_params p = {0};
    fb_pg_text(&p, e->reference);
    fb_pg_text(&p, e->event_id);
    fb_pg_text(&p, e->status);
    fb_pg_text(&p, e->message ? e->message : "");
    fb_pg_int(&p, e->public ? 1 : 0);
    fb_pg_int(&p, e->occurred_at);
    fb_pg_int(&p, e->received_at);
    size_t n = 0;
    if (fb_pg_exec_count(s, PG_SUB_EVENT_ADD, &p, &n) != FB_STORE_OK)
        return FB_STORE_ERROR;
    *out_existed = n == 0;
    return FB_STORE_OK;
}

int
fb_pg_submission_event_each(struct fb_store *s, const char *reference,
                            bool public_only, fb_submission_event_fn fn,
                            void *cls)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, reference);
    fb_pg_int(&p, public_only ? 1 : 0);
    PGresult *r = fb_pg_run(s, PG_SUB_EVENT_EACH, &p);
    if (!r)
        return FB_STORE_ERROR;
    int result = FB_STORE_OK;
    for (int i = 0; i < PQntuples(r) && result == FB_STORE_OK; i++) {
        struct fb_submission_event e = {
            .reference = reference,
            .event_id = fb_pg_str(r, i, 0),
            .status = fb_pg_str(r, i, 1),
            .message = fb_pg_str(r, i, 2),
            .public = fb_pg_ll(r, i, 3) != 0,
            .occurred_at = fb_pg_ll(r, i, 4),
            .received_at = fb_pg_ll(r, i, 5),
        };
        result = fn(&e, cls);
    }
    PQclear(r);
    return result;
}
