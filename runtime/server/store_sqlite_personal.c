/* SPDX-License-Identifier: MIT */
/*
 * What SQLite keeps under a submission's reference, deleted or redacted
 * as a whole (FB_REFERENCE_TABLES of store_schema.h), and the audit of
 * who did it (migration 6, assigned 7). Statements are bound, never built
 * from input: the table names come from store_schema.h.
 */
#include "store_schema.h"
#include "store_sqlite_priv.h"

/* A purge batch's DELETE from one table, and erasure's. */
#define PURGE_SQL(table)                                                  \
    "DELETE FROM " #table " WHERE reference IN ("                         \
    FB_PURGE_REFERENCES("?1", "?2", "?3") ")",
#define ERASE_SQL(table) "DELETE FROM " #table " WHERE reference = ?1",

static const char *const purge_sql[] = {FB_REFERENCE_TABLES(PURGE_SQL)};
static const char *const erase_sql[] = {FB_REFERENCE_TABLES(ERASE_SQL)};
#define N_TABLES (sizeof erase_sql / sizeof erase_sql[0])

/* What redaction changes, in order (store_schema.h); ?1 is the
 * reference, ?2 the answers' marker. */
#define REDACT_SQL(name, sql) sql,
static const char *const redact_sql[] = {
    FB_REDACT_ANSWERS_SQL("?1", "?2"), FB_REDACT_SQL(REDACT_SQL, "?1")};

/* Tells @p fn each reference of the batch before the rows go. */
static int
tell_references(struct fb_store *s, const char *form, const char *before,
                size_t max, fb_reference_fn fn, void *cls)
{
    sqlite3_stmt *q = fb_sq_prepare(s, FB_PURGE_REFERENCES("?1", "?2", "?3"));
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, form, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, before, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, (sqlite3_int64)max);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        fn(s, (const char *)sqlite3_column_text(q, 0), cls);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? FB_STORE_OK : FB_STORE_ERROR;
}

int
fb_sq_purge_batch(struct fb_store *s, const char *form, const char *before,
                  size_t max, size_t *out_n, fb_reference_fn fn, void *cls)
{
    *out_n = 0;
    if (fn && tell_references(s, form, before, max, fn, cls) != FB_STORE_OK)
        return FB_STORE_ERROR;
    for (size_t i = 0; i < N_TABLES; i++) {
        sqlite3_stmt *q = fb_sq_prepare(s, purge_sql[i]);
        if (q) {
            sqlite3_bind_text(q, 1, form, -1, SQLITE_STATIC);
            sqlite3_bind_text(q, 2, before, -1, SQLITE_STATIC);
            sqlite3_bind_int64(q, 3, (sqlite3_int64)max);
        }
        /* submissions is last: its count is the batch's. */
        *out_n = 0;
        if (fb_sq_finish_changed(s, q, out_n) != FB_STORE_OK)
            return FB_STORE_ERROR;
    }
    return FB_STORE_OK;
}


/* Runs each of the @p n statements with the reference (and @p marker as
 * ?2 when given), adding the rows changed to *out_n; *first gets the
 * first statement's count. */
static int
run_each(struct fb_store *s, const char *const *sql, size_t n,
         const char *reference, const char *marker, size_t *first,
         size_t *out_n)
{
    *out_n = 0;
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *q = fb_sq_prepare(s, sql[i]);
        if (q) {
            sqlite3_bind_text(q, 1, reference, -1, SQLITE_STATIC);
            if (marker)
                sqlite3_bind_text(q, 2, marker, -1, SQLITE_STATIC);
        }
        size_t k = 0;
        if (fb_sq_finish_changed(s, q, &k) != FB_STORE_OK)
            return FB_STORE_ERROR;
        if (i == 0)
            *first = k;
        *out_n += k;
    }
    return FB_STORE_OK;
}

/* Whether a submission has @p reference. */
static int
exists(struct fb_store *s, const char *reference)
{
    sqlite3_stmt *q =
        fb_sq_prepare(s, "SELECT 1 FROM submissions WHERE reference = ?1");
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, reference, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW    ? FB_STORE_OK
           : rc == SQLITE_DONE ? FB_STORE_NOT_FOUND
                               : FB_STORE_ERROR;
}

int
fb_sq_submission_erase(struct fb_store *s, const char *reference,
                       size_t *out_n)
{
    *out_n = 0;
    int rc = exists(s, reference);
    size_t first = 0;
    return rc != FB_STORE_OK ? rc
           : run_each(s, erase_sql, N_TABLES, reference, NULL, &first,
                      out_n);
}

int
fb_sq_submission_redact(struct fb_store *s, const char *reference,
                        const char *answers, size_t *out_n)
{
    size_t first = 0;
    int rc = run_each(s, redact_sql, sizeof redact_sql / sizeof *redact_sql,
                      reference, answers, &first, out_n);
    return rc == FB_STORE_OK && first == 0 ? FB_STORE_NOT_FOUND : rc;
}

int
fb_sq_audit_add(struct fb_store *s, const struct fb_audit *a)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "INSERT INTO submission_audit (at, by_whom, action, reference, "
        "detail) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (q) {
        sqlite3_bind_text(q, 1, a->at, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, a->by, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, a->action, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, a->reference, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 5, a->detail, -1, SQLITE_STATIC);
    }
    size_t n = 0;
    return fb_sq_finish_changed(s, q, &n);
}

int
fb_sq_audit_each(struct fb_store *s, const char *reference, fb_audit_fn fn,
                 void *cls)
{
    sqlite3_stmt *q = fb_sq_prepare(s,
        "SELECT id, at, by_whom, action, reference, detail "
        "FROM submission_audit WHERE ?1 IS NULL OR reference = ?1 "
        "ORDER BY id");
    if (!q)
        return FB_STORE_ERROR;
    if (reference)
        sqlite3_bind_text(q, 1, reference, -1, SQLITE_STATIC);
    int rc, result = FB_STORE_OK;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct fb_audit a;
        a.id = sqlite3_column_int64(q, 0);
        fb_sq_copy_text(a.at, sizeof a.at, q, 1);
        fb_sq_copy_text(a.by, sizeof a.by, q, 2);
        fb_sq_copy_text(a.action, sizeof a.action, q, 3);
        fb_sq_copy_text(a.reference, sizeof a.reference, q, 4);
        fb_sq_copy_text(a.detail, sizeof a.detail, q, 5);
        int r = fn(&a, cls);
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
