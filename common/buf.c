/* SPDX-License-Identifier: MIT */
/*
 * Growable text buffer with the escaping formc and the server need (JSON,
 * C, XML).
 */
#include "buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
fb_buf_init(struct fb_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = false;
}

void
fb_buf_free(struct fb_buf *b)
{
    free(b->data);
    fb_buf_init(b);
}

static bool
reserve(struct fb_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
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

void
fb_buf_putn(struct fb_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void
fb_buf_puts(struct fb_buf *b, const char *s)
{
    fb_buf_putn(b, s, strlen(s));
}

void
fb_buf_putc(struct fb_buf *b, char c)
{
    fb_buf_putn(b, &c, 1);
}

void
fb_buf_printf(struct fb_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n)) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *
fb_buf_take(struct fb_buf *b, size_t *out_len)
{
    if (!b->failed && !b->data)
        reserve(b, 0);
    if (b->failed) {
        fb_buf_free(b);
        if (out_len)
            *out_len = 0;
        return NULL;
    }
    char *data = b->data;
    data[b->len] = '\0';
    if (out_len)
        *out_len = b->len;
    fb_buf_init(b);
    return data;
}

void
fb_buf_json_string(struct fb_buf *b, const char *s)
{
    if (!s) {
        fb_buf_puts(b, "null");
        return;
    }
    fb_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fb_buf_puts(b, "\\\""); break;
        case '\\': fb_buf_puts(b, "\\\\"); break;
        case '\n': fb_buf_puts(b, "\\n"); break;
        case '\r': fb_buf_puts(b, "\\r"); break;
        case '\t': fb_buf_puts(b, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fb_buf_printf(b, "\\u%04x", *p);
            else
                fb_buf_putc(b, (char)*p);
        }
    }
    fb_buf_putc(b, '"');
}

void
fb_buf_c_string(struct fb_buf *b, const char *s)
{
    if (!s) {
        fb_buf_puts(b, "NULL");
        return;
    }
    fb_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fb_buf_puts(b, "\\\""); break;
        case '\\': fb_buf_puts(b, "\\\\"); break;
        case '\n': fb_buf_puts(b, "\\n"); break;
        case '?': fb_buf_puts(b, "\\?"); break; /* no trigraphs */
        default:
            if (*p < 0x20 || *p >= 0x7f)
                fb_buf_printf(b, "\\%03o", *p);
            else
                fb_buf_putc(b, (char)*p);
        }
    }
    fb_buf_putc(b, '"');
}

void
fb_buf_xml_text(struct fb_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fb_buf_puts(b, "&amp;"); break;
        case '<': fb_buf_puts(b, "&lt;"); break;
        case '>': fb_buf_puts(b, "&gt;"); break;
        case '"': fb_buf_puts(b, "&quot;"); break;
        case '\'': fb_buf_puts(b, "&apos;"); break;
        default: fb_buf_putc(b, *s);
        }
    }
}

int
fb_buf_write_file(const struct fb_buf *b, const char *path)
{
    if (b->failed) {
        errno = ENOMEM;
        return -1;
    }
    size_t n = strlen(path) + 5;
    char *tmp = malloc(n);
    if (!tmp)
        return -1;
    snprintf(tmp, n, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        free(tmp);
        return -1;
    }
    bool ok = fwrite(b->data ? b->data : "", 1, b->len, f) == b->len;
    ok = (fflush(f) == 0) && ok;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        int saved = errno;
        unlink(tmp);
        free(tmp);
        errno = saved;
        return -1;
    }
    free(tmp);
    return 0;
}
