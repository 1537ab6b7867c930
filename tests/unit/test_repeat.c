/* SPDX-License-Identifier: MIT */
/*
 * Repeating groups in an answer set (runtime/lib/repeat.c) and the
 * conditions over their items (driver.c): items 10 and up are not taken
 * for item 1, removal moves later items down, counts come from the
 * stored count or the names, item paths refuse anything but a plain
 * number, and `count of` / `any` test the items.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "formbuilder/driver.h"
#include "formbuilder/repeat.h"

static const struct fb_repeat_desc group = {.min = 0, .max = 20};
static const struct fb_page_desc people = {.id = "people", .repeat = &group};

/* Item @p i with name "P@p i". */
static void
put(struct fb_answers *raw, size_t i)
{
    struct fb_answers *item = fb_answers_new();
    char v[16];
    snprintf(v, sizeof v, "P%zu", i);
    ck_assert_int_eq(fb_answers_add(item, "name", v), 0);
    ck_assert_int_eq(fb_answers_add(item, "pets", "cat"), 0);
    ck_assert_int_eq(fb_answers_add(item, "pets", "dog"), 0);
    ck_assert_int_eq(fb_repeat_put_item(&people, raw, i, item), 0);
    fb_answers_free(item);
}

static const char *
name_of(const struct fb_answers *raw, size_t i)
{
    static char buf[32];
    snprintf(buf, sizeof buf, "people.%zu.name", i);
    return fb_answers_get(raw, buf);
}

START_TEST(twelve_items_removed_from_the_middle)
{
    struct fb_answers *raw = fb_answers_new();
    for (size_t i = 0; i < 12; i++)
        put(raw, i);
    ck_assert_uint_eq(fb_repeat_count(&people, raw), 12);
    ck_assert_str_eq(fb_answers_get(raw, "people"), "12");
    /* Removing item 1 leaves items 10 and 11 alone until they move. */
    ck_assert_int_eq(fb_repeat_remove_item(&people, raw, 1), 0);
    ck_assert_uint_eq(fb_repeat_count(&people, raw), 11);
    ck_assert_str_eq(name_of(raw, 0), "P0");
    ck_assert_str_eq(name_of(raw, 1), "P2");
    ck_assert_str_eq(name_of(raw, 9), "P10");
    ck_assert_str_eq(name_of(raw, 10), "P11");
    ck_assert_ptr_null(name_of(raw, 11));
    ck_assert_uint_eq(fb_answers_count(raw, "people.9.pets"), 2);
    /* The last, then beyond the end (nothing). */
    ck_assert_int_eq(fb_repeat_remove_item(&people, raw, 10), 0);
    ck_assert_int_eq(fb_repeat_remove_item(&people, raw, 10), 0);
    ck_assert_uint_eq(fb_repeat_count(&people, raw), 10);
    struct fb_answers *item = fb_answers_new();
    ck_assert_int_eq(fb_repeat_item(&people, raw, 9, item), 0);
    ck_assert_str_eq(fb_answers_get(item, "name"), "P10");
    ck_assert_uint_eq(fb_answers_size(item), 3);
    fb_answers_free(item);
    fb_answers_free(raw);
}
END_TEST

START_TEST(count_without_a_stored_count_reads_the_names)
{
    struct fb_answers *out = fb_answers_new();
    ck_assert_uint_eq(fb_repeat_count(&people, out), 0);
    fb_answers_add(out, "people.0.name", "A");
    fb_answers_add(out, "people.2.name", "C");
    fb_answers_add(out, "people_extra.5.name", "not the group");
    fb_answers_add(out, "people.07.name", "not an item number");
    fb_answers_add(out, "people.x.name", "nor this");
    ck_assert_uint_eq(fb_repeat_count(&people, out), 3);
    fb_answers_free(out);
}
END_TEST

START_TEST(item_paths_are_plain_numbers)
{
    ck_assert_int_eq(fb_repeat_parse_item("0"), 0);
    ck_assert_int_eq(fb_repeat_parse_item("49"), 49);
    ck_assert_int_eq(fb_repeat_parse_item("50"), 50);
    const char *bad[] = {"", "01", "-1", "51", "1000", "1a", " 1", "+1",
                         "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(fb_repeat_parse_item(bad[i]) == -1, "'%s'", bad[i]);
    ck_assert_int_eq(fb_repeat_parse_item(NULL), -1);
}
END_TEST

START_TEST(count_of_and_any_test_the_items)
{
    static const struct fb_question_desc kind = {.id = "kind",
                                                 .type = FB_Q_SELECT};
    const struct fb_cond_desc count_gt_1 = {
        .op = FB_COND_GT, .over = FB_COND_OVER_COUNT, .group = "people",
        .value = {.kind = FB_LITERAL_NUMBER, .text = "1", .number = 1}};
    const struct fb_cond_desc count_is_0 = {
        .op = FB_COND_IS, .over = FB_COND_OVER_COUNT, .group = "people",
        .value = {.kind = FB_LITERAL_NUMBER, .text = "0", .number = 0}};
    const struct fb_cond_desc any_dog = {
        .op = FB_COND_IS, .over = FB_COND_OVER_ANY, .group = "people",
        .question = &kind, .value = {.kind = FB_LITERAL_TEXT, .text = "dog"}};
    struct fb_answers *a = fb_answers_new();
    struct fb_date today = {2026, 12, 2};
    ck_assert(fb_cond_eval(&count_is_0, a, &today));
    ck_assert(!fb_cond_eval(&count_gt_1, a, &today));
    ck_assert(!fb_cond_eval(&any_dog, a, &today));
    fb_answers_add(a, "people.0.kind", "cat");
    ck_assert(!fb_cond_eval(&any_dog, a, &today));
    ck_assert(!fb_cond_eval(&count_gt_1, a, &today));
    fb_answers_add(a, "people.1.kind", "dog");
    ck_assert(fb_cond_eval(&any_dog, a, &today));
    ck_assert(fb_cond_eval(&count_gt_1, a, &today));
    ck_assert(!fb_cond_eval(&count_is_0, a, &today));
    /* A plain answer of the same name outside the group is not an item. */
    fb_answers_clear(a);
    fb_answers_add(a, "kind", "dog");
    ck_assert(!fb_cond_eval(&any_dog, a, &today));
    /* The stored count wins over the names (raw answers). */
    fb_answers_add(a, "people", "3");
    ck_assert(fb_cond_eval(&count_gt_1, a, &today));
    fb_answers_free(a);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("repeat");
    TCase *tc = tcase_create("repeat");
    tcase_add_test(tc, twelve_items_removed_from_the_middle);
    tcase_add_test(tc, count_without_a_stored_count_reads_the_names);
    tcase_add_test(tc, item_paths_are_plain_numbers);
    tcase_add_test(tc, count_of_and_any_test_the_items);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
