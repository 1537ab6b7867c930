/* SPDX-License-Identifier: MIT */
/*
 * A lookup's pure parts (lookup.h, provider_cache.h): an endpoint's
 * replies read (found with fills, not found, and every reply not in the
 * documented shape taken as the endpoint unavailable), the configuration
 * keys, and the cache of answers (reuse within its time, the oldest
 * forgotten first). The calls are tested through the real server against
 * a local stand-in (test_lookup.py).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lookup.h"
#include "provider_cache.h"

static struct fb_lookup_answer answer;

static enum fb_lookup_status
parse(long status, const char *json)
{
    return fb_lookup_parse(status, json, strlen(json), &answer);
}

START_TEST(found_with_fills)
{
    ck_assert_int_eq(parse(200, "{\"found\": true, \"fill\": {\"address\": "
                                "\"1 Town Hall Square\", \"ward\": "
                                "\"Central\"}}"),
                     FB_LOOKUP_FOUND);
    ck_assert_uint_eq(answer.n_fill, 2);
    ck_assert_str_eq(answer.fill[0].field, "address");
    ck_assert_str_eq(answer.fill[0].value, "1 Town Hall Square");
    ck_assert_str_eq(answer.fill[1].value, "Central");
    ck_assert_int_eq(parse(200, "{\"found\": true}"), FB_LOOKUP_FOUND);
    ck_assert_uint_eq(answer.n_fill, 0);
}
END_TEST

START_TEST(not_found)
{
    ck_assert_int_eq(parse(200, "{\"found\": false}"), FB_LOOKUP_NOT_FOUND);
    ck_assert_int_eq(parse(404, "<html>no</html>"), FB_LOOKUP_NOT_FOUND);
    /* A "not found" fills nothing even when the reply says to. */
    ck_assert_int_eq(parse(200, "{\"found\": false, \"fill\": {\"a\": "
                                "\"b\"}}"), FB_LOOKUP_NOT_FOUND);
    ck_assert_uint_eq(answer.n_fill, 0);
}
END_TEST

START_TEST(other_replies_are_unavailable)
{
    static const char *const bad[] = {
        "", "{\"found\": tr", "[]", "{}", "{\"found\": \"yes\"}",
        "{\"found\": 1}", "{\"found\": true, \"fill\": [\"x\"]}",
        "{\"found\": true, \"fill\": {\"a\": 3}}",
        "{\"found\": true, \"found\": false}",
        "{\"found\": true, \"fill\": {\"a\": \"x\\u0000y\"}}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(parse(200, bad[i]) == FB_LOOKUP_UNAVAILABLE, "%s",
                      bad[i]);
    ck_assert_int_eq(parse(500, "{\"found\": true}"), FB_LOOKUP_UNAVAILABLE);
    ck_assert_int_eq(parse(401, "{\"found\": false}"),
                     FB_LOOKUP_UNAVAILABLE);
    /* A filled value longer than an answer may be. */
    char big[FB_LOOKUP_FILL_MAX + 64];
    int n = snprintf(big, sizeof big, "{\"found\": true, \"fill\": {\"a\": "
                                      "\"");
    memset(big + n, 'x', FB_LOOKUP_FILL_MAX);
    strcpy(big + n + FB_LOOKUP_FILL_MAX, "\"}}");
    ck_assert_int_eq(parse(200, big), FB_LOOKUP_UNAVAILABLE);
}
END_TEST

START_TEST(config_keys)
{
    struct fb_lookup_config c;
    fb_lookup_config_defaults(&c);
    ck_assert_uint_eq(c.timeout_ms, 3000);
    ck_assert_int_eq(fb_lookup_config_set(&c, "lookup_timeout_ms", "50"), 0);
    ck_assert_int_eq(fb_lookup_config_set(&c, "lookup_timeout_ms", "900"),
                     1);
    ck_assert_uint_eq(c.timeout_ms, 900);
    ck_assert_int_eq(fb_lookup_config_set(&c, "lookup_concurrent", "0"), 0);
    ck_assert_int_eq(fb_lookup_config_set(&c, "lookup_cache_seconds", "0"),
                     1);
    ck_assert_int_eq(fb_lookup_config_set(&c, "lookup_cache_entries", "x"),
                     0);
    ck_assert_int_eq(fb_lookup_config_set(&c, "lookup_colour", "red"), -1);
}
END_TEST

START_TEST(not_configured_is_unavailable)
{
    unsetenv("FORMBUILDER_LOOKUP_COUNCIL_TAX_URL");
    ck_assert_int_eq(fb_lookup_cached("council-tax", "50012345", &answer),
                     FB_LOOKUP_UNAVAILABLE);
    /* Only http(s). */
    setenv("FORMBUILDER_LOOKUP_COUNCIL_TAX_URL", "file:///etc/passwd", 1);
    ck_assert_int_eq(fb_lookup_cached("council-tax", "50012345", &answer),
                     FB_LOOKUP_UNAVAILABLE);
    setenv("FORMBUILDER_LOOKUP_COUNCIL_TAX_URL", "http://127.0.0.1:9/ct", 1);
    ck_assert_int_eq(fb_lookup_cached("council-tax", "50012345", &answer),
                     FB_LOOKUP_MISS);
    unsetenv("FORMBUILDER_LOOKUP_COUNCIL_TAX_URL");
}
END_TEST

START_TEST(cache_reuses_then_forgets)
{
    struct fb_provider_cache c;
    fb_provider_cache_init(&c, 2, 60, sizeof(int));
    int v = 1, out = 0;
    fb_provider_cache_put(&c, "a", 1000, &v);
    v = 2;
    fb_provider_cache_put(&c, "b", 1001, &v);
    ck_assert(fb_provider_cache_get(&c, "a", 1059, &out));
    ck_assert_int_eq(out, 1);
    ck_assert(!fb_provider_cache_get(&c, "a", 1060, &out));   /* too old */
    /* Full: the oldest (a) goes. */
    v = 3;
    fb_provider_cache_put(&c, "c", 1002, &v);
    ck_assert(!fb_provider_cache_get(&c, "a", 1003, &out));
    ck_assert(fb_provider_cache_get(&c, "b", 1003, &out));
    ck_assert_int_eq(out, 2);
    /* Put again: replaced in its own slot. */
    v = 4;
    fb_provider_cache_put(&c, "b", 1004, &v);
    ck_assert(fb_provider_cache_get(&c, "c", 1005, &out));
    ck_assert(fb_provider_cache_get(&c, "b", 1005, &out));
    ck_assert_int_eq(out, 4);
    fb_provider_cache_free(&c);
    /* No time: nothing kept. */
    fb_provider_cache_init(&c, 2, 0, sizeof(int));
    fb_provider_cache_put(&c, "a", 1000, &v);
    ck_assert(!fb_provider_cache_get(&c, "a", 1000, &out));
    fb_provider_cache_free(&c);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("lookup-units");
    TCase *t = tcase_create("lookup");
    tcase_add_test(t, found_with_fills);
    tcase_add_test(t, not_found);
    tcase_add_test(t, other_replies_are_unavailable);
    tcase_add_test(t, config_keys);
    tcase_add_test(t, not_configured_is_unavailable);
    tcase_add_test(t, cache_reuses_then_forgets);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
