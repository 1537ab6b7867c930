/* SPDX-License-Identifier: MIT */
/*
 * HTML writer: a growable buffer that pages are rendered into, and the only
 * escaping code in Formbuilder. A failed allocation is remembered and turns
 * later writes into no-ops, so renderers check once, at fb_html_take().
 * Text that is not valid UTF-8, and control characters that HTML forbids,
 * are written as U+FFFD so a page always parses cleanly.
 */
#include "formbuilder/html.h"
#include "formbuilder/text.h"
#include "utf8-priv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* U+FFFD REPLACEMENT CHARACTER in UTF-8. */
static const char replacement[] = "\xef\xbf\xbd";

static bool
reserve(struct fb_html *w, size_t extra)
{
    size_t cap;
    char *data;

    if (w->failed)
        return false;
    if (extra >= SIZE_MAX - w->len) {
        w->failed = true;
        return false;
    }
    if (w->len + extra + 1 <= w->cap)
        return true;
    cap = w->cap ? w->cap : 256;
    while (cap < w->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            cap = w->len + extra + 1;
            break;
        }
        cap *= 2;
    }
    data = realloc(w->data, cap);
    if (!data) {
        w->failed = true;
        return false;
    }
    w->data = data;
    w->cap = cap;
    return true;
}

void
fb_html_init(struct fb_html *w)
{
    w->data = NULL;
    w->len = 0;
    w->cap = 0;
    w->failed = false;
}

void
fb_html_free(struct fb_html *w)
{
    free(w->data);
    fb_html_init(w);
}

char *
fb_html_take(struct fb_html *w, size_t *out_len)
{
    char *data;

    if (!w->failed && !w->data && reserve(w, 0))
        w->data[0] = '\0'; /* an empty page is "", not NULL */
    if (w->failed) {
        fb_html_free(w);
        if (out_len)
            *out_len = 0;
        return NULL;
    }
    data = w->data;
    if (out_len)
        *out_len = w->len;
    fb_html_init(w);
    return data;
}

void
fb_html_rawn(struct fb_html *w, const char *markup, size_t n)
{
    if (!markup || !reserve(w, n))
        return;
    memcpy(w->data + w->len, markup, n);
    w->len += n;
    w->data[w->len] = '\0';
}

void
fb_html_raw(struct fb_html *w, const char *markup)
{
    if (markup)
        fb_html_rawn(w, markup, strlen(markup));
}

/* Writes @p v in decimal. */
static void
raw_unsigned(struct fb_html *w, unsigned long long v, bool negative)
{
    char digits[24];
    size_t n = sizeof digits;
    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (negative)
        digits[--n] = '-';
    fb_html_rawn(w, digits + n, sizeof digits - n);
}

/* The conversions the renderers use, written directly; @returns false
 * (having written nothing) when @p fmt has any other. */
static bool
simple_format(const char *fmt)
{
    for (const char *p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
        if (p[1] == 's' || p[1] == 'd' || p[1] == '%')
            p += 2;
        else if (p[1] == 'z' && p[2] == 'u')
            p += 3;
        else
            return false;
    }
    return true;
}

/* Markup is written on every page, so "%s", "%d" and "%zu" (all the
 * renderers use) are copied in place; vsnprintf() parses the format
 * twice and costs several times as much. */
void
fb_html_rawf(struct fb_html *w, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (w->failed)
        return;
    va_start(ap, fmt);
    if (simple_format(fmt)) {
        for (const char *p = fmt, *pc; *p; p = pc) {
            pc = strchr(p, '%');
            if (!pc) {
                fb_html_raw(w, p);
                break;
            }
            fb_html_rawn(w, p, (size_t)(pc - p));
            if (pc[1] == 's') {
                fb_html_raw(w, va_arg(ap, const char *));
            } else if (pc[1] == 'd') {
                int v = va_arg(ap, int);
                raw_unsigned(w, v < 0 ? 0ULL - (unsigned long long)v
                                      : (unsigned long long)v, v < 0);
            } else if (pc[1] == '%') {
                fb_html_rawn(w, "%", 1);
            } else {
                raw_unsigned(w, va_arg(ap, size_t), false);
                pc++;
            }
            pc += 2;
        }
        va_end(ap);
        return;
    }
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        w->failed = true;
        return;
    }
    if (!reserve(w, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(w->data + w->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    w->len += (size_t)n;
}

/* Controls that HTML calls parse errors; tab, LF and CR are fine. */
static bool
forbidden_control(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
           (cp >= 0x7f && cp <= 0x9f);
}

/* Bytes written as they are: printable ASCII but the five HTML
 * specials, and tab, LF and CR. Everything else goes the slow way. */
static const bool plain[256] = {
    ['\t'] = true, ['\n'] = true, ['\r'] = true,
    [' '] = true, ['!'] = true, ['#'] = true, ['$'] = true, ['%'] = true,
    ['('] = true, [')'] = true, ['*'] = true, ['+'] = true, [','] = true,
    ['-'] = true, ['.'] = true, ['/'] = true,
    ['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true, ['4'] = true,
    ['5'] = true, ['6'] = true, ['7'] = true, ['8'] = true, ['9'] = true,
    [':'] = true, [';'] = true, ['='] = true, ['?'] = true, ['@'] = true,
    ['A'] = true, ['B'] = true, ['C'] = true, ['D'] = true, ['E'] = true,
    ['F'] = true, ['G'] = true, ['H'] = true, ['I'] = true, ['J'] = true,
    ['K'] = true, ['L'] = true, ['M'] = true, ['N'] = true, ['O'] = true,
    ['P'] = true, ['Q'] = true, ['R'] = true, ['S'] = true, ['T'] = true,
    ['U'] = true, ['V'] = true, ['W'] = true, ['X'] = true, ['Y'] = true,
    ['Z'] = true, ['['] = true, ['\\'] = true, [']'] = true, ['^'] = true,
    ['_'] = true, ['`'] = true,
    ['a'] = true, ['b'] = true, ['c'] = true, ['d'] = true, ['e'] = true,
    ['f'] = true, ['g'] = true, ['h'] = true, ['i'] = true, ['j'] = true,
    ['k'] = true, ['l'] = true, ['m'] = true, ['n'] = true, ['o'] = true,
    ['p'] = true, ['q'] = true, ['r'] = true, ['s'] = true, ['t'] = true,
    ['u'] = true, ['v'] = true, ['w'] = true, ['x'] = true, ['y'] = true,
    ['z'] = true, ['{'] = true, ['|'] = true, ['}'] = true, ['~'] = true,
};

/* Runs of plain bytes (most of any label or hint) are found by a table
 * and copied whole; only the specials and non-ASCII bytes are decoded. */
static void
escape(struct fb_html *w, const char *s)
{
    size_t n = strlen(s);
    size_t run = 0; /* start of the bytes not yet written */

    for (size_t i = 0; i < n;) {
        if (plain[(unsigned char)s[i]]) {
            i++;
            continue;
        }
        const char *entity = NULL;
        uint32_t cp;
        size_t k = fb_utf8_decode(s + i, n - i, &cp);

        if (k == 0) {
            entity = replacement;
            k = 1;
        } else if (forbidden_control(cp)) {
            entity = replacement;
        } else {
            switch (cp) {
            case '&': entity = "&amp;"; break;
            case '<': entity = "&lt;"; break;
            case '>': entity = "&gt;"; break;
            case '"': entity = "&quot;"; break;
            case '\'': entity = "&#39;"; break;
            default: break;
            }
        }
        if (entity) {
            fb_html_rawn(w, s + run, i - run);
            fb_html_raw(w, entity);
            run = i + k;
        }
        i += k;
    }
    fb_html_rawn(w, s + run, n - run);
}

void
fb_html_text(struct fb_html *w, const char *text)
{
    if (text)
        escape(w, text);
}

void
fb_html_attr(struct fb_html *w, const char *value)
{
    if (value)
        escape(w, value);
}

void
fb_html_url_segment(struct fb_html *w, const char *value)
{
    char esc[3];

    if (!value)
        return;
    for (const char *p = value; *p; p++)
        fb_html_rawn(w, esc, fb_url_escape_byte((unsigned char)*p, esc));
}
