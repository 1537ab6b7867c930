/* SPDX-License-Identifier: MIT */
/*
 * Token buckets for the rate limits. The client table is an array of
 * cfg->rate_limit_clients entries made once at start: a hash index (keyed
 * with a random seed, so addresses cannot be chosen to collide) finds an
 * address's entry, and a list in order of last use gives the one to
 * evict. Forgetting the address seen longest ago is nearly free: its
 * bucket has usually refilled, and a full bucket is what a new address
 * gets anyway.
 */
#include "ratelimit.h"

#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define NIL UINT32_MAX

struct bucket {
    double tokens;
    double at;                  /* when tokens was last brought up to date */
};

struct entry {
    struct fb_client_key key;
    struct bucket post, submit;
    uint32_t chain;             /* next entry in the same hash slot */
    uint32_t newer, older;      /* the list in order of last use */
};

struct fb_limits {
    pthread_mutex_t lock;
    struct fb_rate post, submit, form;
    struct entry *entries;
    uint32_t cap, used;
    uint32_t *slots;            /* hash index: first entry, or NIL */
    uint32_t mask;              /* slots - 1 (a power of two) */
    uint32_t newest, oldest;
    uint64_t seed;
    struct bucket *forms;       /* one per form */
    size_t n_forms;
};

/* Fills out from a peer address. See ratelimit.h. */
void
fb_client_key_from_sockaddr(const struct sockaddr *sa,
                            struct fb_client_key *out)
{
    memset(out, 0, sizeof *out);
    if (!sa)
        return;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        memcpy(out->bytes, &in->sin_addr, 4);
        out->len = 4;
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        const unsigned char *a = in6->sin6_addr.s6_addr;
        if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
            memcpy(out->bytes, a + 12, 4);
            out->len = 4;
        } else {
            memcpy(out->bytes, a, 8);
            out->len = 8;
        }
    }
}

/* Parses @p text as an IPv4 or IPv6 literal into @p ss. */
static bool
parse_address(const char *text, struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *in = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, text, &in->sin_addr) == 1) {
        in->sin_family = AF_INET;
        return true;
    }
    if (inet_pton(AF_INET6, text, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        return true;
    }
    return false;
}

/* @returns whether @p peer is exactly the address @p text (an IPv4
 * proxy also matches as an IPv4-mapped IPv6 peer). */
static bool
is_address(const struct sockaddr *peer, const char *text)
{
    struct sockaddr_storage want;
    if (!peer || !text || !parse_address(text, &want))
        return false;
    if (want.ss_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)peer;
        const struct sockaddr_in6 *b = (const struct sockaddr_in6 *)&want;
        return peer->sa_family == AF_INET6
               && memcmp(&a->sin6_addr, &b->sin6_addr, 16) == 0;
    }
    /* Both as a key: IPv4, or IPv4-mapped IPv6, give the same 4 bytes. */
    struct fb_client_key p, w;
    fb_client_key_from_sockaddr(peer, &p);
    fb_client_key_from_sockaddr((const struct sockaddr *)&want, &w);
    return p.len == 4 && w.len == 4 && memcmp(p.bytes, w.bytes, 4) == 0;
}

/* Fills out with the peer, or the address a trusted proxy forwarded. See
 * ratelimit.h. */
void
fb_client_key_of(const struct sockaddr *peer, const char *proxy,
                 const char *forwarded, struct fb_client_key *out)
{
    fb_client_key_from_sockaddr(peer, out);
    if (!proxy || !*proxy || !forwarded || !is_address(peer, proxy))
        return;
    const char *last = strrchr(forwarded, ',');
    last = last ? last + 1 : forwarded;
    last += strspn(last, " \t");
    char text[64];
    size_t n = strcspn(last, " \t");
    if (n == 0 || n >= sizeof text || last[n + strspn(last + n, " \t")])
        return;
    memcpy(text, last, n);
    text[n] = '\0';
    struct sockaddr_storage ss;
    if (parse_address(text, &ss))
        fb_client_key_from_sockaddr((const struct sockaddr *)&ss, out);
}

static void
bucket_fill(struct bucket *b, const struct fb_rate *r, double now)
{
    b->tokens = r->burst;
    b->at = now;
}

/* Brings @p b up to @p now. @returns 0 when it holds a token, else the
 * seconds until it will. */
static double
bucket_wait(struct bucket *b, const struct fb_rate *r, double now)
{
    if (r->per_second <= 0)
        return 0;
    if (now > b->at) {
        b->tokens += (now - b->at) * r->per_second;
        if (b->tokens > r->burst)
            b->tokens = r->burst;
        b->at = now;
    }
    return b->tokens >= 1 ? 0 : (1 - b->tokens) / r->per_second;
}

static void
bucket_spend(struct bucket *b, const struct fb_rate *r)
{
    if (r->per_second > 0)
        b->tokens -= 1;
}

/* Makes the limits of cfg for n_forms forms. See ratelimit.h. */
struct fb_limits *
fb_limits_new(const struct fb_config *cfg, size_t n_forms)
{
    struct fb_limits *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    pthread_mutex_init(&l->lock, NULL);
    l->post = cfg->post_per_client;
    l->submit = cfg->submit_per_client;
    l->form = cfg->submit_per_form;
    l->cap = cfg->rate_limit_clients;
    uint32_t n_slots = 16;
    while (n_slots < 2 * l->cap)
        n_slots *= 2;
    l->mask = n_slots - 1;
    l->entries = calloc(l->cap, sizeof *l->entries);
    l->slots = malloc(n_slots * sizeof *l->slots);
    l->forms = calloc(n_forms ? n_forms : 1, sizeof *l->forms);
    if (!l->entries || !l->slots || !l->forms
        || getrandom(&l->seed, sizeof l->seed, 0) != sizeof l->seed) {
        fb_limits_free(l);
        return NULL;
    }
    for (uint32_t i = 0; i < n_slots; i++)
        l->slots[i] = NIL;
    l->newest = l->oldest = NIL;
    l->n_forms = n_forms;
    for (size_t i = 0; i < n_forms; i++)
        bucket_fill(&l->forms[i], &l->form, 0);
    return l;
}

void
fb_limits_free(struct fb_limits *l)
{
    if (!l)
        return;
    pthread_mutex_destroy(&l->lock);
    free(l->entries);
    free(l->slots);
    free(l->forms);
    free(l);
}

/* FNV-1a over the key, started from the secret seed. */
static uint32_t
slot_of(const struct fb_limits *l, const struct fb_client_key *k)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ l->seed;
    for (unsigned i = 0; i < k->len; i++) {
        h ^= k->bytes[i];
        h *= 0x100000001b3ULL;
    }
    h ^= k->len;
    h *= 0x100000001b3ULL;
    return (uint32_t)(h ^ (h >> 32)) & l->mask;
}

static bool
same_key(const struct fb_client_key *a, const struct fb_client_key *b)
{
    return a->len == b->len && memcmp(a->bytes, b->bytes, a->len) == 0;
}

static void
lru_unlink(struct fb_limits *l, uint32_t i)
{
    struct entry *e = &l->entries[i];
    if (e->newer != NIL)
        l->entries[e->newer].older = e->older;
    else
        l->newest = e->older;
    if (e->older != NIL)
        l->entries[e->older].newer = e->newer;
    else
        l->oldest = e->newer;
}

static void
lru_push(struct fb_limits *l, uint32_t i)
{
    struct entry *e = &l->entries[i];
    e->newer = NIL;
    e->older = l->newest;
    if (l->newest != NIL)
        l->entries[l->newest].newer = i;
    l->newest = i;
    if (l->oldest == NIL)
        l->oldest = i;
}

/* Takes entry @p i out of its hash chain. */
static void
chain_unlink(struct fb_limits *l, uint32_t i)
{
    uint32_t *p = &l->slots[slot_of(l, &l->entries[i].key)];
    while (*p != i)
        p = &l->entries[*p].chain;
    *p = l->entries[i].chain;
}

/* @returns the entry of @p k, made (evicting the oldest when the table is
 * full) with full buckets if it is new, and marked the newest. */
static struct entry *
entry_of(struct fb_limits *l, const struct fb_client_key *k, double now)
{
    uint32_t slot = slot_of(l, k);
    for (uint32_t i = l->slots[slot]; i != NIL; i = l->entries[i].chain) {
        if (same_key(&l->entries[i].key, k)) {
            lru_unlink(l, i);
            lru_push(l, i);
            return &l->entries[i];
        }
    }
    uint32_t i;
    if (l->used < l->cap) {
        i = l->used++;
    } else {
        i = l->oldest;
        lru_unlink(l, i);
        chain_unlink(l, i);
    }
    struct entry *e = &l->entries[i];
    e->key = *k;
    bucket_fill(&e->post, &l->post, now);
    bucket_fill(&e->submit, &l->submit, now);
    e->chain = l->slots[slot];
    l->slots[slot] = i;
    lru_push(l, i);
    return e;
}

/* Takes one token from the client's bucket and, for a submission, the
 * form's, or from neither. See ratelimit.h. */
enum fb_limit_verdict
fb_limits_take(struct fb_limits *l, enum fb_limit_kind kind,
               const struct fb_client_key *client, size_t form, double now,
               unsigned *out_retry_after)
{
    bool submit = kind == FB_LIMIT_SUBMIT;
    const struct fb_rate *rate = submit ? &l->submit : &l->post;
    enum fb_limit_verdict v = FB_LIMIT_ALLOWED;
    pthread_mutex_lock(&l->lock);
    struct entry *e = entry_of(l, client, now);
    struct bucket *mine = submit ? &e->submit : &e->post;
    struct bucket *shared = submit && form < l->n_forms ? &l->forms[form]
                                                        : NULL;
    double wait = bucket_wait(mine, rate, now);
    if (wait > 0) {
        v = FB_LIMIT_CLIENT;
    } else if (shared && (wait = bucket_wait(shared, &l->form, now)) > 0) {
        v = FB_LIMIT_FORM;
    } else {
        bucket_spend(mine, rate);
        if (shared)
            bucket_spend(shared, &l->form);
    }
    pthread_mutex_unlock(&l->lock);
    if (v != FB_LIMIT_ALLOWED) {
        double s = ceil(wait);
        *out_retry_after = s < 1 ? 1 : s > 86400 ? 86400 : (unsigned)s;
    }
    return v;
}

/* returns how many client addresses the table holds now. See
 * ratelimit.h. */
size_t
fb_limits_clients(struct fb_limits *l)
{
    pthread_mutex_lock(&l->lock);
    size_t n = l->used;
    pthread_mutex_unlock(&l->lock);
    return n;
}
