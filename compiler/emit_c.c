/* SPDX-License-Identifier: MIT */
/*
 * C emitter: the last pass for the runtime. It walks the lowered
 * descriptors and the model (never changing either) and appends readable
 * C to a buffer: constant descriptor tables, a function per `when`, a
 * check function per question and a validator per page that implement the
 * language's rules exactly, a renderer per page calling the runtime's
 * pieces in source order, and init/fini for the PCRE2 regexes. Everything
 * but the form descriptor is static and named fbg_<form>_...
 */
#include "emit_c.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_config.h"
#include "formbuilder/validate.h"
#include "messages.h"

struct emitter {
    struct fb_arena *a;
    struct fb_buf *b;
    const struct fb_lowered *lw;
    const struct fb_form *f;
    const char *p;             /* identifier prefix "fbg_<form>_" */
    const char **page_ident;   /* C-safe, unique page names */
    /* Helpers the form needs; unused static functions would not compile
     * under -Werror. */
    bool need_whole;
    bool need_date_message;
    bool need_answered;
    bool need_date_cmp;
    bool need_regex;
};

/* --- small writers ------------------------------------------------------ */

static void
put(struct emitter *e, const char *s)
{
    fb_buf_puts(e->b, s);
}

static void
putf(struct emitter *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
putf(struct emitter *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        e->b->failed = true;
        return;
    }
    char *s = fb_arena_alloc(e->a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    fb_buf_puts(e->b, s);
}

static void
str(struct emitter *e, const char *s)
{
    fb_buf_c_string(e->b, s);
}

static void
i18n(struct emitter *e, const struct fb_i18n *s)
{
    put(e, "{{");
    str(e, s->text[FB_LANG_EN]);
    put(e, ", ");
    str(e, s->text[FB_LANG_CY]);
    put(e, "}}");
}

/* A double as a C literal that reads back as the same value. */
static const char *
number_literal(struct fb_arena *a, double x)
{
    char *s = fb_arena_printf(a, "%.15g", x);
    if (strtod(s, NULL) != x)
        s = fb_arena_printf(a, "%.17g", x);
    if (!strpbrk(s, ".eEn"))
        s = fb_arena_printf(a, "%s.0", s);
    return s;
}

/* --- names ------------------------------------------------------------- */

static const char *
qname(struct emitter *e, const struct fb_question *q)
{
    return fb_arena_printf(e->a, "%sq_%s", e->p, fb_c_ident(e->a, q->id));
}

static const char *
qid(struct emitter *e, const struct fb_question *q)
{
    return fb_c_ident(e->a, q->id);
}

static void
name_pages(struct emitter *e)
{
    size_t n = e->f->n_pages;
    e->page_ident = fb_arena_alloc(e->a, (n ? n : 1) * sizeof *e->page_ident);
    for (size_t i = 0; i < n; i++) {
        const char *id = fb_c_ident(e->a, e->f->pages[i]->id);
        for (size_t j = 0; j < i; j++)
            if (strcmp(e->page_ident[j], id) == 0)
                id = fb_arena_printf(e->a, "%s_%zu", id, i);
        e->page_ident[i] = id;
    }
}

/* --- which helpers are needed ------------------------------------------ */

static bool
is_string_type(enum fb_qtype t)
{
    return t == FB_Q_TEXT || t == FB_Q_TEXTAREA || t == FB_Q_EMAIL ||
           t == FB_Q_PHONE || t == FB_Q_POSTCODE;
}

/* Does rule @p k apply to questions of type @p t? The checks report a
 * rule on the wrong type; the emitter only writes those that apply. */
static bool
rule_applies(enum fb_qtype t, enum fb_rule_kind k)
{
    switch (k) {
    case FB_RULE_REQUIRED:
        return true;
    case FB_RULE_MIN_LENGTH:
    case FB_RULE_MAX_LENGTH:
    case FB_RULE_PATTERN:
        return is_string_type(t);
    case FB_RULE_MIN:
    case FB_RULE_MAX:
    case FB_RULE_INTEGER:
        return t == FB_Q_NUMBER;
    case FB_RULE_BEFORE:
    case FB_RULE_AFTER:
    case FB_RULE_PAST:
    case FB_RULE_FUTURE:
        return t == FB_Q_DATE;
    case FB_RULE_MIN_SELECTED:
    case FB_RULE_MAX_SELECTED:
        return t == FB_Q_CHECKBOXES;
    case FB_RULE_MATCHES:
        return t != FB_Q_CHECKBOXES && t != FB_Q_ADDRESS;
    case FB_RULE__COUNT:
        break;
    }
    return false;
}

static bool
has_rule(const struct fb_question *q, enum fb_rule_kind k)
{
    return q->rules[k].present && rule_applies(q->type, k);
}

static bool
cond_compares(const struct fb_cond *c)
{
    if (!c)
        return false;
    switch (c->kind) {
    case FB_COND_AND:
    case FB_COND_OR:
        return cond_compares(c->lhs) || cond_compares(c->rhs);
    case FB_COND_NOT:
        return cond_compares(c->lhs);
    case FB_COND_HAS:
    case FB_COND_ANSWERED:
        return false;
    default:
        return c->target && (c->target->type == FB_Q_NUMBER ||
                             c->target->type == FB_Q_DATE);
    }
}

static void
note_cond(struct emitter *e, const struct fb_cond *c)
{
    if (!c)
        return;
    switch (c->kind) {
    case FB_COND_AND:
    case FB_COND_OR:
        note_cond(e, c->lhs);
        note_cond(e, c->rhs);
        return;
    case FB_COND_NOT:
        note_cond(e, c->lhs);
        return;
    case FB_COND_ANSWERED:
        e->need_answered = true;
        return;
    default:
        if (c->target && c->target->type == FB_Q_DATE &&
            c->kind != FB_COND_HAS)
            e->need_date_cmp = true;
        return;
    }
}

static void
survey(struct emitter *e)
{
    for (size_t i = 0; i < e->f->n_questions; i++) {
        const struct fb_question *q = e->f->questions[i];
        note_cond(e, q->when);
        if (has_rule(q, FB_RULE_INTEGER))
            e->need_whole = true;
        if (has_rule(q, FB_RULE_PATTERN))
            e->need_regex = true;
        for (int k = FB_RULE_BEFORE; k <= FB_RULE_AFTER; k++) {
            bool append = false;
            if (has_rule(q, (enum fb_rule_kind)k))
                fb_msg_rule(e->a, q, (enum fb_rule_kind)k, &append);
            if (append)
                e->need_date_message = true;
        }
    }
    for (size_t i = 0; i < e->f->n_pages; i++)
        note_cond(e, e->f->pages[i]->when);
}

/* --- helpers in the generated file ------------------------------------- */

static void
emit_helpers(struct emitter *e)
{
    const char *p = e->p;
    if (e->f->n_questions) {
        putf(e,
             "/* Records the error of question @q and drops its value: the\n"
             " * answers out hold valid values only. */\n"
             "static void\n"
             "%sfail(struct fb_answers *out, struct fb_errors *errs,\n"
             "    const char *q, const char *anchor, const char *message)\n"
             "{\n"
             "    fb_answers_remove_prefix(out, q);\n"
             "    (void)fb_errors_add(errs, q, anchor, message);\n"
             "}\n\n",
             p);
    }
    if (e->need_date_message) {
        putf(e,
             "static const char *const %smonths[12] = {\n"
             "    \"January\", \"February\", \"March\", \"April\", \"May\", "
             "\"June\", \"July\",\n"
             "    \"August\", \"September\", \"October\", \"November\", "
             "\"December\",\n"
             "};\n\n"
             "/* Fails @q with @prefix followed by @d written as "
             "\"1 January 2025\". */\n"
             "static void\n"
             "%sfail_date(struct fb_answers *out, struct fb_errors *errs,\n"
             "    const char *q, const char *anchor, const char *prefix,\n"
             "    struct fb_date d)\n"
             "{\n"
             "    char message[1024];\n"
             "    snprintf(message, sizeof message, \"%%s%%d %%s %%d\", "
             "prefix, d.day,\n"
             "             %smonths[(d.month + 11) %% 12], d.year);\n"
             "    %sfail(out, errs, q, anchor, message);\n"
             "}\n\n",
             p, p, p, p);
    }
    if (e->need_whole) {
        putf(e,
             "/* @returns true when @x has no fraction (every double beyond "
             "2^53 is whole). */\n"
             "static bool\n"
             "%swhole(double x)\n"
             "{\n"
             "    if (x >= 9007199254740992.0 || x <= -9007199254740992.0)\n"
             "        return true;\n"
             "    return x == (double)(long long)x;\n"
             "}\n\n",
             p);
    }
    if (e->need_answered) {
        putf(e,
             "/* @returns true when question @q or one of its parts "
             "(q-day, q.line1 ...)\n"
             " * has a value that is not empty. */\n"
             "static bool\n"
             "%sanswered(const struct fb_answers *a, const char *q)\n"
             "{\n"
             "    size_t n = strlen(q);\n"
             "    const char *name, *value;\n"
             "    for (size_t i = 0; fb_answers_at(a, i, &name, &value); "
             "i++)\n"
             "        if (strncmp(name, q, n) == 0 &&\n"
             "            (name[n] == '\\0' || name[n] == '-' || "
             "name[n] == '.') &&\n"
             "            value[0] != '\\0')\n"
             "            return true;\n"
             "    return false;\n"
             "}\n\n",
             p);
    }
    if (e->need_date_cmp) {
        putf(e,
             "/* fb_compare_dates() with the date passed by value. */\n"
             "static bool\n"
             "%sdate_cmp(const char *answer, struct fb_date d, int *cmp)\n"
             "{\n"
             "    return fb_compare_dates(answer, &d, cmp);\n"
             "}\n\n",
             p);
    }
}

/* --- conditions -------------------------------------------------------- */

/* A date in a condition as a C expression of type struct fb_date. */
static const char *
date_expr(struct emitter *e, const char *v)
{
    if (strncmp(v, "today", 5) == 0) {
        const char *rest = v + 5;
        if (*rest == '\0')
            return "fb_date_today()";
        long days = strtol(rest, NULL, 10);
        return fb_arena_printf(e->a, "fb_date_add_days(fb_date_today(), %ld)",
                               days);
    }
    struct fb_date d = {0, 0, 0};
    if (fb_date_parse_iso(v, &d))
        return fb_arena_printf(e->a, "(struct fb_date){%d, %d, %d}", d.year,
                               d.month, d.day);
    return "(struct fb_date){0, 0, 0}";
}

static const char *
cmp_op(enum fb_cond_kind k)
{
    switch (k) {
    case FB_COND_LT: return "<";
    case FB_COND_LE: return "<=";
    case FB_COND_GT: return ">";
    case FB_COND_GE: return ">=";
    default: return "==";
    }
}

static void
cond_expr(struct emitter *e, const struct fb_cond *c)
{
    switch (c->kind) {
    case FB_COND_AND:
    case FB_COND_OR:
        put(e, "(");
        cond_expr(e, c->lhs);
        put(e, c->kind == FB_COND_AND ? " && " : " || ");
        cond_expr(e, c->rhs);
        put(e, ")");
        return;
    case FB_COND_NOT:
        put(e, "!");
        cond_expr(e, c->lhs);
        return;
    case FB_COND_ANSWERED:
        putf(e, "%sanswered(a, ", e->p);
        str(e, c->question);
        put(e, ")");
        return;
    case FB_COND_HAS:
        put(e, "fb_answers_has(a, ");
        str(e, c->question);
        put(e, ", ");
        str(e, c->value);
        put(e, ")");
        return;
    default:
        break;
    }
    /* is, is not and the comparisons */
    enum fb_qtype t = c->target ? c->target->type : FB_Q_TEXT;
    if (c->kind == FB_COND_IS_NOT)
        put(e, "!");
    if (t == FB_Q_NUMBER) {
        put(e, "(fb_compare_numbers(fb_answers_get(a, ");
        str(e, c->question);
        putf(e, "), %s, &cmp) && cmp %s 0)",
             number_literal(e->a, strtod(c->value, NULL)), cmp_op(c->kind));
    } else if (t == FB_Q_DATE) {
        putf(e, "(%sdate_cmp(fb_answers_get(a, ", e->p);
        str(e, c->question);
        putf(e, "), %s, &cmp) && cmp %s 0)", date_expr(e, c->value),
             cmp_op(c->kind));
    } else {
        put(e, "fb_answers_has(a, ");
        str(e, c->question);
        put(e, ", ");
        str(e, c->value);
        put(e, ")");
    }
}

static void
emit_when(struct emitter *e, const char *name, const char *what,
          const struct fb_cond *c)
{
    putf(e, "/* `when` of %s. */\nstatic bool\n%s(const struct fb_answers *a)"
            "\n{\n", what, name);
    if (cond_compares(c))
        put(e, "    int cmp;\n\n");
    put(e, "    return ");
    cond_expr(e, c);
    put(e, ";\n}\n\n");
}

static void
emit_conditions(struct emitter *e)
{
    for (size_t i = 0; i < e->f->n_questions; i++) {
        const struct fb_question *q = e->f->questions[i];
        if (q->when)
            emit_when(e, fb_arena_printf(e->a, "%swhen_q_%s", e->p, qid(e, q)),
                      fb_arena_printf(e->a, "question %s", qid(e, q)),
                      q->when);
    }
    for (size_t i = 0; i < e->f->n_pages; i++) {
        const struct fb_page *pg = e->f->pages[i];
        if (pg->when)
            emit_when(e,
                      fb_arena_printf(e->a, "%swhen_p_%s", e->p,
                                      e->page_ident[i]),
                      fb_arena_printf(e->a, "page %s", e->page_ident[i]),
                      pg->when);
    }
}

/* --- descriptor tables ------------------------------------------------- */

/* The enum constant of a question type: FB_Q_ and the upper-cased name. */
static const char *
qtype_enum(struct emitter *e, enum fb_qtype t)
{
    char *s = fb_arena_printf(e->a, "FB_Q_%s", fb_qtype_name(t));
    for (char *c = s; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
    return s;
}

static void
emit_forward_decls(struct emitter *e)
{
    if (!e->f->n_questions)
        return;
    put(e, "/* Question descriptors, defined below: follow-ups and the "
           "options that\n * reveal them point at each other. */\n");
    for (size_t i = 0; i < e->f->n_questions; i++)
        putf(e, "static const struct fb_question_desc %s;\n",
             qname(e, e->f->questions[i]));
    put(e, "\n");
}

static void
emit_options(struct emitter *e, const struct fb_question *q,
             const struct fb_question_desc *d)
{
    if (!d->n_options)
        return;
    const char *id = qid(e, q);
    for (size_t i = 0; i < d->n_options; i++) {
        const struct fb_option_desc *o = &d->options[i];
        if (!o->n_reveal)
            continue;
        putf(e, "static const struct fb_question_desc *const "
                "%sreveal_%s_%zu[] = {\n", e->p, id, i);
        for (size_t r = 0; r < o->n_reveal; r++)
            putf(e, "    &%sq_%s,\n", e->p, fb_c_ident(e->a, o->reveal[r]->id));
        put(e, "};\n\n");
    }
    putf(e, "static const struct fb_option_desc %sopts_%s[] = {\n", e->p, id);
    for (size_t i = 0; i < d->n_options; i++) {
        const struct fb_option_desc *o = &d->options[i];
        put(e, "    {\n        .value = ");
        str(e, o->value);
        put(e, ",\n        .label = ");
        i18n(e, &o->label);
        put(e, ",\n        .hint = ");
        i18n(e, &o->hint);
        put(e, ",\n");
        if (o->n_reveal)
            putf(e, "        .reveal = %sreveal_%s_%zu,\n"
                    "        .n_reveal = %zu,\n", e->p, id, i, o->n_reveal);
        put(e, "    },\n");
    }
    put(e, "};\n\n");
}

static void
emit_question_desc(struct emitter *e, const struct fb_question *q)
{
    const struct fb_question_desc *d = e->lw->questions[q->index];
    emit_options(e, q, d);
    putf(e, "static const struct fb_question_desc %s = {\n", qname(e, q));
    put(e, "    .id = ");
    str(e, d->id);
    putf(e, ",\n    .type = %s,\n    .label = ", qtype_enum(e, d->type));
    i18n(e, &d->label);
    put(e, ",\n    .hint = ");
    i18n(e, &d->hint);
    put(e, ",\n    .summary_label = ");
    i18n(e, &d->summary_label);
    put(e, ",\n    .autocomplete = ");
    str(e, d->autocomplete);
    put(e, ",\n");
    if (d->n_options)
        putf(e, "    .options = %sopts_%s,\n    .n_options = %zu,\n", e->p,
             qid(e, q), d->n_options);
    putf(e, "    .required = %s,\n", d->required ? "true" : "false");
    putf(e, "    .max_length = %ld,\n", d->max_length);
    putf(e, "    .integer = %s,\n", d->integer ? "true" : "false");
    if (q->when)
        putf(e, "    .applies = %swhen_q_%s,\n", e->p, qid(e, q));
    if (d->revealed_by) {
        putf(e, "    .revealed_by = &%sq_%s,\n    .reveal_value = ", e->p,
             fb_c_ident(e->a, d->revealed_by->id));
        str(e, d->reveal_value);
        put(e, ",\n");
    }
    put(e, "};\n\n");
}

static void
emit_blocks(struct emitter *e, size_t pi)
{
    const struct fb_page_desc *pd = &e->lw->desc->pages[pi];
    const char *pid = e->page_ident[pi];
    if (!pd->n_blocks)
        return;
    for (size_t i = 0; i < pd->n_blocks; i++) {
        const struct fb_block_desc *bd = &pd->blocks[i];
        if (!bd->n_items)
            continue;
        putf(e, "static const struct fb_i18n %sitems_%s_%zu[] = {\n", e->p,
             pid, i);
        for (size_t j = 0; j < bd->n_items; j++) {
            put(e, "    ");
            i18n(e, &bd->items[j]);
            put(e, ",\n");
        }
        put(e, "};\n\n");
    }
    static const char *const kinds[] = {
        [FB_BLOCK_PARAGRAPH] = "FB_BLOCK_PARAGRAPH",
        [FB_BLOCK_INSET] = "FB_BLOCK_INSET",
        [FB_BLOCK_WARNING] = "FB_BLOCK_WARNING",
        [FB_BLOCK_DETAILS] = "FB_BLOCK_DETAILS",
        [FB_BLOCK_LIST] = "FB_BLOCK_LIST",
    };
    putf(e, "static const struct fb_block_desc %sblocks_%s[] = {\n", e->p, pid);
    for (size_t i = 0; i < pd->n_blocks; i++) {
        const struct fb_block_desc *bd = &pd->blocks[i];
        putf(e, "    {\n        .kind = %s,\n        .text = ", kinds[bd->kind]);
        i18n(e, &bd->text);
        put(e, ",\n        .summary = ");
        i18n(e, &bd->summary);
        put(e, ",\n");
        if (bd->n_items)
            putf(e, "        .items = %sitems_%s_%zu,\n        .n_items = %zu,\n",
                 e->p, pid, i, bd->n_items);
        put(e, "    },\n");
    }
    put(e, "};\n\n");
}

/* --- validators -------------------------------------------------------- */

/* @returns @p s as a C string literal, in the arena. */
static const char *
c_literal(struct emitter *e, const char *s)
{
    struct fb_buf tmp;
    fb_buf_init(&tmp);
    fb_buf_c_string(&tmp, s);
    if (tmp.failed)
        e->b->failed = true;
    const char *lit = fb_arena_strdup(e->a, tmp.data ? tmp.data : "\"\"");
    fb_buf_free(&tmp);
    return lit;
}

/* The call of @q's reader storing into @out_expr, as C. */
static const char *
reader_call(struct emitter *e, const struct fb_question *q, const char *in,
            const char *out, const char *extra)
{
    const char *id = q->id;
    const char *opts = fb_arena_printf(e->a, "%sopts_%s, %zu", e->p,
                                       qid(e, q),
                                       e->lw->questions[q->index]->n_options);
    const char *name = c_literal(e, id);
    switch (q->type) {
    case FB_Q_TEXT:
    case FB_Q_TEXTAREA:
        return fb_arena_printf(e->a, "fb_read_text(%s, %s, %s)", in, name,
                               out);
    case FB_Q_EMAIL:
        return fb_arena_printf(e->a, "fb_read_email(%s, %s, %s)", in, name,
                               out);
    case FB_Q_PHONE:
        return fb_arena_printf(e->a, "fb_read_phone(%s, %s, %s)", in, name,
                               out);
    case FB_Q_POSTCODE:
        return fb_arena_printf(e->a, "fb_read_postcode(%s, %s, %s)", in,
                               name, out);
    case FB_Q_NUMBER:
        return fb_arena_printf(e->a, "fb_read_number(%s, %s, false, %s, %s)",
                               in, name, out, extra ? extra : "&(double){0}");
    case FB_Q_DATE:
        return fb_arena_printf(e->a, "fb_read_date(%s, %s, %s, %s)", in, name,
                               out, extra ? extra :
                               "&(struct fb_date){0, 0, 0}, &(unsigned){0}");
    case FB_Q_RADIOS:
    case FB_Q_SELECT:
    case FB_Q_YES_NO:
        return fb_arena_printf(e->a, "fb_read_choice(%s, %s, %s, %s)", in,
                               name, opts, out);
    case FB_Q_CHECKBOXES:
        return fb_arena_printf(e->a, "fb_read_choices(%s, %s, %s, %s, %s)", in,
                               name, opts, out, extra ? extra : "&(size_t){0}");
    case FB_Q_DECLARATION:
        return fb_arena_printf(e->a, "fb_read_declaration(%s, %s, %s)", in,
                               name, out);
    case FB_Q_ADDRESS:
        return fb_arena_printf(e->a, "fb_read_address(%s, %s, %s, %s)", in,
                               name, out, extra ? extra : "&(unsigned){0}");
    case FB_Q_SLOT:
    case FB_Q__COUNT:
        break;
    }
    return fb_arena_printf(e->a, "fb_read_slot(%s, %s, %s)", in, name, out);
}

/* Writes `fbg_x_fail(out, errs, "q", "anchor", "message");` at @indent. */
static void
fail(struct emitter *e, const char *indent, const struct fb_question *q,
     const char *anchor, const char *message)
{
    putf(e, "%s%sfail(out, errs, ", indent, e->p);
    str(e, q->id);
    put(e, ", ");
    str(e, anchor);
    put(e, ",\n");
    putf(e, "%s    ", indent);
    str(e, message);
    put(e, ");\n");
}

static void
fail_rule(struct emitter *e, const char *indent, const struct fb_question *q,
          enum fb_rule_kind k, const char *limit_expr)
{
    bool append = false;
    const char *msg = fb_msg_rule(e->a, q, k, &append);
    const char *anchor = fb_question_anchor(e->a, q);
    if (!append) {
        fail(e, indent, q, anchor, msg);
        return;
    }
    putf(e, "%s%sfail_date(out, errs, ", indent, e->p);
    str(e, q->id);
    put(e, ", ");
    str(e, anchor);
    put(e, ",\n");
    putf(e, "%s    ", indent);
    str(e, msg);
    putf(e, ", %s);\n", limit_expr);
}

/* The switch over the reader's result, for types whose INVALID needs no
 * detail. */
static void
emit_status_switch(struct emitter *e, const struct fb_question *q,
                   const char *call)
{
    const char *anchor = fb_question_anchor(e->a, q);
    putf(e, "    switch (%s) {\n", call);
    put(e, "    case FB_FIELD_OK:\n        break;\n");
    put(e, "    case FB_FIELD_EMPTY:\n");
    if (e->lw->questions[q->index]->required)
        fail(e, "        ", q, anchor, fb_msg_required(e->a, q));
    put(e, "        return;\n");
    put(e, "    case FB_FIELD_BAD_UTF8:\n");
    fail(e, "        ", q, anchor, fb_msg_bad_utf8(e->a, q));
    put(e, "        return;\n");
    put(e, "    case FB_FIELD_INVALID:\n");
    if (q->type == FB_Q_DATE) {
        /* Which parts are missing decides message and anchor. */
        static const char *const part[3] = {"day", "month", "year"};
        put(e, "        if (missing == 0) {\n");
        fail(e, "            ", q, anchor, fb_msg_date_real(e->a, q));
        put(e, "            return;\n        }\n");
        for (unsigned m = 1; m < 7; m++) {
            unsigned first = (m & FB_PART_DAY) ? 0 : (m & FB_PART_MONTH) ? 1 : 2;
            static const char *const bits[8] = {
                NULL, "FB_PART_DAY", "FB_PART_MONTH",
                "(FB_PART_DAY | FB_PART_MONTH)", "FB_PART_YEAR",
                "(FB_PART_DAY | FB_PART_YEAR)",
                "(FB_PART_MONTH | FB_PART_YEAR)", NULL,
            };
            putf(e, "        if (missing == %s) {\n", bits[m]);
            fail(e, "            ", q,
                 fb_arena_printf(e->a, "%s-%s", q->id, part[first]),
                 fb_msg_date_missing(e->a, q, m));
            put(e, "            return;\n        }\n");
        }
        fail(e, "        ", q, anchor, fb_msg_required(e->a, q));
    } else if (q->type == FB_Q_ADDRESS) {
        static const struct {
            unsigned bit;
            enum fb_msg_part part;
            const char *suffix;
        } parts[] = {
            {FB_PART_LINE1, FB_MSG_LINE1, "line1"},
            {FB_PART_TOWN, FB_MSG_TOWN, "town"},
            {FB_PART_POSTCODE, FB_MSG_POSTCODE, "postcode"},
        };
        for (size_t i = 0; i < 3; i++) {
            putf(e, "        if (missing & %s) {\n",
                 parts[i].bit == FB_PART_LINE1 ? "FB_PART_LINE1" :
                 parts[i].bit == FB_PART_TOWN ? "FB_PART_TOWN" :
                 "FB_PART_POSTCODE");
            fail(e, "            ", q,
                 fb_arena_printf(e->a, "%s-%s", q->id, parts[i].suffix),
                 fb_msg_address(e->a, q, parts[i].part, false));
            put(e, "            return;\n        }\n");
        }
        fail(e, "        ", q, fb_arena_printf(e->a, "%s-postcode", q->id),
             fb_msg_address(e->a, q, FB_MSG_POSTCODE, true));
    } else {
        fail(e, "        ", q, anchor, fb_msg_invalid(e->a, q));
    }
    put(e, "        return;\n    }\n");
}

/* The normalised value of the `matches` target, compared with v. */
static void
emit_matches(struct emitter *e, const struct fb_question *q)
{
    const struct fb_question *t = q->rules[FB_RULE_MATCHES].target;
    if (!t)
        return;
    put(e, "    {\n"
           "        /* The other answer, normalised by its own reader; "
           "checked only\n"
           "         * when both are answered. */\n"
           "        struct fb_answers *other = fb_answers_new();\n"
           "        enum fb_field_status st = FB_FIELD_EMPTY;\n"
           "        const char *w = NULL;\n\n"
           "        if (other)\n");
    putf(e, "            st = %s;\n", reader_call(e, t, "in", "other", NULL));
    put(e, "        if (st == FB_FIELD_OK)\n"
           "            w = fb_answers_get(other, ");
    str(e, t->id);
    put(e, ");\n"
           "        /* Out of memory fails closed: not the same. */\n"
           "        bool same = st != FB_FIELD_OK ? other != NULL :\n"
           "                    w && strcmp(v, w) == 0;\n"
           "        fb_answers_free(other);\n"
           "        if (!same) {\n");
    fail_rule(e, "            ", q, FB_RULE_MATCHES, NULL);
    put(e, "            return;\n        }\n    }\n");
}

/* `if (cond) { fail; return; }` for a rule. */
static void
emit_rule_if(struct emitter *e, const struct fb_question *q,
             enum fb_rule_kind k, const char *cond, const char *limit)
{
    putf(e, "    if (%s) {\n", cond);
    fail_rule(e, "        ", q, k, limit);
    put(e, "        return;\n    }\n");
}

static const char *
date_limit(struct emitter *e, const struct fb_date_ref *r)
{
    if (!r->relative)
        return fb_arena_printf(e->a, "(struct fb_date){%d, %d, %d}",
                               r->date.year, r->date.month, r->date.day);
    if (r->offset_days == 0)
        return "*today";
    return fb_arena_printf(e->a, "fb_date_add_days(*today, %d)",
                           r->offset_days);
}

static void
emit_check(struct emitter *e, const struct fb_question *q)
{
    const char *id = qid(e, q);
    putf(e, "/* Question %s (%s). */\n", id, fb_qtype_name(q->type));
    putf(e, "static void\n%scheck_%s(const struct fb_answers *in,\n"
            "    const struct fb_date *today, struct fb_answers *out,\n"
            "    struct fb_errors *errs)\n{\n",
         e->p, id);
    bool uses_today = has_rule(q, FB_RULE_PAST) ||
                      has_rule(q, FB_RULE_FUTURE) ||
                      (has_rule(q, FB_RULE_BEFORE) &&
                       q->rules[FB_RULE_BEFORE].date.relative) ||
                      (has_rule(q, FB_RULE_AFTER) &&
                       q->rules[FB_RULE_AFTER].date.relative);
    bool uses_v = false;
    for (int k = FB_RULE_MIN_LENGTH; k < FB_RULE__COUNT; k++)
        if (has_rule(q, (enum fb_rule_kind)k) && k != FB_RULE_MIN &&
            k != FB_RULE_MAX && k != FB_RULE_INTEGER &&
            k != FB_RULE_MIN_SELECTED && k != FB_RULE_MAX_SELECTED &&
            k != FB_RULE_BEFORE && k != FB_RULE_AFTER &&
            k != FB_RULE_PAST && k != FB_RULE_FUTURE)
            uses_v = true;
    if (has_rule(q, FB_RULE_MATCHES) && !q->rules[FB_RULE_MATCHES].target)
        uses_v = false;
    bool uses_x = q->type == FB_Q_NUMBER &&
                  (has_rule(q, FB_RULE_MIN) || has_rule(q, FB_RULE_MAX) ||
                   has_rule(q, FB_RULE_INTEGER));
    bool uses_n = q->type == FB_Q_CHECKBOXES &&
                  (has_rule(q, FB_RULE_MIN_SELECTED) ||
                   has_rule(q, FB_RULE_MAX_SELECTED));
    const char *extra = NULL;
    if (q->type == FB_Q_DATE) {
        put(e, "    struct fb_date d = {0, 0, 0};\n    unsigned missing = 0;\n");
        extra = "&d, &missing";
    } else if (q->type == FB_Q_ADDRESS) {
        put(e, "    unsigned missing = 0;\n");
        extra = "&missing";
    } else if (uses_x) {
        put(e, "    double x = 0;\n");
        extra = "&x";
    } else if (uses_n) {
        put(e, "    size_t n = 0;\n");
        extra = "&n";
    }
    if (uses_v)
        put(e, "    const char *v;\n");
    if (!uses_today)
        put(e, "\n    (void)today;\n");
    put(e, "\n");
    emit_status_switch(e, q, reader_call(e, q, "in", "out", extra));
    if (uses_v) {
        put(e, "    v = fb_answers_get(out, ");
        str(e, q->id);
        put(e, ");\n");
    }
    /* The rules, in the order the language reference gives. */
    const struct fb_rule *r = q->rules;
    if (has_rule(q, FB_RULE_MIN_LENGTH))
        emit_rule_if(e, q, FB_RULE_MIN_LENGTH,
                     fb_arena_printf(e->a, "fb_utf8_length(v) < %ld",
                                     r[FB_RULE_MIN_LENGTH].count), NULL);
    if (has_rule(q, FB_RULE_MAX_LENGTH))
        emit_rule_if(e, q, FB_RULE_MAX_LENGTH,
                     fb_arena_printf(e->a, "fb_utf8_length(v) > %ld",
                                     r[FB_RULE_MAX_LENGTH].count), NULL);
    if (has_rule(q, FB_RULE_PATTERN))
        emit_rule_if(e, q, FB_RULE_PATTERN,
                     fb_arena_printf(e->a, "!%sre_%s || "
                                     "!fb_regex_match(%sre_%s, v)",
                                     e->p, id, e->p, id), NULL);
    if (has_rule(q, FB_RULE_INTEGER))
        emit_rule_if(e, q, FB_RULE_INTEGER,
                     fb_arena_printf(e->a, "!%swhole(x)", e->p), NULL);
    if (has_rule(q, FB_RULE_MIN))
        emit_rule_if(e, q, FB_RULE_MIN,
                     fb_arena_printf(e->a, "x < %s",
                                     number_literal(e->a,
                                                    r[FB_RULE_MIN].number)),
                     NULL);
    if (has_rule(q, FB_RULE_MAX))
        emit_rule_if(e, q, FB_RULE_MAX,
                     fb_arena_printf(e->a, "x > %s",
                                     number_literal(e->a,
                                                    r[FB_RULE_MAX].number)),
                     NULL);
    static const struct {
        enum fb_rule_kind kind;
        const char *fails;     /* how d compares with the limit to fail */
    } dates[] = {
        {FB_RULE_PAST, ">= 0"},
        {FB_RULE_FUTURE, "<= 0"},
        {FB_RULE_AFTER, "<= 0"},
        {FB_RULE_BEFORE, ">= 0"},
    };
    for (size_t i = 0; i < 4; i++) {
        enum fb_rule_kind k = dates[i].kind;
        if (!has_rule(q, k))
            continue;
        const char *limit = k == FB_RULE_PAST || k == FB_RULE_FUTURE
                                ? "*today"
                                : date_limit(e, &r[k].date);
        putf(e, "    {\n        struct fb_date limit = %s;\n\n"
                "        if (fb_date_cmp(&d, &limit) %s) {\n",
             limit, dates[i].fails);
        fail_rule(e, "            ", q, k, "limit");
        put(e, "            return;\n        }\n    }\n");
    }
    if (has_rule(q, FB_RULE_MIN_SELECTED))
        emit_rule_if(e, q, FB_RULE_MIN_SELECTED,
                     fb_arena_printf(e->a, "n < %ld",
                                     r[FB_RULE_MIN_SELECTED].count), NULL);
    if (has_rule(q, FB_RULE_MAX_SELECTED))
        emit_rule_if(e, q, FB_RULE_MAX_SELECTED,
                     fb_arena_printf(e->a, "n > %ld",
                                     r[FB_RULE_MAX_SELECTED].count), NULL);
    if (has_rule(q, FB_RULE_MATCHES))
        emit_matches(e, q);
    put(e, "}\n\n");
}

static void
emit_validator(struct emitter *e, size_t pi)
{
    const struct fb_page *pg = e->f->pages[pi];
    if (!pg->n_questions)
        return;
    putf(e, "/* Page %s: checks each question that applies, in order. */\n",
         e->page_ident[pi]);
    putf(e, "static void\n%svalidate_%s(const struct fb_answers *in,\n"
            "    const struct fb_date *today, struct fb_answers *out,\n"
            "    struct fb_errors *errs)\n{\n",
         e->p, e->page_ident[pi]);
    for (size_t i = 0; i < pg->n_questions; i++) {
        const struct fb_question *q = pg->questions[i];
        putf(e, "    if (fb_question_applies(&%s, in))\n"
                "        %scheck_%s(in, today, out, errs);\n",
             qname(e, q), e->p, qid(e, q));
    }
    put(e, "}\n\n");
}

/* --- renderers ----------------------------------------------------------- */

static void
emit_renderer(struct emitter *e, size_t pi)
{
    const struct fb_page *pg = e->f->pages[pi];
    const char *pid = e->page_ident[pi];
    struct fb_page_item *items;
    size_t n = fb_page_items(e->a, pg, &items);
    putf(e, "/* Page %s: its questions and content in source order. */\n",
         pid);
    putf(e, "static void\n%srender_%s(struct fb_html *w, "
            "const struct fb_render_ctx *ctx)\n{\n", e->p, pid);
    put(e, "    fb_render_page_open(w, ctx);\n");
    for (size_t i = 0; i < n; i++) {
        const struct fb_question *q = items[i].question;
        if (!q) {
            putf(e, "    fb_render_block(w, ctx, &%sblocks_%s[%zu]);\n", e->p,
                 pid, items[i].block);
            continue;
        }
        /* A follow-up is written inside the option that reveals it. */
        if (q->revealed_by && q->revealed_by->page == pg)
            continue;
        putf(e, "    fb_render_question(w, ctx, &%s);\n", qname(e, q));
    }
    put(e, "    fb_render_page_close(w, ctx);\n}\n\n");
}

/* --- pages, form, init ------------------------------------------------- */

static void
emit_pages(struct emitter *e)
{
    for (size_t i = 0; i < e->f->n_pages; i++) {
        const struct fb_page *pg = e->f->pages[i];
        if (!pg->n_questions)
            continue;
        putf(e, "static const struct fb_question_desc *const "
                "%squestions_%s[] = {\n", e->p, e->page_ident[i]);
        for (size_t j = 0; j < pg->n_questions; j++)
            putf(e, "    &%s,\n", qname(e, pg->questions[j]));
        put(e, "};\n\n");
    }
    putf(e, "static const struct fb_page_desc %spages[] = {\n", e->p);
    for (size_t i = 0; i < e->f->n_pages; i++) {
        const struct fb_page *pg = e->f->pages[i];
        const char *pid = e->page_ident[i];
        put(e, "    {\n        .id = ");
        str(e, pg->id);
        put(e, ",\n        .title = ");
        i18n(e, &e->lw->desc->pages[i].title);
        putf(e, ",\n        .exit = %s,\n", pg->exit ? "true" : "false");
        if (pg->n_questions)
            putf(e, "        .questions = %squestions_%s,\n"
                    "        .n_questions = %zu,\n", e->p, pid,
                 pg->n_questions);
        if (pg->n_blocks)
            putf(e, "        .blocks = %sblocks_%s,\n"
                    "        .n_blocks = %zu,\n", e->p, pid, pg->n_blocks);
        if (pg->when)
            putf(e, "        .applies = %swhen_p_%s,\n", e->p, pid);
        if (pg->n_questions)
            putf(e, "        .validate = %svalidate_%s,\n", e->p, pid);
        putf(e, "        .render = %srender_%s,\n    },\n", e->p, pid);
    }
    put(e, "};\n\n");
    if (e->f->n_questions) {
        putf(e, "static const struct fb_question_desc *const "
                "%squestions[] = {\n", e->p);
        for (size_t i = 0; i < e->f->n_questions; i++)
            putf(e, "    &%s,\n", qname(e, e->f->questions[i]));
        put(e, "};\n\n");
    }
    const struct fb_form_desc *d = e->lw->desc;
    if (d->n_forwards) {
        putf(e, "static const struct fb_forward_desc %sforwards[] = {\n",
             e->p);
        for (size_t i = 0; i < d->n_forwards; i++) {
            put(e, "    {");
            str(e, d->forwards[i].url);
            put(e, ", ");
            str(e, d->forwards[i].format);
            put(e, ", ");
            str(e, d->forwards[i].secret_env);
            put(e, "},\n");
        }
        put(e, "};\n\n");
    }
}

static void
emit_regexes(struct emitter *e)
{
    if (!e->need_regex)
        return;
    put(e, "/* Compiled once by init(), never per request. */\n");
    for (size_t i = 0; i < e->f->n_questions; i++) {
        const struct fb_question *q = e->f->questions[i];
        if (has_rule(q, FB_RULE_PATTERN))
            putf(e, "static struct fb_regex *%sre_%s;\n", e->p, qid(e, q));
    }
    put(e, "\n");
}

static void
emit_init(struct emitter *e)
{
    if (!e->need_regex)
        return;
    putf(e, "static void\n%sfini(void)\n{\n", e->p);
    for (size_t i = 0; i < e->f->n_questions; i++) {
        const struct fb_question *q = e->f->questions[i];
        if (has_rule(q, FB_RULE_PATTERN))
            putf(e, "    fb_regex_free(%sre_%s);\n    %sre_%s = NULL;\n",
                 e->p, qid(e, q), e->p, qid(e, q));
    }
    put(e, "}\n\n");
    putf(e, "static int\n%sinit(void)\n{\n", e->p);
    for (size_t i = 0; i < e->f->n_questions; i++) {
        const struct fb_question *q = e->f->questions[i];
        if (!has_rule(q, FB_RULE_PATTERN))
            continue;
        putf(e, "    %sre_%s = fb_regex_compile(", e->p, qid(e, q));
        str(e, q->rules[FB_RULE_PATTERN].string);
        putf(e, ");\n    if (!%sre_%s) {\n        %sfini();\n"
                "        return -1;\n    }\n", e->p, qid(e, q), e->p);
    }
    put(e, "    return 0;\n}\n\n");
}

static void
emit_form(struct emitter *e)
{
    const struct fb_form_desc *d = e->lw->desc;
    putf(e, "const struct fb_form_desc %sform = {\n    .slug = ", e->p);
    str(e, d->slug);
    put(e, ",\n    .title = ");
    i18n(e, &d->title);
    put(e, ",\n    .version = ");
    str(e, d->version);
    put(e, ",\n    .pattern = ");
    str(e, d->pattern);
    put(e, ",\n    .start_body = ");
    i18n(e, &d->start_body);
    put(e, ",\n    .confirmation_title = ");
    i18n(e, &d->confirmation_title);
    put(e, ",\n    .confirmation_body = ");
    i18n(e, &d->confirmation_body);
    put(e, ",\n    .reference_prefix = ");
    str(e, d->reference_prefix);
    putf(e, ",\n    .retention_days = %d,\n", d->retention_days);
    putf(e, "    .pages = %spages,\n    .n_pages = %zu,\n", e->p, d->n_pages);
    if (d->n_questions)
        putf(e, "    .questions = %squestions,\n    .n_questions = %zu,\n",
             e->p, d->n_questions);
    if (d->n_forwards)
        putf(e, "    .forwards = %sforwards,\n    .n_forwards = %zu,\n", e->p,
             d->n_forwards);
    if (e->need_regex)
        putf(e, "    .init = %sinit,\n    .fini = %sfini,\n", e->p, e->p);
    put(e, "};\n");
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
                  " * with libfbrt; call init() (when not NULL) once before "
                  "validating.\n"
                  " */\n"
                  "#pragma once\n\n"
                  "#include \"formbuilder/form.h\"\n\n"
                  "extern const struct fb_form_desc fbg_%s_form;\n",
                  lw->ident, lw->ident);
}

void
fb_emit_c_source(struct fb_compiler *c, struct fb_buf *b,
                 const struct fb_lowered *lw, const char *source_name)
{
    struct emitter e = {
        .a = &c->arena,
        .b = b,
        .lw = lw,
        .f = lw->form,
        .p = fb_arena_printf(&c->arena, "fbg_%s_", lw->ident),
    };
    name_pages(&e);
    survey(&e);
    generated_by(b, source_name);
    putf(&e,
         "/*\n"
         " * Form %s, version %s: descriptor tables, the `when`\n"
         " * conditions, a validator and a renderer per page. Depends only "
         "on\n"
         " * the public headers of libfbrt (formbuilder/).\n"
         " */\n",
         lw->ident, lw->desc->version);
    putf(&e, "#include \"%s.h\"\n\n", lw->form->slug);
    put(&e, "#include <stdbool.h>\n#include <stddef.h>\n");
    if (e.need_date_message)
        put(&e, "#include <stdio.h>\n");
    put(&e, "#include <string.h>\n\n");
    put(&e, "#include \"formbuilder/answers.h\"\n"
            "#include \"formbuilder/errors.h\"\n"
            "#include \"formbuilder/render.h\"\n"
            "#include \"formbuilder/validate.h\"\n\n");
    emit_forward_decls(&e);
    emit_helpers(&e);
    emit_regexes(&e);
    emit_conditions(&e);
    for (size_t i = 0; i < lw->form->n_questions; i++)
        emit_question_desc(&e, lw->form->questions[i]);
    for (size_t i = 0; i < lw->form->n_pages; i++)
        emit_blocks(&e, i);
    for (size_t i = 0; i < lw->form->n_questions; i++)
        emit_check(&e, lw->form->questions[i]);
    for (size_t i = 0; i < lw->form->n_pages; i++)
        emit_validator(&e, i);
    for (size_t i = 0; i < lw->form->n_pages; i++)
        emit_renderer(&e, i);
    emit_pages(&e);
    emit_init(&e);
    emit_form(&e);
}
