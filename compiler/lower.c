/* SPDX-License-Identifier: MIT */
/*
 * Lowering pass: turns the checked model into the runtime's descriptors
 * (formbuilder/form.h) in the compiler's arena. Everything the driver
 * needs is decided here, once: literals typed by the question they test,
 * the rules that apply in the order they are checked, what default
 * messages call each answer, and what each page shows in what order.
 * emit_html runs the driver on these descriptors; emit_c writes the same
 * values out as C tables.
 */
#include "lower.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/booking.h"
#include "formbuilder/events.h"
#include "formbuilder/messages.h"
#include "formbuilder/qtype.h"

static struct fb_i18n
i18n(const struct fb_text *t)
{
    struct fb_i18n out;
    for (int l = 0; l < FB_LANG__COUNT; l++)
        out.text[l] = t->lang[l];
    return out;
}

/* ---- nouns --------------------------------------------------------------- */

/* @returns @p s trimmed, with one final '?', '.' or ':' removed (the
 * label as a message uses it, docs/form-language.md section 11). */
static const char *
noun_core(struct fb_arena *a, const char *s)
{
    char *start = fb_arena_strdup(a, s);
    while (isspace((unsigned char)*start))
        start++;
    size_t n = strlen(start);
    while (n > 0 && isspace((unsigned char)start[n - 1]))
        n--;
    if (n > 0 && strchr("?.:", start[n - 1]))
        n--;
    while (n > 0 && isspace((unsigned char)start[n - 1]))
        n--;
    start[n] = '\0';
    return start;
}

static bool
present(const char *s)
{
    return s && *s;
}

/* What default messages call @p q's answer, per language: its
 * summary_label (written to name the answer), else its label, else (in
 * English) the id with '_' as spaces. The runtime's catalogue changes the
 * case of the first letter as each message needs. */
static struct fb_i18n
noun(struct fb_arena *a, const struct fb_question *q)
{
    struct fb_i18n out = {{NULL}};
    for (int l = 0; l < FB_LANG__COUNT; l++) {
        const char *s = q->summary_label.lang[l];
        if (!present(s))
            s = q->label.lang[l];
        if (present(s)) {
            out.text[l] = noun_core(a, s);
        } else if (l == FB_LANG_EN) {
            char *id = fb_arena_strdup(a, q->id);
            for (char *p = id; *p; p++)
                if (*p == '_')
                    *p = ' ';
            out.text[l] = noun_core(a, id);
        }
    }
    return out;
}

/* ---- conditions ---------------------------------------------------------- */

/* The literal of test @p c, typed by how the tested question's answer is
 * stored: numbers and dates compare by value, and so does money, whose
 * literal is written in pounds and compared with the stored pence; `has`
 * and anything else compare as text (a time as "HH:MM"). The checks have
 * made sure number, date and money literals parse. */
static struct fb_literal
literal(const struct fb_cond *c)
{
    struct fb_literal v = {.kind = FB_LITERAL_TEXT, .text = c->value};
    const struct fb_qtype_info *info =
        c->target ? fb_qtype(c->target->type) : NULL;
    if (!c->value || !info || c->kind == FB_COND_HAS)
        return v;
    if (info->stored == FB_STORED_NUMBER &&
        fb_number_literal(c->value, true)) {
        v.kind = FB_LITERAL_NUMBER;
        v.number = strtod(c->value, NULL);
    } else if (info->stored == FB_STORED_PENCE &&
               fb_number_literal(c->value, true)) {
        v.kind = FB_LITERAL_NUMBER;
        v.number = (double)fb_pounds_to_pence(strtod(c->value, NULL));
    } else if (info->stored == FB_STORED_DATE &&
               fb_date_ref_parse(c->value, &v.date)) {
        v.kind = FB_LITERAL_DATE;
    }
    return v;
}

static const struct fb_cond_desc *
lower_cond(struct fb_arena *a, const struct fb_lowered *lw,
           const struct fb_cond *c)
{
    if (!c)
        return NULL;
    struct fb_cond_desc *d = fb_arena_alloc(a, sizeof *d);
    d->op = c->kind;
    switch (c->kind) {
    case FB_COND_AND:
    case FB_COND_OR:
        d->lhs = lower_cond(a, lw, c->lhs);
        d->rhs = lower_cond(a, lw, c->rhs);
        break;
    case FB_COND_NOT:
        d->lhs = lower_cond(a, lw, c->lhs);
        break;
    default:
        d->over = c->over;
        d->group = c->group;
        if (c->over == FB_COND_OVER_COUNT) {
            d->value = (struct fb_literal){.kind = FB_LITERAL_NUMBER,
                                           .text = c->value,
                                           .number = c->value
                                                         ? strtod(c->value,
                                                                  NULL)
                                                         : 0};
            break;
        }
        d->question = c->target ? lw->questions[c->target->index] : NULL;
        if (c->n_values) {
            /* Each listed value typed as `is` would type it. */
            struct fb_literal *v = fb_arena_alloc(a, c->n_values * sizeof *v);
            for (size_t i = 0; i < c->n_values; i++) {
                struct fb_cond one = *c;
                one.kind = FB_COND_IS;
                one.value = c->values[i];
                v[i] = literal(&one);
                if (c->kind == FB_COND_POSTCODE_IN)
                    v[i] = (struct fb_literal){.kind = FB_LITERAL_TEXT,
                                               .text = c->values[i]};
            }
            d->values = v;
            d->n_values = c->n_values;
        } else if (c->kind != FB_COND_ANSWERED) {
            d->value = literal(c);
        }
        break;
    }
    return d;
}

/* ---- rules --------------------------------------------------------------- */

/* The order the driver checks a question's rules in, after its reader
 * accepted the answer (docs/form-language.md section 11): the first that
 * fails gives the message. `required` is not a rule entry: the reader
 * reports an empty answer. */
static const enum fb_rule_kind check_order[] = {
    FB_RULE_MIN_LENGTH, FB_RULE_MAX_LENGTH, FB_RULE_PATTERN,
    FB_RULE_INTEGER, FB_RULE_MIN, FB_RULE_MAX, FB_RULE_PAST,
    FB_RULE_FUTURE, FB_RULE_AFTER, FB_RULE_BEFORE, FB_RULE_MIN_SELECTED,
    FB_RULE_MAX_SELECTED, FB_RULE_MATCHES, FB_RULE_IN_AREA,
};
#define N_CHECKED (sizeof check_order / sizeof check_order[0])

/* Is rule @p k of @p q one the driver runs? The checks report a rule on
 * the wrong type or a `matches` naming no question. */
static bool
runs(const struct fb_question *q, enum fb_rule_kind k)
{
    const struct fb_rule *r = &q->rules[k];
    return r->present && fb_qtype_has_rule(q->type, k) &&
           (k != FB_RULE_MATCHES || r->target);
}

static void
lower_rules(struct fb_arena *a, const struct fb_lowered *lw,
            const struct fb_question *q, struct fb_question_desc *d)
{
    struct fb_rule_desc *rules = fb_arena_alloc(a, N_CHECKED * sizeof *rules);
    size_t n = 0;
    for (size_t i = 0; i < N_CHECKED; i++) {
        enum fb_rule_kind k = check_order[i];
        if (!runs(q, k))
            continue;
        const struct fb_rule *r = &q->rules[k];
        struct fb_rule_desc *rd = &rules[n++];
        rd->kind = k;
        rd->count = r->count;
        rd->number = r->number;
        rd->date = r->date;
        rd->message = i18n(&r->message);
        if (k == FB_RULE_PATTERN) {
            rd->pattern = r->string;
            rd->regex = fb_arena_alloc(a, sizeof *rd->regex);
        } else if (k == FB_RULE_MATCHES) {
            rd->other = lw->questions[r->target->index];
        } else if (k == FB_RULE_IN_AREA) {
            rd->areas = (const char *const *)r->areas;
            rd->n_areas = r->n_areas;
        }
    }
    if (n) {
        d->rules = rules;
        d->n_rules = n;
    }
}

/* ---- questions ----------------------------------------------------------- */

/* A catalogue entry as a text: English, and Welsh when it has its own. */
static struct fb_i18n
catalogue(enum fb_msg id)
{
    struct fb_i18n out = {{NULL}};
    for (int l = 0; l < FB_LANG__COUNT; l++)
        if (l == FB_LANG_EN || fb_msg_has(id, (enum fb_lang)l))
            out.text[l] = fb_msg_text(id, (enum fb_lang)l);
    return out;
}

/* yes_no questions have two fixed options; the stored values are these,
 * the labels the catalogue's, so they are right in every language. */
static const struct fb_option_desc *
yes_no_options(struct fb_arena *a)
{
    struct fb_option_desc *o = fb_arena_alloc(a, 2 * sizeof *o);
    o[0].value = FB_YES;
    o[0].label = catalogue(FB_MSG_YES);
    o[1].value = FB_NO;
    o[1].label = catalogue(FB_MSG_NO);
    return o;
}

/* A booking_time's options are its calendar's windows, in their order:
 * a session's label, or a slot's start as the catalogue writes times in
 * each language ("9:30am"), so check answers and payloads need nothing
 * more. */
static void
window_options(struct fb_arena *a, const struct fb_calendar_desc *cal,
               struct fb_question_desc *d)
{
    struct fb_option_desc *o =
        fb_arena_alloc(a, (cal->n_windows + 1) * sizeof *o);
    char buf[128];
    for (size_t i = 0; i < cal->n_windows; i++) {
        const struct fb_booking_window *w = &cal->windows[i];
        o[i].value = w->id;
        for (int l = 0; l < FB_LANG__COUNT; l++) {
            const char *s =
                fb_booking_window_label(w, (enum fb_lang)l, buf, sizeof buf);
            /* Welsh only where it differs: the rest falls back. */
            if (l == FB_LANG_EN || strcmp(s, o[i].label.text[FB_LANG_EN]) != 0)
                o[i].label.text[l] = fb_arena_strdup(a, s);
        }
    }
    d->options = o;
    d->n_options = cal->n_windows;
}

static void
lower_options(struct fb_arena *a, struct fb_lowered *lw,
              const struct fb_question *q, struct fb_question_desc *d)
{
    if (q->type == FB_Q_BOOKING_TIME && lw->desc->booking) {
        window_options(a, lw->desc->booking, d);
        return;
    }
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

/* The names of @p q's parts as the readers look them up: "ID-SUFFIX" for
 * each part of its type, as posted, then "ID.SUFFIX", as stored; NULL for
 * a type without parts. */
static const struct fb_name *
part_names(struct fb_arena *a, const struct fb_question *q)
{
    const struct fb_qtype_info *t = fb_qtype(q->type);
    size_t n = strlen(q->id);
    struct fb_name *names;

    if (!t || t->n_parts == 0)
        return NULL;
    names = fb_arena_alloc(a, 2 * t->n_parts * sizeof *names);
    for (size_t k = 0; k < 2 * t->n_parts; k++) {
        const char *suffix = t->parts[k % t->n_parts].suffix;
        size_t m = strlen(suffix);
        char *s = fb_arena_alloc(a, n + m + 2);

        memcpy(s, q->id, n);
        s[n] = k < t->n_parts ? '-' : '.';
        memcpy(s + n + 1, suffix, m + 1);
        names[k] = (struct fb_name){s, n + 1 + m, fb_name_hash(s, n + 1 + m)};
    }
    return names;
}

/* @p q's `lookup:` mapping: the endpoint, the message and the answers its
 * reply fills, pointing at their descriptors; NULL without one. */
static const struct fb_lookup_desc *
lower_lookup(struct fb_arena *a, const struct fb_lowered *lw,
             const struct fb_question *q)
{
    const struct fb_lookup *l = q->lookup;
    if (!l)
        return NULL;
    struct fb_lookup_desc *d = fb_arena_alloc(a, sizeof *d);
    d->provider = l->provider;
    d->message = i18n(&l->message);
    size_t n = 0;
    for (size_t i = 0; i < l->n_fill; i++)
        n += l->fill[i].target != NULL;
    if (n) {
        struct fb_lookup_fill *fill = fb_arena_alloc(a, n * sizeof *fill);
        n = 0;
        for (size_t i = 0; i < l->n_fill; i++)
            if (l->fill[i].target)
                fill[n++] = (struct fb_lookup_fill){
                    l->fill[i].field, lw->questions[l->fill[i].target->index],
                };
        d->fill = fill;
        d->n_fill = n;
    }
    return d;
}

static void
lower_question(struct fb_arena *a, struct fb_lowered *lw,
               const struct fb_question *q)
{
    struct fb_question_desc *d = lw->questions[q->index];
    d->id = q->id;
    d->id_len = strlen(q->id);
    d->id_hash = fb_name_hash(q->id, d->id_len);
    d->type = q->type;
    d->label = i18n(&q->label);
    d->hint = i18n(&q->hint);
    d->summary_label = i18n(&q->summary_label);
    d->noun = noun(a, q);
    d->autocomplete = fb_question_autocomplete(q);
    lower_options(a, lw, q, d);
    d->parts = q->parts;
    d->part_names = part_names(a, q);
    d->display_select = q->display_select;
    d->address_lookup = q->address_lookup;
    d->lookup = lower_lookup(a, lw, q);
    d->required = fb_question_required(q);
    if (q->type == FB_Q_BOOKING_DATE || q->type == FB_Q_BOOKING_TIME)
        d->calendar = lw->desc->booking;
    if (q->type == FB_Q_FILE) {
        struct fb_file_desc *fd = fb_arena_alloc(a, sizeof *fd);
        fd->accept = q->file_accept;
        fd->max_size = q->file_max_size;
        fd->max_files = q->file_max_files;
        d->file = fd;
    }
    d->required_message = i18n(&q->rules[FB_RULE_REQUIRED].message);
    lower_rules(a, lw, q, d);
    if (runs(q, FB_RULE_MAX_LENGTH))
        d->max_length = q->rules[FB_RULE_MAX_LENGTH].count;
    d->integer = runs(q, FB_RULE_INTEGER);
    d->when = lower_cond(a, lw, q->when);
    if (q->revealed_by && q->revealed_by_option) {
        d->revealed_by = lw->questions[q->revealed_by->index];
        d->reveal_value = q->revealed_by_option->value;
    }
}

/* ---- pages --------------------------------------------------------------- */

static void
lower_block(struct fb_arena *a, const struct fb_lowered *lw,
            const struct fb_block *b, struct fb_block_desc *d)
{
    d->kind = b->kind;
    d->when = lower_cond(a, lw, b->when);
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

static bool
loc_before(const struct fb_loc *x, const struct fb_loc *y)
{
    return x->line < y->line || (x->line == y->line && x->col < y->col);
}

/* Is @p q shown inside an option of a question on its own page, rather
 * than as an item of the page? */
static bool
is_follow_up(const struct fb_question *q)
{
    return q->revealed_by && q->revealed_by->page == q->page;
}

/* What page @p p shows, in source order: its questions and content
 * blocks interleaved as written, follow-ups left to their options. The
 * blocks are in one array, in order. */
static void
lower_items(struct fb_arena *a, const struct fb_lowered *lw,
            const struct fb_page *p, struct fb_page_desc *d)
{
    size_t n = p->n_questions + p->n_blocks;
    if (n == 0)
        return;
    struct fb_block_desc *blocks =
        fb_arena_alloc(a, (p->n_blocks ? p->n_blocks : 1) * sizeof *blocks);
    for (size_t i = 0; i < p->n_blocks; i++)
        lower_block(a, lw, &p->blocks[i], &blocks[i]);
    struct fb_item_desc *items = fb_arena_alloc(a, n * sizeof *items);
    size_t qi = 0, bi = 0, k = 0;
    while (qi < p->n_questions || bi < p->n_blocks) {
        bool take_q = bi == p->n_blocks ||
                      (qi < p->n_questions &&
                       !loc_before(&p->blocks[bi].loc,
                                   &p->questions[qi]->loc));
        if (!take_q) {
            items[k++].block = &blocks[bi++];
            continue;
        }
        const struct fb_question *q = p->questions[qi++];
        if (!is_follow_up(q))
            items[k++].question = lw->questions[q->index];
    }
    d->items = items;
    d->n_items = k;
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
    lower_items(a, lw, p, d);
    d->when = lower_cond(a, lw, p->when);
    if (p->repeat) {
        struct fb_repeat_desc *r = fb_arena_alloc(a, sizeof *r);
        r->min = p->repeat->min > 0 ? (size_t)p->repeat->min : 0;
        r->max = p->repeat->max > 0 ? (size_t)p->repeat->max : 1;
        r->item_one = i18n(&p->repeat->item_one);
        r->item_other = i18n(&p->repeat->item_other);
        r->summary = i18n(&p->repeat->summary);
        d->repeat = r;
    }
}

/* ---- the form ------------------------------------------------------------ */

static void
lower_forwards(struct fb_arena *a, const struct fb_form *form,
               struct fb_form_desc *d)
{
    if (!form->n_forwards)
        return;
    struct fb_forward_desc *fw =
        fb_arena_alloc(a, form->n_forwards * sizeof *fw);
    for (size_t i = 0; i < form->n_forwards; i++) {
        const struct fb_forward *f = &form->forwards[i];
        fw[i] = (struct fb_forward_desc){
            .kind = f->kind,
            .url = f->url,
            .format = f->kind != FB_TARGET_HTTP ? NULL
                      : f->format                 ? f->format
                                                  : "json",
            .secret_env = f->secret_env,
            .headers = f->headers,
            .n_headers = f->n_headers,
            .allow_http = f->allow_http,
            .files = f->files,
            .email = f->email,
            .via = f->via,
            .template_id = f->template_id,
            .file = f->file,
        };
    }
    d->forwards = fw;
    d->n_forwards = form->n_forwards;
}

/* The emails to the resident: the confirmation and save and return's
 * link, whether or not the form forwards anything. */
static void
lower_resident_emails(struct fb_arena *a, const struct fb_form *form,
                      struct fb_form_desc *d)
{
    const struct fb_confirmation_email *ce = form->confirmation_email;
    if (ce) {
        struct fb_confirmation_email_desc *cd = fb_arena_alloc(a, sizeof *cd);
        *cd = (struct fb_confirmation_email_desc){ce->to, ce->via,
                                                  ce->template_id};
        d->confirmation_email = cd;
    }
    const struct fb_save_return *sr = form->save_return;
    if (sr) {
        struct fb_save_return_desc *sd = fb_arena_alloc(a, sizeof *sd);
        *sd = (struct fb_save_return_desc){(int)sr->expires_days, sr->via,
                                           sr->template_id};
        d->save_return = sd;
    }
}

/* ---- the calendar -------------------------------------------------------- */

static const struct fb_calendar_desc *
lower_calendar(struct fb_arena *a, const struct fb_lowered *lw,
               const struct fb_booking *b)
{
    struct fb_calendar_desc *cal = fb_arena_alloc(a, sizeof *cal);
    struct fb_booking_window *w =
        fb_arena_alloc(a, (b->n_windows + 1) * sizeof *w);
    for (size_t i = 0; i < b->n_windows; i++) {
        w[i].id = b->windows[i].id;
        w[i].label = i18n(&b->windows[i].label);
        w[i].start = b->windows[i].start;
        w[i].end = b->windows[i].end;
        w[i].capacity = b->windows[i].capacity;
    }
    cal->name = b->calendar;
    cal->days = b->days;
    cal->slots = b->slots;
    cal->windows = w;
    cal->n_windows = b->n_windows;
    cal->lead_days = b->lead_days;
    cal->horizon_days = b->horizon_days;
    cal->closed = b->closed;
    cal->n_closed = b->n_closed;
    cal->holidays = b->holidays;
    cal->hold_seconds = b->hold_seconds;
    if (b->has_limit && b->limit_question) {
        struct fb_booking_limit *l = fb_arena_alloc(a, sizeof *l);
        l->per = lw->questions[b->limit_question->index];
        l->count = b->limit_count;
        l->period_days = b->limit_period_days;
        cal->limit = l;
    }
    return cal;
}

/* ---- the payment -------------------------------------------------------- */

static const struct fb_payment_desc *
lower_payment(struct fb_arena *a, const struct fb_payment *p)
{
    struct fb_payment_desc *d = fb_arena_alloc(a, sizeof *d);
    d->amount = p->has_amount ? p->amount : 0;
    d->from = p->from;
    if (p->n_table) {
        struct fb_payment_price *t =
            fb_arena_alloc(a, p->n_table * sizeof *t);
        for (size_t i = 0; i < p->n_table; i++) {
            t[i].value = p->table[i].value;
            t[i].pence = p->table[i].pence;
        }
        d->table = t;
        d->n_table = p->n_table;
    }
    d->description = i18n(&p->description);
    d->reference_prefix = p->reference_prefix;
    return d;
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
     * reveal lists, conditions and `matches` can point forwards. */
    size_t nq = form->n_questions;
    lw->questions = fb_arena_alloc(a, (nq ? nq : 1) * sizeof *lw->questions);
    for (size_t i = 0; i < nq; i++)
        lw->questions[i] = fb_arena_alloc(a, sizeof *lw->questions[i]);
    if (form->booking)
        d->booking = lower_calendar(a, lw, form->booking);
    for (size_t i = 0; i < nq; i++)
        lower_question(a, lw, form->questions[i]);

    d->format = FB_FORMAT;
    d->slug = form->slug;
    d->title = i18n(&form->title);
    d->pattern = form->pattern;
    d->languages = form->languages;
    d->start_body = i18n(&form->start_body);
    d->confirmation_title = i18n(&form->confirmation_title);
    d->confirmation_body = i18n(&form->confirmation_body);
    for (int t = 0; t < FB_TEXT__COUNT; t++)
        d->texts[t] = i18n(&form->texts[t]);
    if (form->n_confirmation_blocks) {
        struct fb_block_desc *cb = fb_arena_alloc(
            a, form->n_confirmation_blocks * sizeof *cb);
        for (size_t i = 0; i < form->n_confirmation_blocks; i++)
            lower_block(a, lw, &form->confirmation_blocks[i], &cb[i]);
        d->confirmation_blocks = cb;
        d->n_confirmation_blocks = form->n_confirmation_blocks;
    }
    /* docs/form-language.md: the prefix defaults to REF. */
    d->reference_prefix =
        form->reference_prefix ? form->reference_prefix : "REF";
    d->retention_days = (int)form->retention_days;
    d->opens = form->opens;
    d->closes = form->closes;
    d->closed_message = i18n(&form->closed_message);
    d->max_submissions = form->max_submissions;
    d->privacy_url = form->privacy_url;
    d->privacy = i18n(&form->privacy);
    d->prefill_sign_env = form->prefill_sign_env;
    struct fb_page_desc *pages =
        fb_arena_alloc(a, (form->n_pages ? form->n_pages : 1) * sizeof *pages);
    for (size_t i = 0; i < form->n_pages; i++)
        lower_page(a, lw, form->pages[i], &pages[i]);
    d->pages = pages;
    d->n_pages = form->n_pages;
    d->questions = (const struct fb_question_desc *const *)lw->questions;
    d->n_questions = nq;
    lower_forwards(a, form, d);
    d->events_secret_env = form->events_secret_env;
    if (form->n_event_statuses) {
        struct fb_event_status_desc *es =
            fb_arena_alloc(a, form->n_event_statuses * sizeof *es);
        for (size_t i = 0; i < form->n_event_statuses; i++)
            es[i] = (struct fb_event_status_desc){
                form->event_statuses[i].id,
                i18n(&form->event_statuses[i].label)};
        d->event_statuses = es;
        d->n_event_statuses = form->n_event_statuses;
    }
    lower_resident_emails(a, form, d);
    if (form->payment)
        d->payment = lower_payment(a, form->payment);
    return lw;
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
