/* SPDX-License-Identifier: MIT */
/*
 * The PostgreSQL store, for several server instances sharing one
 * database. A handle is one libpq connection (the server holds three:
 * writer, reads, outbox). A lost connection is reset on the next call made
 * outside a transaction, and its statements prepared again; a call inside
 * a transaction that lost its connection fails, so the writer rolls back
 * and nothing is half-written. Commits are synchronous (PostgreSQL's
 * default), so a confirmation follows a durable commit.
 */
#include "store.h"

#include "store_pg_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

/* The advisory lock migrations run under, so instances starting together
 * migrate one at a time ("formbuilder migrate" in ASCII). */
#define MIGRATE_LOCK "7021687568374337"

/* Seconds a (re)connection may take before a request fails with 503. */
#define CONNECT_TIMEOUT "5"

struct pg_store {
    struct fb_store base;   /* must be first */
    PGconn *conn;
    bool prepared[PG__COUNT];   /* on this connection */
    bool tx;                    /* begin succeeded; no commit or rollback */
    char err[512];
};

static struct pg_store *
impl(struct fb_store *s)
{
    return (struct pg_store *)s;
}

/* Keeps @p msg (libpq's ends in a newline) as the handle's error. */
static void
keep_error(struct pg_store *st, const char *msg)
{
    snprintf(st->err, sizeof st->err, "%s", msg && *msg ? msg : "error");
    size_t n = strlen(st->err);
    while (n > 0 && (st->err[n - 1] == '\n' || st->err[n - 1] == ' '))
        st->err[--n] = '\0';
}

static bool
pg_lost(struct fb_store *s)
{
    return PQstatus(impl(s)->conn) != CONNECTION_OK;
}

static const char *
pg_errmsg(struct fb_store *s)
{
    return impl(s)->err;
}

/* Opens a connection to @p target, its URL's settings over ours. */
static PGconn *
connect_to(const char *target)
{
    /* Notices ("already exists, skipping") are not worth a log line. */
    const char *const keys[] = { "connect_timeout", "application_name",
                                 "options", "dbname", NULL };
    const char *const values[] = { CONNECT_TIMEOUT, "formbuilder",
                                   "-c client_min_messages=warning", target,
                                   NULL };
    return PQconnectdbParams(keys, values, 1);
}

/* Resets a lost connection, unless a transaction was open on it (then
 * the caller must roll back first, and learns of the loss). */
static bool
connected(struct pg_store *st)
{
    if (PQstatus(st->conn) == CONNECTION_OK)
        return true;
    if (st->tx) {
        keep_error(st, "the connection to the database was lost inside a "
                       "transaction");
        return false;
    }
    PQreset(st->conn);
    memset(st->prepared, 0, sizeof st->prepared);
    if (PQstatus(st->conn) != CONNECTION_OK) {
        keep_error(st, PQerrorMessage(st->conn));
        return false;
    }
    return true;
}

void
fb_pg_text(struct fb_pg_params *p, const char *v)
{
    p->values[p->n] = v;
    p->lengths[p->n] = 0;
    p->formats[p->n] = 0;
    p->n++;
}

void
fb_pg_opt(struct fb_pg_params *p, const char *v)
{
    fb_pg_text(p, v && *v ? v : NULL);
}

void
fb_pg_int(struct fb_pg_params *p, long long v)
{
    snprintf(p->digits[p->n], sizeof p->digits[p->n], "%lld", v);
    fb_pg_text(p, p->digits[p->n]);
}

void
fb_pg_bytes(struct fb_pg_params *p, const unsigned char *v, int len)
{
    p->values[p->n] = (const char *)v;
    p->lengths[p->n] = v ? len : 0;
    p->formats[p->n] = 1;
    p->n++;
}

/* Runs statement id, preparing it on this connection first; once more
 * after a lost connection when @p retried is false. See store_pg_priv.h. */
static PGresult *
run(struct fb_store *s, enum fb_pg_stmt id, const struct fb_pg_params *params,
    bool retried)
{
    struct pg_store *st = impl(s);
    if (!connected(st))
        return NULL;
    char name[16];
    snprintf(name, sizeof name, "fb%d", (int)id);
    PGresult *r = NULL;
    if (!st->prepared[id]) {
        r = PQprepare(st->conn, name, fb_pg_sql(id), 0, NULL);
        st->prepared[id] = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (st->prepared[id]) {
            PQclear(r);
            r = NULL;
        }
    }
    if (st->prepared[id]) {
        static const struct fb_pg_params none;
        if (!params)
            params = &none;
        r = PQexecPrepared(st->conn, name, params->n, params->values,
                           params->lengths, params->formats, 0);
        ExecStatusType status = PQresultStatus(r);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
            return r;
    }
    keep_error(st, r ? PQresultErrorMessage(r) : PQerrorMessage(st->conn));
    PQclear(r);
    /* The server went away since the last call (a restart, a failover):
     * outside a transaction, once more on a new connection. Statements
     * run outside one are reads or idempotent writes. */
    if (PQstatus(st->conn) != CONNECTION_OK && !st->tx && !retried)
        return run(s, id, params, true);
    return NULL;
}

PGresult *
fb_pg_run(struct fb_store *s, enum fb_pg_stmt id,
          const struct fb_pg_params *params)
{
    return run(s, id, params, false);
}

int
fb_pg_exec(struct fb_store *s, enum fb_pg_stmt id,
           const struct fb_pg_params *params)
{
    PGresult *r = fb_pg_run(s, id, params);
    PQclear(r);
    return r ? FB_STORE_OK : FB_STORE_ERROR;
}

int
fb_pg_exec_count(struct fb_store *s, enum fb_pg_stmt id,
                 const struct fb_pg_params *params, size_t *out_n)
{
    *out_n = 0;
    PGresult *r = fb_pg_run(s, id, params);
    if (!r)
        return FB_STORE_ERROR;
    *out_n = (size_t)strtoull(PQcmdTuples(r), NULL, 10);
    PQclear(r);
    return FB_STORE_OK;
}

bool
fb_pg_in_transaction(struct fb_store *s)
{
    return PQtransactionStatus(impl(s)->conn) != PQTRANS_IDLE;
}

long long
fb_pg_ll(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? 0
                                    : strtoll(PQgetvalue(r, row, col), NULL,
                                              10);
}

void
fb_pg_copy(char *dst, size_t cap, const PGresult *r, int row, int col)
{
    snprintf(dst, cap, "%s", PQgetisnull(r, row, col)
                                 ? "" : PQgetvalue(r, row, col));
}

const char *
fb_pg_str(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

/* Runs @p sql (several statements, no parameters) as one simple query. */
static bool
run_script(struct pg_store *st, const char *sql)
{
    PGresult *r = PQexec(st->conn, sql);
    ExecStatusType status = PQresultStatus(r);
    bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok)
        keep_error(st, r ? PQresultErrorMessage(r)
                         : PQerrorMessage(st->conn));
    PQclear(r);
    return ok;
}

static int
pg_schema_version(struct fb_store *s)
{
    PGresult *r = fb_pg_run(s, PG_SCHEMA_VERSION, NULL);
    int v = r && PQntuples(r) == 1 ? (int)fb_pg_ll(r, 0, 0) : -1;
    PQclear(r);
    return v;
}

/* Migrates inside one transaction holding MIGRATE_LOCK: a second instance
 * starting at once waits, then finds the schema current. */
static int
pg_migrate(struct fb_store *s, char *err, size_t errlen)
{
    struct pg_store *st = impl(s);
    if (!connected(st)
        || !run_script(st, "BEGIN; SELECT pg_advisory_xact_lock("
                           MIGRATE_LOCK ");"
                           "CREATE TABLE IF NOT EXISTS formbuilder_schema "
                           "(version INTEGER NOT NULL);"
                           "INSERT INTO formbuilder_schema SELECT 0 WHERE "
                           "NOT EXISTS (SELECT 1 FROM formbuilder_schema)")) {
        snprintf(err, errlen, "migrate: %s", st->err);
        run_script(st, "ROLLBACK");
        return FB_STORE_ERROR;
    }
    int v = pg_schema_version(s);
    if (v < 0 || v > fb_pg_migration_count) {
        snprintf(err, errlen, "database schema version %d is %s", v,
                 v < 0 ? "unreadable" : "newer than this program");
        run_script(st, "ROLLBACK");
        return FB_STORE_ERROR;
    }
    for (; v < fb_pg_migration_count; v++) {
        char set[80];
        snprintf(set, sizeof set, "UPDATE formbuilder_schema SET version = "
                 "%d", v + 1);
        if (!run_script(st, fb_pg_migrations[v]) || !run_script(st, set)) {
            snprintf(err, errlen, "migration %d: %s", v + 1, st->err);
            run_script(st, "ROLLBACK");
            return FB_STORE_ERROR;
        }
    }
    if (!run_script(st, "COMMIT")) {
        snprintf(err, errlen, "migrate: %s", st->err);
        return FB_STORE_ERROR;
    }
    return FB_STORE_OK;
}

static void
pg_close(struct fb_store *s)
{
    if (!s)
        return;
    PQfinish(impl(s)->conn);
    free(impl(s));
}

static int
pg_open(const char *target, struct fb_store **out_store, char *err,
        size_t errlen)
{
    struct pg_store *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return FB_STORE_ERROR;
    }
    st->base.ops = &fb_store_pg_ops;
    st->conn = connect_to(target);
    if (!st->conn || PQstatus(st->conn) != CONNECTION_OK) {
        keep_error(st, st->conn ? PQerrorMessage(st->conn) : "out of memory");
        snprintf(err, errlen, "%s: %s", target, st->err);
        pg_close(&st->base);
        return FB_STORE_ERROR;
    }
    if (pg_migrate(&st->base, err, errlen) != FB_STORE_OK) {
        pg_close(&st->base);
        return FB_STORE_ERROR;
    }
    *out_store = &st->base;
    return FB_STORE_OK;
}

/* PostgreSQL checks its own pages (and replicates them); what can be
 * checked from here is that the server answers and holds a schema this
 * program knows. */
static int
pg_check(const char *target, bool full, fb_store_problem_fn fn, void *cls,
         char *err, size_t errlen)
{
    (void)full;
    struct pg_store st = { .base.ops = &fb_store_pg_ops };
    st.conn = connect_to(target);
    int rc = FB_STORE_OK;
    if (!st.conn || PQstatus(st.conn) != CONNECTION_OK) {
        keep_error(&st, st.conn ? PQerrorMessage(st.conn) : "out of memory");
        snprintf(err, errlen, "%s: %s", target, st.err);
        rc = FB_STORE_ERROR;
    } else {
        PGresult *r = PQexec(st.conn, "SELECT to_regclass("
                                      "'formbuilder_schema') IS NULL");
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            keep_error(&st, PQresultErrorMessage(r));
            snprintf(err, errlen, "%s: %s", target, st.err);
            rc = FB_STORE_ERROR;
        } else if (strcmp(PQgetvalue(r, 0, 0), "t") == 0) {
            rc = FB_STORE_NOT_FOUND;
        } else {
            int v = pg_schema_version(&st.base);
            if (v < 0 || v > fb_pg_migration_count) {
                char line[128];
                snprintf(line, sizeof line, "schema version %d is %s", v,
                         v < 0 ? "unreadable" : "newer than this program");
                fn(line, cls);
                rc = FB_STORE_DAMAGED;
            }
        }
        PQclear(r);
    }
    PQfinish(st.conn);
    return rc;
}

static int
pg_begin(struct fb_store *s)
{
    int rc = fb_pg_exec(s, PG_BEGIN, NULL);
    impl(s)->tx = rc == FB_STORE_OK;
    return rc;
}

/* A commit that fails leaves the transaction for rollback to end. */
static int
pg_commit(struct fb_store *s)
{
    PGresult *r = fb_pg_run(s, PG_COMMIT, NULL);
    if (!r)
        return FB_STORE_ERROR;
    /* COMMIT of a transaction an error aborted answers "ROLLBACK". */
    bool committed = strcmp(PQcmdStatus(r), "COMMIT") == 0;
    PQclear(r);
    impl(s)->tx = false;
    if (!committed)
        keep_error(impl(s), "the transaction was rolled back");
    return committed ? FB_STORE_OK : FB_STORE_ERROR;
}

/* A lost connection ended its transaction already. */
static void
pg_rollback(struct fb_store *s)
{
    impl(s)->tx = false;
    if (PQstatus(impl(s)->conn) == CONNECTION_OK && fb_pg_in_transaction(s))
        fb_pg_exec(s, PG_ROLLBACK, NULL);
}

static int
pg_savepoint(struct fb_store *s)
{
    return fb_pg_exec(s, PG_SAVEPOINT, NULL);
}

static int
pg_savepoint_release(struct fb_store *s)
{
    return fb_pg_exec(s, PG_RELEASE, NULL);
}

static int
pg_savepoint_rollback(struct fb_store *s)
{
    if (fb_pg_exec(s, PG_ROLLBACK_TO, NULL) != FB_STORE_OK)
        return FB_STORE_ERROR;
    return pg_savepoint_release(s);
}

static int
pg_probe(struct fb_store *s)
{
    if (pg_begin(s) != FB_STORE_OK
        || fb_pg_exec(s, PG_PROBE, NULL) != FB_STORE_OK
        || pg_commit(s) != FB_STORE_OK) {
        pg_rollback(s);
        return FB_STORE_ERROR;
    }
    return FB_STORE_OK;
}

static int
pg_session_load(struct fb_store *s, const char *id, char **out_data,
                long long *out_saved_at)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, id);
    PGresult *r = fb_pg_run(s, PG_SESSION_LOAD, &p);
    if (!r)
        return FB_STORE_ERROR;
    int rc = FB_STORE_NOT_FOUND;
    if (PQntuples(r) == 1) {
        *out_data = strdup(PQgetvalue(r, 0, 0));
        *out_saved_at = fb_pg_ll(r, 0, 1);
        rc = *out_data ? FB_STORE_OK : FB_STORE_ERROR;
    }
    PQclear(r);
    return rc;
}

static int
pg_session_save(struct fb_store *s, const char *id, const char *data,
                long long now)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, id);
    fb_pg_text(&p, data);
    fb_pg_int(&p, now);
    return fb_pg_exec(s, PG_SESSION_SAVE, &p);
}

static int
pg_session_delete(struct fb_store *s, const char *id)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, id);
    return fb_pg_exec(s, PG_SESSION_DELETE, &p);
}

static int
pg_session_expire(struct fb_store *s, long long before, size_t *out_n)
{
    struct fb_pg_params p = {0};
    fb_pg_int(&p, before);
    return fb_pg_exec_count(s, PG_SESSION_EXPIRE, &p, out_n);
}

/* The reference stored for submit_token, and its answers when
 * out_answers is not NULL. */
static int
find_submission(struct fb_store *s, const char *submit_token, char *out,
                size_t cap, char **out_answers)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, submit_token);
    PGresult *r = fb_pg_run(s, out_answers ? PG_SUB_LOAD : PG_SUB_FIND, &p);
    if (!r)
        return FB_STORE_ERROR;
    int rc = FB_STORE_NOT_FOUND;
    if (PQntuples(r) == 1) {
        const char *ref = PQgetvalue(r, 0, 0);
        rc = strlen(ref) < cap ? FB_STORE_OK : FB_STORE_ERROR;
        if (rc == FB_STORE_OK)
            memcpy(out, ref, strlen(ref) + 1);
        if (rc == FB_STORE_OK && out_answers) {
            *out_answers = strdup(PQgetvalue(r, 0, 1));
            if (!*out_answers)
                rc = FB_STORE_ERROR;
        }
    }
    PQclear(r);
    return rc;
}

static int
pg_submission_find(struct fb_store *s, const char *submit_token, char *out,
                   size_t cap)
{
    return find_submission(s, submit_token, out, cap, NULL);
}

static int
pg_submission_load(struct fb_store *s, const char *submit_token, char *out,
                   size_t cap, char **out_answers)
{
    return find_submission(s, submit_token, out, cap, out_answers);
}

/* One attempt with the drawn reference. Another instance inserting the
 * same token makes this INSERT wait for its commit, then do nothing; the
 * lookup after it sees that row (read committed). */
static int
pg_submission_add(struct fb_store *s, struct fb_submission *sub)
{
    sub->existed = false;
    struct fb_pg_params p = {0};
    fb_pg_text(&p, sub->reference);
    fb_pg_text(&p, sub->submit_token);
    fb_pg_text(&p, sub->form);
    fb_pg_text(&p, sub->form_version);
    fb_pg_text(&p, sub->answers_json);
    fb_pg_text(&p, sub->submitted_at);
    fb_pg_text(&p, sub->language ? sub->language : "en");
    size_t n = 0;
    if (fb_pg_exec_count(s, PG_SUB_INSERT, &p, &n) != FB_STORE_OK)
        return FB_STORE_ERROR;
    if (n == 1)
        return FB_STORE_OK;
    int f = pg_submission_find(s, sub->submit_token, sub->reference,
                               sizeof sub->reference);
    if (f == FB_STORE_OK)
        sub->existed = true;
    return f == FB_STORE_NOT_FOUND ? FB_STORE_REFUSED : f;
}

/* Calls fn per row of r (SUBMISSION_COLUMNS). */
static int
each_submission(PGresult *r, fb_store_row_fn fn, void *cls)
{
    int result = FB_STORE_OK;
    for (int i = 0; i < PQntuples(r) && result == FB_STORE_OK; i++) {
        struct fb_submission_row row = {
            .reference = PQgetvalue(r, i, 0),
            .form = PQgetvalue(r, i, 1),
            .form_version = PQgetvalue(r, i, 2),
            .answers_json = PQgetvalue(r, i, 3),
            .submitted_at = PQgetvalue(r, i, 4),
            .delivery_state = PQgetvalue(r, i, 5),
            .language = PQgetvalue(r, i, 6),
        };
        result = fn(&row, cls);
    }
    PQclear(r);
    return result;
}

static int
pg_submission_each(struct fb_store *s, const char *form, const char *since,
                   fb_store_row_fn fn, void *cls)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, form);
    if (since)
        fb_pg_text(&p, since);
    PGresult *r = fb_pg_run(s, since ? PG_SUB_EACH_SINCE : PG_SUB_EACH, &p);
    return r ? each_submission(r, fn, cls) : FB_STORE_ERROR;
}

static int
pg_submission_by_reference(struct fb_store *s, const char *reference,
                           fb_store_row_fn fn, void *cls)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, reference);
    PGresult *r = fb_pg_run(s, PG_SUB_BY_REFERENCE, &p);
    if (!r)
        return FB_STORE_ERROR;
    if (PQntuples(r) == 0) {
        PQclear(r);
        return FB_STORE_NOT_FOUND;
    }
    return each_submission(r, fn, cls);
}

/* A session-level advisory lock: held until unlock, or until this
 * connection ends (an instance killed mid-purge frees it). */
static int
pg_try_lock(struct fb_store *s, const char *name)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, name);
    PGresult *r = fb_pg_run(s, PG_TRY_LOCK, &p);
    if (!r)
        return FB_STORE_ERROR;
    int rc = strcmp(PQgetvalue(r, 0, 0), "t") == 0 ? FB_STORE_OK
                                                  : FB_STORE_REFUSED;
    PQclear(r);
    return rc;
}

static void
pg_unlock(struct fb_store *s, const char *name)
{
    struct fb_pg_params p = {0};
    fb_pg_text(&p, name);
    fb_pg_exec(s, PG_UNLOCK, &p);
}

const struct fb_store_ops fb_store_pg_ops = {
    .name = "postgresql",
    .check = pg_check,
    .open = pg_open,
    .close = pg_close,
    .migrate = pg_migrate,
    .schema_version = pg_schema_version,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .session_load = pg_session_load,
    .session_save = pg_session_save,
    .session_delete = pg_session_delete,
    .session_expire = pg_session_expire,
    .submission_add = pg_submission_add,
    .submission_find = pg_submission_find,
    .submission_load = pg_submission_load,
    .submission_each = pg_submission_each,
    .purge_batch = fb_pg_purge_batch,
    .probe = pg_probe,
    .savepoint = pg_savepoint,
    .savepoint_release = pg_savepoint_release,
    .savepoint_rollback = pg_savepoint_rollback,
    .place_taken = fb_pg_place_taken,
    .place_taken_days = fb_pg_place_taken_days,
    .place_quota_used = fb_pg_place_quota_used,
    .place_insert = fb_pg_place_insert,
    .place_held = fb_pg_place_held,
    .place_release = fb_pg_place_release,
    .place_expire = fb_pg_place_expire,
    .place_by_token = fb_pg_place_by_token,
    .place_by_reference = fb_pg_place_by_reference,
    .place_update = fb_pg_place_update,
    .place_each = fb_pg_place_each,
    .place_event_add = fb_pg_place_event_add,
    .day_close = fb_pg_day_close,
    .days_closed = fb_pg_days_closed,
    .delivery_add = fb_pg_delivery_add,
    .delivery_due = fb_pg_delivery_due,
    .delivery_update = fb_pg_delivery_update,
    .delivery_get = fb_pg_delivery_get,
    .delivery_each = fb_pg_delivery_each,
    .delivery_retry = fb_pg_delivery_retry,
    .delivery_counts = fb_pg_delivery_counts,
    .submission_by_reference = pg_submission_by_reference,
    .saved_add = fb_pg_saved_add,
    .saved_get = fb_pg_saved_get,
    .saved_token = fb_pg_saved_token,
    .saved_find = fb_pg_saved_find,
    .saved_use = fb_pg_saved_use,
    .saved_expire = fb_pg_saved_expire,
    .version_pinned = fb_pg_version_pinned,
    .payment_add = fb_pg_payment_add,
    .payment_get = fb_pg_payment_get,
    .payment_by_token = fb_pg_payment_by_token,
    .payment_update = fb_pg_payment_update,
    .payment_open = fb_pg_payment_open,
    .answer_texts_each = fb_pg_answer_texts_each,
    .errmsg = pg_errmsg,
    .shared = true,
    .try_lock = pg_try_lock,
    .unlock = pg_unlock,
    .delivery_claim = fb_pg_delivery_claim,
    .lost = pg_lost,
    .submission_event_add = fb_pg_submission_event_add,
    .submission_event_each = fb_pg_submission_event_each,
    .submission_erase = fb_pg_submission_erase,
    .submission_redact = fb_pg_submission_redact,
    .delivery_of_reference = fb_pg_delivery_of_reference,
    .audit_add = fb_pg_audit_add,
    .audit_each = fb_pg_audit_each,
    FB_STORE_PG_LIVE_OPS
    .assist_link_use = fb_pg_assist_link_use,
};
