/* SPDX-License-Identifier: MIT */
/*
 * Lookup checks: a question whose answer an endpoint checks (`lookup:`)
 * is asked once, on a page of the journey's own, not inside a repeating
 * group or under an option; each `fill` names a one-value question asked
 * once on a later page (the reply fills an answer not given yet, never
 * one the resident has already given), and no question is filled twice.
 * Runs after the reveals are resolved (question->revealed_by).
 */
#include "check_priv.h"

/* @returns why @p q cannot be looked up or filled where it is asked, or
 * NULL when it can be. */
static const char *
misplaced(const struct fb_question *q)
{
    if (q->page && q->page->repeat)
        return "inside a repeating page";
    if (q->revealed_by)
        return "revealed by an option";
    return NULL;
}

static void
check_place(struct fb_check *ck, const struct fb_question *q)
{
    const char *why = misplaced(q);
    if (why)
        fb_diag(ck->c, FB_ERROR, &q->lookup->key_loc, "lookup-place",
                "question '%s' is %s, so its answer cannot be checked "
                "against an endpoint: a lookup is asked once, on a page of "
                "the journey; %s", q->id, why,
                q->revealed_by ? "ask it on a later page with a 'when'"
                               : "move it to a page that is not repeated");
}

/* Checks and resolves fill entry @p f of @p q's lookup; @p filled (by
 * question index) records which entry fills each question. */
static void
check_fill(struct fb_check *ck, const struct fb_question *q,
           struct fb_lookup_fill_ref *f, struct fb_lookup_fill_ref **filled)
{
    struct fb_question *t = fb_check_find(ck, f->id);
    if (!t) {
        fb_check_unknown_question(
            ck, &f->id_loc, "lookup-fill-unknown-question", f->id,
            fb_arena_printf(&ck->c->arena, "no question '%s' in this form",
                            f->id),
            "'fill' names the questions whose answers the endpoint's reply "
            "fills");
        return;
    }
    if (t->type >= FB_Q__COUNT)
        return;
    const char *why = misplaced(t);
    if (!fb_model_one_value_type(t->type) || why) {
        fb_diag(ck->c, FB_ERROR, &f->id_loc, "lookup-fill-target",
                "'%s' cannot be filled from the reply: it is %s; 'fill' "
                "names questions of one typed answer asked once, such as "
                "text, textarea, email, phone, number or postcode", t->id,
                why ? why
                    : fb_arena_printf(&ck->c->arena, "%s %s question",
                                      fb_article(fb_qtype_name(t->type)),
                                      fb_qtype_name(t->type)));
        return;
    }
    if (t == q) {
        fb_diag(ck->c, FB_ERROR, &f->id_loc, "lookup-fill-order",
                "'%s' is the question looked up, and its answer is already "
                "given; 'fill' names questions of later pages", t->id);
        return;
    }
    if (!t->page || !q->page || t->page->index <= q->page->index) {
        fb_diag(ck->c, FB_ERROR, &f->id_loc, "lookup-fill-order",
                "'%s' is asked %s '%s', so filling it would change an "
                "answer already given; 'fill' names questions of later "
                "pages", t->id,
                t->page == q->page ? "on the same page as" : "before",
                q->id);
        return;
    }
    if (filled[t->index]) {
        fb_diag(ck->c, FB_ERROR, &f->id_loc, "lookup-fill-twice",
                "'%s' is filled twice; one reply fills each answer, so name "
                "it in one 'fill' only", t->id);
        fb_diag(ck->c, FB_NOTE, &filled[t->index]->id_loc,
                "lookup-fill-twice", "it is first filled here");
        return;
    }
    filled[t->index] = f;
    f->target = t;
}

void
fb_check_lookups(struct fb_check *ck)
{
    const struct fb_form *form = ck->form;
    struct fb_lookup_fill_ref **filled = fb_arena_alloc(
        &ck->c->arena, (form->n_questions + 1) * sizeof *filled);
    for (size_t i = 0; i < form->n_questions && !ck->c->too_many; i++) {
        const struct fb_question *q = form->questions[i];
        if (!q || !q->lookup)
            continue;
        check_place(ck, q);
        for (size_t k = 0; k < q->lookup->n_fill; k++)
            check_fill(ck, q, &q->lookup->fill[k], filled);
    }
}
