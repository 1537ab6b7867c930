/* SPDX-License-Identifier: MIT */
/*
 * Payments in PostgreSQL (table payments, migration "assigned: 8"). The
 * rules are pay.c's. Two instances re-checking one open payment at once
 * is harmless: a check reads the provider, and a refund carries the
 * same Idempotency-Key from either.
 */
#include "store_pg_priv.h"

#include <stdio.h>
#include <string.h>

static void
read_payment(const PGresult *r, int i, struct fb_payment *p)
{
    memset(p, 0, sizeof *p);
    fb_pg_copy(p->reference, sizeof p->reference, r, i, 0);
    fb_pg_copy(p->form, sizeof p->form, r, i, 1);
    fb_pg_copy(p->language, sizeof p->language, r, i, 2);
    p->amount = fb_pg_ll(r, i, 3);
    fb_pg_copy(p->return_token, sizeof p->return_token, r, i, 4);
    p->attempt = (int)fb_pg_ll(r, i, 5);
    fb_pg_copy(p->provider_id, sizeof p->provider_id, r, i, 6);
    fb_pg_copy(p->next_url, sizeof p->next_url, r, i, 7);
    fb_pg_copy(p->status, sizeof p->status, r, i, 8);
    fb_pg_copy(p->code, sizeof p->code, r, i, 9);
    fb_pg_copy(p->refund_status, sizeof p->refund_status, r, i, 10);
    fb_pg_copy(p->refund_id, sizeof p->refund_id, r, i, 11);
    p->refunded = fb_pg_ll(r, i, 12);
    p->created_at = fb_pg_ll(r, i, 13);
    p->updated_at = fb_pg_ll(r, i, 14);
}

static int
one_payment(PGresult *r, struct fb_payment *out)
{
    if (!r)
        return FB_STORE_ERROR;
    int rc = PQntuples(r) > 0 ? FB_STORE_OK : FB_STORE_NOT_FOUND;
    if (rc == FB_STORE_OK)
        read_payment(r, 0, out);
    PQclear(r);
    return rc;
}

int
fb_pg_payment_add(struct fb_store *s, const struct fb_payment *p)
{
    struct fb_pg_params q = {0};
    fb_pg_text(&q, p->reference);
    fb_pg_text(&q, p->form);
    fb_pg_text(&q, p->language);
    fb_pg_int(&q, p->amount);
    fb_pg_text(&q, p->return_token);
    fb_pg_text(&q, p->status);
    fb_pg_int(&q, p->created_at);
    return fb_pg_exec(s, PG_PAYMENT_ADD, &q);
}

int
fb_pg_payment_get(struct fb_store *s, const char *reference,
                  struct fb_payment *out)
{
    struct fb_pg_params q = {0};
    fb_pg_text(&q, reference);
    return one_payment(fb_pg_run(s, PG_PAYMENT_GET, &q), out);
}

int
fb_pg_payment_by_token(struct fb_store *s, const char *return_token,
                      struct fb_payment *out)
{
    struct fb_pg_params q = {0};
    fb_pg_text(&q, return_token);
    return one_payment(fb_pg_run(s, PG_PAYMENT_BY_TOKEN, &q), out);
}

int
fb_pg_payment_update(struct fb_store *s, const struct fb_payment *p)
{
    struct fb_pg_params q = {0};
    fb_pg_text(&q, p->reference);
    fb_pg_text(&q, p->language);
    fb_pg_int(&q, p->amount);
    fb_pg_text(&q, p->return_token);
    fb_pg_int(&q, p->attempt);
    fb_pg_text(&q, p->provider_id);
    fb_pg_text(&q, p->next_url);
    fb_pg_text(&q, p->status);
    fb_pg_text(&q, p->code);
    fb_pg_text(&q, p->refund_status);
    fb_pg_text(&q, p->refund_id);
    fb_pg_int(&q, p->refunded);
    fb_pg_int(&q, p->updated_at);
    size_t n = 0;
    if (fb_pg_exec_count(s, PG_PAYMENT_UPDATE, &q, &n) != FB_STORE_OK)
        return FB_STORE_ERROR;
    return n ? FB_STORE_OK : FB_STORE_NOT_FOUND;
}

int
fb_pg_payment_open(struct fb_store *s, long long recheck_before,
                       long long abandon_before, size_t max,
                   fb_payment_fn fn, void *cls)
{
    struct fb_pg_params q = {0};
    fb_pg_int(&q, recheck_before);
    fb_pg_int(&q, abandon_before);
    fb_pg_int(&q, (long long)max);
    PGresult *r = fb_pg_run(s, PG_PAYMENT_OPEN, &q);
    if (!r)
        return FB_STORE_ERROR;
    int result = FB_STORE_OK;
    struct fb_payment p;
    for (int i = 0; i < PQntuples(r) && result == FB_STORE_OK; i++) {
        read_payment(r, i, &p);
        result = fn(&p, cls);
    }
    PQclear(r);
    return result;
}
