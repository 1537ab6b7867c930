/* SPDX-License-Identifier: MIT */
/*
 * The outbox's rows in PostgreSQL (table deliveries, migration 3). The
 * rules are outbox.c's; what is this file's is delivery_claim: rows are
 * claimed with FOR UPDATE SKIP LOCKED and leased (next_at moved to the
 * lease's end), so each delivery is attempted by one instance at a time
 * and a killed instance's claims come due again when their lease ends.
 */
#include "store_pg_priv.h"
#include "store_rows.h"

#include <stdio.h>
#include <string.h>

/* Reads row @p i of @p r (DELIVERY_COLUMNS). */
static void
read_delivery(const PGresult *r, int i, struct fb_delivery *d)
{
    memset(d, 0, sizeof *d);
    d->id = fb_pg_ll(r, i, 0);
    fb_pg_copy(d->reference, sizeof d->reference, r, i, 1);
    fb_pg_copy(d->form, sizeof d->form, r, i, 2);
    d->target = (int)fb_pg_ll(r, i, 3);
    fb_pg_copy(d->target_name, sizeof d->target_name, r, i, 4);
    fb_pg_copy(d->event, sizeof d->event, r, i, 5);
    fb_pg_copy(d->language, sizeof d->language, r, i, 6);
    d->state = fb_delivery_state_of(fb_pg_str(r, i, 7));
    d->attempts = (int)fb_pg_ll(r, i, 8);
    d->created_at = fb_pg_ll(r, i, 9);
    d->next_at = fb_pg_ll(r, i, 10);
    d->last_at = fb_pg_ll(r, i, 11);
    d->last_status = (int)fb_pg_ll(r, i, 12);
    fb_pg_copy(d->last_error, sizeof d->last_error, r, i, 13);
}

/* Calls fn per row of r, clearing it. */
static int
each_row(PGresult *r, fb_delivery_fn fn, void *cls)
{
    if (!r)
        return FB_STORE_ERROR;
    int result = FB_STORE_OK;
    struct fb_delivery d;
    for (int i = 0; i < PQntuples(r) && result == FB_STORE_OK; i++) {
        read_delivery(r, i, &d);
        result = fn(&d, cls);
    }
    PQclear(r);
    return result;
}

int
fb_pg_delivery_add(struct fb_store *s, const struct fb_delivery *d)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, d->reference);
    fb_pg_text(&p, d->form);
    fb_pg_int(&p, d->target);
    fb_pg_text(&p, d->target_name);
    fb_pg_text(&p, d->event);
    fb_pg_text(&p, d->language);
    fb_pg_int(&p, d->created_at);
    fb_pg_int(&p, d->next_at);
    return fb_pg_exec(s, PG_DELIVERY_ADD, &p);
}

int
fb_pg_delivery_due(struct fb_store *s, long long now, size_t max,
                   fb_delivery_fn fn, void *cls)
{
    struct fb_pg_params p = {0};
    fb_pg_int(&p, now);
    fb_pg_int(&p, (long long)max);
    return each_row(fb_pg_run(s, PG_DELIVERY_DUE, &p), fn, cls);
}

int
fb_pg_delivery_claim(struct fb_store *s, long long now, long long lease_until,
                     size_t max, const char *skip_targets, fb_delivery_fn fn,
                     void *cls)
{
    struct fb_pg_params p = {0};
    fb_pg_int(&p, now);
    fb_pg_int(&p, (long long)max);
    fb_pg_int(&p, lease_until);
    fb_pg_text(&p, skip_targets);
    return each_row(fb_pg_run(s, PG_DELIVERY_CLAIM, &p), fn, cls);
}

int
fb_pg_delivery_update(struct fb_store *s, const struct fb_delivery *d)
{
    struct fb_pg_params p = {0};
    fb_pg_int(&p, d->id);
    fb_pg_text(&p, fb_delivery_state_name(d->state));
    fb_pg_int(&p, d->attempts);
    fb_pg_int(&p, d->next_at);
    fb_pg_int(&p, d->last_at);
    fb_pg_int(&p, d->last_status);
    fb_pg_text(&p, d->last_error);
    if (fb_pg_exec(s, PG_DELIVERY_UPDATE, &p) != FB_STORE_OK)
        return FB_STORE_ERROR;
    struct fb_pg_params q = {0};
    fb_pg_text(&q, d->reference);
    return fb_pg_exec(s, PG_DELIVERY_SUMMARY, &q);
}

int
fb_pg_delivery_get(struct fb_store *s, long long id, struct fb_delivery *out)
{
    struct fb_pg_params p = {0};
    fb_pg_int(&p, id);
    PGresult *r = fb_pg_run(s, PG_DELIVERY_GET, &p);
    if (!r)
        return FB_STORE_ERROR;
    int rc = PQntuples(r) == 1 ? FB_STORE_OK : FB_STORE_NOT_FOUND;
    if (rc == FB_STORE_OK)
        read_delivery(r, 0, out);
    PQclear(r);
    return rc;
}

int
fb_pg_delivery_each(struct fb_store *s, int state, const char *form,
                    fb_delivery_fn fn, void *cls)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, state >= 0 && state < FB_DELIVERY__COUNT
                       ? fb_delivery_state_name((enum fb_delivery_state)state) : NULL);
    fb_pg_text(&p, form);
    return each_row(fb_pg_run(s, PG_DELIVERY_EACH, &p), fn, cls);
}

int
fb_pg_delivery_retry(struct fb_store *s, long long id, long long now,
                     size_t *out_n)
{
    struct fb_pg_params p = {0};
    fb_pg_int(&p, now);
    if (id)
        fb_pg_int(&p, id);
    return fb_pg_exec_count(s, id ? PG_DELIVERY_RETRY_ONE
                                  : PG_DELIVERY_RETRY_DEAD, &p, out_n);
}

int
fb_pg_delivery_counts(struct fb_store *s, fb_delivery_count_fn fn, void *cls,
                      long long *out_oldest)
{
    *out_oldest = 0;
    PGresult *r = fb_pg_run(s, PG_DELIVERY_COUNTS, NULL);
    if (!r)
        return FB_STORE_ERROR;
    for (int i = 0; i < PQntuples(r); i++)
        fn(fb_delivery_state_of(PQgetvalue(r, i, 0)), PQgetvalue(r, i, 1),
           fb_pg_ll(r, i, 2), cls);
    PQclear(r);
    r = fb_pg_run(s, PG_DELIVERY_OLDEST, NULL);
    if (!r)
        return FB_STORE_ERROR;
    *out_oldest = fb_pg_ll(r, 0, 0);
    PQclear(r);
    return FB_STORE_OK;
}

int
fb_pg_delivery_of_reference(struct fb_store *s, const char *reference,
                            fb_delivery_fn fn, void *cls)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, reference);
    return each_row(fb_pg_run(s, PG_DELIVERY_OF_REFERENCE, &p), fn, cls);
}
