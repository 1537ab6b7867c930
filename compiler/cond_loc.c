/* SPDX-License-Identifier: MIT */
/*
 * Scalar positions: maps a byte offset in the decoded text of a YAML
 * scalar back to the line and column where it was written, undoing
 * quoting, escapes, line folding and block indentation by reading the
 * source again. The condition parser uses it for the column of each token,
 * the regex check for PCRE2's error offset and the lint for link texts.
 */
#include "cond_loc.h"

#include <string.h>

/* Bytes that the double-quoted escape at p (just after the backslash)
 * decodes to, and source bytes it spans after the backslash. @returns
 * false for a malformed escape. */
static bool
escape_size(const char *p, const char *end, size_t *out_bytes,
            size_t *out_src)
{
    if (p >= end)
        return false;
    size_t digits = 0;
    switch (*p) {
    case 'x': digits = 2; break;
    case 'u': digits = 4; break;
    case 'U': digits = 8; break;
    case 'N': case '_': *out_bytes = 2; *out_src = 1; return true;
    case 'L': case 'P': *out_bytes = 3; *out_src = 1; return true;
    default: *out_bytes = 1; *out_src = 1; return true;
    }
    unsigned long cp = 0;
    for (size_t i = 1; i <= digits; i++) {
        int h = p + i < end ? fb_hex_value(p[i]) : -1;
        if (h < 0)
            return false;
        cp = cp * 16 + (unsigned long)h;
    }
    *out_bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    *out_src = 1 + digits;
    return true;
}

/* Skips a line break and the blank lines and indentation after it, as
 * YAML line folding does. @returns the number of extra (blank) lines. */
static size_t
skip_fold(struct fb_scalar_cursor *cur)
{
    size_t blank = 0;
    bool first = true;
    for (;;) {
        if (cur->p < cur->end && *cur->p == '\r')
            cur->p++;
        if (cur->p < cur->end && *cur->p == '\n')
            cur->p++;
        if (!first)
            blank++;
        first = false;
        cur->line++;
        cur->col = 1;
        while (cur->p < cur->end && (*cur->p == ' ' || *cur->p == '\t')) {
            cur->p++;
            cur->col++;
        }
        if (cur->p >= cur->end || (*cur->p != '\n' && *cur->p != '\r'))
            return blank;
    }
}

/* Skips a line break inside a block scalar and the indentation (at most
 * @p indent columns) of the next line, and of blank lines after it.
 * @returns the number of blank lines skipped. */
static size_t
skip_block_break(struct fb_scalar_cursor *cur, unsigned indent)
{
    size_t blank = 0;
    for (bool first = true;; first = false) {
        if (cur->p < cur->end && *cur->p == '\r')
            cur->p++;
        if (cur->p < cur->end && *cur->p == '\n')
            cur->p++;
        if (!first)
            blank++;
        cur->line++;
        cur->col = 1;
        while (cur->col <= indent && cur->p < cur->end && *cur->p == ' ') {
            cur->p++;
            cur->col++;
        }
        if (cur->p >= cur->end || (*cur->p != '\n' && *cur->p != '\r'))
            return blank;
    }
}

struct fb_scalar_start
fb_scalar_find(const struct fb_loc *scalar, const char *value)
{
    struct fb_scalar_start st = {0};
    const struct fb_source *src = scalar->src;
    if (!src || !src->text || scalar->line == 0 || scalar->col == 0)
        return st;
    struct fb_scalar_cursor cur = {src->text, src->text + src->len, 1, 1};
    if (src->lines) {
        if (scalar->line > src->n_lines)
            return st;
        cur.p = src->lines[scalar->line - 1];
        cur.line = scalar->line;
    }
    while (cur.line < scalar->line) {
        const char *nl = memchr(cur.p, '\n', (size_t)(cur.end - cur.p));
        if (!nl)
            return st;
        cur.p = nl + 1;
        cur.line++;
    }
    while (cur.col < scalar->col && cur.p < cur.end && *cur.p != '\n') {
        cur.p = fb_utf8_next(cur.p, cur.end);
        cur.col++;
    }
    if (cur.p >= cur.end || cur.col != scalar->col)
        return st;
    if (*cur.p == '"' || *cur.p == '\'') {
        st.quote = *cur.p++;
        cur.col++;
    } else if (*cur.p == '|' || *cur.p == '>') {
        /* Block scalar: the text starts on the next line, indented. */
        st.block = *cur.p;
        while (cur.p < cur.end && *cur.p != '\n')
            cur.p++;
        if (cur.p >= cur.end || skip_fold(&cur) != 0)
            return st;
        st.indent = cur.col - 1;
    }
    st.ok = true;
    st.at = cur;
    st.value_len = strlen(value);
    return st;
}

/* Walks the source from @p st until @p off bytes of @p value are
 * accounted for. @returns false when the source does not read as that
 * scalar (a folded block scalar with more-indented lines, a mismatch).
 * With @p map, records the position of each byte offset reached. */
static bool
locate(const struct fb_scalar_start *st, const char *value, size_t off,
       struct fb_scalar_cursor *out, struct fb_scalar_pos *map)
{
    if (!st->ok || off > st->value_len)
        return false;
    struct fb_scalar_cursor cur = st->at;
    const char quote = st->quote, block = st->block;
    const unsigned indent = st->indent;
    size_t d = 0;
    while (d < off) {
        if (map)
            map[d] = (struct fb_scalar_pos){cur.line, cur.col};
        if (cur.p >= cur.end)
            return false;
        char ch = *cur.p;
        if (ch == '\n' || ch == '\r') {
            size_t blank = block ? skip_block_break(&cur, indent)
                                 : skip_fold(&cur);
            if (block == '|') {
                /* Literal: every line break is kept. */
                for (size_t i = 0; i <= blank; i++, d++)
                    if (value[d] != '\n')
                        return false;
            } else if (blank == 0) {
                if (value[d] != ' ')
                    return false;
                d++;
            } else {
                for (size_t i = 0; i < blank; i++, d++)
                    if (value[d] != '\n')
                        return false;
            }
            continue;
        }
        if (quote == '"' && ch == '\\') {
            if (cur.p + 1 < cur.end &&
                (cur.p[1] == '\n' || cur.p[1] == '\r')) {
                cur.p++;
                skip_fold(&cur); /* escaped break: decodes to nothing */
                continue;
            }
            size_t bytes, span;
            if (!escape_size(cur.p + 1, cur.end, &bytes, &span))
                return false;
            d += bytes;
            cur.p += 1 + span;
            cur.col += 1 + (unsigned)span;
            continue;
        }
        if (quote == '\'' && ch == '\'') {
            if (cur.p + 1 >= cur.end || cur.p[1] != '\'' || value[d] != '\'')
                return false;
            d++;
            cur.p += 2;
            cur.col += 2;
            continue;
        }
        if (quote && ch == quote)
            return false;
        size_t k = (size_t)(fb_utf8_next(cur.p, cur.end) - cur.p);
        if (strncmp(cur.p, value + d, k) != 0)
            return false;
        d += k;
        cur.p += k;
        cur.col++;
    }
    if (map && d == off)
        map[d] = (struct fb_scalar_pos){cur.line, cur.col};
    *out = cur;
    return true;
}

bool
fb_scalar_map(const struct fb_scalar_start *st, const char *value,
              struct fb_scalar_pos *map)
{
    struct fb_scalar_cursor end;
    return locate(st, value, st->value_len, &end, map);
}

struct fb_loc
fb_scalar_loc_at(const struct fb_loc *scalar,
                 const struct fb_scalar_start *st,
                 const struct fb_scalar_pos *map, bool quoted,
                 const char *value, size_t off, size_t n)
{
    struct fb_loc loc = *scalar;
    struct fb_scalar_pos a = {0, 0}, b = {0, 0};
    struct fb_scalar_cursor cur;
    if (map && off <= st->value_len)
        a = map[off];
    else if (locate(st, value, off, &cur, NULL))
        a = (struct fb_scalar_pos){cur.line, cur.col};
    if (a.line) {
        if (n && map && off + n <= st->value_len)
            b = map[off + n];
        else if (n && locate(st, value, off + n, &cur, NULL))
            b = (struct fb_scalar_pos){cur.line, cur.col};
        loc.line = a.line;
        loc.col = a.col;
        loc.len = b.line == a.line && b.col > a.col ? b.col - a.col : 1;
        return loc;
    }
    /* The source does not read as this scalar (a folded block, or a
     * mapping of translations): point at the whole node. */
    if (scalar->src && scalar->src->text) {
        loc.len = 1;
        return loc;
    }
    /* No source kept: count characters, which is right on one line. */
    if (memchr(value, '\n', off)) {
        loc.len = 1;
        return loc;
    }
    loc.col += fb_utf8_count(value, off) + (quoted ? 1 : 0);
    loc.len = n ? fb_utf8_count(value + off, n) : 1;
    if (loc.len == 0)
        loc.len = 1;
    return loc;
}

struct fb_loc
fb_scalar_loc(const struct fb_loc *scalar, bool quoted, const char *value,
              size_t off, size_t n)
{
    struct fb_scalar_start st = fb_scalar_find(scalar, value);
    return fb_scalar_loc_at(scalar, &st, NULL, quoted, value, off, n);
}
