/* SPDX-License-Identifier: MIT */
/*
 * The track page's limit per reference (track_limit.h): a fixed table of
 * counters, so memory stays bounded whatever is typed. The table is
 * set-associative: a reference's keyed hash picks a set of WAYS entries
 * and its entry there is found by the whole hash, so two references
 * never share a counter. The key is random per process, so references
 * cannot be chosen offline to crowd one set.
 *
 * A new reference takes a free or expired entry of its set, else the one
 * with the fewest failures that is not locked. Locked entries are never
 * evicted: trying other references must not reset a guessed one. Only
 * when a whole set is locked does a new reference share the entry locked
 * longest, which keeps the limit strict (filling every set takes
 * SETS * WAYS * FB_TRACK_FAILURES wrong lookups a window).
 */
#include "track_limit.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/random.h>

#define SETS 4096
#define WAYS 8

struct entry {
    uint64_t hash;            /* 0: free */
    long long since;          /* start of the window */
    unsigned failures;
};

static struct entry table[SETS][WAYS];
static uint64_t key;
static bool keyed;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* FNV-1a of the key then the reference in upper case (as it is looked
 * up), finished with a 64-bit mix so every bit reaches the set index. */
static uint64_t
hash_of(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < 8; i++)
        h = (h ^ ((key >> (8 * i)) & 0xff)) * 1099511628211ull;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 'a' && c <= 'z')
            c = (unsigned char)(c - 'a' + 'A');
        h = (h ^ c) * 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h ? h : 1;
}

static bool
expired(const struct entry *e, long long now)
{
    return e->hash == 0 || now - e->since >= FB_TRACK_WINDOW;
}

static bool
locked(const struct entry *e, long long now)
{
    return !expired(e, now) && e->failures >= FB_TRACK_FAILURES;
}

/* The entry to take in @p set for a reference not in it. */
static struct entry *
victim(struct entry *set, long long now)
{
    struct entry *fewest = NULL, *longest = &set[0];
    for (int w = 0; w < WAYS; w++) {
        struct entry *e = &set[w];
        if (expired(e, now))
            return e;
        if (!locked(e, now)) {
            if (!fewest || e->failures < fewest->failures)
                fewest = e;
        } else if (e->since < longest->since) {
            longest = e;
        }
    }
    return fewest ? fewest : longest;
}

/* The entry of @p reference as of @p now, made when @p make is true.
 * Without @p make: NULL when it has none, or the entry it would share
 * when its whole set is locked. Called with the lock held. */
static struct entry *
entry_of(const char *reference, long long now, bool make)
{
    if (!keyed) {
        if (getrandom(&key, sizeof key, 0) != (ssize_t)sizeof key)
            key = (uint64_t)now * 0x9e3779b97f4a7c15ull;
        keyed = true;
    }
    uint64_t h = hash_of(reference);
    struct entry *set = table[h % SETS];
    for (int w = 0; w < WAYS; w++) {
        struct entry *e = &set[w];
        if (e->hash == h)
            return expired(e, now) && !make ? NULL : e;
    }
    struct entry *e = victim(set, now);
    if (!make)
        return locked(e, now) ? e : NULL;
    if (!locked(e, now)) {
        e->hash = h;
        e->since = now;
        e->failures = 0;
    }
    return e;
}

unsigned
fb_track_limit_wait(const char *reference, long long now)
{
    pthread_mutex_lock(&lock);
    struct entry *e = entry_of(reference, now, false);
    unsigned wait = 0;
    if (e && locked(e, now))
        wait = (unsigned)(e->since + FB_TRACK_WINDOW - now);
    pthread_mutex_unlock(&lock);
    return wait;
}

void
fb_track_limit_failed(const char *reference, long long now)
{
    pthread_mutex_lock(&lock);
    struct entry *e = entry_of(reference, now, true);
    if (expired(e, now)) {
        e->since = now;
        e->failures = 0;
    }
    e->failures++;
    pthread_mutex_unlock(&lock);
}
