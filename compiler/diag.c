/* SPDX-License-Identifier: MIT */
/*
 * Diagnostics: collected during every pass, printed at the end in gcc's
 * format (file:line:col: severity: message, then the source line and a
 * caret) or as JSON. The caret is drawn from the loaded text.
 */
#include "compiler.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag_registry.h"

void
fb_compiler_init(struct fb_compiler *c)
{
    memset(c, 0, sizeof(*c));
    fb_arena_init(&c->arena);
    c->max_errors = FB_MAX_ERRORS_DEFAULT;
}

void
fb_compiler_free(struct fb_compiler *c)
{
    fb_arena_free(&c->arena);
    memset(c, 0, sizeof(*c));
}

static void __attribute__((format(printf, 5, 0)))
vdiag(struct fb_compiler *c, enum fb_severity severity,
      const struct fb_loc *loc, const char *id, const char *fmt, va_list ap)
{
    /* Every id is documented and explained: one without a registry row
     * is formc's own bug, caught by any test that reports it. */
    if (!fb_diag_info_find(id)) {
        fprintf(stderr, "formc: internal error: diagnostic id '%s' has no "
                        "row in compiler/diag_registry.c\n",
                id ? id : "(null)");
        abort();
    }
    if (c->too_many)
        return;
    if (severity == FB_ERROR && c->n_errors >= c->max_errors) {
        c->too_many = true;
        return;
    }
    c->diags = fb_arena_grow(&c->arena, c->diags, sizeof(*c->diags),
                             &c->cap_diags, c->n_diags + 1);
    struct fb_diag *d = &c->diags[c->n_diags];
    memset(d, 0, sizeof(*d));
    d->severity = severity;
    if (loc)
        d->loc = *loc;
    d->id = id;
    d->seq = c->n_diags++;
    /* A note explains the diagnostic before it and is printed after it. */
    d->parent = d->seq;
    if (severity == FB_NOTE) {
        for (size_t i = d->seq; i-- > 0;) {
            if (c->diags[i].severity != FB_NOTE) {
                d->parent = c->diags[i].seq;
                break;
            }
        }
    }

    d->message = fb_arena_vprintf(&c->arena, fmt, ap);

    if (severity == FB_ERROR)
        c->n_errors++;
    else if (severity == FB_WARNING)
        c->n_warnings++;
}

void
fb_diag(struct fb_compiler *c, enum fb_severity severity,
        const struct fb_loc *loc, const char *id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(c, severity, loc, id, fmt, ap);
    va_end(ap);
}

void
fb_diag_lint(struct fb_compiler *c, const struct fb_loc *loc, const char *id,
             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(c, c->strict ? FB_ERROR : FB_WARNING, loc, id, fmt, ap);
    va_end(ap);
}

size_t
fb_diag_mark(const struct fb_compiler *c)
{
    return c->n_diags;
}

/* Folds the diagnostics since @p mark under a new error; see compiler.h.
 * The error takes the place of the first of them, so that in report order
 * (which sorting keeps among notes) it comes before its notes. */
size_t
fb_diag_fold(struct fb_compiler *c, size_t mark, const struct fb_loc *loc,
             const char *id, const char *fmt, ...)
{
    if (mark >= c->n_diags)
        return 0;
    size_t folded = c->n_diags - mark;
    for (size_t i = mark; i < c->n_diags; i++) {
        if (c->diags[i].severity == FB_ERROR)
            c->n_errors--;
        else if (c->diags[i].severity == FB_WARNING)
            c->n_warnings--;
    }
    /* What the folded ones pushed over the cap is in their notes now. */
    if (c->n_errors < c->max_errors)
        c->too_many = false;
    va_list ap;
    va_start(ap, fmt);
    vdiag(c, FB_ERROR, loc, id, fmt, ap);
    va_end(ap);
    if (c->n_diags != mark + folded + 1)
        return 0; /* not added: the cap was reached before the file */
    struct fb_diag error = c->diags[c->n_diags - 1];
    memmove(&c->diags[mark + 1], &c->diags[mark],
            folded * sizeof(*c->diags));
    c->diags[mark] = error;
    for (size_t i = mark; i < c->n_diags; i++) {
        c->diags[i].seq = i;
        c->diags[i].parent = mark;
        if (i > mark)
            c->diags[i].severity = FB_NOTE;
    }
    return folded;
}

/* Sorting keys: a note sorts with the diagnostic it explains. */
struct sort_key {
    const struct fb_diag *diag;
    const struct fb_diag *anchor;
};

static int
compare_keys(const void *pa, const void *pb)
{
    const struct sort_key *ka = pa, *kb = pb;
    const struct fb_diag *a = ka->anchor, *b = kb->anchor;
    const char *fa = a->loc.src ? a->loc.src->path : "";
    const char *fb = b->loc.src ? b->loc.src->path : "";
    int r = strcmp(fa, fb);
    if (r)
        return r;
    if (a->loc.line != b->loc.line)
        return a->loc.line < b->loc.line ? -1 : 1;
    if (a->loc.col != b->loc.col)
        return a->loc.col < b->loc.col ? -1 : 1;
    if (a->seq != b->seq)
        return a->seq < b->seq ? -1 : 1;
    return ka->diag->seq < kb->diag->seq ? -1 : (ka->diag->seq > kb->diag->seq);
}

/* @returns the diagnostics in print order (file, line, column; each note
 * right after the diagnostic it explains), as an arena array of pointers.
 * c->diags stays in report order, so seq is the index there. */
static const struct fb_diag **
sorted_diags(struct fb_compiler *c)
{
    struct sort_key *keys = fb_arena_alloc(&c->arena,
                                           (c->n_diags + 1) * sizeof(*keys));
    for (size_t i = 0; i < c->n_diags; i++) {
        keys[i].diag = &c->diags[i];
        keys[i].anchor = &c->diags[c->diags[i].parent];
    }
    qsort(keys, c->n_diags, sizeof(*keys), compare_keys);
    const struct fb_diag **out = fb_arena_alloc(&c->arena,
                                                (c->n_diags + 1) *
                                                sizeof(*out));
    for (size_t i = 0; i < c->n_diags; i++)
        out[i] = keys[i].diag;
    return out;
}

static const char *
severity_name(enum fb_severity s)
{
    switch (s) {
    case FB_ERROR: return "error";
    case FB_WARNING: return "warning";
    case FB_NOTE: return "note";
    }
    return "error";
}

/* Finds line @p line (1-based) of @p src; sets *out_len to its length
 * without the newline. @returns NULL past the end. */
static const char *
find_line(const struct fb_source *src, unsigned line, size_t *out_len)
{
    const char *p = src->text, *end = src->text + src->len;
    for (unsigned l = 1; l < line; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (n && p[n - 1] == '\r')
        n--;
    *out_len = n;
    return p;
}

/* Advances over one UTF-8 character; see compiler.h. */
const char *
fb_utf8_next(const char *p, const char *end)
{
    uint32_t cp;
    size_t k = fb_utf8_decode(p, (size_t)(end - p), &cp);
    return p + (k ? k : 1);
}

static void
print_caret(FILE *out, const struct fb_loc *loc)
{
    size_t n;
    const char *text = find_line(loc->src, loc->line, &n);
    if (!text)
        return;
    /* Very long lines (minified input) are not worth echoing. */
    if (n > 400)
        return;
    fprintf(out, "%5u | %.*s\n", loc->line, (int)n, text);
    fputs("      | ", out);
    const char *p = text, *end = text + n;
    for (unsigned col = 1; col < loc->col && p < end; col++) {
        fputc(*p == '\t' ? '\t' : ' ', out);
        p = fb_utf8_next(p, end);
    }
    fputc('^', out);
    for (unsigned i = 1; i < loc->len && p < end; i++) {
        p = fb_utf8_next(p, end);
        if (p >= end)
            break;
        fputc('~', out);
    }
    fputc('\n', out);
}

void
fb_diag_print_text(struct fb_compiler *c, FILE *out)
{
    const struct fb_diag **sorted = sorted_diags(c);
    for (size_t i = 0; i < c->n_diags; i++) {
        const struct fb_diag *d = sorted[i];
        if (d->loc.src)
            fprintf(out, "%s:%u:%u: ", d->loc.src->path, d->loc.line,
                    d->loc.col);
        else
            fputs("formc: ", out);
        fprintf(out, "%s: %s\n", severity_name(d->severity), d->message);
        if (d->loc.src && d->loc.line)
            print_caret(out, &d->loc);
    }
    if (c->too_many)
        fprintf(out, "formc: note: stopped after %zu errors\n",
                c->max_errors);
}

void
fb_diag_print_json(struct fb_compiler *c, FILE *out)
{
    const struct fb_diag **sorted = sorted_diags(c);
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_puts(&b, "{\"diagnostics\":[");
    for (size_t i = 0; i < c->n_diags; i++) {
        const struct fb_diag *d = sorted[i];
        if (i)
            fb_buf_putc(&b, ',');
        fb_buf_puts(&b, "\n  {\"file\":");
        fb_buf_json_string(&b, d->loc.src ? d->loc.src->path : NULL);
        fb_buf_printf(&b, ",\"line\":%u,\"column\":%u,\"length\":%u,",
                      d->loc.line, d->loc.col, d->loc.len);
        fb_buf_puts(&b, "\"severity\":");
        fb_buf_json_string(&b, severity_name(d->severity));
        fb_buf_puts(&b, ",\"id\":");
        fb_buf_json_string(&b, d->id);
        fb_buf_puts(&b, ",\"message\":");
        fb_buf_json_string(&b, d->message);
        fb_buf_putc(&b, '}');
    }
    fb_buf_printf(&b, "\n],\"errors\":%zu,\"warnings\":%zu,"
                      "\"truncated\":%s}\n",
                  c->n_errors, c->n_warnings, c->too_many ? "true" : "false");
    if (!b.failed)
        fputs(b.data, out);
    fb_buf_free(&b);
}

/* Edit distance counting a swap of two neighbouring letters as one edit
 * ("lable" -> "label"), the commonest typo (optimal string alignment);
 * bounded: names are short. */
static size_t
edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return (size_t)-1;
    size_t rows[3][65];
    size_t *prev2 = rows[0], *prev = rows[1], *row = rows[2];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            row[j] = best;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = row;
        row = t;
    }
    return prev[lb];
}

const char *
fb_closest(const char *word, const char *const *candidates, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(word, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    /* Suggest only near misses: a third of the word, at least 1, at most 3. */
    size_t limit = strlen(word) / 3;
    if (limit < 1)
        limit = 1;
    if (limit > 3)
        limit = 3;
    return best_d <= limit ? best : NULL;
}
