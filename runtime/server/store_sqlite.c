/* SPDX-License-Identifier: MIT */
/*
 * The SQLite store. WAL journal with synchronous=FULL: a commit returns
 * only after the WAL is fsynced, so an acknowledged submission survives
 * kill -9 and power loss. The schema is versioned with PRAGMA user_version
 * and migrated in code at open; every statement is prepared once and
 * bound, never built from input.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

/* Each entry moves the schema from version i to i + 1. */
static const char *const migrations[] = {
    /* 1: sessions and submissions */
    "CREATE TABLE sessions ("
    "  id TEXT PRIMARY KEY,"
    "  data TEXT NOT NULL,"
    "  updated_at INTEGER NOT NULL"
    ") WITHOUT ROWID;"
    "CREATE INDEX sessions_updated_at ON sessions(updated_at);"
    "CREATE TABLE submissions ("
    "  id INTEGER PRIMARY KEY,"
    "  reference TEXT NOT NULL UNIQUE,"
    "  submit_token TEXT NOT NULL UNIQUE,"
    "  form TEXT NOT NULL,"
    "  form_version TEXT NOT NULL,"
    "  answers TEXT NOT NULL,"
    "  submitted_at TEXT NOT NULL,"
    "  delivery_state TEXT NOT NULL DEFAULT 'pending'"
    "    CHECK (delivery_state IN ('pending', 'delivered', 'failed'))"
    ");"
    "CREATE INDEX submissions_form_time ON submissions(form, submitted_at);",
};

enum stmt_id {
    ST_BEGIN,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_SESSION_LOAD,
    ST_SESSION_SAVE,
    ST_SESSION_DELETE,
    ST_SESSION_EXPIRE,
    ST_SUB_INSERT,
    ST_SUB_FIND,
    ST_SUB_EACH,
    ST_SUB_EACH_SINCE,
    ST_PURGE,
    ST__COUNT
};

static const char *const stmt_sql[ST__COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_SESSION_LOAD] = "SELECT data, updated_at FROM sessions WHERE id = ?1",
    [ST_SESSION_SAVE] =
        "INSERT INTO sessions (id, data, updated_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (id) DO UPDATE SET data = excluded.data, "
        "updated_at = excluded.updated_at",
    [ST_SESSION_DELETE] = "DELETE FROM sessions WHERE id = ?1",
    [ST_SESSION_EXPIRE] = "DELETE FROM sessions WHERE updated_at < ?1",
    [ST_SUB_INSERT] =
        "INSERT INTO submissions (reference, submit_token, form, "
        "form_version, answers, submitted_at, delivery_state) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending') ON CONFLICT DO NOTHING",
    [ST_SUB_FIND] =
        "SELECT reference FROM submissions WHERE submit_token = ?1",
    [ST_SUB_EACH] =
        "SELECT reference, form, form_version, answers, submitted_at, "
        "delivery_state FROM submissions WHERE form = ?1 "
        "ORDER BY submitted_at, id",
    [ST_SUB_EACH_SINCE] =
        "SELECT reference, form, form_version, answers, submitted_at, "
        "delivery_state FROM submissions WHERE form = ?1 "
        "AND submitted_at >= ?2 ORDER BY submitted_at, id",
    [ST_PURGE] =
        "DELETE FROM submissions WHERE id IN (SELECT id FROM submissions "
        "WHERE form = ?1 AND submitted_at < ?2 LIMIT 1000)",
};

struct sqlite_store {
    struct fb_store base;   /* must be first */
    sqlite3 *db;
    sqlite3_stmt *stmts[ST__COUNT];
};

static struct sqlite_store *
impl(struct fb_store *s)
{
    return (struct sqlite_store *)s;
}

static const char *
sq_errmsg(struct fb_store *s)
{
    return sqlite3_errmsg(impl(s)->db);
}

/* Gets a prepared statement, reset and unbound. */
static sqlite3_stmt *
stmt(struct sqlite_store *st, enum stmt_id id)
{
    if (!st->stmts[id]
        && sqlite3_prepare_v3(st->db, stmt_sql[id], -1,
                              SQLITE_PREPARE_PERSISTENT, &st->stmts[id],
                              NULL) != SQLITE_OK)
        return NULL;
    sqlite3_reset(st->stmts[id]);
    sqlite3_clear_bindings(st->stmts[id]);
    return st->stmts[id];
}

/* Runs a statement that returns no rows and resets it, so no read
 * transaction is left open. */
static int
run(sqlite3_stmt *s)
{
    if (!s)
        return FB_STORE_ERROR;
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? FB_STORE_OK : FB_STORE_ERROR;
}

static int
sq_schema_version(struct fb_store *s)
{
    sqlite3_stmt *q;
    int v = -1;
    if (sqlite3_prepare_v2(impl(s)->db, "PRAGMA user_version", -1, &q, NULL)
        != SQLITE_OK)
        return -1;
    if (sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return v;
}

static int
sq_migrate(struct fb_store *s, char *err, size_t errlen)
{
    sqlite3 *db = impl(s)->db;
    const int latest = (int)(sizeof migrations / sizeof migrations[0]);
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "migrate: %s", sqlite3_errmsg(db));
        return FB_STORE_ERROR;
    }
    int v = sq_schema_version(s);
    if (v < 0 || v > latest) {
        snprintf(err, errlen, "database schema version %d is %s", v,
                 v < 0 ? "unreadable" : "newer than this program");
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return FB_STORE_ERROR;
    }
    for (; v < latest; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (sqlite3_exec(db, migrations[v], NULL, NULL, NULL) != SQLITE_OK
            || sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
            snprintf(err, errlen, "migration %d: %s", v + 1,
                     sqlite3_errmsg(db));
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return FB_STORE_ERROR;
        }
    }
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "migrate: %s", sqlite3_errmsg(db));
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return FB_STORE_ERROR;
    }
    return FB_STORE_OK;
}

static void
sq_close(struct fb_store *s)
{
    if (!s)
        return;
    struct sqlite_store *st = impl(s);
    for (int i = 0; i < ST__COUNT; i++)
        sqlite3_finalize(st->stmts[i]);
    sqlite3_close(st->db);
    free(st);
}

static int
sq_open(const char *target, struct fb_store **out_store, char *err,
        size_t errlen)
{
    struct sqlite_store *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return FB_STORE_ERROR;
    }
    st->base.ops = &fb_store_sqlite_ops;
    int rc = sqlite3_open_v2(target, &st->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                 | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", target,
                 st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
        sq_close(&st->base);
        return FB_STORE_ERROR;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 5000);
    /* WAL lets readers run beside the writer; FULL syncs the WAL on every
     * commit, which is what makes an acknowledged submission durable
     * against power loss, not only against a crash of this process. */
    static const char *const pragmas =
        "PRAGMA journal_mode = WAL;"
        "PRAGMA synchronous = FULL;"
        "PRAGMA foreign_keys = ON;"
        "PRAGMA trusted_schema = OFF;";
    if (sqlite3_exec(st->db, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", target, sqlite3_errmsg(st->db));
        sq_close(&st->base);
        return FB_STORE_ERROR;
    }
    sqlite3_stmt *q;
    bool wal = false;
    if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode", -1, &q, NULL)
        == SQLITE_OK) {
        if (sqlite3_step(q) == SQLITE_ROW)
            wal = strcmp((const char *)sqlite3_column_text(q, 0), "wal")
                  == 0;
        sqlite3_finalize(q);
    }
    if (!wal) {
        snprintf(err, errlen, "%s: cannot switch the database to WAL mode",
                 target);
        sq_close(&st->base);
        return FB_STORE_ERROR;
    }
    if (sq_migrate(&st->base, err, errlen) != FB_STORE_OK) {
        sq_close(&st->base);
        return FB_STORE_ERROR;
    }
    *out_store = &st->base;
    return FB_STORE_OK;
}

/* A result code that means the file itself is bad, not that reading it
 * failed. */
static bool
is_damage(int rc)
{
    rc &= 0xff;
    return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* Tells @p fn each line of a check's row (one row can hold several),
 * leaving out the "*** in database main ***" heading. */
static void
report_lines(const char *row, fb_store_problem_fn fn, void *cls)
{
    while (*row) {
        size_t n = strcspn(row, "\n");
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)(n < 511 ? n : 511), row);
        if (n > 0 && strncmp(line, "*** in database ", 16) != 0)
            fn(line, cls);
        row += n;
        if (*row)
            row++;
    }
}

/* Runs PRAGMA quick_check or integrity_check on target. See store.h. */
static int
sq_check(const char *target, bool full, fb_store_problem_fn fn, void *cls,
         char *err, size_t errlen)
{
    struct stat st;
    if (stat(target, &st) != 0)
        return FB_STORE_NOT_FOUND;
    sqlite3 *db = NULL;
    /* Read-write, never create: a WAL database's reader needs its -shm
     * file, and a check changes nothing. */
    int rc = sqlite3_open_v2(target, &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", target,
                 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return FB_STORE_ERROR;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *q = NULL;
    rc = sqlite3_prepare_v2(db, full ? "PRAGMA integrity_check(100)"
                                     : "PRAGMA quick_check(100)",
                            -1, &q, NULL);
    int result = FB_STORE_OK;
    while (q && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *row = (const char *)sqlite3_column_text(q, 0);
        if (row && strcmp(row, "ok") == 0)
            continue;
        report_lines(row ? row : "(no text)", fn, cls);
        result = FB_STORE_DAMAGED;
    }
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        if (is_damage(rc)) {
            fn(sqlite3_errmsg(db), cls);
            result = FB_STORE_DAMAGED;
        } else {
            snprintf(err, errlen, "%s: %s", target, sqlite3_errmsg(db));
            result = FB_STORE_ERROR;
        }
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    return result;
}

static int
sq_begin(struct fb_store *s)
{
    return run(stmt(impl(s), ST_BEGIN));
}

static int
sq_commit(struct fb_store *s)
{
    return run(stmt(impl(s), ST_COMMIT));
}

static void
sq_rollback(struct fb_store *s)
{
    if (!sqlite3_get_autocommit(impl(s)->db))
        run(stmt(impl(s), ST_ROLLBACK));
}

static int
sq_session_load(struct fb_store *s, const char *id, char **out_data,
                long long *out_saved_at)
{
    sqlite3_stmt *q = stmt(impl(s), ST_SESSION_LOAD);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    int result;
    if (rc == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(q, 0);
        *out_data = strdup(d ? d : "");
        *out_saved_at = sqlite3_column_int64(q, 1);
        result = *out_data ? FB_STORE_OK : FB_STORE_ERROR;
    } else {
        result = rc == SQLITE_DONE ? FB_STORE_NOT_FOUND : FB_STORE_ERROR;
    }
    sqlite3_reset(q);
    return result;
}

static int
sq_session_save(struct fb_store *s, const char *id, const char *data,
                long long now)
{
    sqlite3_stmt *q = stmt(impl(s), ST_SESSION_SAVE);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, data, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, now);
    return run(q);
}

static int
sq_session_delete(struct fb_store *s, const char *id)
{
    sqlite3_stmt *q = stmt(impl(s), ST_SESSION_DELETE);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    return run(q);
}

static int
sq_session_expire(struct fb_store *s, long long before, size_t *out_n)
{
    sqlite3_stmt *q = stmt(impl(s), ST_SESSION_EXPIRE);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_int64(q, 1, before);
    int rc = run(q);
    *out_n = rc == FB_STORE_OK ? (size_t)sqlite3_changes(impl(s)->db) : 0;
    return rc;
}

static int
sq_submission_find(struct fb_store *s, const char *submit_token, char *out,
                   size_t cap)
{
    sqlite3_stmt *q = stmt(impl(s), ST_SUB_FIND);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, submit_token, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    int result;
    if (rc == SQLITE_ROW) {
        const char *r = (const char *)sqlite3_column_text(q, 0);
        result = r && strlen(r) < cap ? FB_STORE_OK : FB_STORE_ERROR;
        if (result == FB_STORE_OK)
            memcpy(out, r, strlen(r) + 1);
    } else {
        result = rc == SQLITE_DONE ? FB_STORE_NOT_FOUND : FB_STORE_ERROR;
    }
    sqlite3_reset(q);
    return result;
}

static int
sq_submission_insert(struct fb_store *s, struct fb_submission *sub)
{
    struct sqlite_store *st = impl(s);
    sub->existed = false;
    /* A reference collides about once in 2^40 submissions per prefix;
     * drawing again a few times makes failure practically impossible. */
    for (int attempt = 0; attempt < 8; attempt++) {
        if (fb_reference_new(sub->reference_prefix, sub->reference,
                             sizeof sub->reference) != 0)
            return FB_STORE_ERROR;
        sqlite3_stmt *q = stmt(st, ST_SUB_INSERT);
        if (!q)
            return FB_STORE_ERROR;
        sqlite3_bind_text(q, 1, sub->reference, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, sub->submit_token, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, sub->form, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, sub->form_version, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 5, sub->answers_json, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 6, sub->submitted_at, -1, SQLITE_STATIC);
        if (run(q) != FB_STORE_OK)
            return FB_STORE_ERROR;
        if (sqlite3_changes(st->db) == 1)
            return FB_STORE_OK;
        /* Nothing inserted: either the token is stored (a replay) or the
         * reference was taken. */
        int f = sq_submission_find(s, sub->submit_token, sub->reference,
                                   sizeof sub->reference);
        if (f == FB_STORE_OK) {
            sub->existed = true;
            return FB_STORE_OK;
        }
        if (f == FB_STORE_ERROR)
            return FB_STORE_ERROR;
    }
    return FB_STORE_ERROR;
}

static int
sq_submission_each(struct fb_store *s, const char *form, const char *since,
                   fb_store_row_fn fn, void *cls)
{
    sqlite3_stmt *q = stmt(impl(s), since ? ST_SUB_EACH_SINCE : ST_SUB_EACH);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, form, -1, SQLITE_STATIC);
    if (since)
        sqlite3_bind_text(q, 2, since, -1, SQLITE_STATIC);
    int rc, result = FB_STORE_OK;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct fb_submission_row row = {
            .reference = (const char *)sqlite3_column_text(q, 0),
            .form = (const char *)sqlite3_column_text(q, 1),
            .form_version = (const char *)sqlite3_column_text(q, 2),
            .answers_json = (const char *)sqlite3_column_text(q, 3),
            .submitted_at = (const char *)sqlite3_column_text(q, 4),
            .delivery_state = (const char *)sqlite3_column_text(q, 5),
        };
        int r = fn(&row, cls);
        if (r != 0) {
            result = r;
            break;
        }
    }
    if (result == FB_STORE_OK && rc != SQLITE_DONE)
        result = FB_STORE_ERROR;
    sqlite3_reset(q);
    return result;
}

static int
sq_purge_older_than(struct fb_store *s, const char *form, const char *before,
                    size_t *out_n)
{
    struct sqlite_store *st = impl(s);
    *out_n = 0;
    for (;;) {
        sqlite3_stmt *q = stmt(st, ST_PURGE);
        if (!q)
            return FB_STORE_ERROR;
        sqlite3_bind_text(q, 1, form, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, before, -1, SQLITE_STATIC);
        if (run(q) != FB_STORE_OK)
            return FB_STORE_ERROR;
        int n = sqlite3_changes(st->db);
        *out_n += (size_t)n;
        if (n < 1000)
            return FB_STORE_OK;
    }
}

/* Writes page 1 again (user_version set to what it is), so the commit
 * goes through the WAL and its fsync like any other. */
static int
sq_probe(struct fb_store *s)
{
    sqlite3 *db = impl(s)->db;
    if (sq_begin(s) != FB_STORE_OK)
        return FB_STORE_ERROR;
    int v = sq_schema_version(s);
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
    if (v < 0 || sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK
        || sq_commit(s) != FB_STORE_OK) {
        sq_rollback(s);
        return FB_STORE_ERROR;
    }
    return FB_STORE_OK;
}

const struct fb_store_ops fb_store_sqlite_ops = {
    .name = "sqlite",
    .check = sq_check,
    .open = sq_open,
    .close = sq_close,
    .migrate = sq_migrate,
    .schema_version = sq_schema_version,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .session_load = sq_session_load,
    .session_save = sq_session_save,
    .session_delete = sq_session_delete,
    .session_expire = sq_session_expire,
    .submission_insert = sq_submission_insert,
    .submission_find = sq_submission_find,
    .submission_each = sq_submission_each,
    .purge_older_than = sq_purge_older_than,
    .probe = sq_probe,
    .errmsg = sq_errmsg,
};
