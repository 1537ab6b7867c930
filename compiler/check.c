/* SPDX-License-Identifier: MIT */
/*
 * The checks pass: runs after model.c has built a form and before the
 * lint and the emitters. It builds a by-id index of the questions, then
 * runs each cross-reference check in turn (ids, reveals, conditions,
 * rules, reachability); each reports and carries on.
 */
#include "check.h"

#include "check_priv.h"

#include <stdlib.h>
#include <string.h>

static int
compare_questions(const void *pa, const void *pb)
{
    const struct fb_question *a = *(struct fb_question *const *)pa;
    const struct fb_question *b = *(struct fb_question *const *)pb;
    int r = strcmp(a->id, b->id);
    if (r)
        return r;
    return a->index < b->index ? -1 : (a->index > b->index);
}

struct fb_question *
fb_check_find(const struct fb_check *ck, const char *id)
{
    size_t lo = 0, hi = ck->n_ids;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ck->by_id[mid]->id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < ck->n_ids && strcmp(ck->by_id[lo]->id, id) == 0)
        return ck->by_id[lo];
    return NULL;
}

/* The question id closest to @p word for a did-you-mean, or NULL. */
static const char *
suggest(const struct fb_check *ck, const char *word)
{
    return fb_closest(word, ck->ids, ck->n_ids);
}

/* Reports an unknown question id; see check_priv.h. */
void
fb_check_unknown_question(struct fb_check *ck, const struct fb_loc *loc,
                          const char *diag_id, const char *id,
                          const char *lead, const char *hint)
{
    const char *near = suggest(ck, id);
    if (near)
        fb_diag(ck->c, FB_ERROR, loc, diag_id, "%s; did you mean '%s'?",
                lead, near);
    else
        fb_diag(ck->c, FB_ERROR, loc, diag_id, "%s; %s", lead, hint);
}

const char **
fb_check_option_values(const struct fb_check *ck,
                       const struct fb_question *q, size_t *out_n)
{
    static const char *yes_no[] = {FB_YES, FB_NO};
    const struct fb_booking *b = ck->form->booking;
    if (q->type == FB_Q_YES_NO) {
        *out_n = 2;
        return yes_no;
    }
    /* A booking_time's options are its calendar's windows. */
    if (q->type == FB_Q_BOOKING_TIME) {
        size_t nw = b ? b->n_windows : 0;
        const char **ids = fb_arena_alloc(&ck->c->arena,
                                          (nw + 1) * sizeof *ids);
        for (size_t i = 0; i < nw; i++)
            ids[i] = b->windows[i].id;
        *out_n = nw;
        return ids;
    }
    bool cached = q->index < ck->form->n_questions &&
                  ck->form->questions[q->index] == q;
    if (cached && ck->values[q->index]) {
        *out_n = ck->n_values[q->index];
        return ck->values[q->index];
    }
    const char **values = fb_arena_alloc(&ck->c->arena,
                                         (q->n_options + 1) * sizeof(*values));
    size_t n = 0;
    for (size_t i = 0; i < q->n_options; i++)
        if (q->options[i].value)
            values[n++] = q->options[i].value;
    if (cached) {
        ck->values[q->index] = values;
        ck->n_values[q->index] = n;
    }
    *out_n = n;
    return values;
}

void
fb_check_form(struct fb_compiler *c, struct fb_form *form)
{
    struct fb_check ck = {c, form, NULL, NULL, 0, NULL, NULL};
    size_t n = 0;
    ck.values = fb_arena_alloc(&c->arena,
                               (form->n_questions + 1) * sizeof(*ck.values));
    ck.n_values = fb_arena_alloc(&c->arena, (form->n_questions + 1) *
                                                sizeof(*ck.n_values));
    ck.by_id = fb_arena_alloc(&c->arena,
                              (form->n_questions + 1) * sizeof(*ck.by_id));
    ck.ids = fb_arena_alloc(&c->arena,
                            (form->n_questions + 1) * sizeof(*ck.ids));
    for (size_t i = 0; i < form->n_questions; i++) {
        struct fb_question *q = form->questions[i];
        if (q && q->id) {
            ck.by_id[n] = q;
            ck.ids[n] = q->id;
            n++;
        }
    }
    ck.n_ids = n;
    qsort(ck.by_id, n, sizeof(*ck.by_id), compare_questions);

    /* Each pass stops early once the error cap is hit: nothing more
     * would be reported, and a hostile file should not cost more. */
    void (*const passes[])(struct fb_check *) = {
        fb_check_ids, fb_check_reveals, fb_check_conditions,
        fb_check_rules, fb_check_reachability, fb_check_booking,
        fb_check_submit, fb_check_languages, fb_check_payment,
        fb_check_files, fb_check_repeats, fb_check_lookups,
    };
    for (size_t i = 0; i < sizeof(passes) / sizeof(passes[0]); i++)
        if (!c->too_many)
            passes[i](&ck);
}
