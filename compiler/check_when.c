/* SPDX-License-Identifier: MIT */
/*
 * Condition checks: resolves each test of every page and question `when`
 * to its question (cond->target) and reports what cannot work at run time:
 * an unknown question, one asked too late or on the question's own page,
 * an option the question does not have, and a test or literal that does
 * not suit the question's type.
 */
#include "check_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "formbuilder/answers.h"
#include "formbuilder/validate.h"

/* Where a condition sits: a page's, a question's (page is its page), or
 * a content block's (of a page, or of the confirmation: page NULL). */
struct where {
    struct fb_check *ck;
    const struct fb_page *page;
    const struct fb_question *question; /* NULL for a page condition */
    bool block;
};

static const char *
type_name(const struct fb_question *q)
{
    const char *name = fb_qtype_name(q->type);
    return name ? name : "unknown";
}

static const char *
op_text(enum fb_cond_op k)
{
    switch (k) {
    case FB_COND_LT: return "<";
    case FB_COND_LE: return "<=";
    case FB_COND_GT: return ">";
    case FB_COND_GE: return ">=";
    case FB_COND_HAS: return "has";
    case FB_COND_IS_NOT: return "is not";
    default: return "is";
    }
}

/* One stored option value: `is` must name one of the options. */
static bool
single_choice(enum fb_qtype t)
{
    return t == FB_Q_RADIOS || t == FB_Q_SELECT || t == FB_Q_YES_NO ||
           t == FB_Q_AUTOCOMPLETE || t == FB_Q_BOOKING_TIME;
}

/* One stored text that `is` compares exactly; the typed ones (a time, an
 * NI number) need a literal written as the reader stores them. A name in
 * parts is stored as its parts, which no literal can equal. */
bool
fb_check_free_text(const struct fb_question *q)
{
    enum fb_qtype t = q->type;
    return t == FB_Q_TEXT || t == FB_Q_TEXTAREA || t == FB_Q_EMAIL ||
           t == FB_Q_PHONE || t == FB_Q_POSTCODE || t == FB_Q_TIME ||
           t == FB_Q_NI_NUMBER || (t == FB_Q_NAME && !q->parts);
}

/* Answers that compare by value: `<` and the rest apply. */
static bool
ordered(enum fb_qtype t)
{
    return t == FB_Q_NUMBER || t == FB_Q_DATE || t == FB_Q_MONEY ||
           t == FB_Q_BOOKING_DATE;
}

static void
unknown_question(struct where *w, struct fb_cond *test)
{
    struct fb_check *ck = w->ck;
    for (size_t i = 0; i < ck->form->n_pages; i++) {
        const char *pid = ck->form->pages[i]->id;
        if (pid && strcmp(pid, test->question) == 0) {
            fb_diag(ck->c, FB_ERROR, &test->question_loc,
                    "when-unknown-question",
                    "'%s' is a page, not a question; a condition tests "
                    "the answer to a question",
                    test->question);
            return;
        }
    }
    fb_check_unknown_question(
        ck, &test->question_loc, "when-unknown-question", test->question,
        fb_arena_printf(&ck->c->arena, "no question '%s' in this form",
                        test->question),
        "a condition names a question by its id");
}

/* Reports a question condition that tests @p t on the question's own
 * page. A page shows all its questions at once and is judged only when it
 * is sent, so such a condition cannot follow the answer: the GOV.UK way is
 * a conditional reveal under the option, or a later page. */
static void
same_page(struct where *w, struct fb_cond *test, const struct fb_question *t)
{
    struct fb_compiler *c = w->ck->c;
    const struct fb_question *q = w->question;
    const char *qid = fb_check_name(q->id);
    if (q->revealed_by == t) {
        fb_diag(c, FB_ERROR, &test->question_loc, "when-same-page",
                "'%s' is a follow-up revealed by option '%s' of '%s' on the "
                "same page, so this condition cannot follow that answer; "
                "the reveal already shows '%s' only while its option is "
                "chosen: remove the 'when', or list '%s' in the 'reveal' "
                "of the option it needs",
                qid, fb_check_name(q->revealed_by_option->value), t->id, qid,
                qid);
    } else if (t->type == FB_Q_RADIOS || t->type == FB_Q_CHECKBOXES) {
        fb_diag(c, FB_ERROR, &test->question_loc, "when-same-page",
                "'%s' is on the same page as '%s', and a page shows all its "
                "questions at once, so this condition cannot follow the "
                "answer; list '%s' in the 'reveal' of the option of '%s' "
                "it needs, or move '%s' to a later page",
                t->id, qid, qid, t->id, qid);
    } else {
        fb_diag(c, FB_ERROR, &test->question_loc, "when-same-page",
                "'%s' is on the same page as '%s', and a page shows all its "
                "questions at once, so this condition cannot follow the "
                "answer; move '%s' to a later page, or make '%s' a radios "
                "question and list '%s' in the 'reveal' of the option it "
                "needs",
                t->id, qid, qid, t->id, qid);
    }
}

/* Reports a test that runs before its question is asked, or (for a
 * question's condition) while it is asked. */
static void
check_order(struct where *w, struct fb_cond *test, struct fb_question *t)
{
    struct fb_compiler *c = w->ck->c;
    size_t tpage = t->page ? t->page->index : 0;
    if (w->block && !w->page)
        return; /* the confirmation comes after every page */
    if (w->block) {
        if (t->page && tpage >= w->page->index)
            fb_diag(c, FB_ERROR, &test->question_loc, "when-later-question",
                    "the content of page '%s' is shown before question "
                    "'%s' is answered; content can only use questions from "
                    "earlier pages",
                    fb_check_name(w->page->id), t->id);
        return;
    }
    if (!w->question) {
        if (t->page && tpage >= w->page->index)
            fb_diag(c, FB_ERROR, &test->question_loc, "when-later-question",
                    "page '%s' is shown before question '%s' is asked; a "
                    "page condition can only use questions from earlier "
                    "pages",
                    fb_check_name(w->page->id), t->id);
        return;
    }
    const struct fb_question *q = w->question;
    if (t == q) {
        fb_diag(c, FB_ERROR, &test->question_loc, "when-later-question",
                "question '%s' cannot depend on its own answer", t->id);
    } else if (t->page && t->page == q->page) {
        same_page(w, test, t);
    } else if (t->page && q->page && tpage > q->page->index) {
        fb_diag(c, FB_ERROR, &test->question_loc, "when-later-question",
                "question '%s' is asked after '%s'; a question's condition "
                "can only use questions from earlier pages",
                t->id, fb_check_name(q->id));
    }
}

/* Reports a value that is not one of @p t's options. */
static void
check_option(struct where *w, struct fb_cond *test,
             const struct fb_question *t)
{
    size_t n;
    const char **values = fb_check_option_values(w->ck, t, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(values[i], test->value) == 0)
            return;
    const char *near = fb_closest(test->value, values, n);
    if (near) {
        fb_diag(w->ck->c, FB_ERROR, &test->value_loc, "when-unknown-option",
                "'%s' is not an option of '%s'; did you mean '%s'?",
                test->value, t->id, near);
        return;
    }
    /* List the options so the author can pick one; long lists are cut. */
    char list[256] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof(list); i++) {
        int k = snprintf(list + used, sizeof(list) - used, "%s'%s'",
                         i ? ", " : "", values[i]);
        if (k < 0 || (size_t)k >= sizeof(list) - used) {
            snprintf(list + used, sizeof(list) - used, ", ...");
            break;
        }
        used += (size_t)k;
    }
    if (n)
        fb_diag(w->ck->c, FB_ERROR, &test->value_loc, "when-unknown-option",
                "'%s' is not an option of '%s'; its options are %s",
                test->value, t->id, list);
    else
        fb_diag(w->ck->c, FB_ERROR, &test->value_loc, "when-unknown-option",
                "'%s' is not an option of '%s', which has no options",
                test->value, t->id);
}

/* Reports a test that does not suit its question, at @p loc: the whole
 * test, or just the literal when only the literal is wrong. */
static void
mismatch_at(struct where *w, const struct fb_loc *loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
mismatch_at(struct where *w, const struct fb_loc *loc, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fb_diag(w->ck->c, FB_ERROR, loc, "when-type-mismatch", "%s", msg);
}

/* @returns how fb_read_ni_number() stores @p s, or NULL when it is not a
 * National Insurance number, in the arena. */
static const char *
ni_stored(struct fb_compiler *c, const char *s)
{
    struct fb_answers *in = fb_answers_new();
    const char *out = NULL;
    if (in && fb_answers_add(in, "n", s) == 0 &&
        fb_read_ni_number(in, "n", in) == FB_FIELD_OK &&
        fb_answers_get(in, "n"))
        out = fb_arena_strdup(&c->arena, fb_answers_get(in, "n"));
    fb_answers_free(in);
    return out;
}

/* @returns true when @p s is an amount in pounds as money rules write
 * them: a number, 0 or more, at most two decimals. */
static bool
pounds_literal(const char *s)
{
    const char *point = strchr(s, '.');
    return fb_number_literal(s, true) && s[0] != '-' &&
           (!point || strlen(point + 1) <= 2);
}

/* Checks the literal of a test on a question whose answers are typed: a
 * number, a date, an amount of money (in pounds, lowered to pence), a time
 * or an NI number (compared as stored, so written as stored). */
static void
check_literal(struct where *w, struct fb_cond *test,
              const struct fb_question *t)
{
    const char *op = op_text(test->kind);
    struct fb_date_ref d;
    const char *ni;
    if (t->type == FB_Q_NUMBER && !fb_number_literal(test->value, true))
        mismatch_at(w, &test->value_loc,
                    "'%s' is a number question, so '%s' needs a number "
                    "such as 3 or -2.5, not '%s'",
                    t->id, op, test->value);
    else if ((t->type == FB_Q_DATE || t->type == FB_Q_BOOKING_DATE) &&
             !fb_date_ref_parse(test->value, &d))
        mismatch_at(w, &test->value_loc,
                    "'%s' is a date question, so '%s' needs a date "
                    "(YYYY-MM-DD, today, today+Nd or today-Nd), not '%s'",
                    t->id, op, test->value);
    else if (t->type == FB_Q_MONEY && !pounds_literal(test->value))
        mismatch_at(w, &test->value_loc,
                    "'%s' is a money question, so '%s' needs an amount in "
                    "pounds such as 50 or 12.50 (0 or more, at most 2 "
                    "decimal places), not '%s'",
                    t->id, op, test->value);
    else if (t->type == FB_Q_TIME && !fb_time_parse_hhmm(test->value, NULL))
        mismatch_at(w, &test->value_loc,
                    "'%s' is a time question, stored as HH:MM on the "
                    "24-hour clock, so '%s' needs a time such as 17:30, "
                    "not '%s'",
                    t->id, op, test->value);
    else if (t->type == FB_Q_NI_NUMBER &&
             !((ni = ni_stored(w->ck->c, test->value)) &&
               strcmp(ni, test->value) == 0))
        mismatch_at(w, &test->value_loc,
                    ni ? "'%s' is a National Insurance number question, "
                         "stored in capitals without spaces, so write "
                         "'%s' as '%s'"
                       : "'%s' is a National Insurance number question, so "
                         "'%s' needs a National Insurance number such as "
                         "AB123456C, not '%s'",
                    t->id, ni ? test->value : op, ni ? ni : test->value);
}

static void
check_is(struct where *w, struct fb_cond *test, const struct fb_question *t)
{
    const char *op = op_text(test->kind);
    if (t->type == FB_Q_CHECKBOXES) {
        mismatch_at(w, &test->loc,
                    "'%s' is a checkboxes question, where several "
                    "boxes can be ticked; write '%s%s has %s'",
                    t->id, test->kind == FB_COND_IS_NOT ? "not " : "", t->id,
                    test->value);
        return;
    }
    if (single_choice(t->type)) {
        check_option(w, test, t);
    } else if (ordered(t->type) || t->type == FB_Q_TIME ||
               t->type == FB_Q_NI_NUMBER) {
        check_literal(w, test, t);
    } else if (!fb_check_free_text(t)) {
        mismatch_at(w, &test->loc,
                    "'%s' is %s %s question, which '%s' cannot "
                    "test; write '%s answered'",
                    t->id, fb_check_article(type_name(t)), type_name(t), op,
                    t->id);
    }
}

static void
check_has(struct where *w, struct fb_cond *test, const struct fb_question *t)
{
    if (t->type == FB_Q_CHECKBOXES) {
        check_option(w, test, t);
        return;
    }
    if (single_choice(t->type) || fb_check_free_text(t) || ordered(t->type))
        mismatch_at(w, &test->loc,
                    "'has' is for checkboxes, and '%s' is %s %s "
                    "question; write '%s is %s'",
                    t->id, fb_check_article(type_name(t)), type_name(t), t->id,
                    test->value);
    else
        mismatch_at(w, &test->loc,
                    "'has' is for checkboxes, and '%s' is %s %s "
                    "question; write '%s answered'",
                    t->id, fb_check_article(type_name(t)), type_name(t),
                    t->id);
}

static void
check_comparison(struct where *w, struct fb_cond *test,
                 const struct fb_question *t)
{
    const char *op = op_text(test->kind);
    if (ordered(t->type)) {
        check_literal(w, test, t);
    } else if (single_choice(t->type)) {
        mismatch_at(w, &test->loc,
                    "'%s' compares numbers, dates and amounts of money, and "
                    "'%s' is %s %s question; test an option with '%s is "
                    "VALUE'",
                    op, t->id, fb_check_article(type_name(t)), type_name(t),
                    t->id);
    } else if (fb_check_free_text(t)) {
        mismatch_at(w, &test->loc,
                    "'%s' compares numbers, dates and amounts of money, and "
                    "'%s' is %s %s question; test it with 'is' or "
                    "'answered'",
                    op, t->id, fb_check_article(type_name(t)), type_name(t));
    } else {
        mismatch_at(w, &test->loc,
                    "'%s' compares numbers, dates and amounts of money, and "
                    "'%s' is %s %s question; test it with '%s answered'",
                    op, t->id, fb_check_article(type_name(t)), type_name(t),
                    t->id);
    }
}

/* `in [a, b]`: each value as `is` (for checkboxes, as `has`) checks it. */
static void
check_in(struct where *w, struct fb_cond *test, const struct fb_question *t)
{
    for (size_t i = 0; i < test->n_values; i++) {
        struct fb_cond one = *test;
        one.kind = FB_COND_IS;
        one.value = test->values[i];
        one.value_loc = test->value_locs[i];
        if (t->type == FB_Q_CHECKBOXES)
            check_option(w, &one, t);
        else
            check_is(w, &one, t);
    }
}

bool
fb_check_postcode_area(const char *s)
{
    size_t i = 0;
    while (i < 2 && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
        i++;
    if (i == 0)
        return false;
    if (s[i] == '\0')
        return true;
    if (s[i] < '0' || s[i] > '9')
        return false;
    i++;
    if (s[i] != '\0' && ((s[i] >= '0' && s[i] <= '9') ||
                         ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
        i++;
    return s[i] == '\0';
}

static void
check_postcode_in(struct where *w, struct fb_cond *test,
                  const struct fb_question *t)
{
    if (t->type != FB_Q_ADDRESS && t->type != FB_Q_POSTCODE) {
        mismatch_at(w, &test->question_loc,
                    "'%s' is %s %s question; 'postcode of' tests an address "
                    "or postcode question",
                    t->id, fb_check_article(type_name(t)), type_name(t));
        return;
    }
    for (size_t i = 0; i < test->n_values; i++)
        if (!fb_check_postcode_area(test->values[i]))
            fb_diag(w->ck->c, FB_ERROR, &test->value_locs[i],
                    "when-bad-postcode-area",
                    "'%s' is not a postcode area or district: write its "
                    "letters (SK) or a whole outward code (SK1, M14, SW1A)",
                    test->values[i]);
}

static void
check_starts_with(struct where *w, struct fb_cond *test,
                  const struct fb_question *t)
{
    if (!fb_check_free_text(t) && t->type != FB_Q_AUTOCOMPLETE)
        mismatch_at(w, &test->loc,
                    "'%s' is %s %s question, and 'starts with' tests text; "
                    "use 'is', 'in' or a comparison",
                    t->id, fb_check_article(type_name(t)), type_name(t));
}

static void
check_test(struct fb_cond *test, void *ctx)
{
    struct where *w = ctx;
    if (test->over == FB_COND_OVER_COUNT) {
        fb_check_count_test(w->ck, w->page, test);
        return;
    }
    struct fb_question *t = fb_check_find(w->ck, test->question);
    test->target = t;
    if (!t) {
        unknown_question(w, test);
        return;
    }
    if (!fb_check_group_test(w->ck, w->page, test, t))
        return;
    check_order(w, test, t);
    if (t->type >= FB_Q__COUNT)
        return; /* an unknown type: already reported by the model */
    switch (test->kind) {
    case FB_COND_IS:
    case FB_COND_IS_NOT:
        check_is(w, test, t);
        break;
    case FB_COND_HAS:
        check_has(w, test, t);
        break;
    case FB_COND_ANSWERED:
        break;
    case FB_COND_IN:
        check_in(w, test, t);
        break;
    case FB_COND_POSTCODE_IN:
        check_postcode_in(w, test, t);
        break;
    case FB_COND_STARTS_WITH:
        check_starts_with(w, test, t);
        break;
    default:
        check_comparison(w, test, t);
        break;
    }
}

void
fb_check_conditions(struct fb_check *ck)
{
    const struct fb_form *f = ck->form;
    for (size_t i = 0; i < f->n_pages && !ck->c->too_many; i++) {
        struct fb_page *p = f->pages[i];
        struct where w = {ck, p, NULL, false};
        struct where wb = {ck, p, NULL, true};
        fb_cond_each_test(p->when, check_test, &w);
        for (size_t j = 0; j < p->n_blocks; j++)
            fb_cond_each_test(p->blocks[j].when, check_test, &wb);
        for (size_t j = 0; j < p->n_questions; j++) {
            struct fb_question *q = p->questions[j];
            struct where wq = {ck, p, q, false};
            fb_cond_each_test(q->when, check_test, &wq);
        }
    }
    struct where wc = {ck, NULL, NULL, true};
    for (size_t j = 0; j < f->n_confirmation_blocks; j++)
        fb_cond_each_test(f->confirmation_blocks[j].when, check_test, &wc);
}
