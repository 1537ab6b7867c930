/* SPDX-License-Identifier: MIT */
/*
 * Coverage of a form by its scenarios (coverage.h).
 */
#include "coverage.h"

#include <string.h>

#include "formbuilder/driver.h"
#include "formbuilder/qtype.h"
#include "formbuilder/repeat.h"

#define GAP "coverage-gap"

static bool *
flags(struct fb_compiler *c, size_t n)
{
    return fb_arena_alloc(&c->arena, (n ? n : 1) * sizeof(bool));
}

struct fb_coverage *
fb_coverage_new(struct fb_compiler *c, const struct fb_form_desc *f)
{
    struct fb_coverage *cov = fb_arena_alloc(&c->arena, sizeof *cov);
    size_t np = f->n_pages ? f->n_pages : 1;
    size_t nq = f->n_questions ? f->n_questions : 1;
    cov->f = f;
    cov->page_seen = flags(c, f->n_pages);
    cov->page_true = flags(c, f->n_pages);
    cov->page_false = flags(c, f->n_pages);
    cov->q_true = flags(c, f->n_questions);
    cov->q_false = flags(c, f->n_questions);
    cov->option = fb_arena_alloc(&c->arena, nq * sizeof *cov->option);
    for (size_t i = 0; i < f->n_questions; i++)
        cov->option[i] = flags(c, f->questions[i]->n_options);
    cov->block_true = fb_arena_alloc(&c->arena, np * sizeof(bool *));
    cov->block_false = fb_arena_alloc(&c->arena, np * sizeof(bool *));
    for (size_t i = 0; i < f->n_pages; i++) {
        cov->block_true[i] = flags(c, f->pages[i].n_items);
        cov->block_false[i] = flags(c, f->pages[i].n_items);
    }
    cov->done_true = flags(c, f->n_confirmation_blocks);
    cov->done_false = flags(c, f->n_confirmation_blocks);
    return cov;
}

static size_t
question_index(const struct fb_form_desc *f, const struct fb_question_desc *q)
{
    for (size_t i = 0; i < f->n_questions; i++)
        if (f->questions[i] == q)
            return i;
    return f->n_questions;
}

static void
branch(bool value, bool *t, bool *f)
{
    if (value)
        *t = true;
    else
        *f = true;
}

/* The options of @p q its answer in @p out chose. */
static void
chosen(struct fb_coverage *cov, const struct fb_question_desc *q,
       const struct fb_answers *out)
{
    size_t k = question_index(cov->f, q);
    for (size_t n = 0; k < cov->f->n_questions &&
                       n < fb_answers_count(out, q->id); n++) {
        const char *v = fb_answers_get_nth(out, q->id, n);
        for (size_t o = 0; o < q->n_options; o++)
            if (strcmp(q->options[o].value, v) == 0)
                cov->option[k][o] = true;
    }
}

/* The options of @p q the items of repeating page @p p chose. */
static void
chosen_in_items(struct fb_coverage *cov, const struct fb_page_desc *p,
                const struct fb_question_desc *q, const struct fb_answers *out)
{
    struct fb_answers *item = fb_answers_new();
    size_t n = fb_repeat_count(p, out);
    for (size_t i = 0; item && i < n; i++) {
        fb_answers_clear(item);
        if (fb_repeat_item(p, out, i, item) == 0)
            chosen(cov, q, item);
    }
    fb_answers_free(item);
}

void
fb_coverage_add(struct fb_coverage *cov, const struct fb_walk *w,
                const struct fb_answers *summary, const struct fb_date *today)
{
    const struct fb_form_desc *f = cov->f;
    /* The walk tested every page up to where it stopped. */
    const struct fb_page_desc *stop =
        (w->exit || w->incomplete) && w->n ? w->pages[w->n - 1] : NULL;
    size_t last = stop ? (size_t)(stop - f->pages) : f->n_pages - 1;
    for (size_t i = 0; f->n_pages && i <= last; i++) {
        const struct fb_page_desc *p = &f->pages[i];
        bool on = fb_walk_index(w, p) >= 0;
        if (on)
            cov->page_seen[i] = true;
        if (p->when)
            branch(on, &cov->page_true[i], &cov->page_false[i]);
        if (!on)
            continue;
        for (size_t k = 0; k < p->n_items; k++)
            if (p->items[k].block && p->items[k].block->when)
                branch(fb_cond_eval(p->items[k].block->when, w->eff, today),
                       &cov->block_true[i][k], &cov->block_false[i][k]);
        for (size_t k = 0; k < p->n_questions; k++) {
            const struct fb_question_desc *q = p->questions[k];
            size_t qi = question_index(f, q);
            if (q->when && qi < f->n_questions)
                branch(fb_cond_eval(q->when, w->eff, today),
                       &cov->q_true[qi], &cov->q_false[qi]);
            if (p != w->incomplete && !p->repeat)
                chosen(cov, q, w->out);
            else if (p != w->incomplete)
                chosen_in_items(cov, p, q, w->out);
        }
    }
    for (size_t k = 0; summary && k < f->n_confirmation_blocks; k++)
        if (f->confirmation_blocks[k].when)
            branch(fb_cond_eval(f->confirmation_blocks[k].when, summary,
                                today),
                   &cov->done_true[k], &cov->done_false[k]);
}

/* Counts one thing that can be covered, reporting it when it was not. */
struct tally {
    size_t have, want;
};

static void
count(struct fb_compiler *c, struct tally *t, bool covered,
      const struct fb_loc *loc, const char *what)
{
    t->want++;
    if (covered)
        t->have++;
    else
        fb_diag_lint(c, loc, GAP, "no scenario %s: add one that does", what);
}

/* Both sides of a `when`. */
static void
both(struct fb_compiler *c, struct tally *t, bool yes, bool no,
     const struct fb_loc *loc, const char *what, const char *id)
{
    struct fb_arena *a = &c->arena;
    count(c, t, yes, loc,
          fb_arena_printf(a, "makes the 'when' of %s '%s' true", what, id));
    count(c, t, no, loc,
          fb_arena_printf(a, "makes the 'when' of %s '%s' false", what, id));
}

/* Page @p p's content blocks and their model counterparts, in order. */
static void
blocks(struct fb_compiler *c, struct tally *t, const struct fb_coverage *cov,
       size_t i, const struct fb_page *mp)
{
    const struct fb_page_desc *p = &cov->f->pages[i];
    size_t b = 0;
    for (size_t k = 0; k < p->n_items; k++) {
        if (!p->items[k].block)
            continue;
        const struct fb_loc *loc = b < mp->n_blocks ? &mp->blocks[b].loc
                                                    : &mp->loc;
        b++;
        if (p->items[k].block->when && cov->page_seen[i])
            both(c, t, cov->block_true[i][k], cov->block_false[i][k], loc,
                 "a content block on page", p->id);
    }
}

size_t
fb_coverage_report(struct fb_compiler *c, const struct fb_coverage *cov,
                   const struct fb_lowered *lw, FILE *out)
{
    const struct fb_form_desc *f = cov->f;
    const struct fb_form *m = lw->form;
    struct tally pages = {0, 0}, exits = {0, 0}, branches = {0, 0},
                 options = {0, 0};
    for (size_t i = 0; i < f->n_pages && i < m->n_pages; i++) {
        const struct fb_page_desc *p = &f->pages[i];
        const struct fb_page *mp = m->pages[i];
        count(c, p->exit ? &exits : &pages, cov->page_seen[i], &mp->id_loc,
              fb_arena_printf(&c->arena, "reaches %s '%s'",
                              p->exit ? "exit page" : "page", p->id));
        if (p->when)
            both(c, &branches, cov->page_true[i], cov->page_false[i],
                 &mp->id_loc, "page", p->id);
        blocks(c, &branches, cov, i, mp);
    }
    for (size_t k = 0; k < f->n_questions && k < m->n_questions; k++) {
        const struct fb_question_desc *q = f->questions[k];
        const struct fb_question *mq = m->questions[k];
        if (q->when)
            both(c, &branches, cov->q_true[k], cov->q_false[k], &mq->id_loc,
                 "question", q->id);
        /* A booking time's options are the calendar's windows, not
         * choices the author wrote. */
        for (size_t o = 0; q->type != FB_Q_BOOKING_TIME && o < q->n_options;
             o++) {
            const struct fb_loc *loc = o < mq->n_options
                                           ? &mq->options[o].loc
                                           : &mq->id_loc;
            count(c, &options, cov->option[k][o], loc,
                  fb_arena_printf(&c->arena,
                                  "chooses option '%s' of question '%s'",
                                  q->options[o].value, q->id));
        }
    }
    for (size_t k = 0; k < f->n_confirmation_blocks; k++)
        if (f->confirmation_blocks[k].when)
            both(c, &branches, cov->done_true[k], cov->done_false[k],
                 k < m->n_confirmation_blocks
                     ? &m->confirmation_blocks[k].loc : &m->loc,
                 "a confirmation block of", f->slug);
    fprintf(out,
            "%s: coverage: pages %zu/%zu, exits %zu/%zu, branches %zu/%zu, "
            "options %zu/%zu\n",
            m->src ? m->src->path : f->slug, pages.have, pages.want,
            exits.have, exits.want, branches.have, branches.want,
            options.have, options.want);
    return (pages.want - pages.have) + (exits.want - exits.have) +
           (branches.want - branches.have) + (options.want - options.have);
}
