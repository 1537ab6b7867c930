/* SPDX-License-Identifier: MIT */
/*
 * The YAML writer (emit_yaml.h). Everything is written in block style, two
 * spaces a level, as forms are written by hand. A scalar is written plain
 * only when it was plain and YAML reads the same text back from it; a
 * quoted one is always double-quoted, so "07:00", "yes" or "3" stay text.
 */
#include "emit_yaml.h"

#include <string.h>

/* Characters that cannot start a plain scalar (YAML 1.2, 7.3.3). */
static const char indicators[] = "-?:,[]{}#&*!|>'\"%@`";

static bool
plain_safe(const char *s, size_t n)
{
    if (n == 0 || strchr(indicators, s[0]) || s[0] == ' ' ||
        s[n - 1] == ' ' || s[n - 1] == ':')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 || ch == 0x7f)
            return false;
        if (ch == ':' && s[i + 1] == ' ')
            return false;
        if (ch == '#' && i > 0 && s[i - 1] == ' ')
            return false;
    }
    return true;
}

static void
double_quoted(struct fb_buf *b, const char *s, size_t n)
{
    fb_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') {
            fb_buf_putc(b, '\\');
            fb_buf_putc(b, (char)ch);
        } else if (ch == '\n') {
            fb_buf_puts(b, "\\n");
        } else if (ch == '\t') {
            fb_buf_puts(b, "\\t");
        } else if (ch < 0x20 || ch == 0x7f) {
            fb_buf_printf(b, "\\x%02x", ch);
        } else {
            fb_buf_putc(b, (char)ch);
        }
    }
    fb_buf_putc(b, '"');
}

/* A literal block keeps multi-line text readable; it cannot hold control
 * characters, and a first line starting with a space would need an
 * indentation indicator, so such text is double-quoted instead. */
static bool
block_safe(const char *s, size_t n)
{
    if (n == 0 || s[0] == ' ' || s[0] == '\n')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch < 0x20 && ch != '\n') || ch == 0x7f)
            return false;
    }
    return true;
}

static void
indent_to(struct fb_buf *b, unsigned indent)
{
    for (unsigned i = 0; i < indent; i++)
        fb_buf_putc(b, ' ');
}

static void
literal_block(struct fb_buf *b, const char *s, size_t n, unsigned indent)
{
    size_t trailing = 0;
    while (trailing < n && s[n - 1 - trailing] == '\n')
        trailing++;
    fb_buf_puts(b, trailing == 0 ? " |-\n" : trailing == 1 ? " |\n"
                                                           : " |+\n");
    size_t body = trailing ? n - trailing + 1 : n;
    const char *p = s, *end = s + body;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (len) {
            indent_to(b, indent);
            fb_buf_putn(b, p, len);
        }
        fb_buf_putc(b, '\n');
        p += len + 1;
    }
    for (size_t i = 1; i < trailing; i++)
        fb_buf_putc(b, '\n');
}

/* Writes scalar @p n after a "key:" or "-" (a space first, unless null). */
static void
scalar(struct fb_buf *b, const struct fb_node *n, unsigned indent)
{
    if (n->plain && n->value_len == 0) {
        fb_buf_putc(b, '\n');
        return;
    }
    if ((n->block || memchr(n->value, '\n', n->value_len)) &&
        block_safe(n->value, n->value_len)) {
        literal_block(b, n->value, n->value_len, indent);
        return;
    }
    fb_buf_putc(b, ' ');
    size_t len = n->value_len;
    /* The model drops a block scalar's trailing newlines (they are how a
     * block ends, not text); quoted, they would be kept. */
    while (n->block && len && n->value[len - 1] == '\n')
        len--;
    if (n->plain && plain_safe(n->value, len))
        fb_buf_putn(b, n->value, len);
    else
        double_quoted(b, n->value, len);
    fb_buf_putc(b, '\n');
}

static void pairs(struct fb_buf *b, const struct fb_node *n, unsigned indent,
                  bool first_inline);
static void items(struct fb_buf *b, const struct fb_node *n,
                  unsigned indent);

/* Writes @p n, the value after a "key:" or "-" at @p indent. */
static void
value(struct fb_buf *b, const struct fb_node *n, unsigned indent)
{
    switch (n->kind) {
    case FB_NODE_SCALAR:
        scalar(b, n, indent + 2);
        break;
    case FB_NODE_MAPPING:
        if (n->n_pairs == 0) {
            fb_buf_puts(b, " {}\n");
        } else {
            fb_buf_putc(b, '\n');
            pairs(b, n, indent + 2, false);
        }
        break;
    case FB_NODE_SEQUENCE:
        if (n->n_items == 0) {
            fb_buf_puts(b, " []\n");
        } else {
            fb_buf_putc(b, '\n');
            items(b, n, indent + 2);
        }
        break;
    }
}

static void
key(struct fb_buf *b, const struct fb_node *k)
{
    if (plain_safe(k->value, k->value_len) && k->plain)
        fb_buf_putn(b, k->value, k->value_len);
    else
        double_quoted(b, k->value, k->value_len);
    fb_buf_putc(b, ':');
}

static void
pairs(struct fb_buf *b, const struct fb_node *n, unsigned indent,
      bool first_inline)
{
    for (size_t i = 0; i < n->n_pairs; i++) {
        if (i > 0 || !first_inline)
            indent_to(b, indent);
        key(b, n->pairs[i].key);
        value(b, n->pairs[i].value, indent);
    }
}

static void
items(struct fb_buf *b, const struct fb_node *n, unsigned indent)
{
    for (size_t i = 0; i < n->n_items; i++) {
        const struct fb_node *item = n->items[i];
        indent_to(b, indent);
        fb_buf_putc(b, '-');
        if (item->kind == FB_NODE_MAPPING && item->n_pairs > 0) {
            fb_buf_putc(b, ' ');
            pairs(b, item, indent + 2, true);
        } else {
            value(b, item, indent);
        }
    }
}

void
fb_emit_yaml(struct fb_buf *b, const struct fb_node *root)
{
    if (root->kind == FB_NODE_MAPPING)
        pairs(b, root, 0, false);
    else
        items(b, root, 0);
}
