/* SPDX-License-Identifier: MIT */
/*
 * Storage behind one narrow ops table: sessions (progress through a
 * journey), submissions and their retention. SQLite is the embedded
 * backend (store_sqlite.c); a PostgreSQL backend can be added beside it
 * without touching callers, because no SQL or backend type leaves the
 * backend file. A store handle is used by one thread at a time; the server
 * opens one for its writer thread and one for reads.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "token.h"

enum fb_store_status {
    FB_STORE_OK = 0,
    FB_STORE_NOT_FOUND = 1,
    FB_STORE_DAMAGED = 2,     /* a check found the database corrupt */
    FB_STORE_ERROR = -1
};

/* Told each problem a check finds, in the backend's words. */
typedef void (*fb_store_problem_fn)(const char *problem, void *cls);

/* What a backend handle starts with; the backend's own state follows. */
struct fb_store {
    const struct fb_store_ops *ops;
};

/* A submission to insert. The caller fills the inputs; the backend fills
 * reference (new, or the one already stored for submit_token). */
struct fb_submission {
    const char *form;             /* form slug */
    const char *form_version;     /* hash of the form model */
    const char *answers_json;     /* normalised answers as a JSON object */
    const char *submit_token;     /* idempotency key, unique */
    const char *reference_prefix; /* e.g. "SLR"; NULL or "" for none */
    const char *submitted_at;     /* UTC ISO 8601, "2026-01-31T09:00:00Z" */
    char reference[FB_REFERENCE_MAX]; /* out */
    bool existed;                 /* out: the token was already stored */
};

/* One stored submission, as export reads it; strings live until the
 * callback returns. */
struct fb_submission_row {
    const char *reference;
    const char *form;
    const char *form_version;
    const char *answers_json;
    const char *submitted_at;
    const char *delivery_state;   /* "pending", "delivered", "failed" */
};

/* Called once per row; a non-zero return stops the iteration and is
 * passed back. */
typedef int (*fb_store_row_fn)(const struct fb_submission_row *row,
                               void *cls);

struct fb_store_ops {
    const char *name;
    /* Checks the database at @p target without changing it or creating
     * it: a quick check (@p full false: every page readable and every
     * b-tree well formed) or a full one (indexes matching their tables
     * too), telling @p fn each problem (at most 100). @returns FB_STORE_OK
     * when it is intact, FB_STORE_DAMAGED when it is corrupt or not a
     * database, FB_STORE_NOT_FOUND when there is none, or FB_STORE_ERROR
     * with a message in @p err when it cannot be read. */
    int (*check)(const char *target, bool full, fb_store_problem_fn fn,
                 void *cls, char *err, size_t errlen);
    /* Opens (creating if needed) and migrates the store at @p target.
     * On error returns FB_STORE_ERROR with a message in @p err. */
    int (*open)(const char *target, struct fb_store **out_store, char *err,
                size_t errlen);
    /* Closes the handle; NULL is a no-op. */
    void (*close)(struct fb_store *s);
    /* Brings the schema to the newest version; safe to run twice. */
    int (*migrate)(struct fb_store *s, char *err, size_t errlen);
    /* @returns the schema version the store is at. */
    int (*schema_version)(struct fb_store *s);
    /* A write transaction around several of the calls below (group
     * commit); commit returns only once the data is durable. */
    int (*begin)(struct fb_store *s);
    int (*commit)(struct fb_store *s);
    void (*rollback)(struct fb_store *s);
    /* Reads a session's record into *out_data (caller frees) and the
     * time it was last saved (Unix seconds). FB_STORE_NOT_FOUND if none. */
    int (*session_load)(struct fb_store *s, const char *id, char **out_data,
                        long long *out_saved_at);
    /* Inserts or replaces a session's record, stamped @p now. */
    int (*session_save)(struct fb_store *s, const char *id, const char *data,
                        long long now);
    int (*session_delete)(struct fb_store *s, const char *id);
    /* Deletes sessions saved before @p before; *out_n says how many. */
    int (*session_expire)(struct fb_store *s, long long before,
                          size_t *out_n);
    /* Inserts @p sub unless its submit token is stored already (then
     * sub->existed is set and sub->reference is the stored one). A new
     * reference is drawn until it is unique. */
    int (*submission_insert)(struct fb_store *s, struct fb_submission *sub);
    /* Copies the reference stored for @p submit_token into @p out.
     * FB_STORE_NOT_FOUND when there is none. */
    int (*submission_find)(struct fb_store *s, const char *submit_token,
                           char *out, size_t cap);
    /* Calls @p fn for each submission of @p form submitted at or after
     * @p since (ISO text, NULL for all), oldest first. */
    int (*submission_each)(struct fb_store *s, const char *form,
                           const char *since, fb_store_row_fn fn, void *cls);
    /* Deletes submissions of @p form submitted before @p before (ISO),
     * in small transactions; *out_n says how many. */
    int (*purge_older_than)(struct fb_store *s, const char *form,
                            const char *before, size_t *out_n);
    /* Commits a transaction that writes without changing anything a
     * caller can read, to learn whether the store accepts durable
     * writes again after a failure. FB_STORE_OK when it does. */
    int (*probe)(struct fb_store *s);
    /* @returns the backend's last error text (never NULL). */
    const char *(*errmsg)(struct fb_store *s);
};

/* The SQLite backend. */
extern const struct fb_store_ops fb_store_sqlite_ops;

/**
 * Picks the backend for @p target: SQLite for a file path. (A
 * "postgresql://" URL is reserved for the PostgreSQL backend.)
 * @returns the ops, or NULL with a message in @p err when no backend
 * serves @p target.
 */
const struct fb_store_ops *
fb_store_backend(const char *target, char *err, size_t errlen);

/**
 * Checks @p target with the backend fb_store_backend() picks (see
 * fb_store_ops.check). @returns what that returns; FB_STORE_ERROR with
 * @p err set when no backend serves @p target.
 */
int
fb_store_check(const char *target, bool full, fb_store_problem_fn fn,
               void *cls, char *err, size_t errlen);

/**
 * Opens @p target with the backend fb_store_backend() picks.
 * @returns the handle (close with s->ops->close), or NULL with @p err set.
 */
struct fb_store *
fb_store_open(const char *target, char *err, size_t errlen);
