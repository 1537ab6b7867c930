/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for `pattern` regexes (validate.h): whole-answer matching,
 * UTF-8 characters, bad patterns, runaway backtracking, and matching one
 * compiled regex from several threads at once.
 */
#include "formbuilder/validate.h"

#include <check.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define N(table) (sizeof(table) / sizeof *(table))

struct regex_case {
    const char *pattern;
    const char *subject;
    bool match;
};

static const struct regex_case regexes[] = {
    {"[A-Z]{2}[0-9]{6}[A-D]", "QQ123456C", true},
    {"[A-Z]{2}[0-9]{6}[A-D]", "xQQ123456C", false},
    {"[A-Z]{2}[0-9]{6}[A-D]", "QQ123456Cx", false},
    {"[A-Z]{2}[0-9]{6}[A-D]", "QQ123456C\n", false},
    {"abc", "abc", true},
    {"abc", "abcabc", false},
    {"a|b", "a", true},
    {"a|b", "ab", false},
    {"[0-9]+", "", false},
    {"[0-9]*", "", true},
    {".", "\xf0\x9f\x98\x80", true},    /* one character, four bytes */
    {"..", "\xf0\x9f\x98\x80", false},
    {"\\w+", "caf\xc3\xa9", false},     /* \w is ASCII unless UCP */
    {"[\\p{L} ]+", "Zo\xc3\xab Smith", true},
    {"(?i)hello", "HeLLo", true},
    {"x", "\xff", false},               /* invalid UTF-8 never matches */
    /* one ASCII class repeated: checked without PCRE2 for ASCII answers */
    {"[0-9]{6,8}", "1234567", true},
    {"[0-9]{6,8}", "12345", false},
    {"[0-9]{6,8}", "123456789", false},
    {"[0-9]{6,8}", "12a4567", false},
    {"[0-9]{6,8}", "123456\xc3\xa9", false}, /* PCRE2 decides */
    {"(?i)[A-Z0-9 ]+", "ab 12", true},
    {"[A-Za-z ]+", "Zo\xc3\xab", false},
    {"[A-Za-z ]+", "Zo\x01e", false},
    {"[A-Za-z ]*", "", true},
};

START_TEST(regex_table)
{
    const struct regex_case *c = &regexes[_i];
    struct fb_regex *re = fb_regex_compile(c->pattern);

    ck_assert_ptr_nonnull(re);
    ck_assert_msg(fb_regex_match(re, c->subject) == c->match,
                  "/%s/ on '%s'", c->pattern, c->subject);
    fb_regex_free(re);
}
END_TEST

START_TEST(regex_bad_patterns_fail)
{
    ck_assert_ptr_null(fb_regex_compile("("));
    ck_assert_ptr_null(fb_regex_compile("[a-"));
    ck_assert_ptr_null(fb_regex_compile("\xff"));
    ck_assert_ptr_null(fb_regex_compile(NULL));
    fb_regex_free(NULL);
    ck_assert(!fb_regex_match(NULL, "x"));
}
END_TEST

START_TEST(regex_runaway_backtracking_stops)
{
    struct fb_regex *re = fb_regex_compile("(a+)+b");
    char *s = malloc(5001);

    memset(s, 'a', 5000);
    s[5000] = '\0';
    ck_assert(!fb_regex_match(re, s));
    free(s);
    fb_regex_free(re);
}
END_TEST

/* The explicit limits stop a runaway match and say so: undecided, not "no
 * match", and counted for the server. */
START_TEST(regex_limit_is_undecided_and_counted)
{
    struct fb_regex *re = fb_regex_compile("(a+)+$");
    unsigned long hits = fb_regex_limit_hits();
    const char *s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";

    ck_assert_ptr_nonnull(re);
    ck_assert_int_eq(fb_regex_test(re, s), FB_REGEX_LIMIT);
    ck_assert(!fb_regex_match(re, s));
    ck_assert_uint_eq(fb_regex_limit_hits(), hits + 2);
    ck_assert_int_eq(fb_regex_test(re, "aaaa"), FB_REGEX_MATCH);
    ck_assert_int_eq(fb_regex_test(re, "aaab"), FB_REGEX_NO_MATCH);
    ck_assert_int_eq(fb_regex_test(re, "a\xff"), FB_REGEX_NO_MATCH);
    ck_assert_int_eq(fb_regex_test(NULL, "a"), FB_REGEX_NO_MATCH);
    ck_assert_uint_eq(fb_regex_limit_hits(), hits + 2);
    fb_regex_free(re);
}
END_TEST

/* The ASCII fast path decides without PCRE2 and never hits a limit. */
START_TEST(regex_simple_class_is_decided)
{
    struct fb_regex *re = fb_regex_compile("[0-9]{6,8}");

    ck_assert_int_eq(fb_regex_test(re, "1234567"), FB_REGEX_MATCH);
    ck_assert_int_eq(fb_regex_test(re, "12345"), FB_REGEX_NO_MATCH);
    fb_regex_free(re);
}
END_TEST

/* The class path agrees with PCRE2 on random answers: each simple pattern
 * is paired with the same pattern in a group, which PCRE2 alone decides.
 * The answers mix class members, other ASCII, UTF-8 letters and bytes that
 * are not UTF-8, at every length around the bounds. */
START_TEST(regex_simple_class_agrees_with_pcre2)
{
    static const char *const pairs[][2] = {
        {"[0-9]{6,8}", "(?:[0-9]){6,8}"},
        {"(?i)[A-Z0-9 ]+", "(?i)(?:[A-Z0-9 ])+"},
        {"[a-c-]*", "(?:[a-c-])*"},
        {"[A-Za-z0-9 '&,.()-]+", "(?:[A-Za-z0-9 '&,.()-])+"},
        {"[x]?", "(?:[x])?"},
    };
    static const char *const pieces[] = {
        "0", "7", "9", "a", "b", "c", "x", "Z", " ", "-", "'", "&", "(",
        "!", "~", "\t", "\xc3\xa9", "\xe2\x80\x8b", "\xff", "\x80",
        /* The Kelvin sign and the long s are K and S without case, so
         * only PCRE2 knows that "(?i)[A-Z]" takes them. */
        "\xe2\x84\xaa", "\xc5\xbf",
    };
    unsigned seed = 12345;

    for (size_t k = 0; k < N(pairs); k++) {
        struct fb_regex *fast = fb_regex_compile(pairs[k][0]);
        struct fb_regex *slow = fb_regex_compile(pairs[k][1]);

        ck_assert_ptr_nonnull(fast);
        ck_assert_ptr_nonnull(slow);
        for (int i = 0; i < 4000; i++) {
            char s[64] = "";
            size_t len = 0;
            int n = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
            /* Mostly class members, so that matches are common too. */
            int spread = i % 3 == 0 ? (int)N(pieces) : 8;

            for (int j = 0; j < n; j++) {
                seed = seed * 1103515245u + 12345u;
                const char *piece = pieces[(seed >> 16) % (unsigned)spread];
                size_t m = strlen(piece);

                memcpy(s + len, piece, m + 1);
                len += m;
            }
            ck_assert_msg(fb_regex_test(fast, s) == fb_regex_test(slow, s),
                          "%s on \"%s\"", pairs[k][0], s);
        }
        fb_regex_free(fast);
        fb_regex_free(slow);
    }
}
END_TEST

static struct fb_regex *shared;

static void *
match_many(void *arg)
{
    long ok = 0;

    for (int i = 0; i < 2000; i++)
        ok += fb_regex_match(shared, (i & 1) ? "SK1 3XE" : "nope");
    (void)arg;
    return (void *)ok;
}

START_TEST(regex_threads_share_one)
{
    pthread_t t[4];
    void *ok;

    shared = fb_regex_compile("[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}");
    ck_assert_ptr_nonnull(shared);
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, match_many, NULL), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], &ok);
        ck_assert_int_eq((long)ok, 1000);
    }
    fb_regex_free(shared);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("regex");
    TCase *t = tcase_create("regex");

    tcase_set_timeout(t, 20);
    tcase_add_loop_test(t, regex_table, 0, N(regexes));
    tcase_add_test(t, regex_bad_patterns_fail);
    tcase_add_test(t, regex_runaway_backtracking_stops);
    tcase_add_test(t, regex_limit_is_undecided_and_counted);
    tcase_add_test(t, regex_simple_class_is_decided);
    tcase_add_test(t, regex_simple_class_agrees_with_pcre2);
    tcase_add_test(t, regex_threads_share_one);
    suite_add_tcase(s, t);
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
