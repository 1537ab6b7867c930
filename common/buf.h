/* SPDX-License-Identifier: MIT */
/*
 * Growable text buffer shared by formc (emitters, diagnostics) and the
 * server (JSON, CSV, session records): append, then check failure once at
 * the end. Files are written through fb_buf_write_file(), which goes via a
 * temporary name and rename() so a failed build never leaves half a file.
 * Internal to the project: generated code uses the public HTML writer.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct fb_buf {
    char *data;  /* NUL-terminated once anything is written */
    size_t len;
    size_t cap;
    bool failed; /* an allocation failed */
};

void
fb_buf_init(struct fb_buf *b);

void
fb_buf_free(struct fb_buf *b);

void
fb_buf_putn(struct fb_buf *b, const char *s, size_t n);

void
fb_buf_puts(struct fb_buf *b, const char *s);

void
fb_buf_putc(struct fb_buf *b, char c);

void
fb_buf_printf(struct fb_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** Hands the bytes (NUL-terminated, "" when empty) to the caller, who
 *  frees them with free(); @p b is left empty. @returns NULL, and frees
 *  everything, if any write failed. */
char *
fb_buf_take(struct fb_buf *b, size_t *out_len);

/** Appends @p s as a JSON string literal, quotes included; NULL → null. */
void
fb_buf_json_string(struct fb_buf *b, const char *s);

/** Appends @p s as a C string literal, quotes included; NULL → NULL.
 *  Non-ASCII bytes become octal escapes so generated files are ASCII. */
void
fb_buf_c_string(struct fb_buf *b, const char *s);

/** Appends @p s escaped for XML text and attribute values. */
void
fb_buf_xml_text(struct fb_buf *b, const char *s);

/**
 * Writes the buffer to @p path through "@p path.tmp" and rename().
 * @returns 0, or -1 with errno set (nothing is left at @p path then).
 */
int
fb_buf_write_file(const struct fb_buf *b, const char *path);
