/* SPDX-License-Identifier: MIT */
/*
 * Welsh through the real server (docs/welsh.md, "The runtime"): the
 * bilingual report-streetlight form of forms/ completed in Welsh, the
 * language switched mid-journey without losing answers, Accept-Language
 * choosing the first page, ?lang= remembered in the stored session across
 * a restart, error pages in Welsh, and the submission, its deliveries and
 * exports recording "cy". English-only forms ignore ?lang=cy.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "harness.h"

#define SL "/report-streetlight/"
/* An English-only form of forms/. */
#define BB "/apply-for-a-blue-badge/"

static struct fbt_server srv;
static struct fbt_client cli;

static void
setup(void)
{
    fbt_server_init(&srv);
    fbt_server_start(&srv);
    fbt_client_init(&cli, &srv);
}

static void
teardown(void)
{
    fbt_client_free(&cli);
    fbt_server_cleanup(&srv);
}

/* GETs @p path and checks its status; the body is in @p r. */
static void
get(const char *path, long status, struct fbt_response *r)
{
    ck_assert_int_eq(fbt_get(&cli, path, r), CURLE_OK);
    ck_assert_msg(r->status == status, "GET %s: %ld", path, r->status);
}

static void
assert_has(const char *html, const char *s)
{
    ck_assert_msg(strstr(html, s), "missing %s", s);
}

static void
assert_lacks(const char *html, const char *s)
{
    ck_assert_msg(!strstr(html, s), "unexpected %s", s);
}

/* Answers one page and checks it moves on to @p next. */
static void
step(const char *path, const char *fields, const char *next)
{
    char *loc = NULL;
    long st = fbt_answer(&cli, path, fields, &loc);
    ck_assert_msg(st == 303, "%s answered %ld", path, st);
    ck_assert_ptr_nonnull(loc);
    ck_assert_str_eq(loc, next);
    free(loc);
}

/* GET ?lang=@p code on @p path: stored, back to @p path without it. */
static void
choose(const char *path, const char *code)
{
    char url[256];
    snprintf(url, sizeof url, "%s?lang=%s", path, code);
    struct fbt_response r;
    get(url, 303, &r);
    char *loc = fbt_header(&r, "Location");
    ck_assert_ptr_nonnull(loc);
    ck_assert_str_eq(loc, path);
    free(loc);
    fbt_response_free(&r);
}

START_TEST(accept_language_chooses_the_first_page)
{
    struct fbt_response r;
    cli.header = "Accept-Language: cy-GB,cy;q=0.9,en;q=0.8";
    get(SL, 200, &r);
    assert_has(r.body, "<html lang=\"cy\"");
    assert_has(r.body, "Dechrau nawr");
    assert_has(r.body, "Rhoi gwybod am olau stryd diffygiol");
    /* The link to English says so in English. */
    assert_has(r.body, "href=\"" SL "?lang=en\" class=\"govuk-link\" "
                       "lang=\"en\" hreflang=\"en\">English</a>");
    fbt_response_free(&r);
    /* Weights: Welsh preferred though listed second. */
    cli.header = "Accept-Language: en;q=0.5, cy;q=0.8";
    get(SL, 200, &r);
    assert_has(r.body, "<html lang=\"cy\"");
    fbt_response_free(&r);
    /* q=0 refuses Welsh; an unknown language is English. */
    cli.header = "Accept-Language: cy;q=0, fr";
    get(SL, 200, &r);
    assert_has(r.body, "<html lang=\"en\"");
    assert_has(r.body, "Start now");
    assert_has(r.body, "href=\"" SL "?lang=cy\" class=\"govuk-link\" "
                       "lang=\"cy\" hreflang=\"cy\">Cymraeg</a>");
    fbt_response_free(&r);
}
END_TEST

START_TEST(lang_is_remembered_across_a_restart)
{
    struct fbt_response r;
    choose(SL "location", "cy");
    /* Stored: the session record says so. */
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions WHERE "
                                      "data LIKE '%lang=cy%'", NULL), 1);
    /* No Accept-Language, an English one even: the session's choice. */
    cli.header = "Accept-Language: en";
    get(SL "location", 200, &r);
    assert_has(r.body, "<html lang=\"cy\"");
    assert_has(r.body, "Ble mae&#39;r golau stryd?");
    fbt_response_free(&r);
    ck_assert_int_eq(WIFEXITED(fbt_server_stop(&srv, SIGTERM)), 1);
    fbt_server_start(&srv);
    get(SL "location", 200, &r);
    assert_has(r.body, "<html lang=\"cy\"");
    fbt_response_free(&r);
    choose(SL "location", "en");
    get(SL "location", 200, &r);
    assert_has(r.body, "<html lang=\"en\"");
    assert_has(r.body, "Where is the street light?");
    fbt_response_free(&r);
}
END_TEST

/* The whole journey in Welsh, switching to English and back on the way:
 * answers and place kept, errors in Welsh, the submission in Welsh. */
START_TEST(welsh_journey_switching_midway)
{
    struct fbt_response r;
    choose(SL, "cy");
    step(SL "location", "street=Heol+y+Bont&column_number=7"
         "&location_details=", SL "problem");
    /* A page with errors: Welsh summary, prefix and author message. */
    get(SL "problem", 200, &r);
    char *csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    char body[256];
    snprintf(body, sizeof body, "csrf_token=%s&website=&fault=&damage=",
             csrf);
    ck_assert_int_eq(fbt_post(&cli, SL "problem", body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 422);
    assert_has(r.body, "<title>Gwall: ");
    assert_has(r.body, "Mae problem wedi codi");
    assert_has(r.body, "Dewiswch beth sydd o&#39;i le ar y golau stryd");
    /* On a page shown after a POST the link posts the page again. */
    assert_has(r.body, "<button type=\"submit\" form=\"fb-form\" "
                       "formaction=\"" SL "problem?lang=en&amp;switch=1\"");
    assert_has(r.body, " id=\"fb-form\"");
    fbt_response_free(&r);
    /* Switch to English with what was chosen: kept, same page. */
    snprintf(body, sizeof body, "csrf_token=%s&website=&fault=day&damage=",
             csrf);
    ck_assert_int_eq(fbt_post(&cli, SL "problem?lang=en&switch=1", body, &r),
                     CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    char *loc = fbt_header(&r, "Location");
    ck_assert_str_eq(loc, SL "problem");
    free(loc);
    fbt_response_free(&r);
    free(csrf);
    get(SL "problem", 200, &r);
    assert_has(r.body, "<html lang=\"en\"");
    assert_has(r.body, "value=\"day\" checked");
    fbt_response_free(&r);
    /* Back to Welsh with the link; the street is still there. */
    choose(SL "location", "cy");
    get(SL "location", 200, &r);
    assert_has(r.body, "value=\"Heol y Bont\"");
    fbt_response_free(&r);
    step(SL "problem", "fault=day&damage=", SL "contact");
    step(SL "contact", "full_name=Ann+Enghraifft&email=ann%40example.com"
         "&phone=", SL "check-answers");
    get(SL "check-answers", 200, &r);
    assert_has(r.body, "<html lang=\"cy\"");
    assert_has(r.body, "Gwirio eich atebion");
    assert_has(r.body, ">Newid<");
    assert_has(r.body, "Mae ymlaen yn ystod y dydd");
    assert_has(r.body, "Derbyn ac anfon");
    csrf = fbt_csrf(r.body);
    char *action = fbt_action(r.body);
    fbt_response_free(&r);
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    free(csrf);
    free(action);
    get(SL "confirmation", 200, &r);
    assert_has(r.body, "<html lang=\"cy\"");
    assert_has(r.body, "Eich cyfeirnod");
    assert_has(r.body, "Adroddiad wedi dod i law");
    char *ref = fbt_reference(r.body);
    fbt_response_free(&r);
    ck_assert_ptr_nonnull(ref);
    /* The submission, its deliveries and exports say Welsh. */
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                      "WHERE reference = ?1 AND language "
                                      "= 'cy'", ref), 1);
    ck_assert_int_ge(fbt_db_int(&srv, "SELECT count(*) FROM deliveries "
                                      "WHERE reference = ?1", ref), 1);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM deliveries "
                                      "WHERE reference = ?1 AND language "
                                      "<> 'cy'", ref), 0);
    char *json = fbt_export(&srv, "report-streetlight", "json");
    ck_assert_ptr_nonnull(json);
    assert_has(json, "\"language\": \"cy\"");
    free(json);
    char *csv = fbt_export(&srv, "report-streetlight", "csv");
    ck_assert_ptr_nonnull(csv);
    assert_has(csv, "reference,submitted_at,version,language,");
    char row[64];
    snprintf(row, sizeof row, "%s,", ref);
    const char *line = strstr(csv, row);
    ck_assert_ptr_nonnull(line);
    /* reference, submitted_at, version, then the language */
    const char *cell = line;
    for (int i = 0; i < 3 && cell; i++)
        cell = strchr(cell, ',') ? strchr(cell, ',') + 1 : NULL;
    ck_assert_ptr_nonnull(cell);
    ck_assert_int_eq(strncmp(cell, "cy,", 3), 0);
    free(csv);
    free(ref);
}
END_TEST

START_TEST(english_submission_records_english)
{
    struct fbt_response r;
    step(SL "location", "street=High+Street&column_number=&location_details=",
         SL "problem");
    step(SL "problem", "fault=out&damage=", SL "contact");
    step(SL "contact", "full_name=&email=a%40example.com&phone=",
         SL "check-answers");
    get(SL "check-answers", 200, &r);
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
    fbt_response_free(&r);
    free(csrf);
    free(action);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                      "WHERE language = 'en'", NULL), 1);
}
END_TEST

START_TEST(english_only_form_ignores_lang)
{
    struct fbt_response r;
    get(BB "?lang=cy", 200, &r);
    assert_has(r.body, "<html lang=\"en\"");
    assert_lacks(r.body, "Cymraeg");
    assert_lacks(r.body, "hreflang");
    fbt_response_free(&r);
    cli.header = "Accept-Language: cy";
    get(BB, 200, &r);
    assert_has(r.body, "<html lang=\"en\"");
    assert_has(r.body, "Start now");
    fbt_response_free(&r);
    /* Nothing was stored for it. */
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions", NULL),
                     0);
}
END_TEST

START_TEST(error_pages_and_index_in_welsh)
{
    struct fbt_response r;
    cli.header = "Accept-Language: cy";
    get("/no-such-form/", 404, &r);
    assert_has(r.body, "<html lang=\"cy\"");
    assert_has(r.body, "Heb ddod o hyd i\u2019r dudalen");
    fbt_response_free(&r);
    cli.header = NULL;
    get("/?lang=cy", 200, &r);
    assert_has(r.body, "<html lang=\"cy\"");
    assert_has(r.body, "Ffurflenni ar-lein");
    /* A bilingual form starts in Welsh; an English one is marked. */
    assert_has(r.body, "href=\"" SL "?lang=cy\">Rhoi gwybod am olau stryd "
                       "diffygiol</a>");
    assert_has(r.body, "<span lang=\"en\">");
    assert_has(r.body, "hreflang=\"en\">English</a>");
    fbt_response_free(&r);
    get("/", 200, &r);
    assert_has(r.body, "Online forms");
    fbt_response_free(&r);
    /* The session's language: a 403 (expired page) and a 405 in Welsh. */
    choose(SL "location", "cy");
    ck_assert_int_eq(fbt_post(&cli, SL "location", "csrf_token="
                     "00000000000000000000000000000000&street=X", &r),
                     CURLE_OK);
    ck_assert_int_eq(r.status, 403);
    assert_has(r.body, "<html lang=\"cy\"");
    assert_has(r.body, "Mae eich sesiwn wedi dod i ben");
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_post(&cli, SL "check-answers", "", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 405);
    assert_has(r.body, "Dull heb ei ganiat\u00e1u");
    fbt_response_free(&r);
}
END_TEST

/* The catalogue for translators and the a11y suite: every entry in both
 * languages, none missing (null). */
START_TEST(messages_command_lists_the_catalogue)
{
    static const char *const args[] = {"messages", "--format", "json", NULL};
    char *out = fbt_run(&srv, args);
    ck_assert_ptr_nonnull(out);
    assert_has(out, "{\"name\": \"problem\", \"en\": \"There is a "
                    "problem\", \"cy\": \"Mae problem wedi codi\"}");
    assert_has(out, "\"name\": \"enter\", \"en\": \"Enter {object}\", "
                    "\"cy\": \"Rhowch {object}\"");
    assert_lacks(out, "null");
    free(out);
    static const char *const bad[] = {"messages", "--format", "po", NULL};
    char *none = fbt_run(&srv, bad);
    ck_assert_ptr_null(none);
}
END_TEST

static Suite *
welsh_suite(void)
{
    Suite *s = suite_create("welsh");
    TCase *tc = tcase_create("server");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, accept_language_chooses_the_first_page);
    tcase_add_test(tc, lang_is_remembered_across_a_restart);
    tcase_add_test(tc, welsh_journey_switching_midway);
    tcase_add_test(tc, english_submission_records_english);
    tcase_add_test(tc, english_only_form_ignores_lang);
    tcase_add_test(tc, error_pages_and_index_in_welsh);
    tcase_add_test(tc, messages_command_lists_the_catalogue);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FORMBUILDER\n", argv[0]);
        return 2;
    }
    fbt_exe = argv[1];
    curl_global_init(CURL_GLOBAL_DEFAULT);
    SRunner *sr = srunner_create(welsh_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
