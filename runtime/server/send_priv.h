/* SPDX-License-Identifier: MIT */
/*
 * Shared by the senders (send_http.c, send_mail.c): the sender's libcurl
 * handle and the one place a request's options are set and its answer
 * judged.
 */
#pragma once

#include <stdatomic.h>
#include <stdbool.h>

#include <curl/curl.h>

#include "send.h"

struct fb_sender {
    const struct fb_outbox_config *cfg;
    CURL *curl;                /* reused: its connections stay open */
    struct curl_slist *connect_to; /* cfg->connect_to, split */
    const atomic_bool *cancel; /* set: abandon the attempt in progress */
};

/* Resets s->curl to the options every request shares (timeouts, TLS
 * verification, CA file, the body kept in r->error) and clears @p r. */
void
fb_sender_reset(struct fb_sender *s, struct fb_send_result *r);

/* Performs the request set up on s->curl and fills @p r's outcome. */
void
fb_sender_perform(struct fb_sender *s, struct fb_send_result *r);

/* Appends the header "NAME: VALUE". @returns false when out of memory. */
bool
fb_header_add(struct curl_slist **list, const char *name, const char *value);
