/* SPDX-License-Identifier: MIT */
/*
 * Prefill links through the real server: request-a-replacement-bin (links
 * from letters) with a link made by `formbuilder prefill-link`, and links
 * signed here with link_sign.c (tampered, expired, for another use) that
 * the server must ignore without a word to the resident.
 */
#include <check.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "link_sign.h"

#define BIN "/request-a-replacement-bin/"
#define KEY "letters-key-for-tests-0123456789"

static struct fbt_server srv;
static struct fbt_client cli;

static void
setup(void)
{
    fbt_server_init(&srv);
    /* Run by hand under tests/valgrind/memcheck.sh: starts are slower. */
    if (getenv("FBT_MEMCHECK_PROGRAM"))
        srv.start_ms = 120000;
    fbt_server_start(&srv);
    fbt_client_init(&cli, &srv);
}

static void
teardown(void)
{
    fbt_client_free(&cli);
    fbt_server_cleanup(&srv);
}

/* The link `formbuilder prefill-link` prints for these answers, as a
 * path (malloc'd). */
static char *
cli_link(const char *a1, const char *a2, const char *a3)
{
    const char *args[] = { "prefill-link", "--form",
                           "request-a-replacement-bin", a1, a2, a3, NULL };
    char *out = fbt_run(&srv, args);
    ck_assert_ptr_nonnull(out);
    char *path = strstr(out, BIN "?");
    ck_assert_ptr_nonnull(path);
    path[strcspn(path, "\n")] = '\0';
    char *copy = strdup(path);
    free(out);
    return copy;
}

/* A link signed here with @p key for @p purpose, valid until @p expires. */
static void
signed_link(char *out, size_t cap, const char *key, const char *purpose,
            long long expires)
{
    const struct fb_link_pair pairs[] = {{"full_name", "Ann Example"}};
    char sig[FB_LINK_SIG_SIZE];
    ck_assert_int_eq(fb_link_sign(key, purpose, "request-a-replacement-bin",
                                  expires, pairs, 1, sig), 0);
    snprintf(out, cap, BIN "?full_name=Ann%%20Example&expires=%lld&sig=%s",
             expires, sig);
}

static void
step(const char *path, const char *fields, const char *next)
{
    char *loc = NULL;
    long st = fbt_answer(&cli, path, fields, &loc);
    ck_assert_msg(st == 303, "%s answered %ld", path, st);
    ck_assert_str_eq(loc, next);
    free(loc);
}

static char *
page(const char *path)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, path, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *body = strdup(r.body);
    fbt_response_free(&r);
    return body;
}

/* Follows a link: @returns its status; *loc its Location, if any. */
static long
follow(const char *link, char **loc)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, link, &r), CURLE_OK);
    long st = r.status;
    *loc = fbt_header(&r, "Location");
    fbt_response_free(&r);
    return st;
}

/* Up to the address page, answering each page as the resident would. */
static void
to_address(const char *item)
{
    char fields[64];
    snprintf(fields, sizeof fields, "item=%s", item);
    step(BIN "choose", fields, BIN "new_home");
    step(BIN "new_home", "new_build=no", BIN "reason");
    step(BIN "reason", "what_happened=missing", BIN "address");
}

START_TEST(a_letter_link_fills_in_the_answers)
{
    char *link = cli_link("item=green", "full_name=Ann Example",
                          "email=ann@example.com");
    char *loc = NULL;
    ck_assert_int_eq(follow(link, &loc), 303);
    /* To the ordinary start page: the link is not kept in the address. */
    ck_assert_str_eq(loc, BIN);
    free(loc);
    char *body = page(BIN "choose");
    ck_assert_ptr_nonnull(strstr(body, "value=\"green\" checked"));
    free(body);
    to_address("green");
    body = page(BIN "address");
    ck_assert_ptr_nonnull(strstr(body, "value=\"Ann Example\""));
    ck_assert_ptr_nonnull(strstr(body, "value=\"ann@example.com\""));
    /* Good prefilled answers show no error. */
    ck_assert_ptr_null(strstr(body, "govuk-error-summary"));
    free(body);
    /* Nothing is sent until the resident has sent every page. */
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions",
                                NULL), 0);
    free(link);
}
END_TEST

/* The example form: links from My Account, another key. */
START_TEST(a_my_account_link_fills_in_the_example)
{
    setenv("MY_ACCOUNT_LINK_KEY", "my-account-key-for-tests", 1);
    const char *args[] = { "prefill-link", "--form",
                           "request-a-food-waste-caddy", "--valid", "15m",
                           "item=liners", "full_name=Ann Example", NULL };
    char *out = fbt_run(&srv, args);
    ck_assert_ptr_nonnull(out);
    char *path = strstr(out, "/request-a-food-waste-caddy/?");
    ck_assert_ptr_nonnull(path);
    path[strcspn(path, "\n")] = '\0';
    char *loc = NULL;
    /* The server was started before the key was set: the link is
     * ignored, and the log says why. */
    ck_assert_int_eq(follow(path, &loc), 200);
    free(loc);
    fbt_server_stop(&srv, SIGTERM);
    FILE *log = fopen(srv.log, "r");
    ck_assert_ptr_nonnull(log);
    char line[1024];
    bool said = false;
    while (!said && fgets(line, sizeof line, log))
        said = strstr(line, "prefill link to request-a-food-waste-caddy "
                            "ignored") && strstr(line, "not set");
    fclose(log);
    ck_assert_msg(said, "the log does not say why the link was ignored");
    fbt_server_start(&srv);
    ck_assert_int_eq(follow(path, &loc), 303);
    ck_assert_str_eq(loc, "/request-a-food-waste-caddy/");
    free(loc);
    char *body = page("/request-a-food-waste-caddy/choose");
    ck_assert_ptr_nonnull(strstr(body, "value=\"liners\" checked"));
    free(body);
    free(out);
    unsetenv("MY_ACCOUNT_LINK_KEY");
}
END_TEST

START_TEST(a_prefilled_bad_value_is_an_error_on_its_page)
{
    char *link = cli_link("item=green", "email=not-an-address",
                          "full_name=Ann Example");
    char *loc = NULL;
    ck_assert_int_eq(follow(link, &loc), 303);
    free(loc);
    to_address("green");
    char *body = page(BIN "address");
    ck_assert_ptr_nonnull(strstr(body, "value=\"not-an-address\""));
    /* Shown as an error on its page at once; the questions the link did
     * not fill in are not blamed for being empty. */
    ck_assert_ptr_nonnull(strstr(body, "govuk-error-summary"));
    ck_assert_ptr_nonnull(strstr(body, "href=\"#email\""));
    ck_assert_ptr_null(strstr(body, "href=\"#home_address"));
    ck_assert_ptr_null(strstr(body, "href=\"#full_name"));
    free(body);
    /* Check your answers is not reachable with it. */
    ck_assert_int_eq(follow(BIN "check-answers", &loc), 303);
    ck_assert_str_eq(loc, BIN "address");
    free(loc);
    /* Continue with the page as shown: the error, nothing stored. */
    long st = fbt_answer(&cli, BIN "address", "full_name=Ann+Example"
                         "&home_address-line1=1+Acacia+Avenue"
                         "&home_address-line2=&home_address-town=Newtown"
                         "&home_address-postcode=AB1+2CD"
                         "&email=not-an-address&phone=", NULL);
    ck_assert_int_eq(st, 422);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions",
                                NULL), 0);
    free(link);
}
END_TEST

START_TEST(the_residents_own_answer_wins)
{
    step(BIN "choose", "item=black", BIN "new_home");
    char *link = cli_link("item=green", "full_name=Ann Example", NULL);
    char *loc = NULL;
    ck_assert_int_eq(follow(link, &loc), 303);
    free(loc);
    char *body = page(BIN "choose");
    ck_assert_ptr_nonnull(strstr(body, "value=\"black\" checked"));
    ck_assert_ptr_null(strstr(body, "value=\"green\" checked"));
    free(body);
    free(link);
}
END_TEST

START_TEST(unsigned_tampered_and_expired_links_are_ignored)
{
    char link[512];
    const long long later = (long long)time(NULL) + 3600;
    const char *bad[5];
    char tampered[512], expired[512], other_use[512], other_key[512];
    signed_link(tampered, sizeof tampered, KEY, "prefill", later);
    /* Another name: the signature no longer matches. */
    memcpy(strstr(tampered, "Ann"), "Bob", 3);
    signed_link(expired, sizeof expired, KEY, "prefill",
                (long long)time(NULL) - 60);
    signed_link(other_use, sizeof other_use, KEY, "assist", later);
    signed_link(other_key, sizeof other_key, "another-key", "prefill",
                later);
    bad[0] = BIN "?full_name=Ann";
    bad[1] = tampered;
    bad[2] = expired;
    bad[3] = other_use;
    bad[4] = other_key;
    for (size_t i = 0; i < 5; i++) {
        struct fbt_response r;
        ck_assert_int_eq(fbt_get(&cli, bad[i], &r), CURLE_OK);
        /* The ordinary start page, no error, nothing stored. */
        ck_assert_int_eq(r.status, 200);
        ck_assert_ptr_nonnull(strstr(r.body, "Start now"));
        ck_assert_ptr_null(strstr(r.body, "govuk-error"));
        fbt_response_free(&r);
    }
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions", NULL),
                     0);
    /* The one that holds, to show the others were refused by the
     * signature alone. */
    signed_link(link, sizeof link, KEY, "prefill", later);
    char *loc = NULL;
    ck_assert_int_eq(follow(link, &loc), 303);
    free(loc);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions", NULL),
                     1);
}
END_TEST

START_TEST(prefill_link_refuses_what_it_cannot_sign)
{
    char *out = NULL;
    const char *no_question[] = { "prefill-link", "--form",
                                  "request-a-replacement-bin", "shoe=9",
                                  NULL };
    ck_assert_int_eq(fbt_run_status(&srv, no_question, &out), 2);
    ck_assert_ptr_nonnull(strstr(out, "no question 'shoe'"));
    free(out);
    const char *no_prefill[] = { "prefill-link", "--form",
                                 "report-streetlight", "street=High", NULL };
    ck_assert_int_eq(fbt_run_status(&srv, no_prefill, &out), 2);
    ck_assert_ptr_nonnull(strstr(out, "takes no prefilled answers"));
    free(out);
    const char *bad_valid[] = { "prefill-link", "--form",
                                "request-a-replacement-bin", "--valid", "2w",
                                "item=green", NULL };
    ck_assert_int_eq(fbt_run_status(&srv, bad_valid, &out), 2);
    free(out);
    unsetenv("BIN_LETTER_LINK_KEY");
    const char *no_key[] = { "prefill-link", "--form",
                             "request-a-replacement-bin", "item=green",
                             NULL };
    ck_assert_int_eq(fbt_run_status(&srv, no_key, &out), 2);
    ck_assert_ptr_nonnull(strstr(out, "set BIN_LETTER_LINK_KEY"));
    free(out);
    setenv("BIN_LETTER_LINK_KEY", KEY, 1);
}
END_TEST

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FORMBUILDER\n", argv[0]);
        return 2;
    }
    fbt_exe = argv[1];
    /* The server and the command read the key from the environment. */
    setenv("BIN_LETTER_LINK_KEY", KEY, 1);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Suite *s = suite_create("prefill");
    TCase *tc = tcase_create("prefill");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_letter_link_fills_in_the_answers);
    tcase_add_test(tc, a_my_account_link_fills_in_the_example);
    tcase_add_test(tc, a_prefilled_bad_value_is_an_error_on_its_page);
    tcase_add_test(tc, the_residents_own_answer_wins);
    tcase_add_test(tc, unsigned_tampered_and_expired_links_are_ignored);
    tcase_add_test(tc, prefill_link_refuses_what_it_cannot_sign);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
