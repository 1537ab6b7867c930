/* SPDX-License-Identifier: MIT */
/*
 * Out of memory is visible: a field reader or the driver that runs out of
 * memory must fail the page (fb_validate_page() false, which the server
 * answers with a 500), never tell the resident their answer is in the
 * wrong format. Allocations are made to fail one at a time with
 * failmalloc (ld --wrap, tests/failmalloc/), over a page that asks every
 * question type with answers long enough to need the heap.
 */
#include "formbuilder/driver.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "failmalloc.h"
#include "formbuilder/validate.h"

#define EN(s) {{s, NULL}}
#define N(a) (sizeof(a) / sizeof *(a))

static const struct fb_date today = {2025, 6, 1};

/* Longer than a set holds without the heap (FB_ANSWERS_INLINE_BYTES). */
static char long_text[600];
/* A question id that makes its part names too long for the stack. */
#define LONG_ID                                                              \
    "home_address_with_a_name_long_enough_that_every_part_name_built_"      \
    "from_it_needs_the_heap_rather_than_the_buffer_on_the_stack_of_the_"    \
    "reader"

static struct fb_option_desc many_options[100];
static char option_values[100][8];

static const struct fb_question_desc q_text = {
    .id = "story", .type = FB_Q_TEXTAREA, .noun = EN("Your story"),
    .required = true,
};
static const struct fb_question_desc q_crlf = {
    .id = "lines", .type = FB_Q_TEXTAREA, .noun = EN("Your lines"),
};
static const struct fb_question_desc q_email = {
    .id = "email", .type = FB_Q_EMAIL, .noun = EN("Your email address"),
};
static const struct fb_question_desc q_phone = {
    .id = "phone", .type = FB_Q_PHONE, .noun = EN("Your phone number"),
};
static const struct fb_rule_desc same_phone[] = {
    {.kind = FB_RULE_MATCHES, .other = &q_phone},
};
static const struct fb_question_desc q_phone_again = {
    .id = "phone_again", .type = FB_Q_PHONE,
    .noun = EN("Your phone number again"), .rules = same_phone,
    .n_rules = 1,
};
static const struct fb_question_desc q_number = {
    .id = "amount", .type = FB_Q_NUMBER, .noun = EN("The amount"),
};
static const struct fb_question_desc q_date = {
    .id = LONG_ID "_date", .type = FB_Q_DATE, .noun = EN("The date"),
};
static const struct fb_question_desc q_address = {
    .id = LONG_ID, .type = FB_Q_ADDRESS, .noun = EN("Your address"),
};
static const struct fb_question_desc q_name = {
    .id = "full_name", .type = FB_Q_NAME, .noun = EN("Your name"),
    .parts = FB_NAME_TITLE | FB_NAME_GIVEN | FB_NAME_FAMILY,
};
static const struct fb_question_desc q_long_name = {
    .id = LONG_ID "_name", .type = FB_Q_NAME, .noun = EN("Your name"),
    .parts = FB_NAME_GIVEN | FB_NAME_FAMILY,
};
static const struct fb_question_desc q_whole_name = {
    .id = "whole_name", .type = FB_Q_NAME, .noun = EN("Your name"),
};
static const struct fb_question_desc q_ticks = {
    .id = "ticks", .type = FB_Q_CHECKBOXES, .noun = EN("Your choices"),
    .options = many_options, .n_options = N(many_options),
};
static const struct fb_question_desc q_listed = {
    .id = "listed", .type = FB_Q_AUTOCOMPLETE, .noun = EN("Your pick"),
    .options = many_options, .n_options = N(many_options),
};
static const struct fb_question_desc q_money = {
    .id = "money", .type = FB_Q_MONEY, .noun = EN("The amount of money"),
};
static const struct fb_question_desc q_time = {
    .id = "time", .type = FB_Q_TIME, .noun = EN("The time"),
};
static const struct fb_question_desc q_ni = {
    .id = "ni", .type = FB_Q_NI_NUMBER, .noun = EN("Your NI number"),
};
static const struct fb_option_desc yes_no[] = {
    {.value = "yes"}, {.value = "no"},
};
static const struct fb_question_desc q_radios = {
    .id = "radios", .type = FB_Q_RADIOS, .noun = EN("Your choice"),
    .options = many_options, .n_options = N(many_options),
};
static const struct fb_question_desc q_select = {
    .id = "select", .type = FB_Q_SELECT, .noun = EN("Your choice"),
    .options = many_options, .n_options = N(many_options),
};
static const struct fb_question_desc q_yes_no = {
    .id = "agree", .type = FB_Q_YES_NO, .noun = EN("Whether you agree"),
    .options = yes_no, .n_options = N(yes_no),
};
static const struct fb_question_desc q_declaration = {
    .id = "declare", .type = FB_Q_DECLARATION, .noun = EN("The declaration"),
};
static const struct fb_question_desc q_postcode = {
    .id = "postcode", .type = FB_Q_POSTCODE, .noun = EN("Your postcode"),
};
static const struct fb_question_desc q_slot = {
    .id = "slot", .type = FB_Q_SLOT, .noun = EN("The time slot"),
};
/* left empty: its error is recorded on every run */
static const struct fb_question_desc q_missing = {
    .id = "missing", .type = FB_Q_TEXT, .noun = EN("Your reference"),
    .required = true,
};

static const struct fb_question_desc *const every_q[] = {
    &q_text, &q_crlf,  &q_email, &q_phone, &q_phone_again, &q_number,
    &q_date, &q_address, &q_name, &q_long_name, &q_whole_name, &q_ticks,
    &q_listed,
    &q_money, &q_time, &q_ni, &q_radios, &q_select, &q_yes_no,
    &q_declaration, &q_postcode, &q_slot, &q_missing,
};
static const struct fb_page_desc every_page = {
    .id = "every", .questions = every_q, .n_questions = N(every_q),
};

static struct fb_answers *in;

static void
add(const char *name, const char *value)
{
    ck_assert_int_eq(fb_answers_add(in, name, value), 0);
}

static void
setup(void)
{
    memset(long_text, 'a', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    for (size_t i = 0; i < N(many_options); i++) {
        snprintf(option_values[i], sizeof option_values[i], "o%zu", i);
        many_options[i].value = option_values[i];
        many_options[i].label = (struct fb_i18n)EN(option_values[i]);
    }
    in = fb_answers_new();
    ck_assert_ptr_nonnull(in);
    add("story", long_text);
    add("lines", "one\r\ntwo\rthree");
    add("email", "someone@example.org");
    add("phone", "+44 (0)161 496 0000");
    add("phone_again", "0161 496 0000");
    add("amount", "1,234,567,890,123,456,789,012,345,678,901,234,567,890,"
                  "123,456,789.25");
    add(LONG_ID "_date-day", "29");
    add(LONG_ID "_date-month", "Chwefror");
    add(LONG_ID "_date-year", "2024");
    add(LONG_ID "-line1", "1 High Street");
    add(LONG_ID "-town", "Stockport");
    add(LONG_ID "-postcode", "sk1 3xe");
    add("full_name-title", "Dr");
    add("full_name-given", "  Ann   Marie ");
    add("full_name-family", "Jones");
    add(LONG_ID "_name-given", "Ann");
    add(LONG_ID "_name-family", "Jones");
    add("whole_name", " Ann \t Jones ");
    for (size_t i = 0; i < N(many_options); i += 7)
        add("ticks", option_values[i]);
    add("listed", "  o42 ");
    add("money", "£1,234.50");
    add("time", "2:30pm");
    add("ni", "AB 12 34 56 C");
    add("radios", "o3");
    add("select", "o99");
    add("agree", "yes");
    add("declare", "confirmed");
    add("postcode", " sw1a1aa ");
    add("slot", "2025-06-08T10:00");
}

static void
teardown(void)
{
    fb_answers_free(in);
}

/* What a page's validation produced, to compare runs with. */
struct outcome {
    bool ok;
    struct fb_answers *out;
    struct fb_errors *errs;
};

/* Validates the page with allocation @p fail_at failing (0: none).
 * @returns whether that allocation was reached. */
static bool
run(const struct fb_page_desc *p, long fail_at, struct outcome *o)
{
    bool fired;

    o->out = fb_answers_new();
    o->errs = fb_errors_new();
    ck_assert(o->out && o->errs);
    failmalloc_fail_at(fail_at);
    o->ok = fb_validate_page(p, in, &today, o->out, o->errs);
    fired = failmalloc_fired();
    failmalloc_fail_at(0);
    return fired;
}

static void
done(struct outcome *o)
{
    fb_answers_free(o->out);
    fb_errors_free(o->errs);
}

/* @returns true when @p a and @p b hold the same answers and errors. */
static bool
same(const struct outcome *a, const struct outcome *b)
{
    size_t n = fb_answers_size(a->out);

    if (n != fb_answers_size(b->out) ||
        fb_errors_count(a->errs) != fb_errors_count(b->errs))
        return false;
    for (size_t i = 0; i < n; i++) {
        const char *an, *av, *bn, *bv;

        fb_answers_at(a->out, i, &an, &av);
        fb_answers_at(b->out, i, &bn, &bv);
        if (strcmp(an, bn) != 0 || strcmp(av, bv) != 0)
            return false;
    }
    for (size_t i = 0; i < fb_errors_count(a->errs); i++) {
        const struct fb_error *x = fb_errors_at(a->errs, i);
        const struct fb_error *y = fb_errors_at(b->errs, i);

        if (strcmp(x->question, y->question) != 0 || x->msg != y->msg ||
            x->part != y->part)
            return false;
    }
    return true;
}

/* The plain case: storing a long answer fails. No "wrong format" (nor any
 * other) error, and the page does not pass. */
START_TEST(failed_store_fails_the_page_without_an_error)
{
    const struct fb_question_desc *const qs[] = {&q_text};
    const struct fb_page_desc p = {.id = "p", .questions = qs,
                                   .n_questions = 1};
    struct outcome o;

    ck_assert(run(&p, 1, &o));
    ck_assert(!o.ok);
    ck_assert(fb_answers_failed(o.out));
    ck_assert_uint_eq(fb_errors_count(o.errs), 0);
    ck_assert_ptr_null(fb_answers_get(o.out, "story"));
    done(&o);
    /* and with memory, the same page passes */
    ck_assert(!run(&p, 0, &o));
    ck_assert(o.ok);
    ck_assert_uint_eq(fb_errors_count(o.errs), 0);
    ck_assert_str_eq(fb_answers_get(o.out, "story"), long_text);
    done(&o);
}
END_TEST

/* Every allocation of a page of every reader, failed in turn: each run
 * either fails the page or ends exactly as with memory enough. */
START_TEST(every_failed_allocation_fails_the_page_or_changes_nothing)
{
    struct outcome base, o;
    long n, failed_pages = 0;

    ck_assert(!run(&every_page, 0, &base));
    ck_assert(base.ok);
    ck_assert_uint_eq(fb_errors_count(base.errs), 1); /* "missing" only */
    ck_assert_str_eq(fb_answers_get(base.out, LONG_ID "_date"),
                     "2024-02-29");
    for (n = 1; run(&every_page, n, &o); n++) {
        ck_assert_msg(!o.ok || same(&o, &base),
                      "allocation %ld failed, yet the page passed with "
                      "other answers or errors (%zu errors, first on '%s')",
                      n, fb_errors_count(o.errs),
                      fb_errors_count(o.errs)
                          ? fb_errors_at(o.errs, 0)->question : "-");
        failed_pages += !o.ok;
        done(&o);
    }
    done(&o);
    done(&base);
    /* the sweep reached the readers' own allocations */
    ck_assert_int_gt(n, 20);
    ck_assert_int_gt(failed_pages, 20);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("oom");
    TCase *tc = tcase_create("validation");
    SRunner *sr;
    int failed;

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, failed_store_fails_the_page_without_an_error);
    tcase_add_test(tc,
                   every_failed_allocation_fails_the_page_or_changes_nothing);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
