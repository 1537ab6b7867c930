/* SPDX-License-Identifier: MIT */
/*
 * Payments in SQLite (table payments, migration "assigned: 8"). The rules
 * are pay.c's; statements are bound, never built from input.
 */
#include "store_sqlite_priv.h"

#include <stdio.h>
#include <string.h>

#define PAYMENT_COLUMNS                                                   \
    "reference, form, language, amount, return_token, attempt, "           \
    "provider_id, next_url, status, code, refund_status, refund_id, "     \
    "refunded, created_at, updated_at"

static void
read_payment(sqlite3_stmt *q, struct fb_payment *p)
{
    memset(p, 0, sizeof *p);
    fb_sq_copy_text(p->reference, sizeof p->reference, q, 0);
    fb_sq_copy_text(p->form, sizeof p->form, q, 1);
    fb_sq_copy_text(p->language, sizeof p->language, q, 2);
    p->amount = sqlite3_column_int64(q, 3);
    fb_sq_copy_text(p->return_token, sizeof p->return_token, q, 4);
    p->attempt = sqlite3_column_int(q, 5);
    fb_sq_copy_text(p->provider_id, sizeof p->provider_id, q, 6);
    fb_sq_copy_text(p->next_url, sizeof p->next_url, q, 7);
    fb_sq_copy_text(p->status, sizeof p->status, q, 8);
    fb_sq_copy_text(p->code, sizeof p->code, q, 9);
    fb_sq_copy_text(p->refund_status, sizeof p->refund_status, q, 10);
    fb_sq_copy_text(p->refund_id, sizeof p->refund_id, q, 11);
    p->refunded = sqlite3_column_int64(q, 12);
    p->created_at = sqlite3_column_int64(q, 13);
    p->updated_at = sqlite3_column_int64(q, 14);
}

/* Reads the one row of @p q into @p out, finalising it. */
static int
one_payment(sqlite3_stmt *q, struct fb_payment *out)
{
    if (!q)
        return FB_STORE_ERROR;
    int rc = sqlite3_step(q);
    int result = rc == SQLITE_ROW    ? FB_STORE_OK
                 : rc == SQLITE_DONE ? FB_STORE_NOT_FOUND
                                     : FB_STORE_ERROR;
    if (result == FB_STORE_OK)
        read_payment(q, out);
    sqlite3_finalize(q);
    return result;
}

int
fb_sq_payment_add(struct fb_store *s, const struct fb_payment *p)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "INSERT INTO payments (reference, form, language, amount, "
        "return_token, status, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) ON CONFLICT DO NOTHING");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, p->reference, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, p->form, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, p->language, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, p->amount);
    sqlite3_bind_text(q, 5, p->return_token, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, p->status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 7, p->created_at);
    return fb_sq_finish(q);
}

/* The payment whose @p sql (a bound "WHERE") matches @p key. */
static int
payment_where(struct fb_store *s, const char *sql, const char *key,
              struct fb_payment *out)
{
    sqlite3_stmt *q = fb_sq_prepare(s, sql);
    if (q)
        sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    return one_payment(q, out);
}

int
fb_sq_payment_get(struct fb_store *s, const char *reference,
                  struct fb_payment *out)
{
    return payment_where(s, "SELECT " PAYMENT_COLUMNS " FROM payments "
                            "WHERE reference = ?1", reference, out);
}

int
fb_sq_payment_by_token(struct fb_store *s, const char *return_token,
                      struct fb_payment *out)
{
    return payment_where(s, "SELECT " PAYMENT_COLUMNS " FROM payments "
                            "WHERE return_token = ?1", return_token, out);
}

int
fb_sq_payment_update(struct fb_store *s, const struct fb_payment *p)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "UPDATE payments SET language = ?2, amount = ?3, return_token = ?4, "
        "attempt = ?5, provider_id = ?6, next_url = ?7, status = ?8, "
        "code = ?9, refund_status = ?10, refund_id = ?11, refunded = ?12, "
        "updated_at = ?13 WHERE reference = ?1");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, p->reference, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, p->language, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, p->amount);
    sqlite3_bind_text(q, 4, p->return_token, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 5, p->attempt);
    sqlite3_bind_text(q, 6, p->provider_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, p->next_url, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 8, p->status, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 9, p->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 10, p->refund_status, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 11, p->refund_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 12, p->refunded);
    sqlite3_bind_int64(q, 13, p->updated_at);
    int rc = fb_sq_finish(q);
    if (rc == FB_STORE_OK && sqlite3_changes(fb_store_sqlite_db(s)) == 0)
        return FB_STORE_NOT_FOUND;
    return rc;
}

int
fb_sq_payment_open(struct fb_store *s, long long recheck_before,
                       long long abandon_before, size_t max,
                   fb_payment_fn fn, void *cls)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "SELECT " PAYMENT_COLUMNS " FROM payments WHERE "
        "(status IN ('created', 'started', 'submitted', 'capturable') "
        "AND updated_at <= ?1) OR (refund_status IN ('pending', "
        "'submitted') AND updated_at <= ?1) OR (status NOT IN ('created', "
        "'started', 'submitted', 'capturable', 'success', 'abandoned') "
        "AND updated_at <= ?2) ORDER BY updated_at, reference LIMIT ?3");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_int64(q, 1, recheck_before);
    sqlite3_bind_int64(q, 2, abandon_before);
    sqlite3_bind_int64(q, 3, (sqlite3_int64)max);
    int rc, result = FB_STORE_OK;
    struct fb_payment p;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        read_payment(q, &p);
        int r = fn(&p, cls);
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
