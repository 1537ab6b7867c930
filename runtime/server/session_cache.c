/* SPDX-License-Identifier: MIT */
/*
 * The session cache (session_cache.h): a chained hash table of records
 * keyed by session id under one mutex. Ids are random hex, so their
 * first 16 digits are the hash.
 */
#include "session_cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "token.h"

struct entry {
    struct entry *next;
    long long saved_at;
    size_t len;                      /* of record, without its NUL */
    char id[FB_TOKEN_HEX_LEN + 1];
    char record[];
};

struct fb_session_cache {
    pthread_mutex_t lock;
    struct entry **buckets;
    size_t mask;                     /* buckets - 1, a power of two less 1 */
    size_t count, bytes, max_bytes;
};

/* A bucket per 1 KB of budget (a record is a few hundred bytes), at
 * least 256: short chains without a resize. */
struct fb_session_cache *
fb_session_cache_new(size_t max_bytes)
{
    struct fb_session_cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    size_t n = 256;
    while (n < max_bytes / 1024 && n < ((size_t)1 << 24))
        n <<= 1;
    c->buckets = calloc(n, sizeof *c->buckets);
    if (!c->buckets) {
        free(c);
        return NULL;
    }
    c->mask = n - 1;
    c->max_bytes = max_bytes;
    pthread_mutex_init(&c->lock, NULL);
    return c;
}

void
fb_session_cache_free(struct fb_session_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i <= c->mask; i++) {
        for (struct entry *e = c->buckets[i], *next; e; e = next) {
            next = e->next;
            free(e);
        }
    }
    free(c->buckets);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static uint64_t
hash(const char *id)
{
    uint64_t h = 0;
    for (size_t i = 0; i < 16 && id[i]; i++) {
        char ch = id[i];
        h = (h << 4) | (uint64_t)(ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10);
    }
    return h;
}

static size_t
cost(const struct entry *e)
{
    return sizeof *e + e->len + 1;
}

/* The link that points at @p id's entry (or at the NULL ending its
 * chain). Called with the lock held. */
static struct entry **
find(struct fb_session_cache *c, const char *id)
{
    struct entry **p = &c->buckets[hash(id) & c->mask];
    while (*p && strcmp((*p)->id, id) != 0)
        p = &(*p)->next;
    return p;
}

static void
unlink_entry(struct fb_session_cache *c, struct entry **p)
{
    struct entry *e = *p;
    *p = e->next;
    c->count--;
    c->bytes -= cost(e);
    free(e);
}

bool
fb_session_cache_get(struct fb_session_cache *c, const char *id,
                     char **out_record, long long *out_saved_at)
{
    if (strlen(id) != FB_TOKEN_HEX_LEN)
        return false;
    bool hit = false;
    pthread_mutex_lock(&c->lock);
    struct entry *e = *find(c, id);
    if (e) {
        char *copy = malloc(e->len + 1);
        if (copy) {
            memcpy(copy, e->record, e->len + 1);
            *out_record = copy;
            *out_saved_at = e->saved_at;
            hit = true;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return hit;
}

void
fb_session_cache_put(struct fb_session_cache *c, const char *id,
                     const char *record, long long saved_at)
{
    if (strlen(id) != FB_TOKEN_HEX_LEN)
        return;
    size_t len = record ? strlen(record) : 0;
    /* Made before the lock is taken; NULL when it is a removal or there
     * is no memory, and then the old record must go all the same. */
    struct entry *e = record ? malloc(sizeof *e + len + 1) : NULL;
    if (e) {
        e->saved_at = saved_at;
        e->len = len;
        memcpy(e->id, id, FB_TOKEN_HEX_LEN + 1);
        memcpy(e->record, record, len + 1);
    }
    pthread_mutex_lock(&c->lock);
    struct entry **p = find(c, id);
    if (*p)
        unlink_entry(c, p);
    /* Full: the session is left to the store (its old record is gone
     * from here already). */
    if (e && c->bytes + cost(e) <= c->max_bytes) {
        e->next = c->buckets[hash(id) & c->mask];
        c->buckets[hash(id) & c->mask] = e;
        c->count++;
        c->bytes += cost(e);
        e = NULL;
    }
    pthread_mutex_unlock(&c->lock);
    free(e);
}

size_t
fb_session_cache_expire(struct fb_session_cache *c, long long before)
{
    size_t n = 0;
    pthread_mutex_lock(&c->lock);
    for (size_t i = 0; i <= c->mask; i++) {
        struct entry **p = &c->buckets[i];
        while (*p) {
            if ((*p)->saved_at < before) {
                unlink_entry(c, p);
                n++;
            } else {
                p = &(*p)->next;
            }
        }
    }
    pthread_mutex_unlock(&c->lock);
    return n;
}

size_t
fb_session_cache_count(struct fb_session_cache *c, size_t *out_bytes)
{
    pthread_mutex_lock(&c->lock);
    size_t n = c->count;
    if (out_bytes)
        *out_bytes = c->bytes;
    pthread_mutex_unlock(&c->lock);
    return n;
}
