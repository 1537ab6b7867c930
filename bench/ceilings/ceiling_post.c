/* SPDX-License-Identifier: MIT */
/*
 * Ceiling: a urlencoded POST stored durably with group commit, with
 * nothing else. libmicrohttpd reads the body, the handler checks it is
 * urlencoded text and queues it, suspending the connection; one writer
 * thread inserts everything queued in one transaction (WAL,
 * synchronous=FULL, as the store) and resumes each connection with a
 * 303 once committed. What the server's valid POST does at the least.
 *   ceiling-post PORT FILE   prints "ready"; SIGTERM stops it
 */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <microhttpd.h>
#include <sqlite3.h>

#define BODY_MAX 8192

struct post {
    struct MHD_Connection *conn;
    char body[BODY_MAX];
    size_t len;
    bool queued, stored, failed;
    struct post *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct post *queue;
static bool stopping;
static sqlite3 *db;
static sqlite3_stmt *ins;
static struct MHD_Response *see_other, *bad;

/* Commits every queued post in one transaction, then resumes them. */
static void *
writer_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (!queue && !stopping)
            pthread_cond_wait(&wake, &lock);
        if (!queue)
            break;
        struct post *batch = queue;
        queue = NULL;
        pthread_mutex_unlock(&lock);
        bool ok = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
        for (struct post *p = batch; ok && p; p = p->next) {
            sqlite3_bind_text(ins, 1, p->body, (int)p->len, SQLITE_STATIC);
            ok = sqlite3_step(ins) == SQLITE_DONE;
            sqlite3_reset(ins);
        }
        ok = ok && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
        if (!ok)
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        for (struct post *p = batch, *n; p; p = n) {
            n = p->next;
            p->stored = ok;
            p->failed = !ok;
            MHD_resume_connection(p->conn);
        }
        pthread_mutex_lock(&lock);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

/* Urlencoded text: printable ASCII with '=' separating names. */
static bool
urlencoded(const char *s, size_t n)
{
    bool eq = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x21 || s[i] > 0x7e)
            return false;
        eq |= s[i] == '=';
    }
    return eq;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
           const char *method, const char *version, const char *data,
           size_t *data_size, void **state)
{
    (void)cls, (void)url, (void)version;
    if (strcmp(method, "POST") != 0)
        return MHD_queue_response(c, MHD_HTTP_BAD_REQUEST, bad);
    struct post *p = *state;
    if (!p) {
        p = calloc(1, sizeof *p);
        if (!p)
            return MHD_NO;
        p->conn = c;
        *state = p;
        return MHD_YES;
    }
    if (*data_size) {
        if (p->len + *data_size > BODY_MAX)
            return MHD_NO;
        memcpy(p->body + p->len, data, *data_size);
        p->len += *data_size;
        *data_size = 0;
        return MHD_YES;
    }
    if (p->stored || p->failed)
        return MHD_queue_response(c, p->stored ? MHD_HTTP_SEE_OTHER
                                               : MHD_HTTP_INTERNAL_SERVER_ERROR,
                                  p->stored ? see_other : bad);
    if (!urlencoded(p->body, p->len))
        return MHD_queue_response(c, MHD_HTTP_BAD_REQUEST, bad);
    pthread_mutex_lock(&lock);
    if (stopping) {   /* the writer is gone: nothing would resume it */
        pthread_mutex_unlock(&lock);
        return MHD_queue_response(c, MHD_HTTP_SERVICE_UNAVAILABLE, bad);
    }
    MHD_suspend_connection(c);
    p->next = queue;
    queue = p;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
    return MHD_YES;
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **state,
             enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)c, (void)why;
    free(*state);
    *state = NULL;
}

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: ceiling-post PORT FILE\n");
        return 2;
    }
    /* Blocked before any thread starts, so sigwait() gets them. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    if (sqlite3_open(argv[2], &db) != SQLITE_OK
        || sqlite3_exec(db, "PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = FULL;"
                            "CREATE TABLE IF NOT EXISTS posts (id INTEGER"
                            " PRIMARY KEY, body TEXT NOT NULL)",
                        NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(db, "INSERT INTO posts (body) VALUES (?1)", -1,
                              &ins, NULL) != SQLITE_OK) {
        fprintf(stderr, "ceiling-post: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    see_other = MHD_create_response_from_buffer(0, (void *)"",
                                                MHD_RESPMEM_PERSISTENT);
    bad = MHD_create_response_from_buffer(0, (void *)"",
                                          MHD_RESPMEM_PERSISTENT);
    if (!see_other || !bad
        || MHD_add_response_header(see_other, "Location", "/next") != MHD_YES)
        return 1;
    pthread_t writer;
    if (pthread_create(&writer, NULL, writer_main, NULL) != 0)
        return 1;
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL
            | MHD_ALLOW_SUSPEND_RESUME,
        (uint16_t)atoi(argv[1]), NULL, NULL, on_request, NULL,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_CONNECTION_LIMIT, 4096U, MHD_OPTION_END);
    if (!d)
        return 1;
    printf("ready\n");
    fflush(stdout);
    int sig;
    sigwait(&set, &sig);
    /* The library refuses to stop with connections suspended: take no
     * more, let the writer commit and resume what is queued, and give the
     * polling thread a moment to pick the resumed ones up. */
    MHD_quiesce_daemon(d);
    pthread_mutex_lock(&lock);
    stopping = true;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
    pthread_join(writer, NULL);
    struct timespec pause = { 0, 200 * 1000 * 1000 };
    nanosleep(&pause, NULL);
    MHD_stop_daemon(d);
    sqlite3_finalize(ins);
    sqlite3_close(db);
    return 0;
}
