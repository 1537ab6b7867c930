/* SPDX-License-Identifier: MIT */
/*
 * Shared by the senders (send_http.c, send_mail.c): one transfer in
 * flight, with everything libcurl reads while it runs, and the one place
 * a transfer's options are set and it is started on the sender's multi
 * handle.
 */
#pragma once

#include <stdatomic.h>
#include <stdbool.h>

#include <curl/curl.h>

#include "buf.h"
#include "send.h"

/* How a finished transfer's answer is judged. */
enum fb_transfer_kind {
    FB_TRANSFER_HTTP,          /* 2xx; 429, 5xx retried; other 4xx refused */
    FB_TRANSFER_SMTP           /* done; 5xx refused; 4xx, none retried */
};

struct fb_transfer {
    struct fb_sender *s;
    CURL *curl;
    enum fb_transfer_kind kind;
    void *tag;                 /* the caller's, given back when done */
    struct curl_slist *headers; /* HTTP headers, freed when done */
    curl_mime *mime;           /* a multipart body, freed when done */
    struct curl_slist *rcpt;   /* SMTP recipients */
    struct fb_buf data;        /* the SMTP message being uploaded */
    size_t pos;                /* how much of it is uploaded */
    struct fb_send_result r;   /* filled as the answer arrives */
    struct fb_transfer *next;  /* in the sender's list */
};

struct fb_sender {
    const struct fb_outbox_config *cfg;
    CURLM *multi;              /* its connection pool is reused */
    struct curl_slist *connect_to; /* cfg->connect_to, split */
    const atomic_bool *cancel; /* set: abandon the transfers in flight */
    struct fb_transfer *flying; /* in flight, newest first */
    size_t n_flying;
};

/* A transfer of @p kind on a new easy handle with the options every
 * request shares (timeouts, TLS verification, CA file, the body kept in
 * its result). @returns it, or NULL when out of memory. */
struct fb_transfer *
fb_transfer_new(struct fb_sender *s, enum fb_transfer_kind kind, void *tag);

/* Starts @p t on the sender's multi handle. @returns true, or false with
 * @p r saying why, @p t freed. */
bool
fb_transfer_start(struct fb_transfer *t, struct fb_send_result *r);

/* Frees @p t, which is not in flight. NULL is a no-op. */
void
fb_transfer_free(struct fb_transfer *t);

/* Makes @p d's body multipart/form-data on @p x (send_multipart.c): the
 * payload part, then each file's part, streamed from its descriptor,
 * which @p x then owns. @returns false when out of memory (every
 * descriptor of @p d closed, sent with @p x or not). */
bool
fb_multipart_body(struct fb_transfer *x, const struct fb_http_delivery *d);

/* Closes the descriptors of the @p n @p files. */
void
fb_http_files_close(const struct fb_http_file *files, size_t n);

/* Appends the header "NAME: VALUE". @returns false when out of memory. */
bool
fb_header_add(struct curl_slist **list, const char *name, const char *value);
