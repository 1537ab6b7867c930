/* SPDX-License-Identifier: MIT */
/*
 * libmicrohttpd plumbing. The access handler never queues a response on
 * its first call for a request (libmicrohttpd 0.9.75 would then close a
 * keep-alive connection), except to refuse a body whose Content-Length is
 * over the limit, where closing is wanted. Bodies are copied into a buffer
 * bounded by the body limit; once complete, the route handler runs and its
 * response is queued at once or, for a deferred write, after the writer
 * thread resumes the suspended connection.
 *
 * Requests that could be read two ways (Content-Length with
 * Transfer-Encoding, two different Content-Lengths, two Content-Types) or
 * an HTTP/1.1 request without exactly one Host are refused with 400 on
 * that first call, and the connection is closed. A watchdog thread closes
 * connections that take longer than the request deadline to deliver a
 * whole request: the clock starts when the connection opens or its
 * previous request ends, and, unlike libmicrohttpd's idle timeout, is not
 * reset by each byte that arrives.
 */
#include "http.h"
#include "http_priv.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "formbuilder/html.h"
#include "formbuilder/render.h"
#include "lang.h"
#include "formbuilder/text.h"
#include "formdata.h"
#include "http_upload.h"
#include "log.h"
#include "metrics.h"
#include "registry.h"
#include "request_head.h"

/* Extra headers one response may carry (Set-Cookie, Location, Allow). */
#define MAX_HEADERS 6

/* Sent with every response: no script at all, styles and images only
 * from this server, forms only posting back here, never framed. */
static const char csp[] =
    "default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/* One open connection, watched for the request deadline. Linked in
 * fb_http's list from libmicrohttpd's connection-started notice to its
 * closed notice (the socket stays open until then); every field but the
 * links is read and written under fb_http.watch_lock. */
struct fb_conn {
    struct fb_conn *prev, *next;
    int fd;
    bool receiving;          /* a request is (or may start) arriving */
    bool cut;                /* the watchdog has shut the socket down */
    struct timespec since;   /* when this request's clock started */
};

struct fb_http {
    struct MHD_Daemon *daemon;
    fb_http_handler_fn handler;
    void *cls;
    struct fb_writer *writer;
    size_t body_limit;
    unsigned port;
    char trusted_proxy[64]; /* cfg->trusted_proxy */
    atomic_uint in_flight;
    int quiesced_fd;        /* listen socket handed back by quiesce */
    /* the request deadline's watchdog */
    unsigned deadline;      /* seconds */
    pthread_t watchdog;
    bool watchdog_running;
    bool stopping;          /* under watch_lock; wakes the watchdog */
    pthread_mutex_t watch_lock;
    pthread_cond_t watch_wake;
    struct fb_conn *conns;
    /* fb_http_set_upload_policy(); read on the polling thread */
    _Atomic(fb_http_upload_policy_fn) upload_policy;
    void *_Atomic upload_cls;
    /* threads of fb_request_defer_work() still running: stopping waits
     * for them, as each resumes its connection */
    atomic_uint working;
};

enum phase {
    PH_READING,  /* headers seen, body arriving */
    PH_WAITING,  /* suspended until the writer commits */
    PH_RESUMED,  /* writer done: queue the response */
    PH_WORKING,  /* suspended until fb_request_defer_work()'s work ends */
    PH_WORKED    /* work done: handle the request again */
};

struct fb_request {
    struct fb_http *http;
    struct MHD_Connection *conn;
    struct fb_conn *watch;  /* NULL when the connection is not watched */
    const char *method;     /* owned by libmicrohttpd, lives as long */
    const char *path;
    struct timespec start;
    unsigned forms_ticket;  /* its read section of the forms (registry.h) */
    enum phase phase;
    char *body;
    size_t body_len, body_cap;
    bool too_large;
    /* the response */
    bool has_response;
    unsigned status;
    const char *content_type;
    char *resp_body;
    size_t resp_len;
    bool has_fd;            /* the body is resp_fd's resp_len bytes */
    int resp_fd;
    enum fb_cache cache;
    char *hdr_name[MAX_HEADERS];
    char *hdr_value[MAX_HEADERS];
    size_t n_hdr;
    struct fb_write_job *job;
    fb_write_failed_fn failed; /* sets the response if the job fails */
    bool has_lang;          /* fb_request_set_lang() was called */
    enum fb_lang lang;
    struct fb_upload_stream *upload; /* a multipart body, or NULL */
    /* handler state */
    void *state;
    void (*state_free)(void *state);
    /* fb_request_defer_work() */
    fb_request_work_fn work_fn;
    void *work;
    void (*work_free)(void *work);
};

/* ---- request accessors ---- */

/* returns the method ("GET", "POST" ...). See http.h. */
const char *
fb_request_method(const struct fb_request *r)
{
    return r->method;
}

/* returns the decoded path without the query string. See http.h. */
const char *
fb_request_path(const struct fb_request *r)
{
    return r->path;
}

/* returns the query argument name, or NULL. See http.h. */
const char *
fb_request_query(const struct fb_request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

struct query_each {
    fb_query_fn fn;
    void *cls;
};

static enum MHD_Result
query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
          const char *value)
{
    (void)kind;
    const struct query_each *q = cls;
    return q->fn(key, value ? value : "", q->cls) == 0 ? MHD_YES : MHD_NO;
}

/* Calls fn for each query argument. See http.h. */
void
fb_request_query_each(const struct fb_request *r, fb_query_fn fn, void *cls)
{
    struct query_each q = {fn, cls};
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, query_arg, &q);
}

/* returns the cookie name, or NULL. See http.h. */
const char *
fb_request_cookie(const struct fb_request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

/* returns the request header name, or NULL. See http.h. */
const char *
fb_request_header(const struct fb_request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

static enum MHD_Result
last_forwarded(void *cls, enum MHD_ValueKind kind, const char *key,
               const char *value)
{
    (void)kind;
    if (strcasecmp(key, "X-Forwarded-For") == 0)
        *(const char **)cls = value;
    return MHD_YES;
}

/* Fills out with the client's address as the rate limits count it. See
 * http.h. */
void
fb_request_client(const struct fb_request *r, struct fb_client_key *out)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
        r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    /* The last X-Forwarded-For header: a proxy that adds its own line
     * rather than appending puts it after any the client sent. */
    const char *forwarded = NULL;
    if (r->http->trusted_proxy[0])
        MHD_get_connection_values(r->conn, MHD_HEADER_KIND, last_forwarded,
                                  &forwarded);
    fb_client_key_of(ci ? ci->client_addr : NULL, r->http->trusted_proxy,
                     forwarded, out);
}

/* returns the body (NUL-terminated, "" when none); *out_len its size. See
 * http.h. */
const char *
fb_request_body(const struct fb_request *r, size_t *out_len)
{
    *out_len = r->body_len;
    return r->body ? r->body : "";
}

/* returns whether the body's Content-Type is
 * application/x-www-form-urlencoded, with parameters or not. See http.h. */
bool
fb_request_is_urlencoded(const struct fb_request *r)
{
    if (r->upload)
        return true;
    return fb_head_is_urlencoded(
        fb_request_header(r, MHD_HTTP_HEADER_CONTENT_TYPE));
}

/* ---- responses ---- */

/* Closes the file a response was to send, if any. */
static void
close_fd(struct fb_request *r)
{
    if (r->has_fd)
        close(r->resp_fd);
    r->has_fd = false;
}

/* Sets the response, taking over the body. See http.h. */
void
fb_request_respond(struct fb_request *r, unsigned status,
                   const char *content_type, char *body, size_t len,
                   enum fb_cache cache)
{
    free(r->resp_body);
    r->resp_body = NULL;
    close_fd(r);
    r->has_response = true;
    r->cache = cache;
    if (!body) {
        static const char oom[] = "Internal server error\n";
        r->status = 500;
        r->content_type = "text/plain; charset=utf-8";
        r->resp_body = strdup(oom);
        r->resp_len = r->resp_body ? sizeof oom - 1 : 0;
        return;
    }
    r->status = status;
    r->content_type = content_type;
    r->resp_body = body;
    r->resp_len = len;
}

/* Sets the response to the @p size bytes of @p fd. See http.h. */
void
fb_request_respond_file(struct fb_request *r, unsigned status,
                        const char *content_type, int fd, size_t size,
                        enum fb_cache cache)
{
    fb_request_respond(r, status, content_type, strdup(""), 0, cache);
    if (r->status != status) {   /* out of memory: the 500 instead */
        close(fd);
        return;
    }
    r->has_fd = true;
    r->resp_fd = fd;
    r->resp_len = size;
}

/* Adds a response header (both copied). See http.h. */
int
fb_request_add_header(struct fb_request *r, const char *name,
                      const char *value)
{
    if (r->n_hdr >= MAX_HEADERS)
        return -1;
    char *n = strdup(name), *v = strdup(value);
    if (!n || !v) {
        free(n);
        free(v);
        return -1;
    }
    r->hdr_name[r->n_hdr] = n;
    r->hdr_value[r->n_hdr] = v;
    r->n_hdr++;
    return 0;
}

/* Sets a 303 See Other to location (copied), post/redirect/get. See http.h. */
void
fb_request_redirect(struct fb_request *r, const char *location)
{
    char *body = strdup("");
    if (fb_request_add_header(r, MHD_HTTP_HEADER_LOCATION, location) != 0) {
        free(body);
        body = NULL;
    }
    fb_request_respond(r, 303, "text/plain; charset=utf-8", body, 0,
                       FB_CACHE_NO_STORE);
}

/* Holds the response already set until job is committed by the writer
 * thread; if the job fails, failed sets another. See http.h. */
void
fb_request_defer(struct fb_request *r, struct fb_write_job *job,
                 fb_write_failed_fn failed)
{
    r->job = job;
    r->failed = failed;
}

void
fb_request_defer_work(struct fb_request *r, fb_request_work_fn fn,
                      void *work, void (*free_fn)(void *work))
{
    if (r->work_free)
        r->work_free(r->work);
    r->work_fn = fn;
    r->work = work;
    r->work_free = free_fn;
}

void *
fb_request_work(const struct fb_request *r, void (*free_fn)(void *work))
{
    return r->phase == PH_WORKED && r->work_free == free_fn ? r->work : NULL;
}

/* Attaches handler state freed with free_fn when the request ends. See
 * http.h. */
void
fb_request_set_state(struct fb_request *r, void *state,
                     void (*free_fn)(void *state))
{
    if (r->state_free)
        r->state_free(r->state);
    r->state = state;
    r->state_free = free_fn;
}

void
fb_request_set_lang(struct fb_request *r, enum fb_lang lang)
{
    r->has_lang = true;
    r->lang = lang;
}

enum fb_lang
fb_request_lang(const struct fb_request *r)
{
    return r->has_lang ? r->lang : fb_lang_of_request(r, -1, FB_LANG_ALL);
}

void
fb_send_html(struct fb_request *req, unsigned status, struct fb_html *w)
{
    size_t len = 0;
    char *html = fb_html_take(w, &len);
    fb_request_respond(req, status, "text/html; charset=utf-8", html, len,
                       FB_CACHE_NO_STORE);
}

void
fb_send_message(struct fb_request *req, unsigned status, enum fb_msg title,
                enum fb_msg body, const char *text)
{
    fb_send_message_count(req, status, title, body, 0, text);
}

void
fb_send_message_count(struct fb_request *req, unsigned status,
                      enum fb_msg title, enum fb_msg body, long count,
                      const char *text)
{
    char words[1024];
    struct fb_msg_args args = {.text = text, .count = count};
    struct fb_html w;
    fb_html_init(&w);
    enum fb_lang lang = fb_request_lang(req);
    fb_render_message_page(&w, lang, "/assets/", fb_msg_text(title, lang),
                           fb_msg_format(words, sizeof words, body, &args,
                                         lang));
    fb_send_html(req, status, &w);
}

void
fb_send_not_found(struct fb_request *req)
{
    fb_send_message(req, 404, FB_MSG_NOT_FOUND_TITLE, FB_MSG_NOT_FOUND_BODY,
                    NULL);
}

void
fb_send_method_not_allowed(struct fb_request *req, const char *allow)
{
    fb_send_message(req, 405, FB_MSG_METHOD_TITLE, FB_MSG_METHOD_BODY, NULL);
    fb_request_add_header(req, "Allow", allow);
}

/* Adds the headers every response carries. See http_priv.h. */
bool
fb_http_secure(struct MHD_Response *resp, const char *content_type,
               enum fb_cache cache)
{
    bool ok = MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                      content_type) == MHD_YES;
    ok = ok && MHD_add_response_header(resp, FB_HTTP_CSP_HEADER, csp)
                   == MHD_YES;
    ok = ok && MHD_add_response_header(resp, "X-Content-Type-Options",
                                       "nosniff") == MHD_YES;
    ok = ok && MHD_add_response_header(resp, "X-Frame-Options", "DENY")
                   == MHD_YES;
    ok = ok && MHD_add_response_header(resp, "Referrer-Policy",
                                       "no-referrer") == MHD_YES;
    ok = ok && MHD_add_response_header(
                   resp, MHD_HTTP_HEADER_CACHE_CONTROL,
                   cache == FB_CACHE_STATIC    ? "public, max-age=3600"
                   : cache == FB_CACHE_PRIVATE ? "private, no-store"
                                               : "no-store")
                   == MHD_YES;
    return ok;
}

static enum MHD_Result
queue(struct fb_request *r)
{
    if (!r->has_response)
        fb_send_message(r, 500, FB_MSG_SERVER_ERROR_TITLE,
                        FB_MSG_SERVER_ERROR_BODY, NULL);
    struct MHD_Response *resp;
    if (r->has_fd) {
        /* Streamed from the file, which the response closes. */
        resp = MHD_create_response_from_fd64(r->resp_len, r->resp_fd);
        if (!resp)
            return MHD_NO;
        r->has_fd = false;
    } else {
        resp = MHD_create_response_from_buffer(r->resp_len, r->resp_body,
                                               MHD_RESPMEM_MUST_FREE);
        if (!resp)
            return MHD_NO;
        r->resp_body = NULL; /* the response owns it now */
    }
    bool ok = fb_http_secure(resp, r->content_type, r->cache);
    for (size_t i = 0; ok && i < r->n_hdr; i++)
        ok = MHD_add_response_header(resp, r->hdr_name[i], r->hdr_value[i])
             == MHD_YES;
    enum MHD_Result rc =
        ok ? MHD_queue_response(r->conn, r->status, resp) : MHD_NO;
    MHD_destroy_response(resp);
    return rc;
}

/* Forgets the response set so far, headers included. */
static void
drop_response(struct fb_request *r)
{
    for (size_t i = 0; i < r->n_hdr; i++) {
        free(r->hdr_name[i]);
        free(r->hdr_value[i]);
    }
    r->n_hdr = 0;
    free(r->resp_body);
    r->resp_body = NULL;
    close_fd(r);
    r->resp_len = 0;
    r->has_response = false;
}

/* The deferred write failed: what was prepared for success (a redirect
 * onwards, a cookie for a new session) must not be sent. */
static void
write_failed(struct fb_request *r)
{
    drop_response(r);
    if (r->failed)
        r->failed(r, r->state);
    if (!r->has_response)
        fb_send_message(r, 503, FB_MSG_NOT_SAVED_TITLE,
                        FB_MSG_NOT_SAVED_BODY, NULL);
    if (r->job->status == FB_STORE_REFUSED) /* a rule, not a failure */
        return;
    fb_log(FB_LOG_ERROR, "%s %s: not stored (%s); answered %u, nothing "
           "confirmed", r->method, r->path, r->job->error, r->status);
}

/* Writer thread: the job is durable (or failed); wake the connection. */
static void
job_done(struct fb_write_job *job, void *cls)
{
    struct fb_request *r = cls;
    (void)job;
    r->phase = PH_RESUMED;
    MHD_resume_connection(r->conn);
}

/* 413 for a body over body_limit: a page, or JSON for the API's
 * callers (back offices, events_api.c). */
static void
send_too_large(struct fb_request *r)
{
    if (strncmp(r->path, "/api/", 5) != 0) {
        fb_send_message(r, 413, FB_MSG_TOO_LARGE_TITLE,
                        FB_MSG_TOO_LARGE_BODY, NULL);
        return;
    }
    static const char json[] = "{\"error\":\"body_too_large\",\"message\":"
                               "\"the body is over the server's body_limit\"}\n";
    char *copy = strdup(json);
    fb_request_respond(r, 413, "application/json; charset=utf-8", copy,
                       copy ? sizeof json - 1 : 0, FB_CACHE_NO_STORE);
}

static bool
append_body(struct fb_request *r, const char *data, size_t n)
{
    if (r->too_large || n > r->http->body_limit - r->body_len) {
        r->too_large = true;
        return true; /* keep reading, answer 413 at the end */
    }
    if (r->body_len + n + 1 > r->body_cap) {
        size_t cap = r->body_cap ? r->body_cap : 1024;
        while (cap < r->body_len + n + 1)
            cap *= 2;
        char *b = realloc(r->body, cap);
        if (!b)
            return false;
        r->body = b;
        r->body_cap = cap;
    }
    memcpy(r->body + r->body_len, data, n);
    r->body_len += n;
    r->body[r->body_len] = '\0';
    return true;
}

static enum MHD_Result
count_header(void *cls, enum MHD_ValueKind kind, const char *key,
             const char *value)
{
    (void)kind;
    fb_head_count(cls, key, value);
    return MHD_YES;
}

/* returns whether the request's framing and Host are unambiguous
 * (fb_head_unambiguous()). */
static bool
headers_unambiguous(struct MHD_Connection *conn, const char *version)
{
    struct fb_head_counts c = {0};
    MHD_get_connection_values(conn, MHD_HEADER_KIND, count_header, &c);
    return fb_head_unambiguous(&c,
                               strcmp(version, MHD_HTTP_VERSION_1_1) == 0);
}

static void
timespec_now(struct timespec *t)
{
    clock_gettime(CLOCK_MONOTONIC, t);
}

/* The request has been read whole (or refused): its deadline stops. */
static void
watch_received(struct fb_request *r)
{
    if (!r->watch)
        return;
    pthread_mutex_lock(&r->http->watch_lock);
    r->watch->receiving = false;
    pthread_mutex_unlock(&r->http->watch_lock);
}

/* The request has ended: the next one's deadline starts now. */
static void
watch_restart(struct fb_http *h, struct fb_conn *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&h->watch_lock);
    w->receiving = true;
    timespec_now(&w->since);
    pthread_mutex_unlock(&h->watch_lock);
}

/* ---- multipart bodies (http_upload.h) ---- */

void
fb_http_set_upload_policy(struct fb_http *h, fb_http_upload_policy_fn fn,
                          void *cls)
{
    h->upload_cls = cls;
    h->upload_policy = fn;
}

static bool
is_multipart(const char *type)
{
    static const char want[] = "multipart/form-data";
    return type && strncasecmp(type, want, sizeof want - 1) == 0
           && (type[sizeof want - 1] == ';' || type[sizeof want - 1] == ' ');
}

/* A POST of multipart/form-data to a page the policy says takes files
 * starts streaming; one whose Content-Length is over what the page could
 * take is refused at once. @returns 0 to go on, 1 when a response was
 * set, -1 to close the connection (out of memory). */
static int
start_upload(struct fb_request *r, const char *method, const char *url)
{
    struct fb_http *h = r->http;
    fb_http_upload_policy_fn policy = h->upload_policy;
    if (!policy || strcmp(method, "POST") != 0
        || !is_multipart(MHD_lookup_connection_value(
               r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE)))
        return 0;
    struct fb_upload_limits lim;
    if (!policy(url, &lim, h->upload_cls))
        return 0;
    const char *cl = MHD_lookup_connection_value(
        r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    /* Each file's part headers and the boundaries: a few KiB at most. */
    unsigned long long most = (unsigned long long)h->body_limit
        + (unsigned long long)lim.max_files
              * ((unsigned long long)lim.max_file + 8192);
    if (cl && strtoull(cl, NULL, 10) > most) {
        r->too_large = true;
        char size[32];
        snprintf(size, sizeof size, "%gMB", (double)lim.max_file / 1048576.0);
        fb_send_message(r, 413, FB_MSG_TOO_LARGE_TITLE,
                        FB_MSG_FILE_TOO_LARGE_BODY, size);
        return 1;
    }
    r->upload = fb_upload_stream_new(r->conn, &lim, h->body_limit);
    if (!r->upload) {
        watch_received(r);
        fb_send_message(r, 400, FB_MSG_NOT_ACCEPTED_TITLE,
                        FB_MSG_BODY_MALFORMED, NULL);
        fb_request_add_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
        return 1;
    }
    return 0;
}

/* The multipart body has arrived. @returns true to run the handler with
 * its text parts as the body; false with the 413 or 400 set (nothing of
 * any file kept). */
static bool
finish_upload(struct fb_request *r)
{
    enum fb_upload_status st = fb_upload_stream_finish(r->upload);
    char size[32];
    switch (st) {
    case FB_UPLOAD_TOO_LARGE:
        snprintf(size, sizeof size, "%gMB",
                 (double)fb_upload_stream_limits(r->upload)->max_file
                     / 1048576.0);
        fb_send_message(r, 413, FB_MSG_TOO_LARGE_TITLE,
                        FB_MSG_FILE_TOO_LARGE_BODY, size);
        return false;
    case FB_UPLOAD_BODY_TOO_LARGE:
        fb_send_message(r, 413, FB_MSG_TOO_LARGE_TITLE,
                        FB_MSG_TOO_LARGE_BODY, NULL);
        return false;
    case FB_UPLOAD_MALFORMED:
        fb_send_message(r, 400, FB_MSG_NOT_ACCEPTED_TITLE,
                        FB_MSG_BODY_MALFORMED, NULL);
        return false;
    case FB_UPLOAD_OK:
    case FB_UPLOAD_TOO_MANY:
    case FB_UPLOAD_WRITE_FAILED:
        break;
    }
    size_t len;
    const char *body = fb_upload_stream_body(r->upload, &len);
    return append_body(r, body, len) && !r->too_large;
}

struct fb_upload *
fb_request_uploads(struct fb_request *r, size_t *n)
{
    *n = 0;
    return r->upload ? fb_upload_stream_files(r->upload, n) : NULL;
}

bool
fb_request_uploads_too_many(const struct fb_request *r)
{
    return r->upload
           && fb_upload_stream_status(r->upload) == FB_UPLOAD_TOO_MANY;
}

bool
fb_request_uploads_failed(const struct fb_request *r)
{
    return r->upload
           && fb_upload_stream_status(r->upload) == FB_UPLOAD_WRITE_FAILED;
}

/* The thread of fb_request_defer_work(): the work, then the connection
 * woken to handle the request again. */
static void *
work_thread(void *p)
{
    struct fb_request *r = p;
    struct fb_http *h = r->http;
    r->work_fn(r->work);
    r->phase = PH_WORKED;
    MHD_resume_connection(r->conn);
    atomic_fetch_sub(&h->working, 1);
    return NULL;
}

/* Calls the handler and queues, defers or suspends what it answered. */
static enum MHD_Result handle(struct fb_request *r);

/* The handler asked for work off this thread: suspend until it is done. */
static enum MHD_Result
start_work(struct fb_request *r)
{
    struct fb_http *h = r->http;
    pthread_attr_t attr;
    pthread_t t;
    r->phase = PH_WORKING;
    atomic_fetch_add(&h->working, 1);
    /* Suspend first: the work may end at once and resume. */
    MHD_suspend_connection(r->conn);
    bool started = pthread_attr_init(&attr) == 0;
    if (started) {
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        started = pthread_create(&t, &attr, work_thread, r) == 0;
        pthread_attr_destroy(&attr);
    }
    if (!started) {
        atomic_fetch_sub(&h->working, 1);
        MHD_resume_connection(r->conn);
        r->phase = PH_WORKED;   /* the work's own result says not done */
        r->work_fn = NULL;
        return handle(r);
    }
    return MHD_YES;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
           const char *method, const char *version, const char *upload_data,
           size_t *upload_data_size, void **con_cls)
{
    struct fb_http *h = cls;
    struct fb_request *r = *con_cls;

    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        r->http = h;
        r->conn = conn;
        r->method = method;
        r->path = url;
        clock_gettime(CLOCK_MONOTONIC, &r->start);
        *con_cls = r;
        atomic_fetch_add(&h->in_flight, 1);
        /* The forms this request reads stay loaded to its end. */
        r->forms_ticket = fb_forms_read_begin();
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
            conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        r->watch = ci ? ci->socket_context : NULL;
        if (!headers_unambiguous(conn, version)) {
            /* Answered on the first call, so the connection closes: what
             * follows the headers cannot be trusted to be a body. */
            watch_received(r);
            fb_send_message(r, 400, FB_MSG_NOT_ACCEPTED_TITLE,
                            FB_MSG_BODY_MALFORMED, NULL);
            fb_request_add_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
            return queue(r);
        }
        const char *cl = MHD_lookup_connection_value(
            conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        int up = start_upload(r, method, url);
        if (up != 0)
            return up < 0 ? MHD_NO : queue(r);
        if (r->upload)
            return MHD_YES; /* its limits are checked as it streams */
        if (cl && strtoull(cl, NULL, 10) > h->body_limit) {
            /* Refuse before reading: the connection closes after this,
             * which is right for a client sending too much. */
            r->too_large = true;
            send_too_large(r);
            return queue(r);
        }
        return MHD_YES;
    }
    if (r->phase == PH_RESUMED) {
        if (r->job && r->job->status != FB_STORE_OK)
            write_failed(r);
        return queue(r);
    }
    if (*upload_data_size > 0 && r->upload) {
        fb_upload_stream_feed(r->upload, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (r->phase == PH_WORKED) {
        r->work_fn = NULL;
        return handle(r);
    }
    if (*upload_data_size > 0) {
        if (!append_body(r, upload_data, *upload_data_size))
            return MHD_NO;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (r->has_response) /* already answered (413 on the first call) */
        return MHD_YES;
    watch_received(r);
    if (r->upload && !finish_upload(r))
        return queue(r);
    if (r->too_large) {
        send_too_large(r);
        return queue(r);
    }
    return handle(r);
}

static enum MHD_Result
handle(struct fb_request *r)
{
    struct fb_http *h = r->http;
    struct MHD_Connection *conn = r->conn;
    h->handler(r, h->cls);
    if (r->work_fn && !r->has_response && r->phase != PH_WORKED)
        return start_work(r);
    r->work_fn = NULL;
    /* Before anything is answered: what the handler did not keep goes. */
    if (r->upload)
        fb_upload_stream_drop(r->upload);
    if (!r->job)
        return queue(r);
    r->job->done = job_done;
    r->job->cls = r;
    r->phase = PH_WAITING;
    /* Suspend first: the writer may finish the job at once and resume. */
    MHD_suspend_connection(conn);
    if (fb_writer_submit(h->writer, r->job) != 0) {
        /* Stopping: answered as a failed write, so nothing prepared for
         * success is sent. */
        r->job->status = FB_STORE_ERROR;
        snprintf(r->job->error, sizeof r->job->error,
                 "the server is shutting down");
        r->phase = PH_RESUMED;
        MHD_resume_connection(conn);
    }
    return MHD_YES;
}

static void
free_request(struct fb_request *r)
{
    if (r->state_free)
        r->state_free(r->state);
    if (r->work_free)
        r->work_free(r->work);
    for (size_t i = 0; i < r->n_hdr; i++) {
        free(r->hdr_name[i]);
        free(r->hdr_value[i]);
    }
    free(r->resp_body);
    close_fd(r);
    free(r->body);
    fb_upload_stream_free(r->upload);
    free(r);
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    struct fb_http *h = cls;
    struct fb_request *r = *con_cls;
    (void)conn;
    if (!r)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long us = (long long)(now.tv_sec - r->start.tv_sec) * 1000000
                   + (now.tv_nsec - r->start.tv_nsec) / 1000;
    unsigned status = r->has_response ? r->status : 0;
    if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK && status == 0)
        status = 499; /* client went away or timed out */
    /* The job must have been committed before a request can end (a
     * suspended connection never completes), so the job's result has
     * been read. */
    fb_log_access(r->method, r->path, status, r->resp_len, us);
    fb_metrics_request(r->path, status, us);
    watch_restart(h, r->watch);
    unsigned forms_ticket = r->forms_ticket;
    free_request(r);
    fb_forms_read_end(forms_ticket);
    *con_cls = NULL;
    atomic_fetch_sub(&h->in_flight, 1);
}

/* Links each new connection into the watch list, and unlinks it when it
 * closes (before libmicrohttpd closes its socket). */
static void
on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
              enum MHD_ConnectionNotificationCode code)
{
    struct fb_http *h = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
            conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        if (!ci)
            return;
        struct fb_conn *w = calloc(1, sizeof *w);
        if (!w) {
            /* Not watched means not bounded: refuse it instead. */
            shutdown(ci->connect_fd, SHUT_RDWR);
            return;
        }
        w->fd = ci->connect_fd;
        w->receiving = true;
        timespec_now(&w->since);
        pthread_mutex_lock(&h->watch_lock);
        w->next = h->conns;
        if (h->conns)
            h->conns->prev = w;
        h->conns = w;
        pthread_mutex_unlock(&h->watch_lock);
        *socket_context = w;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        struct fb_conn *w = *socket_context;
        if (!w)
            return;
        pthread_mutex_lock(&h->watch_lock);
        if (w->prev)
            w->prev->next = w->next;
        else
            h->conns = w->next;
        if (w->next)
            w->next->prev = w->prev;
        pthread_mutex_unlock(&h->watch_lock);
        free(w);
        *socket_context = NULL;
    }
}

/* Four times a second, shuts down the socket of every connection whose
 * request has taken longer than the deadline to arrive; libmicrohttpd
 * then sees the connection end and closes it on its own thread. The
 * socket cannot be closed under us: a connection leaves the list (under
 * the lock) before libmicrohttpd closes its socket. */
static void *
watchdog_main(void *cls)
{
    struct fb_http *h = cls;
    pthread_mutex_lock(&h->watch_lock);
    while (!h->stopping) {
        struct timespec now;
        timespec_now(&now);
        unsigned cut = 0;
        for (struct fb_conn *w = h->conns; w; w = w->next) {
            long long ms = (long long)(now.tv_sec - w->since.tv_sec) * 1000
                           + (now.tv_nsec - w->since.tv_nsec) / 1000000;
            if (w->receiving && !w->cut && ms >= (long long)h->deadline
                                                     * 1000) {
                shutdown(w->fd, SHUT_RDWR);
                w->cut = true;
                cut++;
            }
        }
        if (cut > 0)
            fb_log(FB_LOG_WARN, "closed %u connection%s that took over "
                   "%us to send a request (request_deadline)", cut,
                   cut == 1 ? "" : "s", h->deadline);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&h->watch_wake, &h->watch_lock, &until);
    }
    pthread_mutex_unlock(&h->watch_lock);
    return NULL;
}

static void __attribute__((format(printf, 2, 0)))
mhd_logger(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && msg[n - 1] == '\n')
        msg[--n] = '\0';
    fb_log(FB_LOG_WARN, "libmicrohttpd: %s", msg);
}


/* Percent-decodes the URL in place (fb_head_unescape(): "%00" stays as
 * written). Query values are parsed by libmicrohttpd with this same
 * function. */
static size_t
unescape_url(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return fb_head_unescape(s);
}

static void
free_http(struct fb_http *h)
{
    pthread_cond_destroy(&h->watch_wake);
    pthread_mutex_destroy(&h->watch_lock);
    free(h);
}

/* Starts serving on cfg->listen:cfg->port with handler. See http.h. */
struct fb_http *
fb_http_start(const struct fb_config *cfg, fb_http_handler_fn handler,
              void *cls, struct fb_writer *writer, char *err, size_t errlen)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD
                     | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, cfg->listen, &sin->sin_addr) == 1) {
        sin->sin_family = AF_INET;
        sin->sin_port = htons((uint16_t)cfg->port);
    } else if (inet_pton(AF_INET6, cfg->listen, &sin6->sin6_addr) == 1) {
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons((uint16_t)cfg->port);
        flags |= MHD_USE_IPv6;
    } else {
        snprintf(err, errlen, "listen: '%s' is not an IP address",
                 cfg->listen);
        return NULL;
    }
    if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES)
        flags |= MHD_USE_EPOLL;
    else if (MHD_is_feature_supported(MHD_FEATURE_POLL) == MHD_YES)
        flags |= MHD_USE_POLL;

    struct fb_http *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    h->handler = handler;
    h->cls = cls;
    h->writer = writer;
    h->body_limit = cfg->body_limit;
    memcpy(h->trusted_proxy, cfg->trusted_proxy, sizeof h->trusted_proxy);
    h->quiesced_fd = -1;
    h->deadline = cfg->request_deadline;
    atomic_init(&h->in_flight, 0);
    atomic_init(&h->working, 0);
    pthread_mutex_init(&h->watch_lock, NULL);
    pthread_cond_init(&h->watch_wake, NULL);
    h->daemon = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_request, h,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cfg->conn_timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->conn_memory,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)cfg->max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned int)cfg->max_conn_per_client,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, h,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape_url, NULL,
        MHD_OPTION_END);
    if (!h->daemon) {
        snprintf(err, errlen, "cannot listen on %s:%u (in use, or not "
                 "allowed)", cfg->listen, cfg->port);
        free_http(h);
        return NULL;
    }
    if (pthread_create(&h->watchdog, NULL, watchdog_main, h) != 0) {
        snprintf(err, errlen, "cannot start the request deadline thread");
        MHD_stop_daemon(h->daemon);
        free_http(h);
        return NULL;
    }
    h->watchdog_running = true;
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(h->daemon, MHD_DAEMON_INFO_BIND_PORT);
    h->port = info ? info->port : cfg->port;
    return h;
}

/* returns the port actually bound (useful with port 0). See http.h. */
unsigned
fb_http_port(const struct fb_http *h)
{
    return h->port;
}

/* Stops accepting new connections; requests in flight carry on. See http.h. */
void
fb_http_quiesce(struct fb_http *h)
{
    if (h->quiesced_fd < 0)
        h->quiesced_fd = MHD_quiesce_daemon(h->daemon);
}

/* returns how many requests are being handled right now. See http.h. */
unsigned
fb_http_in_flight(struct fb_http *h)
{
    return atomic_load(&h->in_flight);
}

/* Stops the daemon (closing every connection) and frees h. See http.h. */
void
fb_http_stop(struct fb_http *h)
{
    if (!h)
        return;
    /* A suspended connection must be resumed before the daemon stops:
     * wait out the work in flight, each bounded by its own timeout. */
    while (atomic_load(&h->working) > 0)
        nanosleep(&(struct timespec){0, 10L * 1000 * 1000}, NULL);
    MHD_stop_daemon(h->daemon); /* every connection is unlinked */
    if (h->watchdog_running) {
        pthread_mutex_lock(&h->watch_lock);
        h->stopping = true;
        pthread_cond_signal(&h->watch_wake);
        pthread_mutex_unlock(&h->watch_lock);
        pthread_join(h->watchdog, NULL);
    }
    if (h->quiesced_fd >= 0)
        close(h->quiesced_fd);
    free_http(h);
}
