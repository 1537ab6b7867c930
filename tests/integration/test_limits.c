/* SPDX-License-Identifier: MIT */
/*
 * Rate limits and metrics (issue 13) against the real server on loopback:
 * submissions over a client's or a form's limit, and page POSTs over a
 * client's, are answered 429 with Retry-After and store nothing; buckets
 * refill at their rate; a flood of addresses cannot grow the limiter's
 * table; GET /metrics counts the refusals in Prometheus's text format.
 * Clients bind to other loopback addresses (127.0.0.2 ...) to be other
 * clients.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

#define SL "/report-streetlight/"
#define LOCATION_FIELDS "street=High+Street&column_number=12" \
                        "&location_details=By+the+school"
#define CONTACT_FIELDS "full_name=Ann+Example&email=ann%40example.com&phone="

static struct fbt_server srv;
static void
teardown(void)
{
    fbt_server_cleanup(&srv);
}

static void
sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

/* A client connecting from loopback address @p from. */
static void
client_from(struct fbt_client *c, const char *from)
{
    fbt_client_init(c, &srv);
    char iface[64];
    snprintf(iface, sizeof iface, "host!%s", from);
    curl_easy_setopt(c->curl, CURLOPT_INTERFACE, iface);
}

static void
step(struct fbt_client *c, const char *path, const char *fields,
     const char *next)
{
    char *loc = NULL;
    ck_assert_int_eq(fbt_answer(c, path, fields, &loc), 303);
    ck_assert_str_eq(loc, next);
    free(loc);
}

static void
to_check_answers(struct fbt_client *c)
{
    step(c, SL "location", LOCATION_FIELDS, SL "problem");
    step(c, SL "problem", "fault=out&damage=", SL "contact");
    step(c, SL "contact", CONTACT_FIELDS, SL "check-answers");
}

/* Sends the form from check your answers; @returns the response. */
static void
submit(struct fbt_client *c, struct fbt_response *r)
{
    ck_assert_int_eq(fbt_get(c, SL "check-answers", r), CURLE_OK);
    ck_assert_int_eq(r->status, 200);
    char *csrf = fbt_csrf(r->body), *action = fbt_action(r->body);
    fbt_response_free(r);
    ck_assert_ptr_nonnull(csrf);
    ck_assert_ptr_nonnull(action);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    ck_assert_int_eq(fbt_post(c, action, body, r), CURLE_OK);
    free(csrf);
    free(action);
}

static long
submit_status(struct fbt_client *c)
{
    struct fbt_response r;
    submit(c, &r);
    long st = r.status;
    fbt_response_free(&r);
    return st;
}

static long long
submissions(void)
{
    return fbt_db_int(&srv, "SELECT count(*) FROM submissions", NULL);
}

/* The refusal's Retry-After, in seconds (0 when absent or not a number). */
static long
retry_after(const struct fbt_response *r)
{
    char *v = fbt_header(r, "Retry-After");
    long s = v ? strtol(v, NULL, 10) : 0;
    free(v);
    return s;
}

START_TEST(submissions_over_the_client_limit_are_429)
{
    fbt_server_start_with(&srv, "submit_rate_per_client = 1/h\nsubmit_burst_per_client = 2\n"
               "post_rate_per_client = off\n");
    struct fbt_client a, b;
    client_from(&a, "127.0.0.1");
    for (int i = 0; i < 2; i++) {
        to_check_answers(&a);
        ck_assert_int_eq(submit_status(&a), 303);
    }
    to_check_answers(&a);
    struct fbt_response r;
    submit(&a, &r);
    ck_assert_int_eq(r.status, 429);
    long wait = retry_after(&r);
    ck_assert_msg(wait > 3000 && wait <= 3600, "Retry-After: %ld", wait);
    ck_assert_ptr_nonnull(strstr(r.body, "too many requests"));
    ck_assert_ptr_nonnull(strstr(r.body, "has not been sent"));
    ck_assert_ptr_nonnull(strstr(r.body, "Wait 60 minutes"));
    ck_assert_ptr_nonnull(strstr(r.body, "href=\"" SL "check-answers\""));
    ck_assert_ptr_null(strstr(r.body, "govuk-panel"));
    char *loc = fbt_header(&r, "Location");
    ck_assert_ptr_null(loc);
    fbt_response_free(&r);
    ck_assert_int_eq(submissions(), 2);
    /* Nothing lost: the answers wait at check your answers. */
    ck_assert_int_eq(fbt_get(&a, SL "check-answers", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "Ann Example"));
    fbt_response_free(&r);
    /* Another address has its own bucket. */
    client_from(&b, "127.0.0.2");
    to_check_answers(&b);
    ck_assert_int_eq(submit_status(&b), 303);
    ck_assert_int_eq(submissions(), 3);
    ck_assert_int_eq(fbt_metric(&srv, "formbuilder_rate_limited_total"
                            "{limit=\"submit_per_client\"}"), 1);
    ck_assert_int_eq(fbt_metric(&srv, "formbuilder_rate_limited_total"
                            "{limit=\"submit_per_form\"}"), 0);
    fbt_client_free(&a);
    fbt_client_free(&b);
}
END_TEST

START_TEST(form_limit_is_shared_by_every_client)
{
    fbt_server_start_with(&srv, "submit_rate_per_form = 1/h\nsubmit_burst_per_form = 1\n"
               "submit_rate_per_client = off\npost_rate_per_client = off\n");
    struct fbt_client a, b;
    client_from(&a, "127.0.0.1");
    client_from(&b, "127.0.0.2");
    to_check_answers(&a);
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&a, SL "check-answers", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    ck_assert_int_eq(fbt_post(&a, action, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    to_check_answers(&b);
    submit(&b, &r);
    ck_assert_int_eq(r.status, 429);
    ck_assert_int_gt(retry_after(&r), 3000);
    fbt_response_free(&r);
    ck_assert_int_eq(submissions(), 1);
    /* A double click on what was sent is not a new submission: it still
     * gets its confirmation. */
    ck_assert_int_eq(fbt_post(&a, action, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    char *loc = fbt_header(&r, "Location");
    ck_assert_str_eq(loc, SL "confirmation");
    free(loc);
    fbt_response_free(&r);
    ck_assert_int_eq(submissions(), 1);
    ck_assert_int_eq(fbt_metric(&srv, "formbuilder_rate_limited_total"
                            "{limit=\"submit_per_form\"}"), 1);
    free(csrf);
    free(action);
    fbt_client_free(&a);
    fbt_client_free(&b);
}
END_TEST

START_TEST(page_posts_over_the_client_limit_are_429_with_the_answers)
{
    fbt_server_start_with(&srv, "post_rate_per_client = 1/h\npost_burst_per_client = 2\n");
    struct fbt_client a, b;
    client_from(&a, "127.0.0.1");
    step(&a, SL "location", LOCATION_FIELDS, SL "problem");
    step(&a, SL "problem", "fault=out&damage=", SL "contact");
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&a, SL "contact", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    char body[256];
    snprintf(body, sizeof body, "csrf_token=%s&website=&%s", csrf,
             CONTACT_FIELDS);
    free(csrf);
    ck_assert_int_eq(fbt_post(&a, SL "contact", body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 429);
    ck_assert_int_gt(retry_after(&r), 3000);
    char *loc = fbt_header(&r, "Location");
    ck_assert_ptr_null(loc);
    /* The page again, the answers as typed, a summary saying why. */
    ck_assert_ptr_nonnull(strstr(r.body, "govuk-error-summary"));
    ck_assert_ptr_nonnull(strstr(r.body, "too many requests"));
    ck_assert_ptr_nonnull(strstr(r.body, "were not saved"));
    ck_assert_ptr_nonnull(strstr(r.body, "Wait 60 minutes"));
    ck_assert_ptr_nonnull(strstr(r.body, "value=\"Ann Example\""));
    fbt_response_free(&r);
    long long stored = fbt_db_int(&srv, "SELECT count(*) FROM sessions "
                                  "WHERE instr(data, 'Ann Example') > 0",
                                  NULL);
    ck_assert_int_eq(stored, 0);
    /* Not moved on: check your answers is still out of reach. */
    ck_assert_int_eq(fbt_get(&a, SL "check-answers", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    client_from(&b, "127.0.0.2");
    step(&b, SL "location", LOCATION_FIELDS, SL "problem");
    ck_assert_int_eq(fbt_metric(&srv, "formbuilder_rate_limited_total"
                            "{limit=\"post_per_client\"}"), 1);
    fbt_client_free(&a);
    fbt_client_free(&b);
}
END_TEST

START_TEST(limits_refill_at_their_rate)
{
    fbt_server_start_with(&srv, "post_rate_per_client = 2/s\npost_burst_per_client = 1\n");
    struct fbt_client a;
    client_from(&a, "127.0.0.1");
    step(&a, SL "location", LOCATION_FIELDS, SL "problem");
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&a, SL "location", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    char body[256];
    snprintf(body, sizeof body, "csrf_token=%s&website=&" LOCATION_FIELDS,
             csrf);
    free(csrf);
    ck_assert_int_eq(fbt_post(&a, SL "location", body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 429);
    ck_assert_int_eq(retry_after(&r), 1);
    ck_assert_ptr_nonnull(strstr(r.body, "Wait 1 second,"));
    fbt_response_free(&r);
    sleep_ms(600);
    ck_assert_int_eq(fbt_post(&a, SL "location", body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    fbt_client_free(&a);
}
END_TEST

START_TEST(trusted_proxy_names_the_client_and_no_one_else_can)
{
    fbt_server_start_with(&srv, "trusted_proxy = 127.0.0.1\npost_rate_per_client = 1/h\n"
               "post_burst_per_client = 1\n");
    struct fbt_client a, b, c, d;
    client_from(&a, "127.0.0.1");
    a.header = "X-Forwarded-For: 203.0.113.7";
    step(&a, SL "location", LOCATION_FIELDS, SL "problem");
    ck_assert_int_eq(fbt_answer(&a, SL "problem", "fault=out&damage=", NULL),
                     429);
    /* Another resident behind the proxy, whatever it wrote first. */
    client_from(&b, "127.0.0.1");
    b.header = "X-Forwarded-For: 203.0.113.7, 203.0.113.8";
    step(&b, SL "location", LOCATION_FIELDS, SL "problem");
    /* Not the proxy: the header is the client's own words, ignored. */
    client_from(&c, "127.0.0.2");
    c.header = "X-Forwarded-For: 203.0.113.50";
    step(&c, SL "location", LOCATION_FIELDS, SL "problem");
    client_from(&d, "127.0.0.2");
    d.header = "X-Forwarded-For: 203.0.113.51";
    ck_assert_int_eq(fbt_answer(&d, SL "location", LOCATION_FIELDS, NULL),
                     429);
    fbt_client_free(&a);
    fbt_client_free(&b);
    fbt_client_free(&c);
    fbt_client_free(&d);
}
END_TEST

/* 40 addresses against a table of 16: it stays at 16, and the address
 * seen longest ago is the one forgotten. */
START_TEST(a_flood_of_addresses_cannot_grow_the_table)
{
    fbt_server_start_with(&srv, "rate_limit_clients = 16\npost_rate_per_client = 1/h\n"
               "post_burst_per_client = 1\n");
    struct fbt_client a;
    client_from(&a, "127.0.0.1");
    step(&a, SL "location", LOCATION_FIELDS, SL "problem");
    ck_assert_int_eq(fbt_answer(&a, SL "problem", "fault=out&damage=", NULL),
                     429);
    for (int i = 1; i <= 40; i++) {
        char from[32];
        snprintf(from, sizeof from, "127.0.1.%d", i);
        struct fbt_client c;
        client_from(&c, from);
        ck_assert_int_eq(fbt_answer(&c, SL "location", LOCATION_FIELDS,
                                    NULL), 303);
        fbt_client_free(&c);
        ck_assert_int_le(fbt_metric(&srv, "formbuilder_rate_limit_clients"), 16);
    }
    ck_assert_int_eq(fbt_metric(&srv, "formbuilder_rate_limit_clients"), 16);
    /* 127.0.0.1 was evicted, so it starts again with a full bucket. */
    ck_assert_int_eq(fbt_answer(&a, SL "problem", "fault=out&damage=", NULL),
                     303);
    fbt_client_free(&a);
}
END_TEST

/* Every line of /metrics is a HELP, a TYPE or a sample (a histogram's
 * sum has decimals), and every family the server counts is there. */
START_TEST(metrics_are_prometheus_text)
{
    fbt_server_start_with(&srv, "");
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&c, "/metrics", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *type = fbt_header(&r, "Content-Type");
    ck_assert_str_eq(type, "text/plain; version=0.0.4; charset=utf-8");
    free(type);
    static const char *const families[] = {
        "formbuilder_rate_limited_total", "formbuilder_write_failures_total",
        "formbuilder_regex_limit_hits_total",
        "formbuilder_rate_limit_clients",
    };
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        char want[128];
        snprintf(want, sizeof want, "# TYPE %s ", families[i]);
        ck_assert_msg(strstr(r.body, want), "no %s", families[i]);
    }
    for (char *line = r.body; *line;) {
        char *end = strchr(line, '\n');
        ck_assert_ptr_nonnull(end);
        *end = '\0';
        bool comment = strncmp(line, "# HELP ", 7) == 0
                       || strncmp(line, "# TYPE ", 7) == 0;
        const char *sp = strrchr(line, ' ');
        bool sample = strncmp(line, "formbuilder_", 12) == 0 && sp
                      && strspn(sp + 1, "0123456789.") == strlen(sp + 1)
                      && sp[1];
        ck_assert_msg(comment || sample, "bad line: %s", line);
        line = end + 1;
    }
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_metric(&srv, "formbuilder_regex_limit_hits_total"), 0);
    ck_assert_int_eq(fbt_post(&c, "/metrics", "", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 405);
    fbt_response_free(&r);
    fbt_client_free(&c);
}
END_TEST

static Suite *
limits_suite(void)
{
    Suite *s = suite_create("limits");
    TCase *t = tcase_create("rate");
    tcase_add_checked_fixture(t, NULL, teardown);
    tcase_set_timeout(t, 60);
    tcase_add_test(t, submissions_over_the_client_limit_are_429);
    tcase_add_test(t, form_limit_is_shared_by_every_client);
    tcase_add_test(t, page_posts_over_the_client_limit_are_429_with_the_answers);
    tcase_add_test(t, limits_refill_at_their_rate);
    tcase_add_test(t, a_flood_of_addresses_cannot_grow_the_table);
    tcase_add_test(t, trusted_proxy_names_the_client_and_no_one_else_can);
    tcase_add_test(t, metrics_are_prometheus_text);
    suite_add_tcase(s, t);
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
    signal(SIGPIPE, SIG_IGN);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    SRunner *sr = srunner_create(limits_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
