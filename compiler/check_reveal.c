/* SPDX-License-Identifier: MIT */
/*
 * Reveal checks: an option's `reveal:` list names follow-up questions that
 * the page shows under that option (GOV.UK conditional reveal). Each must
 * exist, sit on the same page after the question that reveals it, and be
 * revealed by one option only. Resolves option->revealed and the
 * follow-up's revealed_by / revealed_by_option for the emitters.
 */
#include "check_priv.h"

#include <string.h>

/* The location where @p o names @p id, or the option's own. */
static const struct fb_loc *
reveal_loc(const struct fb_option *o, const char *id)
{
    for (size_t i = 0; i < o->n_reveal; i++)
        if (o->reveal[i] && strcmp(o->reveal[i], id) == 0 && o->reveal_locs)
            return &o->reveal_locs[i];
    return &o->loc;
}

static void
check_one(struct fb_check *ck, struct fb_question *q, struct fb_option *o,
          size_t i)
{
    const char *id = o->reveal[i];
    const struct fb_loc *loc = o->reveal_locs ? &o->reveal_locs[i] : &o->loc;
    struct fb_question *t = fb_check_find(ck, id);
    if (!t) {
        fb_check_unknown_question(
            ck, loc, "reveal-unknown-question", id,
            fb_arena_printf(&ck->c->arena, "option '%s' reveals '%s', "
                            "which is not a question in this form",
                            fb_check_name(o->value), id),
            "list the ids of follow-up questions on the same page");
        return;
    }
    if (t == q) {
        fb_diag(ck->c, FB_ERROR, loc, "reveal-order",
                "question '%s' cannot reveal itself; reveal a follow-up "
                "question placed after it",
                fb_check_name(q->id));
        return;
    }
    if (t->page != q->page) {
        fb_diag(ck->c, FB_ERROR, loc, "reveal-order",
                "'%s' is on page '%s' but option '%s' of '%s' on page '%s' "
                "reveals it; move '%s' to page '%s', after '%s'",
                id, t->page ? fb_check_name(t->page->id) : "?",
                fb_check_name(o->value), fb_check_name(q->id),
                q->page ? fb_check_name(q->page->id) : "?", id,
                q->page ? fb_check_name(q->page->id) : "?",
                fb_check_name(q->id));
        return;
    }
    if (t->index < q->index) {
        fb_diag(ck->c, FB_ERROR, loc, "reveal-order",
                "'%s' comes before '%s', which reveals it; move '%s' after "
                "'%s'",
                id, fb_check_name(q->id), id, fb_check_name(q->id));
        return;
    }
    if (t->revealed_by) {
        fb_diag(ck->c, FB_ERROR, loc, "reveal-twice",
                "'%s' is already revealed by option '%s' of '%s'; a "
                "question can be revealed by one option only",
                id, fb_check_name(t->revealed_by_option->value),
                fb_check_name(t->revealed_by->id));
        fb_diag(ck->c, FB_NOTE, reveal_loc(t->revealed_by_option, id),
                "reveal-twice", "'%s' first revealed here", id);
        return;
    }
    t->revealed_by = q;
    t->revealed_by_option = o;
    o->revealed[i] = t;
}

/* Only radios and checkboxes have GOV.UK conditional reveals; a follow-up
 * shown inside another follow-up would nest one reveal in another, which
 * the Design System advises against and screen readers announce poorly. */
static bool
can_reveal(struct fb_check *ck, const struct fb_question *q,
           const struct fb_option *o)
{
    if (q->type != FB_Q_RADIOS && q->type != FB_Q_CHECKBOXES) {
        fb_diag(ck->c, FB_ERROR, &o->loc, "reveal-not-supported",
                "a %s question cannot reveal follow-up questions; use "
                "radios or checkboxes, or ask on a later page with 'when'",
                fb_qtype_name(q->type) ? fb_qtype_name(q->type) : "this");
        return false;
    }
    return true;
}

static void
check_nested(struct fb_check *ck)
{
    for (size_t qi = 0; qi < ck->form->n_questions; qi++) {
        const struct fb_question *q = ck->form->questions[qi];
        if (!q->revealed_by)
            continue;
        for (size_t oi = 0; oi < q->n_options; oi++)
            if (q->options[oi].n_reveal > 0)
                fb_diag(ck->c, FB_ERROR, &q->options[oi].loc,
                        "reveal-nested",
                        "'%s' is itself a follow-up of '%s', so its options "
                        "cannot reveal more questions; ask them on a later "
                        "page with 'when'",
                        q->id, q->revealed_by->id);
    }
}

void
fb_check_reveals(struct fb_check *ck)
{
    for (size_t qi = 0; qi < ck->form->n_questions && !ck->c->too_many;
         qi++) {
        struct fb_question *q = ck->form->questions[qi];
        for (size_t oi = 0; oi < q->n_options; oi++) {
            struct fb_option *o = &q->options[oi];
            if (o->n_reveal == 0 || !can_reveal(ck, q, o))
                continue;
            o->revealed = fb_arena_alloc(&ck->c->arena,
                                         o->n_reveal * sizeof(*o->revealed));
            for (size_t i = 0; i < o->n_reveal; i++)
                if (o->reveal[i])
                    check_one(ck, q, o, i);
        }
    }
    check_nested(ck);
}
