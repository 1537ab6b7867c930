/* SPDX-License-Identifier: MIT */
/*
 * HTML writer: a growable buffer that every page is written into. Text and
 * attribute values go through the escaping functions here and nowhere else,
 * so user input can never become markup (safe by default, as cmark's
 * houdini module keeps escaping in one place).
 */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct fb_html {
    char *data;  /* NUL-terminated once anything is written */
    size_t len;
    size_t cap;
    bool failed; /* an allocation failed; checked once at the end */
};

/** Initialises an empty writer; no allocation until the first write. */
void
fb_html_init(struct fb_html *w);

/** Frees the buffer and resets @p w to empty. */
void
fb_html_free(struct fb_html *w);

/**
 * Hands the buffer to the caller, who frees it with free(); @p w is left
 * empty. @returns NULL if any write failed (and frees the buffer).
 */
char *
fb_html_take(struct fb_html *w, size_t *out_len);

/** Appends trusted markup as is (literals from the renderers only). */
void
fb_html_raw(struct fb_html *w, const char *markup);

/** Appends @p n bytes of trusted markup. */
void
fb_html_rawn(struct fb_html *w, const char *markup, size_t n);

/** Appends trusted markup built from a format; %s arguments are NOT
 *  escaped, so pass only ids and numbers. */
void
fb_html_rawf(struct fb_html *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Appends @p text escaped for element content (& < > " '). NULL writes
 *  nothing. */
void
fb_html_text(struct fb_html *w, const char *text);

/** Appends @p value escaped for a double-quoted attribute value. */
void
fb_html_attr(struct fb_html *w, const char *value);

/** Appends @p value escaped as one URL path segment (percent-encoding). */
void
fb_html_url_segment(struct fb_html *w, const char *value);
