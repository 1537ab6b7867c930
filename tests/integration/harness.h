/* SPDX-License-Identifier: MIT */
/*
 * Integration test harness: starts the real formbuilder binary on a free
 * loopback port with a temporary database directory, talks to it with
 * libcurl (cookies kept per client, connections reused), and reads the
 * database with the SQLite C API (or libpq when FBT_BACKEND=pg: then each
 * server gets a fresh PostgreSQL database, see tests/pg/pgtest.h).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <curl/curl.h>

/* The FORMBUILDER_SESSION_KEY servers on PostgreSQL are given (unless
 * the test sets its own): instances sharing a database need one key. */
#define FBT_SESSION_KEY "fbt-session-key-0123456789abcdef0123456789"

struct fbt_server {
    const char *exe;     /* the formbuilder binary */
    pid_t pid;           /* 0 when not running */
    unsigned port;
    char dir[256];       /* temporary directory: db and log */
    char db[320];
    char log[320];
    const char *env[8];  /* extra NAME=VALUE for the next start, NULL-ended */
    const char *config;  /* --config FILE for the next start, or NULL */
    const char *forms;   /* --forms DIR for the next start, or NULL */
    char config_file[400]; /* fbt_server_start_with()'s file, in dir */
    unsigned start_ms;   /* how long a start may take; 0: 5 s (more
                            under valgrind) */
};

struct fbt_response {
    long status;
    char *body;          /* NUL-terminated */
    size_t len;
    char *headers;       /* raw header block, NUL-terminated */
    long connects;       /* new connections this request needed */
};

struct fbt_client {
    CURL *curl;
    const struct fbt_server *srv;
    const char *header;  /* one more request header ("Name: value") sent
                          * with every request, or NULL */
};

/* The binary under test: argv[1] of the test program. */
extern const char *fbt_exe;

/** Makes a temporary directory and picks a free port; does not start. */
void
fbt_server_init(struct fbt_server *s);

/* The store's schema version after its migrations: FB_SCHEMA_LATEST of
 * store_schema.h, which test_server_units.c asserts it equals. */
#define FBT_SCHEMA_LATEST 11

/* The service id and secret of the GOV.UK Notify API key tests use. */
#define FBT_NOTIFY_SERVICE "26785a09-ab16-4eb0-8407-a37497a57506"
#define FBT_NOTIFY_SECRET "3d844edf-8d35-48ac-975b-e847b4f122b0"

/** Sets each environment variable the forms' targets need (`formbuilder
 *  outbox env` of @p exe) that is not set yet to a test value. */
void
fbt_set_target_env(const char *exe);

/** Starts the server and waits until /healthz answers (aborts the test
 *  on failure). */
void
fbt_server_start(struct fbt_server *s);

/** fbt_server_init(), then fbt_server_start() with a configuration file
 *  in the server's directory holding @p lines ("key = value\n" ...). */
void
fbt_server_start_with(struct fbt_server *s, const char *lines);

/** Sends @p sig (SIGTERM waits for a clean exit, SIGKILL does not) and
 *  reaps the process. @returns its wait status. */
int
fbt_server_stop(struct fbt_server *s, int sig);

/** Stops the server if running (SIGTERM) and removes the directory,
 *  unless FBT_KEEP is set in the environment. */
void
fbt_server_cleanup(struct fbt_server *s);

/** A client with its own cookie jar and connection cache. */
void
fbt_client_init(struct fbt_client *c, const struct fbt_server *s);

void
fbt_client_free(struct fbt_client *c);

/** GET @p path (e.g. "/healthz"). @returns the curl result (CURLE_OK). */
int
fbt_get(struct fbt_client *c, const char *path, struct fbt_response *r);

/** POST @p body (urlencoded) to @p path. */
int
fbt_post(struct fbt_client *c, const char *path, const char *body,
         struct fbt_response *r);

/** POST with an explicit Content-Type and length (bodies with NULs). */
int
fbt_post_raw(struct fbt_client *c, const char *path, const char *type,
             const char *body, size_t len, struct fbt_response *r);

void
fbt_response_free(struct fbt_response *r);

/** @returns the value of header @p name (case-insensitive), malloc'd, or
 *  NULL. */
char *
fbt_header(const struct fbt_response *r, const char *name);

/** @returns the value of @p sample ("name" or "name{labels}") in the
 *  server's GET /metrics, or -1 when it is not there. */
long
fbt_metric(const struct fbt_server *s, const char *sample);

/** @returns the CSRF token in a page (malloc'd), or NULL. */
char *
fbt_csrf(const char *html);

/** @returns the action attribute of the page's form (malloc'd, &amp;
 *  decoded), or NULL. */
char *
fbt_action(const char *html);

/** @returns the reference on a confirmation page (malloc'd), or NULL. */
char *
fbt_reference(const char *html);

/** Runs @p sql (one integer result) on the server's database. @returns
 *  the value, or -1 on error. */
long long
fbt_db_int(const struct fbt_server *s, const char *sql, const char *arg);

/** Runs @p sql (with @p arg bound to ?1 when not NULL) on the server's
 *  database, read-write. @returns 0, or -1 on error. */
int
fbt_db_exec(const struct fbt_server *s, const char *sql, const char *arg);

/** Runs the server binary with @p args (NULL-ended, after the program
 *  name) against the server's database. @returns its standard output
 *  (malloc'd), or NULL when it did not exit with status 0. */
char *
fbt_run(const struct fbt_server *s, const char *const *args);

/** Runs the server binary with @p args like fbt_run() (with
 *  FORMBUILDER_PORT=0, killed if it runs for 20 s). @returns its exit
 *  status, or -1 when a signal ended it; *out_output gets its standard
 *  output and error together (malloc'd). */
int
fbt_run_status(const struct fbt_server *s, const char *const *args,
               char **out_output);

/** Runs `formbuilder export` against the server's database and returns
 *  its standard output (malloc'd), or NULL when it failed. */
char *
fbt_export(const struct fbt_server *s, const char *form, const char *format);

/**
 * GETs @p page of the current form, then POSTs @p fields (urlencoded,
 * without the CSRF token, which is added) to it.
 * @returns the status of the POST; *out_location gets the Location
 * (malloc'd) when asked and present.
 */
long
fbt_answer(struct fbt_client *c, const char *path, const char *fields,
           char **out_location);

/** Like fbt_answer(), but POSTs to @p action with the CSRF token of the
 *  page at @p page_path (a page of buttons posting elsewhere). No
 *  assertions: threads may call it. */
long
fbt_answer_to(struct fbt_client *c, const char *page_path,
              const char *action, const char *fields, char **out_location);

/** Percent-encodes @p s for a urlencoded body (malloc'd). */
char *
fbt_encode(const char *s);
