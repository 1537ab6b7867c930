/* SPDX-License-Identifier: MIT */
/*
 * The HTTP layer over libmicrohttpd: one internal polling thread (epoll
 * where available), request bodies gathered up to the configured limit,
 * responses built with the security headers every page carries, and
 * deferred responses for requests that wait on the writer thread (the
 * connection is suspended until its data is committed). Route handlers see
 * only struct fb_request and the functions below.
 */
#pragma once

#include "formbuilder/html.h"
#include "formbuilder/messages.h"

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "ratelimit.h"
#include "writer.h"

struct fb_request;
struct fb_http;

/* Handles one complete request: reads it through fb_request_*() and sets
 * exactly one response (or defers one). Called on the polling thread. */
typedef void (*fb_http_handler_fn)(struct fb_request *req, void *cls);

/** How long a response may be cached. */
enum fb_cache {
    FB_CACHE_NO_STORE,  /* journey pages: never stored */
    FB_CACHE_STATIC,    /* the stylesheet: one hour, public */
    FB_CACHE_PRIVATE    /* an uploaded file: no cache, shared or not */
};

/**
 * Starts serving on cfg->listen:cfg->port with @p handler. Jobs given to
 * fb_request_defer() are queued on @p writer.
 * @returns the server, or NULL with a message in @p err.
 */
struct fb_http *
fb_http_start(const struct fb_config *cfg, fb_http_handler_fn handler,
              void *cls, struct fb_writer *writer, char *err, size_t errlen);

/** @returns the port actually bound (useful with port 0). */
unsigned
fb_http_port(const struct fb_http *h);

/** Stops accepting new connections; requests in flight carry on. */
void
fb_http_quiesce(struct fb_http *h);

/** @returns how many requests are being handled right now. */
unsigned
fb_http_in_flight(struct fb_http *h);

/** Stops the daemon (closing every connection) and frees @p h. Call after
 *  the writer is stopped, so no connection is left suspended. */
void
fb_http_stop(struct fb_http *h);

/* ---- reading a request ---- */

/** @returns the method ("GET", "POST" ...). */
const char *
fb_request_method(const struct fb_request *r);

/** @returns the decoded path without the query string. */
const char *
fb_request_path(const struct fb_request *r);

/* Told each query argument in the order of the URL, decoded (value ""
 * for one without '='); a non-zero return stops. */
typedef int (*fb_query_fn)(const char *name, const char *value, void *cls);

/** Calls @p fn for each query argument of @p r. */
void
fb_request_query_each(const struct fb_request *r, fb_query_fn fn, void *cls);

/** @returns the query argument @p name, or NULL. */
const char *
fb_request_query(const struct fb_request *r, const char *name);

/** @returns the cookie @p name, or NULL. */
const char *
fb_request_cookie(const struct fb_request *r, const char *name);

/** @returns the request header @p name, or NULL. */
const char *
fb_request_header(const struct fb_request *r, const char *name);

/** Fills @p out with the client's address as the rate limits count it
 *  (ratelimit.h): the peer of the TCP connection, so behind a proxy the
 *  proxy's, unless the peer is cfg->trusted_proxy, whose last
 *  X-Forwarded-For address is taken instead. */
void
fb_request_client(const struct fb_request *r, struct fb_client_key *out);

/** @returns the body (NUL-terminated, "" when none); *out_len its size. */
const char *
fb_request_body(const struct fb_request *r, size_t *out_len);

/** @returns whether the body's Content-Type is exactly
 *  application/x-www-form-urlencoded (any case), alone or followed by
 *  parameters such as "; charset=utf-8"; false for a longer type that
 *  only starts with it, and when there is none. True also for a
 *  multipart body the upload policy accepted: fb_request_body() is then
 *  its text parts, urlencoded. */
bool
fb_request_is_urlencoded(const struct fb_request *r);

/* ---- file uploads (http_upload.h) ---- */

struct fb_upload;
struct fb_upload_limits;

/* Decides whether POSTs to @p path may be multipart/form-data (a page
 * with a file question) and fills @p out with its limits. Called on the
 * polling thread when a request's headers have arrived. */
typedef bool (*fb_http_upload_policy_fn)(const char *path,
                                         struct fb_upload_limits *out,
                                         void *cls);

/** Sets the upload policy; without one no request may be multipart (its
 *  body is then read like any other, and refused by the journey). */
void
fb_http_set_upload_policy(struct fb_http *h, fb_http_upload_policy_fn fn,
                          void *cls);

/** @returns the files a multipart request carried and their count in
 *  *@p n, or NULL (*@p n 0) for any other request. The caller may move a
 *  file away (then clears its path); the rest are removed when the
 *  request ends. */
struct fb_upload *
fb_request_uploads(struct fb_request *r, size_t *n);

/** @returns whether the request was multipart and had more files than
 *  its page takes (none of them kept). */
bool
fb_request_uploads_too_many(const struct fb_request *r);

/** @returns whether a multipart request's file could not be written (the
 *  disk is full); nothing of it was kept. */
bool
fb_request_uploads_failed(const struct fb_request *r);

/* ---- answering ---- */

/**
 * Sets the response: @p status, @p content_type and @p body (@p len
 * bytes, taken over and freed with free()). A NULL body (an allocation
 * failed) becomes a plain 500.
 */
void
fb_request_respond(struct fb_request *r, unsigned status,
                   const char *content_type, char *body, size_t len,
                   enum fb_cache cache);

/**
 * Sets the response to the @p size bytes of open file @p fd (taken over:
 * closed once sent, or when the request ends), streamed by
 * libmicrohttpd, never read whole into memory.
 */
void
fb_request_respond_file(struct fb_request *r, unsigned status,
                        const char *content_type, int fd, size_t size,
                        enum fb_cache cache);

/** Sets a 303 See Other to @p location (copied), post/redirect/get. */
void
fb_request_redirect(struct fb_request *r, const char *location);

/** Adds a response header (both copied), e.g. Set-Cookie or Allow.
 *  @returns 0, or -1 when out of memory or too many headers. */
int
fb_request_add_header(struct fb_request *r, const char *name,
                      const char *value);

/* Sets the response of a request whose deferred write failed. Called on
 * the polling thread with the request's handler state (see
 * fb_request_set_state()) once the response prepared for success has
 * been dropped with all its headers. */
typedef void (*fb_write_failed_fn)(struct fb_request *req, void *state);

/**
 * Holds the response already set until @p job is committed by the writer
 * thread. If the job fails, or its step refused it (FB_STORE_REFUSED: a
 * booking's place gone, logged as nothing wrong), that response is
 * dropped with its headers (no redirect, no cookie: nothing is
 * confirmed), a failure is logged with the store's reason, and @p failed
 * sets the response instead; a NULL
 * @p failed, or one that sets nothing, gives a 503 page saying nothing
 * was saved. @p job and what it points to must stay valid until the
 * request completes (attach them with fb_request_set_state()).
 */
void
fb_request_defer(struct fb_request *r, struct fb_write_job *job,
                 fb_write_failed_fn failed);

/* Work a request waits on that may block (a call to an outside service,
 * bounded by its own timeout): run on a thread of its own. */
typedef void (*fb_request_work_fn)(void *work);

/**
 * Runs @p fn(@p work) off the polling thread, the connection suspended
 * meanwhile, then handles the request again from the start with
 * fb_request_work() returning @p work (freed with @p free_fn when the
 * request ends). The handler must set no response when it defers. If no
 * thread can be started, the handler runs again at once with the work
 * not done (its own result says so).
 */
void
fb_request_defer_work(struct fb_request *r, fb_request_work_fn fn,
                      void *work, void (*free_fn)(void *work));

/** @returns the work fb_request_defer_work() ran for @p r with @p free_fn
 *  (which says what kind of work it is: a request may defer one of
 *  several), or NULL. */
void *
fb_request_work(const struct fb_request *r, void (*free_fn)(void *work));

/** Attaches handler state freed with @p free_fn when the request ends. */
void
fb_request_set_state(struct fb_request *r, void *state,
                     void (*free_fn)(void *state));

/** Sets the language of the message pages @p r answers with (the page
 *  language the journey chose). */
void
fb_request_set_lang(struct fb_request *r, enum fb_lang lang);

/** @returns the language fb_request_set_lang() set, else the one
 *  ?lang= or Accept-Language asks for (lang.h), else English. */
enum fb_lang
fb_request_lang(const struct fb_request *r);

/* Responds with the page in @p w (taken over), or a 500 if it failed. */
void
fb_send_html(struct fb_request *req, unsigned status, struct fb_html *w);

/* Responds with a plain message page (400, 403, 404 ...): @p title and
 * @p body from the message catalogue in fb_request_lang(), {text} in the
 * body replaced by @p text (or NULL). */
void
fb_send_message(struct fb_request *req, unsigned status, enum fb_msg title,
                enum fb_msg body, const char *text);

/* Responds with a message page taking a {count} and a {text}. */
void
fb_send_message_count(struct fb_request *req, unsigned status,
                      enum fb_msg title, enum fb_msg body, long count,
                      const char *text);

/* The 404 page. */
void
fb_send_not_found(struct fb_request *req);

/* The 405 page, with the methods the address does accept. */
void
fb_send_method_not_allowed(struct fb_request *req, const char *allow);
