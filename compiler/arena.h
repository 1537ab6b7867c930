/* SPDX-License-Identifier: MIT */
/*
 * Arena: one per compilation. Nodes, model objects, strings and diagnostics
 * are carved from it and all freed together by fb_arena_free(), so passes
 * never free piecemeal and error paths cannot leak.
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>

struct fb_arena_block;

struct fb_arena {
    struct fb_arena_block *head;
    size_t total;              /* bytes handed out, for the memory cap */
};

void
fb_arena_init(struct fb_arena *a);

/** Frees every block; @p a may be reused after. */
void
fb_arena_free(struct fb_arena *a);

/** @returns @p size zeroed bytes aligned for any type; aborts when out of
 *  memory (formc may, as cmark does). */
void *
fb_arena_alloc(struct fb_arena *a, size_t size);

/** @returns a NUL-terminated copy of @p s[0..n). */
char *
fb_arena_strndup(struct fb_arena *a, const char *s, size_t n);

/** @returns a NUL-terminated copy of @p s. */
char *
fb_arena_strdup(struct fb_arena *a, const char *s);

/** @returns a formatted string in the arena. */
char *
fb_arena_printf(struct fb_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Like fb_arena_printf() with a va_list (which it leaves unusable). */
char *
fb_arena_vprintf(struct fb_arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/** Grows an arena array of @p *cap elements of @p size to hold @p need;
 *  old storage is left in the arena. @returns the (maybe new) array. */
void *
fb_arena_grow(struct fb_arena *a, void *array, size_t size, size_t *cap,
              size_t need);
