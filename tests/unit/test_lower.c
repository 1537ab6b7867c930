/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the lowering pass and the form version (compiler/lower.c,
 * version.c): forms written as YAML strings go through load, model and
 * checks, then fb_lower_form(); each test checks one thing the driver
 * relies on in the descriptors: nouns, typed literals, the rule table and
 * its order, page items, the fixed yes_no options, the version.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "compiler.h"
#include "load.h"
#include "lower.h"
#include "model.h"
#include "version.h"
#include "formbuilder/booking.h"

static struct fb_compiler cc;

static void
setup(void)
{
    fb_compiler_init(&cc);
}

static void
teardown(void)
{
    fb_compiler_free(&cc);
}

/* Loads, builds, checks and lowers @p yaml, which must have no errors. */
static struct fb_lowered *
lower(const char *yaml)
{
    struct fb_node *root = fb_load_string(&cc, "t.yaml", yaml, strlen(yaml));
    ck_assert_ptr_nonnull(root);
    struct fb_form *form = fb_model_build(&cc, root);
    ck_assert_ptr_nonnull(form);
    fb_check_form(&cc, form);
    for (size_t i = 0; i < cc.n_diags; i++)
        ck_assert_msg(cc.diags[i].severity != FB_ERROR, "%s: %s",
                      cc.diags[i].id, cc.diags[i].message);
    return fb_lower_form(&cc, form);
}

/* A one-page form whose questions follow. */
#define HEAD "form: t\ntitle: T\npages:\n  - id: p\n    title: P\n" \
             "    questions:\n"
/* A second page, whose questions may depend on the first page's. */
#define PAGE2 "  - id: p2\n    title: P2\n    questions:\n"

static const struct fb_question_desc *
question(const struct fb_lowered *lw, const char *id)
{
    const struct fb_question_desc *q = fb_form_find_question(lw->desc, id);
    ck_assert_ptr_nonnull(q);
    return q;
}

START_TEST(test_noun_from_label)
{
    struct fb_lowered *lw = lower(HEAD
        "      - {id: a, type: text, label: '  What is your name?  '}\n");
    ck_assert_str_eq(question(lw, "a")->noun.text[FB_LANG_EN],
                     "What is your name");
}
END_TEST

START_TEST(test_noun_from_summary_label)
{
    struct fb_lowered *lw = lower(HEAD
        "      - {id: a, type: radios, label: What type of permit do you "
        "need?, summary_label: 'Permit type:', options: [x]}\n");
    ck_assert_str_eq(question(lw, "a")->noun.text[FB_LANG_EN], "Permit type");
}
END_TEST

START_TEST(test_noun_per_language)
{
    struct fb_lowered *lw = lower(HEAD
        "      - id: a\n        type: text\n"
        "        label: {en: Your name., cy: Eich enw.}\n"
        "        summary_label: {en: Name}\n");
    const struct fb_question_desc *q = question(lw, "a");
    ck_assert_str_eq(q->noun.text[FB_LANG_EN], "Name");
    /* No Welsh summary label: the Welsh label names the answer. */
    ck_assert_str_eq(q->noun.text[FB_LANG_CY], "Eich enw");
}
END_TEST

START_TEST(test_literals_typed)
{
    struct fb_lowered *lw = lower(HEAD
        "      - {id: n, type: number, label: N}\n"
        "      - {id: d, type: date, label: D}\n"
        "      - {id: c, type: checkboxes, label: C, options: [x, y]}\n"
        PAGE2
        "      - {id: a, type: text, label: A, when: n >= 2.5}\n"
        "      - {id: b, type: text, label: B, when: d < today+14d}\n"
        "      - {id: e, type: text, label: E, when: c has y}\n");
    const struct fb_cond_desc *w = question(lw, "a")->when;
    ck_assert_int_eq(w->op, FB_COND_GE);
    ck_assert_ptr_eq(w->question, question(lw, "n"));
    ck_assert_int_eq(w->value.kind, FB_LITERAL_NUMBER);
    ck_assert_str_eq(w->value.text, "2.5");
    ck_assert(w->value.number == 2.5);
    w = question(lw, "b")->when;
    ck_assert_int_eq(w->value.kind, FB_LITERAL_DATE);
    ck_assert(w->value.date.relative);
    ck_assert_int_eq(w->value.date.offset_days, 14);
    w = question(lw, "e")->when;
    ck_assert_int_eq(w->op, FB_COND_HAS);
    ck_assert_int_eq(w->value.kind, FB_LITERAL_TEXT);
    ck_assert_str_eq(w->value.text, "y");
}
END_TEST

/* Money is compared in pence, written in pounds; a time and an NI number
 * compare as the text they are stored as. */
START_TEST(test_literals_of_new_types)
{
    struct fb_lowered *lw = lower(HEAD
        "      - {id: m, type: money, label: M, required: true}\n"
        "      - {id: t, type: time, label: T, required: true}\n"
        "      - {id: c, type: autocomplete, label: C, required: true, "
        "options: [x, y]}\n"
        PAGE2
        "      - {id: a, type: text, label: A, when: m > 12.34}\n"
        "      - {id: b, type: text, label: B, when: t is 09:30}\n"
        "      - {id: e, type: text, label: E, when: c is y}\n");
    const struct fb_cond_desc *w = question(lw, "a")->when;
    ck_assert_int_eq(w->value.kind, FB_LITERAL_NUMBER);
    ck_assert_str_eq(w->value.text, "12.34");
    ck_assert(w->value.number == 1234.0);
    w = question(lw, "b")->when;
    ck_assert_int_eq(w->value.kind, FB_LITERAL_TEXT);
    ck_assert_str_eq(w->value.text, "09:30");
    w = question(lw, "e")->when;
    ck_assert_int_eq(w->value.kind, FB_LITERAL_TEXT);
    ck_assert_str_eq(w->value.text, "y");
}
END_TEST

/* What the new types' keys become: parts bits, display, time rules in
 * minutes, money rules in pounds. */
START_TEST(test_new_type_descriptors)
{
    struct fb_lowered *lw = lower(HEAD
        "      - {id: n, type: name, label: N, parts: [family, given]}\n"
        "      - {id: n3, type: name, label: N3, "
        "parts: [given, family, title]}\n"
        "      - {id: n1, type: name, label: N1}\n"
        "      - {id: t, type: time, label: T, "
        "validate: {after: \"08:30\", before: \"17:00\"}}\n"
        "      - {id: m, type: money, label: M, "
        "validate: {min: 0.5, max: 2500.75}}\n"
        "      - {id: c, type: autocomplete, label: C, display: select, "
        "options: [x, y]}\n"
        "      - {id: c2, type: autocomplete, label: C2, display: datalist, "
        "options: [x, y]}\n");
    ck_assert_uint_eq(question(lw, "n")->parts,
                      FB_NAME_GIVEN | FB_NAME_FAMILY);
    ck_assert_uint_eq(question(lw, "n3")->parts,
                      FB_NAME_TITLE | FB_NAME_GIVEN | FB_NAME_FAMILY);
    ck_assert_uint_eq(question(lw, "n1")->parts, 0);
    ck_assert_str_eq(question(lw, "n1")->autocomplete, "name");
    const struct fb_question_desc *t = question(lw, "t");
    ck_assert_uint_eq(t->n_rules, 2);
    ck_assert_int_eq(t->rules[0].kind, FB_RULE_AFTER);
    ck_assert_int_eq(t->rules[0].count, 510);
    ck_assert_int_eq(t->rules[1].kind, FB_RULE_BEFORE);
    ck_assert_int_eq(t->rules[1].count, 1020);
    const struct fb_question_desc *m = question(lw, "m");
    ck_assert_uint_eq(m->n_rules, 2);
    ck_assert(m->rules[0].kind == FB_RULE_MIN && m->rules[0].number == 0.5);
    ck_assert(m->rules[1].kind == FB_RULE_MAX &&
              m->rules[1].number == 2500.75);
    ck_assert(question(lw, "c")->display_select);
    ck_assert(!question(lw, "c2")->display_select);
    ck_assert_uint_eq(question(lw, "c")->n_options, 2);
}
END_TEST

START_TEST(test_cond_tree)
{
    struct fb_lowered *lw = lower(HEAD
        "      - {id: y, type: yes_no, label: Y}\n"
        "      - {id: z, type: yes_no, label: Z}\n"
        PAGE2
        "      - {id: a, type: text, label: A, "
        "when: not (y is yes or z answered)}\n");
    const struct fb_cond_desc *w = question(lw, "a")->when;
    ck_assert_int_eq(w->op, FB_COND_NOT);
    ck_assert_ptr_null(w->rhs);
    ck_assert_int_eq(w->lhs->op, FB_COND_OR);
    ck_assert_int_eq(w->lhs->lhs->op, FB_COND_IS);
    ck_assert_int_eq(w->lhs->rhs->op, FB_COND_ANSWERED);
    ck_assert_ptr_null(w->lhs->rhs->value.text);
}
END_TEST

START_TEST(test_rules_in_driver_order)
{
    struct fb_lowered *lw = lower(HEAD
        "      - {id: e, type: email, label: E}\n"
        "      - id: a\n        type: email\n        label: A\n"
        "        required: Enter it\n"
        "        validate:\n"
        "          matches: e\n"
        "          pattern: {value: '.+@x[.]org', message: Use x.org}\n"
        "          max_length: 50\n"
        "          min_length: 5\n");
    const struct fb_question_desc *q = question(lw, "a");
    ck_assert(q->required);
    ck_assert_str_eq(q->required_message.text[FB_LANG_EN], "Enter it");
    ck_assert_uint_eq(q->n_rules, 4);
    ck_assert_int_eq(q->rules[0].kind, FB_RULE_MIN_LENGTH);
    ck_assert_int_eq(q->rules[0].count, 5);
    ck_assert_int_eq(q->rules[1].kind, FB_RULE_MAX_LENGTH);
    ck_assert_int_eq(q->rules[2].kind, FB_RULE_PATTERN);
    ck_assert_str_eq(q->rules[2].pattern, ".+@x[.]org");
    ck_assert_ptr_nonnull(q->rules[2].regex);
    ck_assert_ptr_null(*q->rules[2].regex);
    ck_assert_str_eq(q->rules[2].message.text[FB_LANG_EN], "Use x.org");
    ck_assert_int_eq(q->rules[3].kind, FB_RULE_MATCHES);
    ck_assert_ptr_eq(q->rules[3].other, question(lw, "e"));
    ck_assert_int_eq(q->max_length, 50);
}
END_TEST

START_TEST(test_date_rules)
{
    struct fb_lowered *lw = lower(HEAD
        "      - id: d\n        type: date\n        label: D\n"
        "        validate: {before: 2030-01-31, future: true}\n");
    const struct fb_question_desc *q = question(lw, "d");
    ck_assert_uint_eq(q->n_rules, 2);
    ck_assert_int_eq(q->rules[0].kind, FB_RULE_FUTURE);
    ck_assert_int_eq(q->rules[1].kind, FB_RULE_BEFORE);
    ck_assert(!q->rules[1].date.relative);
    ck_assert_int_eq(q->rules[1].date.date.year, 2030);
    ck_assert_int_eq(q->rules[1].date.date.day, 31);
}
END_TEST

START_TEST(test_items_in_source_order)
{
    struct fb_lowered *lw = lower(
        "form: t\ntitle: T\npages:\n  - id: p\n    title: P\n"
        "    questions:\n"
        "      - id: c\n        type: radios\n        label: C\n"
        "        options:\n"
        "          - {value: x, label: X, reveal: [f]}\n"
        "          - {value: y, label: Y}\n"
        "      - {id: f, type: text, label: F}\n"
        "      - {id: g, type: text, label: G}\n"
        "    content:\n"
        "      - paragraph: Before nothing\n");
    const struct fb_page_desc *p = &lw->desc->pages[0];
    /* Questions are written first here, the paragraph after them. */
    ck_assert_uint_eq(p->n_questions, 3);
    ck_assert_uint_eq(p->n_items, 3);
    ck_assert_ptr_eq(p->items[0].question, question(lw, "c"));
    /* f is a follow-up, shown by its option, not an item. */
    ck_assert_ptr_eq(p->items[1].question, question(lw, "g"));
    ck_assert_ptr_nonnull(p->items[2].block);
    ck_assert_str_eq(p->items[2].block->text.text[FB_LANG_EN],
                     "Before nothing");
    ck_assert_ptr_eq(question(lw, "f")->revealed_by, question(lw, "c"));
}
END_TEST

START_TEST(test_yes_no_options)
{
    struct fb_lowered *lw =
        lower(HEAD "      - {id: y, type: yes_no, label: Y}\n");
    const struct fb_question_desc *q = question(lw, "y");
    ck_assert_uint_eq(q->n_options, 2);
    ck_assert_str_eq(q->options[0].value, "yes");
    ck_assert_str_eq(q->options[1].value, "no");
    ck_assert_str_eq(q->options[0].label.text[FB_LANG_EN],
                     fb_msg_text(FB_MSG_YES, FB_LANG_EN));
    if (fb_msg_has(FB_MSG_YES, FB_LANG_CY))
        ck_assert_str_eq(q->options[0].label.text[FB_LANG_CY],
                         fb_msg_text(FB_MSG_YES, FB_LANG_CY));
}
END_TEST

START_TEST(test_form_stamped)
{
    struct fb_lowered *lw =
        lower(HEAD "      - {id: a, type: email, label: A}\n");
    ck_assert_int_eq(lw->desc->format, FB_FORMAT);
    ck_assert_str_eq(lw->desc->reference_prefix, "REF");
    ck_assert_str_eq(question(lw, "a")->autocomplete,
                     fb_qtype(FB_Q_EMAIL)->autocomplete);
    ck_assert_ptr_null(lw->desc->version);
}
END_TEST

/* The version of @p yaml, lowered in a fresh compiler. */
static char *
version_of(const char *yaml)
{
    fb_compiler_free(&cc);
    fb_compiler_init(&cc);
    char *v = strdup(fb_form_version(&cc, lower(yaml)));
    ck_assert_ptr_nonnull(v);
    return v;
}

START_TEST(test_version_stable_and_sensitive)
{
    static const char *const forms[] = {
        HEAD "      - {id: a, type: number, label: A}\n" PAGE2
             "      - {id: b, type: text, label: B, when: a > 2}\n",
        /* the same form, laid out differently */
        HEAD "      - id: a\n        type: number\n        label: A\n" PAGE2
             "      - {id: b, type: text, label: B, when: 'a > 2'}\n",
        /* a condition */
        HEAD "      - {id: a, type: number, label: A}\n" PAGE2
             "      - {id: b, type: text, label: B, when: a > 3}\n",
        /* a noun */
        HEAD "      - {id: a, type: number, label: A, summary_label: S}\n" PAGE2
             "      - {id: b, type: text, label: B, when: a > 2}\n",
        /* a rule */
        HEAD "      - {id: a, type: number, label: A, validate: {min: 1}}\n"
             PAGE2
             "      - {id: b, type: text, label: B, when: a > 2}\n",
    };
    char *v[5];
    for (size_t i = 0; i < 5; i++) {
        v[i] = version_of(forms[i]);
        ck_assert_uint_eq(strlen(v[i]), 16);
    }
    ck_assert_str_eq(v[0], v[1]);
    for (size_t i = 2; i < 5; i++)
        for (size_t j = 0; j < i; j++)
            ck_assert_str_ne(v[i], v[j]);
    for (size_t i = 0; i < 5; i++)
        free(v[i]);
}
END_TEST

/* A lookup: the endpoint, its message, and the later answer it fills,
 * pointing at that question's descriptor. */
START_TEST(test_lookup_lowered)
{
    struct fb_lowered *lw = lower(HEAD
        "      - id: a\n        type: text\n        label: A\n"
        "        lookup: {provider: council-tax, message: Not found,"
        " fill: {address: b}}\n" PAGE2
        "      - {id: b, type: textarea, label: B}\n");
    const struct fb_lookup_desc *l = question(lw, "a")->lookup;
    ck_assert_ptr_nonnull(l);
    ck_assert_str_eq(l->provider, "council-tax");
    ck_assert_str_eq(l->message.text[FB_LANG_EN], "Not found");
    ck_assert_uint_eq(l->n_fill, 1);
    ck_assert_str_eq(l->fill[0].field, "address");
    ck_assert_ptr_eq(l->fill[0].question, question(lw, "b"));
    ck_assert_ptr_null(question(lw, "b")->lookup);
}
END_TEST

/* The version changes with a lookup's provider, message and fill. */
START_TEST(test_version_follows_lookup)
{
#define LOOKUP_FORM(l) HEAD "      - {id: a, type: text, label: A" l "}\n" \
    PAGE2 "      - {id: b, type: text, label: B}\n" \
    "      - {id: c, type: text, label: C}\n"
    static const char *const forms[] = {
        LOOKUP_FORM(""),
        LOOKUP_FORM(", lookup: {provider: p, message: M}"),
        LOOKUP_FORM(", lookup: {provider: q, message: M}"),
        LOOKUP_FORM(", lookup: {provider: p, message: N}"),
        LOOKUP_FORM(", lookup: {provider: p, message: M, fill: {x: b}}"),
        LOOKUP_FORM(", lookup: {provider: p, message: M, fill: {x: c}}"),
        LOOKUP_FORM(", lookup: {provider: p, message: M, fill: {y: b}}"),
    };
#undef LOOKUP_FORM
    enum { N = sizeof forms / sizeof *forms };
    char *v[N];
    for (size_t i = 0; i < N; i++)
        v[i] = version_of(forms[i]);
    for (size_t i = 1; i < N; i++)
        for (size_t j = 0; j < i; j++)
            ck_assert_str_ne(v[i], v[j]);
    for (size_t i = 0; i < N; i++)
        free(v[i]);
}
END_TEST

/* A booking form: the calendar, then the date and time pages. */
#define BOOKING(cal) "form: t\ntitle: T\nbooking:\n" cal \
    "pages:\n  - id: a\n    title: A\n    questions:\n" \
    "      - {id: who, type: email, label: Email}\n" \
    "  - id: d\n    title: D\n    questions:\n" \
    "      - {id: day, type: booking_date, label: Day}\n" \
    "  - id: t\n    title: T\n    questions:\n" \
    "      - {id: time, type: booking_time, label: Time}\n"

START_TEST(test_booking_slots_expanded)
{
    struct fb_lowered *lw = lower(BOOKING(
        "  calendar: tip\n  days: [sat, sun]\n"
        "  slots: {from: \"09:00\", to: \"10:30\", every: 30m, "
        "capacity: 2}\n  horizon: 2w\n"));
    const struct fb_calendar_desc *cal = lw->desc->booking;
    ck_assert_ptr_nonnull(cal);
    ck_assert(cal->slots);
    ck_assert_uint_eq(cal->days, (1u << FB_SATURDAY) | (1u << FB_SUNDAY));
    /* From 9:00 inclusive, the last ending at 10:30. */
    ck_assert_uint_eq(cal->n_windows, 3);
    ck_assert_str_eq(cal->windows[0].id, "09:00");
    ck_assert_str_eq(cal->windows[2].id, "10:00");
    ck_assert_int_eq(cal->windows[2].start, 600);
    ck_assert_int_eq(cal->windows[2].end, 630);
    ck_assert_int_eq(cal->windows[1].capacity, 2);
    ck_assert_int_eq(cal->lead_days, 0);
    ck_assert_int_eq(cal->horizon_days, 14);
    ck_assert_int_eq(cal->hold_seconds, 15 * 60); /* the default */
    /* The time question's options are the windows, labelled as times. */
    const struct fb_question_desc *t = question(lw, "time");
    ck_assert_uint_eq(t->n_options, 3);
    ck_assert_str_eq(t->options[1].value, "09:30");
    ck_assert_str_eq(t->options[1].label.text[FB_LANG_EN], "9:30am");
    ck_assert_ptr_eq(t->calendar, cal);
    ck_assert(t->required);
    ck_assert_ptr_eq(question(lw, "day")->calendar, cal);
    ck_assert(question(lw, "day")->required);
}
END_TEST

START_TEST(test_booking_sessions_closed_and_limit)
{
    struct fb_lowered *lw = lower(BOOKING(
        "  calendar: bulky-waste\n  days: [mon, fri]\n"
        "  sessions:\n"
        "    - {id: pm, label: Afternoon, start: \"12:00\", end: "
        "\"17:00\", capacity: 5}\n"
        "    - {id: am, label: Morning, start: \"07:00\", end: "
        "\"12:00\", capacity: 20}\n"
        "  lead: 1w\n  horizon: 1y\n  hold: 1h\n"
        "  closed: [2026-12-31, 2026-12-24, 2026-12-31]\n"
        "  limit: {per: who, count: 4, period: 2w}\n"));
    const struct fb_calendar_desc *cal = lw->desc->booking;
    /* Windows in time order, whatever order they were written in. */
    ck_assert_str_eq(cal->windows[0].id, "am");
    ck_assert_str_eq(cal->windows[1].id, "pm");
    ck_assert_str_eq(cal->windows[0].label.text[FB_LANG_EN], "Morning");
    ck_assert_int_eq(fb_calendar_day_capacity(cal), 25);
    ck_assert_int_eq(cal->lead_days, 7);
    ck_assert_int_eq(cal->horizon_days, 365);
    ck_assert_int_eq(cal->hold_seconds, 3600);
    /* Closed days sorted, once each. */
    ck_assert_uint_eq(cal->n_closed, 2);
    ck_assert_int_eq(cal->closed[0].day, 24);
    ck_assert_int_eq(cal->closed[1].day, 31);
    ck_assert_ptr_nonnull(cal->limit);
    ck_assert_ptr_eq(cal->limit->per, question(lw, "who"));
    ck_assert_int_eq(cal->limit->count, 4);
    ck_assert_int_eq(cal->limit->period_days, 14);
    ck_assert_str_eq(question(lw, "time")->options[0].label.text[FB_LANG_EN],
                     "Morning");
}
END_TEST

START_TEST(test_block_when_and_confirmation_content)
{
    struct fb_lowered *lw = lower(HEAD
        "      - {id: a, type: yes_no, label: A?}\n"
        "  - id: p2\n    title: P2\n    content:\n"
        "      - {inset: Only when yes., when: a is yes}\n"
        "      - {paragraph: Always.}\n"
        "confirmation:\n  content:\n"
        "    - {warning: 'You said {answers.a}.', when: a is no}\n");
    const struct fb_page_desc *p2 = &lw->desc->pages[1];
    ck_assert_uint_eq(p2->n_items, 2);
    ck_assert_ptr_nonnull(p2->items[0].block->when);
    ck_assert_ptr_eq(p2->items[0].block->when->question, question(lw, "a"));
    ck_assert_ptr_null(p2->items[1].block->when);
    ck_assert_uint_eq(lw->desc->n_confirmation_blocks, 1);
    ck_assert_int_eq(lw->desc->confirmation_blocks[0].kind,
                     FB_BLOCK_WARNING);
    ck_assert_str_eq(lw->desc->confirmation_blocks[0].when->value.text, "no");
}
END_TEST

static Suite *
lower_suite(void)
{
    Suite *s = suite_create("lower");
    TCase *t = tcase_create("lower");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_noun_from_label);
    tcase_add_test(t, test_noun_from_summary_label);
    tcase_add_test(t, test_noun_per_language);
    tcase_add_test(t, test_literals_typed);
    tcase_add_test(t, test_literals_of_new_types);
    tcase_add_test(t, test_new_type_descriptors);
    tcase_add_test(t, test_cond_tree);
    tcase_add_test(t, test_rules_in_driver_order);
    tcase_add_test(t, test_date_rules);
    tcase_add_test(t, test_items_in_source_order);
    tcase_add_test(t, test_yes_no_options);
    tcase_add_test(t, test_form_stamped);
    tcase_add_test(t, test_version_stable_and_sensitive);
    tcase_add_test(t, test_lookup_lowered);
    tcase_add_test(t, test_version_follows_lookup);
    tcase_add_test(t, test_booking_slots_expanded);
    tcase_add_test(t, test_booking_sessions_closed_and_limit);
    tcase_add_test(t, test_block_when_and_confirmation_content);
    suite_add_tcase(s, t);
    return s;
}

int
main(void)
{
    SRunner *r = srunner_create(lower_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
