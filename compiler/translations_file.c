/* SPDX-License-Identifier: MIT */
/*
 * PO and CSV translation files (translations_file.h).
 */
#include "translations_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

/* ---- writing ----------------------------------------------------------- */

static void
po_string(struct fb_buf *b, const char *key, const char *s)
{
    fb_buf_printf(b, "%s ", key);
    /* Multi-line text: one quoted line per line, as msgmerge writes. */
    if (strchr(s, '\n'))
        fb_buf_puts(b, "\"\"\n");
    fb_buf_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            fb_buf_putc(b, '\\');
            fb_buf_putc(b, *p);
        } else if (*p == '\n') {
            fb_buf_puts(b, p[1] ? "\\n\"\n\"" : "\\n");
        } else if (*p == '\t') {
            fb_buf_puts(b, "\\t");
        } else {
            fb_buf_putc(b, *p);
        }
    }
    fb_buf_puts(b, "\"\n");
}

static void
csv_field(struct fb_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fb_buf_puts(b, s);
        return;
    }
    fb_buf_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fb_buf_putc(b, '"');
        fb_buf_putc(b, *p);
    }
    fb_buf_putc(b, '"');
}

void
fb_translations_write(struct fb_buf *b, enum fb_translations_format format,
                      const char *form, const struct fb_translation *t,
                      size_t n)
{
    if (format == FB_TRANSLATIONS_CSV) {
        fb_buf_puts(b, "id,source,en,cy\r\n");
        for (size_t i = 0; i < n; i++) {
            csv_field(b, t[i].id);
            fb_buf_putc(b, ',');
            csv_field(b, t[i].source);
            fb_buf_putc(b, ',');
            csv_field(b, t[i].en);
            fb_buf_putc(b, ',');
            csv_field(b, t[i].cy);
            fb_buf_puts(b, "\r\n");
        }
        return;
    }
    fb_buf_printf(b, "# Welsh for %s, from formc translations. msgctxt is "
                     "each text's id;\n# fill in msgstr, then: formc "
                     "translations %s --merge THIS.po\n", form, form);
    fb_buf_puts(b, "msgid \"\"\nmsgstr \"\"\n"
                   "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                   "\"Language: cy\\n\"\n");
    for (size_t i = 0; i < n; i++) {
        fb_buf_printf(b, "\n#: %s\n", t[i].source);
        po_string(b, "msgctxt", t[i].id);
        po_string(b, "msgid", t[i].en);
        po_string(b, "msgstr", t[i].cy);
    }
}

/* ---- reading ----------------------------------------------------------- */

struct reader {
    struct fb_compiler *c;
    const struct fb_source *src;
    const char *p;             /* the next byte */
    unsigned line;
    struct fb_translation *out;
    size_t n;
    size_t cap;
    bool failed;
};

static void
bad(struct reader *r, unsigned line, const char *what)
{
    struct fb_loc loc = {r->src, line, 1, 0};
    fb_diag(r->c, FB_ERROR, &loc, "bad-translations", "%s", what);
    r->failed = true;
}

static struct fb_translation *
add(struct reader *r, unsigned line)
{
    r->out = fb_arena_grow(&r->c->arena, r->out, sizeof(*r->out), &r->cap,
                           r->n + 1);
    struct fb_translation *t = &r->out[r->n++];
    memset(t, 0, sizeof(*t));
    t->loc = (struct fb_loc){r->src, line, 1, 0};
    return t;
}

/* Reads the quoted PO string at @p s (after the keyword), appending its
 * unescaped text to @p b. @returns false when it is not one. */
static bool
po_quoted(const char *s, const char *end, struct fb_buf *b)
{
    while (s < end && *s == ' ')
        s++;
    if (s == end || *s != '"')
        return false;
    for (s++; s < end && *s != '"'; s++) {
        if (*s != '\\') {
            fb_buf_putc(b, *s);
            continue;
        }
        if (++s == end)
            return false;
        switch (*s) {
        case 'n': fb_buf_putc(b, '\n'); break;
        case 't': fb_buf_putc(b, '\t'); break;
        case '"': case '\\': fb_buf_putc(b, *s); break;
        default: return false;
        }
    }
    if (s == end)
        return false;
    for (s++; s < end; s++)
        if (*s != ' ' && *s != '\r')
            return false;
    return true;
}

/* @returns true when @p w occurs in the @p len bytes at @p s. */
static bool
has_word(const char *s, size_t len, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl <= len; i++)
        if (memcmp(s + i, w, wl) == 0)
            return true;
    return false;
}

enum po_field { PO_NONE, PO_CTXT, PO_ID, PO_STR };

struct po_entry {
    struct fb_buf f[4];        /* by enum po_field */
    bool seen[4];
    bool fuzzy;
    unsigned line;
};

static void
po_finish(struct reader *r, struct po_entry *e)
{
    if (e->seen[PO_ID] || e->seen[PO_STR] || e->seen[PO_CTXT]) {
        const char *id = e->f[PO_ID].data ? e->f[PO_ID].data : "";
        if (!e->seen[PO_CTXT] && id[0])
            bad(r, e->line, "this entry has no msgctxt: keep the msgctxt "
                            "line formc translations wrote, the text's id");
        else if (e->seen[PO_CTXT] && (!e->seen[PO_ID] || !e->seen[PO_STR]))
            bad(r, e->line, "this entry needs msgid and msgstr");
        else if (e->seen[PO_CTXT]) {
            struct fb_translation *t = add(r, e->line);
            t->id = fb_arena_strdup(&r->c->arena, e->f[PO_CTXT].data ?
                                                      e->f[PO_CTXT].data : "");
            t->en = fb_arena_strdup(&r->c->arena, id);
            t->cy = e->fuzzy ? "" :
                    fb_arena_strdup(&r->c->arena, e->f[PO_STR].data ?
                                                      e->f[PO_STR].data : "");
        }
    }
    for (int i = 0; i < 4; i++) {
        fb_buf_free(&e->f[i]);
        fb_buf_init(&e->f[i]);
        e->seen[i] = false;
    }
    e->fuzzy = false;
}

static void
read_po(struct reader *r)
{
    struct po_entry e;
    memset(&e, 0, sizeof(e));
    for (int i = 0; i < 4; i++)
        fb_buf_init(&e.f[i]);
    enum po_field cur = PO_NONE;
    static const char *const keys[] = {NULL, "msgctxt", "msgid", "msgstr"};
    while (*r->p) {
        const char *end = strchr(r->p, '\n');
        if (!end)
            end = r->p + strlen(r->p);
        const char *s = r->p;
        size_t len = (size_t)(end - s);
        if (len && s[len - 1] == '\r')
            len--;
        if (len == 0) {
            po_finish(r, &e);
            cur = PO_NONE;
        } else if (s[0] == '#') {
            if (len >= 2 && s[1] == ',' && has_word(s, len, "fuzzy"))
                e.fuzzy = true;
        } else if (s[0] == '"') {
            if (cur == PO_NONE || !po_quoted(s, s + len, &e.f[cur]))
                bad(r, r->line, "a quoted line must continue a msgctxt, "
                                "msgid or msgstr, and be one \"...\"");
        } else {
            enum po_field f = PO_NONE;
            for (int k = PO_CTXT; k <= PO_STR; k++) {
                size_t kl = strlen(keys[k]);
                if (len > kl && strncmp(s, keys[k], kl) == 0 &&
                    s[kl] == ' ')
                    f = (enum po_field)k;
            }
            if (f == PO_NONE) {
                bad(r, r->line, "expected msgctxt, msgid or msgstr");
            } else {
                /* A new entry starts at its msgctxt, or at a msgid that
                 * follows a msgstr without a blank line. */
                if ((f == PO_CTXT || f == PO_ID) && e.seen[PO_STR])
                    po_finish(r, &e);
                if (!e.seen[PO_CTXT] && !e.seen[PO_ID])
                    e.line = r->line;
                if (e.seen[f])
                    bad(r, r->line, "this entry has two of these lines");
                e.seen[f] = true;
                cur = f;
                if (!po_quoted(s + strlen(keys[f]), s + len, &e.f[f]))
                    bad(r, r->line, "the text must be one quoted string "
                                    "\"...\", with \\\" and \\n for "
                                    "quotes and line breaks");
            }
        }
        r->p = *end ? end + 1 : end;
        r->line++;
    }
    po_finish(r, &e);
    for (int i = 0; i < 4; i++)
        fb_buf_free(&e.f[i]);
}

/* Reads one CSV record into @p fields (up to @p max), @returns the count,
 * or -1 for an unterminated quote. */
static int
csv_record(struct reader *r, struct fb_buf *fields, int max)
{
    int n = 0;
    for (;;) {
        struct fb_buf *f = n < max ? &fields[n] : NULL;
        n++;
        if (*r->p == '"') {
            for (r->p++;; r->p++) {
                if (!*r->p)
                    return -1;
                if (*r->p == '"' && r->p[1] != '"')
                    break;
                if (*r->p == '"')
                    r->p++;
                if (*r->p == '\n')
                    r->line++;
                if (f)
                    fb_buf_putc(f, *r->p);
            }
            r->p++;
        }
        while (*r->p && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
            if (f)
                fb_buf_putc(f, *r->p);
            r->p++;
        }
        if (*r->p == ',') {
            r->p++;
            continue;
        }
        if (*r->p == '\r')
            r->p++;
        if (*r->p == '\n')
            r->p++;
        return n;
    }
}

static void
read_csv(struct reader *r)
{
    enum { ID, SOURCE, EN, CY, N };
    struct fb_buf f[N];
    bool header = true;
    while (*r->p) {
        unsigned line = r->line;
        for (int i = 0; i < N; i++)
            fb_buf_init(&f[i]);
        int n = csv_record(r, f, N);
        r->line++;
        if (n < 0) {
            bad(r, line, "a quoted field is not closed: end it with \"");
        } else if (header) {
            if (n != N || !f[ID].data || strcmp(f[ID].data, "id") != 0 ||
                !f[CY].data || strcmp(f[CY].data, "cy") != 0)
                bad(r, line, "the first row must be the header "
                             "id,source,en,cy that formc translations "
                             "wrote");
        } else if (n != N) {
            bad(r, line, "each row has four fields: id,source,en,cy");
        } else {
            struct fb_translation *t = add(r, line);
            t->id = fb_arena_strdup(&r->c->arena, f[ID].data ? f[ID].data : "");
            t->en = fb_arena_strdup(&r->c->arena, f[EN].data ? f[EN].data : "");
            t->cy = fb_arena_strdup(&r->c->arena, f[CY].data ? f[CY].data : "");
        }
        header = false;
        for (int i = 0; i < N; i++)
            fb_buf_free(&f[i]);
        if (n < 0)
            break;
    }
}

/* Reads @p path into a source in the arena, for diagnostics to quote. */
static const struct fb_source *
read_source(struct fb_compiler *c, const char *path)
{
    size_t len;
    char *text = fb_load_read(c, path, &len);
    if (!text)
        return NULL;
    if (memchr(text, '\0', len)) {
        fb_diag(c, FB_ERROR, NULL, "io", "cannot read %s: it is not a "
                "text file", path);
        free(text);
        return NULL;
    }
    struct fb_source *src = fb_arena_alloc(&c->arena, sizeof(*src));
    src->path = fb_arena_strdup(&c->arena, path);
    src->text = fb_arena_strndup(&c->arena, text, len);
    src->len = len;
    free(text);
    return src;
}

long
fb_translations_read(struct fb_compiler *c, const char *path,
                     struct fb_translation **out)
{
    size_t n = strlen(path);
    bool po = n > 3 && strcmp(path + n - 3, ".po") == 0;
    bool csv = n > 4 && strcmp(path + n - 4, ".csv") == 0;
    if (!po && !csv) {
        fb_diag(c, FB_ERROR, NULL, "io", "'%s' must be a .po or .csv file "
                "written by formc translations", path);
        return -1;
    }
    const struct fb_source *src = read_source(c, path);
    if (!src)
        return -1;
    struct reader r = {c, src, src->text, 1, NULL, 0, 0, false};
    if (po)
        read_po(&r);
    else
        read_csv(&r);
    *out = r.out;
    return r.failed ? -1 : (long)r.n;
}
