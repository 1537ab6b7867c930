/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the answer multi-map (answers.h) and the error list
 * (errors.h) of the runtime library: ordering, replacing, removing a
 * question with its parts, copying, one error per question and part, and
 * errors worded from a message id or the author's text.
 */
#include "formbuilder/answers.h"
#include "formbuilder/errors.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

static struct fb_answers *a;

static void
setup(void)
{
    a = fb_answers_new();
    ck_assert_ptr_nonnull(a);
}

static void
teardown(void)
{
    fb_answers_free(a);
}

START_TEST(new_set_is_empty)
{
    ck_assert_uint_eq(fb_answers_size(a), 0);
    ck_assert_ptr_null(fb_answers_get(a, "x"));
    ck_assert_uint_eq(fb_answers_count(a, "x"), 0);
    ck_assert(!fb_answers_at(a, 0, NULL, NULL));
    ck_assert(!fb_answers_failed(a));
}
END_TEST

START_TEST(add_keeps_insertion_order)
{
    const char *n, *v;

    ck_assert_int_eq(fb_answers_add(a, "b", "1"), 0);
    ck_assert_int_eq(fb_answers_add(a, "a", "2"), 0);
    ck_assert_int_eq(fb_answers_add(a, "b", "3"), 0);
    ck_assert_uint_eq(fb_answers_size(a), 3);
    ck_assert(fb_answers_at(a, 0, &n, &v));
    ck_assert_str_eq(n, "b");
    ck_assert_str_eq(v, "1");
    ck_assert(fb_answers_at(a, 1, &n, NULL));
    ck_assert_str_eq(n, "a");
    ck_assert(fb_answers_at(a, 2, NULL, &v));
    ck_assert_str_eq(v, "3");
    ck_assert(!fb_answers_at(a, 3, &n, &v));
}
END_TEST

START_TEST(add_copies_strings)
{
    char name[] = "colour", value[] = "red";

    fb_answers_add(a, name, value);
    name[0] = 'X';
    value[0] = 'X';
    ck_assert_str_eq(fb_answers_get(a, "colour"), "red");
}
END_TEST

START_TEST(multiple_values_are_counted_and_indexed)
{
    fb_answers_add(a, "pets", "cat");
    fb_answers_add(a, "other", "x");
    fb_answers_add(a, "pets", "dog");
    ck_assert_uint_eq(fb_answers_count(a, "pets"), 2);
    ck_assert_str_eq(fb_answers_get(a, "pets"), "cat");
    ck_assert_str_eq(fb_answers_get_nth(a, "pets", 1), "dog");
    ck_assert_ptr_null(fb_answers_get_nth(a, "pets", 2));
    ck_assert(fb_answers_has(a, "pets", "dog"));
    ck_assert(!fb_answers_has(a, "pets", "x"));
    ck_assert(!fb_answers_has(a, "pets", NULL));
}
END_TEST

START_TEST(set_replaces_all_values_in_place)
{
    const char *n, *v;

    fb_answers_add(a, "first", "1");
    fb_answers_add(a, "q", "a");
    fb_answers_add(a, "mid", "2");
    fb_answers_add(a, "q", "b");
    ck_assert_int_eq(fb_answers_set(a, "q", "c"), 0);
    ck_assert_uint_eq(fb_answers_count(a, "q"), 1);
    ck_assert_str_eq(fb_answers_get(a, "q"), "c");
    ck_assert_uint_eq(fb_answers_size(a), 3);
    fb_answers_at(a, 1, &n, &v);
    ck_assert_str_eq(n, "q");
    fb_answers_at(a, 2, &n, &v);
    ck_assert_str_eq(n, "mid");
}
END_TEST

START_TEST(set_new_name_appends)
{
    ck_assert_int_eq(fb_answers_set(a, "q", "v"), 0);
    ck_assert_str_eq(fb_answers_get(a, "q"), "v");
    ck_assert_uint_eq(fb_answers_size(a), 1);
}
END_TEST

START_TEST(set_accepts_own_value)
{
    fb_answers_add(a, "q", "same");
    ck_assert_int_eq(fb_answers_set(a, "q", fb_answers_get(a, "q")), 0);
    ck_assert_str_eq(fb_answers_get(a, "q"), "same");
}
END_TEST

START_TEST(remove_drops_every_value_of_name_only)
{
    fb_answers_add(a, "q", "1");
    fb_answers_add(a, "qq", "2");
    fb_answers_add(a, "q", "3");
    fb_answers_remove(a, "q");
    ck_assert_uint_eq(fb_answers_size(a), 1);
    ck_assert_str_eq(fb_answers_get(a, "qq"), "2");
    fb_answers_remove(a, "absent");
    ck_assert_uint_eq(fb_answers_size(a), 1);
}
END_TEST

START_TEST(remove_prefix_takes_parts)
{
    static const char *const names[] = {
        "dob", "dob-day", "dob.x", "dobby", "do", "other", "dob_2",
    };
    const char *n;

    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        fb_answers_add(a, names[i], "v");
    fb_answers_remove_prefix(a, "dob");
    ck_assert_uint_eq(fb_answers_size(a), 4);
    fb_answers_at(a, 0, &n, NULL);
    ck_assert_str_eq(n, "dobby");
    fb_answers_at(a, 1, &n, NULL);
    ck_assert_str_eq(n, "do");
    fb_answers_at(a, 2, &n, NULL);
    ck_assert_str_eq(n, "other");
    fb_answers_at(a, 3, &n, NULL);
    ck_assert_str_eq(n, "dob_2");
}
END_TEST

START_TEST(clear_empties_and_allows_reuse)
{
    fb_answers_add(a, "q", "1");
    fb_answers_clear(a);
    ck_assert_uint_eq(fb_answers_size(a), 0);
    fb_answers_add(a, "r", "2");
    ck_assert_str_eq(fb_answers_get(a, "r"), "2");
}
END_TEST

START_TEST(copy_appends_everything)
{
    struct fb_answers *b = fb_answers_new();

    fb_answers_add(a, "x", "1");
    fb_answers_add(b, "y", "2");
    fb_answers_add(b, "y", "3");
    ck_assert_int_eq(fb_answers_copy(a, b), 0);
    ck_assert_uint_eq(fb_answers_size(a), 3);
    ck_assert_str_eq(fb_answers_get_nth(a, "y", 1), "3");
    fb_answers_free(b);
}
END_TEST

START_TEST(copy_into_itself_doubles)
{
    fb_answers_add(a, "x", "1");
    fb_answers_add(a, "y", "2");
    ck_assert_int_eq(fb_answers_copy(a, a), 0);
    ck_assert_uint_eq(fb_answers_size(a), 4);
    ck_assert_uint_eq(fb_answers_count(a, "x"), 2);
}
END_TEST

START_TEST(hundreds_of_fields)
{
    char name[32], value[32];

    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "f%d", i);
        snprintf(value, sizeof value, "v%d", i);
        ck_assert_int_eq(fb_answers_add(a, name, value), 0);
    }
    ck_assert_uint_eq(fb_answers_size(a), 500);
    ck_assert_str_eq(fb_answers_get(a, "f499"), "v499");
    fb_answers_remove_prefix(a, "f1");
    ck_assert_uint_eq(fb_answers_size(a), 499);
    ck_assert_str_eq(fb_answers_get(a, "f10"), "v10");
}
END_TEST

START_TEST(free_null_is_noop)
{
    fb_answers_free(NULL);
    fb_errors_free(NULL);
}
END_TEST

/* An error on question @p q (anchor @p anchor, -1 = whole question) worded
 * by the author's text @p text. */
static struct fb_error
author_error(const char *q, const char *anchor, int part,
             const struct fb_i18n *text)
{
    return (struct fb_error){.question = q, .anchor = anchor, .part = part,
                             .text = text};
}

static const struct fb_i18n enter_name = {{"Enter your name"}};
static const struct fb_i18n enter_date = {{"Enter a date"}};

START_TEST(errors_keep_order_and_copies)
{
    struct fb_errors *e = fb_errors_new();
    char q[] = "name";
    char anchor[] = "name";
    char buf[128];
    struct fb_error err = author_error(q, anchor, -1, &enter_name);

    ck_assert_int_eq(fb_errors_add(e, &err), 0);
    err = author_error("dob", "dob-day", -1, &enter_date);
    ck_assert_int_eq(fb_errors_add(e, &err), 0);
    /* question and anchor are copies */
    q[0] = 'X';
    anchor[0] = 'X';
    ck_assert_uint_eq(fb_errors_count(e), 2);
    ck_assert_str_eq(fb_errors_at(e, 0)->question, "name");
    ck_assert_str_eq(fb_errors_at(e, 0)->anchor, "name");
    ck_assert_str_eq(fb_error_message(fb_errors_at(e, 0), FB_LANG_EN, buf,
                                      sizeof buf),
                     "Enter your name");
    ck_assert_str_eq(fb_errors_at(e, 1)->question, "dob");
    ck_assert_str_eq(fb_errors_at(e, 1)->anchor, "dob-day");
    ck_assert_ptr_null(fb_errors_at(e, 2));
    ck_assert(!fb_errors_failed(e));
    fb_errors_free(e);
}
END_TEST

START_TEST(errors_message_id_worded_with_noun)
{
    struct fb_errors *e = fb_errors_new();
    static const struct fb_i18n noun = {{"Your full name"}};
    struct fb_error err = {
        .question = "name", .anchor = "name", .part = -1,
        .msg = FB_MSG_ENTER, .args = {.noun = &noun},
    };
    char buf[128];

    ck_assert_int_eq(fb_errors_add(e, &err), 0);
    ck_assert_str_eq(fb_error_message(fb_errors_at(e, 0), FB_LANG_EN, buf,
                                      sizeof buf),
                     "Enter your full name");
    fb_errors_free(e);
}
END_TEST

START_TEST(errors_author_text_in_each_language)
{
    static const struct fb_i18n text = {{"Tell us {object}", "Dywedwch"}};
    static const struct fb_i18n noun = {{"Your story"}};
    struct fb_error err = {.question = "story", .part = -1, .text = &text,
                           .msg = FB_MSG_ENTER, .args = {.noun = &noun}};
    char buf[128];

    ck_assert_str_eq(fb_error_message(&err, FB_LANG_EN, buf, sizeof buf),
                     "Tell us your story");
    ck_assert_str_eq(fb_error_message(&err, FB_LANG_CY, buf, sizeof buf),
                     "Dywedwch");
}
END_TEST

START_TEST(errors_second_for_question_and_part_ignored)
{
    struct fb_errors *e = fb_errors_new();
    static const struct fb_i18n first = {{"first"}}, second = {{"second"}};
    struct fb_error err = author_error("dob", "dob-day", -1, &first);
    char buf[64];

    fb_errors_add(e, &err);
    err = author_error("dob", "dob-year", -1, &second);
    ck_assert_int_eq(fb_errors_add(e, &err), 0);
    ck_assert_uint_eq(fb_errors_count(e), 1);
    ck_assert_str_eq(fb_error_message(fb_errors_find(e, "dob"), FB_LANG_EN,
                                      buf, sizeof buf),
                     "first");
    ck_assert_str_eq(fb_errors_find(e, "dob")->anchor, "dob-day");
    ck_assert(!fb_errors_failed(e));
    fb_errors_free(e);
}
END_TEST

START_TEST(errors_one_per_part)
{
    struct fb_errors *e = fb_errors_new();
    static const struct fb_i18n l1 = {{"line 1"}}, pc = {{"postcode"}};
    struct fb_error err = author_error("home", "home-line1", 0, &l1);

    ck_assert_int_eq(fb_errors_add(e, &err), 0);
    err = author_error("home", "home-postcode", 3, &pc);
    ck_assert_int_eq(fb_errors_add(e, &err), 0);
    ck_assert_int_eq(fb_errors_add(e, &err), 0); /* same part again */
    ck_assert_uint_eq(fb_errors_count(e), 2);
    ck_assert_str_eq(fb_errors_find_part(e, "home", 0)->anchor, "home-line1");
    ck_assert_str_eq(fb_errors_find_part(e, "home", 3)->anchor,
                     "home-postcode");
    ck_assert_ptr_null(fb_errors_find_part(e, "home", 2));
    ck_assert_ptr_null(fb_errors_find_part(e, "home", -1));
    /* the first error of the question is its first part's */
    ck_assert_int_eq(fb_errors_find(e, "home")->part, 0);
    fb_errors_free(e);
}
END_TEST

START_TEST(errors_find_and_clear)
{
    struct fb_errors *e = fb_errors_new();
    static const struct fb_i18n m = {{"m"}};

    ck_assert_ptr_null(fb_errors_find(e, "q"));
    for (int i = 0; i < 40; i++) {
        char q[16];
        snprintf(q, sizeof q, "q%d", i);
        struct fb_error err = author_error(q, q, -1, &m);
        fb_errors_add(e, &err);
    }
    ck_assert_uint_eq(fb_errors_count(e), 40);
    ck_assert_str_eq(fb_errors_find(e, "q39")->question, "q39");
    fb_errors_clear(e);
    ck_assert_uint_eq(fb_errors_count(e), 0);
    ck_assert_ptr_null(fb_errors_find(e, "q39"));
    fb_errors_free(e);
}
END_TEST

START_TEST(errors_null_anchor_uses_question)
{
    struct fb_errors *e = fb_errors_new();
    struct fb_error err = {.question = "q", .part = -1, .msg = FB_MSG_ENTER};

    ck_assert_int_eq(fb_errors_add(e, &err), 0);
    ck_assert_str_eq(fb_errors_at(e, 0)->anchor, "q");
    ck_assert_ptr_null(fb_errors_at(e, 0)->text);
    fb_errors_free(e);
}
END_TEST

START_TEST(errors_null_question_fails_the_list)
{
    struct fb_errors *e = fb_errors_new();
    struct fb_error err = {.question = NULL, .anchor = "a", .part = -1};

    ck_assert(!fb_errors_failed(e));
    ck_assert_int_eq(fb_errors_add(e, &err), -1);
    ck_assert(fb_errors_failed(e));
    ck_assert_uint_eq(fb_errors_count(e), 0);
    /* clearing forgets the failure */
    fb_errors_clear(e);
    ck_assert(!fb_errors_failed(e));
    fb_errors_free(e);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("answers");
    TCase *t = tcase_create("answers");
    TCase *e = tcase_create("errors");

    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, new_set_is_empty);
    tcase_add_test(t, add_keeps_insertion_order);
    tcase_add_test(t, add_copies_strings);
    tcase_add_test(t, multiple_values_are_counted_and_indexed);
    tcase_add_test(t, set_replaces_all_values_in_place);
    tcase_add_test(t, set_new_name_appends);
    tcase_add_test(t, set_accepts_own_value);
    tcase_add_test(t, remove_drops_every_value_of_name_only);
    tcase_add_test(t, remove_prefix_takes_parts);
    tcase_add_test(t, clear_empties_and_allows_reuse);
    tcase_add_test(t, copy_appends_everything);
    tcase_add_test(t, copy_into_itself_doubles);
    tcase_add_test(t, hundreds_of_fields);
    tcase_add_test(e, free_null_is_noop);
    tcase_add_test(e, errors_keep_order_and_copies);
    tcase_add_test(e, errors_message_id_worded_with_noun);
    tcase_add_test(e, errors_author_text_in_each_language);
    tcase_add_test(e, errors_second_for_question_and_part_ignored);
    tcase_add_test(e, errors_one_per_part);
    tcase_add_test(e, errors_find_and_clear);
    tcase_add_test(e, errors_null_anchor_uses_question);
    tcase_add_test(e, errors_null_question_fails_the_list);
    suite_add_tcase(s, t);
    suite_add_tcase(s, e);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
