/* SPDX-License-Identifier: MIT */
/*
 * Loader: the first pass of formc. It checks the raw bytes (size, UTF-8,
 * tabs in indentation), then turns libyaml's events into a tree of
 * struct fb_node in the compiler's arena, every node with its location.
 * YAML features a form never needs (anchors, aliases, tags, complex keys,
 * several documents) are rejected, and depth and node counts are capped, so
 * hostile input costs bounded time and memory.
 */
#include "load.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

/* An open mapping or sequence on the way down the tree. */
struct frame {
    struct fb_node *node;
    size_t cap;                /* capacity of node->pairs or node->items */
    struct fb_node *key;       /* mapping: key waiting for its value */
    bool have_key;             /* key seen; key NULL means a complex key */
};

struct loader {
    struct fb_compiler *c;
    struct fb_source *src;
    struct frame stack[FB_LOAD_MAX_DEPTH];
    size_t depth;
    size_t n_nodes;
    size_t n_docs;
    struct fb_node *root;
    bool failed;               /* an error made the tree unusable */
    bool stop;                 /* stop reading events */
    unsigned cur_line;         /* cache for line_at(): a line number ... */
    size_t cur_off;            /* ... and the byte offset where it starts */
};

/* Keys and values quoted in messages are cut to this many bytes. */
#define QUOTE_MAX 60

static const char utf8_bom[] = "\xEF\xBB\xBF";

/* @returns how many bytes of @p s[0..len) to quote in a message: at most
 * QUOTE_MAX, never ending inside a UTF-8 character. */
static int
quote_len(const char *s, size_t len)
{
    if (len <= QUOTE_MAX)
        return (int)len;
    size_t n = QUOTE_MAX;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

/* ---- positions --------------------------------------------------------- */

/* @returns the start of 1-based line @p line, or NULL past the end. Events
 * arrive in document order, so a cached cursor makes this linear overall. */
static const char *
line_at(struct loader *l, unsigned line)
{
    const char *text = l->src->text, *end = text + l->src->len;
    if (line < l->cur_line) {
        l->cur_line = 1;
        l->cur_off = 0;
    }
    while (l->cur_line < line) {
        const char *p = text + l->cur_off;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        l->cur_off = (size_t)(nl + 1 - text);
        l->cur_line++;
    }
    return text + l->cur_off;
}

/* @returns the character at 1-based @p line and @p col, or NULL. */
static const char *
char_at(struct loader *l, unsigned line, unsigned col)
{
    const char *p = line_at(l, line);
    if (!p)
        return NULL;
    const char *end = l->src->text + l->src->len;
    for (unsigned i = 1; i < col; i++) {
        if (p >= end || *p == '\n')
            return NULL;
        p = fb_utf8_next(p, end);
    }
    return p < end && *p != '\n' ? p : NULL;
}

static struct fb_loc
loc_at(struct loader *l, unsigned line, unsigned col, unsigned len)
{
    struct fb_loc loc = {l->src, line, col, len};
    return loc;
}

static struct fb_loc
loc_mark(struct loader *l, yaml_mark_t m)
{
    return loc_at(l, (unsigned)m.line + 1, (unsigned)m.column + 1, 1);
}

/* The width in characters of a scalar on its first line: the whole token
 * when it ends on the same line, else up to the end of that line (trailing
 * blanks left out); 1 for block scalars, which start at '|' or '>'. */
static unsigned
scalar_width(struct loader *l, const yaml_event_t *e)
{
    yaml_scalar_style_t style = e->data.scalar.style;
    if (style == YAML_LITERAL_SCALAR_STYLE ||
        style == YAML_FOLDED_SCALAR_STYLE)
        return 1;
    if (e->end_mark.line == e->start_mark.line)
        return (unsigned)(e->end_mark.column - e->start_mark.column);
    const char *p = char_at(l, (unsigned)e->start_mark.line + 1,
                            (unsigned)e->start_mark.column + 1);
    if (!p)
        return 1;
    const char *end = l->src->text + l->src->len;
    unsigned n = 0, visible = 0;
    while (p < end && *p != '\n') {
        n++;
        if (*p != ' ' && *p != '\t' && *p != '\r')
            visible = n;
        p = fb_utf8_next(p, end);
    }
    return visible ? visible : 1;
}

/* ---- checks on the raw text -------------------------------------------- */

/* Characters YAML forbids (C0 and C1 controls, U+FFFE, U+FFFF), and line
 * breaks other than LF and CR LF: libyaml counts NEL, U+2028, U+2029 and a
 * lone CR as new lines, which would put every later location on the wrong
 * line, so they are refused with a clear message instead. */
static const char *
bad_char_reason(uint32_t cp, const unsigned char *next,
                const unsigned char *end)
{
    if (cp == '\r')
        return next < end && *next == '\n' ? NULL
            : "a carriage return without a line feed (old Mac line "
              "ending); save the file with LF or CR LF line endings";
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
        return "an unusual line break character; replace it with a "
               "normal line break or a space";
    if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
        (cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF)
        return "a control character, which YAML does not allow; "
               "delete it";
    return NULL;
}

/* Reports the first NUL byte, invalid UTF-8 sequence or forbidden
 * character. @returns false when there was one. */
static bool
check_encoding(struct loader *l)
{
    const unsigned char *s = (const unsigned char *)l->src->text;
    const unsigned char *end = s + l->src->len;
    unsigned line = 1, col = 1;
    while (s < end) {
        uint32_t cp;
        size_t n;
        if (*s == '\0') {
            struct fb_loc loc = loc_at(l, line, col, 1);
            fb_diag(l->c, FB_ERROR, &loc, "bad-utf8",
                    "NUL byte in the file; a form file must be UTF-8 text "
                    "(is this a binary or UTF-16 file?)");
            return false;
        }
        n = fb_utf8_decode((const char *)s, (size_t)(end - s), &cp);
        if (!n) {
            struct fb_loc loc = loc_at(l, line, col, 1);
            fb_diag(l->c, FB_ERROR, &loc, "bad-utf8",
                    "invalid UTF-8 byte 0x%02X; save the file as UTF-8",
                    *s);
            return false;
        }
        const char *why = bad_char_reason(cp, s + n, end);
        if (why) {
            struct fb_loc loc = loc_at(l, line, col, 1);
            fb_diag(l->c, FB_ERROR, &loc, "yaml-syntax",
                    "character U+%04X is %s", (unsigned)cp, why);
            return false;
        }
        if (cp == '\n') {
            line++;
            col = 1;
        } else if (cp != '\r') {
            col++;
        }
        s += n;
    }
    return true;
}

/* Reports every line whose indentation contains a tab, at the first tab.
 * libyaml would stop at the first with "found character that cannot start
 * any token", which does not say what is wrong. This is stricter than YAML,
 * which allows such tabs inside [ ] and { } and in block text; a form
 * never needs them. @returns false if any. */
static bool
check_tabs(struct loader *l)
{
    const char *p = l->src->text, *end = p + l->src->len;
    unsigned line = 1;
    bool ok = true;
    while (p < end && !l->c->too_many) {
        const char *q = p;
        while (q < end && *q == ' ')
            q++;
        if (q < end && *q == '\t') {
            struct fb_loc loc = loc_at(l, line, (unsigned)(q - p) + 1, 1);
            fb_diag(l->c, FB_ERROR, &loc, "tab",
                    "tab character in indentation; YAML needs spaces");
            ok = false;
        }
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        if (!nl)
            break;
        p = nl + 1;
        line++;
    }
    return ok;
}

/* ---- libyaml errors ---------------------------------------------------- */

/* libyaml reports the end of input on a line after the last one; move
 * such a location to the end of the last line so a caret can show it. */
static void
clamp_to_text(struct loader *l, struct fb_loc *loc)
{
    const char *end = l->src->text + l->src->len;
    const char *p = line_at(l, loc->line);
    if (p && p < end)
        return;
    unsigned line = 1;
    const char *last = l->src->text;
    for (const char *q = last; q < end; q++) {
        if (*q == '\n' && q + 1 < end) {
            line++;
            last = q + 1;
        }
    }
    unsigned col = 1;
    for (const char *q = last; q < end && *q != '\n' && *q != '\r';
         q = fb_utf8_next(q, end))
        col++;
    loc->line = line;
    loc->col = col;
}

static bool
has(const char *s, const char *part)
{
    return s && strstr(s, part);
}

/* Reports libyaml's parse error in words a form author can act on, at
 * libyaml's problem mark. Messages we have no better wording for keep
 * libyaml's own text. */
static void
report_yaml_error(struct loader *l, const yaml_parser_t *p)
{
    struct fb_compiler *c = l->c;
    if (p->error == YAML_MEMORY_ERROR) {
        fb_diag(c, FB_ERROR, NULL, "io", "out of memory while parsing %s",
                l->src->path);
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        /* check_encoding() catches these first; a byte offset is all
         * libyaml gives, so find its line and column. */
        const char *s = l->src->text;
        size_t off = p->problem_offset < l->src->len ? p->problem_offset
                                                     : l->src->len;
        unsigned line = 1, col = 1;
        for (const char *q = s; q < s + off; q = fb_utf8_next(q, s + off)) {
            if (*q == '\n')
                line++, col = 1;
            else
                col++;
        }
        struct fb_loc loc = loc_at(l, line, col, 1);
        fb_diag(c, FB_ERROR, &loc, "bad-utf8",
                "the file is not valid YAML text (%s); save it as UTF-8",
                p->problem ? p->problem : "unreadable character");
        return;
    }

    const char *prob = p->problem ? p->problem : "syntax error";
    const char *ctx = p->context;
    struct fb_loc loc = loc_mark(l, p->problem_mark);
    clamp_to_text(l, &loc);
    unsigned ctx_line = (unsigned)p->context_mark.line + 1;
    const char *at = char_at(l, loc.line, loc.col);
    const char *end = l->src->text + l->src->len;
    const char *id = "yaml-syntax";
    const char *msg = NULL;
    struct fb_arena *a = &c->arena;

    if (has(prob, "could not find expected ':'")) {
        msg = ctx_line != loc.line
            ? fb_arena_printf(a, "expected ':' after the key on line %u; "
                              "write 'key: value', and indent text that "
                              "continues a value further than its key",
                              ctx_line)
            : "expected ':' after a key; write 'key: value'";
    } else if (has(prob, "mapping values are not allowed")) {
        msg = "unexpected ':' here; put a value that contains ': ' in "
              "quotes, or if this starts a new key, check the indentation";
    } else if (has(prob, "block sequence entries are not allowed")) {
        msg = "unexpected list item '- ' here; check the indentation, or "
              "put a value that starts with '-' in quotes";
    } else if (has(prob, "did not find expected key")) {
        const char *ls = line_at(l, loc.line);
        bool first = ls && at && strspn(ls, " ") == (size_t)(at - ls);
        msg = first
            ? fb_arena_printf(a, "expected a key here; line it up with "
                              "the other keys of the mapping on line %u",
                              ctx_line)
            : "unexpected text after a complete value; a value that "
              "starts with a quote must end with it (inside single "
              "quotes write '' for ')";
    } else if (has(prob, "did not find expected '-' indicator")) {
        msg = fb_arena_printf(a, "expected a list item '- ' here; line it "
                              "up with the other items of the list on "
                              "line %u", ctx_line);
    } else if (has(prob, "did not find expected ',' or ']'")) {
        msg = fb_arena_printf(a, "expected ',' or ']' in the [ ] list "
                              "opened on line %u", ctx_line);
    } else if (has(prob, "did not find expected ',' or '}'")) {
        msg = fb_arena_printf(a, "expected ',' or '}' in the { } mapping "
                              "opened on line %u", ctx_line);
    } else if (has(prob, "did not find expected node content")) {
        msg = "expected a value here";
    } else if (has(ctx, "quoted scalar") &&
               (has(prob, "end of stream") ||
                has(prob, "document indicator"))) {
        msg = fb_arena_printf(a, "the quoted text that starts on line %u "
                              "has no closing quote", ctx_line);
    } else if (has(ctx, "block scalar")) {
        msg = "after '|' or '>' only '+', '-', an indentation digit or a "
              "comment may follow; start the text on the next line, "
              "indented";
    } else if (has(prob, "unknown escape character")) {
        msg = "unknown escape after '\\' in double-quoted text; write "
              "'\\\\' for a backslash, or use single quotes";
    } else if (has(ctx, "an alias") || has(ctx, "an anchor")) {
        msg = "a value cannot start with '*' or '&' (YAML reads them as an "
              "alias or anchor); put the value in quotes";
    } else if (has(prob, "tab character")) {
        id = "tab";
        msg = "tab character where YAML needs spaces; use spaces";
    } else if (has(prob, "cannot start any token") && at) {
        if (*at == '\t') {
            id = "tab";
            msg = "tab character where YAML needs a space; use spaces";
        } else {
            msg = fb_arena_printf(a, "a value cannot start with '%.*s'; "
                                  "put the value in quotes",
                                  (int)(fb_utf8_next(at, end) - at), at);
        }
    } else if (has(prob, "expected <document start>")) {
        msg = "unexpected text after the end of the document ('...'); "
              "remove the '...' line or the text after it";
    }
    if (!msg)
        msg = fb_arena_printf(a, "YAML syntax error: %s%s%s", prob,
                              ctx ? " " : "", ctx ? ctx : "");
    fb_diag(c, FB_ERROR, &loc, id, "%s", msg);
}

/* ---- building the tree ------------------------------------------------- */

static struct fb_node *
new_node(struct loader *l, enum fb_node_kind kind, struct fb_loc loc)
{
    if (++l->n_nodes > FB_LOAD_MAX_NODES) {
        fb_diag(l->c, FB_ERROR, &loc, "too-many-nodes",
                "the file has more than %d values; a form never needs this "
                "many, so split it or remove repeated content",
                FB_LOAD_MAX_NODES);
        l->stop = l->failed = true;
        return NULL;
    }
    struct fb_node *n = fb_arena_alloc(&l->c->arena, sizeof(*n));
    n->kind = kind;
    n->loc = loc;
    return n;
}

/* Shortens a resolved standard tag for messages. */
static const char *
tag_text(const char *tag)
{
    static const char yaml_prefix[] = "tag:yaml.org,2002:";
    if (strncmp(tag, yaml_prefix, sizeof(yaml_prefix) - 1) == 0)
        return tag + sizeof(yaml_prefix) - 1;
    return tag;
}

/* Checks a node's anchor and tag. @returns false when reading must stop. */
static bool
check_props(struct loader *l, const yaml_event_t *e, const yaml_char_t *anchor,
            const yaml_char_t *tag)
{
    struct fb_loc loc = loc_mark(l, e->start_mark);
    if (anchor) {
        loc.len = (unsigned)strlen((const char *)anchor) + 1;
        fb_diag(l->c, FB_ERROR, &loc, "alias",
                "YAML anchors and aliases are not allowed in form files; "
                "write the value out in full");
        l->stop = l->failed = true;
        return false;
    }
    if (tag) {
        /* Quote the tag as written; libyaml only has it resolved. */
        const char *p = char_at(l, loc.line, loc.col);
        int shown_len;
        const char *shown;
        if (p && *p == '!') {
            loc.len = (unsigned)strcspn(p, " \t\r\n,]}");
            shown = p;
            shown_len = (int)loc.len;
        } else {
            shown = tag_text((const char *)tag);
            shown_len = (int)strlen(shown);
        }
        shown_len = quote_len(shown, (size_t)shown_len);
        fb_diag(l->c, FB_ERROR, &loc, "tag",
                "YAML tags such as '%.*s' are not allowed in form files; "
                "remove the tag and write the plain value",
                shown_len, shown);
        /* The value is still usable as if untagged: keep going. */
    }
    return true;
}

static void
append_item(struct loader *l, struct frame *f, struct fb_node *n)
{
    struct fb_node *seq = f->node;
    seq->items = fb_arena_grow(&l->c->arena, seq->items, sizeof(*seq->items),
                               &f->cap, seq->n_items + 1);
    seq->items[seq->n_items++] = n;
}

static void
append_pair(struct loader *l, struct frame *f, struct fb_node *key,
            struct fb_node *value)
{
    struct fb_node *map = f->node;
    map->pairs = fb_arena_grow(&l->c->arena, map->pairs, sizeof(*map->pairs),
                               &f->cap, map->n_pairs + 1);
    map->pairs[map->n_pairs].key = key;
    map->pairs[map->n_pairs].value = value;
    map->n_pairs++;
}

static bool
expects_key(const struct loader *l)
{
    if (l->depth == 0)
        return false;
    const struct frame *f = &l->stack[l->depth - 1];
    return f->node->kind == FB_NODE_MAPPING && !f->have_key;
}

/* Hangs a finished node under the open container, or makes it the root. */
static void
attach(struct loader *l, struct fb_node *n)
{
    if (l->depth == 0) {
        if (n->kind == FB_NODE_MAPPING) {
            l->root = n;
        } else if (n->kind == FB_NODE_SCALAR && n->plain && !n->value_len) {
            fb_diag(l->c, FB_ERROR, &n->loc, "empty-file",
                    "the file has no content; a form file needs keys such "
                    "as form:, title:, pages:");
            l->failed = true;
        } else {
            fb_diag(l->c, FB_ERROR, &n->loc, "root-not-mapping",
                    "the file holds %s; a form file must be a mapping with "
                    "keys such as form:, title:, pages:",
                    fb_node_kind_name(n->kind));
            l->failed = true;
        }
        return;
    }
    struct frame *f = &l->stack[l->depth - 1];
    if (f->node->kind == FB_NODE_SEQUENCE) {
        append_item(l, f, n);
    } else if (!f->have_key) {
        f->have_key = true;
        f->key = n->kind == FB_NODE_SCALAR ? n : NULL;
    } else {
        if (f->key)            /* a complex key's pair is dropped */
            append_pair(l, f, f->key, n);
        f->have_key = false;
        f->key = NULL;
    }
}

static void
on_scalar(struct loader *l, const yaml_event_t *e)
{
    if (!check_props(l, e, e->data.scalar.anchor, e->data.scalar.tag))
        return;
    struct fb_loc loc = loc_mark(l, e->start_mark);
    loc.len = scalar_width(l, e);
    struct fb_node *n = new_node(l, FB_NODE_SCALAR, loc);
    if (!n)
        return;
    const char *v = (const char *)e->data.scalar.value;
    size_t len = e->data.scalar.length;
    n->value = fb_arena_strndup(&l->c->arena, v, len);
    n->value_len = len;
    n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    n->block = e->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
               e->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
    if (memchr(v, '\0', len)) {
        /* Raw NULs are refused before parsing; this is an escape. */
        fb_diag(l->c, FB_ERROR, &loc, "bad-utf8",
                "this text contains a NUL character (an escape such as "
                "\\0 or \\x00); remove it");
        l->failed = true;
    }
    attach(l, n);
}

static void
on_start(struct loader *l, const yaml_event_t *e, enum fb_node_kind kind)
{
    const yaml_char_t *anchor, *tag;
    if (kind == FB_NODE_MAPPING) {
        anchor = e->data.mapping_start.anchor;
        tag = e->data.mapping_start.tag;
    } else {
        anchor = e->data.sequence_start.anchor;
        tag = e->data.sequence_start.tag;
    }
    if (!check_props(l, e, anchor, tag))
        return;
    struct fb_loc loc = loc_mark(l, e->start_mark);
    if (l->depth == 0 && kind != FB_NODE_MAPPING) {
        fb_diag(l->c, FB_ERROR, &loc, "root-not-mapping",
                "the file holds a list; a form file must be a mapping with "
                "keys such as form:, title:, pages:");
        l->stop = l->failed = true;
        return;
    }
    if (l->depth == FB_LOAD_MAX_DEPTH) {
        fb_diag(l->c, FB_ERROR, &loc, "too-deep",
                "lists and mappings are nested more than %d levels deep; "
                "a form never needs this, so check the brackets and "
                "indentation", FB_LOAD_MAX_DEPTH);
        l->stop = l->failed = true;
        return;
    }
    if (expects_key(l)) {
        fb_diag(l->c, FB_ERROR, &loc, "complex-key",
                "a key must be plain text, not %s; write 'name: value'",
                fb_node_kind_name(kind));
        l->failed = true;      /* keep reading to find more errors */
    }
    struct fb_node *n = new_node(l, kind, loc);
    if (!n)
        return;
    struct frame *f = &l->stack[l->depth++];
    memset(f, 0, sizeof(*f));
    f->node = n;
}

struct key_ref {
    const struct fb_node *key;
    size_t pos;
};

static int
compare_keys(const void *pa, const void *pb)
{
    const struct key_ref *a = pa, *b = pb;
    size_t la = a->key->value_len, lb = b->key->value_len;
    int r = memcmp(a->key->value, b->key->value, la < lb ? la : lb);
    if (r)
        return r;
    if (la != lb)
        return la < lb ? -1 : 1;
    return a->pos < b->pos ? -1 : (a->pos > b->pos);
}

static bool
same_key(const struct fb_node *a, const struct fb_node *b)
{
    return a->value_len == b->value_len &&
           memcmp(a->value, b->value, a->value_len) == 0;
}

/* Reports each repeated key of @p map (with a note at the first) and drops
 * the repeats, keeping the first. Sorting keeps a mapping of many thousand
 * keys fast. */
static void
check_duplicates(struct loader *l, struct fb_node *map)
{
    size_t n = map->n_pairs;
    if (n < 2)
        return;
    struct key_ref *refs = malloc(n * sizeof(*refs));
    if (!refs) {
        fputs("formc: out of memory\n", stderr);
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        refs[i].key = map->pairs[i].key;
        refs[i].pos = i;
    }
    qsort(refs, n, sizeof(*refs), compare_keys);
    bool any = false;
    for (size_t i = 1; i < n; i++) {
        size_t first = i - 1;
        while (i < n && same_key(refs[first].key, refs[i].key)) {
            const struct fb_node *k = refs[i].key;
            const struct fb_node *k0 = refs[first].key;
            int shown = quote_len(k->value, k->value_len);
            fb_diag(l->c, FB_ERROR, &k->loc, "duplicate-key",
                    "duplicate key '%.*s'; a key may appear only once in a "
                    "mapping, so remove or rename this one", shown,
                    k->value);
            fb_diag(l->c, FB_NOTE, &k0->loc, "duplicate-key",
                    "'%.*s' first defined here", shown, k0->value);
            map->pairs[refs[i].pos].value = NULL;
            any = true;
            i++;
        }
    }
    free(refs);
    if (!any)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (map->pairs[i].value)
            map->pairs[kept++] = map->pairs[i];
    map->n_pairs = kept;
}

static void
on_end(struct loader *l)
{
    if (l->depth == 0)
        return;
    struct fb_node *n = l->stack[--l->depth].node;
    if (n->kind == FB_NODE_MAPPING)
        check_duplicates(l, n);
    attach(l, n);
}

static void
on_event(struct loader *l, const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (l->n_docs++ > 0) {
            struct fb_loc loc = loc_mark(l, e->start_mark);
            loc.len = 3;
            fb_diag(l->c, FB_ERROR, &loc, "multiple-documents",
                    "a second YAML document starts here; a form file holds "
                    "one form, so put each form in its own file");
            l->stop = l->failed = true;
        }
        break;
    case YAML_ALIAS_EVENT: {
        struct fb_loc loc = loc_mark(l, e->start_mark);
        if (e->end_mark.line == e->start_mark.line)
            loc.len = (unsigned)(e->end_mark.column - e->start_mark.column);
        fb_diag(l->c, FB_ERROR, &loc, "alias",
                "YAML anchors and aliases are not allowed in form files; "
                "write the value out in full");
        l->stop = l->failed = true;
        break;
    }
    case YAML_SCALAR_EVENT:
        on_scalar(l, e);
        break;
    case YAML_SEQUENCE_START_EVENT:
        on_start(l, e, FB_NODE_SEQUENCE);
        break;
    case YAML_MAPPING_START_EVENT:
        on_start(l, e, FB_NODE_MAPPING);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        on_end(l);
        break;
    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_STREAM_END_EVENT:
    case YAML_DOCUMENT_END_EVENT:
        break;
    }
}

/* Runs libyaml over the source and builds the tree. */
static void
parse(struct loader *l)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        fb_diag(l->c, FB_ERROR, NULL, "io", "out of memory while parsing %s",
                l->src->path);
        l->failed = true;
        return;
    }
    yaml_parser_set_input_string(&parser,
                                 (const unsigned char *)l->src->text,
                                 l->src->len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    while (!l->stop) {
        yaml_event_t e;
        if (!yaml_parser_parse(&parser, &e)) {
            report_yaml_error(l, &parser);
            l->failed = true;
            break;
        }
        on_event(l, &e);
        bool end = e.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&e);
        if (end)
            break;
    }
    yaml_parser_delete(&parser);
}

/* ---- entry points ------------------------------------------------------ */

static void
report_too_large(struct fb_compiler *c, const char *name, size_t len,
                 bool exact)
{
    fb_diag(c, FB_ERROR, NULL, "file-too-large",
            "%s is %s%zu bytes; form files are limited to %zu bytes "
            "(1 MiB), so split the form into smaller files",
            name, exact ? "" : "more than ", len, FB_LOAD_MAX_BYTES);
}

/* Loads @p len bytes already known to be within the size limit. */
static struct fb_node *
load_text(struct fb_compiler *c, const char *name, const char *text,
          size_t len)
{
    if (len >= sizeof(utf8_bom) - 1 &&
        memcmp(text, utf8_bom, sizeof(utf8_bom) - 1) == 0) {
        text += sizeof(utf8_bom) - 1;
        len -= sizeof(utf8_bom) - 1;
    }
    struct fb_source *src = fb_arena_alloc(&c->arena, sizeof(*src));
    src->path = fb_arena_strdup(&c->arena, name);
    src->text = fb_arena_strndup(&c->arena, text, len);
    src->len = len;

    struct loader l;
    memset(&l, 0, sizeof(l));
    l.c = c;
    l.src = src;
    l.cur_line = 1;

    struct fb_loc start = loc_at(&l, 1, 1, 0);
    if (len == 0) {
        fb_diag(c, FB_ERROR, &start, "empty-file",
                "the file is empty; a form file needs keys such as form:, "
                "title:, pages:");
        return NULL;
    }
    if (!check_encoding(&l) || !check_tabs(&l))
        return NULL;
    parse(&l);
    if (l.failed)
        return NULL;
    if (!l.root) {
        fb_diag(c, FB_ERROR, &start, "empty-file",
                "the file has only blank lines or comments; a form file "
                "needs keys such as form:, title:, pages:");
        return NULL;
    }
    return l.root;
}

/* Loads in-memory text: the caller keeps @p text, the tree and a copy of
 * the text live in c's arena. @returns NULL after reporting errors. */
struct fb_node *
fb_load_string(struct fb_compiler *c, const char *name, const char *text,
               size_t len)
{
    if (len > FB_LOAD_MAX_BYTES) {
        report_too_large(c, name, len, true);
        return NULL;
    }
    return load_text(c, name, text, len);
}

/* Reads @p f to its end, or one byte past FB_LOAD_MAX_BYTES (then
 * *out_too_large), into a buffer of @p cap bytes to start with, grown as
 * needed: pipes report no size, and files can grow. @returns the bytes
 * (caller frees; *out_len of them), or NULL when memory runs out. */
static char *
read_all(FILE *f, size_t cap, size_t *out_len, bool *out_too_large)
{
    char *buf = malloc(cap);
    size_t len = 0;
    if (!buf)
        return NULL;
    for (;;) {
        if (len == cap) {
            if (cap > FB_LOAD_MAX_BYTES) {
                *out_too_large = true;
                break;
            }
            cap = cap * 2 > FB_LOAD_MAX_BYTES + 1 ? FB_LOAD_MAX_BYTES + 1
                                                  : cap * 2;
            char *bigger = realloc(buf, cap);
            if (!bigger) {
                free(buf);
                return NULL;
            }
            buf = bigger;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    *out_len = len;
    return buf;
}

/* Reads the file at @p path whole; see load.h. */
char *
fb_load_read(struct fb_compiler *c, const char *path, size_t *out_len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fb_diag(c, FB_ERROR, NULL, "io", "cannot open %s: %s", path,
                strerror(errno));
        return NULL;
    }
    struct stat st;
    size_t cap = (size_t)64 * 1024;
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            fb_diag(c, FB_ERROR, NULL, "io", "cannot read %s: %s", path,
                    strerror(EISDIR));
            fclose(f);
            return NULL;
        }
        if (S_ISREG(st.st_mode)) {
            if ((size_t)st.st_size > FB_LOAD_MAX_BYTES) {
                report_too_large(c, path, (size_t)st.st_size, true);
                fclose(f);
                return NULL;
            }
            cap = (size_t)st.st_size + 1;  /* +1 notices a growing file */
        }
    }
    size_t len = 0;
    bool too_large = false;
    char *buf = read_all(f, cap, &len, &too_large);
    if (!buf) {
        fb_diag(c, FB_ERROR, NULL, "io", "cannot read %s: %s", path,
                strerror(ENOMEM));
        fclose(f);
        return NULL;
    }
    if (!too_large && len > FB_LOAD_MAX_BYTES)
        too_large = true;
    if (!too_large && ferror(f)) {
        int err = errno;
        fb_diag(c, FB_ERROR, NULL, "io", "cannot read %s: %s", path,
                strerror(err ? err : EIO));
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    if (too_large) {
        report_too_large(c, path, FB_LOAD_MAX_BYTES, false);
        free(buf);
        return NULL;
    }
    char *text = realloc(buf, len + 1);
    if (!text) {
        fb_diag(c, FB_ERROR, NULL, "io", "cannot read %s: %s", path,
                strerror(ENOMEM));
        free(buf);
        return NULL;
    }
    text[len] = '\0';
    *out_len = len;
    return text;
}

/* Reads and loads @p path; refuses files over the limit without reading
 * them. The tree lives in c's arena. @returns NULL after reporting errors
 * ("io" when the file cannot be read). */
struct fb_node *
fb_load_file(struct fb_compiler *c, const char *path)
{
    size_t len;
    char *buf = fb_load_read(c, path, &len);
    if (!buf)
        return NULL;
    struct fb_node *root = load_text(c, path, buf, len);
    free(buf);
    return root;
}

/* @returns the value of the first @p key in mapping @p map, or NULL when
 * @p map is not a mapping or has no such key. */
struct fb_node *
fb_node_get(const struct fb_node *map, const char *key)
{
    if (!map || map->kind != FB_NODE_MAPPING || !key)
        return NULL;
    size_t len = strlen(key);
    for (size_t i = 0; i < map->n_pairs; i++) {
        const struct fb_node *k = map->pairs[i].key;
        if (k->value_len == len && memcmp(k->value, key, len) == 0)
            return map->pairs[i].value;
    }
    return NULL;
}

/* @returns a static name of @p kind for messages ("a mapping"). */
const char *
fb_node_kind_name(enum fb_node_kind kind)
{
    switch (kind) {
    case FB_NODE_SCALAR: return "a text value";
    case FB_NODE_MAPPING: return "a mapping";
    case FB_NODE_SEQUENCE: return "a list";
    }
    return "a value";
}
