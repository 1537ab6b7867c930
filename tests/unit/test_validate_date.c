/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for dates: the day/month/year reader with its missing-part
 * bits, appointment slots, and the calendar helpers (validity, leap
 * years, comparison, adding days, ISO parsing, comparing answers).
 */
#include "formbuilder/validate.h"
#include "formbuilder/messages.h"

#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(table) (sizeof(table) / sizeof *(table))

struct date_case {
    const char *day, *month, *year; /* NULL posts nothing */
    enum fb_field_status want;
    unsigned missing;
    const char *stored;
};

#define D FB_PART_DAY
#define M FB_PART_MONTH
#define Y FB_PART_YEAR

static const struct date_case dates[] = {
    {"29", "2", "2024", FB_FIELD_OK, 0, "2024-02-29"},
    {"29", "2", "2023", FB_FIELD_INVALID, 0, NULL},
    {"29", "2", "2000", FB_FIELD_OK, 0, "2000-02-29"},
    {"29", "2", "1900", FB_FIELD_INVALID, 0, NULL},
    {"29", "2", "2100", FB_FIELD_INVALID, 0, NULL},
    {"29", "2", "1600", FB_FIELD_OK, 0, "1600-02-29"},
    {"28", "2", "2023", FB_FIELD_OK, 0, "2023-02-28"},
    {"31", "4", "2024", FB_FIELD_INVALID, 0, NULL},
    {"30", "4", "2024", FB_FIELD_OK, 0, "2024-04-30"},
    {"31", "12", "1999", FB_FIELD_OK, 0, "1999-12-31"},
    {"1", "1", "2024", FB_FIELD_OK, 0, "2024-01-01"},
    {"01", "01", "2024", FB_FIELD_OK, 0, "2024-01-01"},
    {" 7 ", " 3 ", " 2021 ", FB_FIELD_OK, 0, "2021-03-07"},
    {"0", "1", "2024", FB_FIELD_INVALID, 0, NULL},
    {"32", "1", "2024", FB_FIELD_INVALID, 0, NULL},
    {"001", "1", "2024", FB_FIELD_INVALID, 0, NULL},
    {"1", "0", "2024", FB_FIELD_INVALID, 0, NULL},
    {"1", "13", "2024", FB_FIELD_INVALID, 0, NULL},
    {"1", "January", "2024", FB_FIELD_OK, 0, "2024-01-01"},
    {"1", "jan", "2024", FB_FIELD_OK, 0, "2024-01-01"},
    {"14", "FEB", "2024", FB_FIELD_OK, 0, "2024-02-14"},
    {"5", "may", "2024", FB_FIELD_OK, 0, "2024-05-05"},
    {"5", "Sept", "2024", FB_FIELD_OK, 0, "2024-09-05"},
    {"5", "sep", "2024", FB_FIELD_OK, 0, "2024-09-05"},
    {"25", "December", "2024", FB_FIELD_OK, 0, "2024-12-25"},
    {"25", "dEcEmBeR", "2024", FB_FIELD_OK, 0, "2024-12-25"},
    {"31", "april", "2024", FB_FIELD_INVALID, 0, NULL},
    {"1", "ja", "2024", FB_FIELD_INVALID, 0, NULL},
    {"1", "janu", "2024", FB_FIELD_INVALID, 0, NULL},
    {"1", "juni", "2024", FB_FIELD_INVALID, 0, NULL},
    {"1", "Januaryy", "2024", FB_FIELD_INVALID, 0, NULL},
    {"1", "Janvier", "2024", FB_FIELD_INVALID, 0, NULL},
    /* Welsh names, whole or short, in any case */
    {"1", "Ionawr", "2024", FB_FIELD_OK, 0, "2024-01-01"},
    {"29", "chwefror", "2024", FB_FIELD_OK, 0, "2024-02-29"},
    {"29", "Chwefror", "2023", FB_FIELD_INVALID, 0, NULL},
    {"5", "MAI", "2024", FB_FIELD_OK, 0, "2024-05-05"},
    {"9", "Medi", "2024", FB_FIELD_OK, 0, "2024-09-09"},
    {"31", "Mehefin", "2024", FB_FIELD_INVALID, 0, NULL},
    {" 25 ", " rhagfyr ", "2024", FB_FIELD_OK, 0, "2024-12-25"},
    {"1", "Ion", "2024", FB_FIELD_OK, 0, "2024-01-01"},
    {"14", "chwef", "2026", FB_FIELD_OK, 0, "2026-02-14"},
    {"3", "Gorff", "2024", FB_FIELD_OK, 0, "2024-07-03"},
    {"30", "TACH", "2024", FB_FIELD_OK, 0, "2024-11-30"},
    {"31", "Hyd", "2024", FB_FIELD_OK, 0, "2024-10-31"},
    {"1", "Chwe", "2024", FB_FIELD_INVALID, 0, NULL},
    {"1", "Rha", "2024", FB_FIELD_INVALID, 0, NULL},
    {"1", "Gorffenaf", "2024", FB_FIELD_INVALID, 0, NULL},
    {"1", "sept", "2024", FB_FIELD_OK, 0, "2024-09-01"},
    {"1", "1", "24", FB_FIELD_INVALID, 0, NULL},
    {"1", "1", "024", FB_FIELD_INVALID, 0, NULL},
    {"1", "1", "20245", FB_FIELD_INVALID, 0, NULL},
    {"1", "1", "0000", FB_FIELD_INVALID, 0, NULL},
    {"1", "1", "0999", FB_FIELD_OK, 0, "0999-01-01"},
    {"1", "1", "two thousand", FB_FIELD_INVALID, 0, NULL},
    {"1st", "1", "2024", FB_FIELD_INVALID, 0, NULL},
    {"-1", "1", "2024", FB_FIELD_INVALID, 0, NULL},
    {"+1", "1", "2024", FB_FIELD_INVALID, 0, NULL},
    {"1.5", "1", "2024", FB_FIELD_INVALID, 0, NULL},
    {NULL, NULL, NULL, FB_FIELD_EMPTY, D | M | Y, NULL},
    {"", "", "", FB_FIELD_EMPTY, D | M | Y, NULL},
    {" ", "\t", "\xc2\xa0", FB_FIELD_EMPTY, D | M | Y, NULL},
    {"", "2", "2024", FB_FIELD_INVALID, D, NULL},
    {"1", "", "2024", FB_FIELD_INVALID, M, NULL},
    {"1", "2", "", FB_FIELD_INVALID, Y, NULL},
    {"", "", "2024", FB_FIELD_INVALID, D | M, NULL},
    {"1", NULL, NULL, FB_FIELD_INVALID, M | Y, NULL},
    {NULL, "2", NULL, FB_FIELD_INVALID, D | Y, NULL},
    {"99", "", "2024", FB_FIELD_INVALID, M, NULL},
    {"1", "1", "20\xff", FB_FIELD_BAD_UTF8, 0, NULL},
    {"1", "\xed\xa0\x80", "", FB_FIELD_BAD_UTF8, 0, NULL},
};

START_TEST(date_table)
{
    const struct date_case *c = &dates[_i];
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    struct fb_date got = {0, 0, 0};
    unsigned missing = 12345;
    enum fb_field_status st;

    if (c->day)
        fb_answers_add(in, "dob-day", c->day);
    if (c->month)
        fb_answers_add(in, "dob-month", c->month);
    if (c->year)
        fb_answers_add(in, "dob-year", c->year);
    fb_answers_add(out, "dob", "stale");
    st = fb_read_date(in, "dob", out, &got, &missing);
    ck_assert_msg(st == c->want, "case %d: status %d, want %d", _i, st,
                  c->want);
    ck_assert_msg(missing == c->missing, "case %d: missing %u, want %u", _i,
                  missing, c->missing);
    if (c->stored) {
        char iso[48];

        ck_assert_str_eq(fb_answers_get(out, "dob"), c->stored);
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", got.year, got.month,
                 got.day);
        ck_assert_str_eq(iso, c->stored);
    } else {
        ck_assert_ptr_null(fb_answers_get(out, "dob"));
    }
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(date_part_posted_twice_is_invalid)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    unsigned missing = 9;

    fb_answers_add(in, "d-day", "1");
    fb_answers_add(in, "d-day", "2");
    fb_answers_add(in, "d-month", "1");
    fb_answers_add(in, "d-year", "2024");
    ck_assert_int_eq(fb_read_date(in, "d", out, NULL, &missing),
                     FB_FIELD_INVALID);
    ck_assert_uint_eq(missing, 0);
    ck_assert_uint_eq(fb_answers_size(out), 0);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(date_null_out_pointers)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();

    fb_answers_add(in, "d-day", "3");
    fb_answers_add(in, "d-month", "mar");
    fb_answers_add(in, "d-year", "2020");
    ck_assert_int_eq(fb_read_date(in, "d", out, NULL, NULL), FB_FIELD_OK);
    ck_assert_str_eq(fb_answers_get(out, "d"), "2020-03-03");
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

/* Every month's name in every language of the catalogue (the names check
 * answers writes), in any case, reads as that month. */
START_TEST(date_month_names_of_every_language)
{
    for (int lang = 0; lang < FB_LANG__COUNT; lang++) {
        for (int m = 1; m <= 12; m++) {
            const char *name = fb_month_name(m, (enum fb_lang)lang);
            char upper[32], lower[32];
            size_t n = strlen(name);

            ck_assert_uint_gt(n, 0);
            ck_assert_uint_lt(n, sizeof upper);
            for (size_t i = 0; i <= n; i++) {
                upper[i] = (char)toupper((unsigned char)name[i]);
                lower[i] = (char)tolower((unsigned char)name[i]);
            }
            const char *spellings[] = {name, upper, lower};
            for (size_t k = 0; k < N(spellings); k++) {
                struct fb_answers *in = fb_answers_new();
                struct fb_answers *out = fb_answers_new();
                struct fb_date got = {0, 0, 0};

                fb_answers_add(in, "d-day", "1");
                fb_answers_add(in, "d-month", spellings[k]);
                fb_answers_add(in, "d-year", "2025");
                ck_assert_msg(fb_read_date(in, "d", out, &got, NULL) ==
                                  FB_FIELD_OK,
                              "month '%s' not read", spellings[k]);
                ck_assert_int_eq(got.month, m);
                fb_answers_free(in);
                fb_answers_free(out);
            }
        }
    }
}
END_TEST

/* ------------------------------------------------------------------ slot */

struct slot_case {
    const char *in;
    enum fb_field_status want;
    const char *stored;
};

static const struct slot_case slots[] = {
    {"2024-02-29T09:30", FB_FIELD_OK, "2024-02-29T09:30"},
    {" 2024-12-31T23:59 ", FB_FIELD_OK, "2024-12-31T23:59"},
    {"2024-01-01T00:00", FB_FIELD_OK, "2024-01-01T00:00"},
    {"2023-02-29T09:30", FB_FIELD_INVALID, NULL},
    {"2024-04-31T09:30", FB_FIELD_INVALID, NULL},
    {"2024-01-01T24:00", FB_FIELD_INVALID, NULL},
    {"2024-01-01T12:60", FB_FIELD_INVALID, NULL},
    {"2024-01-01 12:00", FB_FIELD_INVALID, NULL},
    {"2024-01-01T12:00:00", FB_FIELD_INVALID, NULL},
    {"2024-01-01T9:00", FB_FIELD_INVALID, NULL},
    {"2024-1-01T09:00", FB_FIELD_INVALID, NULL},
    {"2024-01-01t09:00", FB_FIELD_INVALID, NULL},
    {"2024-01-01T-1:00", FB_FIELD_INVALID, NULL},
    {"2024-01-01", FB_FIELD_INVALID, NULL},
    {"", FB_FIELD_EMPTY, NULL},
    {"2024-01-01T09:0\xff", FB_FIELD_BAD_UTF8, NULL},
};

START_TEST(slot_table)
{
    const struct slot_case *c = &slots[_i];
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    enum fb_field_status st;

    fb_answers_add(in, "s", c->in);
    st = fb_read_slot(in, "s", out);
    ck_assert_msg(st == c->want, "'%s': %d, want %d", c->in, st, c->want);
    if (c->stored)
        ck_assert_str_eq(fb_answers_get(out, "s"), c->stored);
    else
        ck_assert_ptr_null(fb_answers_get(out, "s"));
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

/* ------------------------------------------------------- calendar helpers */

START_TEST(date_valid_rules)
{
    ck_assert(fb_date_valid(2024, 2, 29));
    ck_assert(!fb_date_valid(2023, 2, 29));
    ck_assert(!fb_date_valid(1900, 2, 29));
    ck_assert(fb_date_valid(2000, 2, 29));
    ck_assert(!fb_date_valid(2024, 4, 31));
    ck_assert(fb_date_valid(2024, 1, 31));
    ck_assert(!fb_date_valid(2024, 0, 1));
    ck_assert(!fb_date_valid(2024, 13, 1));
    ck_assert(!fb_date_valid(2024, 1, 0));
    ck_assert(!fb_date_valid(2024, 1, -1));
    ck_assert(!fb_date_valid(0, 1, 1));
    ck_assert(!fb_date_valid(10000, 1, 1));
}
END_TEST

START_TEST(date_cmp_orders)
{
    struct fb_date a = {2024, 2, 29}, b = {2024, 3, 1}, c = {2023, 12, 31};

    ck_assert_int_lt(fb_date_cmp(&a, &b), 0);
    ck_assert_int_gt(fb_date_cmp(&b, &a), 0);
    ck_assert_int_eq(fb_date_cmp(&a, &a), 0);
    ck_assert_int_lt(fb_date_cmp(&c, &a), 0);
    ck_assert_int_gt(fb_date_cmp(&(struct fb_date){2024, 2, 30}, &a), 0);
}
END_TEST

struct add_case {
    struct fb_date from;
    int days;
    struct fb_date want;
};

static const struct add_case adds[] = {
    {{2024, 2, 28}, 1, {2024, 2, 29}},
    {{2024, 2, 29}, 1, {2024, 3, 1}},
    {{2023, 2, 28}, 1, {2023, 3, 1}},
    {{2024, 12, 31}, 1, {2025, 1, 1}},
    {{2025, 1, 1}, -1, {2024, 12, 31}},
    {{2024, 3, 1}, -1, {2024, 2, 29}},
    {{1900, 3, 1}, -1, {1900, 2, 28}},
    {{2000, 3, 1}, -1, {2000, 2, 29}},
    {{2024, 1, 1}, 366, {2025, 1, 1}},
    {{2023, 1, 1}, 365, {2024, 1, 1}},
    {{1970, 1, 1}, 0, {1970, 1, 1}},
    {{1969, 12, 31}, 1, {1970, 1, 1}},
    {{2000, 1, 1}, 146097, {2400, 1, 1}},
    {{2024, 6, 15}, -36525, {1924, 6, 15}},
    {{1, 1, 1}, -1, {0, 12, 31}},
};

START_TEST(date_add_days_table)
{
    const struct add_case *c = &adds[_i];
    struct fb_date got = fb_date_add_days(c->from, c->days);

    ck_assert_msg(fb_date_cmp(&got, &c->want) == 0,
                  "case %d: %d-%d-%d", _i, got.year, got.month, got.day);
}
END_TEST

START_TEST(date_add_days_round_trip)
{
    struct fb_date d = {1999, 1, 1};

    for (int i = 0; i < 3000; i++) {
        struct fb_date next = fb_date_add_days(d, 1);
        struct fb_date back = fb_date_add_days(next, -1);

        ck_assert(fb_date_valid(next.year, next.month, next.day));
        ck_assert_int_gt(fb_date_cmp(&next, &d), 0);
        ck_assert_int_eq(fb_date_cmp(&back, &d), 0);
        d = next;
    }
    ck_assert_int_eq(d.year, 2007);
    ck_assert_int_eq(d.month, 3);
    ck_assert_int_eq(d.day, 20);
}
END_TEST

struct iso_case {
    const char *s;
    bool ok;
};

static const struct iso_case isos[] = {
    {"2024-02-29", true},  {"2023-02-29", false}, {"2024-04-31", false},
    {"2024-4-30", false},  {"2024-04-30 ", false}, {" 2024-04-30", false},
    {"2024/04/30", false}, {"24-04-30", false},    {"2024-04-3a", false},
    {"20240430", false},   {"", false},            {"2024-00-10", false},
    {"2024-12-31", true},  {"2024-04-30T10:00", false},
};

START_TEST(date_parse_iso_table)
{
    const struct iso_case *c = &isos[_i];
    struct fb_date d = {0, 0, 0};

    ck_assert_msg(fb_date_parse_iso(c->s, &d) == c->ok, "'%s'", c->s);
    if (c->ok) {
        char again[48];

        snprintf(again, sizeof again, "%04d-%02d-%02d", d.year, d.month,
                 d.day);
        ck_assert_str_eq(again, c->s);
    }
}
END_TEST

START_TEST(date_parse_iso_null)
{
    ck_assert(!fb_date_parse_iso(NULL, NULL));
    ck_assert(fb_date_parse_iso("2020-01-01", NULL));
}
END_TEST

START_TEST(date_today_is_real)
{
    struct fb_date t = fb_date_today();

    ck_assert(fb_date_valid(t.year, t.month, t.day));
    ck_assert_int_ge(t.year, 2024);
}
END_TEST

START_TEST(compare_dates)
{
    struct fb_date ref = {2024, 6, 1};
    int cmp = 99;

    ck_assert(fb_compare_dates("2024-05-31", &ref, &cmp) && cmp < 0);
    ck_assert(fb_compare_dates("2024-06-01", &ref, &cmp) && cmp == 0);
    ck_assert(fb_compare_dates("2025-01-01", &ref, &cmp) && cmp > 0);
    ck_assert(!fb_compare_dates(NULL, &ref, &cmp));
    ck_assert(!fb_compare_dates("", &ref, &cmp));
    ck_assert(!fb_compare_dates("2024-02-30", &ref, &cmp));
    ck_assert(!fb_compare_dates("yesterday", &ref, &cmp));
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("dates");
    TCase *r = tcase_create("reader");
    TCase *c = tcase_create("calendar");

    tcase_add_loop_test(r, date_table, 0, N(dates));
    tcase_add_test(r, date_part_posted_twice_is_invalid);
    tcase_add_test(r, date_null_out_pointers);
    tcase_add_test(r, date_month_names_of_every_language);
    tcase_add_loop_test(r, slot_table, 0, N(slots));
    tcase_add_test(c, date_valid_rules);
    tcase_add_test(c, date_cmp_orders);
    tcase_add_loop_test(c, date_add_days_table, 0, N(adds));
    tcase_add_test(c, date_add_days_round_trip);
    tcase_add_loop_test(c, date_parse_iso_table, 0, N(isos));
    tcase_add_test(c, date_parse_iso_null);
    tcase_add_test(c, date_today_is_real);
    tcase_add_test(c, compare_dates);
    suite_add_tcase(s, r);
    suite_add_tcase(s, c);
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
