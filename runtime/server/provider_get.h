/* SPDX-License-Identifier: MIT */
/*
 * One bounded GET to an outside provider the resident waits on (the
 * address provider, a council's lookup endpoint): a hard total timeout,
 * http(s) only, no redirects, a cap on the reply's size; and a limit on
 * such calls in flight at once, so a hanging provider holds a few
 * threads, never all. Blocking: never called on the polling thread.
 */
#pragma once

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct fb_provider_reply {
    long status;        /* HTTP status; 0 when no reply came */
    char *body;         /* NUL-terminated (free()), or NULL */
    size_t len;
    char error[160];    /* why no reply came (libcurl's words), or "" */
};

/**
 * GETs @p url (never logged: it may hold a key), with "Authorization:
 * Bearer @p bearer" when @p bearer is set, within @p timeout_ms
 * (connecting included); a reply longer than @p max_reply is cut off as
 * an error. @returns true when a reply came (any status) into @p out,
 * false with out->error set. Free out->body either way.
 */
bool
fb_provider_get(const char *url, const char *bearer, unsigned timeout_ms,
                size_t max_reply, struct fb_provider_reply *out);

/** Reads a provider setting's whole number @p v within [@p lo, @p hi]
 *  into *@p out. @returns false (nothing set) otherwise. */
bool
fb_provider_setting(const char *v, unsigned long lo, unsigned long hi,
                    unsigned *out);

/* Calls in flight at once to one kind of provider, at most max. */
struct fb_provider_limit {
    atomic_uint in_flight;
    unsigned max;
};

/** Takes one of the calls @p l allows. @returns false when all are
 *  taken (the caller falls back at once rather than queue). */
bool
fb_provider_reserve(struct fb_provider_limit *l);

/** Gives back a call fb_provider_reserve() took. */
void
fb_provider_release(struct fb_provider_limit *l);
