/* SPDX-License-Identifier: MIT */
/*
 * Journeys through the real server: each test starts `formbuilder serve`
 * on a free loopback port with its own database and drives it with
 * libcurl like a browser would (cookies, post/redirect/get), then checks
 * the database with SQLite or `formbuilder export`.
 */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define SL "/report-streetlight/"

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

/* Answers one page and checks it moves on to @p next. */
static void
step(struct fbt_client *c, const char *path, const char *fields,
     const char *next)
{
    char *loc = NULL;
    long st = fbt_answer(c, path, fields, &loc);
    ck_assert_msg(st == 303, "%s answered %ld", path, st);
    ck_assert_ptr_nonnull(loc);
    ck_assert_str_eq(loc, next);
    free(loc);
}

/* Street light report up to check your answers, with @p fault. */
static void
streetlight_to_check(struct fbt_client *c, const char *fault)
{
    char fields[128];
    step(c, SL "location", "street=High+Street&column_number=12"
         "&location_details=", SL "problem");
    snprintf(fields, sizeof fields, "fault=%s&damage=%s", fault,
             strcmp(fault, "damaged") == 0 ? "Bent+post" : "");
    step(c, SL "problem", fields,
         strcmp(fault, "damaged") == 0 ? SL "danger" : SL "contact");
    if (strcmp(fault, "damaged") == 0)
        step(c, SL "danger", "dangerous=no", SL "contact");
    step(c, SL "contact", "full_name=Ann+Example&email=ann%40example.com"
         "&phone=0161+496+0000", SL "check-answers");
}

/* Sends check your answers; @returns the reference on the confirmation
 * page (malloc'd). */
static char *
submit(struct fbt_client *c)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(c, SL "check-answers", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    ck_assert_ptr_nonnull(csrf);
    ck_assert_ptr_nonnull(action);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    ck_assert_int_eq(fbt_post(c, action, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(c, SL "confirmation", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *ref = fbt_reference(r.body);
    fbt_response_free(&r);
    free(csrf);
    free(action);
    ck_assert_ptr_nonnull(ref);
    return ref;
}

static long long
count_submissions(void)
{
    return fbt_db_int(&srv, "SELECT count(*) FROM submissions", NULL);
}

START_TEST(healthz_answers_ok)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, "/healthz", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    /* ok, then the outbox's backlog */
    ck_assert_msg(strncmp(r.body, "ok\noutbox: ", 11) == 0, "%s", r.body);
    ck_assert_ptr_nonnull(strstr(r.body, " pending, oldest "));
    fbt_response_free(&r);
}
END_TEST

START_TEST(security_headers_on_every_response)
{
    static const char *const paths[] = { "/", "/healthz", SL, SL "location",
                                         "/no-such-form/",
                                         "/assets/formbuilder.css" };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct fbt_response r;
        ck_assert_int_eq(fbt_get(&cli, paths[i], &r), CURLE_OK);
        char *csp = fbt_header(&r, "Content-Security-Policy");
        char *nosniff = fbt_header(&r, "X-Content-Type-Options");
        char *ref = fbt_header(&r, "Referrer-Policy");
        char *xfo = fbt_header(&r, "X-Frame-Options");
        ck_assert_ptr_nonnull(csp);
        ck_assert_ptr_nonnull(strstr(csp, "frame-ancestors 'none'"));
        ck_assert_ptr_nonnull(strstr(csp, "default-src 'none'"));
        ck_assert_ptr_null(strstr(csp, "unsafe-inline"));
        ck_assert_str_eq(nosniff, "nosniff");
        ck_assert_str_eq(ref, "no-referrer");
        ck_assert_str_eq(xfo, "DENY");
        free(csp);
        free(nosniff);
        free(ref);
        free(xfo);
        fbt_response_free(&r);
    }
}
END_TEST

START_TEST(journey_pages_are_not_cached_but_stylesheet_is)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "location", &r), CURLE_OK);
    char *cc = fbt_header(&r, "Cache-Control");
    ck_assert_str_eq(cc, "no-store");
    free(cc);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, "/assets/formbuilder.css", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    cc = fbt_header(&r, "Cache-Control");
    ck_assert_ptr_nonnull(strstr(cc, "max-age="));
    free(cc);
    char *ct = fbt_header(&r, "Content-Type");
    ck_assert_ptr_nonnull(strstr(ct, "text/css"));
    free(ct);
    fbt_response_free(&r);
}
END_TEST

START_TEST(index_lists_forms)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, "/", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "href=\"/report-streetlight/\""));
    ck_assert_ptr_nonnull(strstr(r.body, "href=\"/apply-for-a-blue-badge/\""));
    fbt_response_free(&r);
}
END_TEST

START_TEST(unknown_paths_are_404)
{
    /* An encoded NUL must not cut the path down to the start page. */
    static const char *const paths[] = { "/nope", "/nope/", SL "nope",
                                         SL "location/extra", SL "%00",
                                         SL "location%00x" };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct fbt_response r;
        ck_assert_int_eq(fbt_get(&cli, paths[i], &r), CURLE_OK);
        ck_assert_int_eq(r.status, 404);
        ck_assert_ptr_nonnull(strstr(r.body, "Page not found"));
        fbt_response_free(&r);
    }
}
END_TEST

START_TEST(keep_alive_reuses_the_connection)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, "/healthz", &r), CURLE_OK);
    ck_assert_int_eq(r.connects, 1);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, SL, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(r.connects, 0);
    char *conn = fbt_header(&r, "Connection");
    ck_assert(conn == NULL || strcasecmp(conn, "close") != 0);
    free(conn);
    fbt_response_free(&r);
    /* A post and its redirect keep the connection too. */
    ck_assert_int_eq(fbt_answer(&cli, SL "location", "street=A+Road"
                     "&column_number=&location_details=", NULL), 303);
    ck_assert_int_eq(fbt_get(&cli, SL "problem", &r), CURLE_OK);
    ck_assert_int_eq(r.connects, 0);
    fbt_response_free(&r);
}
END_TEST

START_TEST(start_page_links_to_first_page)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "href=\"/report-streetlight/"
                                         "location\""));
    fbt_response_free(&r);
}
END_TEST

START_TEST(session_cookie_is_httponly_and_lax)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "location", &r), CURLE_OK);
    char *cookie = fbt_header(&r, "Set-Cookie");
    ck_assert_ptr_nonnull(cookie);
    ck_assert_ptr_nonnull(strstr(cookie, "fb_session="));
    ck_assert_ptr_nonnull(strstr(cookie, "HttpOnly"));
    ck_assert_ptr_nonnull(strstr(cookie, "SameSite=Lax"));
    ck_assert_ptr_nonnull(strstr(cookie, "Path=/"));
    ck_assert_ptr_null(strstr(cookie, "Secure"));
    free(cookie);
    fbt_response_free(&r);
}
END_TEST

START_TEST(full_journey_stores_one_submission)
{
    streetlight_to_check(&cli, "out");
    char *ref = submit(&cli);
    ck_assert_int_eq(strncmp(ref, "SL-", 3), 0);
    ck_assert_uint_eq(strlen(ref), 11);
    ck_assert_ptr_null(strpbrk(ref + 3, "01OI"));
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                "WHERE reference = ?1 AND delivery_state = "
                                "'pending' AND form = 'report-streetlight'",
                                ref), 1);
    char *json = fbt_export(&srv, "report-streetlight", "json");
    ck_assert_ptr_nonnull(json);
    ck_assert_ptr_nonnull(strstr(json, ref));
    ck_assert_ptr_nonnull(strstr(json, "\"street\":\"High Street\""));
    ck_assert_ptr_nonnull(strstr(json, "\"phone\":\"01614960000\""));
    free(json);
    free(ref);
}
END_TEST

START_TEST(branch_skips_pages_that_do_not_apply)
{
    step(&cli, SL "location", "street=High+Street&column_number="
         "&location_details=", SL "problem");
    step(&cli, SL "problem", "fault=out&damage=", SL "contact");
    /* The danger page does not apply: going there sends us on. */
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "danger", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    /* The other branch asks about danger. */
    step(&cli, SL "problem", "fault=damaged&damage=Bent", SL "danger");
}
END_TEST

START_TEST(exit_page_ends_the_journey)
{
    step(&cli, SL "location", "street=High+Street&column_number="
         "&location_details=", SL "problem");
    step(&cli, SL "problem", "fault=damaged&damage=Wires", SL "danger");
    step(&cli, SL "danger", "dangerous=yes", SL "unsafe");
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "unsafe", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "0161 496 0000"));
    ck_assert_ptr_null(strstr(r.body, "<form"));
    fbt_response_free(&r);
    /* No way past it: later pages and check answers lead back to it. */
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    char *loc = fbt_header(&r, "Location");
    ck_assert_str_eq(loc, SL "unsafe");
    free(loc);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, SL "contact", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
}
END_TEST

START_TEST(errors_are_422_and_keep_answers)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "location", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    char body[256];
    snprintf(body, sizeof body, "csrf_token=%s&website=&street="
             "&column_number=Keep+me+42&location_details=Near+the+school",
             csrf);
    ck_assert_int_eq(fbt_post(&cli, SL "location", body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 422);
    ck_assert_ptr_nonnull(strstr(r.body, "<title>Error: "));
    ck_assert_ptr_nonnull(strstr(r.body, "govuk-error-summary"));
    ck_assert_ptr_nonnull(strstr(r.body, "Enter the name of the street"));
    ck_assert_ptr_nonnull(strstr(r.body, "Keep me 42"));
    ck_assert_ptr_nonnull(strstr(r.body, "Near the school"));
    fbt_response_free(&r);
    free(csrf);
}
END_TEST

/* After following an error summary link (the URL then ends in #street)
 * and sending again, the next page must open at its focused summary: the
 * form's action names the page without a fragment, and the summary is
 * focused on every error page. */
START_TEST(error_pages_post_to_a_plain_url_and_focus_the_summary)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "location", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    ck_assert_str_eq(action, SL "location");
    free(action);
    char body[256];
    snprintf(body, sizeof body, "csrf_token=%s&website=&street="
             "&column_number=&location_details=", csrf);
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(fbt_post(&cli, SL "location", body, &r), CURLE_OK);
        ck_assert_int_eq(r.status, 422);
        action = fbt_action(r.body);
        ck_assert_str_eq(action, SL "location");
        ck_assert_ptr_null(strchr(action, '#'));
        free(action);
        ck_assert_ptr_nonnull(strstr(r.body, "govuk-error-summary\" "
                                             "role=\"alert\""));
        ck_assert_ptr_nonnull(strstr(r.body, "tabindex=\"-1\" autofocus"));
        fbt_response_free(&r);
    }
    /* A Change keeps its return to check answers in the action. */
    ck_assert_int_eq(fbt_get(&cli, SL "location?change=1", &r), CURLE_OK);
    action = fbt_action(r.body);
    ck_assert_str_eq(action, SL "location?change=1");
    free(action);
    fbt_response_free(&r);
    free(csrf);
}
END_TEST

START_TEST(back_links_go_to_the_previous_page)
{
    step(&cli, SL "location", "street=High+Street&column_number="
         "&location_details=", SL "problem");
    step(&cli, SL "problem", "fault=out&damage=", SL "contact");
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "contact", &r), CURLE_OK);
    ck_assert_ptr_nonnull(strstr(r.body, "govuk-back-link"));
    ck_assert_ptr_nonnull(strstr(r.body, "href=\"/report-streetlight/"
                                         "problem\""));
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, SL "location", &r), CURLE_OK);
    ck_assert_ptr_nonnull(strstr(r.body, "href=\"/report-streetlight/\""));
    fbt_response_free(&r);
}
END_TEST

START_TEST(change_link_returns_to_check_answers)
{
    streetlight_to_check(&cli, "out");
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    ck_assert_ptr_nonnull(strstr(r.body, "location?change=1"));
    fbt_response_free(&r);
    step(&cli, SL "location?change=1", "street=Low+Street&column_number="
         "&location_details=", SL "check-answers");
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    ck_assert_ptr_nonnull(strstr(r.body, "Low Street"));
    fbt_response_free(&r);
}
END_TEST

START_TEST(changed_branch_drops_answers_that_no_longer_apply)
{
    streetlight_to_check(&cli, "damaged");
    /* Changing the fault away from "damaged" removes the danger page and
     * the damage follow-up from what is sent. */
    step(&cli, SL "problem?change=1", "fault=out&damage=Bent+post",
         SL "check-answers");
    char *ref = submit(&cli);
    char *json = fbt_export(&srv, "report-streetlight", "json");
    ck_assert_ptr_nonnull(json);
    ck_assert_ptr_nonnull(strstr(json, ref));
    ck_assert_ptr_nonnull(strstr(json, "\"fault\":\"out\""));
    ck_assert_ptr_null(strstr(json, "dangerous"));
    ck_assert_ptr_null(strstr(json, "Bent post"));
    free(json);
    free(ref);
}
END_TEST

START_TEST(change_into_new_branch_asks_the_new_page)
{
    streetlight_to_check(&cli, "out");
    /* The new page is asked, then the journey returns to check answers. */
    step(&cli, SL "problem?change=1", "fault=damaged&damage=Bent",
         SL "danger?change=1");
    step(&cli, SL "danger?change=1", "dangerous=no", SL "check-answers");
}
END_TEST

START_TEST(double_submit_stores_one_row)
{
    streetlight_to_check(&cli, "out");
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
        ck_assert_int_eq(r.status, 303);
        char *loc = fbt_header(&r, "Location");
        ck_assert_str_eq(loc, SL "confirmation");
        free(loc);
        fbt_response_free(&r);
    }
    ck_assert_int_eq(count_submissions(), 1);
    ck_assert_int_eq(fbt_get(&cli, SL "confirmation", &r), CURLE_OK);
    char *ref = fbt_reference(r.body);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                "WHERE reference = ?1", ref), 1);
    free(ref);
    fbt_response_free(&r);
    free(csrf);
    free(action);
}
END_TEST

START_TEST(second_journey_gets_a_new_reference)
{
    streetlight_to_check(&cli, "out");
    char *a = submit(&cli);
    streetlight_to_check(&cli, "out");
    char *b = submit(&cli);
    ck_assert_str_ne(a, b);
    ck_assert_int_eq(count_submissions(), 2);
    free(a);
    free(b);
}
END_TEST

START_TEST(restart_in_the_middle_of_a_journey)
{
    step(&cli, SL "location", "street=Restart+Road&column_number="
         "&location_details=", SL "problem");
    step(&cli, SL "problem", "fault=out&damage=", SL "contact");
    ck_assert_int_eq(WIFEXITED(fbt_server_stop(&srv, SIGTERM)), 1);
    fbt_server_start(&srv);
    /* Same client: same cookie, a new connection. */
    step(&cli, SL "contact", "full_name=&email=r%40example.com&phone=",
         SL "check-answers");
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "Restart Road"));
    fbt_response_free(&r);
    char *ref = submit(&cli);
    free(ref);
    ck_assert_int_eq(count_submissions(), 1);
}
END_TEST

START_TEST(csrf_failure_is_403)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "location", &r), CURLE_OK);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_post(&cli, SL "location", "csrf_token="
                     "00000000000000000000000000000000&street=X", &r),
                     CURLE_OK);
    ck_assert_int_eq(r.status, 403);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_post(&cli, SL "location", "street=X", &r),
                     CURLE_OK);
    ck_assert_int_eq(r.status, 403);
    fbt_response_free(&r);
    /* No session at all. */
    struct fbt_client other;
    fbt_client_init(&other, &srv);
    ck_assert_int_eq(fbt_post(&other, SL "location", "street=X", &r),
                     CURLE_OK);
    ck_assert_int_eq(r.status, 403);
    fbt_response_free(&r);
    fbt_client_free(&other);
}
END_TEST

START_TEST(csrf_token_of_another_session_is_refused)
{
    struct fbt_client other;
    fbt_client_init(&other, &srv);
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&other, SL "location", &r), CURLE_OK);
    char *theirs = fbt_csrf(r.body);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, SL "location", &r), CURLE_OK);
    fbt_response_free(&r);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&street=X", theirs);
    ck_assert_int_eq(fbt_post(&cli, SL "location", body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 403);
    fbt_response_free(&r);
    free(theirs);
    fbt_client_free(&other);
}
END_TEST

/* Posts @p extra after a valid CSRF token; @returns the status. */
static long
post_with_csrf(const char *extra, size_t extra_len, struct fbt_response *out)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "location", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    size_t n = extra_len + 64;
    char *body = malloc(n);
    int head = snprintf(body, n, "csrf_token=%s&", csrf);
    memcpy(body + head, extra, extra_len);
    ck_assert_int_eq(fbt_post_raw(&cli, SL "location",
                                  "application/x-www-form-urlencoded", body,
                                  (size_t)head + extra_len, out), CURLE_OK);
    free(body);
    free(csrf);
    return out->status;
}

START_TEST(oversized_body_is_413)
{
    size_t n = 100 * 1024;
    char *big = malloc(n + 1);
    memcpy(big, "street=", 7);
    memset(big + 7, 'a', n - 7);
    big[n] = '\0';
    struct fbt_response r;
    ck_assert_int_eq(post_with_csrf(big, n, &r), 413);
    fbt_response_free(&r);
    free(big);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions WHERE "
                                "data LIKE '%aaaaaaaa%'", NULL), 0);
}
END_TEST

START_TEST(too_many_fields_is_400)
{
    char *body = malloc(300 * 12);
    size_t len = 0;
    for (int i = 0; i < 300; i++)
        len += (size_t)sprintf(body + len, "%sstreet=x", i ? "&" : "");
    struct fbt_response r;
    ck_assert_int_eq(post_with_csrf(body, len, &r), 400);
    ck_assert_ptr_nonnull(strstr(r.body, "too many fields"));
    fbt_response_free(&r);
    free(body);
}
END_TEST

START_TEST(malformed_body_is_400)
{
    static const char bad_escape[] = "street=%zz&column_number=1";
    struct fbt_response r;
    ck_assert_int_eq(post_with_csrf(bad_escape, strlen(bad_escape), &r),
                     400);
    ck_assert_ptr_nonnull(strstr(r.body, "not encoded correctly"));
    fbt_response_free(&r);
    static const char nul[] = "street=a%00b";
    ck_assert_int_eq(post_with_csrf(nul, strlen(nul), &r), 400);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_post_raw(&cli, SL "location", "text/plain",
                                  "street=x", 8, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 400);
    fbt_response_free(&r);
}
END_TEST

START_TEST(unknown_field_is_400)
{
    static const char body[] = "street=High+St&is_admin=1";
    struct fbt_response r;
    ck_assert_int_eq(post_with_csrf(body, strlen(body), &r), 400);
    ck_assert_ptr_nonnull(strstr(r.body, "is_admin"));
    fbt_response_free(&r);
}
END_TEST

START_TEST(honeypot_is_400_and_not_stored)
{
    static const char body[] = "website=http%3A%2F%2Fspam&street=Spam+St"
                               "&column_number=&location_details=";
    struct fbt_response r;
    ck_assert_int_eq(post_with_csrf(body, strlen(body), &r), 400);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions WHERE "
                                "data LIKE '%Spam%'", NULL), 0);
}
END_TEST

START_TEST(invalid_utf8_is_400_and_not_stored)
{
    static const char *const bodies[] = {
        "street=Bad%FFRoad&column_number=&location_details=",
        "street=%C0%AF&column_number=&location_details=",
        "street=%ED%A0%80&column_number=&location_details=",
        "street=ok&location_details=%E2%82",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        struct fbt_response r;
        ck_assert_int_eq(post_with_csrf(bodies[i], strlen(bodies[i]), &r),
                         400);
        ck_assert_ptr_nonnull(strstr(r.body, "UTF-8"));
        fbt_response_free(&r);
    }
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions WHERE "
                                "data LIKE '%a.street=%'", NULL), 0);
    ck_assert_int_eq(count_submissions(), 0);
}
END_TEST

START_TEST(methods_not_allowed_are_405)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_post(&cli, "/healthz", "x=1", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 405);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, SL "submit", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 405);
    char *allow = fbt_header(&r, "Allow");
    ck_assert_str_eq(allow, "POST");
    free(allow);
    fbt_response_free(&r);
}
END_TEST

START_TEST(check_answers_needs_a_complete_journey)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    step(&cli, SL "location", "street=High+Street&column_number="
         "&location_details=", SL "problem");
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    char *loc = fbt_header(&r, "Location");
    ck_assert_str_eq(loc, SL "problem");
    free(loc);
    fbt_response_free(&r);
    /* Skipping ahead is not allowed either. */
    ck_assert_int_eq(fbt_get(&cli, SL "contact", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
}
END_TEST

START_TEST(submit_without_token_is_refused)
{
    streetlight_to_check(&cli, "out");
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s", csrf);
    ck_assert_int_eq(fbt_post(&cli, SL "submit", body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 400);
    fbt_response_free(&r);
    ck_assert_int_eq(count_submissions(), 0);
    free(csrf);
}
END_TEST

#define BB "/apply-for-a-blue-badge/"
/* Breaks out of text, attributes and scripts if not escaped. */
#define XSS "<script>alert(1)</script>\"'&"
#define XSS_ENC "%3Cscript%3Ealert(1)%3C%2Fscript%3E%22'%26"
#define XSS_SHOWN "&lt;script&gt;alert(1)&lt;/script&gt;"

/* Posts @p fields to @p path; the page must never echo the raw payload.
 * @returns the status. */
static long
post_checked(const char *path, const char *fields, bool shown)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, path, &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    ck_assert_ptr_nonnull(csrf);
    size_t n = strlen(fields) + 64;
    char *body = malloc(n);
    snprintf(body, n, "csrf_token=%s&website=&%s", csrf, fields);
    ck_assert_int_eq(fbt_post(&cli, path, body, &r), CURLE_OK);
    ck_assert_ptr_null(strstr(r.body, "<script>"));
    long st = r.status;
    if (shown)
        ck_assert_ptr_nonnull(strstr(r.body, XSS_SHOWN));
    fbt_response_free(&r);
    free(body);
    free(csrf);
    return st;
}

START_TEST(xss_in_every_field_type_is_stored_raw_and_shown_escaped)
{
    /* Choice fields refuse a value that is not an option: 422, never
     * echoed raw, never stored. */
    ck_assert_int_eq(post_checked(BB "area", "lives_here=" XSS_ENC, false),
                     422);
    step(&cli, BB "area", "lives_here=yes", BB "who");
    ck_assert_int_eq(post_checked(BB "who", "applicant=" XSS_ENC, false), 422);
    step(&cli, BB "who", "applicant=self", BB "person");
    /* Dates, emails and patterns refuse it too. */
    ck_assert_int_eq(post_checked(BB "person", "full_name=" XSS_ENC
                     "&date_of_birth-day=" XSS_ENC "&date_of_birth-month=1"
                     "&date_of_birth-year=1960&ni_number=" XSS_ENC
                     "&home_address-line1=" XSS_ENC "&home_address-line2="
                     "&home_address-town=" XSS_ENC
                     "&home_address-postcode=" XSS_ENC, true), 422);
    ck_assert_int_eq(post_checked(BB "person", "full_name=" XSS_ENC
                     "&date_of_birth-day=1&date_of_birth-month=2"
                     "&date_of_birth-year=1960&ni_number="
                     "&home_address-line1=" XSS_ENC "&home_address-line2="
                     XSS_ENC "&home_address-town=" XSS_ENC
                     "&home_address-postcode=SK1+3XE", false), 303);
    ck_assert_int_eq(post_checked(BB "benefits", "benefits=" XSS_ENC, false),
                     422);
    ck_assert_int_eq(post_checked(BB "benefits", "benefits=none", false), 303);
    ck_assert_int_eq(post_checked(BB "walking", "walking_distance=cannot"
                     "&condition=" XSS_ENC "+" XSS_ENC, false), 303);
    ck_assert_int_eq(post_checked(BB "contact", "email=" XSS_ENC, true), 422);
    ck_assert_int_eq(post_checked(BB "contact", "email=x%40example.com", false),
                     303);
    ck_assert_int_eq(post_checked(BB "declaration", "confirm=" XSS_ENC, false),
                     422);
    ck_assert_int_eq(post_checked(BB "declaration", "confirm=confirmed", false),
                     303);
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, BB "check-answers", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_null(strstr(r.body, "<script>"));
    ck_assert_ptr_nonnull(strstr(r.body, XSS_SHOWN));
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    free(csrf);
    free(action);
    /* Stored exactly as typed (JSON-escaped quote only). */
    char *json = fbt_export(&srv, "apply-for-a-blue-badge", "json");
    ck_assert_ptr_nonnull(json);
    ck_assert_ptr_nonnull(strstr(json, "\"full_name\":\"<script>alert(1)"
                                       "</script>\\\"'&\""));
    ck_assert_ptr_nonnull(strstr(json, "\"home_address\":{\"line1\":"
                                       "\"<script>"));
    ck_assert_ptr_nonnull(strstr(json, "\"benefits\":[\"none\"]"));
    ck_assert_ptr_nonnull(strstr(json, "\"date_of_birth\":\"1960-02-01\""));
    free(json);
}
END_TEST

START_TEST(xss_in_number_select_postcode_phone_slot_is_refused_escaped)
{
    /* Each of these types has a format, so the payload is an error:
     * the page comes back 422 with it escaped, and nothing is kept. */
    const char *lb = "/request-a-larger-bin/";
    char path[128];
    snprintf(path, sizeof path, "%shousehold", lb);
    ck_assert_int_eq(post_checked(path, "household_size=" XSS_ENC
                     "&reason=household&medical_details=", true), 422);
    ck_assert_int_eq(post_checked("/give-feedback/service", "service="
                     XSS_ENC "&satisfaction=satisfied&comments=" XSS_ENC,
                     true), 422);
    step(&cli, "/request-a-larger-bin/household", "household_size=5"
         "&reason=household&medical_details=", "/request-a-larger-bin/"
         "address");
    ck_assert_int_eq(post_checked("/request-a-larger-bin/address",
                     "postcode=" XSS_ENC "&address_line=1+Road&email=",
                     true), 422);
    step(&cli, SL "location", "street=A&column_number=&location_details=",
         SL "problem");
    step(&cli, SL "problem", "fault=out&damage=", SL "contact");
    ck_assert_int_eq(post_checked(SL "contact", "full_name=&email=a%40b.uk"
                     "&phone=" XSS_ENC, true), 422);
    const char *bw = "/book-a-bulky-waste-collection/";
    snprintf(path, sizeof path, "%sitems", bw);
    step(&cli, path, "items=sofa&other_items=",
         "/book-a-bulky-waste-collection/your_address");
    step(&cli, "/book-a-bulky-waste-collection/your_address",
         "address-line1=1+Road&address-line2=&address-town=Town"
         "&address-postcode=SK1+3XE",
         "/book-a-bulky-waste-collection/where_left");
    step(&cli, "/book-a-bulky-waste-collection/where_left", "location=",
         "/book-a-bulky-waste-collection/choose_date");
    ck_assert_int_eq(post_checked("/book-a-bulky-waste-collection/"
                     "choose_date", "booking_date=" XSS_ENC, false), 422);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions WHERE "
                                "data LIKE '%script%'", NULL), 0);
}
END_TEST

START_TEST(export_csv_defuses_formulas)
{
    step(&cli, SL "location", "street=%3DHYPERLINK(%22http%3A%2F%2Fx%22)"
         "&column_number=&location_details=%2Bcmd%2C%22quoted%22",
         SL "problem");
    step(&cli, SL "problem", "fault=out&damage=", SL "contact");
    step(&cli, SL "contact", "full_name=%40SUM(1)&email=a%40example.com"
         "&phone=", SL "check-answers");
    char *ref = submit(&cli);
    char *csv = fbt_export(&srv, "report-streetlight", "csv");
    ck_assert_ptr_nonnull(csv);
    ck_assert_int_eq(strncmp(csv, "reference,submitted_at,version,language,"
                                  "street,", 47), 0);
    ck_assert_ptr_nonnull(strstr(csv, ref));
    ck_assert_ptr_nonnull(strstr(csv, ",\"'=HYPERLINK(\"\"http://x\"\")\","));
    ck_assert_ptr_nonnull(strstr(csv, ",\"'+cmd,\"\"quoted\"\"\","));
    ck_assert_ptr_nonnull(strstr(csv, ",\"'@SUM(1)\","));
    ck_assert_ptr_nonnull(strstr(csv, "\r\n"));
    free(csv);
    free(ref);
}
END_TEST

START_TEST(idle_sessions_expire)
{
    fbt_server_stop(&srv, SIGTERM);
    srv.env[0] = "FORMBUILDER_SESSION_IDLE=1s";
    fbt_server_start(&srv);
    step(&cli, SL "location", "street=Idle+Street&column_number="
         "&location_details=", SL "problem");
    sleep(3);
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "problem", &r), CURLE_OK);
    /* The resident is told what happened (save.h), with a new session
     * ... */
    ck_assert_int_eq(r.status, 303);
    char *loc = fbt_header(&r, "Location");
    ck_assert_str_eq(loc, SL "session-timed-out");
    free(loc);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, SL "session-timed-out", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "Your answers have been deleted"));
    ck_assert_ptr_nonnull(strstr(r.body, "You did not do anything for 1 "
                                         "minute"));
    fbt_response_free(&r);
    /* ... so starting again finds nothing kept: the first page. */
    ck_assert_int_eq(fbt_get(&cli, SL "problem", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    loc = fbt_header(&r, "Location");
    ck_assert_str_eq(loc, SL "location");
    free(loc);
    fbt_response_free(&r);
}
END_TEST

START_TEST(secure_cookie_behind_https)
{
    fbt_server_stop(&srv, SIGTERM);
    srv.env[0] = "FORMBUILDER_BASE_URL=https://forms.example.gov.uk";
    fbt_server_start(&srv);
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "location", &r), CURLE_OK);
    char *cookie = fbt_header(&r, "Set-Cookie");
    ck_assert_ptr_nonnull(cookie);
    ck_assert_ptr_nonnull(strstr(cookie, "; Secure"));
    free(cookie);
    fbt_response_free(&r);
}
END_TEST

START_TEST(sigterm_shuts_down_cleanly)
{
    int st = fbt_server_stop(&srv, SIGTERM);
    ck_assert(WIFEXITED(st));
    ck_assert_int_eq(WEXITSTATUS(st), 0);
    ck_assert_int_eq(fbt_db_int(&srv, "PRAGMA user_version", NULL),
                     FBT_SCHEMA_LATEST);
}
END_TEST

START_TEST(purge_deletes_submissions_past_retention)
{
    streetlight_to_check(&cli, "out");
    char *ref = submit(&cli);
    /* Age one copy of it beyond the form's 365 days. */
    ck_assert_int_eq(fbt_db_exec(&srv, "INSERT INTO submissions (reference, "
                                 "submit_token, form, form_version, answers,"
                                 " submitted_at) SELECT 'SL-OLD', 'oldtok', "
                                 "form, form_version, answers, "
                                 "'2000-01-01T00:00:00Z' FROM submissions "
                                 "WHERE reference = ?1", ref), 0);
    ck_assert_int_eq(count_submissions(), 2);
    const char *args[] = { "purge", NULL };
    char *out = fbt_run(&srv, args);
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(strstr(out, "purged 1 submissions"));
    free(out);
    ck_assert_int_eq(count_submissions(), 1);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                "WHERE reference = ?1", ref), 1);
    free(ref);
}
END_TEST

START_TEST(export_since_and_bad_arguments)
{
    streetlight_to_check(&cli, "out");
    char *ref = submit(&cli);
    const char *later[] = { "export", "--form", "report-streetlight",
                            "--since", "2999-01-01", "--format", "json",
                            NULL };
    char *out = fbt_run(&srv, later);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out, "[]\n");
    free(out);
    const char *earlier[] = { "export", "--form", "report-streetlight",
                              "--since", "2000-01-01", "--format", "csv",
                              NULL };
    out = fbt_run(&srv, earlier);
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(strstr(out, ref));
    free(out);
    const char *bad_date[] = { "export", "--form", "report-streetlight",
                               "--since", "2000-02-30", "--format", "csv",
                               NULL };
    ck_assert_ptr_null(fbt_run(&srv, bad_date));
    const char *bad_form[] = { "export", "--form", "nope", "--format", "csv",
                               NULL };
    ck_assert_ptr_null(fbt_run(&srv, bad_form));
    const char *bad_format[] = { "export", "--form", "report-streetlight",
                                 "--format", "xls", NULL };
    ck_assert_ptr_null(fbt_run(&srv, bad_format));
    free(ref);
}
END_TEST

START_TEST(slow_clients_are_timed_out)
{
    fbt_server_stop(&srv, SIGTERM);
    char conf[400];
    snprintf(conf, sizeof conf, "%s/test.conf", srv.dir);
    FILE *f = fopen(conf, "w");
    ck_assert_ptr_nonnull(f);
    fputs("# test: a short timeout\nconnection_timeout = 1s\n", f);
    fclose(f);
    srv.config = conf;
    fbt_server_start(&srv);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET,
                             .sin_port = htons((uint16_t)srv.port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    /* Half a request, then nothing. */
    static const char part[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    ck_assert_int_eq(send(fd, part, sizeof part - 1, 0),
                     (ssize_t)(sizeof part - 1));
    struct timeval tv = { 6, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[256];
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    /* Closed by the server (0), not left hanging until our timeout. */
    ck_assert_int_le(n, 0);
    ck_assert_int_ne(n, -1);
    close(fd);
}
END_TEST

START_TEST(help_and_version)
{
    const char *help[] = { "--help", NULL };
    char *out = fbt_run(&srv, help);
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(strstr(out, "formbuilder serve"));
    free(out);
    const char *version[] = { "--version", NULL };
    out = fbt_run(&srv, version);
    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(strncmp(out, "formbuilder ", 12), 0);
    free(out);
    const char *bogus[] = { "serve", "--port", "1", NULL };
    ck_assert_ptr_null(fbt_run(&srv, bogus));
}
END_TEST

static Suite *
journey_suite(void)
{
    Suite *s = suite_create("journey");
    TCase *tc = tcase_create("server");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, healthz_answers_ok);
    tcase_add_test(tc, security_headers_on_every_response);
    tcase_add_test(tc, journey_pages_are_not_cached_but_stylesheet_is);
    tcase_add_test(tc, index_lists_forms);
    tcase_add_test(tc, unknown_paths_are_404);
    tcase_add_test(tc, keep_alive_reuses_the_connection);
    tcase_add_test(tc, start_page_links_to_first_page);
    tcase_add_test(tc, session_cookie_is_httponly_and_lax);
    tcase_add_test(tc, full_journey_stores_one_submission);
    tcase_add_test(tc, branch_skips_pages_that_do_not_apply);
    tcase_add_test(tc, exit_page_ends_the_journey);
    tcase_add_test(tc, errors_are_422_and_keep_answers);
    tcase_add_test(tc, back_links_go_to_the_previous_page);
    tcase_add_test(tc, change_link_returns_to_check_answers);
    tcase_add_test(tc, changed_branch_drops_answers_that_no_longer_apply);
    tcase_add_test(tc, change_into_new_branch_asks_the_new_page);
    tcase_add_test(tc, error_pages_post_to_a_plain_url_and_focus_the_summary);
    tcase_add_test(tc, double_submit_stores_one_row);
    tcase_add_test(tc, second_journey_gets_a_new_reference);
    tcase_add_test(tc, restart_in_the_middle_of_a_journey);
    tcase_add_test(tc, csrf_failure_is_403);
    tcase_add_test(tc, csrf_token_of_another_session_is_refused);
    tcase_add_test(tc, oversized_body_is_413);
    tcase_add_test(tc, too_many_fields_is_400);
    tcase_add_test(tc, malformed_body_is_400);
    tcase_add_test(tc, unknown_field_is_400);
    tcase_add_test(tc, honeypot_is_400_and_not_stored);
    tcase_add_test(tc, invalid_utf8_is_400_and_not_stored);
    tcase_add_test(tc, methods_not_allowed_are_405);
    tcase_add_test(tc, check_answers_needs_a_complete_journey);
    tcase_add_test(tc, submit_without_token_is_refused);
    tcase_add_test(tc, xss_in_every_field_type_is_stored_raw_and_shown_escaped);
    tcase_add_test(tc,
        xss_in_number_select_postcode_phone_slot_is_refused_escaped);
    tcase_add_test(tc, export_csv_defuses_formulas);
    tcase_add_test(tc, idle_sessions_expire);
    tcase_add_test(tc, secure_cookie_behind_https);
    tcase_add_test(tc, sigterm_shuts_down_cleanly);
    tcase_add_test(tc, purge_deletes_submissions_past_retention);
    tcase_add_test(tc, export_since_and_bad_arguments);
    tcase_add_test(tc, help_and_version);
    tcase_add_test(tc, slow_clients_are_timed_out);
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
    SRunner *sr = srunner_create(journey_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
