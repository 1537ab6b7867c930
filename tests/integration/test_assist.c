/* SPDX-License-Identifier: MIT */
/*
 * Assisted digital (issue 18) through the real server, on
 * report-streetlight (the real service) and the example
 * request-a-replacement-bin: a link from `formbuilder assist` works
 * once; used, expired and tampered links are refused with a clear page;
 * the staff name page and its errors; the banner on every page; the
 * channel and staff name in the stored submission and the export; a
 * resident's own journey unaffected; no key, no links, everything else
 * served.
 */
#include <check.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "link_sign.h"

#define SL "/report-streetlight/"
#define KEY "assist-key-for-tests-0123456789ab"
#define BANNER "Filling this in for someone else"

static struct fbt_server srv;
static struct fbt_client cli;

static void
setup(void)
{
    fbt_server_init(&srv);
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

/* The link `formbuilder assist` prints, as a path (malloc'd). */
static char *
assist_link(const char *form, const char *channel)
{
    const char *args[] = { "assist", "--form", form, "--channel", channel,
                           NULL };
    char *out = fbt_run(&srv, args);
    ck_assert_ptr_nonnull(out);
    char prefix[128];
    snprintf(prefix, sizeof prefix, "/%s/assist-link?", form);
    char *path = strstr(out, prefix);
    ck_assert_msg(path != NULL, "%s", out);
    path[strcspn(path, "\n")] = '\0';
    char *copy = strdup(path);
    free(out);
    return copy;
}

static long
follow(const char *link, char **loc, char **body)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, link, &r), CURLE_OK);
    long st = r.status;
    if (loc)
        *loc = fbt_header(&r, "Location");
    if (body)
        *body = strdup(r.body ? r.body : "");
    fbt_response_free(&r);
    return st;
}

static char *
page(const char *path)
{
    char *body = NULL;
    long st = follow(path, NULL, &body);
    ck_assert_msg(st == 200, "%s answered %ld", path, st);
    return body;
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

/* Each page of the journey shows the banner (or, for a resident, not). */
static void
banner_on(const char *path, bool shown)
{
    char *body = page(path);
    ck_assert_msg((strstr(body, BANNER) != NULL) == shown,
                  "%s: banner %s", path, shown ? "missing" : "shown");
    if (shown)
        ck_assert_ptr_nonnull(strstr(body, "id=\"fb-assisted\""));
    free(body);
}

/* The street light journey up to check your answers, the contact page
 * without email or phone when @p contact is false. */
static void
streetlight_to_check(bool assisted)
{
    banner_on(SL, assisted);
    banner_on(SL "location", assisted);
    step(SL "location", "street=High+Street&column_number=12"
         "&location_details=", SL "problem");
    banner_on(SL "problem", assisted);
    step(SL "problem", "fault=out&damage=", SL "contact");
    banner_on(SL "contact", assisted);
    step(SL "contact", "full_name=Ann+Example&email=ann%40example.com"
         "&phone=", SL "check-answers");
    banner_on(SL "check-answers", assisted);
}

static char *
submit(void)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    ck_assert_ptr_nonnull(csrf);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, SL "confirmation", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *ref = fbt_reference(r.body);
    ck_assert_ptr_nonnull(ref);
    free(csrf);
    free(action);
    fbt_response_free(&r);
    return ref;
}

START_TEST(a_link_opens_one_assisted_journey)
{
    char *link = assist_link("report-streetlight", "phone");
    char *loc = NULL;
    /* Only a GET opens it: anything else leaves it unused. */
    struct fbt_response head;
    ck_assert_int_eq(fbt_post(&cli, link, "", &head), CURLE_OK);
    ck_assert_int_eq(head.status, 405);
    fbt_response_free(&head);
    ck_assert_int_eq(follow(link, &loc, NULL), 303);
    ck_assert_str_eq(loc, SL "assist-staff");
    free(loc);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM assist_links "
                                "WHERE form = 'report-streetlight' AND "
                                "channel = 'phone'", NULL), 1);
    /* Before the name is given every page sends the staff member back. */
    ck_assert_int_eq(follow(SL "location", &loc, NULL), 303);
    ck_assert_str_eq(loc, SL "assist-staff");
    free(loc);
    char *body = page(SL "assist-staff");
    ck_assert_ptr_nonnull(strstr(body, "What is your name?"));
    ck_assert_ptr_nonnull(strstr(body, BANNER));
    ck_assert_ptr_nonnull(strstr(body, "On the phone"));
    free(body);
    /* Required, and at most 100 characters, with GOV.UK errors. */
    long st = fbt_answer(&cli, SL "assist-staff", "fb-assisted-by=++", NULL);
    ck_assert_int_eq(st, 400);
    struct fbt_response r;
    char *csrf;
    ck_assert_int_eq(fbt_get(&cli, SL "assist-staff", &r), CURLE_OK);
    csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_post(&cli, SL "assist-staff", "fb-assisted-by=",
                              &r), CURLE_OK);
    /* Without the CSRF token: refused as every journey POST is. */
    ck_assert_int_eq(r.status, 403);
    fbt_response_free(&r);
    char post[512];
    snprintf(post, sizeof post, "csrf_token=%s&website=&fb-assisted-by=",
             csrf);
    ck_assert_int_eq(fbt_post(&cli, SL "assist-staff", post, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 400);
    ck_assert_ptr_nonnull(strstr(r.body, "govuk-error-summary"));
    ck_assert_ptr_nonnull(strstr(r.body, "href=\"#fb-assisted-by\">Enter "
                                         "your name</a>"));
    ck_assert_ptr_nonnull(strstr(r.body, "govuk-input--error"));
    ck_assert_ptr_nonnull(strstr(r.body, "<title>Error: "));
    fbt_response_free(&r);
    char longname[200];
    memset(longname, 'a', 101);
    longname[101] = '\0';
    snprintf(post, sizeof post, "csrf_token=%s&website=&fb-assisted-by=%s",
             csrf, longname);
    ck_assert_int_eq(fbt_post(&cli, SL "assist-staff", post, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 400);
    ck_assert_ptr_nonnull(strstr(r.body, "Your name must be 100 characters "
                                         "or fewer"));
    /* What was typed is shown again. */
    ck_assert_ptr_nonnull(strstr(r.body, longname));
    fbt_response_free(&r);
    free(csrf);
    step(SL "assist-staff", "fb-assisted-by=Sam+Staff", SL);
    body = page(SL);
    ck_assert_ptr_nonnull(strstr(body, "Staff member: Sam Staff"));
    free(body);
    /* Contact questions stay as optional as the form makes them. */
    streetlight_to_check(true);
    char *ref = submit();
    banner_on(SL "confirmation", true);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                "WHERE reference = ?1 AND answers LIKE "
                                "'%\"_assisted\"%\"phone\"%\"Sam Staff\"%'",
                                ref), 1);
    char *json = fbt_export(&srv, "report-streetlight", "json");
    ck_assert_ptr_nonnull(json);
    ck_assert_ptr_nonnull(strstr(json, "\"assisted\": {\"channel\": "
                                       "\"phone\", \"staff_name\": "
                                       "\"Sam Staff\"}"));
    ck_assert_ptr_null(strstr(json, "_assisted"));
    free(json);
    char *csv = fbt_export(&srv, "report-streetlight", "csv");
    ck_assert_ptr_nonnull(csv);
    ck_assert_ptr_nonnull(strstr(csv, ",assisted_channel,assisted_by\r\n"));
    ck_assert_ptr_nonnull(strstr(csv, ",phone,Sam Staff\r\n"));
    free(csv);
    free(ref);
    /* The second use, even from another browser, is refused. */
    fbt_client_free(&cli);
    fbt_client_init(&cli, &srv);
    ck_assert_int_eq(follow(link, &loc, &body), 410);
    ck_assert_ptr_nonnull(strstr(body, "This link has already been used"));
    ck_assert_ptr_null(loc);
    free(body);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM assist_links",
                                NULL), 1);
    free(link);
}
END_TEST

/* A link signed here with @p key, for @p purpose, until @p expires. */
static void
signed_link(char *out, size_t cap, const char *key, const char *purpose,
            const char *channel, long long expires)
{
    const char *id = "0123456789abcdef0123456789abcdef";
    const struct fb_link_pair pairs[] = {{"id", id}, {"channel", channel}};
    char sig[FB_LINK_SIG_SIZE];
    ck_assert_int_eq(fb_link_sign(key, purpose, "report-streetlight",
                                  expires, pairs, 2, sig), 0);
    snprintf(out, cap, SL "assist-link?id=%s&channel=%s&expires=%lld&sig=%s", id,
             channel, expires, sig);
}

START_TEST(expired_and_tampered_links_are_refused)
{
    const long long later = (long long)time(NULL) + 3600;
    char good[512], expired[512], tampered[512], other_use[512],
        other_key[512], extra[600];
    signed_link(good, sizeof good, KEY, "assist", "face-to-face", later);
    signed_link(expired, sizeof expired, KEY, "assist", "phone",
                (long long)time(NULL) - 60);
    signed_link(tampered, sizeof tampered, KEY, "assist", "phone", later);
    memcpy(strstr(tampered, "channel=phone"), "channel=PHONE", 13);
    signed_link(other_use, sizeof other_use, KEY, "prefill", "phone", later);
    signed_link(other_key, sizeof other_key, "another-key", "assist",
                "phone", later);
    snprintf(extra, sizeof extra, "%s&street=High", good);
    char *body = NULL;
    ck_assert_int_eq(follow(expired, NULL, &body), 410);
    ck_assert_ptr_nonnull(strstr(body, "This link has expired"));
    free(body);
    const char *bad[] = {tampered, other_use, other_key, extra,
                         SL "assist-link", SL "assist-link?id=x&channel=phone"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ck_assert_int_eq(follow(bad[i], NULL, &body), 403);
        ck_assert_ptr_nonnull(strstr(body, "This link does not work"));
        free(body);
    }
    /* Nothing stored for any of them. */
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions", NULL),
                     0);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM assist_links",
                                NULL), 0);
    /* The staff page with no link opened says what to do. */
    ck_assert_int_eq(follow(SL "assist-staff", NULL, &body), 404);
    ck_assert_ptr_nonnull(strstr(body, "Open the link you were given"));
    free(body);
    /* The good one, face to face, on the same server. */
    char *loc = NULL;
    ck_assert_int_eq(follow(good, &loc, NULL), 303);
    free(loc);
    body = page(SL "assist-staff");
    ck_assert_ptr_nonnull(strstr(body, "Face to face"));
    free(body);
}
END_TEST

START_TEST(a_residents_journey_is_unaffected)
{
    /* The example form takes a link too; this browser never opened one. */
    banner_on("/request-a-replacement-bin/", false);
    streetlight_to_check(false);
    char *ref = submit();
    banner_on(SL "confirmation", false);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                "WHERE reference = ?1 AND answers LIKE "
                                "'%_assisted%'", ref), 0);
    char *json = fbt_export(&srv, "report-streetlight", "json");
    ck_assert_ptr_null(strstr(json, "\"assisted\""));
    free(json);
    free(ref);
    /* The example: an assisted bin request, face to face. */
    char *link = assist_link("request-a-replacement-bin", "face-to-face");
    char *loc = NULL;
    ck_assert_int_eq(follow(link, &loc, NULL), 303);
    ck_assert_str_eq(loc, "/request-a-replacement-bin/assist-staff");
    free(loc);
    step("/request-a-replacement-bin/assist-staff", "fb-assisted-by=Jo",
         "/request-a-replacement-bin/");
    banner_on("/request-a-replacement-bin/choose", true);
    /* The street light journey in the same browser is the resident's. */
    banner_on(SL, false);
    free(link);
}
END_TEST

START_TEST(without_the_key_no_links_and_everything_else_served)
{
    char *out = NULL;
    const char *bad_channel[] = { "assist", "--form", "report-streetlight",
                                  "--channel", "email", NULL };
    ck_assert_int_eq(fbt_run_status(&srv, bad_channel, &out), 2);
    ck_assert_ptr_nonnull(strstr(out, "--channel takes phone or "
                                      "face-to-face"));
    free(out);
    const char *no_form[] = { "assist", "--form", "nope", NULL };
    ck_assert_int_eq(fbt_run_status(&srv, no_form, &out), 2);
    ck_assert_ptr_nonnull(strstr(out, "no form 'nope'"));
    free(out);
    char *link = assist_link("report-streetlight", "phone");
    fbt_server_stop(&srv, SIGTERM);
    unsetenv("FORMBUILDER_ASSIST_KEY");
    const char *no_key[] = { "assist", "--form", "report-streetlight", NULL };
    ck_assert_int_eq(fbt_run_status(&srv, no_key, &out), 2);
    ck_assert_ptr_nonnull(strstr(out, "set FORMBUILDER_ASSIST_KEY"));
    free(out);
    fbt_server_start(&srv);
    char *body = NULL;
    ck_assert_int_eq(follow(link, NULL, &body), 503);
    ck_assert_ptr_nonnull(strstr(body, "not set up"));
    free(body);
    streetlight_to_check(false);
    free(submit());
    setenv("FORMBUILDER_ASSIST_KEY", KEY, 1);
    free(link);
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
    setenv("FORMBUILDER_ASSIST_KEY", KEY, 1);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Suite *s = suite_create("assist");
    TCase *tc = tcase_create("assist");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_link_opens_one_assisted_journey);
    tcase_add_test(tc, expired_and_tampered_links_are_refused);
    tcase_add_test(tc, a_residents_journey_is_unaffected);
    tcase_add_test(tc, without_the_key_no_links_and_everything_else_served);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
