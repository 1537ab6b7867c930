/* SPDX-License-Identifier: MIT */
/*
 * Nested JSON from flat dotted answers, and the reverse. The writer groups
 * pairs by their first path segment recursively; the reader is a small
 * recursive-descent parser with a depth cap.
 */
#include "json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/text.h"

struct pair {
    const char *name;  /* the part of the name not yet written */
    const char *value;
};

static size_t
seg_len(const char *name)
{
    const char *dot = strchr(name, '.');
    return dot ? (size_t)(dot - name) : strlen(name);
}

static void
write_level(struct fb_buf *b, struct pair *pairs, size_t n,
            const char *top, fb_json_is_list_fn is_list, void *cls);

/* Writes the value of one group: pairs[0..n) share their first segment
 * of length @p sl. */
static void
write_group(struct fb_buf *b, struct pair *pairs, size_t n, size_t sl,
            const char *top, fb_json_is_list_fn is_list, void *cls)
{
    size_t deeper = 0;
    for (size_t i = 0; i < n; i++)
        if (pairs[i].name[sl] == '.')
            deeper++;
    if (deeper == 0) {
        bool list = n > 1 || (top && is_list && is_list(top, cls));
        if (list)
            fb_buf_putc(b, '[');
        for (size_t i = 0; i < n; i++) {
            if (i)
                fb_buf_putc(b, ',');
            fb_buf_json_string(b, pairs[i].value);
        }
        if (list)
            fb_buf_putc(b, ']');
        return;
    }
    /* An object: strip the segment; a plain value beside sub-keys is kept
     * under "value" so that nothing is lost. */
    for (size_t i = 0; i < n; i++)
        pairs[i].name = pairs[i].name[sl] == '.' ? pairs[i].name + sl + 1
                                                 : "value";
    write_level(b, pairs, n, NULL, is_list, cls);
}

static void
write_level(struct fb_buf *b, struct pair *pairs, size_t n,
            const char *top, fb_json_is_list_fn is_list, void *cls)
{
    (void)top;
    bool is_top = top != NULL;
    fb_buf_putc(b, '{');
    bool first = true;
    size_t done = 0;
    /* Stable grouping: move each group's pairs to the front in order. */
    while (done < n) {
        size_t sl = seg_len(pairs[done].name);
        const char *key = pairs[done].name;
        size_t end = done + 1;
        for (size_t i = done + 1; i < n; i++) {
            if (seg_len(pairs[i].name) == sl
                && strncmp(pairs[i].name, key, sl) == 0) {
                struct pair t = pairs[i];
                memmove(&pairs[end + 1], &pairs[end],
                        (i - end) * sizeof *pairs);
                pairs[end++] = t;
            }
        }
        if (!first)
            fb_buf_putc(b, ',');
        first = false;
        char *k = strndup(key, sl);
        if (!k) {
            b->failed = true;
            return;
        }
        fb_buf_json_string(b, k);
        fb_buf_putc(b, ':');
        write_group(b, &pairs[done], end - done, sl, is_top ? k : NULL,
                    is_list, cls);
        free(k);
        done = end;
    }
    fb_buf_putc(b, '}');
}

/* Appends answers as one nested JSON object. See json.h. */
void
fb_json_answers(struct fb_buf *b, const struct fb_answers *answers,
                fb_json_is_list_fn is_list, void *cls)
{
    size_t n = fb_answers_size(answers);
    struct pair *pairs = calloc(n ? n : 1, sizeof *pairs);
    if (!pairs) {
        b->failed = true;
        return;
    }
    for (size_t i = 0; i < n; i++)
        fb_answers_at(answers, i, &pairs[i].name, &pairs[i].value);
    write_level(b, pairs, n, "", is_list, cls);
    free(pairs);
}

/* ---- reader ---- */

struct parser {
    const char *p;
    struct fb_answers *out;
    struct fb_buf path;
    int depth;
};

static void
skip_ws(struct parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r'
           || *ps->p == '\t')
        ps->p++;
}

static int
put_utf8(struct fb_buf *b, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    fb_buf_putn(b, u, n);
    return 0;
}

static int
read_hex4(const char *p, unsigned long *out)
{
    unsigned long v = 0;
    for (int i = 0; i < 4; i++) {
        int d = fb_hex_value(p[i]);
        if (d < 0)
            return -1;
        v = v * 16 + (unsigned long)d;
    }
    *out = v;
    return 0;
}

/* Reads a string literal into @p b (which is cleared first). */
static int
read_string(struct parser *ps, struct fb_buf *b)
{
    b->len = 0;
    if (*ps->p != '"')
        return -1;
    ps->p++;
    for (;;) {
        unsigned char c = (unsigned char)*ps->p;
        if (c == '\0' || c < 0x20)
            return -1;
        ps->p++;
        if (c == '"')
            break;
        if (c != '\\') {
            fb_buf_putc(b, (char)c);
            continue;
        }
        char e = *ps->p++;
        unsigned long cp;
        switch (e) {
        case '"': case '\\': case '/':
            fb_buf_putc(b, e);
            break;
        case 'b': fb_buf_putc(b, '\b'); break;
        case 'f': fb_buf_putc(b, '\f'); break;
        case 'n': fb_buf_putc(b, '\n'); break;
        case 'r': fb_buf_putc(b, '\r'); break;
        case 't': fb_buf_putc(b, '\t'); break;
        case 'u':
            if (read_hex4(ps->p, &cp) != 0)
                return -1;
            ps->p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && ps->p[0] == '\\'
                && ps->p[1] == 'u') {
                unsigned long lo;
                if (read_hex4(ps->p + 2, &lo) != 0 || lo < 0xDC00
                    || lo > 0xDFFF)
                    return -1;
                ps->p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xD800 && cp < 0xE000) {
                return -1;
            }
            if (cp == 0)
                return -1;
            put_utf8(b, cp);
            break;
        default:
            return -1;
        }
    }
    if (!b->data)
        fb_buf_putn(b, "", 0);
    return b->failed ? -1 : 0;
}

static int read_value(struct parser *ps);

static int
read_object(struct parser *ps)
{
    ps->p++;
    skip_ws(ps);
    if (*ps->p == '}') {
        ps->p++;
        return 0;
    }
    struct fb_buf key;
    fb_buf_init(&key);
    int rc = -1;
    for (;;) {
        skip_ws(ps);
        if (read_string(ps, &key) != 0)
            break;
        /* Names are joined with dots: a key that is empty or has a dot
         * would read back as another answer's name ({"a.b":..} as
         * {"a":{"b":..}}), which the writer never writes. */
        if (key.len == 0 || memchr(key.data, '.', key.len))
            break;
        skip_ws(ps);
        if (*ps->p++ != ':')
            break;
        size_t saved = ps->path.len;
        if (saved)
            fb_buf_putc(&ps->path, '.');
        fb_buf_putn(&ps->path, key.data, key.len);
        int vr = read_value(ps);
        ps->path.len = saved;
        if (ps->path.data)
            ps->path.data[saved] = '\0';
        if (vr != 0)
            break;
        skip_ws(ps);
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p == '}') {
            ps->p++;
            rc = 0;
        }
        break;
    }
    fb_buf_free(&key);
    return rc;
}

static int
read_array(struct parser *ps)
{
    ps->p++;
    skip_ws(ps);
    if (*ps->p == ']') {
        ps->p++;
        return 0;
    }
    for (;;) {
        if (read_value(ps) != 0)
            return -1;
        skip_ws(ps);
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p == ']') {
            ps->p++;
            return 0;
        }
        return -1;
    }
}

static int
add_leaf(struct parser *ps, const char *value)
{
    const char *name = ps->path.data && ps->path.len ? ps->path.data : "";
    if (!*name)
        return -1; /* a scalar at the top level */
    return fb_answers_add(ps->out, name, value);
}

static int
read_value(struct parser *ps)
{
    if (++ps->depth > 16)
        return -1;
    skip_ws(ps);
    int rc;
    char c = *ps->p;
    if (c == '{') {
        rc = read_object(ps);
    } else if (c == '[') {
        rc = ps->depth > 1 ? read_array(ps) : -1;
    } else if (c == '"') {
        struct fb_buf s;
        fb_buf_init(&s);
        rc = read_string(ps, &s);
        if (rc == 0)
            rc = add_leaf(ps, s.data);
        fb_buf_free(&s);
    } else {
        /* true, false, null or a number: kept as its text */
        const char *start = ps->p;
        while ((*ps->p >= 'a' && *ps->p <= 'z') || (*ps->p >= '0'
               && *ps->p <= '9') || *ps->p == '-' || *ps->p == '+'
               || *ps->p == '.' || *ps->p == 'E')
            ps->p++;
        if (ps->p == start) {
            rc = -1;
        } else {
            char *t = strndup(start, (size_t)(ps->p - start));
            rc = t ? add_leaf(ps, t) : -1;
            free(t);
        }
    }
    ps->depth--;
    return rc;
}

/* Parses text (a JSON object) and appends its leaves to out under dotted
 * names, array items as repeated values. See json.h. */
int
fb_json_flatten(const char *text, struct fb_answers *out)
{
    struct parser ps = { .p = text, .out = out, .depth = 0 };
    fb_buf_init(&ps.path);
    skip_ws(&ps);
    int rc = *ps.p == '{' ? read_value(&ps) : -1;
    if (rc == 0) {
        skip_ws(&ps);
        if (*ps.p)
            rc = -1;
    }
    if (ps.path.failed)
        rc = -1;
    fb_buf_free(&ps.path);
    return rc;
}
