/* SPDX-License-Identifier: MIT */
/*
 * Answers: an ordered multi-map of field names to UTF-8 values. Pairs are
 * kept in insertion order; a hash index finds a name's first value, and
 * each name chains its values. Strings are bump-allocated from chunks the
 * set keeps across fb_answers_clear(), so the server's per-request sets
 * (validated answers, cleared for every POST) stop calling malloc once
 * warm. Layout in answers-priv.h.
 */
#include "formbuilder/answers.h"
#include "answers-priv.h"
#include "formbuilder/form.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE FB_ANSWERS_NONE

/* struct fb_answer.flags */
enum {
    OWN_NAME = FB_ANSWERS_OWN_NAME, /* the name's block is this pair's (a
                                       first value) */
    HEAP_NAME = 2,  /* ... and was malloc'd for it alone */
    IN_BLOCK = FB_ANSWERS_IN_BLOCK, /* the value is the one stored with the
                                       name, in its block: "name\0value\0" */
    HEAP_VALUE = 8, /* the value was malloc'd for it alone */
    DOOMED = 16,    /* being removed (drop_marked()) */
};
#define HEAP_ANY (HEAP_NAME | HEAP_VALUE)

#define CHUNK_SIZE FB_ANSWERS_CHUNK_SIZE
#define BIG FB_ANSWERS_BIG
/* Indexes and lengths are 32-bit; NONE is never an index. */
#define MAX_ENTRIES (UINT32_C(1) << 30)
#define MAX_LEN (UINT32_MAX - 1)

/* ---- the index ------------------------------------------------------ */

/* Empties slot @p hole, moving later entries of its probe run back so
 * that every name stays reachable from its home slot. */
static void
unslot(struct fb_answers *a, uint32_t hole)
{
    uint32_t mask = a->n_slots - 1;

    for (uint32_t j = (hole + 1) & mask; a->slots[j] != NONE;
         j = (j + 1) & mask) {
        uint32_t home = a->entries[a->slots[j]].hash & mask;

        /* It may move to the hole when the hole is on its probe path. */
        if (((j - home) & mask) >= ((j - hole) & mask)) {
            a->slots[hole] = a->slots[j];
            hole = j;
        }
    }
    a->slots[hole] = NONE;
}

/* Rebuilds the index and the chains from the pairs, after pairs moved. */
static void
reindex(struct fb_answers *a)
{
    memset(a->slots, 0xff, (size_t)a->n_slots * sizeof(*a->slots));
    a->n_names = 0;
    for (uint32_t i = 0; i < a->len; i++) {
        struct fb_answer *p = &a->entries[i];
        uint32_t slot;
        uint32_t e = fb_answers_lookup(a, p->name, p->name_len, p->hash,
                                       &slot);

        p->next = NONE;
        if (e == NONE) {
            a->slots[slot] = i;
            a->n_names++;
            p->count = 1;
            p->last = i;
        } else {
            struct fb_answer *head = &a->entries[e];

            a->entries[head->last].next = i;
            head->last = i;
            head->count++;
            p->count = 0;
            p->last = NONE;
        }
    }
}

/* ---- storage -------------------------------------------------------- */

/* Moves on to the next chunk, making one when there is none. Every chunk
 * but the inline one holds CHUNK_SIZE > BIG bytes, so the string fits. */
static bool
next_chunk(struct fb_answers *a)
{
    struct fb_answers_chunk *c = a->cur->next;

    if (!c) {
        c = malloc(sizeof(*c) + CHUNK_SIZE);
        if (!c)
            return false;
        c->next = NULL;
        c->bytes = (char *)(c + 1);
        c->cap = CHUNK_SIZE;
        a->cur->next = c;
    }
    a->cur = c;
    a->used = 0;
    return true;
}

/* put() for a string that needs a malloc or a new chunk. */
static char *
put_slow(struct fb_answers *a, size_t size, bool *out_heap)
{
    char *p;

    if (size >= BIG || a->dead > a->live + CHUNK_SIZE) {
        *out_heap = true;
        return malloc(size);
    }
    if (a->cur->cap - a->used < size && !next_chunk(a))
        return NULL;
    p = a->cur->bytes + a->used;
    a->used += size;
    a->live += size;
    *out_heap = false;
    return p;
}

/*
 * Reserves @p size bytes of the set's storage: the current chunk, or a
 * malloc of its own for a long string, or when removed strings already
 * waste more than the live ones hold (a long-lived set that keeps
 * replacing values then stays within about twice what it holds).
 * @returns the space, or NULL when out of memory.
 */
static inline char *
reserve_bytes(struct fb_answers *a, size_t size, bool *out_heap)
{
    char *p;

    if (size >= BIG || a->cur->cap - a->used < size ||
        a->dead > a->live + CHUNK_SIZE)
        return put_slow(a, size, out_heap);
    p = a->cur->bytes + a->used;
    a->used += size;
    a->live += size;
    *out_heap = false;
    return p;
}

/* Copies @p s[0..n) and a NUL into the set's storage. @returns the copy,
 * or NULL when out of memory. */
static inline char *
put(struct fb_answers *a, const char *s, size_t n, bool *out_heap)
{
    char *p = reserve_bytes(a, n + 1, out_heap);

    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* Gives back @p size bytes at @p s that reserve_bytes() gave. Chunk
 * space is reused after a clear, or as soon as no pair holds any
 * (rewind_if_empty()). */
static void
unput(struct fb_answers *a, const char *s, size_t size, bool heap)
{
    if (heap) {
        free((char *)s);
    } else {
        a->live -= size;
        a->dead += size;
    }
}

static void
release(struct fb_answers *a, const struct fb_answer *p)
{
    if (p->flags & OWN_NAME)
        unput(a, p->name, p->block, p->flags & HEAP_NAME);
    if (!(p->flags & IN_BLOCK))
        unput(a, p->value, (size_t)p->value_len + 1, p->flags & HEAP_VALUE);
    if (p->flags & HEAP_ANY)
        a->n_heap--;
}

/* When no pair holds chunk space any more, it can all be reused. */
static void
rewind_if_empty(struct fb_answers *a)
{
    if (a->live == 0 && a->dead > 0) {
        a->cur = &a->first;
        a->used = 0;
        a->dead = 0;
    }
}

static bool
grow_entries(struct fb_answers *a, size_t extra)
{
    size_t cap;
    struct fb_answer *e;

    if (extra > MAX_ENTRIES - a->len)
        return false;
    for (cap = (size_t)a->cap * 2; cap < a->len + extra; cap *= 2)
        ;
    if (cap > MAX_ENTRIES)
        cap = MAX_ENTRIES;
    if (a->entries == a->inline_entries) {
        e = malloc(cap * sizeof(*e));
        if (e)
            memcpy(e, a->entries, a->len * sizeof(*e));
    } else {
        e = realloc(a->entries, cap * sizeof(*e));
    }
    if (!e)
        return false;
    a->entries = e;
    a->cap = (uint32_t)cap;
    return true;
}

static inline bool
reserve(struct fb_answers *a, size_t extra)
{
    return a->len + extra <= a->cap || grow_entries(a, extra);
}

/* Doubles the index: it is kept at most half full. */
static bool
grow_slots(struct fb_answers *a)
{
    uint32_t n = a->n_slots * 2;
    uint32_t *slots = malloc((size_t)n * sizeof(*slots));

    if (!slots)
        return false;
    if (a->slots != a->inline_slots)
        free(a->slots);
    a->slots = slots;
    a->n_slots = n;
    reindex(a);
    return true;
}

/* ---- changing the set ----------------------------------------------- */

static int
oom(struct fb_answers *a)
{
    a->failed = true;
    return -1;
}

int
fb_answers_append(struct fb_answers *a, const char *name, size_t name_len,
                  uint32_t h, uint32_t head, uint32_t slot, const char *value,
                  size_t n)
{
    struct fb_answer *p;
    uint32_t i = a->len;
    bool heap;
    char *copy;

    if (name_len > MAX_LEN || n > MAX_LEN || !reserve(a, 1))
        return oom(a);
    p = &a->entries[i];
    if (head == NONE) {
        if (((size_t)a->n_names + 1) * 2 > a->n_slots) {
            if (a->n_slots >= MAX_ENTRIES || !grow_slots(a))
                return oom(a);
            (void)fb_answers_lookup(a, name, name_len, h, &slot);
        }
        if (name_len + n > MAX_LEN ||
            !(copy = reserve_bytes(a, name_len + n + 2, &heap)))
            return oom(a);
        fb_copy_bytes(copy, name, name_len);
        copy[name_len] = '\0';
        p->name = copy;
        p->value = copy + name_len + 1;
        p->block = (uint32_t)(name_len + n + 2);
        p->flags = OWN_NAME | IN_BLOCK | (heap ? HEAP_NAME : 0);
        p->count = 1;
        p->last = i;
        a->slots[slot] = i;
        a->n_names++;
    } else {
        struct fb_answer *first = &a->entries[head];

        if (!(p->value = reserve_bytes(a, n + 1, &heap)))
            return oom(a);
        p->name = first->name;
        p->block = 0;
        p->flags = heap ? HEAP_VALUE : 0;
        p->count = 0;
        p->last = NONE;
        a->entries[first->last].next = i;
        first->last = i;
        first->count++;
    }
    fb_copy_bytes(p->value, value, n);
    p->value[n] = '\0';
    p->name_len = (uint32_t)name_len;
    p->value_len = (uint32_t)n;
    p->hash = h;
    p->next = NONE;
    if (heap)
        a->n_heap++;
    a->len++;
    return 0;
}

static int
add(struct fb_answers *a, const char *name, size_t name_len,
    const char *value, size_t n)
{
    uint32_t h = fb_answers_hash(name, name_len), slot;
    uint32_t head = fb_answers_lookup(a, name, name_len, h, &slot);

    if (head == NONE)
        return fb_answers_append_name(a, name, name_len, h, slot, value, n);
    return fb_answers_append(a, name, name_len, h, head, slot, value, n);
}

/*
 * Removes the pairs marked DOOMED (@p n_doomed of them, the first at
 * @p first), keeping the order. When they are the last pairs, only their
 * names leave the index; otherwise pairs move and the index is rebuilt.
 */
static void
drop_marked(struct fb_answers *a, uint32_t first, uint32_t n_doomed)
{
    uint32_t to = first;

    if (first + n_doomed == a->len) {
        for (uint32_t i = first; i < a->len; i++) {
            const struct fb_answer *p = &a->entries[i];
            uint32_t slot;

            if (p->count > 0 && fb_answers_lookup(a, p->name, p->name_len,
                                                  p->hash, &slot) == i) {
                unslot(a, slot);
                a->n_names--;
            }
        }
        for (uint32_t i = first; i < a->len; i++)
            release(a, &a->entries[i]);
        a->len = first;
    } else {
        for (uint32_t i = first; i < a->len; i++) {
            struct fb_answer *p = &a->entries[i];

            if (p->flags & DOOMED)
                release(a, p);
            else
                a->entries[to++] = *p;
        }
        a->len = to;
        reindex(a);
    }
    rewind_if_empty(a);
}

/* Removes every value of the name whose first value is @p head. */
static void
remove_name(struct fb_answers *a, uint32_t head)
{
    uint32_t n = 0;

    for (uint32_t i = head; i != NONE; i = a->entries[i].next, n++)
        a->entries[i].flags |= DOOMED;
    drop_marked(a, head, n);
}

void
fb_answers_init(struct fb_answers *a)
{
    a->entries = a->inline_entries;
    a->len = 0;
    a->cap = FB_ANSWERS_INLINE_ENTRIES;
    a->slots = a->inline_slots;
    a->n_slots = FB_ANSWERS_INLINE_SLOTS;
    a->n_names = 0;
    memset(a->slots, 0xff, sizeof(a->inline_slots));
    a->first = (struct fb_answers_chunk){NULL, a->inline_bytes,
                                         FB_ANSWERS_INLINE_BYTES};
    a->cur = &a->first;
    a->used = 0;
    a->live = 0;
    a->dead = 0;
    a->n_heap = 0;
    a->failed = false;
}

struct fb_answers *
fb_answers_new(void)
{
    struct fb_answers *a = malloc(sizeof(*a));

    if (a)
        fb_answers_init(a);
    return a;
}

/* Frees the strings that have a malloc of their own. */
static void
free_heap_strings(struct fb_answers *a)
{
    for (uint32_t i = 0; a->n_heap > 0 && i < a->len; i++) {
        const struct fb_answer *p = &a->entries[i];

        if (p->flags & HEAP_NAME)
            free((char *)p->name);
        if (p->flags & HEAP_VALUE)
            free(p->value);
        if (p->flags & HEAP_ANY)
            a->n_heap--;
    }
}

void
fb_answers_clear(struct fb_answers *a)
{
    free_heap_strings(a);
    if (a->n_names > 0)
        memset(a->slots, 0xff, (size_t)a->n_slots * sizeof(*a->slots));
    a->len = 0;
    a->n_names = 0;
    a->cur = &a->first;
    a->used = 0;
    a->live = 0;
    a->dead = 0;
    a->failed = false;
}

void
fb_answers_fini(struct fb_answers *a)
{
    struct fb_answers_chunk *c, *next;

    free_heap_strings(a);
    for (c = a->first.next; c; c = next) {
        next = c->next;
        free(c);
    }
    if (a->entries != a->inline_entries)
        free(a->entries);
    if (a->slots != a->inline_slots)
        free(a->slots);
    fb_answers_init(a);
}

void
fb_answers_free(struct fb_answers *a)
{
    if (!a)
        return;
    fb_answers_fini(a);
    free(a);
}

int
fb_answers_add(struct fb_answers *a, const char *name, const char *value)
{
    return add(a, name, strlen(name), value, strlen(value));
}

int
fb_answers_set(struct fb_answers *a, const char *name, const char *value)
{
    return fb_answers_setnn(a, name, strlen(name), value, strlen(value));
}

int
fb_answers_setn(struct fb_answers *a, const char *name, const char *value,
                size_t n)
{
    return fb_answers_setnn(a, name, strlen(name), value, n);
}

int
fb_answers_replace(struct fb_answers *a, uint32_t head, const char *value,
                   size_t n)
{
    uint32_t later = 0;
    struct fb_answer *p;
    char *copy;
    bool heap;

    /* Copy first: @p value may be the old value itself. */
    if (n > MAX_LEN || !(copy = put(a, value, n, &heap)))
        return oom(a);
    p = &a->entries[head];
    if (p->flags & HEAP_ANY)
        a->n_heap--;
    /* A value in the name's block goes with the name. */
    if (!(p->flags & IN_BLOCK))
        unput(a, p->value, (size_t)p->value_len + 1, p->flags & HEAP_VALUE);
    p->value = copy;
    p->value_len = (uint32_t)n;
    p->flags = (uint8_t)((p->flags & ~(IN_BLOCK | HEAP_VALUE)) |
                         (heap ? HEAP_VALUE : 0));
    if (p->flags & HEAP_ANY)
        a->n_heap++;
    if (p->count == 1)
        return 0;
    /* Drop the later values, keeping the first pair where it was. */
    for (uint32_t i = p->next; i != NONE; i = a->entries[i].next, later++)
        a->entries[i].flags |= DOOMED;
    drop_marked(a, p->next, later);
    p = &a->entries[head]; /* it stays where it was */
    p->next = NONE;
    p->count = 1;
    p->last = head;
    return 0;
}

void
fb_answers_removenh(struct fb_answers *a, const char *name, size_t n,
                    uint32_t h)
{
    uint32_t slot;
    uint32_t head = fb_answers_lookup(a, name, n, h, &slot);

    if (head != NONE)
        remove_name(a, head);
}

void
fb_answers_removen(struct fb_answers *a, const char *name, size_t n)
{
    fb_answers_removenh(a, name, n, fb_answers_hash(name, n));
}

uint32_t
fb_name_hash(const char *s, size_t n)
{
    return fb_answers_hash(s, n);
}

void
fb_answers_remove(struct fb_answers *a, const char *name)
{
    fb_answers_removen(a, name, strlen(name));
}

void
fb_answers_remove_prefix(struct fb_answers *a, const char *prefix)
{
    size_t n = strlen(prefix);
    uint32_t first = NONE, doomed = 0;

    for (uint32_t i = 0; i < a->len; i++) {
        struct fb_answer *p = &a->entries[i];

        /* Cheapest tests first: most names differ in length or start. */
        if (p->name_len < n || (n > 0 && p->name[0] != prefix[0]) ||
            !(p->name_len == n || p->name[n] == '.' || p->name[n] == '-') ||
            !fb_same_bytes(p->name, prefix, n))
            continue;
        p->flags |= DOOMED;
        if (first == NONE)
            first = i;
        doomed++;
    }
    if (doomed > 0)
        drop_marked(a, first, doomed);
}

/* ---- reading -------------------------------------------------------- */

/* Sets longer than this are not scanned for a prefix. */
#define PREFIX_SCAN_MAX 32

bool
fb_answers_may_have_prefix(const struct fb_answers *a, const char *prefix,
                           size_t n)
{
    if (a->len > PREFIX_SCAN_MAX)
        return true;
    for (uint32_t i = 0; i < a->len; i++) {
        const struct fb_answer *p = &a->entries[i];

        if (p->name_len >= n && fb_same_bytes(p->name, prefix, n))
            return true;
    }
    return false;
}

const char *
fb_answers_get(const struct fb_answers *a, const char *name)
{
    size_t count;
    uint32_t i = fb_answers_find(a, name, strlen(name), &count);

    return i == NONE ? NULL : a->entries[i].value;
}

size_t
fb_answers_count(const struct fb_answers *a, const char *name)
{
    size_t count;

    (void)fb_answers_find(a, name, strlen(name), &count);
    return count;
}

const char *
fb_answers_get_nth(const struct fb_answers *a, const char *name, size_t i)
{
    size_t count;
    uint32_t k = fb_answers_find(a, name, strlen(name), &count);

    if (i >= count)
        return NULL;
    for (; i > 0; i--)
        k = a->entries[k].next;
    return a->entries[k].value;
}

bool
fb_answers_has(const struct fb_answers *a, const char *name,
               const char *value)
{
    size_t count, n;
    uint32_t i;

    if (!value)
        return false;
    n = strlen(value);
    for (i = fb_answers_find(a, name, strlen(name), &count); i != NONE;
         i = a->entries[i].next)
        if (a->entries[i].value_len == n &&
            memcmp(a->entries[i].value, value, n) == 0)
            return true;
    return false;
}

size_t
fb_answers_size(const struct fb_answers *a)
{
    return a->len;
}

bool
fb_answers_at(const struct fb_answers *a, size_t i, const char **out_name,
              const char **out_value)
{
    if (i >= a->len)
        return false;
    if (out_name)
        *out_name = a->entries[i].name;
    if (out_value)
        *out_value = a->entries[i].value;
    return true;
}

int
fb_answers_copy(struct fb_answers *to, const struct fb_answers *from)
{
    uint32_t n = from->len; /* fixed first: @p to may be @p from */

    if (!reserve(to, n))
        return oom(to);
    for (uint32_t i = 0; i < n; i++) {
        const struct fb_answer *p = &from->entries[i];

        if (add(to, p->name, p->name_len, p->value, p->value_len) != 0)
            return -1;
    }
    return 0;
}

bool
fb_answers_failed(const struct fb_answers *a)
{
    return a->failed;
}
