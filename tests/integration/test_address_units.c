/* SPDX-License-Identifier: MIT */
/*
 * The address lookup's pure parts (address_lookup.h): OS Places replies
 * read into addresses (the lines built from DPA fields, refusals of
 * replies not in the documented shape) and the configuration keys. The
 * calls themselves are tested through the real server against a local
 * stand-in (test_address_lookup.py).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address_lookup.h"

static struct fb_address_list list;

static int
parse(const char *json)
{
    return fb_address_parse_os_places(json, strlen(json), &list);
}

START_TEST(numbered_house)
{
    ck_assert_int_eq(parse(
        "{\"header\":{\"totalresults\":1},\"results\":[{\"DPA\":{"
        "\"UPRN\":\"100100000003\",\"ADDRESS\":\"3, HEOL Y TEST, CARDIFF, "
        "CF10 4UW\",\"BUILDING_NUMBER\":\"3\",\"THOROUGHFARE_NAME\":"
        "\"HEOL Y TEST\",\"POST_TOWN\":\"CARDIFF\",\"POSTCODE\":\"CF10 4UW\","
        "\"LOCAL_CUSTODIAN_CODE\":6815}}]}"), 0);
    ck_assert_uint_eq(list.n, 1);
    ck_assert_str_eq(list.items[0].uprn, "100100000003");
    ck_assert_str_eq(list.items[0].line1, "3 HEOL Y TEST");
    ck_assert_str_eq(list.items[0].line2, "");
    ck_assert_str_eq(list.items[0].town, "CARDIFF");
    ck_assert_str_eq(list.items[0].postcode, "CF10 4UW");
    ck_assert_str_eq(list.items[0].custodian, "6815");
}
END_TEST

START_TEST(flat_in_a_named_building_with_locality)
{
    ck_assert_int_eq(parse(
        "{\"header\":{\"totalresults\":1},\"results\":[{\"DPA\":{"
        "\"UPRN\":\"7\",\"ADDRESS\":\"FLAT 3, TY PRAWF, 5, STRYD Y CASTELL, "
        "LLANDAF, CARDIFF, CF5 2AA\",\"SUB_BUILDING_NAME\":\"FLAT 3\","
        "\"BUILDING_NAME\":\"TY PRAWF\",\"BUILDING_NUMBER\":\"5\","
        "\"THOROUGHFARE_NAME\":\"STRYD Y CASTELL\",\"DEPENDENT_LOCALITY\":"
        "\"LLANDAF\",\"POST_TOWN\":\"CARDIFF\",\"POSTCODE\":\"CF5 2AA\","
        "\"LOCAL_CUSTODIAN_CODE\":\"6815\"}}]}"), 0);
    ck_assert_str_eq(list.items[0].line1, "FLAT 3, TY PRAWF");
    ck_assert_str_eq(list.items[0].line2, "5 STRYD Y CASTELL");
    ck_assert_str_eq(list.items[0].custodian, "6815");
}
END_TEST

START_TEST(nothing_found_has_no_results)
{
    ck_assert_int_eq(parse("{\"header\":{\"totalresults\":0}}"), 0);
    ck_assert_uint_eq(list.n, 0);
}
END_TEST

START_TEST(replies_not_in_the_shape_are_refused)
{
    static const char *const bad[] = {
        "",
        "{\"header\":{\"totalresults\":3},\"results\":[{\"DP",
        "[]",
        "{\"results\":[]}",
        "{\"header\":{\"totalresults\":\"1\"},\"results\":[]}",
        "{\"header\":{\"totalresults\":1}}",
        "{\"header\":{\"totalresults\":1},\"results\":{\"DPA\":{}}}",
        "{\"header\":{\"totalresults\":1},\"results\":[{\"LPI\":{}}]}",
        /* a UPRN that is not digits, a record without a postcode */
        "{\"header\":{\"totalresults\":1},\"results\":[{\"DPA\":{\"UPRN\":"
        "\"12a\",\"ADDRESS\":\"X\",\"POST_TOWN\":\"T\",\"POSTCODE\":"
        "\"CF10 1AA\"}}]}",
        "{\"header\":{\"totalresults\":1},\"results\":[{\"DPA\":{\"UPRN\":"
        "\"12\",\"ADDRESS\":\"X\",\"POST_TOWN\":\"T\"}}]}",
        /* a key given twice: which one would be meant? */
        "{\"header\":{\"totalresults\":1,\"totalresults\":2}}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(parse(bad[i]) == -1, "accepted: %s", bad[i]);
        ck_assert_uint_eq(list.n, 0);
    }
}
END_TEST

START_TEST(at_most_one_page_of_addresses)
{
    size_t cap = 200 * 160 + 100;
    char *json = malloc(cap);
    ck_assert_ptr_nonnull(json);
    size_t n = (size_t)snprintf(json, cap,
                                "{\"header\":{\"totalresults\":200},"
                                "\"results\":[");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(json + n, cap - n,
                              "%s{\"DPA\":{\"UPRN\":\"%d\",\"ADDRESS\":"
                              "\"%d HIGH ST\",\"POST_TOWN\":\"T\","
                              "\"POSTCODE\":\"CF10 1AA\"}}", i ? "," : "",
                              i + 1, i + 1);
    snprintf(json + n, cap - n, "]}");
    ck_assert_int_eq(parse(json), 0);
    ck_assert_uint_eq(list.n, FB_ADDRESS_MAX_FOUND);
    free(json);
}
END_TEST

START_TEST(config_keys)
{
    struct fb_address_config c;
    fb_address_config_defaults(&c);
    ck_assert_str_eq(c.url, "");
    ck_assert_uint_eq(c.timeout_ms, 3000);
    ck_assert_int_eq(fb_address_config_set(&c, "address_lookup_url",
                                           "https://api.os.uk"), 1);
    ck_assert_str_eq(c.url, "https://api.os.uk");
    ck_assert_int_eq(fb_address_config_set(&c, "address_lookup_url",
                                           "file:///etc/passwd"), 0);
    ck_assert_int_eq(fb_address_config_set(&c, "address_lookup_timeout_ms",
                                           "50"), 0);
    ck_assert_int_eq(fb_address_config_set(&c, "address_lookup_timeout_ms",
                                           "2500"), 1);
    ck_assert_uint_eq(c.timeout_ms, 2500);
    ck_assert_int_eq(fb_address_config_set(&c, "address_lookup_concurrent",
                                           "0"), 0);
    ck_assert_int_eq(fb_address_config_set(&c,
                                           "address_lookup_cache_seconds",
                                           "0"), 1);
    ck_assert_int_eq(fb_address_config_set(&c, "address_lookup_colour",
                                           "red"), -1);
}
END_TEST

START_TEST(not_configured_never_calls)
{
    struct fb_address_config c;
    fb_address_config_defaults(&c);
    fb_address_lookup_start(&c, false);
    ck_assert(!fb_address_lookup_configured());
    ck_assert_int_eq(fb_address_lookup_cached("CF10 4UW", &list),
                     FB_ADDRESS_NOT_CONFIGURED);
    fb_address_lookup_stop();
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("address-units");
    TCase *t = tcase_create("os-places");
    tcase_add_test(t, numbered_house);
    tcase_add_test(t, flat_in_a_named_building_with_locality);
    tcase_add_test(t, nothing_found_has_no_results);
    tcase_add_test(t, replies_not_in_the_shape_are_refused);
    tcase_add_test(t, at_most_one_page_of_addresses);
    tcase_add_test(t, config_keys);
    tcase_add_test(t, not_configured_never_calls);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
