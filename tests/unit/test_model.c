/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the model pass (compiler/model*.c): forms written as YAML
 * strings are loaded with fb_load_string() and built with fb_model_build();
 * each test checks that one kind of key lands in the model, or that one
 * kind of mistake gets its diagnostic id at the right line and column.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "load.h"
#include "model.h"

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

/* Loads and builds @p yaml; the load itself must succeed. */
static struct fb_form *
build(const char *yaml)
{
    struct fb_node *root = fb_load_string(&cc, "t.yaml", yaml, strlen(yaml));
    ck_assert_msg(root != NULL, "the test YAML did not load");
    return fb_model_build(&cc, root);
}

/* A one-page form whose question list starts on line 6 (6 spaces). */
#define HEAD "form: t\ntitle: T\npages:\n  - id: p\n    title: P\n" \
             "    questions:\n"

/* A form with one page, then more top-level keys from line 5. */
#define SUBMIT_HEAD "form: t\ntitle: T\npages:\n" \
    "  - {id: p, title: P, questions: [{id: a, type: text, label: A}]}\n"

/* A last page with a question, so content-only pages make a whole form. */
#define QPAGE "  - {id: q, title: Q, questions: [{id: a, type: text, " \
              "label: A}]}\n"

static void
dump(void)
{
    for (size_t i = 0; i < cc.n_diags; i++)
        fprintf(stderr, "  %u:%u %s: %s\n", cc.diags[i].loc.line,
                cc.diags[i].loc.col, cc.diags[i].id, cc.diags[i].message);
}

/* @returns the first diagnostic with @p id, or NULL. */
static const struct fb_diag *
find(const char *id)
{
    for (size_t i = 0; i < cc.n_diags; i++)
        if (strcmp(cc.diags[i].id, id) == 0)
            return &cc.diags[i];
    return NULL;
}

/* Asserts one error with @p id at @p line:@p col; returns it. */
static const struct fb_diag *
expect(const char *id, unsigned line, unsigned col)
{
    const struct fb_diag *d = find(id);
    if (!d)
        dump();
    ck_assert_msg(d != NULL, "no '%s' diagnostic", id);
    ck_assert_int_eq(d->severity, FB_ERROR);
    ck_assert_uint_eq(d->loc.line, line);
    ck_assert_uint_eq(d->loc.col, col);
    return d;
}

static void
expect_clean(void)
{
    if (cc.n_diags)
        dump();
    ck_assert_uint_eq(cc.n_diags, 0);
}

static const char streetlight[] =
    "form: report-streetlight\n"
    "title: Report a faulty street light\n"
    "start:\n"
    "  body: |\n"
    "    Use this service to report a street light that is not working.\n"
    "pages:\n"
    "  - id: problem\n"
    "    title: What is wrong with the street light?\n"
    "    questions:\n"
    "      - id: fault\n"
    "        type: radios\n"
    "        label: What is wrong with the street light?\n"
    "        options:\n"
    "          - {value: out, label: It is not working}\n"
    "          - {value: day, label: It is on during the day}\n"
    "          - {value: damaged, label: It is damaged, reveal: [damage]}\n"
    "      - id: damage\n"
    "        type: textarea\n"
    "        label: Describe the damage\n"
    "        validate: {required: Describe the damage, max_length: 500}\n"
    "  - id: unsafe\n"
    "    when: fault is damaged\n"
    "    title: Is the light dangerous?\n"
    "    exit: true\n"
    "    content:\n"
    "      - warning: Call 0161 496 0000 now if wires are exposed.\n"
    "  - id: contact\n"
    "    title: Your details\n"
    "    questions:\n"
    "      - {id: email, type: email, label: Email address, hint: We will "
    "send updates to this address, required: true}\n"
    "      - {id: phone, type: phone, label: Phone number, summary_label: "
    "Phone}\n"
    "confirmation:\n"
    "  title: Report received\n"
    "  body: We aim to fix faults within 5 working days.\n"
    "submit:\n"
    "  reference: SL\n"
    "  forward:\n"
    "    - {url: \"https://backoffice.example/api/streetlights\", format: "
    "json, secret_env: STREETLIGHT_SECRET}\n"
    "retention_days: 365\n";

START_TEST(test_form_keys_land)
{
    struct fb_form *f = build(streetlight);
    expect_clean();
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(f->src);
    ck_assert_str_eq(f->slug, "report-streetlight");
    ck_assert_uint_eq(f->slug_loc.line, 1);
    ck_assert_uint_eq(f->slug_loc.col, 7);
    ck_assert_str_eq(fb_text_en(&f->title), "Report a faulty street light");
    ck_assert_str_eq(fb_text_en(&f->start_body), "Use this service to "
                     "report a street light that is not working.");
    ck_assert_str_eq(fb_text_en(&f->confirmation_title), "Report received");
    ck_assert_str_eq(fb_text_en(&f->confirmation_body),
                     "We aim to fix faults within 5 working days.");
    ck_assert_str_eq(f->reference_prefix, "SL");
    ck_assert_int_eq(f->retention_days, 365);
}
END_TEST

START_TEST(test_pages_and_questions_land)
{
    struct fb_form *f = build(streetlight);
    expect_clean();
    ck_assert_uint_eq(f->n_pages, 3);
    ck_assert_str_eq(f->pages[1]->id, "unsafe");
    ck_assert_uint_eq(f->pages[1]->index, 1);
    ck_assert(f->pages[1]->exit);
    ck_assert_ptr_nonnull(f->pages[1]->when);
    ck_assert_uint_eq(f->pages[1]->n_blocks, 1);
    ck_assert_int_eq(f->pages[1]->blocks[0].kind, FB_BLOCK_WARNING);
    ck_assert_uint_eq(f->n_questions, 4);
    for (size_t i = 0; i < f->n_questions; i++)
        ck_assert_uint_eq(f->questions[i]->index, i);
    struct fb_question *email = fb_form_question(f, "email");
    ck_assert_ptr_eq(email, f->questions[2]);
    ck_assert_ptr_eq(email->page, f->pages[2]);
    ck_assert_int_eq(email->type, FB_Q_EMAIL);
    ck_assert_str_eq(fb_text_en(&email->hint),
                     "We will send updates to this address");
    ck_assert(email->rules[FB_RULE_REQUIRED].present);
    ck_assert_str_eq(fb_text_en(&f->questions[3]->summary_label), "Phone");
    ck_assert_ptr_eq(f->pages[2]->questions[1], f->questions[3]);
}
END_TEST

START_TEST(test_options_and_reveal_land)
{
    struct fb_form *f = build(streetlight);
    expect_clean();
    struct fb_question *fault = f->questions[0];
    ck_assert(fault->has_options);
    ck_assert_uint_eq(fault->options_loc.line, 13);
    ck_assert_uint_eq(fault->n_options, 3);
    ck_assert_str_eq(fault->options[1].value, "day");
    ck_assert_str_eq(fb_text_en(&fault->options[1].label),
                     "It is on during the day");
    ck_assert_uint_eq(fault->options[2].n_reveal, 1);
    ck_assert_str_eq(fault->options[2].reveal[0], "damage");
    ck_assert_uint_eq(fault->options[2].reveal_locs[0].line, 16);
    ck_assert_uint_eq(fault->options[2].reveal_locs[0].col, 61);
}
END_TEST

/* The expand pass hands the model `expanded_from` in place of `pattern`;
 * the model records it, and an unexpanded `pattern` is not a model key. */
START_TEST(test_expanded_from_recorded)
{
    struct fb_form *f = build("form: t\ntitle: T\n"
        "expanded_from: report-something\npages:\n" QPAGE);
    ck_assert_uint_eq(cc.n_errors, 0);
    ck_assert_str_eq(f->pattern, "report-something");
    ck_assert_uint_eq(f->pattern_loc.line, 3);
    ck_assert_uint_eq(f->pattern_loc.col, 16);
}
END_TEST

START_TEST(test_form_without_questions)
{
    build("form: t\ntitle: T\npages:\n"
          "  - {id: p, title: P, content: [paragraph: Hi]}\n");
    expect("empty-form", 4, 3);
}
END_TEST

START_TEST(test_declaration_required_false)
{
    build(HEAD "      - {id: a, type: declaration, label: I agree, "
          "required: false}\n");
    expect("wrong-value", 7, 62);
}
END_TEST

START_TEST(test_confirmation_title_optional)
{
    struct fb_form *f = build(SUBMIT_HEAD "confirmation: {body: Thanks}\n");
    expect_clean();
    ck_assert_ptr_null(fb_text_en(&f->confirmation_title));
    ck_assert_str_eq(fb_text_en(&f->confirmation_body), "Thanks");
}
END_TEST

START_TEST(test_forward_lands)
{
    struct fb_form *f = build(streetlight);
    expect_clean();
    ck_assert_uint_eq(f->n_forwards, 1);
    ck_assert_str_eq(f->forwards[0].url,
                     "https://backoffice.example/api/streetlights");
    ck_assert_str_eq(f->forwards[0].format, "json");
    ck_assert_str_eq(f->forwards[0].secret_env, "STREETLIGHT_SECRET");
}
END_TEST

START_TEST(test_scalar_options)
{
    struct fb_form *f = build(HEAD
        "      - {id: colour, type: select, label: Colour, "
        "options: [Red, Green]}\n");
    expect_clean();
    struct fb_question *q = f->questions[0];
    ck_assert_uint_eq(q->n_options, 2);
    ck_assert_str_eq(q->options[0].value, "Red");
    ck_assert_str_eq(fb_text_en(&q->options[0].label), "Red");
}
END_TEST

START_TEST(test_text_languages)
{
    struct fb_form *f = build(
        "form: t\ntitle: {en: Apply, cy: Gwneud cais}\npages:\n"
        "  - {id: p, title: P, content: [paragraph: Hi]}\n" QPAGE);
    expect_clean();
    ck_assert_str_eq(f->title.lang[FB_LANG_EN], "Apply");
    ck_assert_str_eq(f->title.lang[FB_LANG_CY], "Gwneud cais");
    ck_assert_uint_eq(f->title.loc.line, 2);
}
END_TEST

START_TEST(test_text_unknown_language)
{
    build("form: t\ntitle: {en: Apply, cym: Gwneud cais}\npages:\n"
          "  - {id: p, title: P, content: [paragraph: Hi]}\n");
    const struct fb_diag *d = expect("unknown-key", 2, 20);
    ck_assert_ptr_nonnull(strstr(d->message, "did you mean 'cy'?"));
}
END_TEST

START_TEST(test_text_needs_english)
{
    build("form: t\ntitle: {cy: Gwneud cais}\npages:\n"
          "  - {id: p, title: P, content: [paragraph: Hi]}\n");
    expect("missing-key", 2, 8);
}
END_TEST

START_TEST(test_block_text_loses_trailing_newline)
{
    struct fb_form *f = build(
        "form: t\ntitle: T\npages:\n  - id: p\n    title: P\n"
        "    content:\n      - paragraph: >\n          One\n"
        "          two.\n\n" QPAGE);
    expect_clean();
    ck_assert_str_eq(fb_text_en(&f->pages[0]->blocks[0].text), "One two.");
}
END_TEST

START_TEST(test_content_blocks)
{
    struct fb_form *f = build(
        "form: t\ntitle: T\npages:\n  - id: p\n    title: P\n"
        "    content:\n"
        "      - paragraph: A\n"
        "      - inset: B\n"
        "      - details: {summary: C, text: D}\n"
        "      - list: [E, F]\n" QPAGE);
    expect_clean();
    struct fb_page *p = f->pages[0];
    ck_assert_uint_eq(p->n_blocks, 4);
    ck_assert_int_eq(p->blocks[1].kind, FB_BLOCK_INSET);
    ck_assert_int_eq(p->blocks[2].kind, FB_BLOCK_DETAILS);
    ck_assert_str_eq(fb_text_en(&p->blocks[2].summary), "C");
    ck_assert_str_eq(fb_text_en(&p->blocks[2].text), "D");
    ck_assert_int_eq(p->blocks[3].kind, FB_BLOCK_LIST);
    ck_assert_uint_eq(p->blocks[3].n_items, 2);
    ck_assert_str_eq(fb_text_en(&p->blocks[3].items[1]), "F");
}
END_TEST

START_TEST(test_block_with_two_kinds)
{
    build("form: t\ntitle: T\npages:\n  - id: p\n    title: P\n"
          "    content:\n      - {paragraph: A, warning: B}\n");
    expect("wrong-value", 7, 24);
}
END_TEST

START_TEST(test_details_needs_text)
{
    build("form: t\ntitle: T\npages:\n  - id: p\n    title: P\n"
          "    content:\n      - details: {summary: More}\n");
    expect("missing-key", 7, 18);
}
END_TEST

START_TEST(test_length_rules)
{
    struct fb_form *f = build(HEAD
        "      - id: name\n        type: text\n        label: Name\n"
        "        validate:\n          min_length: 2\n"
        "          max_length: {value: 40, message: Name is too long}\n");
    expect_clean();
    struct fb_question *q = f->questions[0];
    ck_assert(q->rules[FB_RULE_MIN_LENGTH].present);
    ck_assert_int_eq(q->rules[FB_RULE_MIN_LENGTH].count, 2);
    ck_assert_uint_eq(q->rules[FB_RULE_MIN_LENGTH].loc.line, 11);
    ck_assert_uint_eq(q->rules[FB_RULE_MIN_LENGTH].loc.col, 11);
    ck_assert_int_eq(q->rules[FB_RULE_MAX_LENGTH].count, 40);
    ck_assert_str_eq(fb_text_en(&q->rules[FB_RULE_MAX_LENGTH].message),
                     "Name is too long");
    ck_assert(!q->rules[FB_RULE_PATTERN].present);
}
END_TEST

START_TEST(test_pattern_rule)
{
    struct fb_form *f = build(HEAD
        "      - id: ref\n        type: text\n        label: Reference\n"
        "        validate:\n          pattern: {value: '^[0-9]+$', "
        "message: Enter numbers only}\n");
    expect_clean();
    struct fb_rule *r = &f->questions[0]->rules[FB_RULE_PATTERN];
    ck_assert(r->present);
    ck_assert_str_eq(r->string, "^[0-9]+$");
    ck_assert_uint_eq(r->value_loc.line, 11);
    ck_assert_uint_eq(r->value_loc.col, 28);
    ck_assert_str_eq(fb_text_en(&r->message), "Enter numbers only");
}
END_TEST

START_TEST(test_number_rules)
{
    struct fb_form *f = build(HEAD
        "      - id: n\n        type: number\n        label: How many\n"
        "        validate: {min: -2.5, max: 10, integer: true}\n");
    expect_clean();
    struct fb_question *q = f->questions[0];
    ck_assert(q->rules[FB_RULE_MIN].number == -2.5);
    ck_assert(q->rules[FB_RULE_MAX].number == 10.0);
    ck_assert(q->rules[FB_RULE_INTEGER].present);
}
END_TEST

START_TEST(test_date_rules)
{
    struct fb_form *f = build(HEAD
        "      - id: d\n        type: date\n        label: When\n"
        "        validate:\n"
        "          after: today+14d\n"
        "          before: {value: 2024-02-29, message: Too late}\n"
        "          future: Date must be in the future\n");
    expect_clean();
    struct fb_question *q = f->questions[0];
    struct fb_date_ref *after = &q->rules[FB_RULE_AFTER].date;
    ck_assert(after->relative);
    ck_assert_int_eq(after->offset_days, 14);
    struct fb_date_ref *before = &q->rules[FB_RULE_BEFORE].date;
    ck_assert(!before->relative);
    ck_assert_int_eq(before->date.year, 2024);
    ck_assert_int_eq(before->date.month, 2);
    ck_assert_int_eq(before->date.day, 29);
    ck_assert(q->rules[FB_RULE_FUTURE].present);
    ck_assert_str_eq(fb_text_en(&q->rules[FB_RULE_FUTURE].message),
                     "Date must be in the future");
}
END_TEST

START_TEST(test_relative_dates)
{
    struct fb_form *f = build(HEAD
        "      - id: d\n        type: date\n        label: When\n"
        "        validate: {before: today, after: today-7d, past: true}\n");
    expect_clean();
    struct fb_question *q = f->questions[0];
    ck_assert(q->rules[FB_RULE_BEFORE].date.relative);
    ck_assert_int_eq(q->rules[FB_RULE_BEFORE].date.offset_days, 0);
    ck_assert_int_eq(q->rules[FB_RULE_AFTER].date.offset_days, -7);
    ck_assert(q->rules[FB_RULE_PAST].present);
}
END_TEST

START_TEST(test_selected_and_matches_rules)
{
    struct fb_form *f = build(HEAD
        "      - {id: e1, type: email, label: Email}\n"
        "      - {id: e2, type: email, label: Confirm email, "
        "validate: {matches: e1}}\n"
        "      - {id: c, type: checkboxes, label: Pick, options: [a, b, c],\n"
        "         validate: {min_selected: 1, max_selected: 2}}\n");
    expect_clean();
    ck_assert_str_eq(f->questions[1]->rules[FB_RULE_MATCHES].string, "e1");
    ck_assert_int_eq(f->questions[2]->rules[FB_RULE_MIN_SELECTED].count, 1);
    ck_assert_int_eq(f->questions[2]->rules[FB_RULE_MAX_SELECTED].count, 2);
}
END_TEST

START_TEST(test_required_forms)
{
    struct fb_form *f = build(HEAD
        "      - {id: a, type: text, label: A, required: Enter A}\n"
        "      - {id: b, type: text, label: B, required: false}\n"
        "      - {id: c, type: text, label: C, validate: {required: "
        "{value: true, message: Enter C}}}\n");
    expect_clean();
    ck_assert(f->questions[0]->rules[FB_RULE_REQUIRED].present);
    ck_assert_str_eq(fb_text_en(&f->questions[0]->rules[FB_RULE_REQUIRED]
                                    .message), "Enter A");
    ck_assert(!f->questions[1]->rules[FB_RULE_REQUIRED].present);
    ck_assert_str_eq(fb_text_en(&f->questions[2]->rules[FB_RULE_REQUIRED]
                                    .message), "Enter C");
}
END_TEST

START_TEST(test_duplicate_rule)
{
    build(HEAD "      - id: a\n        type: text\n        label: A\n"
          "        required: true\n        validate: {required: true}\n");
    expect("duplicate-rule", 11, 20);
}
END_TEST

START_TEST(test_rule_not_applicable)
{
    build(HEAD "      - id: n\n        type: number\n        label: N\n"
          "        validate: {max_length: 5}\n");
    const struct fb_diag *d = expect("rule-not-applicable", 10, 20);
    /* The types are the type table's, in its order. */
    ck_assert_str_eq(d->message, "'max_length' does not apply to a number "
                     "question; it applies to text, textarea, email, phone, "
                     "postcode and name questions");
}
END_TEST

START_TEST(test_pattern_needs_message)
{
    build(HEAD "      - id: a\n        type: text\n        label: A\n"
          "        validate:\n          pattern: '^[0-9]+$'\n");
    expect("pattern-needs-message", 11, 11);
}
END_TEST

START_TEST(test_bad_date)
{
    build(HEAD "      - id: d\n        type: date\n        label: D\n"
          "        validate: {before: 2023-02-29}\n");
    expect("bad-date", 10, 28);
}
END_TEST

START_TEST(test_bad_relative_date)
{
    build(HEAD "      - id: d\n        type: date\n        label: D\n"
          "        validate: {after: tomorrow}\n");
    expect("bad-date", 10, 27);
}
END_TEST

START_TEST(test_unknown_key_did_you_mean)
{
    build(HEAD "      - id: a\n        type: text\n        lable: A\n");
    const struct fb_diag *d = expect("unknown-key", 9, 9);
    ck_assert_str_eq(d->message,
                     "unknown key 'lable' in a question; did you mean "
                     "'label'?");
    /* The misspelt key is not also reported missing. */
    ck_assert_ptr_null(find("missing-key"));
}
END_TEST

START_TEST(test_unknown_key_lists_keys)
{
    build("form: t\ntitle: T\ncolour: red\npages:\n"
          "  - {id: p, title: P, content: [paragraph: Hi]}\n");
    const struct fb_diag *d = expect("unknown-key", 3, 1);
    ck_assert_ptr_nonnull(strstr(d->message, "the keys are form, title"));
}
END_TEST

START_TEST(test_wrong_type_number)
{
    build("form: t\ntitle: T\nretention_days: [1]\npages:\n"
          "  - {id: p, title: P, content: [paragraph: Hi]}\n");
    const struct fb_diag *d = expect("wrong-type", 3, 17);
    ck_assert_str_eq(d->message,
                     "'retention_days' must be a whole number, not a list");
}
END_TEST

START_TEST(test_quoted_number)
{
    build(HEAD "      - id: a\n        type: text\n        label: A\n"
          "        validate: {max_length: \"5\"}\n");
    const struct fb_diag *d = expect("wrong-type", 10, 32);
    ck_assert_ptr_nonnull(strstr(d->message, "remove the quotes"));
}
END_TEST

START_TEST(test_yes_is_not_a_boolean)
{
    build("form: t\ntitle: T\npages:\n"
          "  - {id: p, title: P, exit: yes, content: [paragraph: Hi]}\n");
    const struct fb_diag *d = expect("wrong-type", 4, 29);
    ck_assert_ptr_nonnull(strstr(d->message, "true or false"));
}
END_TEST

START_TEST(test_yes_is_not_a_rule_value)
{
    build(HEAD "      - {id: a, type: text, label: A, required: Yes}\n");
    const struct fb_diag *d = expect("wrong-type", 7, 49);
    ck_assert_str_eq(d->message, "'required' must be true, false or a "
                     "message; 'Yes' is not a boolean in form files, write "
                     "true or false");
}
END_TEST

START_TEST(test_missing_label)
{
    build(HEAD "      - id: a\n        type: text\n");
    const struct fb_diag *d = expect("missing-key", 7, 9);
    ck_assert_str_eq(d->message, "a question needs 'label'");
}
END_TEST

START_TEST(test_unknown_type)
{
    struct fb_form *f = build(HEAD
        "      - id: a\n        type: emial\n        label: A\n");
    const struct fb_diag *d = expect("unknown-type", 8, 15);
    ck_assert_uint_eq(d->loc.len, 5);
    ck_assert_str_eq(d->message,
                     "unknown question type 'emial'; did you mean 'email'?");
    ck_assert_int_eq(f->questions[0]->type, FB_Q__COUNT);
}
END_TEST

START_TEST(test_bad_slug)
{
    build("form: Report_Light\ntitle: T\npages:\n"
          "  - {id: p, title: P, content: [paragraph: Hi]}\n");
    const struct fb_diag *d = expect("bad-slug", 1, 7);
    ck_assert_ptr_nonnull(strstr(d->message,
                                 "did you mean 'report-light'?"));
}
END_TEST

START_TEST(test_bad_id)
{
    build(HEAD "      - id: FullName\n        type: text\n"
          "        label: A\n");
    const struct fb_diag *d = expect("bad-id", 7, 13);
    ck_assert_ptr_nonnull(strstr(d->message, "did you mean 'full_name'?"));
}
END_TEST

START_TEST(test_long_id)
{
    build(HEAD "      - id: a234567890123456789012345678901234567890"
          "12345678901234567890123456\n        type: text\n"
          "        label: A\n");
    expect("bad-id", 7, 13);
}
END_TEST

START_TEST(test_question_without_id_left_out)
{
    struct fb_form *f = build(HEAD
        "      - {type: text, label: A}\n"
        "      - {id: b, type: text, label: B}\n");
    expect("missing-key", 7, 9);
    ck_assert_uint_eq(f->n_questions, 1);
    ck_assert_str_eq(f->questions[0]->id, "b");
    ck_assert_uint_eq(f->questions[0]->index, 0);
}
END_TEST

START_TEST(test_option_value_spaces)
{
    build(HEAD "      - {id: a, type: radios, label: A, options: "
          "[{value: ' x', label: X}]}\n");
    expect("wrong-value", 7, 59);
}
END_TEST

START_TEST(test_option_value_too_long)
{
    char yaml[512];
    snprintf(yaml, sizeof(yaml), HEAD "      - {id: a, type: select, "
             "label: A, options: [%0101d]}\n", 7);
    build(yaml);
    const struct fb_diag *d = expect("wrong-value", 7, 51);
    ck_assert_ptr_nonnull(strstr(d->message, "longer than 100 characters"));
}
END_TEST

START_TEST(test_no_options)
{
    build(HEAD "      - {id: a, type: radios, label: A}\n"
          "      - {id: b, type: checkboxes, label: B, options: []}\n");
    expect("no-options", 7, 23);
    ck_assert_uint_eq(cc.n_errors, 2);
}
END_TEST

START_TEST(test_options_on_yes_no)
{
    build(HEAD "      - {id: a, type: yes_no, label: A, options: [y, n]}\n");
    expect("options-not-allowed", 7, 41);
}
END_TEST

START_TEST(test_options_on_text)
{
    build(HEAD "      - {id: a, type: text, label: A, options: [y, n]}\n");
    expect("options-not-allowed", 7, 39);
}
END_TEST

START_TEST(test_duplicate_option)
{
    struct fb_form *f = build(HEAD
        "      - id: a\n        type: radios\n        label: A\n"
        "        options:\n          - {value: x, label: X}\n"
        "          - {value: x, label: Y}\n");
    expect("duplicate-option", 12, 21);
    ck_assert_uint_eq(f->questions[0]->n_options, 1);
}
END_TEST

START_TEST(test_empty_form)
{
    build("form: t\ntitle: T\npages: []\n");
    expect("empty-form", 3, 8);
}
END_TEST

START_TEST(test_missing_pages)
{
    build("form: t\ntitle: T\n");
    const struct fb_diag *d = expect("missing-key", 1, 1);
    ck_assert_str_eq(d->message, "the form needs 'pages'");
}
END_TEST

START_TEST(test_empty_page)
{
    build("form: t\ntitle: T\npages:\n  - id: p\n    title: P\n"
          "    questions: []\n");
    expect("empty-page", 4, 5);
}
END_TEST

START_TEST(test_exit_with_questions)
{
    build("form: t\ntitle: T\npages:\n  - id: p\n    title: P\n"
          "    exit: true\n    questions:\n"
          "      - {id: a, type: text, label: A}\n");
    expect("exit-with-questions", 7, 5);
}
END_TEST

START_TEST(test_literal_secret_key)
{
    build(SUBMIT_HEAD "submit:\n  forward:\n"
          "    - {url: \"https://x.example/a\", token: abc123}\n");
    const struct fb_diag *d = expect("literal-secret", 7, 36);
    ck_assert_ptr_nonnull(strstr(d->message, "secret_env"));
    ck_assert_ptr_null(find("unknown-key"));
}
END_TEST

START_TEST(test_literal_secret_in_url)
{
    build(SUBMIT_HEAD "submit:\n  forward:\n"
          "    - url: https://user:pw@x.example/a\n");
    expect("literal-secret", 7, 12);
}
END_TEST

START_TEST(test_insecure_url)
{
    build(SUBMIT_HEAD "submit:\n  forward:\n"
          "    - url: http://x.example/a\n");
    expect("insecure-url", 7, 12);
}
END_TEST

START_TEST(test_localhost_http_allowed)
{
    struct fb_form *f = build(SUBMIT_HEAD "submit:\n  forward:\n"
          "    - {url: \"http://127.0.0.1:9000/in\", format: xml}\n"
          "    - url: http://localhost/in\n");
    expect_clean();
    ck_assert_uint_eq(f->n_forwards, 2);
    ck_assert_str_eq(f->forwards[0].format, "xml");
}
END_TEST

START_TEST(test_bad_format)
{
    build(SUBMIT_HEAD "submit:\n  forward:\n"
          "    - {url: \"https://x.example/a\", format: csv}\n");
    expect("wrong-value", 7, 44);
}
END_TEST

START_TEST(test_bad_secret_env)
{
    build(SUBMIT_HEAD "submit:\n  forward:\n"
          "    - {url: \"https://x.example/a\", secret_env: my-key}\n");
    expect("wrong-value", 7, 48);
}
END_TEST

START_TEST(test_bad_reference)
{
    build(SUBMIT_HEAD "submit:\n  reference: street\n");
    expect("wrong-value", 6, 14);
}
END_TEST

START_TEST(test_retention_range)
{
    build(SUBMIT_HEAD "retention_days: 4000\n");
    expect("wrong-value", 5, 17);
}
END_TEST

START_TEST(test_autocomplete)
{
    struct fb_form *f = build(HEAD
        "      - {id: a, type: text, label: A, autocomplete: given-name}\n"
        "      - {id: b, type: text, label: B, "
        "autocomplete: shipping postal-code}\n"
        "      - {id: c, type: email, label: C}\n"
        "      - {id: d, type: phone, label: D}\n"
        "      - {id: e, type: postcode, label: E}\n"
        "      - {id: g, type: text, label: G}\n");
    expect_clean();
    ck_assert_str_eq(fb_question_autocomplete(f->questions[0]),
                     "given-name");
    ck_assert_str_eq(fb_question_autocomplete(f->questions[1]),
                     "shipping postal-code");
    ck_assert_str_eq(fb_question_autocomplete(f->questions[2]), "email");
    ck_assert_str_eq(fb_question_autocomplete(f->questions[3]), "tel");
    ck_assert_str_eq(fb_question_autocomplete(f->questions[4]),
                     "postal-code");
    ck_assert_ptr_null(fb_question_autocomplete(f->questions[5]));
}
END_TEST

START_TEST(test_bad_autocomplete)
{
    build(HEAD "      - {id: a, type: text, label: A, "
          "autocomplete: family_name}\n");
    const struct fb_diag *d = expect("bad-autocomplete", 7, 53);
    ck_assert_ptr_nonnull(strstr(d->message, "did you mean 'family-name'?"));
}
END_TEST

START_TEST(test_when_stored)
{
    struct fb_form *f = build(HEAD
        "      - {id: a, type: yes_no, label: A}\n"
        "      - {id: b, type: text, label: B, when: a is yes}\n");
    expect_clean();
    ck_assert_ptr_null(f->questions[0]->when);
    ck_assert_ptr_nonnull(f->questions[1]->when);
    ck_assert_str_eq(f->questions[1]->when->question, "a");
}
END_TEST

START_TEST(test_names)
{
    ck_assert_int_eq(fb_qtype_from_name("yes_no"), FB_Q_YES_NO);
    ck_assert_int_eq(fb_qtype_from_name("slot"), FB_Q_SLOT);
    ck_assert_int_eq(fb_qtype_from_name("emial"), FB_Q__COUNT);
    ck_assert_str_eq(fb_rule_name(FB_RULE_MAX_SELECTED), "max_selected");
    ck_assert_ptr_null(fb_rule_name(FB_RULE__COUNT));
    ck_assert(fb_qtype(FB_Q_SELECT)->has_options);
    ck_assert(!fb_qtype(FB_Q_YES_NO)->has_options);
    ck_assert_ptr_null(fb_text_en(NULL));
}
END_TEST

static Suite *
model_suite(void)
{
    Suite *s = suite_create("model");
    TCase *t = tcase_create("model");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_form_keys_land);
    tcase_add_test(t, test_pages_and_questions_land);
    tcase_add_test(t, test_options_and_reveal_land);
    tcase_add_test(t, test_forward_lands);
    tcase_add_test(t, test_expanded_from_recorded);
    tcase_add_test(t, test_form_without_questions);
    tcase_add_test(t, test_declaration_required_false);
    tcase_add_test(t, test_confirmation_title_optional);
    tcase_add_test(t, test_scalar_options);
    tcase_add_test(t, test_text_languages);
    tcase_add_test(t, test_text_unknown_language);
    tcase_add_test(t, test_text_needs_english);
    tcase_add_test(t, test_block_text_loses_trailing_newline);
    tcase_add_test(t, test_content_blocks);
    tcase_add_test(t, test_block_with_two_kinds);
    tcase_add_test(t, test_details_needs_text);
    tcase_add_test(t, test_length_rules);
    tcase_add_test(t, test_pattern_rule);
    tcase_add_test(t, test_number_rules);
    tcase_add_test(t, test_date_rules);
    tcase_add_test(t, test_relative_dates);
    tcase_add_test(t, test_selected_and_matches_rules);
    tcase_add_test(t, test_required_forms);
    tcase_add_test(t, test_duplicate_rule);
    tcase_add_test(t, test_rule_not_applicable);
    tcase_add_test(t, test_pattern_needs_message);
    tcase_add_test(t, test_bad_date);
    tcase_add_test(t, test_bad_relative_date);
    tcase_add_test(t, test_unknown_key_did_you_mean);
    tcase_add_test(t, test_unknown_key_lists_keys);
    tcase_add_test(t, test_wrong_type_number);
    tcase_add_test(t, test_quoted_number);
    tcase_add_test(t, test_yes_is_not_a_boolean);
    tcase_add_test(t, test_yes_is_not_a_rule_value);
    tcase_add_test(t, test_missing_label);
    tcase_add_test(t, test_unknown_type);
    tcase_add_test(t, test_bad_slug);
    tcase_add_test(t, test_bad_id);
    tcase_add_test(t, test_long_id);
    tcase_add_test(t, test_question_without_id_left_out);
    tcase_add_test(t, test_option_value_spaces);
    tcase_add_test(t, test_option_value_too_long);
    tcase_add_test(t, test_no_options);
    tcase_add_test(t, test_options_on_yes_no);
    tcase_add_test(t, test_options_on_text);
    tcase_add_test(t, test_duplicate_option);
    tcase_add_test(t, test_empty_form);
    tcase_add_test(t, test_missing_pages);
    tcase_add_test(t, test_empty_page);
    tcase_add_test(t, test_exit_with_questions);
    tcase_add_test(t, test_literal_secret_key);
    tcase_add_test(t, test_literal_secret_in_url);
    tcase_add_test(t, test_insecure_url);
    tcase_add_test(t, test_localhost_http_allowed);
    tcase_add_test(t, test_bad_format);
    tcase_add_test(t, test_bad_secret_env);
    tcase_add_test(t, test_bad_reference);
    tcase_add_test(t, test_retention_range);
    tcase_add_test(t, test_autocomplete);
    tcase_add_test(t, test_bad_autocomplete);
    tcase_add_test(t, test_when_stored);
    tcase_add_test(t, test_names);
    suite_add_tcase(s, t);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(model_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
