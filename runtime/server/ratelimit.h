/* SPDX-License-Identifier: MIT */
/*
 * Rate limits on the requests that write: token buckets per client
 * address (page POSTs, submissions) and per form (submissions). Client
 * buckets live in a fixed-size table, the address seen longest ago
 * evicted when it is full, so a flood of addresses cannot grow it. The
 * journey asks before it queues a write; a refused request writes nothing.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "config.h"

/* Who a request comes from, as the limits count it: an IPv4 address, or
 * the /64 network of an IPv6 address (one subscriber's usual share). */
struct fb_client_key {
    unsigned char bytes[8];
    unsigned char len;            /* 4 or 8; 0: unknown */
};

/** Fills @p out from a peer address; an IPv4-mapped IPv6 address counts
 *  as its IPv4 address. An unknown family gives len 0. */
void
fb_client_key_from_sockaddr(const struct sockaddr *sa,
                            struct fb_client_key *out);

/**
 * Fills @p out with the client a request comes from: the peer address,
 * or, when the peer is @p proxy (an IP literal; NULL or "" for none) and
 * @p forwarded (its X-Forwarded-For, or NULL) ends in an address, that
 * last address: the one the proxy appended, which a client cannot forge.
 * Anything else leaves the peer's address.
 */
void
fb_client_key_of(const struct sockaddr *peer, const char *proxy,
                 const char *forwarded, struct fb_client_key *out);

enum fb_limit_kind {
    FB_LIMIT_POST,     /* a page's answers (a session record written) */
    FB_LIMIT_SUBMIT    /* a submission */
};

enum fb_limit_verdict {
    FB_LIMIT_ALLOWED,
    FB_LIMIT_CLIENT,   /* this client is over its limit */
    FB_LIMIT_FORM      /* the form is over its limit */
};

struct fb_limits;

/**
 * Makes the limits of @p cfg for @p n_forms forms (indexed as the
 * registry lists them). @returns them (free with fb_limits_free()), or
 * NULL when out of memory.
 */
struct fb_limits *
fb_limits_new(const struct fb_config *cfg, size_t n_forms);

void
fb_limits_free(struct fb_limits *l);

/**
 * Takes one token for a request of @p kind from @p client for form
 * @p form at @p now (seconds, monotonic): from the client's bucket and,
 * for a submission, the form's, or from neither. Any thread.
 * @returns FB_LIMIT_ALLOWED, or which limit refused it with
 * *out_retry_after set to the whole seconds until a token is there.
 */
enum fb_limit_verdict
fb_limits_take(struct fb_limits *l, enum fb_limit_kind kind,
               const struct fb_client_key *client, size_t form, double now,
               unsigned *out_retry_after);

/** @returns how many client addresses the table holds now (at most
 *  cfg->rate_limit_clients). */
size_t
fb_limits_clients(struct fb_limits *l);
