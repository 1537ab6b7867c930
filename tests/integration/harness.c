/* SPDX-License-Identifier: MIT */
/*
 * The integration harness: process control for the server under test,
 * a small libcurl client, HTML scraping for tokens and references, and
 * database reads. Failures to start abort the test with a message.
 */
#include "harness.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "pgtest.h"

const char *fbt_exe;

static void
die(const char *what)
{
    fprintf(stderr, "harness: %s: %s\n", what, strerror(errno));
    abort();
}

static unsigned
free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0
        || getsockname(fd, (struct sockaddr *)&a, &len) != 0)
        die("free port");
    close(fd);
    return ntohs(a.sin_port);
}

/* Makes a temporary directory and picks a free port; does not start. See
 * harness.h. */
void
fbt_server_init(struct fbt_server *s)
{
    memset(s, 0, sizeof *s);
    s->exe = fbt_exe;
    snprintf(s->dir, sizeof s->dir, "/tmp/fbtest-XXXXXX");
    if (!mkdtemp(s->dir))
        die("mkdtemp");
    /* FBT_BACKEND=pg (tests/pg/cluster.sh run): a fresh PostgreSQL
     * database per server instead of a file. */
    if (fbt_pg_wanted())
        fbt_pg_fresh_db(s->db, sizeof s->db);
    else
        snprintf(s->db, sizeof s->db, "%s/var/formbuilder.db", s->dir);
    snprintf(s->log, sizeof s->log, "%s/server.log", s->dir);
    s->port = free_port();
}

static void
sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

/* Sets each variable the forms' targets need (`formbuilder outbox env`)
 * that is not set yet to a test value, so the server starts; a Notify
 * key gets the shape of one. See harness.h. */
void
fbt_set_target_env(const char *exe)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "'%s' outbox env", exe);
    FILE *p = popen(cmd, "r");
    if (!p)
        return;
    char name[128];
    while (fgets(name, sizeof name, p)) {
        name[strcspn(name, "\n")] = '\0';
        if (!name[0])
            continue;
        setenv(name, strstr(name, "NOTIFY")
                         ? "test-" FBT_NOTIFY_SERVICE "-" FBT_NOTIFY_SECRET
                         : "test-value-not-a-secret", 0);
        /* Forms that take payments need a provider to start; tests that
         * pay start tests/pay/pay_standin.py and set it themselves. This
         * one is nowhere (the discard port), so a payment tried here
         * fails at once as "provider unavailable". */
        if (strcmp(name, "FORMBUILDER_PAY_KEY") == 0)
            setenv("FORMBUILDER_PAY_URL", "http://127.0.0.1:9", 0);
    }
    pclose(p);
}

/* Starts the server and waits until /healthz answers (aborts the test on
 * failure). See harness.h. */
void
fbt_server_start(struct fbt_server *s)
{
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        char port[16];
        snprintf(port, sizeof port, "%u", s->port);
        setenv("FORMBUILDER_LISTEN", "127.0.0.1", 1);
        setenv("FORMBUILDER_PORT", port, 1);
        setenv("FORMBUILDER_DB", s->db, 1);
        setenv("FORMBUILDER_LOG_LEVEL", "info", 1);
        /* PostgreSQL may be shared: every instance is given one key. */
        if (fbt_pg_wanted())
            setenv("FORMBUILDER_SESSION_KEY", FBT_SESSION_KEY, 0);
        for (size_t i = 0; i < 8 && s->env[i]; i++)
            putenv((char *)s->env[i]);
        fbt_set_target_env(s->exe);
        int fd = open(s->log, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            dup2(fd, STDERR_FILENO);
            dup2(fd, STDOUT_FILENO);
            close(fd);
        }
        /* Room for both options and the NULL execv needs. */
        const char *argv[7] = { s->exe, "serve" };
        size_t n = 2;
        if (s->config) {
            argv[n++] = "--config";
            argv[n++] = s->config;
        }
        if (s->forms) {
            argv[n++] = "--forms";
            argv[n++] = s->forms;
        }
        execv(s->exe, (char *const *)argv);
        _exit(127);
    }
    s->pid = pid;
    struct fbt_client c;
    fbt_client_init(&c, s);
    unsigned tries = (s->start_ms ? s->start_ms : 5000) / 10;
    for (unsigned i = 0; i < tries; i++) {
        struct fbt_response r;
        if (fbt_get(&c, "/healthz", &r) == CURLE_OK && r.status == 200) {
            fbt_response_free(&r);
            fbt_client_free(&c);
            return;
        }
        fbt_response_free(&r);
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid) {
            fprintf(stderr, "harness: server exited at start; see %s\n",
                    s->log);
            abort();
        }
        sleep_ms(10);
    }
    fprintf(stderr, "harness: server did not answer /healthz\n");
    abort();
}

void
fbt_server_start_with(struct fbt_server *s, const char *lines)
{
    fbt_server_init(s);
    snprintf(s->config_file, sizeof s->config_file, "%s/formbuilder.conf",
             s->dir);
    FILE *f = fopen(s->config_file, "w");
    if (!f || fputs(lines, f) == EOF || fclose(f) != 0)
        die("writing the configuration file");
    s->config = s->config_file;
    fbt_server_start(s);
}

/* Sends sig (SIGTERM waits for a clean exit, SIGKILL does not) and reaps the
 * process. See harness.h. */
int
fbt_server_stop(struct fbt_server *s, int sig)
{
    int st = -1;
    if (s->pid <= 0)
        return st;
    kill(s->pid, sig);
    while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR)
        ;
    s->pid = 0;
    return st;
}

/* Stops the server if running (SIGTERM) and removes the directory, unless
 * FBT_KEEP is set in the environment. See harness.h. */
void
fbt_server_cleanup(struct fbt_server *s)
{
    fbt_server_stop(s, SIGTERM);
    if (getenv("FBT_KEEP")) /* keep logs and database for a post-mortem */
        return;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", s->dir);
    if (strncmp(s->dir, "/tmp/fbtest-", 12) == 0 && system(cmd) != 0)
        fprintf(stderr, "harness: could not remove %s\n", s->dir);
}

/* A client with its own cookie jar and connection cache. See harness.h. */
void
fbt_client_init(struct fbt_client *c, const struct fbt_server *s)
{
    c->srv = s;
    c->header = NULL;
    c->curl = curl_easy_init();
    if (!c->curl)
        die("curl_easy_init");
    curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, "");
    curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
}

void
fbt_client_free(struct fbt_client *c)
{
    curl_easy_cleanup(c->curl);
    c->curl = NULL;
}

struct sink {
    char *data;
    size_t len;
};

static size_t
collect(char *ptr, size_t size, size_t n, void *cls)
{
    struct sink *s = cls;
    size_t add = size * n;
    char *d = realloc(s->data, s->len + add + 1);
    if (!d)
        return 0;
    memcpy(d + s->len, ptr, add);
    s->len += add;
    d[s->len] = '\0';
    s->data = d;
    return add;
}

static int
perform(struct fbt_client *c, const char *path, struct fbt_response *r)
{
    char url[1024];
    snprintf(url, sizeof url, "http://127.0.0.1:%u%s", c->srv->port, path);
    struct sink body = { 0 }, head = { 0 };
    curl_easy_setopt(c->curl, CURLOPT_URL, url);
    curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c->curl, CURLOPT_HEADERFUNCTION, collect);
    curl_easy_setopt(c->curl, CURLOPT_HEADERDATA, &head);
    int rc = curl_easy_perform(c->curl);
    memset(r, 0, sizeof *r);
    curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &r->status);
    curl_easy_getinfo(c->curl, CURLINFO_NUM_CONNECTS, &r->connects);
    r->body = body.data ? body.data : strdup("");
    r->len = body.len;
    r->headers = head.data ? head.data : strdup("");
    return rc;
}

/* GETs path; returns the curl result. See harness.h. */
int
fbt_get(struct fbt_client *c, const char *path, struct fbt_response *r)
{
    curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
    struct curl_slist *h =
        c->header ? curl_slist_append(NULL, c->header) : NULL;
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, h);
    int rc = perform(c, path, r);
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(h);
    return rc;
}

/* POST with an explicit Content-Type and length (bodies with NULs). See
 * harness.h. */
int
fbt_post_raw(struct fbt_client *c, const char *path, const char *type,
             const char *body, size_t len, struct fbt_response *r)
{
    char ct[256];
    snprintf(ct, sizeof ct, "Content-Type: %s", type);
    struct curl_slist *h = curl_slist_append(NULL, ct);
    h = curl_slist_append(h, "Expect:");
    if (c->header)
        h = curl_slist_append(h, c->header);
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c->curl, CURLOPT_POST, 1L);
    curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    int rc = perform(c, path, r);
    curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(h);
    return rc;
}

/* POST body (urlencoded) to path. See harness.h. */
int
fbt_post(struct fbt_client *c, const char *path, const char *body,
         struct fbt_response *r)
{
    return fbt_post_raw(c, path, "application/x-www-form-urlencoded", body,
                        strlen(body), r);
}

void
fbt_response_free(struct fbt_response *r)
{
    free(r->body);
    free(r->headers);
    memset(r, 0, sizeof *r);
}

/* returns the value of header name (case-insensitive), malloc'd, or NULL.
 * See harness.h. */
char *
fbt_header(const struct fbt_response *r, const char *name)
{
    size_t n = strlen(name);
    for (const char *line = r->headers; line && *line;) {
        const char *end = strstr(line, "\r\n");
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len > n && strncasecmp(line, name, n) == 0 && line[n] == ':') {
            const char *v = line + n + 1;
            while (*v == ' ')
                v++;
            return strndup(v, (size_t)(line + len - v));
        }
        line = end ? end + 2 : NULL;
    }
    return NULL;
}

/* returns the value of sample in the server's /metrics, or -1. See
 * harness.h. */
long
fbt_metric(const struct fbt_server *s, const char *sample)
{
    struct fbt_client c;
    fbt_client_init(&c, s);
    struct fbt_response r;
    long v = -1;
    size_t n = strlen(sample);
    if (fbt_get(&c, "/metrics", &r) == CURLE_OK && r.status == 200) {
        for (const char *line = r.body; line && *line;) {
            if (strncmp(line, sample, n) == 0 && line[n] == ' ')
                v = strtol(line + n + 1, NULL, 10);
            line = strchr(line, '\n');
            if (line)
                line++;
        }
    }
    fbt_response_free(&r);
    fbt_client_free(&c);
    return v;
}

/* Copies the attribute value that follows @p marker in @p html. */
static char *
after(const char *html, const char *marker)
{
    const char *p = html ? strstr(html, marker) : NULL;
    if (!p)
        return NULL;
    p += strlen(marker);
    const char *q = strchr(p, '"');
    return q ? strndup(p, (size_t)(q - p)) : NULL;
}

/* returns the CSRF token in a page (malloc'd), or NULL. See harness.h. */
char *
fbt_csrf(const char *html)
{
    return after(html, "name=\"csrf_token\" value=\"");
}

/* returns the action attribute of the page's form (malloc'd, &amp; decoded),
 * or NULL. See harness.h. */
char *
fbt_action(const char *html)
{
    char *a = after(html, "<form method=\"post\" novalidate action=\"");
    if (!a)
        return NULL;
    char *amp;
    while ((amp = strstr(a, "&amp;")) != NULL)
        memmove(amp + 1, amp + 5, strlen(amp + 5) + 1);
    return a;
}

/* returns the reference on a confirmation page (malloc'd), or NULL. See
 * harness.h. */
char *
fbt_reference(const char *html)
{
    const char *p = html ? strstr(html, "govuk-panel__body") : NULL;
    p = p ? strstr(p, "<strong>") : NULL;
    if (!p)
        return NULL;
    p += 8;
    const char *q = strchr(p, '<');
    return q ? strndup(p, (size_t)(q - p)) : NULL;
}

/* The tests' SQL in PostgreSQL's words: ?1 is $1, instr( is strpos(,
 * and SQLite's schema version is formbuilder_schema's. */
static char *
pg_sql(const char *sql)
{
    if (strcmp(sql, "PRAGMA user_version") == 0)
        return strdup("SELECT version FROM formbuilder_schema");
    char *out = malloc(2 * strlen(sql) + 1);
    if (!out)
        return NULL;
    char *o = out;
    for (const char *p = sql; *p;) {
        if (strncmp(p, "?1", 2) == 0) {
            o = stpcpy(o, "$1");
            p += 2;
        } else if (strncmp(p, "instr(", 6) == 0) {
            o = stpcpy(o, "strpos(");
            p += 6;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

static long long
pg_db(const struct fbt_server *s, const char *sql, const char *arg)
{
    char *q = pg_sql(sql);
    long long v = q ? fbt_pg_query(s->db, q, arg) : -1;
    free(q);
    return v;
}

/* Runs sql (one integer result) on the server's database. See harness.h. */
long long
fbt_db_int(const struct fbt_server *s, const char *sql, const char *arg)
{
    if (fbt_pg_wanted())
        return pg_db(s, sql, arg);
    sqlite3 *db;
    long long v = -1;
    if (sqlite3_open_v2(s->db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK) {
        if (arg)
            sqlite3_bind_text(q, 1, arg, -1, SQLITE_STATIC);
        if (sqlite3_step(q) == SQLITE_ROW)
            v = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    return v;
}

/* Runs sql (with arg bound to ?1 when not NULL) on the server's database,
 * read-write. See harness.h. */
int
fbt_db_exec(const struct fbt_server *s, const char *sql, const char *arg)
{
    if (fbt_pg_wanted())
        return pg_db(s, sql, arg) == 0 ? 0 : -1;
    sqlite3 *db;
    int rc = -1;
    if (sqlite3_open_v2(s->db, &db, SQLITE_OPEN_READWRITE, NULL)
        == SQLITE_OK) {
        sqlite3_busy_timeout(db, 5000);
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK) {
            if (arg)
                sqlite3_bind_text(q, 1, arg, -1, SQLITE_STATIC);
            rc = sqlite3_step(q) == SQLITE_DONE ? 0 : -1;
            sqlite3_finalize(q);
        }
    }
    sqlite3_close(db);
    return rc;
}

/* Runs the server binary with args against the server's database, its
 * standard error joined to its output when @p with_errors; a command that
 * hangs is killed after 20 s. @returns the output (malloc'd) and the
 * wait status in *out_status. */
static char *
spawn(const struct fbt_server *s, const char *const *args, bool with_errors,
      int *out_status)
{
    int fds[2];
    *out_status = -1;
    if (pipe(fds) != 0)
        return NULL;
    pid_t pid = fork();
    if (pid == 0) {
        const char *argv[16] = { s->exe };
        for (size_t i = 0; args[i] && i < 14; i++)
            argv[i + 1] = args[i];
        dup2(fds[1], STDOUT_FILENO);
        if (with_errors)
            dup2(fds[1], STDERR_FILENO);
        close(fds[0]);
        close(fds[1]);
        setenv("FORMBUILDER_DB", s->db, 1);
        setenv("FORMBUILDER_PORT", "0", 1);
        fbt_set_target_env(s->exe);
        alarm(20);
        execv(s->exe, (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    struct sink out = { 0 };
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0)
        collect(buf, 1, (size_t)n, &out);
    close(fds[0]);
    waitpid(pid, out_status, 0);
    return out.data ? out.data : strdup("");
}

/* Runs the server binary with args (NULL-ended, after the program name)
 * against the server's database. See harness.h. */
char *
fbt_run(const struct fbt_server *s, const char *const *args)
{
    int st;
    char *out = spawn(s, args, false, &st);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        free(out);
        return NULL;
    }
    return out;
}

/* Runs the server binary with args, output and errors together. See
 * harness.h. */
int
fbt_run_status(const struct fbt_server *s, const char *const *args,
               char **out_output)
{
    int st;
    *out_output = spawn(s, args, true, &st);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Runs `formbuilder export` against the server's database and returns its
 * standard output (malloc'd), or NULL when it failed. See harness.h. */
char *
fbt_export(const struct fbt_server *s, const char *form, const char *format)
{
    const char *args[] = { "export", "--form", form, "--format", format,
                           NULL };
    return fbt_run(s, args);
}

/* GETs page of the current form, then POSTs fields (urlencoded, without the
 * CSRF token, which is added) to it. See harness.h. */
long
fbt_answer(struct fbt_client *c, const char *path, const char *fields,
           char **out_location)
{
    return fbt_answer_to(c, path, path, fields, out_location);
}

/* GETs page_path, then POSTs fields with its CSRF token to action. See
 * harness.h. */
long
fbt_answer_to(struct fbt_client *c, const char *page_path,
              const char *action, const char *fields, char **out_location)
{
    struct fbt_response r;
    if (fbt_get(c, page_path, &r) != CURLE_OK || r.status != 200) {
        fbt_response_free(&r);
        return -1;
    }
    char *csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    if (!csrf)
        return -1;
    size_t n = strlen(fields) + strlen(csrf) + 40;
    char *body = malloc(n);
    snprintf(body, n, "csrf_token=%s&website=%s%s", csrf, *fields ? "&" : "",
             fields);
    free(csrf);
    long status = -1;
    if (fbt_post(c, action, body, &r) == CURLE_OK) {
        status = r.status;
        if (out_location)
            *out_location = fbt_header(&r, "Location");
    }
    fbt_response_free(&r);
    free(body);
    return status;
}

/* Percent-encodes s for a urlencoded body (malloc'd). See harness.h. */
char *
fbt_encode(const char *s)
{
    CURL *c = curl_easy_init();
    char *e = curl_easy_escape(c, s, 0);
    char *copy = strdup(e);
    curl_free(e);
    curl_easy_cleanup(c);
    return copy;
}
