/* SPDX-License-Identifier: MIT */
/*
 * C emitter: the last pass for the runtime. It writes a form's lowered
 * descriptors (lower.c) out as constant C tables, and nothing else: no
 * functions, because the one driver in libfbrt runs every form
 * (formbuilder/driver.h). Initialisers are designated, fields that are
 * NULL, 0 or false are left out, and lines are filled to 79 columns, so
 * the file reads like the YAML it came from. Everything but the form
 * descriptor is static.
 */
#include "emit_c.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "fb_config.h"
#include "formbuilder/booking.h"
#include "formbuilder/events.h"
#include "formbuilder/module.h"
#include "formbuilder/qtype.h"

/* Lines are filled up to this many columns. */
#define WIDTH 79

struct emitter {
    struct fb_arena *a;
    struct fb_buf *b;
    const struct fb_lowered *lw;
    const char **page_ident;   /* C-safe, unique page names */
};

/* The initialisers of one struct or array, in order, each a string in
 * the arena. Zeroed is empty. */
struct fields {
    const char **f;
    size_t n;
    size_t cap;
};

/* --- small writers ------------------------------------------------------ */

static void
put(struct emitter *e, const char *s)
{
    fb_buf_puts(e->b, s);
}

static const char *
fmt(struct emitter *e, const char *f, ...)
    __attribute__((format(printf, 2, 3)));

static const char *
fmt(struct emitter *e, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    const char *s = fb_arena_vprintf(e->a, f, ap);
    va_end(ap);
    return s;
}

static void
add_field(struct emitter *e, struct fields *fl, const char *s)
{
    fl->f = fb_arena_grow(e->a, fl->f, sizeof *fl->f, &fl->cap, fl->n + 1);
    fl->f[fl->n++] = s;
}

/* @returns @p s as a C string literal ("NULL" for NULL), in the arena. */
static const char *
lit(struct emitter *e, const char *s)
{
    struct fb_buf tmp;
    fb_buf_init(&tmp);
    fb_buf_c_string(&tmp, s);
    if (tmp.failed)
        e->b->failed = true;
    const char *out = fb_arena_strdup(e->a, tmp.data ? tmp.data : "\"\"");
    fb_buf_free(&tmp);
    return out;
}

/* @returns @p t as an initialiser, {{"en", "cy"}} or {{"en"}}, or NULL
 * when it has no text in any language. */
static const char *
text(struct emitter *e, const struct fb_i18n *t)
{
    int last = -1;
    for (int l = 0; l < FB_LANG__COUNT; l++)
        if (t->text[l])
            last = l;
    if (last < 0)
        return NULL;
    const char *s = "{{";
    for (int l = 0; l <= last; l++)
        s = fmt(e, "%s%s%s", s, l ? ", " : "", lit(e, t->text[l]));
    return fmt(e, "%s}}", s);
}

static void
add_str(struct emitter *e, struct fields *fl, const char *name, const char *s)
{
    if (s)
        add_field(e, fl, fmt(e, ".%s = %s", name, lit(e, s)));
}

static void
add_text(struct emitter *e, struct fields *fl, const char *name,
         const struct fb_i18n *t)
{
    const char *s = text(e, t);
    if (s)
        add_field(e, fl, fmt(e, ".%s = %s", name, s));
}

/* An array and its length, when it has elements. */
static void
add_array(struct emitter *e, struct fields *fl, const char *name,
          const char *array, size_t n)
{
    if (!n)
        return;
    add_field(e, fl, fmt(e, ".%s = %s", name, array));
    add_field(e, fl, fmt(e, ".n_%s = %zu", name, n));
}

/*
 * Writes @p first, then the fields separated by ", ", starting a new line
 * (after a ",") at @p indent whenever the next field would pass WIDTH,
 * then @p close. A field longer than a line gets a line of its own.
 */
static void
fill(struct emitter *e, const char *first, const char *indent,
     const struct fields *fl, const char *close)
{
    size_t col = strlen(first);
    put(e, first);
    for (size_t i = 0; i < fl->n; i++) {
        size_t len = strlen(fl->f[i]);
        if (i > 0 && col + 2 + len + 1 > WIDTH) {
            put(e, ",\n");
            put(e, indent);
            col = strlen(indent);
        } else if (i > 0) {
            put(e, ", ");
            col += 2;
        }
        put(e, fl->f[i]);
        col += len;
    }
    put(e, close);
}

/* static const TYPE NAME = { fields }; */
static void
put_object(struct emitter *e, const char *decl, const struct fields *fl)
{
    put(e, decl);
    put(e, " = {\n");
    fill(e, "    ", "    ", fl, ",\n};\n");
}

/* static const TYPE NAME[] = { {fields}, ... }; one element per
 * struct. */
static void
put_elements(struct emitter *e, const char *decl, const struct fields *els,
             size_t n)
{
    put(e, decl);
    put(e, " = {\n");
    for (size_t i = 0; i < n; i++)
        fill(e, "    {", "     ", &els[i], "},\n");
    put(e, "};\n");
}

/* A double as a C literal that reads back as the same value. */
static const char *
number_literal(struct emitter *e, double x)
{
    const char *s = fmt(e, "%.15g", x);
    if (strtod(s, NULL) != x)
        s = fmt(e, "%.17g", x);
    if (!strpbrk(s, ".eEn"))
        s = fmt(e, "%s.0", s);
    return s;
}

/* FB_Q_DATE, FB_RULE_MAX_LENGTH: @p prefix and @p name upper-cased. */
static const char *
enum_name(struct emitter *e, const char *prefix, const char *name)
{
    char *s = fb_arena_printf(e->a, "%s%s", prefix, name);
    for (char *c = s; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
    return s;
}

/* --- names ------------------------------------------------------------- */

static const char *
qname(struct emitter *e, const struct fb_question_desc *q)
{
    return fmt(e, "q_%s", fb_c_ident(e->a, q->id));
}

static const char *
qref(struct emitter *e, const struct fb_question_desc *q)
{
    return fmt(e, "&q_%s", fb_c_ident(e->a, q->id));
}

static void
name_pages(struct emitter *e)
{
    const struct fb_form_desc *d = e->lw->desc;
    size_t n = d->n_pages;
    e->page_ident = fb_arena_alloc(e->a, (n ? n : 1) * sizeof *e->page_ident);
    for (size_t i = 0; i < n; i++) {
        const char *id = fb_c_ident(e->a, d->pages[i].id);
        for (size_t j = 0; j < i; j++)
            if (strcmp(e->page_ident[j], id) == 0)
                id = fmt(e, "%s_%zu", id, i);
        e->page_ident[i] = id;
    }
}

/* --- conditions -------------------------------------------------------- */

static const char *const cond_ops[] = {
    [FB_COND_IS] = "FB_COND_IS",
    [FB_COND_IS_NOT] = "FB_COND_IS_NOT",
    [FB_COND_HAS] = "FB_COND_HAS",
    [FB_COND_ANSWERED] = "FB_COND_ANSWERED",
    [FB_COND_LT] = "FB_COND_LT",
    [FB_COND_LE] = "FB_COND_LE",
    [FB_COND_GT] = "FB_COND_GT",
    [FB_COND_GE] = "FB_COND_GE",
    [FB_COND_AND] = "FB_COND_AND",
    [FB_COND_OR] = "FB_COND_OR",
    [FB_COND_NOT] = "FB_COND_NOT",
    [FB_COND_STARTS_WITH] = "FB_COND_STARTS_WITH",
    [FB_COND_IN] = "FB_COND_IN",
    [FB_COND_POSTCODE_IN] = "FB_COND_POSTCODE_IN",
};

/* The words of the `when` language for the tests. */

/* @returns @p c in the `when` language, for the comment above its table;
 * never containing the end of a comment. */
static const char *
cond_source(struct emitter *e, const struct fb_cond_desc *c)
{
    char *s = fb_arena_strdup(e->a, fb_cond_desc_text(e->a, c));
    for (char *p = s; (p = strstr(p, "*/")) != NULL;)
        p[1] = '|';
    return s;
}

/* Appends @p c and its operands to @p nodes in preorder. */
static void
cond_nodes(const struct fb_cond_desc *c, const struct fb_cond_desc **nodes,
           size_t *n)
{
    nodes[(*n)++] = c;
    if (c->lhs)
        cond_nodes(c->lhs, nodes, n);
    if (c->rhs)
        cond_nodes(c->rhs, nodes, n);
}

static size_t
cond_count(const struct fb_cond_desc *c)
{
    return c ? 1 + cond_count(c->lhs) + cond_count(c->rhs) : 0;
}

static size_t
node_index(const struct fb_cond_desc *const *nodes, size_t n,
           const struct fb_cond_desc *c)
{
    for (size_t i = 0; i < n; i++)
        if (nodes[i] == c)
            return i;
    return 0;
}

static const char *
date_ref(struct emitter *e, const struct fb_date_ref *r)
{
    if (!r->relative)
        return fmt(e, "{.date = {%d, %d, %d}}", r->date.year, r->date.month,
                   r->date.day);
    if (r->offset_days == 0)
        return "{.relative = true}";
    return fmt(e, "{.relative = true, .offset_days = %d}", r->offset_days);
}

static const char *
literal(struct emitter *e, const struct fb_literal *v)
{
    switch (v->kind) {
    case FB_LITERAL_NUMBER:
        return fmt(e, "{.kind = FB_LITERAL_NUMBER, .text = %s, .number = %s}",
                   lit(e, v->text), number_literal(e, v->number));
    case FB_LITERAL_DATE:
        return fmt(e, "{.kind = FB_LITERAL_DATE, .text = %s, .date = %s}",
                   lit(e, v->text), date_ref(e, &v->date));
    case FB_LITERAL_TEXT:
        break;
    }
    return fmt(e, "{.text = %s}", lit(e, v->text));
}

/* Writes condition @p c as the array @p name, its root first. */
static void
emit_cond(struct emitter *e, const char *name, const char *what,
          const struct fb_cond_desc *c)
{
    size_t n = 0;
    const struct fb_cond_desc **nodes =
        fb_arena_alloc(e->a, cond_count(c) * sizeof *nodes);
    cond_nodes(c, nodes, &n);
    /* The lists of `in` tests, each its own array before the nodes. */
    for (size_t i = 0; i < n; i++) {
        const struct fb_cond_desc *d = nodes[i];
        if (!d->n_values)
            continue;
        struct fields *vals = fb_arena_alloc(e->a, d->n_values * sizeof *vals);
        for (size_t k = 0; k < d->n_values; k++) {
            const char *v = literal(e, &d->values[k]);
            add_field(e, &vals[k], fmt(e, "%.*s", (int)strlen(v) - 2, v + 1));
        }
        put_elements(e, fmt(e, "static const struct fb_literal %s_%zu[%zu]",
                            name, i, d->n_values),
                     vals, d->n_values);
    }
    struct fields *els = fb_arena_alloc(e->a, n * sizeof *els);
    for (size_t i = 0; i < n; i++) {
        const struct fb_cond_desc *d = nodes[i];
        struct fields *fl = &els[i];
        add_field(e, fl, fmt(e, ".op = %s", cond_ops[d->op]));
        if (d->n_values) {
            add_field(e, fl, fmt(e, ".values = %s_%zu", name, i));
            add_field(e, fl, fmt(e, ".n_values = %zu", d->n_values));
        }
        if (d->question)
            add_field(e, fl, fmt(e, ".question = %s", qref(e, d->question)));
        if (d->over)
            add_field(e, fl, fmt(e, ".over = %s, .group = \"%s\"",
                                 d->over == FB_COND_OVER_COUNT
                                     ? "FB_COND_OVER_COUNT"
                                     : "FB_COND_OVER_ANY",
                                 d->group));
        if (d->value.text)
            add_field(e, fl, fmt(e, ".value = %s", literal(e, &d->value)));
        if (d->lhs)
            add_field(e, fl, fmt(e, ".lhs = &%s[%zu]", name,
                                 node_index(nodes, n, d->lhs)));
        if (d->rhs)
            add_field(e, fl, fmt(e, ".rhs = &%s[%zu]", name,
                                 node_index(nodes, n, d->rhs)));
    }
    put(e, fmt(e, "/* %s: when %s */\n", what, cond_source(e, c)));
    put_elements(e, fmt(e, "static const struct fb_cond_desc %s[%zu]", name,
                        n),
                 els, n);
}

/* --- questions ---------------------------------------------------------- */

static void
emit_rules(struct emitter *e, const struct fb_question_desc *q,
           const char *id)
{
    struct fields *els = fb_arena_alloc(e->a, q->n_rules * sizeof *els);
    /* in_area's list, before the rules that point at it (one a question) */
    for (size_t i = 0; i < q->n_rules; i++) {
        if (!q->rules[i].n_areas)
            continue;
        put(e, fmt(e, "static const char *const areas_%s[] = {", id));
        for (size_t k = 0; k < q->rules[i].n_areas; k++)
            put(e, fmt(e, "%s%s", k ? ", " : "", lit(e, q->rules[i].areas[k])));
        put(e, "};\n");
    }
    for (size_t i = 0; i < q->n_rules; i++) {
        const struct fb_rule_desc *r = &q->rules[i];
        struct fields *fl = &els[i];
        add_field(e, fl, fmt(e, ".kind = %s",
                    enum_name(e, "FB_RULE_", fb_rule_name(r->kind))));
        if (r->count)
            add_field(e, fl, fmt(e, ".count = %ld", r->count));
        if (r->number != 0)
            add_field(e, fl,
                      fmt(e, ".number = %s", number_literal(e, r->number)));
        if (r->kind == FB_RULE_BEFORE || r->kind == FB_RULE_AFTER)
            add_field(e, fl, fmt(e, ".date = %s", date_ref(e, &r->date)));
        add_str(e, fl, "pattern", r->pattern);
        if (r->regex)
            add_field(e, fl, fmt(e, ".regex = &re_%s", id));
        if (r->other)
            add_field(e, fl, fmt(e, ".other = %s", qref(e, r->other)));
        if (r->n_areas) {
            add_field(e, fl, fmt(e, ".areas = areas_%s", id));
            add_field(e, fl, fmt(e, ".n_areas = %zu", r->n_areas));
        }
        add_text(e, fl, "message", &r->message);
    }
    put_elements(e, fmt(e, "static const struct fb_rule_desc rules_%s[]", id),
                 els, q->n_rules);
}

static void
emit_options(struct emitter *e, const struct fb_question_desc *q,
             const char *id)
{
    for (size_t i = 0; i < q->n_options; i++) {
        const struct fb_option_desc *o = &q->options[i];
        if (!o->n_reveal)
            continue;
        struct fields fl = {0};
        for (size_t r = 0; r < o->n_reveal; r++)
            add_field(e, &fl, qref(e, o->reveal[r]));
        put(e, fmt(e, "static const struct fb_question_desc *const "
                      "reveal_%s_%zu[] = {\n", id, i));
        fill(e, "    ", "    ", &fl, ",\n};\n");
    }
    struct fields *els = fb_arena_alloc(e->a, q->n_options * sizeof *els);
    for (size_t i = 0; i < q->n_options; i++) {
        const struct fb_option_desc *o = &q->options[i];
        add_str(e, &els[i], "value", o->value);
        add_text(e, &els[i], "label", &o->label);
        add_text(e, &els[i], "hint", &o->hint);
        add_array(e, &els[i], "reveal", fmt(e, "reveal_%s_%zu", id, i),
                  o->n_reveal);
    }
    put_elements(e, fmt(e, "static const struct fb_option_desc opts_%s[]",
                        id),
                 els, q->n_options);
}

/* The names of a question's parts, measured and hashed (lower.c). */
static void
emit_part_names(struct emitter *e, const struct fb_question_desc *q,
                const char *id)
{
    const struct fb_qtype_info *t = fb_qtype(q->type);
    size_t n = 2 * t->n_parts;
    struct fields *els = fb_arena_alloc(e->a, n * sizeof *els);
    for (size_t i = 0; i < n; i++) {
        els[i] = (struct fields){0};
        add_str(e, &els[i], "s", q->part_names[i].s);
        add_field(e, &els[i], fmt(e, ".n = %zu", q->part_names[i].n));
        add_field(e, &els[i], fmt(e, ".hash = 0x%08" PRIx32 "u",
                                  q->part_names[i].hash));
    }
    put_elements(e, fmt(e, "static const struct fb_name parts_%s[]", id),
                 els, n);
}

/* A question's lookup: the answers its reply fills, then the lookup. */
static void
emit_lookup(struct emitter *e, const struct fb_question_desc *q,
            const char *id)
{
    const struct fb_lookup_desc *l = q->lookup;
    if (l->n_fill) {
        struct fields *els = fb_arena_alloc(e->a, l->n_fill * sizeof *els);
        for (size_t i = 0; i < l->n_fill; i++) {
            add_str(e, &els[i], "field", l->fill[i].field);
            add_field(e, &els[i], fmt(e, ".question = %s",
                                      qref(e, l->fill[i].question)));
        }
        put_elements(e, fmt(e, "static const struct fb_lookup_fill "
                               "fill_%s[]", id),
                     els, l->n_fill);
    }
    struct fields fl = {0};
    add_str(e, &fl, "provider", l->provider);
    add_text(e, &fl, "message", &l->message);
    add_array(e, &fl, "fill", fmt(e, "fill_%s", id), l->n_fill);
    put_object(e, fmt(e, "static const struct fb_lookup_desc lookup_%s", id),
               &fl);
}

static void
emit_question(struct emitter *e, const struct fb_question_desc *q)
{
    const char *id = fb_c_ident(e->a, q->id);
    if (q->when)
        emit_cond(e, fmt(e, "when_q_%s", id), fmt(e, "Question %s", q->id),
                  q->when);
    if (q->n_options)
        emit_options(e, q, id);
    if (q->n_rules)
        emit_rules(e, q, id);
    if (q->part_names)
        emit_part_names(e, q, id);
    if (q->lookup)
        emit_lookup(e, q, id);
    if (q->file) {
        struct fields ff = {0};
        add_field(e, &ff, fmt(e, ".accept = %uu", q->file->accept));
        add_field(e, &ff, fmt(e, ".max_size = %lldLL", q->file->max_size));
        add_field(e, &ff, fmt(e, ".max_files = %uu", q->file->max_files));
        put_object(e, fmt(e, "static const struct fb_file_desc file_%s", id),
                   &ff);
    }
    struct fields fl = {0};
    add_str(e, &fl, "id", q->id);
    add_field(e, &fl, fmt(e, ".id_len = %zu", q->id_len));
    add_field(e, &fl, fmt(e, ".id_hash = 0x%08" PRIx32 "u", q->id_hash));
    add_field(e, &fl, fmt(e, ".type = %s",
                 enum_name(e, "FB_Q_", fb_qtype_name(q->type))));
    add_text(e, &fl, "label", &q->label);
    add_text(e, &fl, "hint", &q->hint);
    add_text(e, &fl, "summary_label", &q->summary_label);
    add_text(e, &fl, "noun", &q->noun);
    add_str(e, &fl, "autocomplete", q->autocomplete);
    add_array(e, &fl, "options", fmt(e, "opts_%s", id), q->n_options);
    if (q->parts)
        add_field(e, &fl, fmt(e, ".parts = %uu", q->parts));
    if (q->part_names)
        add_field(e, &fl, fmt(e, ".part_names = parts_%s", id));
    if (q->display_select)
        add_field(e, &fl, ".display_select = true");
    add_str(e, &fl, "address_lookup", q->address_lookup);
    if (q->lookup)
        add_field(e, &fl, fmt(e, ".lookup = &lookup_%s", id));
    if (q->required)
        add_field(e, &fl, ".required = true");
    add_text(e, &fl, "required_message", &q->required_message);
    add_array(e, &fl, "rules", fmt(e, "rules_%s", id), q->n_rules);
    if (q->max_length)
        add_field(e, &fl, fmt(e, ".max_length = %ld", q->max_length));
    if (q->integer)
        add_field(e, &fl, ".integer = true");
    if (q->when)
        add_field(e, &fl, fmt(e, ".when = when_q_%s", id));
    if (q->revealed_by) {
        add_field(e, &fl, fmt(e, ".revealed_by = %s", qref(e, q->revealed_by)));
        add_str(e, &fl, "reveal_value", q->reveal_value);
    }
    if (q->calendar)
        add_field(e, &fl, ".calendar = &calendar");
    if (q->file)
        add_field(e, &fl, fmt(e, ".file = &file_%s", id));
    put_object(e, fmt(e, "static const struct fb_question_desc %s",
                      qname(e, q)),
               &fl);
    put(e, "\n");
}

/* --- pages ------------------------------------------------------------- */

static const char *const block_kinds[] = {
    [FB_BLOCK_PARAGRAPH] = "FB_BLOCK_PARAGRAPH",
    [FB_BLOCK_INSET] = "FB_BLOCK_INSET",
    [FB_BLOCK_WARNING] = "FB_BLOCK_WARNING",
    [FB_BLOCK_DETAILS] = "FB_BLOCK_DETAILS",
    [FB_BLOCK_LIST] = "FB_BLOCK_LIST",
};

/* The initialisers of block @p b, number @p n of those named @p pid
 * (its list items and condition written out first). */
static void
block_fields(struct emitter *e, const struct fb_block_desc *b,
             const char *pid, size_t n, struct fields *fl)
{
    const char *when = fmt(e, "when_b_%s_%zu", pid, n);
    if (b->when)
        emit_cond(e, when, fmt(e, "Content %zu of %s", n, pid),
                  b->when);
    add_field(e, fl, fmt(e, ".kind = %s", block_kinds[b->kind]));
    if (b->when)
        add_field(e, fl, fmt(e, ".when = %s", when));
    add_text(e, fl, "text", &b->text);
    add_text(e, fl, "summary", &b->summary);
    if (b->n_items) {
        struct fields list = {0};
        for (size_t j = 0; j < b->n_items; j++)
            add_field(e, &list, text(e, &b->items[j]));
        put(e, fmt(e, "static const struct fb_i18n list_%s_%zu[] = {\n",
                   pid, n));
        fill(e, "    ", "    ", &list, ",\n};\n");
        add_array(e, fl, "items", fmt(e, "list_%s_%zu", pid, n),
                  b->n_items);
    }
}

/* Writes the blocks of page @p pi, in the order its items show them, as
 * blocks_<page>[]; @returns how many. */
static size_t
emit_blocks(struct emitter *e, size_t pi)
{
    const struct fb_page_desc *p = &e->lw->desc->pages[pi];
    const char *pid = e->page_ident[pi];
    struct fields *els = fb_arena_alloc(e->a, (p->n_items + 1) * sizeof *els);
    size_t n = 0;
    for (size_t i = 0; i < p->n_items; i++) {
        const struct fb_block_desc *b = p->items[i].block;
        if (!b)
            continue;
        block_fields(e, b, pid, n, &els[n]);
        n++;
    }
    if (n)
        put_elements(e, fmt(e, "static const struct fb_block_desc "
                               "blocks_%s[]", pid),
                     els, n);
    return n;
}

static void
emit_items(struct emitter *e, size_t pi)
{
    const struct fb_page_desc *p = &e->lw->desc->pages[pi];
    const char *pid = e->page_ident[pi];
    struct fields *fl = fb_arena_alloc(e->a, sizeof *fl);
    size_t block = 0;
    for (size_t i = 0; i < p->n_items; i++)
        add_field(e, fl, p->items[i].question
                    ? fmt(e, "{.question = %s}", qref(e, p->items[i].question))
                    : fmt(e, "{.block = &blocks_%s[%zu]}", pid, block++));
    put(e, fmt(e, "static const struct fb_item_desc items_%s[] = {\n", pid));
    fill(e, "    ", "    ", fl, ",\n};\n");
}

/* A repeating page's group: its bounds and the words for its items. */
static void
emit_repeat(struct emitter *e, size_t pi)
{
    const struct fb_repeat_desc *r = e->lw->desc->pages[pi].repeat;
    struct fields fl = {0};
    add_field(e, &fl, fmt(e, ".min = %zu", r->min));
    add_field(e, &fl, fmt(e, ".max = %zu", r->max));
    add_text(e, &fl, "item_one", &r->item_one);
    add_text(e, &fl, "item_other", &r->item_other);
    add_text(e, &fl, "summary", &r->summary);
    put_object(e, fmt(e, "static const struct fb_repeat_desc repeat_%s",
                      e->page_ident[pi]),
               &fl);
}

/* @returns where page @p p's questions start in the form's questions[]:
 * pages list their questions in form order, one page after another. */
static size_t
first_question(const struct fb_form_desc *d, const struct fb_page_desc *p)
{
    for (size_t i = 0; i < d->n_questions; i++)
        if (d->questions[i] == p->questions[0])
            return i;
    return 0;
}

static void
emit_pages(struct emitter *e)
{
    const struct fb_form_desc *d = e->lw->desc;
    for (size_t i = 0; i < d->n_pages; i++) {
        const struct fb_page_desc *p = &d->pages[i];
        if (p->when)
            emit_cond(e, fmt(e, "when_p_%s", e->page_ident[i]),
                      fmt(e, "Page %s", p->id), p->when);
        emit_blocks(e, i);
        if (p->n_items)
            emit_items(e, i);
        if (p->repeat)
            emit_repeat(e, i);
        put(e, "\n");
    }
    struct fields *qs = fb_arena_alloc(e->a, sizeof *qs);
    for (size_t i = 0; i < d->n_questions; i++)
        add_field(e, qs, qref(e, d->questions[i]));
    put(e, "/* Every question in form order; each page's are a run of "
           "them. */\n"
           "static const struct fb_question_desc *const questions[] = {\n");
    fill(e, "    ", "    ", qs, ",\n};\n\n");

    struct fields *els = fb_arena_alloc(e->a, d->n_pages * sizeof *els);
    for (size_t i = 0; i < d->n_pages; i++) {
        const struct fb_page_desc *p = &d->pages[i];
        const char *pid = e->page_ident[i];
        struct fields *fl = &els[i];
        add_str(e, fl, "id", p->id);
        add_text(e, fl, "title", &p->title);
        if (p->exit)
            add_field(e, fl, ".exit = true");
        if (p->n_questions) {
            add_field(e, fl, fmt(e, ".questions = &questions[%zu]",
                        first_question(d, p)));
            add_field(e, fl, fmt(e, ".n_questions = %zu", p->n_questions));
        }
        add_array(e, fl, "items", fmt(e, "items_%s", pid), p->n_items);
        if (p->when)
            add_field(e, fl, fmt(e, ".when = when_p_%s", pid));
        if (p->repeat)
            add_field(e, fl, fmt(e, ".repeat = &repeat_%s", pid));
    }
    put_elements(e, "static const struct fb_page_desc pages[]", els,
                 d->n_pages);
    put(e, "\n");
}

static const char *
via_field(struct emitter *e, enum fb_email_via via)
{
    return fmt(e, ".via = %s",
               via == FB_VIA_NOTIFY ? "FB_VIA_NOTIFY" : "FB_VIA_SMTP");
}

static void
emit_forwards(struct emitter *e)
{
    const struct fb_form_desc *d = e->lw->desc;
    if (!d->n_forwards)
        return;
    static const char *const kinds[] = {
        [FB_TARGET_HTTP] = "FB_TARGET_HTTP",
        [FB_TARGET_EMAIL] = "FB_TARGET_EMAIL",
        [FB_TARGET_FILE] = "FB_TARGET_FILE",
    };
    for (size_t i = 0; i < d->n_forwards; i++) {
        const struct fb_forward_desc *f = &d->forwards[i];
        if (!f->n_headers)
            continue;
        struct fields *hs = fb_arena_alloc(e->a, f->n_headers * sizeof *hs);
        for (size_t h = 0; h < f->n_headers; h++) {
            add_str(e, &hs[h], "name", f->headers[h].name);
            add_str(e, &hs[h], "env", f->headers[h].env);
        }
        put_elements(e, fmt(e, "static const struct fb_header_desc "
                            "headers_%zu[]", i), hs, f->n_headers);
    }
    struct fields *els = fb_arena_alloc(e->a, d->n_forwards * sizeof *els);
    for (size_t i = 0; i < d->n_forwards; i++) {
        const struct fb_forward_desc *f = &d->forwards[i];
        struct fields *fl = &els[i];
        add_field(e, fl, fmt(e, ".kind = %s", kinds[f->kind]));
        add_str(e, fl, "url", f->url);
        add_str(e, fl, "format", f->format);
        add_str(e, fl, "secret_env", f->secret_env);
        add_array(e, fl, "headers", fmt(e, "headers_%zu", i), f->n_headers);
        if (f->allow_http)
            add_field(e, fl, ".allow_http = true");
        if (f->files == FB_FILES_MULTIPART)
            add_field(e, fl, ".files = FB_FILES_MULTIPART");
        add_str(e, fl, "email", f->email);
        if (f->kind == FB_TARGET_EMAIL)
            add_field(e, fl, via_field(e, f->via));
        add_str(e, fl, "template_id", f->template_id);
        add_str(e, fl, "file", f->file);
    }
    put_elements(e, "static const struct fb_forward_desc forwards[]", els,
                 d->n_forwards);
    put(e, "\n");
}

static void
emit_confirmation_email(struct emitter *e)
{
    const struct fb_confirmation_email_desc *ce =
        e->lw->desc->confirmation_email;
    if (!ce)
        return;
    struct fields fl = {0};
    add_str(e, &fl, "to", ce->to);
    add_field(e, &fl, via_field(e, ce->via));
    add_str(e, &fl, "template_id", ce->template_id);
    put_object(e, "static const struct fb_confirmation_email_desc "
                  "confirmation_email", &fl);
    put(e, "\n");
}

/* The statuses the form adds to the built-in ones, as event_statuses[]. */
static void
emit_event_statuses(struct emitter *e)
{
    const struct fb_form_desc *d = e->lw->desc;
    if (!d->n_event_statuses)
        return;
    struct fields *els =
        fb_arena_alloc(e->a, d->n_event_statuses * sizeof *els);
    for (size_t i = 0; i < d->n_event_statuses; i++) {
        add_str(e, &els[i], "id", d->event_statuses[i].id);
        add_text(e, &els[i], "label", &d->event_statuses[i].label);
    }
    put_elements(e, "static const struct fb_event_status_desc "
                    "event_statuses[]", els, d->n_event_statuses);
    put(e, "\n");
}

static void
emit_save_return(struct emitter *e)
{
    const struct fb_save_return_desc *sr = e->lw->desc->save_return;
    if (!sr)
        return;
    struct fields fl = {0};
    add_field(e, &fl, fmt(e, ".expires_days = %d", sr->expires_days));
    add_field(e, &fl, via_field(e, sr->via));
    add_str(e, &fl, "template_id", sr->template_id);
    put_object(e, "static const struct fb_save_return_desc save_return",
               &fl);
    put(e, "\n");
}

/* The confirmation's content, as confirmation_blocks[]. */
static void
emit_confirmation(struct emitter *e)
{
    const struct fb_form_desc *d = e->lw->desc;
    size_t n = d->n_confirmation_blocks;
    if (!n)
        return;
    struct fields *els = fb_arena_alloc(e->a, n * sizeof *els);
    for (size_t i = 0; i < n; i++)
        block_fields(e, &d->confirmation_blocks[i], "confirmation", i,
                     &els[i]);
    put_elements(e, "static const struct fb_block_desc "
                    "confirmation_blocks[]", els, n);
    put(e, "\n");
}

/* The booking calendar: its windows, closed days and quota, then the
 * calendar itself, before the questions that point at it. */
static void
emit_calendar(struct emitter *e)
{
    const struct fb_calendar_desc *cal = e->lw->desc->booking;
    if (!cal)
        return;
    struct fields *els = fb_arena_alloc(e->a, (cal->n_windows + 1) *
                                                  sizeof *els);
    for (size_t i = 0; i < cal->n_windows; i++) {
        const struct fb_booking_window *w = &cal->windows[i];
        add_str(e, &els[i], "id", w->id);
        add_text(e, &els[i], "label", &w->label);
        add_field(e, &els[i], fmt(e, ".start = %d", w->start));
        add_field(e, &els[i], fmt(e, ".end = %d", w->end));
        add_field(e, &els[i], fmt(e, ".capacity = %d", w->capacity));
    }
    put(e, "/* Booking: the calendar's windows (minutes since midnight). */\n");
    put_elements(e, "static const struct fb_booking_window windows[]", els,
                 cal->n_windows);
    if (cal->n_closed) {
        struct fields days = {0};
        for (size_t i = 0; i < cal->n_closed; i++)
            add_field(e, &days, fmt(e, "{%d, %d, %d}", cal->closed[i].year,
                                    cal->closed[i].month,
                                    cal->closed[i].day));
        put(e, "/* Days never offered: closed and holidays, sorted. */\n"
               "static const struct fb_date closed[] = {\n");
        fill(e, "    ", "    ", &days, ",\n};\n");
    }
    if (cal->limit) {
        struct fields lim = {0};
        add_field(e, &lim, fmt(e, ".per = %s", qref(e, cal->limit->per)));
        add_field(e, &lim, fmt(e, ".count = %d", cal->limit->count));
        add_field(e, &lim, fmt(e, ".period_days = %d",
                               cal->limit->period_days));
        put_object(e, "static const struct fb_booking_limit limit", &lim);
    }
    struct fields fl = {0};
    add_str(e, &fl, "name", cal->name);
    add_field(e, &fl, fmt(e, ".days = 0x%02xu", cal->days));
    if (cal->slots)
        add_field(e, &fl, ".slots = true");
    add_array(e, &fl, "windows", "windows", cal->n_windows);
    if (cal->lead_days)
        add_field(e, &fl, fmt(e, ".lead_days = %d", cal->lead_days));
    add_field(e, &fl, fmt(e, ".horizon_days = %d", cal->horizon_days));
    add_array(e, &fl, "closed", "closed", cal->n_closed);
    add_str(e, &fl, "holidays", cal->holidays);
    add_field(e, &fl, fmt(e, ".hold_seconds = %d", cal->hold_seconds));
    if (cal->limit)
        add_field(e, &fl, ".limit = &limit");
    put_object(e, "static const struct fb_calendar_desc calendar", &fl);
    put(e, "\n");
}

/* The fee: its price table (a choice question's), then the payment. */
static void
emit_payment(struct emitter *e)
{
    const struct fb_payment_desc *p = e->lw->desc->payment;
    if (!p)
        return;
    if (p->n_table) {
        struct fields *els = fb_arena_alloc(e->a, p->n_table * sizeof *els);
        for (size_t i = 0; i < p->n_table; i++) {
            add_str(e, &els[i], "value", p->table[i].value);
            add_field(e, &els[i], fmt(e, ".pence = %lld", p->table[i].pence));
        }
        put(e, "/* Payment: the price of each option, in pence. */\n");
        put_elements(e, "static const struct fb_payment_price prices[]", els,
                     p->n_table);
    }
    struct fields fl = {0};
    if (p->amount)
        add_field(e, &fl, fmt(e, ".amount = %lld", p->amount));
    add_str(e, &fl, "from", p->from);
    if (p->n_table)
        add_array(e, &fl, "table", "prices", p->n_table);
    add_text(e, &fl, "description", &p->description);
    add_str(e, &fl, "reference_prefix", p->reference_prefix);
    put_object(e, "static const struct fb_payment_desc payment", &fl);
    put(e, "\n");
}

static void
emit_form(struct emitter *e)
{
    const struct fb_form_desc *d = e->lw->desc;
    struct fields fl = {0};
    /* The format of this formc, not the FB_FORMAT of whatever header the
     * file is compiled with: fb_form_check() compares the two. */
    add_field(e, &fl, fmt(e, ".format = %d", d->format));
    add_str(e, &fl, "slug", d->slug);
    add_text(e, &fl, "title", &d->title);
    add_str(e, &fl, "version", d->version);
    add_str(e, &fl, "pattern", d->pattern);
    add_text(e, &fl, "start_body", &d->start_body);
    add_text(e, &fl, "confirmation_title", &d->confirmation_title);
    add_text(e, &fl, "confirmation_body", &d->confirmation_body);
    for (int t = 0; t < FB_TEXT__COUNT; t++)
        add_text(e, &fl, fmt(e, "texts[%d]", t), &d->texts[t]);
    add_array(e, &fl, "confirmation_blocks", "confirmation_blocks",
              d->n_confirmation_blocks);
    add_str(e, &fl, "reference_prefix", d->reference_prefix);
    if (d->retention_days)
        add_field(e, &fl, fmt(e, ".retention_days = %d", d->retention_days));
    add_str(e, &fl, "prefill_sign_env", d->prefill_sign_env);
    add_array(e, &fl, "pages", "pages", d->n_pages);
    add_array(e, &fl, "questions", "questions", d->n_questions);
    add_array(e, &fl, "forwards", "forwards", d->n_forwards);
    if (d->booking)
        add_field(e, &fl, ".booking = &calendar");
    if (d->confirmation_email)
        add_field(e, &fl, ".confirmation_email = &confirmation_email");
    if (d->save_return)
        add_field(e, &fl, ".save_return = &save_return");
    if (d->payment)
        add_field(e, &fl, ".payment = &payment");
    /* English only is the default (0), as hand-written descriptors say. */
    if (d->languages & ~(1u << FB_LANG_EN))
        add_field(e, &fl, fmt(e, ".languages = 0x%xu", d->languages));
    add_str(e, &fl, "events_secret_env", d->events_secret_env);
    add_array(e, &fl, "event_statuses", "event_statuses",
              d->n_event_statuses);
    add_str(e, &fl, "opens", d->opens);
    add_str(e, &fl, "closes", d->closes);
    add_text(e, &fl, "closed_message", &d->closed_message);
    if (d->max_submissions)
        add_field(e, &fl, fmt(e, ".max_submissions = %lld",
                              d->max_submissions));
    add_str(e, &fl, "privacy_url", d->privacy_url);
    add_text(e, &fl, "privacy", &d->privacy);
    put_object(e, fmt(e, "const struct fb_form_desc fbg_%s_form",
                      e->lw->ident),
               &fl);
}

/* --- entry points ------------------------------------------------------ */

const char *
fb_emit_source_name(struct fb_arena *a, const char *path)
{
    const char *base = strrchr(path, '/');
    if (!base)
        return path;
    const char *dir = base;
    while (dir > path && dir[-1] != '/')
        dir--;
    if (dir == base || (base - dir == 1 && dir[0] == '.'))
        return base + 1;
    return fb_arena_strdup(a, dir);
}

/* Writes line one: the generator and the source. The source name goes in
 * a comment, so it must not end the comment early. */
static void
generated_by(struct fb_buf *b, const char *source_name)
{
    fb_buf_printf(b, "/* Generated by formc %s from ", FB_VERSION);
    for (const char *s = source_name; *s; s++) {
        if (s[0] == '*' && s[1] == '/')
            fb_buf_puts(b, "* ");
        else
            fb_buf_putc(b, *s);
    }
    fb_buf_puts(b, ". Do not edit. */\n");
}

void
fb_emit_c_header(struct fb_buf *b, const struct fb_lowered *lw,
                 const char *source_name)
{
    generated_by(b, source_name);
    fb_buf_printf(b,
                  "/*\n"
                  " * Form %s: the descriptor the runtime serves. Link the "
                  "generated .c\n"
                  " * with libfbrt; call fb_form_init() once before "
                  "validating.\n"
                  " */\n"
                  "#pragma once\n\n"
                  "#include \"formbuilder/form.h\"\n\n"
                  "extern const struct fb_form_desc fbg_%s_form;\n",
                  lw->ident, lw->ident);
}

/* Appends the module's entry points. See emit_c.h. */
void
fb_emit_c_module_entry(struct fb_buf *b, const struct fb_lowered *lw,
                       const char *source_name)
{
    generated_by(b, source_name);
    fb_buf_printf(b,
                  "/*\n"
                  " * The entry points of form %s's module "
                  "(formbuilder/module.h),\n"
                  " * compiled with its generated .c into a shared object "
                  "the server loads.\n"
                  " */\n"
                  "#include \"formbuilder/module.h\"\n\n"
                  "extern const struct fb_form_desc fbg_%s_form;\n\n"
                  "#define FB_EXPORT __attribute__((visibility(\"default\")))"
                  "\n\n"
                  "FB_EXPORT extern const int %s;\n"
                  "FB_EXPORT const int %s = FB_FORMAT;\n"
                  "FB_EXPORT extern const char %s[];\n"
                  "FB_EXPORT const char %s[] = \"%s\";\n"
                  "FB_EXPORT const struct fb_form_desc *%s(void);\n\n"
                  "FB_EXPORT const struct fb_form_desc *\n"
                  "%s(void)\n"
                  "{\n"
                  "    return &fbg_%s_form;\n"
                  "}\n",
                  lw->ident, lw->ident,
                  FB_MODULE_FORMAT_SYMBOL, FB_MODULE_FORMAT_SYMBOL,
                  FB_MODULE_VERSION_SYMBOL, FB_MODULE_VERSION_SYMBOL,
                  lw->desc->version ? lw->desc->version : "",
                  FB_MODULE_FORM_SYMBOL, FB_MODULE_FORM_SYMBOL, lw->ident);
}

/* Declares every question before any table, so that conditions, rules,
 * reveals and follow-ups can point at questions defined later. */
static void
emit_declarations(struct emitter *e)
{
    const struct fb_form_desc *d = e->lw->desc;
    struct fields *fl = fb_arena_alloc(e->a, sizeof *fl);
    for (size_t i = 0; i < d->n_questions; i++)
        add_field(e, fl, qname(e, d->questions[i]));
    fill(e, "static const struct fb_question_desc ", "    ", fl, ";\n");
    bool any = false;
    for (size_t i = 0; i < d->n_questions; i++)
        for (size_t r = 0; r < d->questions[i]->n_rules; r++)
            if (d->questions[i]->rules[r].regex) {
                if (!any)
                    put(e, "/* Compiled by fb_form_init(). */\n");
                any = true;
                put(e, fmt(e, "static struct fb_regex *re_%s;\n",
                           fb_c_ident(e->a, d->questions[i]->id)));
            }
    put(e, "\n");
}

void
fb_emit_c_source(struct fb_compiler *c, struct fb_buf *b,
                 const struct fb_lowered *lw, const char *source_name)
{
    struct emitter e = {.a = &c->arena, .b = b, .lw = lw};
    const struct fb_form_desc *d = lw->desc;
    name_pages(&e);
    generated_by(b, source_name);
    put(&e, fmt(&e,
                "/*\n"
                " * Form %s, version %s.\n"
                " * Constant tables only: the driver in libfbrt runs them\n"
                " * (formbuilder/driver.h, formbuilder/render.h). Call\n"
                " * fb_form_init() once before validating.\n"
                " */\n"
                "#include \"%s.h\"\n\n"
                "#include <stdbool.h>\n#include <stddef.h>\n\n%s%s",
                lw->ident, d->version, d->slug,
                d->booking ? "#include \"formbuilder/booking.h\"\n\n"
                           : "",
                d->n_event_statuses
                    ? "#include \"formbuilder/events.h\"\n\n"
                    : ""));
    emit_declarations(&e);
    emit_calendar(&e);
    for (size_t i = 0; i < d->n_questions; i++)
        emit_question(&e, d->questions[i]);
    emit_pages(&e);
    emit_confirmation(&e);
    emit_forwards(&e);
    emit_confirmation_email(&e);
    emit_event_statuses(&e);
    emit_save_return(&e);
    emit_payment(&e);
    emit_form(&e);
}
