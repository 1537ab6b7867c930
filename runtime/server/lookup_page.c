/* SPDX-License-Identifier: MIT */
/* A page's answers checked against their endpoints: see lookup_page.h. */
#include "lookup_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/qtype.h"
#include "log.h"

#define MAX_CALLS (sizeof ((struct fb_lookup_work *)0)->calls \
                   / sizeof ((struct fb_lookup_work *)0)->calls[0])

void
fb_lookup_work_run(void *p)
{
    struct fb_lookup_work *w = p;
    w->ran = true;
    for (size_t i = 0; i < w->n; i++)
        fb_lookup_call(w->calls[i].q->lookup->provider, w->calls[i].value,
                       &w->calls[i].answer);
    fb_lookup_release();
}

void
fb_lookup_work_free(void *p)
{
    struct fb_lookup_work *w = p;
    if (w && !w->ran)
        fb_lookup_release();
    free(w);
}

static void
mark_name(const struct fb_question_desc *q, char *buf, size_t cap)
{
    snprintf(buf, cap, FB_LOOKUP_MARK ".%s", q->id);
}

/* What the endpoint said of @p q's @p value: the call made for this POST,
 * the cache, else MISS. */
static enum fb_lookup_status
answer_of(const struct fb_question_desc *q, const char *value,
          const struct fb_lookup_work *done, struct fb_lookup_answer *out)
{
    for (size_t i = 0; done && i < done->n; i++)
        if (done->calls[i].q == q && strcmp(done->calls[i].value, value) == 0) {
            *out = done->calls[i].answer;
            return out->status;
        }
    return fb_lookup_cached(q->lookup->provider, value, out);
}

/* The answers @p a fills in @p raw, when @p q's answer is new or changed
 * since @p saved; the first that replaces a different saved answer in
 * *@p refilled. */
static int
fill(const struct fb_question_desc *q, const struct fb_lookup_answer *a,
     struct fb_answers *raw, const struct fb_answers *saved,
     const char **refilled)
{
    char mark[300];
    mark_name(q, mark, sizeof mark);
    const char *was = fb_answers_get(saved, q->id);
    const char *was_mark = fb_answers_get(saved, mark);
    const char *now = fb_answers_get(raw, q->id);
    if (was && now && strcmp(was, now) == 0 && was_mark
        && strcmp(was_mark, "found") == 0)
        return 0;
    const struct fb_lookup_desc *l = q->lookup;
    for (size_t i = 0; i < l->n_fill; i++)
        for (size_t k = 0; k < a->n_fill; k++) {
            const char *id = l->fill[i].question->id;
            if (strcmp(l->fill[i].field, a->fill[k].field) != 0)
                continue;
            const char *old = fb_answers_get(saved, id);
            if (!*refilled && old && *old
                && strcmp(old, a->fill[k].value) != 0)
                *refilled = id;
            if (fb_answers_set(raw, id, a->fill[k].value) != 0)
                return -1;
        }
    return 0;
}

/* The author's message on @p q in *@p errs. */
static int
not_found(const struct fb_question_desc *q, struct fb_errors **errs)
{
    char anchor[300];
    if (!*errs && !(*errs = fb_errors_new()))
        return -1;
    struct fb_error e = {
        .question = q->id,
        .anchor = fb_question_anchor(q, -1, anchor, sizeof anchor),
        .part = -1,
        .text = &q->lookup->message,
    };
    return fb_errors_add(*errs, &e);
}

/* Puts @p q's mark and fills in @p raw, or its error in *@p errs. */
static int
apply(const struct fb_question_desc *q, const struct fb_lookup_answer *a,
      struct fb_answers *raw, const struct fb_answers *saved,
      struct fb_errors **errs, const char **refilled)
{
    char mark[300];
    mark_name(q, mark, sizeof mark);
    switch (a->status) {
    case FB_LOOKUP_FOUND:
        if (fill(q, a, raw, saved, refilled) != 0)
            return -1;
        return fb_answers_set(raw, mark, "found");
    case FB_LOOKUP_NOT_FOUND:
        fb_answers_remove(raw, mark);
        return not_found(q, errs);
    default:
        return fb_answers_set(raw, mark, "unverified");
    }
}

enum fb_lookup_post
fb_lookup_page_post(const struct fb_page_desc *p,
                    const struct fb_answers *valid, struct fb_answers *raw,
                    const struct fb_answers *saved,
                    const struct fb_lookup_work *done,
                    struct fb_errors **errs, struct fb_lookup_work **work,
                    const char **refilled)
{
    struct fb_lookup_work need = {0};
    struct fb_lookup_answer a;
    *errs = NULL;
    *work = NULL;
    *refilled = NULL;
    /* First what is known; what needs a call is gathered. */
    for (size_t i = 0; i < p->n_questions; i++) {
        const struct fb_question_desc *q = p->questions[i];
        char mark[300];
        const char *value = q->lookup ? fb_answers_get(valid, q->id) : NULL;
        if (!q->lookup)
            continue;
        mark_name(q, mark, sizeof mark);
        fb_answers_remove(raw, mark);
        if (!value || !value[0])
            continue;
        enum fb_lookup_status st = answer_of(q, value, done, &a);
        if (st == FB_LOOKUP_MISS && need.n < MAX_CALLS
            && strlen(value) < sizeof need.calls[0].value) {
            need.calls[need.n].q = q;
            snprintf(need.calls[need.n].value,
                     sizeof need.calls[need.n].value, "%s", value);
            need.n++;
            continue;
        }
        if (st == FB_LOOKUP_MISS)
            a.status = FB_LOOKUP_UNAVAILABLE;
        if (apply(q, &a, raw, saved, errs, refilled) != 0)
            return FB_LOOKUP_POST_FAILED;
    }
    if (need.n && fb_lookup_reserve()) {
        fb_errors_free(*errs);
        *errs = NULL;
        if (!(*work = malloc(sizeof **work))) {
            fb_lookup_release();
            return FB_LOOKUP_POST_FAILED;
        }
        **work = need;
        return FB_LOOKUP_POST_CALL;
    }
    /* Too many calls in flight: taken unverified. */
    for (size_t i = 0; i < need.n; i++) {
        a.status = FB_LOOKUP_UNAVAILABLE;
        if (apply(need.calls[i].q, &a, raw, saved, errs, refilled) != 0)
            return FB_LOOKUP_POST_FAILED;
    }
    if (*errs && fb_errors_failed(*errs))
        return FB_LOOKUP_POST_FAILED;
    return *errs ? FB_LOOKUP_POST_SHOW : FB_LOOKUP_POST_GO_ON;
}

const char *
fb_lookup_mark(const struct fb_question_desc *q, const struct fb_answers *a)
{
    char mark[300];
    if (!q->lookup)
        return NULL;
    mark_name(q, mark, sizeof mark);
    return fb_answers_get(a, mark);
}

int
fb_lookup_marks_keep(const struct fb_form_desc *f,
                     const struct fb_answers *raw, struct fb_answers *out)
{
    char mark[300];
    for (size_t i = 0; i < f->n_questions; i++) {
        const struct fb_question_desc *q = f->questions[i];
        if (!q->lookup || !fb_answers_get(out, q->id))
            continue;
        mark_name(q, mark, sizeof mark);
        const char *m = fb_lookup_mark(q, raw);
        if (m && fb_answers_set(out, mark, m) != 0)
            return -1;
    }
    return 0;
}
