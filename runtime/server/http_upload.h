/* SPDX-License-Identifier: MIT */
/*
 * multipart/form-data bodies, for pages with a file question only:
 * libmicrohttpd's post processor parses the body as it arrives; each
 * file part is written straight to a new temporary file (never held
 * whole in memory) and the other parts become the urlencoded body the
 * journey reads as it reads any page. Limits are enforced while the body
 * streams: a file past the question's size, or text past the body limit,
 * stops the writing, removes what was written and makes the answer 413.
 * Temporary files left when the request ends are removed (upload_store.h
 * moves the ones it keeps).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include <microhttpd.h>

#include "http.h"

/* The most files one request may carry (a question allows up to 20). */
#define FB_UPLOAD_MAX 20

/* What one page accepts (fb_http_upload_policy_fn). */
struct fb_upload_limits {
    long long max_file;        /* bytes of one file */
    unsigned max_files;        /* files in one request */
    char tmp_dir[4200];        /* where files arrive (same filesystem as
                                  where they are kept) */
};

/* One file as it arrived. */
struct fb_upload {
    char *field;               /* the part's name: the question's id */
    char *filename;            /* as the browser gave it (not checked) */
    char path[4300];           /* the temporary file; "" once claimed */
    long long size;
    int fd;                    /* open while it arrives, then -1 */
};

struct fb_upload_stream;

/* What went wrong while a body streamed (fb_upload_stream_status()). */
enum fb_upload_status {
    FB_UPLOAD_OK,
    FB_UPLOAD_TOO_LARGE,       /* a file over max_file: 413 */
    FB_UPLOAD_BODY_TOO_LARGE,  /* the text parts over the body limit: 413 */
    FB_UPLOAD_MALFORMED,       /* not multipart the post processor reads,
                                  or a NUL in a text part: 400 */
    FB_UPLOAD_TOO_MANY,        /* more files than max_files: the page says */
    FB_UPLOAD_WRITE_FAILED     /* a temporary file could not be written
                                  (the disk is full): the page says */
};

/** Starts parsing @p conn's multipart body. @returns NULL when
 *  libmicrohttpd cannot parse its Content-Type (no boundary) or out of
 *  memory. */
struct fb_upload_stream *
fb_upload_stream_new(struct MHD_Connection *conn,
                     const struct fb_upload_limits *lim, size_t body_limit);

/** Feeds @p n bytes of body. Once a limit is hit the rest is read and
 *  dropped. */
void
fb_upload_stream_feed(struct fb_upload_stream *s, const char *data,
                      size_t n);

/** The body has arrived: ends the last part. @returns its status. */
enum fb_upload_status
fb_upload_stream_finish(struct fb_upload_stream *s);

/** @returns the status so far. */
enum fb_upload_status
fb_upload_stream_status(const struct fb_upload_stream *s);

/** @returns the urlencoded text parts; *@p len their length. */
const char *
fb_upload_stream_body(const struct fb_upload_stream *s, size_t *len);

/** @returns the files that arrived whole (status OK or TOO_MANY). */
struct fb_upload *
fb_upload_stream_files(struct fb_upload_stream *s, size_t *n);

/** @returns the limits it was made with. */
const struct fb_upload_limits *
fb_upload_stream_limits(const struct fb_upload_stream *s);

/** Removes every temporary file not claimed: the handler is done. */
void
fb_upload_stream_drop(struct fb_upload_stream *s);

/** Removes every temporary file not claimed and frees @p s. */
void
fb_upload_stream_free(struct fb_upload_stream *s);
