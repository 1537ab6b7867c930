/* SPDX-License-Identifier: MIT */
/*
 * The walk over a form's pages (walk.h), on the driver: conditions and
 * validation come from libfbrt, the parts a question posts from the type
 * table.
 */
#include "walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/driver.h"
#include "formbuilder/messages.h"
#include "formbuilder/qtype.h"
#include "formbuilder/render.h"
#include "formbuilder/repeat.h"

/* @returns true when question @p q posts a field called @p name. */
static bool
question_has_field(const struct fb_question_desc *q, const char *name)
{
    const struct fb_qtype_info *t = fb_qtype(q->type);
    size_t il = strlen(q->id);
    if (strncmp(name, q->id, il) != 0)
        return false;
    if (!t || t->n_parts == 0 || (t->parts_chosen && q->parts == 0))
        return name[il] == '\0';
    if (name[il] != '-')
        return false;
    if (q->address_lookup && (strcmp(name + il + 1, FB_UPRN_SUFFIX) == 0
                              || strcmp(name + il + 1,
                                        FB_ADDRESS_FIND_SUFFIX) == 0))
        return true;
    for (size_t i = 0; i < t->n_parts; i++)
        if ((!t->parts_chosen || (q->parts >> i) & 1u) &&
            strcmp(name + il + 1, t->parts[i].suffix) == 0)
            return true;
    return false;
}

bool
fb_page_has_field(const struct fb_page_desc *p, const char *name)
{
    for (size_t i = 0; i < p->n_questions; i++)
        if (question_has_field(p->questions[i], name))
            return true;
    return false;
}

int
fb_page_remove_fields(const struct fb_page_desc *p, struct fb_answers *a)
{
    const char *name;
    size_t i = 0;
    while (fb_answers_at(a, i, &name, NULL)) {
        if (!fb_page_has_field(p, name)) {
            i++;
            continue;
        }
        /* The name lives in @p a, which removing it frees. */
        char *copy = strdup(name);
        if (!copy)
            return -1;
        fb_answers_remove(a, copy);
        free(copy);
    }
    return 0;
}

/* Appends the fields of page @p p found in @p from to @p to. */
static int
copy_page_fields(const struct fb_page_desc *p, const struct fb_answers *from,
                 struct fb_answers *to)
{
    const char *name, *value;
    for (size_t i = 0; fb_answers_at(from, i, &name, &value); i++)
        if (fb_page_has_field(p, name) && fb_answers_add(to, name, value) != 0)
            return -1;
    return 0;
}

/* Puts every name of @p from into @p to, replacing what @p to had under
 * that name (normalised values override raw ones). */
static int
merge_over(struct fb_answers *to, const struct fb_answers *from)
{
    const char *name, *value, *prev;
    for (size_t i = 0; fb_answers_at(from, i, &name, &value); i++) {
        bool first = true;
        for (size_t k = 0; k < i && first; k++) {
            fb_answers_at(from, k, &prev, NULL);
            first = strcmp(prev, name) != 0;
        }
        if (first)
            fb_answers_remove(to, name);
        if (fb_answers_add(to, name, value) != 0)
            return -1;
    }
    return 0;
}

void
fb_walk_free(struct fb_walk *w)
{
    free(w->pages);
    fb_errors_free(w->errs);
    fb_answers_free(w->eff);
    fb_answers_free(w->out);
    memset(w, 0, sizeof *w);
}

/* Validates page @p p into @p page_out. @returns 0, or -1 when memory
 * ran out (an error could be missing: the page must not pass). */
static int
validate(struct fb_walk *w, const struct fb_page_desc *p,
         const struct fb_date *today, struct fb_answers *page_out)
{
    fb_answers_clear(page_out);
    if (!fb_validate_page(p, w->eff, today, page_out, w->errs))
        return -1;
    if (fb_errors_count(w->errs) > 0) {
        w->incomplete = p;
        return 0;
    }
    if (merge_over(w->eff, page_out) != 0 ||
        fb_answers_copy(w->out, page_out) != 0)
        return -1;
    return 0;
}

static int
walk_repeat(struct fb_walk *w, const struct fb_page_desc *p,
            const struct fb_answers *raw, const struct fb_date *today,
            struct fb_answers *page_out);

int
fb_walk_run(struct fb_walk *w, const struct fb_form_desc *f,
            const struct fb_answers *raw, const struct fb_answers *seen,
            const struct fb_date *today)
{
    memset(w, 0, sizeof *w);
    w->item = -1;
    w->pages = calloc(f->n_pages ? f->n_pages : 1, sizeof *w->pages);
    w->errs = fb_errors_new();
    w->eff = fb_answers_new();
    w->out = fb_answers_new();
    struct fb_answers *page_out = fb_answers_new();
    int rc = -1;
    if (!w->pages || !w->errs || !w->eff || !w->out || !page_out)
        goto done;
    for (size_t i = 0; i < f->n_pages && !w->incomplete; i++) {
        const struct fb_page_desc *p = &f->pages[i];
        if (!fb_page_applies(p, w->eff, today))
            continue;
        w->pages[w->n++] = p;
        if (p->exit) {
            w->exit = p;
            break;
        }
        if (p->repeat) {
            /* Its items are walked even before the group is finished:
             * its summary shows them. */
            if (walk_repeat(w, p, raw, today, page_out) != 0)
                goto done;
            if (!w->incomplete && seen && !fb_answers_get(seen, p->id)) {
                w->incomplete = p;
                w->unseen = true;
            }
            continue;
        }
        if (seen && !fb_answers_get(seen, p->id)) {
            w->incomplete = p;
            w->unseen = true;
            break;
        }
        if (copy_page_fields(p, raw, w->eff) != 0 ||
            validate(w, p, today, page_out) != 0)
            goto done;
    }
    rc = 0;
done:
    fb_answers_free(page_out);
    if (rc != 0)
        fb_walk_free(w);
    return rc;
}

long
fb_walk_index(const struct fb_walk *w, const struct fb_page_desc *p)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->pages[i] == p)
            return (long)i;
    return -1;
}

/* ---- repeating pages ---- */

/* The group's own error (too few or too many items), on its summary. */
static int
group_error(struct fb_walk *w, const struct fb_page_desc *p, enum fb_msg m,
            size_t count)
{
    struct fb_error e = {
        .question = p->id,
        .anchor = m == FB_MSG_REPEAT_TOO_MANY ? FB_REPEAT_ITEMS_ID
                                              : FB_REPEAT_ADD_FIELD,
        .part = -1,
        .msg = m,
        .args = {.count = (long)count,
                 .noun = count == 1 ? &p->repeat->item_one
                                    : &p->repeat->item_other},
    };
    w->incomplete = p;
    return fb_errors_add(w->errs, &e);
}

/* Walks repeating page @p p: each item is validated as the page on its
 * own answers (and those before the page, which its conditions see), and
 * its normalised answers go on as "PAGE.N.NAME"; then the count is held
 * to min and max. */
static int
walk_repeat(struct fb_walk *w, const struct fb_page_desc *p,
            const struct fb_answers *raw, const struct fb_date *today,
            struct fb_answers *page_out)
{
    size_t n = fb_repeat_count(p, raw);
    struct fb_answers *item = fb_answers_new();
    struct fb_answers *eff = fb_answers_new();
    int rc = -1;
    if (!item || !eff)
        goto done;
    for (size_t i = 0; i < n && i < p->repeat->max; i++) {
        fb_answers_clear(item);
        fb_answers_clear(eff);
        fb_answers_clear(page_out);
        if (fb_repeat_item(p, raw, i, item) != 0
            || fb_answers_copy(eff, w->eff) != 0
            || merge_over(eff, item) != 0
            || !fb_validate_page(p, eff, today, page_out, w->errs))
            goto done;
        if (fb_errors_count(w->errs) > 0) {
            w->incomplete = p;
            w->item = (long)i;
            rc = 0;
            goto done;
        }
        if (fb_repeat_add_item(p, w->out, i, page_out) != 0
            || fb_repeat_add_item(p, w->eff, i, page_out) != 0)
            goto done;
    }
    char count[24];
    snprintf(count, sizeof count, "%zu", n);
    if (fb_answers_set(w->eff, p->id, count) != 0)
        goto done;
    rc = 0;
    if (n < p->repeat->min)
        rc = group_error(w, p, FB_MSG_REPEAT_TOO_FEW, p->repeat->min);
    else if (n > p->repeat->max)
        rc = group_error(w, p, FB_MSG_REPEAT_TOO_MANY, p->repeat->max);
done:
    fb_answers_free(item);
    fb_answers_free(eff);
    return rc;
}
