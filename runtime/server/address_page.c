/* SPDX-License-Identifier: MIT */
/*
 * The steps of an address found by postcode: which one a page shows and
 * what a POST of it means (address_page.h). The provider is asked only
 * here, through address_lookup.c's bounded call.
 */
#include "address_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/messages.h"
#include "formbuilder/qtype.h"
#include "formbuilder/validate.h"

/* The posted names of one address question: its parts, the postcode
 * searched and the chosen UPRN. */
struct names {
    char part[4][300];
    char find[300];
    char uprn[300];
};

static bool
names_of(const struct fb_question_desc *q, struct names *n)
{
    const struct fb_qtype_info *t = fb_qtype(FB_Q_ADDRESS);
    if (strlen(q->id) > 200 || t->n_parts != 4)
        return false;
    for (size_t i = 0; i < 4; i++)
        snprintf(n->part[i], sizeof n->part[i], "%s-%s", q->id,
                 t->parts[i].suffix);
    snprintf(n->find, sizeof n->find, "%s-" FB_ADDRESS_FIND_SUFFIX, q->id);
    snprintf(n->uprn, sizeof n->uprn, "%s-" FB_UPRN_SUFFIX, q->id);
    return true;
}

static const struct fb_question_desc *
lookup_question(const struct fb_page_desc *p)
{
    for (size_t i = 0; i < p->n_questions; i++)
        if (p->questions[i]->type == FB_Q_ADDRESS
            && p->questions[i]->address_lookup)
            return p->questions[i];
    return NULL;
}

void
fb_address_page_init(struct fb_address_page *ap)
{
    memset(ap, 0, sizeof *ap);
}

void
fb_address_page_done(struct fb_address_page *ap)
{
    free(ap->found);
    free(ap->choices);
    fb_address_work_free(ap->work);
    fb_errors_free(ap->errs);
    fb_address_page_init(ap);
}

const struct fb_address_view *
fb_address_page_view(const struct fb_address_page *ap)
{
    return ap->view.q ? &ap->view : NULL;
}

/* Starts the view of @p q on page @p p: the links to the typed step and,
 * with a provider, back to the postcode step. */
static void
start(struct fb_address_page *ap, const struct fb_form_desc *f,
      const struct fb_page_desc *p, const struct fb_question_desc *q,
      enum fb_address_step step, bool changing)
{
    const char *change = changing ? "&change=1" : "";
    snprintf(ap->typed_href, sizeof ap->typed_href,
             "/%s/%s?address=typed%s", f->slug, p->id, change);
    snprintf(ap->find_href, sizeof ap->find_href, "/%s/%s?address=find%s",
             f->slug, p->id, change);
    ap->view = (struct fb_address_view){
        .q = q,
        .step = step,
        .typed_href = ap->typed_href,
        .find_href = fb_address_lookup_configured() ? ap->find_href : NULL,
        .unavailable = !fb_address_lookup_configured(),
    };
}

int
fb_address_page_get(struct fb_address_page *ap, const struct fb_form_desc *f,
                    const struct fb_page_desc *p,
                    const struct fb_answers *saved, const char *asked,
                    bool changing)
{
    const struct fb_question_desc *q = lookup_question(p);
    struct names n;
    if (!q || !names_of(q, &n))
        return 0;
    bool configured = fb_address_lookup_configured();
    bool answered = false;
    for (size_t i = 0; i < 4; i++)
        answered |= fb_answers_get(saved, n.part[i]) != NULL;
    enum fb_address_step step =
        !configured                                   ? FB_ADDRESS_STEP_TYPED
        : asked && strcmp(asked, "typed") == 0        ? FB_ADDRESS_STEP_TYPED
        : asked && strcmp(asked, "find") == 0         ? FB_ADDRESS_STEP_FIND
        : answered                                    ? FB_ADDRESS_STEP_TYPED
                                                      : FB_ADDRESS_STEP_FIND;
    start(ap, f, p, q, step, changing);
    return 0;
}

/* The step shown again with error @p e (its question and part set
 * here) on the control @p anchor. */
static enum fb_address_post
show_error_as(struct fb_address_page *ap, const struct fb_question_desc *q,
              const char *anchor, struct fb_error e)
{
    snprintf(ap->anchor, sizeof ap->anchor, "%s", anchor);
    ap->errs = fb_errors_new();
    e.question = q->id;
    e.anchor = ap->anchor;
    e.part = -1;
    if (!ap->errs || fb_errors_add(ap->errs, &e) != 0)
        return FB_ADDRESS_POST_FAILED;
    ap->status = 422;
    return FB_ADDRESS_POST_SHOW;
}

/* The step shown again with message @p msg (with @p text). */
static enum fb_address_post
show_error(struct fb_address_page *ap, const struct fb_question_desc *q,
           const char *anchor, enum fb_msg msg, const char *text)
{
    return show_error_as(ap, q, anchor,
                         (struct fb_error){.msg = msg,
                                           .args = {.text = text}});
}

/* The choose step again with rule in_area's error (the author's message,
 * else the default naming the question). */
static enum fb_address_post
area_error(struct fb_address_page *ap, const struct fb_question_desc *q,
           const char *anchor, const struct fb_rule_desc *r)
{
    return show_error_as(ap, q, anchor, (struct fb_error){
        .msg = FB_MSG_IN_AREA,
        .text = fb_i18n_present(&r->message) ? &r->message : NULL,
        .args = {.noun = &q->noun},
    });
}

/* The provider could not answer: the parts to type, the postcode the
 * resident gave already in its box. */
static enum fb_address_post
show_typed(struct fb_address_page *ap, const struct names *n,
           struct fb_answers *posted)
{
    ap->view.step = FB_ADDRESS_STEP_TYPED;
    ap->view.unavailable = true;
    ap->view.find_href = NULL;
    if (fb_answers_set(posted, n->part[3], ap->postcode) != 0)
        return FB_ADDRESS_POST_FAILED;
    fb_answers_remove(posted, n->find);
    fb_answers_remove(posted, n->uprn);
    ap->status = 200;
    return FB_ADDRESS_POST_SHOW;
}

/* Normalises the posted postcode into ap->postcode. @returns the field's
 * status. */
static enum fb_field_status
read_postcode(struct fb_address_page *ap, const struct names *n,
              const struct fb_answers *posted)
{
    struct fb_answers *tmp = fb_answers_new();
    if (!tmp)
        return FB_FIELD_INVALID;
    enum fb_field_status st = fb_read_postcode(posted, n->find, tmp);
    const char *v = fb_answers_get(tmp, n->find);
    if (st == FB_FIELD_OK && v)
        snprintf(ap->postcode, sizeof ap->postcode, "%s", v);
    fb_answers_free(tmp);
    return st;
}

void
fb_address_work_run(void *p)
{
    struct fb_address_work *w = p;
    w->ran = true;
    w->status = fb_address_lookup_call(w->postcode, &w->list);
}

void
fb_address_work_free(void *p)
{
    struct fb_address_work *w = p;
    if (w && !w->ran)
        fb_address_lookup_release();
    free(w);
}

/* ap->postcode's addresses: the call made for this POST (@p done), the
 * cache, else MISS with ap->work holding a reserved call to make. */
static enum fb_address_status
search(struct fb_address_page *ap, const struct fb_address_work *done)
{
    ap->found = malloc(sizeof *ap->found);
    if (!ap->found)
        return FB_ADDRESS_FAILED;
    if (done && strcmp(done->postcode, ap->postcode) == 0) {
        memcpy(ap->found, &done->list, sizeof *ap->found);
        return done->status;
    }
    enum fb_address_status st = fb_address_lookup_cached(ap->postcode,
                                                         ap->found);
    if (st != FB_ADDRESS_MISS)
        return st;
    if (!fb_address_lookup_reserve())
        return FB_ADDRESS_BUSY;
    ap->work = calloc(1, sizeof *ap->work);
    if (!ap->work) {
        fb_address_lookup_release();
        return FB_ADDRESS_FAILED;
    }
    ap->work->status = FB_ADDRESS_FAILED;
    snprintf(ap->work->postcode, sizeof ap->work->postcode, "%s",
             ap->postcode);
    return FB_ADDRESS_MISS;
}

static enum fb_address_post
show_choice(struct fb_address_page *ap)
{
    ap->choices = calloc(ap->found->n, sizeof *ap->choices);
    if (!ap->choices)
        return FB_ADDRESS_POST_FAILED;
    for (size_t i = 0; i < ap->found->n; i++)
        ap->choices[i] = (struct fb_address_choice){
            ap->found->items[i].uprn, ap->found->items[i].label};
    ap->view.step = FB_ADDRESS_STEP_CHOOSE;
    ap->view.postcode = ap->postcode;
    ap->view.choices = ap->choices;
    ap->view.n_choices = ap->found->n;
    ap->status = 200;
    return FB_ADDRESS_POST_SHOW;
}

/* The parts typed: a UPRN goes with them only when they are exactly the
 * parts the server put beside it when the address was chosen. */
static enum fb_address_post
typed(struct fb_address_page *ap, const struct names *n,
      struct fb_answers *posted, const struct fb_answers *saved)
{
    const char *uprn = fb_answers_get(posted, n->uprn);
    const char *was = fb_answers_get(saved, n->uprn);
    bool keep = uprn && was && strcmp(uprn, was) == 0
                && fb_answers_count(posted, n->uprn) == 1;
    for (size_t i = 0; keep && i < 4; i++) {
        const char *a = fb_answers_get(posted, n->part[i]);
        const char *b = fb_answers_get(saved, n->part[i]);
        keep = (!a || !a[0]) ? (!b || !b[0]) : b && strcmp(a, b) == 0;
    }
    if (!keep)
        fb_answers_remove(posted, n->uprn);
    fb_answers_remove(posted, n->find);
    ap->view.step = FB_ADDRESS_STEP_TYPED;
    ap->view.unavailable = false;
    return FB_ADDRESS_POST_GO_ON;
}

/* The question's in_area rule, or NULL. */
static const struct fb_rule_desc *
area_rule(const struct fb_question_desc *q)
{
    for (size_t i = 0; i < q->n_rules; i++)
        if (q->rules[i].kind == FB_RULE_IN_AREA)
            return &q->rules[i];
    return NULL;
}

/* Is address @p a in the councils rule @p r names? True when it names
 * none: its postcodes are then the driver's to check. */
static bool
in_council(const struct fb_rule_desc *r, const struct fb_found_address *a)
{
    bool codes = false;
    for (size_t i = 0; r && i < r->n_areas; i++) {
        if (r->areas[i][0] < '0' || r->areas[i][0] > '9')
            continue;
        codes = true;
        /* "06815" and "6815" name one council (both digits: formc and
         * the reply's reader checked). */
        if (a->custodian[0]
            && strtol(a->custodian, NULL, 10) == strtol(r->areas[i], NULL, 10))
            return true;
    }
    return !codes;
}

/* The address chosen from the list: its parts and UPRN, as though typed. */
static enum fb_address_post
chosen(struct fb_address_page *ap, const struct fb_question_desc *q,
       const struct names *n, struct fb_answers *posted,
       const struct fb_address_work *done)
{
    char uprn[16] = "";
    const char *given = fb_answers_get(posted, n->uprn);
    bool one = given && strlen(given) < sizeof uprn
               && fb_answers_count(posted, n->uprn) == 1;
    if (one)
        memcpy(uprn, given, strlen(given) + 1);
    enum fb_address_status st = search(ap, done);
    if (st == FB_ADDRESS_MISS)
        return ap->work ? FB_ADDRESS_POST_LOOKUP : FB_ADDRESS_POST_FAILED;
    if (st != FB_ADDRESS_OK)
        return show_typed(ap, n, posted);
    const struct fb_found_address *a = NULL;
    for (size_t i = 0; one && uprn[0] && i < ap->found->n; i++)
        if (strcmp(ap->found->items[i].uprn, uprn) == 0)
            a = &ap->found->items[i];
    if (!a) {
        enum fb_address_post r = show_choice(ap);
        return r == FB_ADDRESS_POST_SHOW
                   ? show_error(ap, q, n->uprn, FB_MSG_ADDRESS_SELECT_ERROR,
                                NULL)
                   : r;
    }
    const struct fb_rule_desc *area = area_rule(q);
    if (!in_council(area, a)) {
        /* Outside the council's area by the provider's own record. */
        enum fb_address_post r = show_choice(ap);
        return r == FB_ADDRESS_POST_SHOW ? area_error(ap, q, n->uprn, area)
                                         : r;
    }
    const char *parts[4] = {a->line1, a->line2, a->town, a->postcode};
    for (size_t i = 0; i < 4; i++) {
        int rc = parts[i][0] ? fb_answers_set(posted, n->part[i], parts[i])
                             : (fb_answers_remove(posted, n->part[i]), 0);
        if (rc != 0)
            return FB_ADDRESS_POST_FAILED;
    }
    if (fb_answers_set(posted, n->uprn, a->uprn) != 0)
        return FB_ADDRESS_POST_FAILED;
    fb_answers_remove(posted, n->find);
    ap->view.step = FB_ADDRESS_STEP_TYPED;
    return FB_ADDRESS_POST_GO_ON;
}

enum fb_address_post
fb_address_page_post(struct fb_address_page *ap,
                     const struct fb_form_desc *f,
                     const struct fb_page_desc *p, struct fb_answers *posted,
                     const struct fb_answers *saved, bool changing,
                     const struct fb_address_work *done)
{
    const struct fb_question_desc *q = lookup_question(p);
    struct names n;
    if (!q || !names_of(q, &n))
        return FB_ADDRESS_POST_GO_ON;
    start(ap, f, p, q, FB_ADDRESS_STEP_FIND, changing);
    bool has_parts = false;
    for (size_t i = 0; i < 4; i++)
        has_parts |= fb_answers_get(posted, n.part[i]) != NULL;
    bool has_find = fb_answers_get(posted, n.find) != NULL;
    if (has_parts || !has_find)
        /* Typed in, or nothing of this question was posted (the reader
         * says what is missing). */
        return typed(ap, &n, posted, saved);
    enum fb_field_status pst = read_postcode(ap, &n, posted);
    if (pst == FB_FIELD_EMPTY && !q->required
        && !fb_answers_get(posted, n.uprn)) {
        fb_answers_remove(posted, n.find);
        return FB_ADDRESS_POST_GO_ON;   /* an optional address, skipped */
    }
    if (pst != FB_FIELD_OK)
        return show_error(ap, q, n.find,
                          pst == FB_FIELD_EMPTY ? FB_MSG_ADDRESS_POSTCODE
                                                : FB_MSG_POSTCODE_REAL,
                          NULL);
    if (fb_answers_get(posted, n.uprn))
        return chosen(ap, q, &n, posted, done);
    enum fb_address_status st = search(ap, done);
    if (st == FB_ADDRESS_MISS)
        return ap->work ? FB_ADDRESS_POST_LOOKUP : FB_ADDRESS_POST_FAILED;
    if (st != FB_ADDRESS_OK)
        return show_typed(ap, &n, posted);
    if (ap->found->n == 0)
        return show_error(ap, q, n.find, FB_MSG_ADDRESS_NONE_FOUND,
                          ap->postcode);
    return show_choice(ap);
}
