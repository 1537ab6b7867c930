/* SPDX-License-Identifier: MIT */
/*
 * Answers checked against a council's own endpoint (a question's
 * `lookup:`, other than an address's): where each named endpoint is, one
 * bounded call to it, and a cache of what it said.
 *
 * The contract (docs/integrations.md, "Lookups"): GET URL?value=ANSWER,
 * with "Authorization: Bearer KEY" when a key is set; 200 with
 * {"found": true, "fill": {"FIELD": "text", ...}} when the endpoint knows
 * the answer, {"found": false} or a 404 when it does not; anything else
 * (no reply within the timeout, another status, another shape) means the
 * endpoint could not be asked. An endpoint NAME is configured in the
 * environment: FORMBUILDER_LOOKUP_<NAME>_URL and _KEY, NAME upper-cased
 * with '-' as '_'; the limits below are shared by every endpoint.
 *
 * As for addresses (address_lookup.h), a call is never made on the HTTP
 * polling thread, is bounded in time and in number in flight, and an
 * answer asked again within the cache's time costs no call.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/form.h"

struct fb_forms;

struct fb_lookup_config {
    unsigned timeout_ms;    /* one call's whole transfer, at most */
    unsigned concurrent;    /* calls in flight at once, at most */
    unsigned cache_seconds; /* how long an answer is reused; 0: never */
    unsigned cache_entries; /* answers remembered, at most */
};

/* What an endpoint may fill, at most: fields and each one's bytes. */
#define FB_LOOKUP_MAX_FILL 8
#define FB_LOOKUP_FILL_MAX 500

enum fb_lookup_status {
    FB_LOOKUP_FOUND,       /* the endpoint knows the answer */
    FB_LOOKUP_NOT_FOUND,   /* it does not: the author's message */
    FB_LOOKUP_UNAVAILABLE, /* not configured, busy, failed: unverified */
    FB_LOOKUP_MISS,        /* not in the cache: a call is needed */
};

struct fb_lookup_answer {
    enum fb_lookup_status status;
    size_t n_fill;
    struct {
        char field[64];
        char value[FB_LOOKUP_FILL_MAX];
    } fill[FB_LOOKUP_MAX_FILL];
};

/** Fills @p c with the defaults: 3 s, 4 at once, 5 minutes' cache of
 *  1024 answers. */
void
fb_lookup_config_defaults(struct fb_lookup_config *c);

/**
 * Sets configuration key @p key ("lookup_timeout_ms", "_concurrent",
 * "_cache_seconds", "_cache_entries").
 * @returns 1 when set, 0 for a bad value, -1 for an unknown key.
 */
int
fb_lookup_config_set(struct fb_lookup_config *c, const char *key,
                     const char *value);

/** Starts the lookups with @p c (copied), logging each endpoint a form of
 *  @p set names that is not configured (or not http(s)). Call once. */
void
fb_lookup_start(const struct fb_lookup_config *c, const struct fb_forms *set);

/** Forgets every cached answer. */
void
fb_lookup_stop(void);

/**
 * What endpoint @p provider said of @p value, from the cache, into
 * @p out: FOUND or NOT_FOUND, MISS when a call is needed, or UNAVAILABLE
 * when the endpoint is not configured. Never blocks.
 */
enum fb_lookup_status
fb_lookup_cached(const char *provider, const char *value,
                 struct fb_lookup_answer *out);

/** Takes one of the calls in flight the configuration allows. @returns
 *  false (logged) when they are all taken. */
bool
fb_lookup_reserve(void);

/** Gives back a reservation that was not used. */
void
fb_lookup_release(void);

/**
 * With a reservation taken, asks @p provider about @p value within the
 * timeout (blocking: never on the polling thread), keeps a FOUND or
 * NOT_FOUND in the cache. Does not give the reservation back.
 * @returns FOUND, NOT_FOUND or UNAVAILABLE, with @p out filled.
 */
enum fb_lookup_status
fb_lookup_call(const char *provider, const char *value,
               struct fb_lookup_answer *out);

/**
 * Reads an endpoint's reply: HTTP @p status and @p body (@p len bytes)
 * into @p out. @returns FOUND, NOT_FOUND, or UNAVAILABLE when it is not
 * the documented shape.
 */
enum fb_lookup_status
fb_lookup_parse(long status, const char *body, size_t len,
                struct fb_lookup_answer *out);
