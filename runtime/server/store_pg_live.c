/* SPDX-License-Identifier: MIT */
/*
 * A live service's rows in PostgreSQL (migration 9): the places a capped
 * form has taken, shared by every instance, and the forms in maintenance,
 * which every instance polls (maintenance.h).
 */
#include "store_pg_priv.h"

int
fb_pg_form_place_take(struct fb_store *s, const char *form, long long cap)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, form);
    fb_pg_int(&p, cap);
    size_t n = 0;
    if (fb_pg_exec_count(s, PG_FORM_TAKE, &p, &n) != FB_STORE_OK)
        return FB_STORE_ERROR;
    if (n == 1)
        return FB_STORE_OK;
    /* No counter yet: start it at the submissions stored before this
     * one. Two instances starting it at once: the second's insert waits
     * on the key, then does nothing. */
    struct fb_pg_params one = {0};
    fb_pg_text(&one, form);
    if (fb_pg_exec(s, PG_FORM_COUNT_START, &one) != FB_STORE_OK
        || fb_pg_exec_count(s, PG_FORM_TAKE, &p, &n) != FB_STORE_OK)
        return FB_STORE_ERROR;
    return n == 1 ? FB_STORE_OK : FB_STORE_REFUSED;
}

int
fb_pg_form_places_used(struct fb_store *s, const char *form,
                       long long *out_n)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, form);
    PGresult *r = fb_pg_run(s, PG_FORM_USED, &p);
    *out_n = 0;
    if (!r)
        return FB_STORE_ERROR;
    *out_n = fb_pg_ll(r, 0, 0);
    PQclear(r);
    return FB_STORE_OK;
}

int
fb_pg_maintenance_set(struct fb_store *s, const char *form, bool on,
                      long long now)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, form);
    if (on)
        fb_pg_int(&p, now);
    size_t n = 0;
    if (fb_pg_exec_count(s, on ? PG_MAINTENANCE_ON : PG_MAINTENANCE_OFF, &p,
                         &n) != FB_STORE_OK)
        return FB_STORE_ERROR;
    return !on && n == 0 ? FB_STORE_NOT_FOUND : FB_STORE_OK;
}

int
fb_pg_maintenance_each(struct fb_store *s, fb_name_fn fn, void *cls)
{
    PGresult *r = fb_pg_run(s, PG_MAINTENANCE_EACH, NULL);
    if (!r)
        return FB_STORE_ERROR;
    for (int i = 0; i < PQntuples(r); i++)
        fn(PQgetvalue(r, i, 0), cls);
    PQclear(r);
    return FB_STORE_OK;
}
