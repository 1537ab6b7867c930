/* SPDX-License-Identifier: MIT */
/*
 * Lowering pass: copies the checked model into the runtime's descriptor
 * structs (formbuilder/form.h) in the compiler's arena. The function
 * pointers stay NULL: only generated C has functions. emit_html renders
 * these descriptors; emit_c writes the same values out as C tables.
 */
#include "lower.h"

#include <string.h>

static struct fb_i18n
i18n(const struct fb_text *t)
{
    struct fb_i18n out;
    for (int l = 0; l < FB_LANG__COUNT; l++)
        out.text[l] = t->lang[l];
    return out;
}

static struct fb_i18n
english(const char *s)
{
    struct fb_i18n out = {{NULL}};
    out.text[FB_LANG_EN] = s;
    return out;
}

/* yes_no questions have two fixed options; the stored values are these. */
static const struct fb_option_desc *
yes_no_options(struct fb_arena *a)
{
    struct fb_option_desc *o = fb_arena_alloc(a, 2 * sizeof *o);
    o[0].value = "yes";
    o[0].label = english("Yes");
    o[1].value = "no";
    o[1].label = english("No");
    return o;
}

static void
lower_options(struct fb_arena *a, struct fb_lowered *lw,
              const struct fb_question *q, struct fb_question_desc *d)
{
    if (q->type == FB_Q_YES_NO) {
        d->options = yes_no_options(a);
        d->n_options = 2;
        return;
    }
    if (q->n_options == 0)
        return;
    struct fb_option_desc *opts =
        fb_arena_alloc(a, q->n_options * sizeof *opts);
    for (size_t i = 0; i < q->n_options; i++) {
        const struct fb_option *o = &q->options[i];
        opts[i].value = o->value;
        opts[i].label = i18n(&o->label);
        opts[i].hint = i18n(&o->hint);
        size_t n = 0;
        for (size_t r = 0; r < o->n_reveal; r++)
            if (o->revealed && o->revealed[r])
                n++;
        if (n == 0)
            continue;
        const struct fb_question_desc **rev =
            fb_arena_alloc(a, n * sizeof *rev);
        n = 0;
        for (size_t r = 0; r < o->n_reveal; r++)
            if (o->revealed && o->revealed[r])
                rev[n++] = lw->questions[o->revealed[r]->index];
        opts[i].reveal = rev;
        opts[i].n_reveal = n;
    }
    d->options = opts;
    d->n_options = q->n_options;
}

static void
lower_question(struct fb_arena *a, struct fb_lowered *lw,
               const struct fb_question *q)
{
    struct fb_question_desc *d = lw->questions[q->index];
    d->id = q->id;
    d->type = q->type;
    d->label = i18n(&q->label);
    d->hint = i18n(&q->hint);
    d->summary_label = i18n(&q->summary_label);
    d->autocomplete = fb_question_autocomplete(q);
    lower_options(a, lw, q, d);
    d->required = q->rules[FB_RULE_REQUIRED].present ||
                  q->type == FB_Q_DECLARATION;
    if (q->rules[FB_RULE_MAX_LENGTH].present)
        d->max_length = q->rules[FB_RULE_MAX_LENGTH].count;
    d->integer = q->rules[FB_RULE_INTEGER].present;
    if (q->revealed_by && q->revealed_by_option) {
        d->revealed_by = lw->questions[q->revealed_by->index];
        d->reveal_value = q->revealed_by_option->value;
    }
}

static void
lower_block(struct fb_arena *a, const struct fb_block *b,
            struct fb_block_desc *d)
{
    d->kind = b->kind;
    d->text = i18n(&b->text);
    d->summary = i18n(&b->summary);
    if (b->n_items) {
        struct fb_i18n *items = fb_arena_alloc(a, b->n_items * sizeof *items);
        for (size_t i = 0; i < b->n_items; i++)
            items[i] = i18n(&b->items[i]);
        d->items = items;
        d->n_items = b->n_items;
    }
}

static void
lower_page(struct fb_arena *a, struct fb_lowered *lw,
           const struct fb_page *p, struct fb_page_desc *d)
{
    d->id = p->id;
    d->title = i18n(&p->title);
    d->exit = p->exit;
    if (p->n_questions) {
        const struct fb_question_desc **qs =
            fb_arena_alloc(a, p->n_questions * sizeof *qs);
        for (size_t i = 0; i < p->n_questions; i++)
            qs[i] = lw->questions[p->questions[i]->index];
        d->questions = qs;
        d->n_questions = p->n_questions;
    }
    if (p->n_blocks) {
        struct fb_block_desc *bs =
            fb_arena_alloc(a, p->n_blocks * sizeof *bs);
        for (size_t i = 0; i < p->n_blocks; i++)
            lower_block(a, &p->blocks[i], &bs[i]);
        d->blocks = bs;
        d->n_blocks = p->n_blocks;
    }
}

struct fb_lowered *
fb_lower_form(struct fb_compiler *c, const struct fb_form *form)
{
    struct fb_arena *a = &c->arena;
    struct fb_lowered *lw = fb_arena_alloc(a, sizeof *lw);
    struct fb_form_desc *d = fb_arena_alloc(a, sizeof *d);
    lw->form = form;
    lw->desc = d;
    lw->ident = fb_c_ident(a, form->slug);

    /* Every question descriptor exists before any is filled in, so
     * reveal lists and revealed_by can point forwards. */
    size_t nq = form->n_questions;
    lw->questions = fb_arena_alloc(a, (nq ? nq : 1) * sizeof *lw->questions);
    for (size_t i = 0; i < nq; i++)
        lw->questions[i] = fb_arena_alloc(a, sizeof *lw->questions[i]);
    for (size_t i = 0; i < nq; i++)
        lower_question(a, lw, form->questions[i]);

    d->slug = form->slug;
    d->title = i18n(&form->title);
    d->version = fb_form_version(c, form);
    d->pattern = form->pattern;
    d->start_body = i18n(&form->start_body);
    d->confirmation_title = i18n(&form->confirmation_title);
    d->confirmation_body = i18n(&form->confirmation_body);
    /* docs/form-language.md: the prefix defaults to REF. */
    d->reference_prefix =
        form->reference_prefix ? form->reference_prefix : "REF";
    d->retention_days = (int)form->retention_days;
    struct fb_page_desc *pages =
        fb_arena_alloc(a, (form->n_pages ? form->n_pages : 1) * sizeof *pages);
    for (size_t i = 0; i < form->n_pages; i++)
        lower_page(a, lw, form->pages[i], &pages[i]);
    d->pages = pages;
    d->n_pages = form->n_pages;
    d->questions = (const struct fb_question_desc *const *)lw->questions;
    d->n_questions = nq;
    if (form->n_forwards) {
        struct fb_forward_desc *fw =
            fb_arena_alloc(a, form->n_forwards * sizeof *fw);
        for (size_t i = 0; i < form->n_forwards; i++) {
            fw[i].url = form->forwards[i].url;
            fw[i].format =
                form->forwards[i].format ? form->forwards[i].format : "json";
            fw[i].secret_env = form->forwards[i].secret_env;
        }
        d->forwards = fw;
        d->n_forwards = form->n_forwards;
    }
    return lw;
}

static bool
loc_before(const struct fb_loc *x, const struct fb_loc *y)
{
    return x->line < y->line || (x->line == y->line && x->col < y->col);
}

size_t
fb_page_items(struct fb_arena *a, const struct fb_page *page,
              struct fb_page_item **out)
{
    size_t n = page->n_questions + page->n_blocks;
    struct fb_page_item *items = fb_arena_alloc(a, (n ? n : 1) * sizeof *items);
    size_t qi = 0, bi = 0;
    for (size_t i = 0; i < n; i++) {
        bool take_q;
        if (qi == page->n_questions)
            take_q = false;
        else if (bi == page->n_blocks)
            take_q = true;
        else
            take_q = !loc_before(&page->blocks[bi].loc,
                                 &page->questions[qi]->loc);
        if (take_q) {
            items[i].question = page->questions[qi++];
        } else {
            items[i].question = NULL;
            items[i].block = bi++;
        }
    }
    *out = items;
    return n;
}

const char *
fb_c_ident(struct fb_arena *a, const char *s)
{
    char *id = fb_arena_strdup(a, s);
    for (char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '_'))
            *p = '_';
    return id;
}

const char *
fb_question_anchor(struct fb_arena *a, const struct fb_question *q)
{
    switch (q->type) {
    case FB_Q_DATE:
        return fb_arena_printf(a, "%s-day", q->id);
    case FB_Q_ADDRESS:
        return fb_arena_printf(a, "%s-line1", q->id);
    default:
        return q->id;
    }
}
