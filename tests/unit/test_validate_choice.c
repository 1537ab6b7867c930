/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the readers of fixed answers (radios, checkboxes,
 * declarations) and of addresses: option membership, repeated values,
 * option order, missing address parts and bad postcodes.
 */
#include "formbuilder/validate.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define N(table) (sizeof(table) / sizeof *(table))

static const struct fb_option_desc colours[] = {
    {.value = "red"}, {.value = "green"}, {.value = "blue"},
    {.value = "Light grey"},
};

/* Up to four posted values, NULL-terminated. */
struct choice_case {
    const char *in[5];
    enum fb_field_status want;
    const char *stored[5]; /* values stored under "c", in order */
};

static const struct choice_case choices_one[] = {
    {{"red"}, FB_FIELD_OK, {"red"}},
    {{"blue"}, FB_FIELD_OK, {"blue"}},
    {{"Light grey"}, FB_FIELD_OK, {"Light grey"}},
    {{NULL}, FB_FIELD_EMPTY, {NULL}},
    {{""}, FB_FIELD_EMPTY, {NULL}},
    {{" "}, FB_FIELD_EMPTY, {NULL}},
    {{"purple"}, FB_FIELD_INVALID, {NULL}},
    {{"Red"}, FB_FIELD_INVALID, {NULL}},
    {{" red"}, FB_FIELD_INVALID, {NULL}},
    {{"red "}, FB_FIELD_INVALID, {NULL}},
    {{"light grey"}, FB_FIELD_INVALID, {NULL}},
    {{"red", "blue"}, FB_FIELD_INVALID, {NULL}},
    {{"red", "red"}, FB_FIELD_INVALID, {NULL}},
    {{"re\xff"}, FB_FIELD_BAD_UTF8, {NULL}},
    {{"red", "\xff"}, FB_FIELD_BAD_UTF8, {NULL}},
};

static void
post(struct fb_answers *in, const char *name, const char *const *values)
{
    for (int i = 0; values[i]; i++)
        fb_answers_add(in, name, values[i]);
}

static void
check_stored(const struct fb_answers *out, const char *const *want)
{
    size_t n = 0;

    while (want[n])
        n++;
    ck_assert_uint_eq(fb_answers_count(out, "c"), n);
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(fb_answers_get_nth(out, "c", i), want[i]);
}

START_TEST(choice_table)
{
    const struct choice_case *c = &choices_one[_i];
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();

    post(in, "c", c->in);
    fb_answers_add(out, "c", "stale");
    ck_assert_int_eq(fb_read_choice(in, "c", colours, N(colours), out),
                     c->want);
    check_stored(out, c->stored);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(choice_without_options_is_invalid)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();

    fb_answers_add(in, "c", "red");
    ck_assert_int_eq(fb_read_choice(in, "c", NULL, 0, out),
                     FB_FIELD_INVALID);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

static const struct choice_case choices_many[] = {
    {{"red"}, FB_FIELD_OK, {"red"}},
    {{"blue", "red"}, FB_FIELD_OK, {"red", "blue"}},
    {{"Light grey", "green", "red", "blue"}, FB_FIELD_OK,
     {"red", "green", "blue", "Light grey"}},
    {{"green", "green"}, FB_FIELD_OK, {"green"}},
    {{"blue", "red", "blue", "red"}, FB_FIELD_OK, {"red", "blue"}},
    {{"", "green"}, FB_FIELD_OK, {"green"}},
    {{NULL}, FB_FIELD_EMPTY, {NULL}},
    {{""}, FB_FIELD_EMPTY, {NULL}},
    {{"", ""}, FB_FIELD_EMPTY, {NULL}},
    {{"red", "purple"}, FB_FIELD_INVALID, {NULL}},
    {{"purple"}, FB_FIELD_INVALID, {NULL}},
    {{"RED"}, FB_FIELD_INVALID, {NULL}},
    {{"red", "bl\xc3"}, FB_FIELD_BAD_UTF8, {NULL}},
    {{"purple", "\xc0\x80"}, FB_FIELD_BAD_UTF8, {NULL}},
};

START_TEST(choices_table)
{
    const struct choice_case *c = &choices_many[_i];
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    size_t count = 99, want_count = 0;

    post(in, "c", c->in);
    fb_answers_add(out, "c", "stale");
    fb_answers_add(out, "c", "stale2");
    ck_assert_int_eq(fb_read_choices(in, "c", colours, N(colours), out,
                                     &count),
                     c->want);
    while (c->stored[want_count])
        want_count++;
    ck_assert_uint_eq(count, want_count);
    check_stored(out, c->stored);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(choices_same_set_in_and_out)
{
    struct fb_answers *a = fb_answers_new();

    fb_answers_add(a, "c", "blue");
    fb_answers_add(a, "c", "red");
    ck_assert_int_eq(fb_read_choices(a, "c", colours, N(colours), a, NULL),
                     FB_FIELD_OK);
    ck_assert_uint_eq(fb_answers_count(a, "c"), 2);
    ck_assert_str_eq(fb_answers_get_nth(a, "c", 0), "red");
    fb_answers_free(a);
}
END_TEST

static const struct choice_case declarations[] = {
    {{"confirmed"}, FB_FIELD_OK, {"confirmed"}},
    {{NULL}, FB_FIELD_EMPTY, {NULL}},
    {{""}, FB_FIELD_EMPTY, {NULL}},
    {{"yes"}, FB_FIELD_INVALID, {NULL}},
    {{"Confirmed"}, FB_FIELD_INVALID, {NULL}},
    {{"confirmed", "confirmed"}, FB_FIELD_INVALID, {NULL}},
    {{"\xff"}, FB_FIELD_BAD_UTF8, {NULL}},
};

START_TEST(declaration_table)
{
    const struct choice_case *c = &declarations[_i];
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();

    post(in, "c", c->in);
    ck_assert_int_eq(fb_read_declaration(in, "c", out), c->want);
    check_stored(out, c->stored);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

/* --------------------------------------------------------------- address */

struct address_case {
    const char *line1, *line2, *town, *postcode;
    enum fb_field_status want;
    unsigned missing;
    const char *stored_postcode;
};

#define L1 FB_PART_LINE1
#define T FB_PART_TOWN
#define P FB_PART_POSTCODE

static const struct address_case addresses[] = {
    {"1 High Street", "Flat 2", "Stockport", "sk13xe", FB_FIELD_OK, 0,
     "SK1 3XE"},
    {" 1 High Street ", "", " Stockport ", "SK1 3XE", FB_FIELD_OK, 0,
     "SK1 3XE"},
    {"1 High Street", NULL, "Stockport", "SK1 3XE", FB_FIELD_OK, 0,
     "SK1 3XE"},
    {"T\xc5\xb7 Newydd", NULL, "Caerdydd", "cf10 1aa", FB_FIELD_OK, 0,
     "CF10 1AA"},
    {NULL, NULL, NULL, NULL, FB_FIELD_EMPTY, L1 | T | P, NULL},
    {"", "", "", "", FB_FIELD_EMPTY, L1 | T | P, NULL},
    {"  ", " ", "\t", "\xc2\xa0", FB_FIELD_EMPTY, L1 | T | P, NULL},
    {"", "Flat 2", "", "", FB_FIELD_INVALID, L1 | T | P, NULL},
    {"", NULL, "Stockport", "SK1 3XE", FB_FIELD_INVALID, L1, NULL},
    {"1 High Street", NULL, "", "SK1 3XE", FB_FIELD_INVALID, T, NULL},
    {"1 High Street", NULL, "Stockport", "", FB_FIELD_INVALID, P, NULL},
    {"1 High Street", NULL, "", "", FB_FIELD_INVALID, T | P, NULL},
    {"1 High Street", NULL, "", "NOT A CODE", FB_FIELD_INVALID, T, NULL},
    {"1 High Street", NULL, "Stockport", "NOT A CODE", FB_FIELD_INVALID, 0,
     NULL},
    {"1 High Street", NULL, "Stockport", "SK1", FB_FIELD_INVALID, 0, NULL},
    {"1 High Street", NULL, "Stockport", "90210", FB_FIELD_INVALID, 0, NULL},
    {"1 High \xff", NULL, "Stockport", "SK1 3XE", FB_FIELD_BAD_UTF8, 0, NULL},
    {"", NULL, "\xc3", "", FB_FIELD_BAD_UTF8, 0, NULL},
};

START_TEST(address_table)
{
    const struct address_case *c = &addresses[_i];
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    unsigned missing = 999;
    enum fb_field_status st;

    if (c->line1)
        fb_answers_add(in, "home-line1", c->line1);
    if (c->line2)
        fb_answers_add(in, "home-line2", c->line2);
    if (c->town)
        fb_answers_add(in, "home-town", c->town);
    if (c->postcode)
        fb_answers_add(in, "home-postcode", c->postcode);
    fb_answers_add(out, "home.line2", "stale");
    fb_answers_add(out, "home.town", "stale");
    st = fb_read_address(in, "home", out, &missing);
    ck_assert_msg(st == c->want, "case %d: %d, want %d", _i, st, c->want);
    ck_assert_msg(missing == c->missing, "case %d: missing %u, want %u", _i,
                  missing, c->missing);
    if (c->stored_postcode) {
        ck_assert_str_eq(fb_answers_get(out, "home.postcode"),
                         c->stored_postcode);
        ck_assert_ptr_nonnull(fb_answers_get(out, "home.line1"));
        ck_assert_ptr_nonnull(fb_answers_get(out, "home.town"));
    } else {
        ck_assert_uint_eq(fb_answers_size(out), 0);
    }
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(address_stores_trimmed_parts_and_skips_empty_line2)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    unsigned missing;

    fb_answers_add(in, "a-line1", "  10 Downing St ");
    fb_answers_add(in, "a-line2", "   ");
    fb_answers_add(in, "a-town", "London\r\n");
    fb_answers_add(in, "a-postcode", "sw1a2aa");
    fb_answers_add(out, "a.line2", "old flat");
    ck_assert_int_eq(fb_read_address(in, "a", out, &missing), FB_FIELD_OK);
    ck_assert_uint_eq(missing, 0);
    ck_assert_str_eq(fb_answers_get(out, "a.line1"), "10 Downing St");
    ck_assert_ptr_null(fb_answers_get(out, "a.line2"));
    ck_assert_str_eq(fb_answers_get(out, "a.town"), "London");
    ck_assert_str_eq(fb_answers_get(out, "a.postcode"), "SW1A 2AA");
    ck_assert_uint_eq(fb_answers_size(out), 3);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(address_same_set_in_and_out)
{
    struct fb_answers *a = fb_answers_new();

    fb_answers_add(a, "a-line1", "1 Road");
    fb_answers_add(a, "a-line2", "Upstairs");
    fb_answers_add(a, "a-town", "Leeds");
    fb_answers_add(a, "a-postcode", "ls1 1ur");
    ck_assert_int_eq(fb_read_address(a, "a", a, NULL), FB_FIELD_OK);
    ck_assert_str_eq(fb_answers_get(a, "a.line2"), "Upstairs");
    ck_assert_str_eq(fb_answers_get(a, "a.postcode"), "LS1 1UR");
    ck_assert_str_eq(fb_answers_get(a, "a-line1"), "1 Road");
    fb_answers_free(a);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("choices");
    TCase *c = tcase_create("choice");
    TCase *a = tcase_create("address");

    tcase_add_loop_test(c, choice_table, 0, N(choices_one));
    tcase_add_test(c, choice_without_options_is_invalid);
    tcase_add_loop_test(c, choices_table, 0, N(choices_many));
    tcase_add_test(c, choices_same_set_in_and_out);
    tcase_add_loop_test(c, declaration_table, 0, N(declarations));
    tcase_add_loop_test(a, address_table, 0, N(addresses));
    tcase_add_test(a, address_stores_trimmed_parts_and_skips_empty_line2);
    tcase_add_test(a, address_same_set_in_and_out);
    suite_add_tcase(s, c);
    suite_add_tcase(s, a);
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
