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

#include "formbuilder/answers.h"

/* "No entry": the end of a chain of values, an empty hash slot. */
#define FB_ANSWERS_NONE UINT32_MAX

/* What a set holds without a malloc: enough for a scratch set that reads
 * one question (fb_answers_init()). */
#define FB_ANSWERS_INLINE_ENTRIES 4
#define FB_ANSWERS_INLINE_SLOTS 8
#define FB_ANSWERS_INLINE_BYTES 256

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

/* Frees what an fb_answers_init() set allocated, not @p a itself. */
void
fb_answers_fini(struct fb_answers *a);

/* @returns the index of the first value of @p name[0..n) (which need not
 * be NUL-terminated), or FB_ANSWERS_NONE; *@p out_count is how many values
 * it has (0 with NONE). Indexes live until the set next changes. */
uint32_t
fb_answers_find(const struct fb_answers *a, const char *name, size_t n,
                size_t *out_count);

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

/* fb_answers_set() for the @p n bytes at @p value (which need not be
 * NUL-terminated and must not contain NUL). @returns 0, or -1 when out of
 * memory (and the set remembers it, see fb_answers_failed()). */
int
fb_answers_setn(struct fb_answers *a, const char *name, const char *value,
                size_t n);

/* fb_answers_setn() for a name of @p name_len bytes (not NUL-terminated). */
int
fb_answers_setnn(struct fb_answers *a, const char *name, size_t name_len,
                 const char *value, size_t n);

/* fb_answers_remove() for a name of @p n bytes (not NUL-terminated). */
void
fb_answers_removen(struct fb_answers *a, const char *name, size_t n);
