/* SPDX-License-Identifier: MIT */
/*
 * Id checks: question ids and page ids are each unique in the form
 * (option values are checked per question by model.c). A question may
 * share its id with a page: they live in different namespaces (answers vs
 * URLs). Sorting keeps this O(n log n) on large forms.
 */
#include "check_priv.h"

#include "formbuilder/render.h"

#include <stdlib.h>
#include <string.h>

struct named {
    const char *name;
    size_t order;      /* position as written */
    const struct fb_loc *loc;
};

static int
compare_named(const void *pa, const void *pb)
{
    const struct named *a = pa, *b = pb;
    int r = strcmp(a->name, b->name);
    if (r)
        return r;
    return a->order < b->order ? -1 : (a->order > b->order);
}

/* Reports every repeat in @p v[0..n), pointing back at the first use.
 * @p what names the kind in messages ("question id"). */
static void
report_repeats(struct fb_check *ck, struct named *v, size_t n,
               const char *id, const char *what, const char *advice)
{
    qsort(v, n, sizeof(*v), compare_named);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcmp(v[i].name, v[first].name) != 0) {
            first = i;
            continue;
        }
        fb_diag(ck->c, FB_ERROR, v[i].loc, id, "%s '%s' is used twice; %s",
                what, v[i].name, advice);
        fb_diag(ck->c, FB_NOTE, v[first].loc, id, "'%s' first used here",
                v[first].name);
    }
}

static void
check_question_ids(struct fb_check *ck)
{
    const struct fb_form *f = ck->form;
    struct named *v = fb_arena_alloc(&ck->c->arena,
                                     (f->n_questions + 1) * sizeof(*v));
    size_t n = 0;
    for (size_t i = 0; i < f->n_questions; i++)
        if (f->questions[i]->id)
            v[n++] = (struct named){f->questions[i]->id, i,
                                   &f->questions[i]->id_loc};
    report_repeats(ck, v, n, "duplicate-id", "question id",
                   "give each question its own id, as answers are "
                   "stored under it");
}

static void
check_page_ids(struct fb_check *ck)
{
    const struct fb_form *f = ck->form;
    struct named *v = fb_arena_alloc(&ck->c->arena,
                                     (f->n_pages + 1) * sizeof(*v));
    size_t n = 0;
    for (size_t i = 0; i < f->n_pages; i++)
        if (f->pages[i]->id)
            v[n++] = (struct named){f->pages[i]->id, i, &f->pages[i]->id_loc};
    report_repeats(ck, v, n, "duplicate-id", "page id",
                   "give each page its own id, as it is the page's URL");
}

/* Names the runtime itself uses: question ids are posted field names, and
 * page ids are URL path segments beside the journey's own routes. */
static const char *const reserved_question_ids[] = {
    FB_CSRF_FIELD, FB_HONEYPOT_FIELD,
};
static const char *const reserved_page_ids[] = {
    "start", "submit", "confirmation",
};

static bool
is_reserved(const char *id, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(id, names[i]) == 0)
            return true;
    return false;
}

static void
check_reserved(struct fb_check *ck)
{
    const struct fb_form *f = ck->form;
    for (size_t i = 0; i < f->n_questions; i++) {
        const struct fb_question *q = f->questions[i];
        if (is_reserved(q->id, reserved_question_ids,
                        sizeof reserved_question_ids /
                            sizeof *reserved_question_ids))
            fb_diag(ck->c, FB_ERROR, &q->id_loc, "reserved-id",
                    "question id '%s' is used by the form itself (for "
                    "spam and forgery protection); choose another id",
                    q->id);
    }
    for (size_t i = 0; i < f->n_pages; i++) {
        const struct fb_page *p = f->pages[i];
        if (is_reserved(p->id, reserved_page_ids,
                        sizeof reserved_page_ids / sizeof *reserved_page_ids))
            fb_diag(ck->c, FB_ERROR, &p->id_loc, "reserved-id",
                    "page id '%s' is the address of a step every form "
                    "has; choose another id", p->id);
        /* The track page (docs/delivery.md, Progress updates). */
        else if (f->events_secret_env && strcmp(p->id, "track") == 0)
            fb_diag(ck->c, FB_ERROR, &p->id_loc, "reserved-id",
                    "page id 'track' is the address of the track page of a "
                    "form with events_secret_env; choose another id");
    }
}

void
fb_check_ids(struct fb_check *ck)
{
    check_question_ids(ck);
    check_page_ids(ck);
    check_reserved(ck);
}
