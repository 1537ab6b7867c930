/* SPDX-License-Identifier: MIT */
/*
 * Booking places in PostgreSQL. The rules are booking_store.c's; what is
 * this file's is making its count-then-insert safe when instances race:
 * inside a write transaction, counting a slot (or a quota) first takes a
 * transaction-scoped advisory lock (lock_bookings()), so a second
 * instance's count waits for the first's commit and then sees its place.
 */
#include "store_pg_priv.h"
#include "store_rows.h"

#include <stdio.h>
#include <string.h>

/* Locks every booking count to the end of the transaction; a read
 * outside one (showing a month) needs no lock. One lock for all slots and
 * quotas, not one each: the writer commits a batch of residents' jobs in
 * one transaction, each taking its places' locks in arrival order, so two
 * instances' batches holding per-slot locks deadlocked (measured with 2
 * and 3 instances in bench/run.py's scenario 7: PostgreSQL aborted the
 * batch and the writer retried its jobs one by one). With one lock taken
 * first, a batch that counts waits whole for another's commit, so no two
 * transactions ever hold booking locks at once. The lock is re-entrant
 * within a transaction, so every count may take it. */
static int
lock_bookings(struct fb_store *s)
{
    if (!fb_pg_in_transaction(s))
        return FB_STORE_OK;
    struct fb_pg_params p = {0};
    fb_pg_text(&p, "formbuilder-bookings");
    return fb_pg_exec(s, PG_XACT_LOCK, &p);
}

/* Reads the one integer @p r holds into *out. */
static int
one_int(PGresult *r, int *out)
{
    if (!r)
        return FB_STORE_ERROR;
    *out = (int)fb_pg_ll(r, 0, 0);
    PQclear(r);
    return FB_STORE_OK;
}

/* @returns the value of hex digit @p c, or -1. */
static int
hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decodes a bytea in PostgreSQL's hex output ("\x0a1b...") into @p out;
 * @returns whether it held exactly @p len bytes. */
static bool
unhex(const char *v, unsigned char *out, size_t len)
{
    if (!v || strncmp(v, "\\x", 2) != 0 || strlen(v + 2) != 2 * len)
        return false;
    for (size_t i = 0; i < len; i++) {
        int hi = hex_digit(v[2 + 2 * i]), lo = hex_digit(v[3 + 2 * i]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

/* Reads row @p i of @p r (PLACE_COLUMNS). */
static void
read_place(const PGresult *r, int i, struct fb_place *p)
{
    memset(p, 0, sizeof *p);
    p->id = fb_pg_ll(r, i, 0);
    fb_pg_copy(p->calendar, sizeof p->calendar, r, i, 1);
    fb_pg_copy(p->day, sizeof p->day, r, i, 2);
    fb_pg_copy(p->window, sizeof p->window, r, i, 3);
    p->state = fb_place_state_of(fb_pg_str(r, i, 4));
    fb_pg_copy(p->form, sizeof p->form, r, i, 5);
    fb_pg_copy(p->holder, sizeof p->holder, r, i, 6);
    p->expires_at = fb_pg_ll(r, i, 7);
    fb_pg_copy(p->reference, sizeof p->reference, r, i, 8);
    p->has_token = unhex(fb_pg_str(r, i, 9), p->token_hash,
                         FB_PLACE_HASH_LEN);
    fb_pg_copy(p->quota_key, sizeof p->quota_key, r, i, 10);
    p->made_at = fb_pg_ll(r, i, 11);
}

/* Appends the fields of p in insert order. */
static void
bind_place(struct fb_pg_params *q, const struct fb_place *p)
{
    fb_pg_text(q, p->calendar);
    fb_pg_text(q, p->day);
    fb_pg_text(q, p->window);
    fb_pg_text(q, fb_place_state_name(p->state));
    fb_pg_text(q, p->form);
    fb_pg_opt(q, p->holder);
    if (p->state == FB_PLACE_HELD)
        fb_pg_int(q, p->expires_at);
    else
        fb_pg_text(q, NULL);
    fb_pg_opt(q, p->reference);
    fb_pg_bytes(q, p->has_token ? p->token_hash : NULL, FB_PLACE_HASH_LEN);
    fb_pg_opt(q, p->quota_key);
    fb_pg_int(q, p->made_at);
}

/* Reads the place @p r holds, if any. */
static int
one_place(PGresult *r, struct fb_place *out)
{
    if (!r)
        return FB_STORE_ERROR;
    int rc = PQntuples(r) == 1 ? FB_STORE_OK : FB_STORE_NOT_FOUND;
    if (rc == FB_STORE_OK)
        read_place(r, 0, out);
    PQclear(r);
    return rc;
}

int
fb_pg_place_taken(struct fb_store *s, const char *calendar, const char *day,
                  const char *window, long long now, int *out)
{
    if (lock_bookings(s) != FB_STORE_OK)
        return FB_STORE_ERROR;
    struct fb_pg_params p = {0};
    fb_pg_text(&p, calendar);
    fb_pg_text(&p, day);
    fb_pg_text(&p, window);
    fb_pg_int(&p, now);
    return one_int(fb_pg_run(s, PG_PLACE_TAKEN, &p), out);
}

int
fb_pg_place_taken_days(struct fb_store *s, const char *calendar,
                       const char *first, const char *last, long long now,
                       fb_place_count_fn fn, void *cls)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, calendar);
    fb_pg_text(&p, first);
    fb_pg_text(&p, last);
    fb_pg_int(&p, now);
    PGresult *r = fb_pg_run(s, PG_PLACE_TAKEN_DAYS, &p);
    if (!r)
        return FB_STORE_ERROR;
    for (int i = 0; i < PQntuples(r); i++)
        fn(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), (int)fb_pg_ll(r, i, 2),
           cls);
    PQclear(r);
    return FB_STORE_OK;
}

int
fb_pg_place_quota_used(struct fb_store *s, const char *calendar,
                       const char *key, long long since, long long now,
                       int *out)
{
    if (lock_bookings(s) != FB_STORE_OK)
        return FB_STORE_ERROR;
    struct fb_pg_params p = {0};
    fb_pg_text(&p, calendar);
    fb_pg_text(&p, key);
    fb_pg_int(&p, since);
    fb_pg_int(&p, now);
    return one_int(fb_pg_run(s, PG_PLACE_QUOTA, &p), out);
}

int
fb_pg_place_insert(struct fb_store *s, struct fb_place *p)
{
    struct fb_pg_params q = {0};
    bind_place(&q, p);
    PGresult *r = fb_pg_run(s, PG_PLACE_INSERT, &q);
    if (!r)
        return FB_STORE_ERROR;
    p->id = fb_pg_ll(r, 0, 0);
    PQclear(r);
    return FB_STORE_OK;
}

int
fb_pg_place_held(struct fb_store *s, const char *holder, const char *calendar,
                 struct fb_place *out)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, holder);
    fb_pg_text(&p, calendar);
    return one_place(fb_pg_run(s, PG_PLACE_HELD, &p), out);
}

int
fb_pg_place_release(struct fb_store *s, const char *holder,
                    const char *calendar)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, holder);
    fb_pg_text(&p, calendar);
    return fb_pg_exec(s, PG_PLACE_RELEASE, &p);
}

int
fb_pg_place_expire(struct fb_store *s, long long before, size_t *out_n)
{
    struct fb_pg_params p = {0};
    fb_pg_int(&p, before);
    return fb_pg_exec_count(s, PG_PLACE_EXPIRE, &p, out_n);
}

int
fb_pg_place_by_token(struct fb_store *s,
                     const unsigned char hash[FB_PLACE_HASH_LEN],
                     struct fb_place *out)
{
    struct fb_pg_params p = {0};
    fb_pg_bytes(&p, hash, FB_PLACE_HASH_LEN);
    return one_place(fb_pg_run(s, PG_PLACE_BY_TOKEN, &p), out);
}

int
fb_pg_place_by_reference(struct fb_store *s, const char *reference,
                         struct fb_place *out)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, reference);
    return one_place(fb_pg_run(s, PG_PLACE_BY_REFERENCE, &p), out);
}

int
fb_pg_place_update(struct fb_store *s, const struct fb_place *p)
{
    struct fb_pg_params q = {0};
    fb_pg_int(&q, p->id);
    bind_place(&q, p);
    size_t n = 0;
    if (fb_pg_exec_count(s, PG_PLACE_UPDATE, &q, &n) != FB_STORE_OK)
        return FB_STORE_ERROR;
    return n == 1 ? FB_STORE_OK : FB_STORE_NOT_FOUND;
}

int
fb_pg_place_each(struct fb_store *s, const char *calendar, const char *day,
                 fb_place_fn fn, void *cls)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, calendar);
    if (day)
        fb_pg_text(&p, day);
    PGresult *r = fb_pg_run(s, day ? PG_PLACE_EACH_DAY : PG_PLACE_EACH, &p);
    if (!r)
        return FB_STORE_ERROR;
    int result = FB_STORE_OK;
    for (int i = 0; i < PQntuples(r) && result == FB_STORE_OK; i++) {
        struct fb_place place;
        read_place(r, i, &place);
        result = fn(&place, cls);
    }
    PQclear(r);
    return result;
}

int
fb_pg_place_event_add(struct fb_store *s, long long place_id,
                      const char *reference, enum fb_place_event kind,
                      const char *at, const char *detail)
{
    struct fb_pg_params p = {0};
    fb_pg_int(&p, place_id);
    fb_pg_text(&p, reference);
    fb_pg_text(&p, fb_place_event_name(kind));
    fb_pg_text(&p, at);
    fb_pg_text(&p, detail);
    return fb_pg_exec(s, PG_EVENT_ADD, &p);
}

int
fb_pg_day_close(struct fb_store *s, const char *calendar, const char *day,
                const char *at)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, calendar);
    fb_pg_text(&p, day);
    fb_pg_text(&p, at);
    return fb_pg_exec(s, PG_DAY_CLOSE, &p);
}

int
fb_pg_days_closed(struct fb_store *s, const char *calendar, const char *first,
                  const char *last, fb_day_fn fn, void *cls)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, calendar);
    fb_pg_text(&p, first);
    fb_pg_text(&p, last);
    PGresult *r = fb_pg_run(s, PG_DAYS_CLOSED, &p);
    if (!r)
        return FB_STORE_ERROR;
    for (int i = 0; i < PQntuples(r); i++)
        fn(PQgetvalue(r, i, 0), cls);
    PQclear(r);
    return FB_STORE_OK;
}
