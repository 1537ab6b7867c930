/* SPDX-License-Identifier: MIT */
/*
 * The track page's limit per reference (track_limit.h): a fixed table of
 * counters by the reference's hash, so memory stays bounded whatever is
 * typed. Two references in one slot share a counter, which can only make
 * the limit stricter.
 */
#include "track_limit.h"

#include <pthread.h>
#include <stdint.h>

#define SLOTS 4096

struct slot {
    uint64_t hash;
    long long since;          /* start of the window */
    unsigned failures;
};

static struct slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* FNV-1a of the reference in upper case, as it is looked up. */
static uint64_t
hash_of(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 'a' + 'A');
        h = (h ^ c) * 1099511628211ull;
    }
    return h;
}

/* The slot of @p h as of @p now, its window restarted when over. Called
 * with the lock held. */
static struct slot *
slot_of(uint64_t h, long long now)
{
    struct slot *s = &slots[h % SLOTS];
    if (s->hash != h && s->failures == 0)
        s->hash = h;
    if (now - s->since >= FB_TRACK_WINDOW) {
        s->hash = h;
        s->since = now;
        s->failures = 0;
    }
    return s;
}

unsigned
fb_track_limit_wait(const char *reference, long long now)
{
    pthread_mutex_lock(&lock);
    struct slot *s = slot_of(hash_of(reference), now);
    unsigned wait = s->failures >= FB_TRACK_FAILURES
                        ? (unsigned)(s->since + FB_TRACK_WINDOW - now)
                        : 0;
    pthread_mutex_unlock(&lock);
    return wait;
}

void
fb_track_limit_failed(const char *reference, long long now)
{
    pthread_mutex_lock(&lock);
    slot_of(hash_of(reference), now)->failures++;
    pthread_mutex_unlock(&lock);
}
