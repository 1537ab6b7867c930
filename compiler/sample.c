/* SPDX-License-Identifier: MIT */
/*
 * Sample answers and the sample journey of the static pages (sample.h).
 */
#include "sample.h"

#include "formbuilder/filetype.h"

#include <stdio.h>
#include <string.h>

#include "formbuilder/repeat.h"
#include "formbuilder/booking.h"
#include "formbuilder/driver.h"
#include "formbuilder/qtype.h"
#include "formbuilder/validate.h"

/* Journeys tried before settling for one that ends at an exit page. */
#define MAX_TRIES 512

/* A date that keeps @p q's date rules on the day @p today. */
static struct fb_date
sample_date(const struct fb_question_desc *q, const struct fb_date *today)
{
    const struct fb_rule_desc *r;
    struct fb_date lo = {0, 0, 0}, hi = {0, 0, 0};
    bool has_lo = false, has_hi = false;
    if ((r = fb_question_rule(q, FB_RULE_AFTER)) != NULL) {
        lo = fb_date_add_days(fb_date_ref_resolve(&r->date, today), 1);
        has_lo = true;
    }
    if (fb_question_rule(q, FB_RULE_FUTURE)) {
        struct fb_date t = fb_date_add_days(*today, 1);
        if (!has_lo || fb_date_cmp(&t, &lo) > 0)
            lo = t;
        has_lo = true;
    }
    if ((r = fb_question_rule(q, FB_RULE_BEFORE)) != NULL) {
        hi = fb_date_add_days(fb_date_ref_resolve(&r->date, today), -1);
        has_hi = true;
    }
    if (fb_question_rule(q, FB_RULE_PAST)) {
        /* A date of birth or an event: thirty years back reads well. */
        struct fb_date t = fb_date_add_days(*today, -30 * 365);
        if (!has_hi || fb_date_cmp(&t, &hi) < 0)
            hi = t;
        has_hi = true;
    }
    return has_lo ? lo : has_hi ? hi : *today;
}

/* A number that keeps @p q's min and max, as typed. */
static void
sample_number(const struct fb_question_desc *q, char out[64])
{
    const struct fb_rule_desc *min = fb_question_rule(q, FB_RULE_MIN);
    const struct fb_rule_desc *max = fb_question_rule(q, FB_RULE_MAX);
    double x = 12;
    if (min)
        x = min->number;
    else if (max && max->number < x)
        x = max->number;
    snprintf(out, 64, "%.15g", x);
}

/* What a resident might type into a plain text answer, kept within its
 * max_length (a registration number is short). */
static const char *
sample_text(const struct fb_question_desc *q)
{
    const struct fb_rule_desc *max =
        fb_question_rule(q, FB_RULE_MAX_LENGTH);
    switch (q->type) {
    case FB_Q_TEXTAREA: return "A sample answer\nover two lines";
    case FB_Q_EMAIL: return "name@example.com";
    case FB_Q_PHONE: return "01632960001";
    case FB_Q_POSTCODE: return "SW1A 1AA";
    case FB_Q_NI_NUMBER: return "AB123456C";
    default:
        if (max && max->count < 13)
            return max->count < 6 ? "AB1" : "AB12CD";
        return "Sample answer";
    }
}

/* What a resident might type into part @p suffix, or NULL to leave it
 * empty (an optional part). */
static const char *
sample_part(const char *suffix)
{
    static const char *const parts[][2] = {
        {"line1", "1 Sample Street"}, {"town", "Sampleton"},
        {"postcode", "SW1A 1AA"},     {"given", "Sam"},
        {"family", "Sample"},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (strcmp(parts[i][0], suffix) == 0)
            return parts[i][1];
    return NULL;
}

/* Posts @p value as field "ID-SUFFIX" of @p q. */
static int
post_part(struct fb_answers *in, const struct fb_question_desc *q,
          const char *suffix, const char *value)
{
    char name[256];
    snprintf(name, sizeof name, "%s-%s", q->id, suffix);
    return fb_answers_set(in, name, value);
}

/* ---- variants: the other answers worth trying ------------------------ */

/* The literals conditions compare question @p q with, in @p c. */
struct fb_sample_literals {
    const struct fb_literal **v;
    size_t n;
    size_t cap;
};

static void
collect(struct fb_arena *a, const struct fb_cond_desc *c,
        const struct fb_question_desc *q, struct fb_sample_literals *out)
{
    if (!c)
        return;
    collect(a, c->lhs, q, out);
    collect(a, c->rhs, q, out);
    if (c->question != q || c->op == FB_COND_ANSWERED ||
        c->op == FB_COND_AND || c->op == FB_COND_OR || c->op == FB_COND_NOT ||
        !c->value.text)
        return;
    if (out->n == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 4;
        const struct fb_literal **v = fb_arena_alloc(a, cap * sizeof *v);
        if (out->n)
            memcpy(v, out->v, out->n * sizeof *v);
        out->v = v;
        out->cap = cap;
    }
    out->v[out->n++] = &c->value;
}

/* Every literal the form's conditions compare @p q with. */
static struct fb_sample_literals
literals_of(struct fb_arena *a, const struct fb_form_desc *f,
            const struct fb_question_desc *q)
{
    struct fb_sample_literals l = {NULL, 0, 0};
    for (size_t i = 0; i < f->n_pages; i++)
        collect(a, f->pages[i].when, q, &l);
    for (size_t i = 0; i < f->n_questions; i++)
        collect(a, f->questions[i]->when, q, &l);
    return l;
}

/* Numbers and dates: the sample, then each literal one below, equal and
 * one above; choices: each option; text: the sample, then each literal. */
static unsigned
count_variants(const struct fb_question_desc *q, const struct fb_sample_literals *l)
{
    switch (fb_qtype(q->type)->stored) {
    case FB_STORED_NUMBER:
    case FB_STORED_DATE:
        return 1 + 3 * (unsigned)l->n;
    case FB_STORED_CHOICE:
    case FB_STORED_CHOICES:
    case FB_STORED_BOOLEAN:
        return q->n_options ? (unsigned)q->n_options : 1;
    case FB_STORED_TEXT:
        return 1 + (unsigned)l->n;
    default:
        return 1;
    }
}

static size_t
index_of(const struct fb_form_desc *f, const struct fb_question_desc *q)
{
    for (size_t i = 0; i < f->n_questions; i++)
        if (f->questions[i] == q)
            return i;
    return 0;
}

/* ---- posting one answer ------------------------------------------------- */

/* A file question's sample: one file of the first kind it accepts, as
 * the server would store it (static pages show no real upload). */
static int
sample_file(const struct fb_question_desc *q, struct fb_answers *in)
{
    struct fb_file_ref ref = {.size = 204800, .kind = FB_FILE_JPG};
    unsigned accept = q->file ? q->file->accept : 1u << FB_FILE_JPG;
    for (int k = FB_FILE__COUNT - 1; k >= 0; k--)
        if ((accept >> k) & 1u && k != FB_FILE_HEIC)
            ref.kind = (enum fb_file_kind)k;
    memset(ref.hash, 'a', 64);
    ref.hash[64] = '\0';
    snprintf(ref.name, sizeof ref.name, "sample.%s",
             fb_file_kind(ref.kind)->name);
    char buf[256];
    return fb_file_ref_format(&ref, buf, sizeof buf)
               ? fb_answers_set(in, q->id, buf) : -1;
}

/* Answer @p v of @p q: the sample (v = 0) or a literal's neighbour. */
static int
post_variant(const struct fb_sample *s, const struct fb_question_desc *q,
             unsigned v, const struct fb_sample_literals *l, struct fb_answers *in)
{
    const struct fb_qtype_info *info = fb_qtype(q->type);
    const struct fb_literal *lit = v > 0 && l->n ? l->v[(v - 1) / 3 % l->n]
                                                 : NULL;
    int step = v > 0 ? (int)((v - 1) % 3) - 1 : 0;
    char buf[64];
    switch (info->stored) {
    case FB_STORED_NUMBER:
        if (lit && lit->kind == FB_LITERAL_NUMBER)
            snprintf(buf, sizeof buf, "%.15g", lit->number + step);
        else
            sample_number(q, buf);
        return fb_answers_set(in, q->id, buf);
    case FB_STORED_DATE: {
        struct fb_date d = lit && lit->kind == FB_LITERAL_DATE
            ? fb_date_add_days(fb_date_ref_resolve(&lit->date, s->today),
                               step)
            : sample_date(q, s->today);
        char iso[FB_DATE_ISO_SIZE];
        /* A booking: the first day its calendar offers (a literal's day
         * may be closed; the driver then refuses it, as it would). */
        if (q->type == FB_Q_BOOKING_DATE) {
            if (!lit && q->calendar)
                (void)fb_calendar_first_day(q->calendar, s->today, &d);
            return fb_answers_set(in, q->id, fb_date_iso(&d, iso));
        }
        const int parts[3] = {d.day, d.month, d.year};
        for (size_t i = 0; i < info->n_parts && i < 3; i++) {
            snprintf(buf, sizeof buf, "%d", parts[i]);
            if (post_part(in, q, info->parts[i].suffix, buf) != 0)
                return -1;
        }
        return 0;
    }
    case FB_STORED_CHOICE:
    case FB_STORED_BOOLEAN:
        /* A declaration has no options: its box posts "confirmed". */
        return fb_answers_set(in, q->id, q->n_options
                                             ? q->options[v % q->n_options].value
                                             : FB_DECLARATION_VALUE);
    case FB_STORED_CHOICES: {
        /* Option v ticked, then the next ones up to min_selected. */
        const struct fb_rule_desc *min =
            fb_question_rule(q, FB_RULE_MIN_SELECTED);
        size_t n = min ? (size_t)min->count : 1;
        for (size_t i = 0; i < n && i < q->n_options; i++)
            if (fb_answers_add(in, q->id,
                               q->options[(v + i) % q->n_options].value) != 0)
                return -1;
        return 0;
    }
    case FB_STORED_PARTS:
        for (size_t i = 0; i < info->n_parts; i++) {
            const char *p = sample_part(info->parts[i].suffix);
            if (info->parts_chosen && !((q->parts >> i) & 1u))
                continue;
            if (p && post_part(in, q, info->parts[i].suffix, p) != 0)
                return -1;
        }
        if (info->parts_chosen && !q->parts)
            return fb_answers_set(in, q->id, "Sam Sample");
        return 0;
    case FB_STORED_DATETIME: {
        struct fb_date t = fb_date_add_days(*s->today, 7);
        char iso[FB_DATE_ISO_SIZE];
        snprintf(buf, sizeof buf, "%sT10:00", fb_date_iso(&t, iso));
        return fb_answers_set(in, q->id, buf);
    }
    case FB_STORED_FILES:
        return sample_file(q, in);
    case FB_STORED_TIME:
        return fb_answers_set(in, q->id, "10:00");
    case FB_STORED_PENCE:
        return fb_answers_set(in, q->id, "12.50");
    case FB_STORED_TEXT:
        break;
    }
    return fb_answers_set(in, q->id, lit && lit->text ? lit->text
                                                      : sample_text(q));
}

int
fb_sample_post(const struct fb_sample *s, const struct fb_question_desc *q,
               struct fb_answers *in)
{
    size_t k = index_of(s->form, q);
    return post_variant(s, q, s->variant[k], &s->lits[k], in);
}

/* A sample the form's own rules reject (formc cannot write an answer for
 * every pattern or length) is kept as typed, so check answers still shows
 * a row for it. Only for answers posted as one field. */
static int
keep_rejected(const struct fb_errors *errs, const struct fb_form_desc *f,
              const struct fb_answers *in, struct fb_answers *out)
{
    for (size_t i = 0; i < fb_errors_count(errs); i++) {
        const struct fb_question_desc *q =
            fb_form_find_question(f, fb_errors_at(errs, i)->question);
        const struct fb_qtype_info *info = q ? fb_qtype(q->type) : NULL;
        const char *v = q ? fb_answers_get(in, q->id) : NULL;
        if (info && !info->parts && !info->is_list && v &&
            fb_answers_set(out, q->id, v) != 0)
            return -1;
    }
    return 0;
}

/* ---- the journey -------------------------------------------------------- */

static void
clear_known(struct fb_sample *s)
{
    for (size_t i = 0; i < s->form->n_pages; i++) {
        fb_answers_free(s->known[i]);
        s->known[i] = NULL;
    }
}

/* A repeating page's sample is one item: its questions' samples, stored
 * as item 0 ("PAGE.0.ID") the way the server stores an item. */
static int
sample_item(struct fb_sample *s, const struct fb_page_desc *p,
            struct fb_errors *errs)
{
    struct fb_answers *in = fb_answers_new();
    struct fb_answers *out = fb_answers_new();
    struct fb_answers *eff = fb_answers_new();
    int rc = in && out && eff ? 0 : -1;
    for (size_t k = 0; rc == 0 && k < p->n_questions; k++)
        rc = fb_sample_post(s, p->questions[k], in);
    fb_errors_clear(errs);
    if (rc == 0
        && (fb_answers_copy(eff, s->out) != 0
            || fb_answers_copy(eff, in) != 0
            || !fb_validate_page(p, eff, s->today, out, errs)
            || fb_repeat_put_item(p, s->in, 0, in) != 0
            || fb_repeat_add_item(p, s->out, 0, out) != 0))
        rc = -1;
    fb_answers_free(in);
    fb_answers_free(out);
    fb_answers_free(eff);
    return rc;
}

/* Walks the form on the current variants, as the server walks a
 * resident's answers: pages that apply on the answers so far, each
 * page's samples validated and normalised into s->out, stopping at an
 * exit page that applies. @returns 0, or -1 when out of memory. */
static int
walk(struct fb_sample *s, struct fb_errors *errs)
{
    const struct fb_form_desc *f = s->form;
    fb_answers_clear(s->in);
    fb_answers_clear(s->out);
    clear_known(s);
    s->n_journey = 0;
    s->exit = false;
    for (size_t i = 0; i < f->n_pages; i++) {
        const struct fb_page_desc *p = &f->pages[i];
        if (!fb_page_applies(p, s->out, s->today))
            continue;
        s->journey[s->n_journey++] = p;
        if (p->exit) {
            s->exit = true;
            return 0;
        }
        s->known[i] = fb_answers_new();
        if (!s->known[i] || fb_answers_copy(s->known[i], s->out) != 0)
            return -1;
        if (p->repeat) {
            if (sample_item(s, p, errs) != 0)
                return -1;
            continue;
        }
        for (size_t k = 0; k < p->n_questions; k++)
            if (fb_sample_post(s, p->questions[k], s->in) != 0)
                return -1;
        fb_errors_clear(errs);
        if (!fb_validate_page(p, s->in, s->today, s->out, errs) ||
            keep_rejected(errs, f, s->in, s->out) != 0)
            return -1;
    }
    return 0;
}

/* Collects the questions condition @p c tests. */
static void
tested(const struct fb_cond_desc *c, const struct fb_form_desc *f,
       bool *mark)
{
    if (!c)
        return;
    tested(c->lhs, f, mark);
    tested(c->rhs, f, mark);
    if (c->question)
        mark[index_of(f, c->question)] = true;
}

/* Moves on to the next answers to try after the journey ended at exit
 * page @p exit: the last question it tests that has an answer left gets
 * its next one, and every later question starts again from its sample.
 * @returns false when there is nothing left to try. */
static bool
next_variant(struct fb_sample *s, const unsigned *count, bool *mark,
             const struct fb_page_desc *exit)
{
    size_t n = s->form->n_questions;
    memset(mark, 0, n * sizeof *mark);
    tested(exit->when, s->form, mark);
    for (size_t k = n; k-- > 0;) {
        if (!mark[k] || s->variant[k] + 1 >= count[k])
            continue;
        s->variant[k]++;
        for (size_t j = k + 1; j < n; j++)
            s->variant[j] = 0;
        return true;
    }
    return false;
}

int
fb_sample_journey(struct fb_compiler *c, const struct fb_form_desc *f,
                  const struct fb_date *today, struct fb_sample *s)
{
    struct fb_arena *a = &c->arena;
    size_t nq = f->n_questions ? f->n_questions : 1;
    memset(s, 0, sizeof *s);
    s->form = f;
    s->today = today;
    s->variant = fb_arena_alloc(a, nq * sizeof *s->variant);
    s->lits = fb_arena_alloc(a, nq * sizeof *s->lits);
    unsigned *count = fb_arena_alloc(a, nq * sizeof *count);
    bool *mark = fb_arena_alloc(a, nq * sizeof *mark);
    s->journey = fb_arena_alloc(a, (f->n_pages + 1) * sizeof *s->journey);
    s->known = fb_arena_alloc(a, (f->n_pages + 1) * sizeof *s->known);
    memset(s->known, 0, (f->n_pages + 1) * sizeof *s->known);
    memset(s->variant, 0, nq * sizeof *s->variant);
    for (size_t k = 0; k < f->n_questions; k++) {
        s->lits[k] = literals_of(a, f, f->questions[k]);
        count[k] = count_variants(f->questions[k], &s->lits[k]);
    }
    s->in = fb_answers_new();
    s->out = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    int rc = s->in && s->out && errs ? 0 : -1;
    for (int tries = 0; rc == 0; tries++) {
        rc = walk(s, errs);
        if (rc != 0 || !s->exit || tries >= MAX_TRIES ||
            !next_variant(s, count, mark, s->journey[s->n_journey - 1]))
            break;
    }
    fb_errors_free(errs);
    return rc;
}

void
fb_sample_free(struct fb_sample *s)
{
    if (s->known)
        clear_known(s);
    fb_answers_free(s->in);
    fb_answers_free(s->out);
    s->in = s->out = NULL;
}
