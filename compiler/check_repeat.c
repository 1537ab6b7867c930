/* SPDX-License-Identifier: MIT */
/*
 * The checks of repeating groups (`repeat:` on a page, model_repeat.c):
 * the bounds make sense together, the summary's placeholders name the
 * group's own questions, and the group asks nothing that cannot be asked
 * once per item (an exit page, a booking).
 */
#include <stdio.h>
#include <string.h>

#include "check_priv.h"

/* @returns the question of @p p with the @p n characters at @p id, or
 * NULL. */
static const struct fb_question *
group_question(const struct fb_page *p, const char *id, size_t n)
{
    for (size_t i = 0; i < p->n_questions; i++) {
        const char *q = p->questions[i]->id;
        if (q && strlen(q) == n && strncmp(q, id, n) == 0)
            return p->questions[i];
    }
    return NULL;
}

/* Every {placeholder} of @p text must name a question of the group. */
static void
check_summary_text(struct fb_check *ck, const struct fb_page *p,
                   const char *text, const struct fb_loc *loc)
{
    for (const char *s = strchr(text, '{'); s; s = strchr(s + 1, '{')) {
        const char *end = strchr(s, '}');
        if (!end) {
            fb_diag(ck->c, FB_ERROR, loc, "repeat-summary-unknown",
                    "the summary of '%s' opens a '{' it never closes; "
                    "write {question_id}", fb_check_name(p->id));
            return;
        }
        size_t n = (size_t)(end - s - 1);
        if (!group_question(p, s + 1, n)) {
            const char *first = p->n_questions ? p->questions[0]->id : NULL;
            fb_diag(ck->c, FB_ERROR, loc, "repeat-summary-unknown",
                    "the summary of '%s' names {%.*s}, which is not a "
                    "question of this repeating page; name one of its "
                    "questions, e.g. {%s}", fb_check_name(p->id), (int)n,
                    s + 1, fb_check_name(first));
        }
    }
}

static void
check_group(struct fb_check *ck, const struct fb_page *p)
{
    const struct fb_repeat *r = p->repeat;
    if (p->exit)
        fb_diag(ck->c, FB_ERROR, &r->key_loc, "repeat-on-exit",
                "exit page '%s' cannot repeat: it asks nothing; remove "
                "'repeat' or 'exit'", fb_check_name(p->id));
    if (r->max < 1 || r->max > FB_REPEAT_LIMIT)
        fb_diag(ck->c, FB_ERROR, &r->max_loc, "repeat-bounds",
                "'max' of a repeating page must be between 1 and %d, not "
                "%ld", FB_REPEAT_LIMIT, r->max);
    else if (r->min < 0 || r->min > r->max)
        fb_diag(ck->c, FB_ERROR, &r->min_loc, "repeat-bounds",
                "'min' (%ld) must be between 0 and 'max' (%ld)", r->min,
                r->max);
    for (int l = 0; l < FB_LANG__COUNT; l++)
        if (r->summary.lang[l])
            check_summary_text(ck, p, r->summary.lang[l],
                               r->summary.at[l].line ? &r->summary.at[l]
                                                     : &r->summary_loc);
    if (!p->n_questions && !p->exit)
        fb_diag(ck->c, FB_ERROR, &r->key_loc, "repeat-no-questions",
                "repeating page '%s' has no questions: each item is the "
                "answers to its questions; add some", fb_check_name(p->id));
    for (size_t i = 0; i < p->n_questions; i++) {
        const struct fb_question *q = p->questions[i];
        if (q->type == FB_Q_BOOKING_DATE || q->type == FB_Q_BOOKING_TIME)
            fb_diag(ck->c, FB_ERROR, &q->type_loc, "repeat-question-type",
                    "a repeating page cannot ask a %s question: a form "
                    "books one place; move '%s' to a page of its own",
                    fb_qtype_name(q->type), fb_check_name(q->id));
    }
}

void
fb_check_repeats(struct fb_check *ck)
{
    for (size_t i = 0; i < ck->form->n_pages; i++)
        if (ck->form->pages[i]->repeat)
            check_group(ck, ck->form->pages[i]);
}

/* ---- conditions over a group's items ---- */

/* @returns the repeating page @p id names, or NULL after reporting. */
static struct fb_page *
group_named(struct fb_check *ck, const struct fb_cond *test)
{
    for (size_t i = 0; i < ck->form->n_pages; i++) {
        struct fb_page *p = ck->form->pages[i];
        if (p->id && strcmp(p->id, test->group) == 0) {
            if (p->repeat)
                return p;
            fb_diag(ck->c, FB_ERROR, &test->group_loc, "when-not-repeating",
                    "page '%s' is asked once, not per item: 'count of' and "
                    "'any' name a page with 'repeat:'", p->id);
            return NULL;
        }
    }
    fb_diag(ck->c, FB_ERROR, &test->group_loc, "when-not-repeating",
            "'%s' is not a page of the form: 'count of' and 'any' name a "
            "page with 'repeat:'", test->group);
    return NULL;
}

void
fb_check_count_test(struct fb_check *ck, const struct fb_page *at,
                    struct fb_cond *test)
{
    struct fb_page *g = group_named(ck, test);
    if (!g)
        return;
    test->group_page = g;
    if (at && g->index >= at->index)
        fb_diag(ck->c, FB_ERROR, &test->group_loc, "when-later-question",
                "'%s' is counted before its items are added; a condition "
                "can only count a repeating page that comes earlier",
                g->id);
    bool compares = test->kind == FB_COND_IS || test->kind == FB_COND_IS_NOT
                    || fb_cond_is_comparison(test->kind);
    if (!compares || !test->value || !fb_number_literal(test->value, false))
        fb_diag(ck->c, FB_ERROR, &test->loc, "when-type-mismatch",
                "'count of %s' is a whole number: compare it with one, "
                "e.g. count of %s > 2", g->id, g->id);
}

bool
fb_check_group_test(struct fb_check *ck, const struct fb_page *at,
                    struct fb_cond *test, const struct fb_question *t)
{
    if (test->over == FB_COND_OVER_ANY) {
        struct fb_page *g = group_named(ck, test);
        if (!g)
            return false;
        test->group_page = g;
        if (t->page != g) {
            fb_diag(ck->c, FB_ERROR, &test->question_loc,
                    "when-not-repeating",
                    "'%s' is not a question of repeating page '%s'; name "
                    "one of its questions after 'any %s.'", t->id, g->id,
                    g->id);
            return false;
        }
        return true;
    }
    if (t->page && t->page->repeat && t->page != at) {
        fb_diag(ck->c, FB_ERROR, &test->question_loc, "when-repeat-question",
                "'%s' is asked once per item of repeating page '%s'; test "
                "it with 'any %s.%s ...', or count the items with 'count "
                "of %s'", t->id, t->page->id, t->page->id, t->id,
                t->page->id);
        return false;
    }
    return true;
}
