/* SPDX-License-Identifier: MIT */
/*
 * What outside providers answered, kept in memory for a while so the same
 * question asked again (a postcode, an account number) costs no call and
 * is answered on the polling thread. A fixed number of slots, each a key
 * and a copy of the answer; the oldest goes first. Per process: each
 * instance of a shared deployment keeps its own. Thread-safe.
 */
#pragma once

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define FB_PROVIDER_KEY_MAX 300   /* bytes of a key, NUL included */

struct fb_provider_cache {
    pthread_mutex_t lock;
    unsigned seconds;          /* how long an answer is reused; 0: never */
    unsigned n_slots;
    size_t size;               /* of each answer */
    struct fb_provider_slot *slots;
};

/** Sets up @p c for @p n_slots answers of @p size bytes each, kept
 *  @p seconds. Out of memory, it just keeps nothing. */
void
fb_provider_cache_init(struct fb_provider_cache *c, unsigned n_slots,
                       unsigned seconds, size_t size);

/** Forgets everything @p c holds and frees it; safe on a zeroed cache. */
void
fb_provider_cache_free(struct fb_provider_cache *c);

/** Copies the answer kept under @p key into @p out (the cache's size)
 *  when one younger than its time is there. @returns whether it was. */
bool
fb_provider_cache_get(struct fb_provider_cache *c, const char *key,
                      time_t now, void *out);

/** Keeps a copy of @p answer under @p key (a key too long is not kept). */
void
fb_provider_cache_put(struct fb_provider_cache *c, const char *key,
                      time_t now, const void *answer);
