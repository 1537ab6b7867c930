/* SPDX-License-Identifier: MIT */
/*
 * The SQLite store. WAL journal with synchronous=FULL: a commit returns
 * only after the WAL is fsynced, so an acknowledged submission survives
 * kill -9 and power loss. The schema is versioned with PRAGMA user_version
 * and migrated in code at open; every statement is prepared once and
 * bound, never built from input.
 */
#include "store.h"

#include "store_rows.h"
#include "store_schema.h"
#include "store_sqlite_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

/* Each entry moves the schema from version i to i + 1 (the tables are
 * store_schema.h's, in SQLite's words). */
static const char *const migrations[] = {
    FB_SCHEMA_1("INTEGER PRIMARY KEY", "INTEGER", " WITHOUT ROWID"),
    FB_SCHEMA_2("INTEGER PRIMARY KEY", "INTEGER", "BLOB", " WITHOUT ROWID"),
    FB_SCHEMA_3("INTEGER PRIMARY KEY", "INTEGER"),
    FB_SCHEMA_4,
    FB_SCHEMA_5,
    FB_SCHEMA_6("INTEGER PRIMARY KEY", "INTEGER"),
    FB_SCHEMA_7("INTEGER PRIMARY KEY"),
    FB_SCHEMA_8("INTEGER", " WITHOUT ROWID"),
    FB_SCHEMA_9("INTEGER", "BLOB"),
    FB_SCHEMA_10("INTEGER"),
    FB_SCHEMA_11,
};
_Static_assert(sizeof migrations / sizeof migrations[0] == FB_SCHEMA_LATEST,
               "one migration per schema version");

/* The columns read_place() reads, in its order. */
#define PLACE_COLUMNS                                                     \
    "id, calendar, day, window_id, state, form, holder, expires_at, "       \
    "reference, token_hash, quota_key, made_at"

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
    ST_SUB_LOAD,
    ST_SUB_EACH,
    ST_SUB_EACH_SINCE,
    ST_SAVEPOINT,
    ST_RELEASE,
    ST_ROLLBACK_TO,
    ST_PLACE_TAKEN,
    ST_PLACE_TAKEN_DAYS,
    ST_PLACE_QUOTA,
    ST_PLACE_INSERT,
    ST_PLACE_HELD,
    ST_PLACE_RELEASE,
    ST_PLACE_EXPIRE,
    ST_PLACE_BY_TOKEN,
    ST_PLACE_BY_REFERENCE,
    ST_PLACE_UPDATE,
    ST_PLACE_EACH,
    ST_PLACE_EACH_DAY,
    ST_EVENT_ADD,
    ST_DAY_CLOSE,
    ST_DAYS_CLOSED,
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
        "form_version, answers, submitted_at, language, delivery_state) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending') "
        "ON CONFLICT DO NOTHING",
    [ST_SUB_FIND] =
        "SELECT reference FROM submissions WHERE submit_token = ?1",
    [ST_SUB_LOAD] =
        "SELECT reference, answers FROM submissions WHERE submit_token = ?1",
    [ST_SUB_EACH] =
        "SELECT reference, form, form_version, answers, submitted_at, "
        "delivery_state, language FROM submissions WHERE form = ?1 "
        "ORDER BY submitted_at, id",
    [ST_SUB_EACH_SINCE] =
        "SELECT reference, form, form_version, answers, submitted_at, "
        "delivery_state, language FROM submissions WHERE form = ?1 "
        "AND submitted_at >= ?2 ORDER BY submitted_at, id",
    [ST_SAVEPOINT] = "SAVEPOINT job",
    [ST_RELEASE] = "RELEASE job",
    [ST_ROLLBACK_TO] = "ROLLBACK TO job",
    [ST_PLACE_TAKEN] =
        "SELECT count(*) FROM booking_places WHERE calendar = ?1 "
        "AND day = ?2 AND window_id = ?3 AND (state = 'booked' "
        "OR (state = 'held' AND expires_at > ?4))",
    [ST_PLACE_TAKEN_DAYS] =
        "SELECT day, window_id, count(*) FROM booking_places "
        "WHERE calendar = ?1 AND day BETWEEN ?2 AND ?3 AND (state = 'booked' "
        "OR (state = 'held' AND expires_at > ?4)) GROUP BY day, window_id",
    [ST_PLACE_QUOTA] =
        "SELECT count(*) FROM booking_places WHERE calendar = ?1 "
        "AND quota_key = ?2 AND made_at >= ?3 AND (state = 'booked' "
        "OR (state = 'held' AND expires_at > ?4))",
    [ST_PLACE_INSERT] =
        "INSERT INTO booking_places (calendar, day, window_id, state, form, "
        "holder, expires_at, reference, token_hash, quota_key, made_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [ST_PLACE_HELD] =
        "SELECT " PLACE_COLUMNS " FROM booking_places WHERE holder = ?1 "
        "AND calendar = ?2 AND state = 'held' ORDER BY id DESC LIMIT 1",
    [ST_PLACE_RELEASE] =
        "DELETE FROM booking_places WHERE holder = ?1 AND calendar = ?2 "
        "AND state = 'held'",
    [ST_PLACE_EXPIRE] =
        "DELETE FROM booking_places WHERE state = 'held' AND expires_at < ?1",
    [ST_PLACE_BY_TOKEN] =
        "SELECT " PLACE_COLUMNS " FROM booking_places WHERE token_hash = ?1",
    [ST_PLACE_BY_REFERENCE] =
        "SELECT " PLACE_COLUMNS " FROM booking_places WHERE reference = ?1 "
        "AND state IN ('booked', 'cancelled') ORDER BY id DESC LIMIT 1",
    [ST_PLACE_UPDATE] =
        "UPDATE booking_places SET calendar = ?2, day = ?3, window_id = ?4, "
        "state = ?5, form = ?6, holder = ?7, expires_at = ?8, "
        "reference = ?9, token_hash = ?10, quota_key = ?11, made_at = ?12 "
        "WHERE id = ?1",
    [ST_PLACE_EACH] =
        "SELECT " PLACE_COLUMNS " FROM booking_places WHERE calendar = ?1 "
        "AND state <> 'held' ORDER BY day, window_id, id",
    [ST_PLACE_EACH_DAY] =
        "SELECT " PLACE_COLUMNS " FROM booking_places WHERE calendar = ?1 "
        "AND day = ?2 AND state <> 'held' ORDER BY day, window_id, id",
    [ST_EVENT_ADD] =
        "INSERT INTO booking_events (place_id, reference, kind, at, detail) "
        "VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_DAY_CLOSE] =
        "INSERT INTO booking_closed_days (calendar, day, closed_at) "
        "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
    [ST_DAYS_CLOSED] =
        "SELECT day FROM booking_closed_days WHERE calendar = ?1 "
        "AND day BETWEEN ?2 AND ?3 ORDER BY day",
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

/* The connection, for the outbox's statements (store_sqlite_priv.h). */
sqlite3 *
fb_store_sqlite_db(struct fb_store *s)
{
    return impl(s)->db;
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

/* Runs a DELETE of rows older than ?1 = @p before; *out_n says how many
 * went. */
static int
delete_before(struct fb_store *s, enum stmt_id id, long long before,
              size_t *out_n)
{
    sqlite3_stmt *q = stmt(impl(s), id);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_int64(q, 1, before);
    int rc = run(q);
    *out_n = rc == FB_STORE_OK ? (size_t)sqlite3_changes(impl(s)->db) : 0;
    return rc;
}

static int
sq_session_expire(struct fb_store *s, long long before, size_t *out_n)
{
    return delete_before(s, ST_SESSION_EXPIRE, before, out_n);
}

/* The reference stored for submit_token, and its answers when
 * out_answers is not NULL. */
static int
find_submission(struct fb_store *s, const char *submit_token, char *out,
                size_t cap, char **out_answers)
{
    sqlite3_stmt *q = stmt(impl(s), out_answers ? ST_SUB_LOAD : ST_SUB_FIND);
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
        if (result == FB_STORE_OK && out_answers) {
            const char *a = (const char *)sqlite3_column_text(q, 1);
            *out_answers = strdup(a ? a : "{}");
            if (!*out_answers)
                result = FB_STORE_ERROR;
        }
    } else {
        result = rc == SQLITE_DONE ? FB_STORE_NOT_FOUND : FB_STORE_ERROR;
    }
    sqlite3_reset(q);
    return result;
}

static int
sq_submission_find(struct fb_store *s, const char *submit_token, char *out,
                   size_t cap)
{
    return find_submission(s, submit_token, out, cap, NULL);
}

static int
sq_submission_load(struct fb_store *s, const char *submit_token, char *out,
                   size_t cap, char **out_answers)
{
    return find_submission(s, submit_token, out, cap, out_answers);
}

/* One attempt with the drawn reference; store.c draws again on
 * FB_STORE_REFUSED. */
static int
sq_submission_add(struct fb_store *s, struct fb_submission *sub)
{
    struct sqlite_store *st = impl(s);
    sub->existed = false;
    sqlite3_stmt *q = stmt(st, ST_SUB_INSERT);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, sub->reference, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, sub->submit_token, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, sub->form, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, sub->form_version, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, sub->answers_json, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, sub->submitted_at, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, sub->language ? sub->language : "en", -1,
                      SQLITE_STATIC);
    if (run(q) != FB_STORE_OK)
        return FB_STORE_ERROR;
    if (sqlite3_changes(st->db) == 1)
        return FB_STORE_OK;
    /* Nothing inserted: either the token is stored (a replay) or the
     * reference was taken. */
    int f = sq_submission_find(s, sub->submit_token, sub->reference,
                               sizeof sub->reference);
    if (f == FB_STORE_OK)
        sub->existed = true;
    return f == FB_STORE_NOT_FOUND ? FB_STORE_REFUSED : f;
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
            .language = (const char *)sqlite3_column_text(q, 6),
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

/* One instance per SQLite file (its writer thread is the only one that
 * purges), so a maintenance lock is always free. */
static int
sq_try_lock(struct fb_store *s, const char *name)
{
    (void)s;
    (void)name;
    return FB_STORE_OK;
}

static void
sq_unlock(struct fb_store *s, const char *name)
{
    (void)s;
    (void)name;
}

/* A file is not a server: its errors are never a lost connection. */
static bool
sq_lost(struct fb_store *s)
{
    (void)s;
    return false;
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

static int
sq_savepoint(struct fb_store *s)
{
    return run(stmt(impl(s), ST_SAVEPOINT));
}

static int
sq_savepoint_release(struct fb_store *s)
{
    return run(stmt(impl(s), ST_RELEASE));
}

/* Undoes the job's writes and ends its savepoint, leaving the batch's
 * transaction open. */
static int
sq_savepoint_rollback(struct fb_store *s)
{
    if (run(stmt(impl(s), ST_ROLLBACK_TO)) != FB_STORE_OK)
        return FB_STORE_ERROR;
    return sq_savepoint_release(s);
}

static void
copy_col(char *dst, size_t cap, sqlite3_stmt *q, int col)
{
    const char *v = (const char *)sqlite3_column_text(q, col);
    snprintf(dst, cap, "%s", v ? v : "");
}

/* Reads a row of PLACE_COLUMNS. */
static void
read_place(sqlite3_stmt *q, struct fb_place *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(q, 0);
    copy_col(p->calendar, sizeof p->calendar, q, 1);
    copy_col(p->day, sizeof p->day, q, 2);
    copy_col(p->window, sizeof p->window, q, 3);
    p->state = fb_place_state_of((const char *)sqlite3_column_text(q, 4));
    copy_col(p->form, sizeof p->form, q, 5);
    copy_col(p->holder, sizeof p->holder, q, 6);
    p->expires_at = sqlite3_column_int64(q, 7);
    copy_col(p->reference, sizeof p->reference, q, 8);
    if (sqlite3_column_bytes(q, 9) == FB_PLACE_HASH_LEN) {
        memcpy(p->token_hash, sqlite3_column_blob(q, 9), FB_PLACE_HASH_LEN);
        p->has_token = true;
    }
    copy_col(p->quota_key, sizeof p->quota_key, q, 10);
    p->made_at = sqlite3_column_int64(q, 11);
}

/* Binds text, or NULL for "" (so empty holder, reference and quota key
 * are NULL and stay out of the partial indexes). */
static void
bind_opt(sqlite3_stmt *q, int i, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, i);
}

/* Binds the fields of p from parameter ?first on, in insert order. */
static void
bind_place(sqlite3_stmt *q, int first, const struct fb_place *p)
{
    sqlite3_bind_text(q, first, p->calendar, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, first + 1, p->day, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, first + 2, p->window, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, first + 3, fb_place_state_name(p->state), -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(q, first + 4, p->form, -1, SQLITE_STATIC);
    bind_opt(q, first + 5, p->holder);
    if (p->state == FB_PLACE_HELD)
        sqlite3_bind_int64(q, first + 6, p->expires_at);
    else
        sqlite3_bind_null(q, first + 6);
    bind_opt(q, first + 7, p->reference);
    if (p->has_token)
        sqlite3_bind_blob(q, first + 8, p->token_hash, FB_PLACE_HASH_LEN,
                          SQLITE_STATIC);
    else
        sqlite3_bind_null(q, first + 8);
    bind_opt(q, first + 9, p->quota_key);
    sqlite3_bind_int64(q, first + 10, p->made_at);
}

/* Steps a statement that returns one integer. */
static int
one_int(sqlite3_stmt *q, int *out)
{
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(q, 0);
    sqlite3_reset(q);
    return rc == SQLITE_ROW ? FB_STORE_OK : FB_STORE_ERROR;
}

/* Steps a statement that returns at most one place. */
static int
one_place(sqlite3_stmt *q, struct fb_place *out)
{
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        read_place(q, out);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return FB_STORE_OK;
    return rc == SQLITE_DONE ? FB_STORE_NOT_FOUND : FB_STORE_ERROR;
}

static int
sq_place_taken(struct fb_store *s, const char *calendar, const char *day,
               const char *window, long long now, int *out)
{
    sqlite3_stmt *q = stmt(impl(s), ST_PLACE_TAKEN);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, calendar, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, window, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, now);
    return one_int(q, out);
}

static int
sq_place_taken_days(struct fb_store *s, const char *calendar,
                    const char *first, const char *last, long long now,
                    fb_place_count_fn fn, void *cls)
{
    sqlite3_stmt *q = stmt(impl(s), ST_PLACE_TAKEN_DAYS);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, calendar, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, last, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, now);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(q, 0),
           (const char *)sqlite3_column_text(q, 1),
           sqlite3_column_int(q, 2), cls);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? FB_STORE_OK : FB_STORE_ERROR;
}

static int
sq_place_quota_used(struct fb_store *s, const char *calendar,
                    const char *key, long long since, long long now,
                    int *out)
{
    sqlite3_stmt *q = stmt(impl(s), ST_PLACE_QUOTA);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, calendar, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, since);
    sqlite3_bind_int64(q, 4, now);
    return one_int(q, out);
}

static int
sq_place_insert(struct fb_store *s, struct fb_place *p)
{
    sqlite3_stmt *q = stmt(impl(s), ST_PLACE_INSERT);
    if (!q)
        return FB_STORE_ERROR;
    bind_place(q, 1, p);
    if (run(q) != FB_STORE_OK)
        return FB_STORE_ERROR;
    p->id = sqlite3_last_insert_rowid(impl(s)->db);
    return FB_STORE_OK;
}

static int
sq_place_held(struct fb_store *s, const char *holder, const char *calendar,
              struct fb_place *out)
{
    sqlite3_stmt *q = stmt(impl(s), ST_PLACE_HELD);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, holder, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, calendar, -1, SQLITE_STATIC);
    return one_place(q, out);
}

static int
sq_place_release(struct fb_store *s, const char *holder,
                 const char *calendar)
{
    sqlite3_stmt *q = stmt(impl(s), ST_PLACE_RELEASE);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, holder, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, calendar, -1, SQLITE_STATIC);
    return run(q);
}

static int
sq_place_expire(struct fb_store *s, long long before, size_t *out_n)
{
    return delete_before(s, ST_PLACE_EXPIRE, before, out_n);
}

static int
sq_place_by_token(struct fb_store *s,
                  const unsigned char hash[FB_PLACE_HASH_LEN],
                  struct fb_place *out)
{
    sqlite3_stmt *q = stmt(impl(s), ST_PLACE_BY_TOKEN);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_blob(q, 1, hash, FB_PLACE_HASH_LEN, SQLITE_STATIC);
    return one_place(q, out);
}

static int
sq_place_by_reference(struct fb_store *s, const char *reference,
                      struct fb_place *out)
{
    sqlite3_stmt *q = stmt(impl(s), ST_PLACE_BY_REFERENCE);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, reference, -1, SQLITE_STATIC);
    return one_place(q, out);
}

static int
sq_place_update(struct fb_store *s, const struct fb_place *p)
{
    sqlite3_stmt *q = stmt(impl(s), ST_PLACE_UPDATE);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_int64(q, 1, p->id);
    bind_place(q, 2, p);
    if (run(q) != FB_STORE_OK)
        return FB_STORE_ERROR;
    return sqlite3_changes(impl(s)->db) == 1 ? FB_STORE_OK
                                             : FB_STORE_NOT_FOUND;
}

static int
sq_place_each(struct fb_store *s, const char *calendar, const char *day,
              fb_place_fn fn, void *cls)
{
    sqlite3_stmt *q = stmt(impl(s), day ? ST_PLACE_EACH_DAY : ST_PLACE_EACH);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, calendar, -1, SQLITE_STATIC);
    if (day)
        sqlite3_bind_text(q, 2, day, -1, SQLITE_STATIC);
    int rc, result = FB_STORE_OK;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        struct fb_place p;
        read_place(q, &p);
        int r = fn(&p, cls);
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
sq_place_event_add(struct fb_store *s, long long place_id,
                   const char *reference, enum fb_place_event kind,
                   const char *at, const char *detail)
{
    sqlite3_stmt *q = stmt(impl(s), ST_EVENT_ADD);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_int64(q, 1, place_id);
    sqlite3_bind_text(q, 2, reference, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, fb_place_event_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, at, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, detail, -1, SQLITE_STATIC);
    return run(q);
}

static int
sq_day_close(struct fb_store *s, const char *calendar, const char *day,
             const char *at)
{
    sqlite3_stmt *q = stmt(impl(s), ST_DAY_CLOSE);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, calendar, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, at, -1, SQLITE_STATIC);
    return run(q);
}

static int
sq_days_closed(struct fb_store *s, const char *calendar, const char *first,
               const char *last, fb_day_fn fn, void *cls)
{
    sqlite3_stmt *q = stmt(impl(s), ST_DAYS_CLOSED);
    if (!q)
        return FB_STORE_ERROR;
    sqlite3_bind_text(q, 1, calendar, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, first, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, last, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(q, 0), cls);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? FB_STORE_OK : FB_STORE_ERROR;
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
    .submission_add = sq_submission_add,
    .submission_find = sq_submission_find,
    .submission_load = sq_submission_load,
    .submission_each = sq_submission_each,
    .purge_batch = fb_sq_purge_batch,
    .probe = sq_probe,
    .savepoint = sq_savepoint,
    .savepoint_release = sq_savepoint_release,
    .savepoint_rollback = sq_savepoint_rollback,
    .place_taken = sq_place_taken,
    .place_taken_days = sq_place_taken_days,
    .place_quota_used = sq_place_quota_used,
    .place_insert = sq_place_insert,
    .place_held = sq_place_held,
    .place_release = sq_place_release,
    .place_expire = sq_place_expire,
    .place_by_token = sq_place_by_token,
    .place_by_reference = sq_place_by_reference,
    .place_update = sq_place_update,
    .place_each = sq_place_each,
    .place_event_add = sq_place_event_add,
    .day_close = sq_day_close,
    .days_closed = sq_days_closed,
    FB_STORE_SQLITE_OUTBOX_OPS
    FB_STORE_SQLITE_EVENT_OPS
    FB_STORE_SQLITE_LIVE_OPS
    FB_STORE_SQLITE_SAVED_OPS
    FB_STORE_SQLITE_PAY_OPS
    .answer_texts_each = fb_sq_answer_texts_each,
    .errmsg = sq_errmsg,
    .shared = false,
    .try_lock = sq_try_lock,
    .unlock = sq_unlock,
    .lost = sq_lost,
    FB_STORE_SQLITE_PERSONAL_OPS
};
