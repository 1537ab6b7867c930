/* SPDX-License-Identifier: MIT */
/*
 * Arena allocator for formc: bump allocation from chained blocks. Large
 * requests get a block of their own.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE ((size_t)64 * 1024)
#define ALIGN _Alignof(max_align_t)

struct fb_arena_block {
    struct fb_arena_block *next;
    size_t used;
    size_t size;
    max_align_t data[];
};

void
fb_arena_init(struct fb_arena *a)
{
    a->head = NULL;
    a->total = 0;
}

void
fb_arena_free(struct fb_arena *a)
{
    struct fb_arena_block *b = a->head;
    while (b) {
        struct fb_arena_block *next = b->next;
        free(b);
        b = next;
    }
    fb_arena_init(a);
}

static struct fb_arena_block *
new_block(size_t size)
{
    struct fb_arena_block *b = malloc(sizeof(*b) + size);
    if (!b) {
        fputs("formc: out of memory\n", stderr);
        abort();
    }
    b->next = NULL;
    b->used = 0;
    b->size = size;
    return b;
}

void *
fb_arena_alloc(struct fb_arena *a, size_t size)
{
    size = (size + ALIGN - 1) / ALIGN * ALIGN;
    if (size == 0)
        size = ALIGN;
    struct fb_arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        if (size > BLOCK_SIZE / 4) {
            /* A big request gets its own block behind the current one, so
             * the current block's free space is not wasted. */
            struct fb_arena_block *big = new_block(size);
            big->used = size;
            if (b) {
                big->next = b->next;
                b->next = big;
            } else {
                a->head = big;
            }
            a->total += size;
            memset(big->data, 0, size);
            return big->data;
        }
        b = new_block(BLOCK_SIZE);
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

char *
fb_arena_strndup(struct fb_arena *a, const char *s, size_t n)
{
    char *p = fb_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
fb_arena_strdup(struct fb_arena *a, const char *s)
{
    return fb_arena_strndup(a, s, strlen(s));
}

char *
fb_arena_vprintf(struct fb_arena *a, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return fb_arena_strdup(a, "");
    char *p = fb_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *
fb_arena_printf(struct fb_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = fb_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void *
fb_arena_grow(struct fb_arena *a, void *array, size_t size, size_t *cap,
              size_t need)
{
    if (need <= *cap)
        return array;
    size_t new_cap = *cap ? *cap * 2 : 8;
    while (new_cap < need)
        new_cap *= 2;
    void *p = fb_arena_alloc(a, new_cap * size);
    if (array)
        memcpy(p, array, *cap * size);
    *cap = new_cap;
    return p;
}
