/* SPDX-License-Identifier: MIT */
/*
 * Finding addresses by postcode (a question's `lookup: os-places`): the
 * provider's configuration, one bounded, timed call to its OS Places
 * postcode search, and a small in-memory cache of what it answered.
 *
 * A call to the provider never runs on the HTTP polling thread: the
 * request is suspended and the call made on a thread of its own
 * (http.h's fb_request_defer_work()), bounded three ways: a hard total
 * timeout on the transfer, a limit on calls in flight at once (the rest
 * are told at once to type the address, rather than queue behind a
 * hanging provider), and the cache, which answers a postcode asked again
 * within its time on the polling thread, without a call.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct fb_address_config {
    char url[512];          /* the provider's base URL, "" not configured:
                               GET URL/search/places/v1/postcode?postcode= */
    char key[256];          /* its API key (FORMBUILDER_ADDRESS_LOOKUP_KEY) */
    unsigned timeout_ms;    /* one lookup's whole transfer, at most */
    unsigned concurrent;    /* lookups in flight at once, at most */
    unsigned cache_seconds; /* how long an answer is reused; 0: never */
    unsigned cache_entries; /* postcodes remembered, at most */
};

/* One address the provider found. */
struct fb_found_address {
    char uprn[16];
    char label[200];        /* the whole address, as the provider gives it */
    char line1[100];
    char line2[100];
    char town[60];
    char postcode[12];
    char custodian[8];      /* LOCAL_CUSTODIAN_CODE: the council's code */
};

/* The most addresses one postcode gives (the provider's own page size). */
#define FB_ADDRESS_MAX_FOUND 100

struct fb_address_list {
    size_t n;
    struct fb_found_address items[FB_ADDRESS_MAX_FOUND];
};

enum fb_address_status {
    FB_ADDRESS_OK,             /* the list (possibly empty) */
    FB_ADDRESS_NOT_CONFIGURED, /* no provider URL */
    FB_ADDRESS_BUSY,           /* too many lookups in flight */
    FB_ADDRESS_FAILED,         /* timeout, refused, 5xx, malformed reply */
    FB_ADDRESS_MISS,           /* not in the cache: a call is needed */
};

/** Fills @p c with the defaults: not configured, 3 s timeout, 4 at once,
 *  an hour's cache of 256 postcodes. */
void
fb_address_config_defaults(struct fb_address_config *c);

/**
 * Sets configuration key @p key ("address_lookup_url", "_key",
 * "_timeout_ms", "_concurrent", "_cache_seconds", "_cache_entries").
 * @returns 1 when set, 0 for a bad value, -1 for an unknown key.
 */
int
fb_address_config_set(struct fb_address_config *c, const char *key,
                      const char *value);

/** Starts the lookups with @p c (copied), logging a warning when a form
 *  asks for a lookup and no provider is configured. Call once, at start. */
void
fb_address_lookup_start(const struct fb_address_config *c,
                        bool forms_ask);

/** Forgets every cached answer (tests; a provider's data changed). */
void
fb_address_lookup_stop(void);

/** @returns whether a provider is configured. */
bool
fb_address_lookup_configured(void);

/**
 * The addresses at @p postcode (normalised, "SW1A 1AA") from the cache
 * into @p out: OK, MISS when a call is needed, or NOT_CONFIGURED. Never
 * blocks on the provider.
 */
enum fb_address_status
fb_address_lookup_cached(const char *postcode, struct fb_address_list *out);

/** Takes one of the calls in flight the configuration allows. @returns
 *  false (logged) when they are all taken: the resident types. */
bool
fb_address_lookup_reserve(void);

/** Gives back a reservation that was not used. */
void
fb_address_lookup_release(void);

/**
 * With a reservation taken, asks the provider for @p postcode's addresses
 * within the configured timeout (blocking: never on the polling thread),
 * keeps the answer in the cache and gives the reservation back.
 * @returns OK (@p out filled) or FAILED.
 */
enum fb_address_status
fb_address_lookup_call(const char *postcode, struct fb_address_list *out);

/**
 * Parses an OS Places reply @p body (@p len bytes) into @p out.
 * @returns 0, or -1 when it is not the documented shape.
 */
int
fb_address_parse_os_places(const char *body, size_t len,
                           struct fb_address_list *out);
