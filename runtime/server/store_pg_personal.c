/* SPDX-License-Identifier: MIT */
/*
 * What PostgreSQL keeps under a submission's reference, deleted or
 * redacted as a whole (FB_REFERENCE_TABLES of store_schema.h; the SQL is
 * store_pg_sql.c's), and the audit of who did it.
 */
#include "store_pg_priv.h"

#include <stdio.h>

#define PURGE_STMT(table) PG_PURGE_##table,
#define ERASE_STMT(table) PG_ERASE_##table,
static const enum fb_pg_stmt purge_stmts[] = {
    FB_REFERENCE_TABLES(PURGE_STMT)};
static const enum fb_pg_stmt erase_stmts[] = {
    FB_REFERENCE_TABLES(ERASE_STMT)};
#define N_TABLES (sizeof erase_stmts / sizeof erase_stmts[0])

static const enum fb_pg_stmt redact_stmts[] = {
    PG_REDACT_ANSWERS, FB_REDACT_SQL(FB_PG_REDACT_STMT, "")};

static void
batch_params(struct fb_pg_params *p, const char *form, const char *before,
             size_t max)
{
    fb_pg_text(p, form);
    fb_pg_text(p, before);
    fb_pg_int(p, (long long)max);
}

int
fb_pg_purge_batch(struct fb_store *s, const char *form, const char *before,
                  size_t max, size_t *out_n, fb_reference_fn fn, void *cls)
{
    *out_n = 0;
    struct fb_pg_params p = {0};
    batch_params(&p, form, before, max);
    if (fn) {
        PGresult *r = fb_pg_run(s, PG_PURGE_REFERENCES, &p);
        if (!r)
            return FB_STORE_ERROR;
        for (int i = 0; i < PQntuples(r); i++)
            fn(s, PQgetvalue(r, i, 0), cls);
        PQclear(r);
    }
    /* submissions is last: its count is the batch's. */
    for (size_t i = 0; i < N_TABLES; i++)
        if (fb_pg_exec_count(s, purge_stmts[i], &p, out_n) != FB_STORE_OK)
            return FB_STORE_ERROR;
    return FB_STORE_OK;
}


/* Runs each of the @p n statements with @p p, adding the rows changed to
 * *out_n; *first gets the first statement's count. */
static int
run_each(struct fb_store *s, const enum fb_pg_stmt *stmts, size_t n,
         const struct fb_pg_params *p, size_t *first, size_t *out_n)
{
    *out_n = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        if (fb_pg_exec_count(s, stmts[i], p, &k) != FB_STORE_OK)
            return FB_STORE_ERROR;
        if (i == 0)
            *first = k;
        *out_n += k;
    }
    return FB_STORE_OK;
}

int
fb_pg_submission_erase(struct fb_store *s, const char *reference,
                       size_t *out_n)
{
    *out_n = 0;
    struct fb_pg_params p = {0};
    fb_pg_text(&p, reference);
    PGresult *r = fb_pg_run(s, PG_SUB_EXISTS, &p);
    if (!r)
        return FB_STORE_ERROR;
    bool found = PQntuples(r) > 0;
    PQclear(r);
    size_t first = 0;
    return !found ? FB_STORE_NOT_FOUND
                  : run_each(s, erase_stmts, N_TABLES, &p, &first, out_n);
}

int
fb_pg_submission_redact(struct fb_store *s, const char *reference,
                        const char *answers, size_t *out_n)
{
    struct fb_pg_params one = {0}, two = {0};
    fb_pg_text(&one, reference);
    fb_pg_text(&two, reference);
    fb_pg_text(&two, answers);
    size_t first = 0, unused = 0, rest = 0;
    /* The answers' statement takes the marker too; the others only the
     * reference (PostgreSQL refuses a parameter a statement lacks). */
    int rc = run_each(s, redact_stmts, 1, &two, &first, out_n);
    if (rc == FB_STORE_OK)
        rc = run_each(s, redact_stmts + 1,
                      sizeof redact_stmts / sizeof *redact_stmts - 1, &one,
                      &unused, &rest);
    *out_n += rest;
    return rc == FB_STORE_OK && first == 0 ? FB_STORE_NOT_FOUND : rc;
}

int
fb_pg_audit_add(struct fb_store *s, const struct fb_audit *a)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, a->at);
    fb_pg_text(&p, a->by);
    fb_pg_text(&p, a->action);
    fb_pg_text(&p, a->reference);
    fb_pg_text(&p, a->detail);
    return fb_pg_exec(s, PG_AUDIT_ADD, &p);
}

int
fb_pg_audit_each(struct fb_store *s, const char *reference, fb_audit_fn fn,
                 void *cls)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, reference);
    PGresult *r = fb_pg_run(s, PG_AUDIT_EACH, &p);
    if (!r)
        return FB_STORE_ERROR;
    int result = FB_STORE_OK;
    for (int i = 0; i < PQntuples(r) && result == FB_STORE_OK; i++) {
        struct fb_audit a;
        a.id = fb_pg_ll(r, i, 0);
        fb_pg_copy(a.at, sizeof a.at, r, i, 1);
        fb_pg_copy(a.by, sizeof a.by, r, i, 2);
        fb_pg_copy(a.action, sizeof a.action, r, i, 3);
        fb_pg_copy(a.reference, sizeof a.reference, r, i, 4);
        fb_pg_copy(a.detail, sizeof a.detail, r, i, 5);
        result = fn(&a, cls);
    }
    PQclear(r);
    return result;
}
