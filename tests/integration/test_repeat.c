/* SPDX-License-Identifier: MIT */
/*
 * Repeating pages ("add another") through the real server, on the
 * test-only form list-your-pets (tests/integration/forms/): at least 2
 * and at most 3 pets. Items are added one page at a time, changed,
 * removed after a confirmation, held to min and max, listed on check
 * your answers with Change links that return there, tested by `any` and
 * `count of` conditions, and submitted as an array (JSON) and as
 * PAGE.N.ID columns (CSV).
 *
 *   test_repeat FORMBUILDER [MEMCHECK_SH]
 *
 * With MEMCHECK_SH (tests/valgrind/memcheck.sh) the server runs under
 * valgrind's memcheck, and each test also checks it exits cleanly: no
 * memory errors, no definite leaks.
 */
#include <check.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "harness.h"

#define PETS "/list-your-pets/"

static struct fbt_server srv;
static struct fbt_client cli;
static bool memcheck;

static void
setup(void)
{
    fbt_server_init(&srv);
    if (memcheck) {
        char log[400];
        snprintf(log, sizeof log, "%s/memcheck", srv.dir);
        setenv("FBT_MEMCHECK_LOG", log, 1);
        srv.start_ms = 120000;
    }
    fbt_server_start(&srv);
    fbt_client_init(&cli, &srv);
}

static void
teardown(void)
{
    fbt_client_free(&cli);
    if (memcheck) {
        int st = fbt_server_stop(&srv, SIGTERM);
        ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0,
                      "the server under memcheck exited with %d (86: "
                      "errors or definite leaks; see %s/memcheck.*)",
                      WIFEXITED(st) ? WEXITSTATUS(st) : -1, srv.dir);
    }
    fbt_server_cleanup(&srv);
}

/* Answers @p path with @p fields and checks it is 303 to @p next. */
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

/* GETs @p path: @returns its body (malloc'd) after checking @p status. */
static char *
page(const char *path, long status)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, path, &r), CURLE_OK);
    ck_assert_msg(r.status == status, "%s is %ld", path, r.status);
    char *body = r.body;
    r.body = NULL;
    fbt_response_free(&r);
    return body;
}

/* POSTs @p fields to @p path with the token of @p page_path; @returns the
 * body after checking @p status. */
static char *
post(const char *page_path, const char *path, const char *fields,
     long status)
{
    char *csrf = NULL;
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, page_path, &r), CURLE_OK);
    csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    ck_assert_ptr_nonnull(csrf);
    char body[512];
    snprintf(body, sizeof body, "csrf_token=%s&website=%s%s", csrf,
             *fields ? "&" : "", fields);
    free(csrf);
    ck_assert_int_eq(fbt_post(&cli, path, body, &r), CURLE_OK);
    ck_assert_msg(r.status == status, "POST %s is %ld", path, r.status);
    char *out = r.body;
    r.body = NULL;
    fbt_response_free(&r);
    return out;
}

static void
has(const char *html, const char *s)
{
    ck_assert_msg(strstr(html, s) != NULL, "no \"%s\" in the page", s);
}

static void
lacks(const char *html, const char *s)
{
    ck_assert_msg(strstr(html, s) == NULL, "\"%s\" in the page", s);
}

/* The owner page, then the first pet (min 2 sends an empty group
 * straight to its first item). */
static void
start(void)
{
    step(PETS "owner", "owner=Ann", PETS "pets");
    char *loc = NULL;
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, PETS "pets", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    loc = fbt_header(&r, "Location");
    fbt_response_free(&r);
    ck_assert_str_eq(loc, PETS "pets/0");
    free(loc);
}

START_TEST(add_change_remove_and_submit)
{
    start();
    /* An item is a page of its own: its errors, then its answers. */
    char *html = page(PETS "pets/0", 200);
    has(html, "Pet 1</span>");
    has(html, "action=\"/list-your-pets/pets/0\"");
    free(html);
    html = post(PETS "pets/0", PETS "pets/0", "pet_name=&kind=", 422);
    has(html, "Enter pet");
    has(html, "Select what kind of animal it is");
    free(html);
    step(PETS "pets/0", "pet_name=Tom&kind=cat", PETS "pets");
    html = page(PETS "pets", 200);
    has(html, "You have added 1 pet</h1>");
    has(html, "Tom (Cat)");
    has(html, "href=\"/list-your-pets/pets/0/remove\"");
    has(html, "Do you need to add another pet?");
    free(html);
    /* The summary's question must be answered. */
    html = post(PETS "pets", PETS "pets", "", 422);
    has(html, "Select yes if you need to add another pet");
    has(html, "href=\"#add-another\"");
    free(html);
    step(PETS "pets", "add-another=yes", PETS "pets/1");
    step(PETS "pets/1", "pet_name=Rex&kind=dog", PETS "pets");
    /* Change an item: its answers come back, then the summary. */
    html = page(PETS "pets/0", 200);
    has(html, "value=\"Tom\"");
    free(html);
    step(PETS "pets/0", "pet_name=Tommy&kind=cat", PETS "pets");
    html = page(PETS "pets", 200);
    has(html, "You have added 2 pets</h1>");
    has(html, "Tommy (Cat)");
    has(html, "Rex (Dog)");
    free(html);
    /* Remove asks first; no keeps it, yes removes it. */
    html = page(PETS "pets/1/remove", 200);
    has(html, "Are you sure you want to remove pet 2?");
    has(html, "Rex (Dog)");
    free(html);
    html = post(PETS "pets/1/remove", PETS "pets/1/remove", "", 422);
    has(html, "Select yes if you want to remove pet 2");
    free(html);
    step(PETS "pets/1/remove", "confirm-remove=no", PETS "pets");
    step(PETS "pets/0/remove", "confirm-remove=yes", PETS "pets");
    html = page(PETS "pets", 200);
    has(html, "You have added 1 pet</h1>");
    has(html, "Rex (Dog)");
    lacks(html, "Tommy");
    free(html);
    step(PETS "pets", "add-another=yes", PETS "pets/1");
    step(PETS "pets/1", "pet_name=Kit&kind=cat", PETS "pets");
    /* A dog among them: the dogs page (any pets.kind is dog); two pets:
     * not the many page (count of pets > 2). */
    step(PETS "pets", "add-another=no", PETS "dogs");
    step(PETS "dogs", "licensed=yes", PETS "check-answers");
    html = page(PETS "check-answers", 200);
    has(html, "You have added 2 pets");
    has(html, "Rex (Dog)");
    has(html, "Kit (Cat)");
    has(html, "href=\"/list-your-pets/pets/1?change=1\"");
    has(html, "href=\"/list-your-pets/pets?change=1\"");
    lacks(html, "A lot of pets");
    free(html);
    /* Change from check your answers returns there. */
    step(PETS "pets/1?change=1", "pet_name=Kitty&kind=cat",
         PETS "check-answers");
    html = page(PETS "check-answers", 200);
    has(html, "Kitty (Cat)");
    char *csrf = fbt_csrf(html), *action = fbt_action(html);
    free(html);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    struct fbt_response r;
    ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    free(csrf);
    free(action);
    char *json = fbt_export(&srv, "list-your-pets", "json");
    ck_assert_ptr_nonnull(json);
    has(json, "\"pets\":[{\"pet_name\":\"Rex\",\"kind\":\"dog\"},"
              "{\"pet_name\":\"Kitty\",\"kind\":\"cat\"}]");
    free(json);
    char *csv = fbt_export(&srv, "list-your-pets", "csv");
    ck_assert_ptr_nonnull(csv);
    has(csv, "owner,pets.0.pet_name,pets.0.kind,pets.1.pet_name,"
             "pets.1.kind,pets.2.pet_name,pets.2.kind,licensed,"
             "assisted_channel,assisted_by\r\n");
    has(csv, ",Ann,Rex,dog,Kitty,cat,,,yes,,\r\n");
    free(csv);
}
END_TEST

START_TEST(min_and_max_are_enforced)
{
    start();
    step(PETS "pets/0", "pet_name=Tom&kind=cat", PETS "pets");
    /* One pet is too few to go on. */
    char *html = post(PETS "pets", PETS "pets", "add-another=no", 422);
    has(html, "Add at least 2 pets");
    has(html, "govuk-error-summary");
    free(html);
    html = page(PETS "check-answers", 303);
    free(html);
    step(PETS "pets", "add-another=yes", PETS "pets/1");
    step(PETS "pets/1", "pet_name=Rex&kind=dog", PETS "pets");
    step(PETS "pets", "add-another=yes", PETS "pets/2");
    step(PETS "pets/2", "pet_name=Kit&kind=other", PETS "pets");
    /* Three is the most: no question, no fourth item. */
    html = page(PETS "pets", 200);
    has(html, "You have added the most pets you can (3)");
    lacks(html, "name=\"add-another\"");
    free(html);
    html = page(PETS "pets/3", 303);
    free(html);
    step(PETS "pets", "add-another=yes", PETS "dogs");
    step(PETS "dogs", "licensed=no", PETS "many");
    /* Removing one below min holds the journey at the summary again. */
    step(PETS "pets/0/remove", "confirm-remove=yes", PETS "pets");
    step(PETS "pets/0/remove", "confirm-remove=yes", PETS "pets");
    html = page(PETS "check-answers", 303);
    free(html);
    html = page(PETS "pets", 200);
    has(html, "You have added 1 pet</h1>");
    free(html);
}
END_TEST

START_TEST(hostile_paths_and_fields_are_refused)
{
    start();
    const char *missing[] = {PETS "pets/abc", PETS "pets/01",
                             PETS "pets/0/removex", PETS "pets/0/remove/x",
                             PETS "pets/99999999999", PETS "pets/-1",
                             PETS "owner/0"};
    for (size_t i = 0; i < sizeof missing / sizeof *missing; i++) {
        char *html = page(missing[i], 404);
        free(html);
    }
    /* An item beyond the next one, or a removal of one not there, goes
     * back to the summary; nothing is stored. */
    char *html = page(PETS "pets/2", 303);
    free(html);
    html = page(PETS "pets/0/remove", 303);
    free(html);
    html = post(PETS "pets/0", PETS "pets/2", "pet_name=X&kind=cat", 303);
    free(html);
    html = post(PETS "pets/0", PETS "pets/0", "owner=Eve", 400);
    free(html);
    step(PETS "pets/0", "pet_name=%3Cscript%3E&kind=cat", PETS "pets");
    html = page(PETS "pets", 200);
    has(html, "&lt;script&gt; (Cat)");
    has(html, "You have added 1 pet</h1>");
    free(html);
    /* A POST without the session's token is refused. */
    struct fbt_client other;
    fbt_client_init(&other, &srv);
    struct fbt_response r;
    ck_assert_int_eq(fbt_post(&other, PETS "pets", "csrf_token=x&website=",
                              &r), CURLE_OK);
    ck_assert_int_eq(r.status, 403);
    fbt_response_free(&r);
    fbt_client_free(&other);
}
END_TEST

static Suite *
repeat_suite(void)
{
    Suite *s = suite_create("repeat");
    TCase *tc = tcase_create("repeat");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, memcheck ? 900 : 60);
    tcase_add_test(tc, add_change_remove_and_submit);
    tcase_add_test(tc, min_and_max_are_enforced);
    tcase_add_test(tc, hostile_paths_and_fields_are_refused);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FORMBUILDER [MEMCHECK_SH]\n", argv[0]);
        return 2;
    }
    fbt_exe = argv[1];
    if (argc > 2) {
        if (system("command -v valgrind >/dev/null") != 0)
            return 77;
        /* memcheck.sh runs the server (and export) named here. */
        setenv("FBT_MEMCHECK_PROGRAM", argv[1], 1);
        fbt_exe = argv[2];
        memcheck = true;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    SRunner *sr = srunner_create(repeat_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
