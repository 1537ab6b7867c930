/* SPDX-License-Identifier: MIT */
/*
 * A growable byte buffer for the server's text output (JSON, CSV, session
 * records, headers). Allocation failure is sticky and checked once at the
 * end, like the HTML writer.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct fb_strbuf {
    char *data;   /* NUL-terminated once anything is written */
    size_t len;
    size_t cap;
    bool failed;  /* an allocation failed */
};

/** Initialises an empty buffer without allocating. */
void
fb_strbuf_init(struct fb_strbuf *b);

/** Frees the bytes and leaves @p b empty. */
void
fb_strbuf_free(struct fb_strbuf *b);

/** Appends @p n bytes of @p s. */
void
fb_strbuf_add(struct fb_strbuf *b, const char *s, size_t n);

/** Appends the NUL-terminated @p s. */
void
fb_strbuf_puts(struct fb_strbuf *b, const char *s);

/** Appends one byte. */
void
fb_strbuf_putc(struct fb_strbuf *b, char c);

/** Appends printf output. */
void
fb_strbuf_printf(struct fb_strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Hands the bytes (NUL-terminated, "" when empty) to the caller, who
 *  frees them; @returns NULL and frees everything if a write failed. */
char *
fb_strbuf_take(struct fb_strbuf *b, size_t *out_len);
