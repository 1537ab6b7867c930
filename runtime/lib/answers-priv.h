/* SPDX-License-Identifier: MIT */
/*
 * Answer-set internals for the field readers and the driver: the layout of
 * struct fb_answers (so a scratch set can live on the stack), look-up by a
 * name that is not NUL-terminated, walking the values of one name, and
 * storing a value that is a slice of another string. Private to
 * runtime/lib; everyone else uses answers.h.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "formbuilder/answers.h"

/* "No entry": the end of a chain of values, an empty hash slot. */
#define FB_ANSWERS_NONE UINT32_MAX

/* What a set holds without a malloc: enough for a scratch set that reads
 * one question (fb_answers_init()). */
#define FB_ANSWERS_INLINE_ENTRIES 4
#define FB_ANSWERS_INLINE_SLOTS 8
#define FB_ANSWERS_INLINE_BYTES 256

/* Chunks after the inline one. A string of FB_ANSWERS_BIG bytes or more
 * gets a malloc of its own, freed with it, so one long textarea does not
 * pin a chunk. */
#define FB_ANSWERS_CHUNK_SIZE 4096
#define FB_ANSWERS_BIG 1024

/* struct fb_answer.flags that the inline store below sets (the rest are
 * answers.c's own). */
#define FB_ANSWERS_OWN_NAME 1  /* the name's block is this pair's */
#define FB_ANSWERS_IN_BLOCK 4  /* the value shares the name's block */

/* One name/value pair. The values of one name are chained in insertion
 * order from the first, which also counts them. */
struct fb_answer {
    const char *name;          /* shared by every value of the name */
    char *value;
    uint32_t name_len;
    uint32_t value_len;
    uint32_t hash;             /* of the name */
    uint32_t next;             /* next value of this name, or NONE */
    uint32_t count;            /* first value of a name: how many; else 0 */
    uint32_t last;             /* first value of a name: the last one */
    uint32_t block;            /* first value: bytes of the name's block */
    uint8_t flags;             /* ownership bits (answers.c) */
};

/* A block of the storage the strings are bump-allocated from. */
struct fb_answers_chunk {
    struct fb_answers_chunk *next;
    char *bytes;
    size_t cap;
};

/*
 * The set: pairs in insertion order, an open-addressing hash index from
 * each name to its first pair, and the strings in chunks that
 * fb_answers_clear() rewinds rather than frees, so a set reused per
 * request stops calling malloc once it has grown.
 */
struct fb_answers {
    struct fb_answer *entries; /* insertion order */
    uint32_t len;
    uint32_t cap;
    uint32_t *slots;           /* entry index of a name's first value, or
                                  NONE; linear probing */
    uint32_t n_slots;          /* a power of two, at most half full */
    uint32_t n_names;
    struct fb_answers_chunk *cur; /* the chunk being filled; the list
                                     starts at `first` */
    size_t used;               /* bytes used in cur */
    size_t live;               /* chunk bytes held by pairs */
    size_t dead;               /* chunk bytes of removed pairs, reused
                                  only after a clear */
    uint32_t n_heap;           /* pairs with a string of its own malloc */
    bool failed;               /* an add or set ran out of memory since the
                                  last clear */
    struct fb_answers_chunk first;
    struct fb_answer inline_entries[FB_ANSWERS_INLINE_ENTRIES];
    uint32_t inline_slots[FB_ANSWERS_INLINE_SLOTS];
    char inline_bytes[FB_ANSWERS_INLINE_BYTES];
};

/* Makes @p a an empty set in memory the caller owns (a scratch set on the
 * stack); release it with fb_answers_fini(), not fb_answers_free(). */
void
fb_answers_init(struct fb_answers *a);

/* Frees what an fb_answers_init() set allocated, not @p a itself, and
 * leaves it empty, as fb_answers_init() made it. */
void
fb_answers_fini(struct fb_answers *a);

/* ---- look-up, inline: every field of every POST goes through it ---- */

static inline uint64_t
fb_load64(const char *s)
{
    uint64_t w;

    memcpy(&w, s, sizeof w);
    return w;
}

static inline uint32_t
fb_load32(const char *s)
{
    uint32_t w;

    memcpy(&w, s, sizeof w);
    return w;
}

/* Little-endian loads, for a hash that is the same on every machine:
 * formc writes hashes into descriptors (struct fb_name), maybe on
 * another machine than the one that runs them. One load on x86. */
static inline uint64_t
fb_load64le(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    return (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 |
           (uint64_t)u[3] << 24 | (uint64_t)u[4] << 32 |
           (uint64_t)u[5] << 40 | (uint64_t)u[6] << 48 |
           (uint64_t)u[7] << 56;
}

static inline uint32_t
fb_load32le(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
           (uint32_t)u[3] << 24;
}

/*
 * Hashes a name from its length and its first and last eight bytes (all
 * of them when shorter), in constant time: field names are short, and
 * names that differ only in the middle of long ones merely probe on.
 * The same on every machine (fb_name_hash(), formc's descriptors).
 */
static inline uint32_t
fb_answers_hash(const char *s, size_t n)
{
    const uint64_t k = UINT64_C(0x9e3779b97f4a7c15);
    uint64_t h;

    if (n >= 8)
        h = fb_load64le(s) ^ (fb_load64le(s + n - 8) * k);
    else if (n >= 4)
        h = (uint64_t)fb_load32le(s) << 32 | fb_load32le(s + n - 4);
    else if (n > 0)
        h = (uint64_t)(unsigned char)s[0] << 16 |
            (uint64_t)(unsigned char)s[n / 2] << 8 | (unsigned char)s[n - 1];
    else
        h = 0;
    h = (h ^ n) * k;
    return (uint32_t)(h ^ h >> 32);
}

/* Copies @p n bytes to @p to (not overlapping @p from): inline for the
 * short strings answers mostly are. */
static inline void
fb_copy_bytes(char *to, const char *from, size_t n)
{
    if (n >= 8 && n <= 16) {
        uint64_t head = fb_load64(from), tail = fb_load64(from + n - 8);

        memcpy(to, &head, sizeof head);
        memcpy(to + n - 8, &tail, sizeof tail);
    } else if (n >= 4 && n < 8) {
        uint32_t head = fb_load32(from), tail = fb_load32(from + n - 4);

        memcpy(to, &head, sizeof head);
        memcpy(to + n - 4, &tail, sizeof tail);
    } else {
        memcpy(to, from, n);
    }
}

/* @returns true when @p x[0..n) and @p y[0..n) are the same bytes. */
static inline bool
fb_same_bytes(const char *x, const char *y, size_t n)
{
    if (n >= 8) {
        for (; n > 16; x += 8, y += 8, n -= 8)
            if (fb_load64(x) != fb_load64(y))
                return false;
        /* 8 to 16 left: two words, overlapping */
        return ((fb_load64(x) ^ fb_load64(y)) |
                (fb_load64(x + n - 8) ^ fb_load64(y + n - 8))) == 0;
    }
    if (n >= 4)
        return ((fb_load32(x) ^ fb_load32(y)) |
                (fb_load32(x + n - 4) ^ fb_load32(y + n - 4))) == 0;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return false;
    return true;
}

/* @returns the index of the first value of the name @p name[0..n) with
 * hash @p h, or FB_ANSWERS_NONE; *@p out_slot is its slot, or the empty
 * slot where it would go. */
static inline uint32_t
fb_answers_lookup(const struct fb_answers *a, const char *name, size_t n,
                  uint32_t h, uint32_t *out_slot)
{
    uint32_t mask = a->n_slots - 1;

    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t e = a->slots[i];
        const struct fb_answer *p;

        if (e == FB_ANSWERS_NONE) {
            *out_slot = i;
            return e;
        }
        p = &a->entries[e];
        if (p->hash == h && p->name_len == n &&
            fb_same_bytes(p->name, name, n)) {
            *out_slot = i;
            return e;
        }
    }
}

/* @returns the index of the first value of @p name[0..n) (which need not
 * be NUL-terminated), or FB_ANSWERS_NONE; *@p out_count is how many values
 * it has (0 with NONE). Indexes live until the set next changes. */
static inline uint32_t
fb_answers_find(const struct fb_answers *a, const char *name, size_t n,
                size_t *out_count)
{
    uint32_t slot;
    uint32_t i = fb_answers_lookup(a, name, n, fb_answers_hash(name, n),
                                   &slot);

    *out_count = i == FB_ANSWERS_NONE ? 0 : a->entries[i].count;
    return i;
}

/* fb_answers_find() for a name whose fb_answers_hash() is @p h. */
static inline uint32_t
fb_answers_findh(const struct fb_answers *a, const char *name, size_t n,
                 uint32_t h, size_t *out_count)
{
    uint32_t slot;
    uint32_t i = fb_answers_lookup(a, name, n, h, &slot);

    *out_count = i == FB_ANSWERS_NONE ? 0 : a->entries[i].count;
    return i;
}

/* The pair at index @p i, from fb_answers_find() or fb_answers_next(). */
static inline const struct fb_answer *
fb_answers_entry(const struct fb_answers *a, uint32_t i)
{
    return &a->entries[i];
}

/* @returns the index of the value after @p i under the same name, or
 * FB_ANSWERS_NONE. */
static inline uint32_t
fb_answers_next(const struct fb_answers *a, uint32_t i)
{
    return a->entries[i].next;
}

/* Appends a value of the name whose first value is @p head (NONE: a new
 * name, whose empty slot is @p slot; @p h is the name's hash). A new
 * name's first value shares one allocation with it: "name\0value\0".
 * @returns 0, or -1 when out of memory (and the set remembers it). */
int
fb_answers_append(struct fb_answers *a, const char *name, size_t name_len,
                  uint32_t h, uint32_t head, uint32_t slot, const char *value,
                  size_t n);

/*
 * fb_answers_append() of a new name, inline for the common case: the
 * pair, its slot and its bytes all fit what the set already holds. The
 * name and value go into one block, "name\0value\0".
 */
static inline int
fb_answers_append_name(struct fb_answers *a, const char *name,
                       size_t name_len, uint32_t h, uint32_t slot,
                       const char *value, size_t n)
{
    size_t size = name_len + n + 2;
    uint32_t i = a->len;
    struct fb_answer *p;
    char *copy;

    if (i == a->cap || ((size_t)a->n_names + 1) * 2 > a->n_slots ||
        size >= FB_ANSWERS_BIG || a->cur->cap - a->used < size ||
        a->dead > a->live + FB_ANSWERS_CHUNK_SIZE)
        return fb_answers_append(a, name, name_len, h, FB_ANSWERS_NONE, slot,
                                 value, n);
    copy = a->cur->bytes + a->used;
    a->used += size;
    a->live += size;
    fb_copy_bytes(copy, name, name_len);
    copy[name_len] = '\0';
    fb_copy_bytes(copy + name_len + 1, value, n);
    copy[size - 1] = '\0';
    p = &a->entries[i];
    p->name = copy;
    p->value = copy + name_len + 1;
    p->name_len = (uint32_t)name_len;
    p->value_len = (uint32_t)n;
    p->hash = h;
    p->next = FB_ANSWERS_NONE;
    p->count = 1;
    p->last = i;
    p->block = (uint32_t)size;
    p->flags = FB_ANSWERS_OWN_NAME | FB_ANSWERS_IN_BLOCK;
    a->slots[slot] = i;
    a->n_names++;
    a->len = i + 1;
    return 0;
}

/* Makes @p value[0..n) the only value of the name whose first value is
 * @p head. @returns 0, or -1 when out of memory (remembered). */
int
fb_answers_replace(struct fb_answers *a, uint32_t head, const char *value,
                   size_t n);

/* fb_answers_set() for the @p n bytes at @p value (which need not be
 * NUL-terminated and must not contain NUL). @returns 0, or -1 when out of
 * memory (and the set remembers it, see fb_answers_failed()). */
int
fb_answers_setn(struct fb_answers *a, const char *name, const char *value,
                size_t n);

/* fb_answers_set() for a name of @p name_len bytes and the @p n bytes at
 * @p value (neither NUL-terminated; the value must not contain NUL), inline:
 * every reader stores through it. @returns 0, or -1 when out of memory
 * (and the set remembers it, see fb_answers_failed()). */
static inline int
fb_answers_setnnh(struct fb_answers *a, const char *name, size_t name_len,
                  uint32_t h, const char *value, size_t n)
{
    uint32_t slot;
    uint32_t head = fb_answers_lookup(a, name, name_len, h, &slot);

    if (head == FB_ANSWERS_NONE)
        return fb_answers_append_name(a, name, name_len, h, slot, value, n);
    return fb_answers_replace(a, head, value, n);
}

/* fb_answers_setnnh() for a name not yet hashed. */
static inline int
fb_answers_setnn(struct fb_answers *a, const char *name, size_t name_len,
                 const char *value, size_t n)
{
    return fb_answers_setnnh(a, name, name_len,
                             fb_answers_hash(name, name_len), value, n);
}

/* fb_answers_add() for a name of @p name_len bytes whose fb_answers_hash()
 * is @p h and a value of @p n (neither NUL-terminated), inline. */
static inline int
fb_answers_addnh(struct fb_answers *a, const char *name, size_t name_len,
                 uint32_t h, const char *value, size_t n)
{
    uint32_t slot;
    uint32_t head = fb_answers_lookup(a, name, name_len, h, &slot);

    if (head == FB_ANSWERS_NONE)
        return fb_answers_append_name(a, name, name_len, h, slot, value, n);
    return fb_answers_append(a, name, name_len, h, head, slot, value, n);
}

/* fb_answers_addnh() for a name not yet hashed. */
static inline int
fb_answers_addn(struct fb_answers *a, const char *name, size_t name_len,
                const char *value, size_t n)
{
    return fb_answers_addnh(a, name, name_len,
                            fb_answers_hash(name, name_len), value, n);
}

/* @returns true when some name in @p a starts with @p prefix[0..n); may
 * answer true without looking when the set is large, so use it only to
 * skip work that would find nothing. */
bool
fb_answers_may_have_prefix(const struct fb_answers *a, const char *prefix,
                           size_t n);

/* fb_answers_remove() for a name of @p n bytes (not NUL-terminated). */
void
fb_answers_removen(struct fb_answers *a, const char *name, size_t n);

/* fb_answers_removen() for a name whose fb_answers_hash() is @p h. */
void
fb_answers_removenh(struct fb_answers *a, const char *name, size_t n,
                    uint32_t h);
