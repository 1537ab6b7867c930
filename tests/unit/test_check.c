/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the checks (compiler/check*.c) and the accessibility lint
 * (compiler/lint.c). Each form is a YAML string loaded with
 * fb_load_string() and built with fb_model_build(), which must accept it;
 * each test then expects one diagnostic id at its line and column, or a
 * clean run with the references resolved; the flow analysis's verdicts
 * are also tried against the driver's fb_cond_eval().
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "compiler.h"
#include "lint.h"
#include "load.h"
#include "lower.h"
#include "model.h"
#include "formbuilder/driver.h"
#include "formbuilder/validate.h"

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

static void
dump(void)
{
    for (size_t i = 0; i < cc.n_diags; i++)
        fprintf(stderr, "  %u:%u %s: %s\n", cc.diags[i].loc.line,
                cc.diags[i].loc.col, cc.diags[i].id, cc.diags[i].message);
}

/* Loads and builds @p yaml, which the model must accept without a word,
 * then runs the checks (and the lint when @p lint). */
static struct fb_form *
run(const char *yaml, bool lint)
{
    struct fb_node *root = fb_load_string(&cc, "t.yaml", yaml, strlen(yaml));
    ck_assert_msg(root != NULL, "the test YAML did not load");
    struct fb_form *f = fb_model_build(&cc, root);
    if (!f || cc.n_diags)
        dump();
    ck_assert_msg(f != NULL && cc.n_diags == 0,
                  "the model pass did not accept the test form");
    fb_check_form(&cc, f);
    if (lint)
        fb_lint_form(&cc, f);
    return f;
}

static struct fb_form *
check(const char *yaml)
{
    return run(yaml, false);
}

static const struct fb_diag *
find(const char *id)
{
    for (size_t i = 0; i < cc.n_diags; i++)
        if (strcmp(cc.diags[i].id, id) == 0)
            return &cc.diags[i];
    return NULL;
}

static size_t
count(const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < cc.n_diags; i++)
        if (strcmp(cc.diags[i].id, id) == 0 &&
            cc.diags[i].severity != FB_NOTE)
            n++;
    return n;
}

/* Asserts that the first diagnostic with @p id has @p severity, is at
 * @p line:@p col and says @p words; and that nothing else but its notes
 * was reported. */
static const struct fb_diag *
expect_sev(enum fb_severity severity, const char *id, unsigned line,
           unsigned col, const char *words)
{
    const struct fb_diag *d = find(id);
    if (!d)
        dump();
    ck_assert_msg(d != NULL, "no '%s' diagnostic", id);
    ck_assert_int_eq(d->severity, severity);
    ck_assert_msg(d->loc.line == line && d->loc.col == col,
                  "'%s' at %u:%u, expected %u:%u", id, d->loc.line,
                  d->loc.col, line, col);
    ck_assert_msg(strstr(d->message, words) != NULL,
                  "message '%s' lacks '%s'", d->message, words);
    for (size_t i = 0; i < cc.n_diags; i++)
        if (strcmp(cc.diags[i].id, id) != 0) {
            dump();
            ck_abort_msg("unexpected '%s' diagnostic", cc.diags[i].id);
        }
    return d;
}

static const struct fb_diag *
expect(const char *id, unsigned line, unsigned col, const char *words)
{
    return expect_sev(FB_ERROR, id, line, col, words);
}

static void
expect_clean(void)
{
    if (cc.n_diags)
        dump();
    ck_assert_uint_eq(cc.n_diags, 0);
}

/* Asserts a note with @p id at @p line. */
static void
expect_note(const char *id, unsigned line)
{
    for (size_t i = 0; i < cc.n_diags; i++)
        if (cc.diags[i].severity == FB_NOTE &&
            strcmp(cc.diags[i].id, id) == 0 && cc.diags[i].loc.line == line)
            return;
    dump();
    ck_abort_msg("no '%s' note on line %u", id, line);
}

/* A report form on which most tests make one change. Lines:
 * 4 page about, 7 fault (radios), 13 damage (revealed), 16 bins
 * (checkboxes), 22 urgent (yes_no), 25 page details, 28 age (number),
 * 29 moved (date), 30 email, 31 name (text); what tests add starts on
 * line 32. */
#define FORM_HEAD                                                          \
    "form: t\n"                                                            \
    "title: Report a problem\n"                                            \
    "pages:\n"                                                             \
    "  - id: about\n"                                                      \
    "    title: About the problem\n"                                       \
    "    questions:\n"                                                     \
    "      - id: fault\n"                                                  \
    "        type: radios\n"                                               \
    "        label: What is wrong?\n"                                      \
    "        options:\n"                                                   \
    "          - {value: out, label: It is not working}\n"                 \
    "          - {value: damaged, label: It is damaged, reveal: [damage]}\n" \
    "      - id: damage\n"                                                 \
    "        type: textarea\n"                                             \
    "        label: Describe the damage\n"                                 \
    "      - id: bins\n"                                                   \
    "        type: checkboxes\n"                                           \
    "        label: Which bins are affected?\n"                            \
    "        options:\n"                                                   \
    "          - {value: black, label: Black bin}\n"                       \
    "          - {value: garden, label: Garden waste bin}\n"               \
    "      - id: urgent\n"                                                 \
    "        type: yes_no\n"                                               \
    "        label: Is it urgent?\n"                                       \
    "  - id: details\n"                                                    \
    "    title: Your details\n"                                            \
    "    questions:\n"                                                     \
    "      - {id: age, type: number, label: Your age}\n"                   \
    "      - {id: moved, type: date, label: Date you moved}\n"             \
    "      - {id: email, type: email, label: Email address}\n"             \
    "      - {id: name, type: text, label: Full name, autocomplete: name}\n"

/* Appends a page (line 32 on) whose `when` is @p cond (line 34). */
#define WHEN_PAGE(cond)                                                    \
    FORM_HEAD                                                              \
    "  - id: more\n"                                                       \
    "    title: More\n"                                                    \
    "    when: " cond "\n"                                                 \
    "    questions:\n"                                                     \
    "      - {id: extra, type: text, label: Anything else?}\n"

/* Column of a condition on the `when` line of WHEN_PAGE. */
#define WHEN_COL 11
#define WHEN_LINE 34

/* ---- a clean form resolves everything ------------------------------------ */

START_TEST(clean_form_resolves_references)
{
    struct fb_form *f = check(WHEN_PAGE("fault is damaged and bins has "
                                        "garden or age >= 65"));
    expect_clean();
    const struct fb_page *more = f->pages[2];
    const struct fb_cond *c = more->when;
    ck_assert_int_eq(c->kind, FB_COND_OR);
    ck_assert_ptr_eq(c->lhs->lhs->target, fb_form_question(f, "fault"));
    ck_assert_ptr_eq(c->lhs->rhs->target, fb_form_question(f, "bins"));
    ck_assert_ptr_eq(c->rhs->target, fb_form_question(f, "age"));

    struct fb_question *fault = fb_form_question(f, "fault");
    struct fb_question *damage = fb_form_question(f, "damage");
    ck_assert_ptr_eq(damage->revealed_by, fault);
    ck_assert_ptr_eq(damage->revealed_by_option, &fault->options[1]);
    ck_assert_ptr_eq(fault->options[1].revealed[0], damage);
    ck_assert_ptr_null(fault->revealed_by);
}
END_TEST

/* ---- ids ----------------------------------------------------------------- */

START_TEST(duplicate_question_id)
{
    check(FORM_HEAD
          "      - {id: email, type: email, label: Work email}\n");
    expect("duplicate-id", 32, 14, "question id 'email' is used twice");
    expect_note("duplicate-id", 30);
    ck_assert_uint_eq(count("duplicate-id"), 1);
}
END_TEST

START_TEST(duplicate_page_id)
{
    check(FORM_HEAD
          "  - id: about\n"
          "    title: About you\n"
          "    questions:\n"
          "      - {id: job, type: text, label: Your job}\n");
    expect("duplicate-id", 32, 9, "page id 'about' is used twice");
    expect_note("duplicate-id", 4);
}
END_TEST

START_TEST(question_id_may_equal_page_id)
{
    check(FORM_HEAD
          "  - id: extra\n"
          "    title: More\n"
          "    questions:\n"
          "      - {id: details, type: text, label: Any details?}\n");
    expect_clean();
}
END_TEST

/* ---- conditions ---------------------------------------------------------- */

START_TEST(when_unknown_question)
{
    check(WHEN_PAGE("falt is damaged"));
    expect("when-unknown-question", WHEN_LINE, WHEN_COL,
           "no question 'falt' in this form; did you mean 'fault'?");
}
END_TEST

START_TEST(when_names_a_page)
{
    check(WHEN_PAGE("details answered"));
    expect("when-unknown-question", WHEN_LINE, WHEN_COL,
           "'details' is a page, not a question");
}
END_TEST

START_TEST(when_later_question_on_page)
{
    check(WHEN_PAGE("extra answered"));
    expect("when-later-question", WHEN_LINE, WHEN_COL,
           "page 'more' is shown before question 'extra' is asked");
}
END_TEST

START_TEST(when_later_page)
{
    check(FORM_HEAD
          "  - id: more\n"
          "    title: More\n"
          "    when: extra answered\n"
          "    content:\n"
          "      - paragraph: We need a few more details.\n"
          "  - id: last\n"
          "    title: Last\n"
          "    questions:\n"
          "      - {id: extra, type: text, label: Anything else?}\n");
    expect("when-later-question", WHEN_LINE, WHEN_COL,
           "a page condition can only use questions from earlier pages");
}
END_TEST

START_TEST(question_when_earlier_page_is_fine)
{
    check(FORM_HEAD
          "  - id: more\n"
          "    title: More\n"
          "    questions:\n"
          "      - {id: pet, type: text, label: Pet name, when: urgent is "
          "yes}\n");
    expect_clean();
}
END_TEST

START_TEST(question_when_same_page)
{
    check(FORM_HEAD
          "  - id: more\n"
          "    title: More\n"
          "    questions:\n"
          "      - {id: pets, type: yes_no, label: Do you have pets?}\n"
          "      - {id: pet, type: text, label: Pet name, when: pets is "
          "yes}\n");
    expect("when-same-page", 36, 54, "'pets' is on the same page as 'pet', "
                                     "and a page shows all its questions "
                                     "at once");
}
END_TEST

START_TEST(question_when_same_page_radios_says_reveal)
{
    check(FORM_HEAD
          "  - id: more\n"
          "    title: More\n"
          "    questions:\n"
          "      - {id: pets, type: radios, label: Pets, options: [Cat, "
          "Dog]}\n"
          "      - {id: pet, type: text, label: Pet name, when: pets is "
          "Dog}\n");
    expect("when-same-page", 36, 54, "list 'pet' in the 'reveal' of the "
                                     "option of 'pets' it needs");
}
END_TEST

START_TEST(question_when_same_page_later)
{
    check(FORM_HEAD
          "  - id: more\n"
          "    title: More\n"
          "    questions:\n"
          "      - {id: pet, type: text, label: Pet name, when: pets is "
          "yes}\n"
          "      - {id: pets, type: yes_no, label: Do you have pets?}\n");
    expect("when-same-page", 35, 54, "'pets' is on the same page as 'pet'");
    ck_assert_uint_eq(count("when-same-page"), 1);
}
END_TEST

START_TEST(question_when_follow_up_tests_revealer)
{
    /* 'damage' (line 13) is revealed by option 'damaged' of 'fault'. */
    char yaml[4096];
    const char *head = FORM_HEAD;
    const char *at = strstr(head, "        label: Describe the damage\n");
    ck_assert_ptr_nonnull(at);
    at += strlen("        label: Describe the damage\n");
    snprintf(yaml, sizeof(yaml), "%.*s        when: fault is damaged\n%s",
             (int)(at - head), head, at);
    check(yaml);
    expect("when-same-page", 16, 15, "'damage' is a follow-up revealed by "
                                     "option 'damaged' of 'fault'");
}
END_TEST

START_TEST(question_when_later_page)
{
    check(FORM_HEAD
          "  - id: more\n"
          "    title: More\n"
          "    questions:\n"
          "      - {id: pet, type: text, label: Pet name, when: pets is "
          "yes}\n"
          "  - id: last\n"
          "    title: Last\n"
          "    questions:\n"
          "      - {id: pets, type: yes_no, label: Do you have pets?}\n");
    expect("when-later-question", 35, 54, "question 'pets' is asked after "
                                          "'pet'; a question's condition "
                                          "can only use questions from "
                                          "earlier pages");
}
END_TEST

START_TEST(question_when_itself)
{
    check(FORM_HEAD
          "  - id: more\n"
          "    title: More\n"
          "    questions:\n"
          "      - {id: pets, type: yes_no, label: Any pets?, when: pets "
          "answered}\n");
    expect("when-later-question", 35, 58, "cannot depend on its own "
                                          "answer");
}
END_TEST

START_TEST(when_unknown_option)
{
    check(WHEN_PAGE("fault is damagd"));
    expect("when-unknown-option", WHEN_LINE, WHEN_COL + 9,
           "'damagd' is not an option of 'fault'; did you mean "
           "'damaged'?");
}
END_TEST

START_TEST(when_unknown_option_lists_options)
{
    check(WHEN_PAGE("bins has recycling"));
    expect("when-unknown-option", WHEN_LINE, WHEN_COL + 9,
           "its options are 'black', 'garden'");
}
END_TEST

START_TEST(when_yes_no_options)
{
    check(WHEN_PAGE("urgent is yes or urgent is not no"));
    expect_clean();
}
END_TEST

START_TEST(when_yes_no_unknown)
{
    check(WHEN_PAGE("urgent is maybe"));
    expect("when-unknown-option", WHEN_LINE, WHEN_COL + 10,
           "'maybe' is not an option of 'urgent'");
}
END_TEST

START_TEST(when_has_on_radios)
{
    check(WHEN_PAGE("fault has out"));
    expect("when-type-mismatch", WHEN_LINE, WHEN_COL,
           "'has' is for checkboxes, and 'fault' is a radios question; "
           "write 'fault is out'");
}
END_TEST

START_TEST(when_is_on_checkboxes)
{
    check(WHEN_PAGE("bins is garden"));
    expect("when-type-mismatch", WHEN_LINE, WHEN_COL,
           "write 'bins has garden'");
}
END_TEST

START_TEST(when_is_not_on_checkboxes)
{
    check(WHEN_PAGE("bins is not garden"));
    expect("when-type-mismatch", WHEN_LINE, WHEN_COL,
           "write 'not bins has garden'");
}
END_TEST

START_TEST(when_comparison_on_text)
{
    check(WHEN_PAGE("name > 3"));
    expect("when-type-mismatch", WHEN_LINE, WHEN_COL,
           "'>' compares numbers, dates and amounts of money, and 'name' "
           "is a text question");
}
END_TEST

START_TEST(when_number_needs_number)
{
    check(WHEN_PAGE("age >= sixty"));
    expect("when-type-mismatch", WHEN_LINE, WHEN_COL + 7,
           "'age' is a number question, so '>=' needs a number");
}
END_TEST

START_TEST(when_date_needs_date)
{
    check(WHEN_PAGE("moved < 2023-02-29"));
    expect("when-type-mismatch", WHEN_LINE, WHEN_COL + 8,
           "'moved' is a date question, so '<' needs a date");
}
END_TEST

START_TEST(when_dates_and_numbers_fine)
{
    check(WHEN_PAGE("moved < today-30d or moved >= 2024-02-29 or age < "
                    "-1.5 or age is 40"));
    expect_clean();
}
END_TEST

START_TEST(when_is_on_free_text)
{
    check(WHEN_PAGE("name is \"Jo Bloggs\" or email is not x@example.org"));
    expect_clean();
}
END_TEST

START_TEST(when_relative_date_typo)
{
    check(WHEN_PAGE("moved > today+2w"));
    expect("when-type-mismatch", WHEN_LINE, WHEN_COL + 8, "not 'today+2w'");
}
END_TEST

/* ---- reveals ------------------------------------------------------------- */

/* A page whose radios reveal @p ids (a flow list) before/after others. */
#define REVEAL_PAGE(ids, after)                                            \
    FORM_HEAD                                                              \
    "  - id: contact\n"                                                    \
    "    title: How should we contact you?\n"                              \
    "    questions:\n"                                                     \
    "      - id: how\n"                                                    \
    "        type: radios\n"                                               \
    "        label: How should we contact you?\n"                          \
    "        options:\n"                                                   \
    "          - {value: phone, label: Phone, reveal: " ids "}\n"          \
    "          - {value: post, label: Post, reveal: [street]}\n"           \
    "      - {id: number, type: phone, label: Phone number}\n"             \
    "      - {id: street, type: text, label: Street}\n" after

START_TEST(reveal_unknown_question)
{
    check(REVEAL_PAGE("[numbr]", ""));
    expect("reveal-unknown-question", 39, 51,
           "reveals 'numbr', which is not a question in this form; did "
           "you mean 'number'?");
}
END_TEST

START_TEST(reveal_other_page)
{
    check(REVEAL_PAGE("[name]", ""));
    expect("reveal-order", 39, 51, "move 'name' to page 'contact', after "
                                   "'how'");
}
END_TEST

START_TEST(reveal_before_revealer)
{
    check(FORM_HEAD
          "  - id: contact\n"
          "    title: How should we contact you?\n"
          "    questions:\n"
          "      - {id: number, type: phone, label: Phone number}\n"
          "      - id: how\n"
          "        type: radios\n"
          "        label: How should we contact you?\n"
          "        options:\n"
          "          - {value: phone, label: Phone, reveal: [number]}\n"
          "          - {value: post, label: Post}\n");
    expect("reveal-order", 40, 51, "'number' comes before 'how'");
}
END_TEST

START_TEST(reveal_twice)
{
    check(REVEAL_PAGE("[number, street]", ""));
    expect("reveal-twice", 40, 49, "'street' is already revealed by "
                                   "option 'phone' of 'how'");
    expect_note("reveal-twice", 39);
}
END_TEST

/* ---- rules --------------------------------------------------------------- */

/* A page with one question of @p type and `validate: {rules}`. */
#define RULE_PAGE(type, rules)                                             \
    FORM_HEAD                                                              \
    "  - id: more\n"                                                       \
    "    title: More\n"                                                    \
    "    questions:\n"                                                     \
    "      - id: q\n"                                                      \
    "        type: " type "\n"                                             \
    "        label: The question\n"                                        \
    "        validate: {" rules "}\n"

#define RULE_LINE 38

START_TEST(rule_min_above_max)
{
    check(RULE_PAGE("number", "min: 10, max: 5"));
    expect("rule-contradiction", RULE_LINE, 34,
           "'max' (5) is less than 'min' (10)");
    expect_note("rule-contradiction", RULE_LINE);
}
END_TEST

START_TEST(rule_lengths)
{
    check(RULE_PAGE("text", "min_length: 10, max_length: 5"));
    expect("rule-contradiction", RULE_LINE, 48,
           "'max_length' (5) is less than 'min_length' (10)");
}
END_TEST

START_TEST(rule_selected)
{
    check(FORM_HEAD
          "  - id: more\n"
          "    title: More\n"
          "    questions:\n"
          "      - id: q\n"
          "        type: checkboxes\n"
          "        label: The question\n"
          "        options: [{value: a, label: A}, {value: b, label: B}]\n"
          "        validate: {min_selected: 2, max_selected: 1}\n");
    expect("rule-contradiction", 39, 51,
           "'max_selected' (1) is less than 'min_selected' (2)");
}
END_TEST

START_TEST(rule_selected_above_options)
{
    check(FORM_HEAD
          "  - id: more\n"
          "    title: More\n"
          "    questions:\n"
          "      - id: q\n"
          "        type: checkboxes\n"
          "        label: The question\n"
          "        options: [{value: a, label: A}, {value: b, label: B}]\n"
          "        validate: {min_selected: 3}\n");
    expect("rule-contradiction", 39, 34, "'min_selected' is 3 but 'q' has "
                                         "only 2 options");
}
END_TEST

START_TEST(rule_dates_fixed)
{
    check(RULE_PAGE("date", "before: 2020-01-01, after: 2020-06-01"));
    expect("rule-contradiction", RULE_LINE, 28,
           "no day is after 'after' and before 'before'");
}
END_TEST

START_TEST(rule_dates_relative)
{
    check(RULE_PAGE("date", "before: today-7d, after: today"));
    expect("rule-contradiction", RULE_LINE, 28,
           "no day is after 'after' and before 'before'");
}
END_TEST

/* Both rules are strict: the day after `after` must be before `before`. */
START_TEST(rule_dates_next_day)
{
    check(RULE_PAGE("date", "before: 2020-01-02, after: 2020-01-01"));
    expect("rule-contradiction", RULE_LINE, 28,
           "no day is after 'after' and before 'before'");
}
END_TEST

START_TEST(rule_dates_one_day_between)
{
    check(RULE_PAGE("date", "before: today+2d, after: today"));
    expect_clean();
}
END_TEST

START_TEST(rule_times_strict)
{
    check(RULE_PAGE("time", "before: \"09:01\", after: \"09:00\""));
    expect("rule-contradiction", RULE_LINE, 28,
           "no time is after 'after' and before 'before'");
    expect_note("rule-contradiction", RULE_LINE);
}
END_TEST

START_TEST(rule_times_with_a_minute_between)
{
    check(RULE_PAGE("time", "before: \"09:02\", after: \"09:00\""));
    expect_clean();
}
END_TEST

START_TEST(rule_money_min_above_max)
{
    check(RULE_PAGE("money", "min: 10.50, max: 10.49"));
    expect("rule-contradiction", RULE_LINE, 37,
           "'max' (10.49) is less than 'min' (10.5)");
}
END_TEST

START_TEST(rule_dates_mixed_are_not_judged)
{
    check(RULE_PAGE("date", "before: today, after: 2020-06-01"));
    expect_clean();
}
END_TEST

START_TEST(rule_past_and_future)
{
    check(RULE_PAGE("date", "past: true, future: true"));
    expect("rule-contradiction", RULE_LINE, 40,
           "cannot be both in the past and in the future");
}
END_TEST

START_TEST(rule_integer_bound_warns)
{
    check(RULE_PAGE("number", "integer: true, min: 0.5, max: 10"));
    expect_sev(FB_WARNING, "rule-integer-bound", RULE_LINE, 40,
               "'min' (0.5) is not a whole number");
}
END_TEST

START_TEST(rule_integer_no_whole_number)
{
    check(RULE_PAGE("number", "integer: true, min: 1.2, max: 1.8"));
    expect("rule-contradiction", RULE_LINE, 50,
           "no whole number lies between 'min' (1.2) and 'max' (1.8)");
    ck_assert_uint_eq(count("rule-contradiction"), 1);
}
END_TEST

START_TEST(matches_resolves)
{
    struct fb_form *f = check(RULE_PAGE("email", "matches: email"));
    expect_clean();
    ck_assert_ptr_eq(fb_form_question(f, "q")->rules[FB_RULE_MATCHES].target,
                     fb_form_question(f, "email"));
}
END_TEST

START_TEST(matches_text_confirms_email)
{
    check(RULE_PAGE("text", "matches: email"));
    expect_clean();
}
END_TEST

START_TEST(matches_unknown_question)
{
    check(RULE_PAGE("email", "matches: emial"));
    expect("matches-unknown-question", RULE_LINE, 29,
           "no question 'emial' in this form; did you mean 'email'?");
}
END_TEST

START_TEST(matches_later_question)
{
    check(RULE_PAGE("email", "matches: later") "      - {id: later, type: "
                                               "email, label: Email}\n");
    expect("matches-later-question", RULE_LINE, 29,
           "'later' comes after 'q'");
}
END_TEST

START_TEST(matches_type)
{
    check(RULE_PAGE("phone", "matches: email"));
    expect("matches-type", RULE_LINE, 29,
           "'q' is a phone question and 'email' is an email question");
}
END_TEST

START_TEST(bad_regex_column)
{
    check(RULE_PAGE("text", "pattern: {value: \"[A-Z]{2}(\\\\d+\", "
                            "message: Enter a reference}"));
    /* The quote is at column 37; PCRE2 stops at the end of the pattern,
     * at the closing quote (column 51: the escape takes two columns). */
    expect("bad-regex", RULE_LINE, 51, "missing closing parenthesis");
}
END_TEST

START_TEST(bad_regex_plain_scalar)
{
    check(RULE_PAGE("text", "pattern: {value: 'it''s{2,1}', message: "
                            "Enter it}"));
    /* Decoded "it's{2,1}": PCRE2 stops at byte 8, the '}' (column 47:
     * the doubled quote takes two columns). */
    expect("bad-regex", RULE_LINE, 47, "out of order");
}
END_TEST

/* Patterns prone to catastrophic backtracking, and look-alikes that are
 * not: @p at is the byte offset of the repeated group, or -1 for none. */
static const struct {
    const char *pattern;
    int at;
} backtracking[] = {
    {"(a+)+", 0},
    {"(a*)*", 0},
    {"(a|aa)+", 0},
    {"(.*a){20}", 0},
    {"(\\w+\\s?)+$", 0},
    {"^([a-z]+\\s*)*$", 1},
    {"x(?:a+b?)+", 1},
    {"((ab)+c)*", 0},
    {"(a+){10}", 0},
    {"(?i)(A|a)+", 4},
    {"(\\d|[0-9]x)+", 0},
    {"(?<w>[a-z]+,?)+", 0},
    {"([^,]*,)*", 0},
    /* none of these */
    {"(?i)[A-Z0-9 ]+", -1},
    {"(?i)[A-Z0-9/-]+", -1},
    {"[0-9]{8}", -1},
    {"[A-Za-z0-9 &,.()-]+", -1},
    {"[A-Z]{2}[0-9]{2} ?[A-Z]{3}", -1},
    {"SK[0-9]+ .*", -1},
    {"([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})", -1},
    {"(\\+44|0)[0-9]{10}", -1},
    {"(a++)+", -1},
    {"(a*+)*", -1},
    {"(?>a+)+", -1},
    {"(a+)++", -1},
    {"(cat|dog)+", -1},
    {"(\\w|\\s)+", -1},
    {"(a+){2,5}", -1},
    {"(a+b)?", -1},
    {"[(a+)+]", -1},
    {"\\(a+\\)+", -1},
    {"x(?#(a+ and (b*)y+", -1},
    {"\\Q(a+)+\\E", -1},
};

START_TEST(regex_backtracking_shapes)
{
    char form[1200];
    int at = backtracking[_i].at;

    /* Single-quoted: the pattern's text starts at column 38, as written. */
    snprintf(form, sizeof form,
             RULE_PAGE("text", "pattern: {value: '%s', message: Enter it}"),
             backtracking[_i].pattern);
    check(form);
    if (at < 0) {
        expect_clean();
        return;
    }
    const struct fb_diag *d = expect_sev(FB_WARNING, "regex-backtracking",
                                         RULE_LINE, 38u + (unsigned)at,
                                         "catastrophic backtracking");
    ck_assert_msg(strstr(d->message, "'(?>...)'") != NULL, "%s",
                  d->message);
}
END_TEST

/* ---- reachability -------------------------------------------------------- */

START_TEST(unreachable_after_exit)
{
    check(FORM_HEAD
          "  - id: stop\n"
          "    title: You cannot use this service\n"
          "    exit: true\n"
          "    content:\n"
          "      - paragraph: Call us instead.\n"
          "  - id: more\n"
          "    title: More\n"
          "    questions:\n"
          "      - {id: extra, type: text, label: Anything else?}\n");
    expect("unreachable-page", 37, 9, "page 'more' can never be shown: "
                                      "exit page 'stop' has no 'when'");
    expect_note("unreachable-page", 34);
}
END_TEST

START_TEST(unreachable_two_values)
{
    check(WHEN_PAGE("fault is out and fault is damaged"));
    expect("unreachable-page", WHEN_LINE, WHEN_COL,
           "did you mean 'or' where it says 'and'?");
}
END_TEST

START_TEST(unreachable_is_and_is_not)
{
    check(WHEN_PAGE("urgent is yes and (bins has black and urgent is not "
                    "yes)"));
    expect("unreachable-page", WHEN_LINE, WHEN_COL, "can never be shown");
}
END_TEST

START_TEST(unreachable_tautology_negated)
{
    check(WHEN_PAGE("not (name answered or not name answered)"));
    expect("unreachable-page", WHEN_LINE, WHEN_COL, "check where it says "
                                                    "'not'");
}
END_TEST

START_TEST(reachable_conditions_pass)
{
    check(WHEN_PAGE("(fault is out or fault is damaged) and not (bins has "
                    "black and bins has garden) and not urgent answered"));
    expect_clean();
}
END_TEST

/* Numbers are judged by the regions their literals leave (flow
 * analysis, check_reach.c): no age is both under 10 and over 20. Dates are
 * not judged. */
START_TEST(comparisons_are_judged)
{
    check(WHEN_PAGE("age < 10 and age > 20"));
    expect("unreachable-page", WHEN_LINE, WHEN_COL,
           "page 'more' can never be shown");
}
END_TEST

START_TEST(unreachable_question)
{
    check(FORM_HEAD
          "  - id: more\n"
          "    title: More\n"
          "    questions:\n"
          "      - {id: extra, type: text, label: Anything else?, when: "
          "urgent is yes and urgent is no}\n");
    expect("unreachable-question", 35, 62, "question 'extra' can never be "
                                           "asked");
}
END_TEST

/* ---- lint ---------------------------------------------------------------- */

static void
lint(const char *yaml)
{
    run(yaml, true);
}

/* FORM_HEAD with a required question on a page of its own (line 32-35)
 * and a page (line 36 on) whose `when` (line 38) tests it. */
#define LINT_HEAD                                                          \
    FORM_HEAD                                                              \
    "  - id: sure\n"                                                       \
    "    title: Are you sure?\n"                                           \
    "    questions:\n"                                                     \
    "      - {id: sure, type: yes_no, label: Sure, required: true}\n"      \
    "  - id: more\n"                                                       \
    "    title: More\n"                                                    \
    "    when: sure is yes\n"                                              \
    "    questions:\n"

START_TEST(lint_clean_form)
{
    lint(LINT_HEAD "      - {id: extra, type: text, label: Anything else?}\n");
    expect_clean();
}
END_TEST

START_TEST(lint_label_empty)
{
    lint(FORM_HEAD "      - {id: extra, type: text, label: \" \"}\n");
    expect_sev(FB_WARNING, "lint-label-missing", 32, 40,
               "WCAG 2.2 SC 1.3.1");
}
END_TEST

START_TEST(lint_label_repeated)
{
    lint(FORM_HEAD "      - {id: email2, type: email, label: email "
                   "address, autocomplete: \"off\"}\n");
    expect_sev(FB_WARNING, "lint-label-repeated", 32, 42,
               "the label 'email address' is used twice on page "
               "'details'");
    expect_note("lint-label-repeated", 30);
}
END_TEST

START_TEST(lint_hint_long)
{
    char yaml[4096];
    char hint[300];
    memset(hint, 'x', 260);
    hint[260] = '\0';
    snprintf(yaml, sizeof(yaml), "%s      - {id: extra, type: text, label: "
                                 "Extra, hint: %s}\n", FORM_HEAD, hint);
    lint(yaml);
    expect_sev(FB_WARNING, "lint-hint-long", 32, 53, "is 260 characters");
}
END_TEST

START_TEST(lint_link_text)
{
    lint(FORM_HEAD "      - {id: extra, type: text, label: Extra, hint: "
                   "\"See [click here](https://example.org)\"}\n");
    expect_sev(FB_WARNING, "lint-link-text", 32, 58,
               "link text 'click here' does not say where the link goes");
}
END_TEST

START_TEST(lint_link_text_good)
{
    lint(FORM_HEAD "      - {id: extra, type: text, label: Extra, hint: "
                   "\"See [our privacy notice](https://example.org)\"}\n");
    expect_clean();
}
END_TEST

START_TEST(lint_link_in_block_scalar)
{
    lint("form: t\n"
         "title: T\n"
         "start:\n"
         "  body: |\n"
         "    Check first.\n"
         "    Then [read more](https://example.org).\n"
         "pages:\n"
         "  - id: p\n"
         "    title: P\n"
         "    questions:\n"
         "      - {id: a, type: text, label: A}\n");
    expect_sev(FB_WARNING, "lint-link-text", 6, 10, "'read more'");
}
END_TEST

START_TEST(lint_title_empty)
{
    lint(FORM_HEAD "  - id: more\n"
                   "    title: \" \"\n"
                   "    questions:\n"
                   "      - {id: extra, type: text, label: Extra}\n");
    expect_sev(FB_WARNING, "lint-title-missing", 33, 12, "WCAG 2.2 SC 2.4.2");
}
END_TEST

START_TEST(lint_single_radio)
{
    lint(FORM_HEAD "      - id: agree\n"
                   "        type: radios\n"
                   "        label: Do you agree?\n"
                   "        options: [{value: yes, label: I agree}]\n");
    expect_sev(FB_WARNING, "lint-single-radio", 35, 9, "one radio button");
}
END_TEST

START_TEST(lint_too_many_questions)
{
    lint(FORM_HEAD "      - {id: q1, type: text, label: One}\n"
                   "      - {id: q2, type: text, label: Two}\n"
                   "      - {id: q3, type: text, label: Three}\n");
    expect_sev(FB_WARNING, "lint-too-many-questions", 25, 9,
               "page 'details' asks 7 questions");
}
END_TEST

START_TEST(lint_revealed_questions_not_counted)
{
    /* Page 'about' has four questions, one of them revealed. */
    lint(FORM_HEAD);
    expect_clean();
}
END_TEST

START_TEST(lint_options_case)
{
    lint(FORM_HEAD "      - id: bin\n"
                   "        type: select\n"
                   "        label: Bin\n"
                   "        options:\n"
                   "          - {value: a, label: Garden bin}\n"
                   "          - {value: b, label: garden Bin}\n");
    expect_sev(FB_WARNING, "lint-options-case", 37, 31,
               "'Garden bin' and 'garden Bin' of 'bin' differ only by "
               "case");
}
END_TEST

START_TEST(lint_option_repeated)
{
    lint(FORM_HEAD "      - id: bin\n"
                   "        type: select\n"
                   "        label: Bin\n"
                   "        options:\n"
                   "          - {value: a, label: Garden bin}\n"
                   "          - {value: b, label: Garden bin}\n");
    expect_sev(FB_WARNING, "lint-option-repeated", 37, 31,
               "two options of 'bin' have the label 'Garden bin'");
}
END_TEST

START_TEST(lint_exit_without_content)
{
    lint(FORM_HEAD "  - id: stop\n"
                   "    title: You cannot continue\n"
                   "    when: name answered\n"
                   "    exit: true\n"
                   "    content:\n"
                   "      - details: {summary: Why?, text: Call us.}\n");
    expect_sev(FB_WARNING, "lint-exit-no-content", 35, 5, "exit page 'stop' "
                                                         "shows no content");
}
END_TEST

/* ---- lint: input purpose ------------------------------------------------- */

/* Lints a text question labelled @p label, added on line 32. */
static void
lint_label(const char *label)
{
    char yaml[4096];
    snprintf(yaml, sizeof(yaml), "%s      - {id: extra, type: text, "
                                 "label: %s}\n", FORM_HEAD, label);
    lint(yaml);
}

START_TEST(lint_input_purpose_name)
{
    lint_label("What is your full name?");
    expect_sev(FB_WARNING, "lint-input-purpose", 32, 53,
               "'extra' asks for a name but does not say so to browsers; "
               "use 'type: name', or add 'autocomplete: name'");
}
END_TEST

START_TEST(lint_input_purpose_first_and_last_name)
{
    lint_label("First name");
    expect_sev(FB_WARNING, "lint-input-purpose", 32, 40,
               "add 'autocomplete: given-name'");
    teardown();
    setup();
    lint_label("Surname");
    expect_sev(FB_WARNING, "lint-input-purpose", 32, 40,
               "add 'autocomplete: family-name'");
}
END_TEST

START_TEST(lint_input_purpose_email_suggests_type)
{
    lint_label("Your e-mail address");
    expect_sev(FB_WARNING, "lint-input-purpose", 32, 45,
               "asks for an email address but does not say so to browsers; "
               "use 'type: email', or add 'autocomplete: email'");
}
END_TEST

START_TEST(lint_input_purpose_phone)
{
    lint_label("Telephone number");
    expect_sev(FB_WARNING, "lint-input-purpose", 32, 40,
               "use 'type: phone', or add 'autocomplete: tel'");
}
END_TEST

START_TEST(lint_input_purpose_address_and_postcode)
{
    lint_label("Address line 1");
    expect_sev(FB_WARNING, "lint-input-purpose", 32, 40,
               "add 'autocomplete: address-line1'");
    teardown();
    setup();
    lint_label("Your home address");
    expect_sev(FB_WARNING, "lint-input-purpose", 32, 50,
               "use 'type: address', or add 'autocomplete: street-address'");
    teardown();
    setup();
    lint_label("Postal code");
    expect_sev(FB_WARNING, "lint-input-purpose", 32, 40,
               "use 'type: postcode', or add 'autocomplete: postal-code'");
}
END_TEST

START_TEST(lint_input_purpose_business_name)
{
    lint_label("Name of your company");
    expect_sev(FB_WARNING, "lint-input-purpose", 32, 40,
               "add 'autocomplete: organization'");
}
END_TEST

START_TEST(lint_input_purpose_quiet)
{
    static const char *const labels[] = {
        "Street name", "Name of the street", "Name of the road",
        "Pet's name", "Your child's first name",
        "Your landlord's email address",
        "Full name of your partner", "Website address", "Lamp post number",
        "Username", "Names of everyone who lives with you",
        "Crime reference number",
    };
    for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++) {
        teardown();
        setup();
        lint_label(labels[i]);
        if (cc.n_diags)
            dump();
        ck_assert_msg(cc.n_diags == 0, "'%s' was linted", labels[i]);
    }
}
END_TEST

START_TEST(lint_input_purpose_autocomplete_or_type_quiet)
{
    lint(FORM_HEAD "  - id: more\n"
                   "    title: More\n"
                   "    questions:\n"
                   "      - {id: extra, type: text, label: Your name, "
                   "autocomplete: \"off\"}\n"
                   "      - {id: work_email, type: email, label: Work "
                   "email, autocomplete: \"work email\"}\n");
    expect_clean();
}
END_TEST

/* ---- lint: optional questions that branch -------------------------------- */

START_TEST(lint_optional_branch_page)
{
    lint(WHEN_PAGE("urgent is yes"));
    expect_sev(FB_WARNING, "lint-optional-branch", 22, 13,
               "'urgent' is optional, but whether page 'more' is shown "
               "depends on it");
    expect_note("lint-optional-branch", WHEN_LINE);
}
END_TEST

START_TEST(lint_optional_branch_exit_reported_once)
{
    lint(FORM_HEAD "      - {id: extra, type: text, label: Extra, when: "
                   "bins has black}\n"
                   "  - id: stop\n"
                   "    title: Stop\n"
                   "    when: urgent is yes or bins has garden\n"
                   "    exit: true\n"
                   "    content:\n"
                   "      - paragraph: Call us instead.\n"
                   "  - id: more\n"
                   "    title: More\n"
                   "    when: urgent is no\n"
                   "    questions:\n"
                   "      - {id: more, type: text, label: More}\n");
    /* 'extra' tests 'bins' first, and page 'more' tests 'urgent' too, but
     * each question is reported once, naming the exit page. */
    ck_assert_uint_eq(count("lint-optional-branch"), 2);
    const struct fb_diag *d = find("lint-optional-branch");
    ck_assert_ptr_nonnull(strstr(d->message, "exit page 'stop' depends on "
                                             "it, so skipping it can bypass "
                                             "the exit"));
    expect_note("lint-optional-branch", 35);
}
END_TEST

START_TEST(lint_optional_branch_question)
{
    lint(FORM_HEAD "  - id: more\n"
                   "    title: More\n"
                   "    questions:\n"
                   "      - {id: extra, type: text, label: Extra, when: "
                   "fault is out}\n");
    expect_sev(FB_WARNING, "lint-optional-branch", 7, 13,
               "whether question 'extra' is asked depends on it");
}
END_TEST

START_TEST(lint_optional_branch_answered_and_required_quiet)
{
    lint(LINT_HEAD "      - {id: extra, type: text, label: Extra, when: "
                   "name answered and not age answered}\n");
    expect_clean();
}
END_TEST

/* ---- lint: question labels in default messages --------------------------- */

START_TEST(lint_question_label_required)
{
    lint(FORM_HEAD "      - {id: extra, type: text, label: What is your "
                   "job, required: true, validate: {max_length: 50}}\n");
    expect_sev(FB_WARNING, "lint-question-label", 32, 40,
               "would not read well for 'required' and 'max_length'; add "
               "'summary_label:'");
}
END_TEST

START_TEST(lint_question_label_number_format)
{
    lint(FORM_HEAD "      - {id: extra, type: number, label: How many "
                   "bins?, validate: {max: {value: 3, message: Three at "
                   "most}}}\n");
    const struct fb_diag *d = expect_sev(FB_WARNING, "lint-question-label",
                                         32, 42, "its number format check;");
    ck_assert_ptr_null(strstr(d->message, "write each"));
}
END_TEST

START_TEST(lint_question_label_quiet)
{
    /* A summary_label, every message written, or only fixed messages. */
    lint(FORM_HEAD "  - id: some\n"
                   "    title: Some\n"
                   "    questions:\n"
                   "      - {id: q1, type: number, label: How many?, "
                   "summary_label: Bins}\n"
                   "      - {id: q2, type: text, label: Why?, required: "
                   "Say why, validate: {max_length: {value: 9, message: "
                   "Be brief}}}\n"
                   "      - {id: q3, type: checkboxes, label: Which?, "
                   "options: [A, B], validate: {max_selected: 1}}\n"
                   "  - id: more\n"
                   "    title: More\n"
                   "    questions:\n"
                   "      - {id: q4, type: declaration, label: Do you "
                   "agree?}\n");
    expect_clean();
}
END_TEST

START_TEST(lint_strict_makes_errors)
{
    cc.strict = true;
    lint(FORM_HEAD "      - id: agree\n"
                   "        type: radios\n"
                   "        label: Do you agree?\n"
                   "        options: [{value: yes, label: I agree}]\n");
    expect("lint-single-radio", 35, 9, "one radio button");
}
END_TEST

/* ---- the flow analysis against the driver ------------------------------ */

/* Each condition below is put on a page's `when`; the checks say whether
 * it is never true, always true or neither, and the driver's own
 * fb_cond_eval() is run over many answers that keep the questions' rules,
 * on many days as today. A verdict must hold for every one of them (no
 * false report), and must be the expected one (the analysis finds what it
 * should). */

/* Every question required and on a page without a `when`, so the
 * analysis takes them as answered; pc is optional. Page b's `when` is
 * the case's. */
#define FLOW_FORM                                                          \
    "form: t\ntitle: T\npages:\n  - id: a\n    title: A\n"                 \
    "    questions:\n"                                                     \
    "      - {id: ref, type: text, label: Ref, required: true}\n"          \
    "      - {id: pc, type: postcode, label: Postcode}\n"                  \
    "      - {id: home, type: address, label: Home, required: true, "      \
    "validate: {in_area: [SK, M1]}}\n"                                     \
    "      - {id: dob, type: date, label: Born, required: true, "          \
    "validate: {past: true}}\n"                                            \
    "      - {id: n, type: number, label: N, required: true, "             \
    "validate: {integer: true, min: 1, max: 5}}\n"                         \
    "      - {id: pick, type: autocomplete, label: Pick, required: true, " \
    "options: [{value: apple, label: Apple}, {value: apricot, label: "     \
    "Apricot}, {value: banana, label: Banana}]}\n"                         \
    "  - id: b\n    title: B\n    when: %s\n    questions:\n"              \
    "      - {id: x, type: text, label: X}\n"

enum verdict { NEITHER, NEVER, ALWAYS };

static const struct {
    const char *when;
    enum verdict verdict;
} cases[] = {
    /* text */
    {"ref is \"AB\" and ref is \"ab\"", NEVER},
    {"ref is \"AB\" or ref is not \"AB\"", ALWAYS},
    {"ref starts with \"AB\" and not (ref starts with \"ab\")", NEVER},
    {"ref starts with \"AB\" and not (ref starts with \"abc\")", NEITHER},
    {"ref starts with \"ab\" and ref is \"Ab1\"", NEITHER},
    {"ref is \"AB\" and not (ref starts with \"a\")", NEVER},
    {"ref in [\"x1\", \"X1\"] or ref starts with \"x\"", NEITHER},
    {"ref in [\"x1\", \"X1\"] and not (ref starts with \"x\")", NEVER},
    {"ref starts with \"a\" or ref starts with \"b\"", NEITHER},
    {"pc is \"sk1 1aa\"", NEVER},
    {"pc is \"SK1 1AA\" or pc starts with \"m\"", NEITHER},
    {"pc starts with \"SK1\" and not (postcode of home in [SK])", NEITHER},
    /* postcodes */
    {"postcode of home in [SK, M1]", ALWAYS},
    {"postcode of home in [SK, M]", ALWAYS},
    {"postcode of home in [SK]", NEITHER},
    {"postcode of home in [M2, SW1A]", NEVER},
    {"postcode of home in [SK1] and postcode of home in [SK10]", NEVER},
    {"postcode of home in [SK1] and postcode of home in [SK]", NEITHER},
    {"postcode of home in [SK1, SK10]", NEITHER},
    {"postcode of pc in [SK1] and not (postcode of pc in [SK])", NEVER},
    {"postcode of pc in [SK] or not (postcode of pc in [SK])", ALWAYS},
    {"postcode of pc in [M]", NEITHER},
    /* dates */
    {"dob > today", NEVER},
    {"dob >= today", NEVER},
    {"dob < today", ALWAYS},
    {"dob is today-1d", NEITHER},
    {"dob < today-1d", NEITHER},
    {"dob > 2099-12-30", NEVER},
    {"dob > 2010-01-01 and dob < 2009-12-31", NEVER},
    {"dob > 2010-01-01 and dob < today-6570d", NEITHER},
    {"dob > today-2d and dob is not today-1d", NEVER},
    {"dob <= 2000-01-01 or dob > 2000-01-01", ALWAYS},
    {"dob < 2000-01-01", NEITHER},
    /* in */
    {"pick in [apple, apricot, banana]", ALWAYS},
    {"pick in [apple, apricot]", NEITHER},
    {"pick starts with \"ap\" or pick is banana", ALWAYS},
    {"pick starts with \"ap\" and pick is banana", NEVER},
    {"n in [0, 6, 2.5]", NEVER},
    {"n in [1, 2, 3, 4, 5]", ALWAYS},
    {"n in [1, 5] and n > 1", NEITHER},
    /* mixed */
    {"(n in [2] and dob < today-1d) or ref starts with \"z\"", NEITHER},
    {"n < 3 and pick is apple and postcode of home in [SK2]", NEITHER},
};

/* The answers tried: each list in full, combined. */
static const char *const refs[] = {"AB", "ab", "Ab1", "ABC", "abc1", "x1",
                                   "X1", "b", "zz"};
static const char *const pcs[] = {NULL, "SK1 1AA", "SK10 2BB", "M1 1AA",
                                  "SK2 3CD", "M2 4EF"};
static const char *const homes[] = {"SK1 1AA", "SK10 1AA", "SK2 1AA",
                                    "M1 1AA", "M2 1AA"};
static const char *const ns[] = {"1", "2", "5", "0"};
static const char *const picks[] = {"apple", "apricot", "banana"};
/* dob: days before today, then fixed days */
static const int dob_back[] = {1, 2, 6570, 6571};
static const struct fb_date dob_fixed[] = {
    {1999, 12, 31}, {2000, 1, 1}, {2009, 12, 31}, {2010, 1, 1},
    {2010, 1, 2}};
static const struct fb_date todays[] = {
    {2000, 1, 1}, {2000, 1, 2}, {2010, 1, 2}, {2010, 1, 3},
    {2028, 1, 1}, {2099, 12, 31}};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Whether the answers keep the form's rules on @p today (the test keeps
 * them by hand: in_area, past, min, max and integer). */
static bool
keeps_rules(const char *home, const char *n, const struct fb_date *dob,
            const struct fb_date *today)
{
    bool in_area = strncmp(home, "SK", 2) == 0 ||
                   strncmp(home, "M1 ", 3) == 0;
    long v = strtol(n, NULL, 10);
    return in_area && fb_date_cmp(dob, today) < 0 && v >= 1 && v <= 5;
}

START_TEST(verdicts_hold_on_every_answer)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml, FLOW_FORM, cases[_i].when);
    struct fb_form *form = check(yaml);
    enum verdict got = count("unreachable-page")   ? NEVER
                       : count("when-always-true") ? ALWAYS
                                                   : NEITHER;
    for (size_t i = 0; i < cc.n_diags; i++)
        if (strcmp(cc.diags[i].id, "unreachable-page") != 0 &&
            strcmp(cc.diags[i].id, "when-always-true") != 0)
            ck_abort_msg("'%s': unexpected %s: %s", cases[_i].when,
                         cc.diags[i].id, cc.diags[i].message);
    cc.n_diags = 0; /* lowering wants a form without errors */
    struct fb_lowered *lw = fb_lower_form(&cc, form);
    const struct fb_cond_desc *when = fb_form_find_page(lw->desc, "b")->when;
    struct fb_answers *a = fb_answers_new();
    ck_assert_ptr_nonnull(a);
    size_t tried = 0, held = 0;
    for (size_t t = 0; t < N(todays); t++)
        for (size_t d = 0; d < N(dob_back) + N(dob_fixed); d++) {
            struct fb_date dob = d < N(dob_back)
                                     ? fb_date_add_days(todays[t],
                                                        -dob_back[d])
                                     : dob_fixed[d - N(dob_back)];
            char iso[FB_DATE_ISO_SIZE];
            fb_date_iso(&dob, iso);
            for (size_t k = 0; k < N(refs) * N(pcs) * N(homes) * N(ns) *
                                       N(picks);
                 k++) {
                size_t r = k;
                const char *ref = refs[r % N(refs)];
                r /= N(refs);
                const char *pc = pcs[r % N(pcs)];
                r /= N(pcs);
                const char *home = homes[r % N(homes)];
                r /= N(homes);
                const char *n = ns[r % N(ns)];
                r /= N(ns);
                const char *pick = picks[r % N(picks)];
                if (!keeps_rules(home, n, &dob, &todays[t]))
                    continue;
                fb_answers_clear(a);
                fb_answers_set(a, "ref", ref);
                if (pc)
                    fb_answers_set(a, "pc", pc);
                fb_answers_set(a, "home.line1", "1 High Street");
                fb_answers_set(a, "home.postcode", home);
                fb_answers_set(a, "dob", iso);
                fb_answers_set(a, "n", n);
                fb_answers_set(a, "pick", pick);
                bool v = fb_cond_eval(when, a, &todays[t]);
                tried++;
                held += v;
                ck_assert_msg(!(got == NEVER && v) && !(got == ALWAYS && !v),
                              "'%s' is reported %s, but holds %s for ref "
                              "%s, pc %s, home %s, dob %s, n %s, pick %s "
                              "on %04d-%02d-%02d",
                              cases[_i].when,
                              got == NEVER ? "never true" : "always true",
                              v ? "true" : "false", ref, pc ? pc : "-",
                              home, iso, n, pick, todays[t].year,
                              todays[t].month, todays[t].day);
            }
        }
    fb_answers_free(a);
    ck_assert_uint_gt(tried, 0);
    ck_assert_msg(got == cases[_i].verdict,
                  "'%s': reported %d, expected %d (held on %zu of %zu)",
                  cases[_i].when, got, cases[_i].verdict, held, tried);
}
END_TEST

static Suite *
check_suite(void)
{
    Suite *s = suite_create("check");
    TCase *t = tcase_create("ids and conditions");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, clean_form_resolves_references);
    tcase_add_test(t, duplicate_question_id);
    tcase_add_test(t, duplicate_page_id);
    tcase_add_test(t, question_id_may_equal_page_id);
    tcase_add_test(t, when_unknown_question);
    tcase_add_test(t, when_names_a_page);
    tcase_add_test(t, when_later_question_on_page);
    tcase_add_test(t, when_later_page);
    tcase_add_test(t, question_when_earlier_page_is_fine);
    tcase_add_test(t, question_when_same_page);
    tcase_add_test(t, question_when_same_page_radios_says_reveal);
    tcase_add_test(t, question_when_same_page_later);
    tcase_add_test(t, question_when_follow_up_tests_revealer);
    tcase_add_test(t, question_when_later_page);
    tcase_add_test(t, question_when_itself);
    tcase_add_test(t, when_unknown_option);
    tcase_add_test(t, when_unknown_option_lists_options);
    tcase_add_test(t, when_yes_no_options);
    tcase_add_test(t, when_yes_no_unknown);
    tcase_add_test(t, when_has_on_radios);
    tcase_add_test(t, when_is_on_checkboxes);
    tcase_add_test(t, when_is_not_on_checkboxes);
    tcase_add_test(t, when_comparison_on_text);
    tcase_add_test(t, when_number_needs_number);
    tcase_add_test(t, when_date_needs_date);
    tcase_add_test(t, when_dates_and_numbers_fine);
    tcase_add_test(t, when_is_on_free_text);
    tcase_add_test(t, when_relative_date_typo);
    suite_add_tcase(s, t);

    TCase *r = tcase_create("reveals and rules");
    tcase_add_checked_fixture(r, setup, teardown);
    tcase_add_test(r, reveal_unknown_question);
    tcase_add_test(r, reveal_other_page);
    tcase_add_test(r, reveal_before_revealer);
    tcase_add_test(r, reveal_twice);
    tcase_add_test(r, rule_min_above_max);
    tcase_add_test(r, rule_lengths);
    tcase_add_test(r, rule_selected);
    tcase_add_test(r, rule_selected_above_options);
    tcase_add_test(r, rule_dates_fixed);
    tcase_add_test(r, rule_dates_relative);
    tcase_add_test(r, rule_dates_next_day);
    tcase_add_test(r, rule_dates_one_day_between);
    tcase_add_test(r, rule_times_strict);
    tcase_add_test(r, rule_times_with_a_minute_between);
    tcase_add_test(r, rule_money_min_above_max);
    tcase_add_test(r, rule_dates_mixed_are_not_judged);
    tcase_add_test(r, rule_past_and_future);
    tcase_add_test(r, rule_integer_bound_warns);
    tcase_add_test(r, rule_integer_no_whole_number);
    tcase_add_test(r, matches_resolves);
    tcase_add_test(r, matches_text_confirms_email);
    tcase_add_test(r, matches_unknown_question);
    tcase_add_test(r, matches_later_question);
    tcase_add_test(r, matches_type);
    tcase_add_test(r, bad_regex_column);
    tcase_add_test(r, bad_regex_plain_scalar);
    tcase_add_loop_test(r, regex_backtracking_shapes, 0,
                        sizeof backtracking / sizeof *backtracking);
    suite_add_tcase(s, r);

    TCase *u = tcase_create("reachability");
    tcase_add_checked_fixture(u, setup, teardown);
    tcase_add_test(u, unreachable_after_exit);
    tcase_add_test(u, unreachable_two_values);
    tcase_add_test(u, unreachable_is_and_is_not);
    tcase_add_test(u, unreachable_tautology_negated);
    tcase_add_test(u, reachable_conditions_pass);
    tcase_add_test(u, comparisons_are_judged);
    tcase_add_test(u, unreachable_question);
    suite_add_tcase(s, u);

    TCase *l = tcase_create("lint");
    tcase_add_checked_fixture(l, setup, teardown);
    tcase_add_test(l, lint_clean_form);
    tcase_add_test(l, lint_label_empty);
    tcase_add_test(l, lint_label_repeated);
    tcase_add_test(l, lint_hint_long);
    tcase_add_test(l, lint_link_text);
    tcase_add_test(l, lint_link_text_good);
    tcase_add_test(l, lint_link_in_block_scalar);
    tcase_add_test(l, lint_title_empty);
    tcase_add_test(l, lint_single_radio);
    tcase_add_test(l, lint_too_many_questions);
    tcase_add_test(l, lint_revealed_questions_not_counted);
    tcase_add_test(l, lint_options_case);
    tcase_add_test(l, lint_option_repeated);
    tcase_add_test(l, lint_exit_without_content);
    tcase_add_test(l, lint_input_purpose_name);
    tcase_add_test(l, lint_input_purpose_first_and_last_name);
    tcase_add_test(l, lint_input_purpose_email_suggests_type);
    tcase_add_test(l, lint_input_purpose_phone);
    tcase_add_test(l, lint_input_purpose_address_and_postcode);
    tcase_add_test(l, lint_input_purpose_business_name);
    tcase_add_test(l, lint_input_purpose_quiet);
    tcase_add_test(l, lint_input_purpose_autocomplete_or_type_quiet);
    tcase_add_test(l, lint_optional_branch_page);
    tcase_add_test(l, lint_optional_branch_exit_reported_once);
    tcase_add_test(l, lint_optional_branch_question);
    tcase_add_test(l, lint_optional_branch_answered_and_required_quiet);
    tcase_add_test(l, lint_question_label_required);
    tcase_add_test(l, lint_question_label_number_format);
    tcase_add_test(l, lint_question_label_quiet);
    tcase_add_test(l, lint_strict_makes_errors);
    suite_add_tcase(s, l);
    TCase *fl = tcase_create("flow against the driver");
    tcase_add_checked_fixture(fl, setup, teardown);
    tcase_add_loop_test(fl, verdicts_hold_on_every_answer, 0, N(cases));
    suite_add_tcase(s, fl);
    return s;
}

int
main(void)
{
    SRunner *r = srunner_create(check_suite());
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
