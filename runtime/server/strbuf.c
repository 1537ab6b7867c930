/* SPDX-License-Identifier: MIT */
/*
 * Growable buffer: doubling capacity, sticky failure flag.
 */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Initialises an empty buffer without allocating. See strbuf.h. */
void
fb_strbuf_init(struct fb_strbuf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = false;
}

/* Frees the bytes and leaves b empty. See strbuf.h. */
void
fb_strbuf_free(struct fb_strbuf *b)
{
    free(b->data);
    fb_strbuf_init(b);
}

static bool
reserve(struct fb_strbuf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra > (size_t)-1 / 2 - b->len) {
        b->failed = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

/* Appends n bytes of s. See strbuf.h. */
void
fb_strbuf_add(struct fb_strbuf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Appends the NUL-terminated s. See strbuf.h. */
void
fb_strbuf_puts(struct fb_strbuf *b, const char *s)
{
    fb_strbuf_add(b, s, strlen(s));
}

/* Appends one byte. See strbuf.h. */
void
fb_strbuf_putc(struct fb_strbuf *b, char c)
{
    fb_strbuf_add(b, &c, 1);
}

/* Appends printf output. See strbuf.h. */
void
fb_strbuf_printf(struct fb_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Hands the bytes (NUL-terminated, "" when empty) to the caller, who frees
 * them; returns NULL and frees everything if a write failed. See strbuf.h. */
char *
fb_strbuf_take(struct fb_strbuf *b, size_t *out_len)
{
    if (!b->failed && !b->data)
        reserve(b, 0);
    if (b->failed) {
        fb_strbuf_free(b);
        b->failed = false;
        return NULL;
    }
    if (b->len == 0)
        b->data[0] = '\0';
    char *p = b->data;
    if (out_len)
        *out_len = b->len;
    fb_strbuf_init(b);
    return p;
}
