/* SPDX-License-Identifier: MIT */
/*
 * Running a live service through the real server (docs/runtime.md): the
 * forms of tests/integration/live/ built as modules with `formc build
 * --module`, served from that directory, the clock set with FB_TEST_NOW
 * in Europe/London. Residents race for a capped form's last places (on
 * PostgreSQL through two instances sharing one database); a form before
 * it opens, after it closes and in the grace a journey begun before the
 * close has; `formbuilder maintenance` reaching every instance, /healthz
 * and /metrics still answering; the privacy notice's page and links.
 *
 * Arguments: the formbuilder binary, formc, and the source directory.
 */
#include <check.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "pgtest.h"

#define CAP 3
#define RESIDENTS 24
#define CAPPED "/live-capped/"
#define DATED "/live-dates/"
#define MID_DECEMBER "2026-12-15T12:00:00Z"

static const char *formc_exe;
static const char *source_dir;
static char forms_dir[300];
/* srv always; srv2 shares its database on PostgreSQL (two instances). */
static struct fbt_server srv, srv2;
static bool two;
static char now_env[2][64];
static char conf_path[2][400];

static const char tz_env[] = "TZ=Europe/London";

/* Builds every form of tests/integration/live/ into forms_dir. */
static int
build_forms(void)
{
    snprintf(forms_dir, sizeof forms_dir, "/tmp/fblive-forms-XXXXXX");
    if (!mkdtemp(forms_dir))
        return -1;
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "for f in '%s'/tests/integration/live/*.yaml; do '%s' build "
             "--module \"$f\" -o '%s' >&2 || exit 1; done", source_dir,
             formc_exe, forms_dir);
    int st = system(cmd);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* No rate limits (the `limits` suite tests them) and room for every
 * resident's connection from one address. */
static void
configure(struct fbt_server *s, int i)
{
    snprintf(conf_path[i], sizeof conf_path[i], "%s/server.conf", s->dir);
    FILE *f = fopen(conf_path[i], "w");
    ck_assert_ptr_nonnull(f);
    fputs("max_connections_per_client = 512\nmax_connections = 2048\n"
          "post_rate_per_client = off\nsubmit_rate_per_client = off\n"
          "submit_rate_per_form = off\n", f);
    fclose(f);
    s->config = conf_path[i];
    s->forms = forms_dir;
    s->env[0] = tz_env;
    s->env[1] = now_env[i];
    /* Sessions survive a restart: one key for every start. */
    s->env[2] = "FORMBUILDER_SESSION_KEY=" FBT_SESSION_KEY;
}

/* (Re)starts the instances with the clock at @p now. */
static void
start_at(const char *now)
{
    snprintf(now_env[0], sizeof now_env[0], "FB_TEST_NOW=%s", now);
    snprintf(now_env[1], sizeof now_env[1], "FB_TEST_NOW=%s", now);
    fbt_server_stop(&srv, SIGTERM);
    fbt_server_start(&srv);
    if (two) {
        fbt_server_stop(&srv2, SIGTERM);
        fbt_server_start(&srv2);
    }
}

static void
setup(void)
{
    fbt_server_init(&srv);
    configure(&srv, 0);
    /* Several instances share a PostgreSQL database; a SQLite file has
     * one server. */
    two = fbt_pg_wanted();
    if (two) {
        fbt_server_init(&srv2);
        snprintf(srv2.db, sizeof srv2.db, "%s", srv.db);
        configure(&srv2, 1);
    }
    start_at(MID_DECEMBER);
}

static void
teardown(void)
{
    if (two)
        fbt_server_cleanup(&srv2);
    fbt_server_cleanup(&srv);
}

/* GETs @p path; @returns the body (malloc'd), the status in *status and,
 * when asked, the header @p name's value (malloc'd) in *value. */
static char *
get(struct fbt_client *c, const char *path, long *status, const char *name,
    char **value)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(c, path, &r), CURLE_OK);
    *status = r.status;
    if (value)
        *value = fbt_header(&r, name);
    char *body = strdup(r.body);
    fbt_response_free(&r);
    return body;
}

/* Asserts GET @p path answers @p status with @p text in the page. */
static void
expect(struct fbt_client *c, const char *path, long status, const char *text)
{
    long st;
    char *body = get(c, path, &st, NULL, NULL);
    ck_assert_msg(st == status, "GET %s: %ld, not %ld", path, st, status);
    ck_assert_msg(!text || strstr(body, text), "GET %s: no '%s' in\n%s",
                  path, text, body);
    free(body);
}

/* Sends check your answers. @returns the submit's status, its page (or
 * Location) in *out (malloc'd). */
static long
send_form(struct fbt_client *c, const char *form, char **out)
{
    char path[128];
    snprintf(path, sizeof path, "%scheck-answers", form);
    struct fbt_response r;
    *out = NULL;
    if (fbt_get(c, path, &r) != CURLE_OK || r.status != 200) {
        fbt_response_free(&r);
        return -1;
    }
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    long st = -1;
    char body[160];
    if (csrf && action) {
        snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
        if (fbt_post(c, action, body, &r) == CURLE_OK) {
            st = r.status;
            *out = st == 303 ? fbt_header(&r, "Location") : strdup(r.body);
        }
        fbt_response_free(&r);
    }
    free(csrf);
    free(action);
    return st;
}

/* ---- max_submissions ---- */

struct resident {
    struct fbt_client c;
    pthread_barrier_t *start;
    long status;
    char *page;
};

/* Every resident is at check your answers; all send at once. */
static void *
race(void *arg)
{
    struct resident *r = arg;
    char path[] = CAPPED "check-answers";
    struct fbt_response page;
    r->status = -1;
    if (fbt_get(&r->c, path, &page) != CURLE_OK || page.status != 200) {
        fbt_response_free(&page);
        pthread_barrier_wait(r->start);
        return NULL;
    }
    char *csrf = fbt_csrf(page.body), *action = fbt_action(page.body);
    fbt_response_free(&page);
    char body[160];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf ? csrf : "");
    pthread_barrier_wait(r->start);
    struct fbt_response resp;
    if (action && fbt_post(&r->c, action, body, &resp) == CURLE_OK) {
        r->status = resp.status;
        r->page = strdup(resp.body);
    }
    fbt_response_free(&resp);
    free(csrf);
    free(action);
    return NULL;
}

START_TEST(the_cap_is_exact_when_residents_race_for_the_last_places)
{
    static struct resident rs[RESIDENTS];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, RESIDENTS);
    for (int i = 0; i < RESIDENTS; i++) {
        /* On PostgreSQL every other resident uses the second instance. */
        fbt_client_init(&rs[i].c, two && i % 2 ? &srv2 : &srv);
        rs[i].start = &start;
        rs[i].page = NULL;
        char fields[64];
        snprintf(fields, sizeof fields, "street=Street+%d", i);
        ck_assert_int_eq(fbt_answer(&rs[i].c, CAPPED "street", fields, NULL),
                         303);
    }
    pthread_t th[RESIDENTS];
    for (int i = 0; i < RESIDENTS; i++)
        pthread_create(&th[i], NULL, race, &rs[i]);
    for (int i = 0; i < RESIDENTS; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start);
    int sent = 0;
    for (int i = 0; i < RESIDENTS; i++) {
        if (rs[i].status == 303) {
            sent++;
        } else {
            ck_assert_msg(rs[i].status == 403, "resident %d got %ld", i,
                          rs[i].status);
            ck_assert_ptr_nonnull(strstr(rs[i].page, "This form is full"));
            ck_assert_ptr_nonnull(
                strstr(rs[i].page, "Your answers have not been sent"));
        }
        free(rs[i].page);
    }
    ck_assert_int_eq(sent, CAP);
    /* Exactly the cap stored, and the counter agrees. */
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                "WHERE form = ?1", "live-capped"), CAP);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT n FROM form_counts "
                                "WHERE form = ?1", "live-capped"), CAP);
    /* A refused resident's answers are still theirs, not half sent: the
     * store kept no submission for them, and the form now says it is full
     * before anyone types anything. */
    for (int i = 0; i < RESIDENTS; i++)
        fbt_client_free(&rs[i].c);
    struct fbt_client c;
    fbt_client_init(&c, two ? &srv2 : &srv);
    expect(&c, CAPPED, 403, "This form is full");
    fbt_client_free(&c);
    fbt_client_init(&c, &srv);
    expect(&c, CAPPED, 403, "You can no longer send it");
    fbt_client_free(&c);
}
END_TEST

START_TEST(the_cap_counts_submissions_stored_before_it)
{
    /* Two submissions already stored when the counter starts: one place
     * is left. */
    struct fbt_client c[3];
    for (int i = 0; i < 3; i++) {
        fbt_client_init(&c[i], &srv);
        ck_assert_int_eq(fbt_answer(&c[i], CAPPED "street", "street=Elm",
                                    NULL), 303);
    }
    char *out;
    ck_assert_int_eq(send_form(&c[0], CAPPED, &out), 303);
    free(out);
    ck_assert_int_eq(send_form(&c[1], CAPPED, &out), 303);
    free(out);
    /* As if they had been sent before max_submissions was set. */
    ck_assert_int_eq(fbt_db_exec(&srv, "DELETE FROM form_counts "
                                 "WHERE form = ?1", "live-capped"), 0);
    ck_assert_int_eq(send_form(&c[2], CAPPED, &out), 303);
    free(out);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT n FROM form_counts "
                                "WHERE form = ?1", "live-capped"), CAP);
    struct fbt_client d;
    fbt_client_init(&d, &srv);
    expect(&d, CAPPED, 403, "This form is full");
    fbt_client_free(&d);
    for (int i = 0; i < 3; i++)
        fbt_client_free(&c[i]);
}
END_TEST

/* ---- opens and closes ---- */

START_TEST(a_form_refuses_residents_before_it_opens)
{
    start_at("2026-12-01T08:59:00Z");
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    expect(&c, DATED, 403, "This form is not open yet");
    expect(&c, DATED, 403, "9am on 1 December 2026");
    expect(&c, DATED "street", 403, "This form is not open yet");
    /* In the resident's language. */
    c.header = "Accept-Language: cy";
    expect(&c, DATED, 403, "Nid yw\xe2\x80\x99r ffurflen hon ar agor eto");
    c.header = NULL;
    fbt_client_free(&c);
    start_at("2026-12-01T09:00:00Z");
    fbt_client_init(&c, &srv);
    expect(&c, DATED, 200, "Enter the winter lights competition");
    fbt_client_free(&c);
}
END_TEST

START_TEST(a_journey_begun_before_the_close_has_a_grace_to_finish)
{
    start_at("2026-12-31T23:50:00Z");
    struct fbt_client a, b, late;
    fbt_client_init(&a, &srv);
    fbt_client_init(&b, &srv);
    ck_assert_int_eq(fbt_answer(&a, DATED "street", "street=High+Street",
                                NULL), 303);
    ck_assert_int_eq(fbt_answer(&b, DATED "street", "street=Mill+Lane",
                                NULL), 303);
    /* Five minutes after the close (the end of 31 December). */
    start_at("2027-01-01T00:05:00Z");
    fbt_client_init(&late, &srv);
    expect(&late, DATED, 403, "This form is closed");
    expect(&late, DATED, 403, "11:59pm on 31 December 2026");
    expect(&late, DATED "street", 403, "This form is closed");
    /* The start page is closed to everyone; a begun journey goes on. */
    expect(&a, DATED, 403, "This form is closed");
    ck_assert_int_eq(fbt_answer(&a, DATED "colour", "colour=Blue", NULL),
                     303);
    char *out;
    ck_assert_int_eq(send_form(&a, DATED, &out), 303);
    ck_assert_ptr_nonnull(strstr(out, "confirmation"));
    free(out);
    expect(&a, DATED "confirmation", 200, NULL);
    /* After the grace, a journey still open is refused, and nothing of
     * it was stored; the page is in the resident's language. */
    start_at("2027-01-01T00:16:00Z");
    expect(&b, DATED "colour", 403, "This form is closed");
    late.header = "Accept-Language: cy";
    expect(&late, DATED, 403, "Mae\xe2\x80\x99r ffurflen hon ar gau");
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                "WHERE form = ?1", "live-dates"), 1);
    fbt_client_free(&a);
    fbt_client_free(&b);
    fbt_client_free(&late);
}
END_TEST

/* ---- maintenance ---- */

/* Runs `formbuilder maintenance ARGS...`; @returns its exit status and
 * its output in *out (malloc'd). */
static int
maintenance(char **out, const char *action, const char *form)
{
    const char *args[] = { "maintenance", action, "--forms", forms_dir,
                           form ? "--form" : NULL, form, NULL };
    return fbt_run_status(&srv, args, out);
}

/* Waits (at most 3 s: the servers reread each second) until GET @p path
 * on @p s answers @p status. */
static void
wait_status(const struct fbt_server *s, const char *path, long status)
{
    struct fbt_client c;
    fbt_client_init(&c, s);
    long st = -1;
    for (int i = 0; i < 30; i++) {
        char *body = get(&c, path, &st, NULL, NULL);
        free(body);
        if (st == status)
            break;
        struct timespec t = {0, 100 * 1000 * 1000};
        nanosleep(&t, NULL);
    }
    fbt_client_free(&c);
    ck_assert_msg(st == status, "GET %s on port %u: %ld, not %ld", path,
                  s->port, st, status);
}

START_TEST(maintenance_reaches_every_running_instance)
{
    char *out;
    ck_assert_int_eq(maintenance(&out, "on", "live-dates"), 0);
    ck_assert_ptr_nonnull(strstr(out, "maintenance on for form live-dates"));
    free(out);
    const struct fbt_server *each[2] = { &srv, &srv2 };
    for (int i = 0; i < (two ? 2 : 1); i++) {
        wait_status(each[i], DATED, 503);
        struct fbt_client c;
        fbt_client_init(&c, each[i]);
        long st;
        char *retry = NULL;
        char *body = get(&c, DATED "street", &st, "Retry-After", &retry);
        ck_assert_int_eq(st, 503);
        ck_assert_ptr_nonnull(retry);
        ck_assert_ptr_nonnull(strstr(body, "Sorry, the service is "
                                           "unavailable"));
        free(retry);
        free(body);
        c.header = "Accept-Language: cy";
        expect(&c, DATED, 503, "Mae\xe2\x80\x99n ddrwg gennym, nid "
                               "yw\xe2\x80\x99r gwasanaeth ar gael");
        c.header = NULL;
        /* The other form, the index, health and metrics carry on. */
        expect(&c, CAPPED, 200, NULL);
        expect(&c, "/", 200, NULL);
        expect(&c, "/healthz", 200, "ok");
        expect(&c, "/metrics", 200, NULL);
        fbt_client_free(&c);
    }
    /* Every form, the index too. */
    ck_assert_int_eq(maintenance(&out, "on", NULL), 0);
    free(out);
    for (int i = 0; i < (two ? 2 : 1); i++) {
        wait_status(each[i], "/", 503);
        wait_status(each[i], CAPPED, 503);
        wait_status(each[i], "/healthz", 200);
    }
    const char *status_args[] = { "maintenance", "status", NULL };
    ck_assert_int_eq(fbt_run_status(&srv, status_args, &out), 0);
    ck_assert_ptr_nonnull(strstr(out, "(every form)"));
    ck_assert_ptr_nonnull(strstr(out, "live-dates"));
    free(out);
    ck_assert_int_eq(maintenance(&out, "off", NULL), 0);
    free(out);
    ck_assert_int_eq(maintenance(&out, "off", "live-dates"), 0);
    free(out);
    for (int i = 0; i < (two ? 2 : 1); i++) {
        wait_status(each[i], "/", 200);
        wait_status(each[i], DATED, 200);
    }
    /* A typo closes nothing and says which forms there are. */
    ck_assert_int_eq(maintenance(&out, "on", "live-date"), 2);
    ck_assert_ptr_nonnull(strstr(out, "no form 'live-date'"));
    ck_assert_ptr_nonnull(strstr(out, "live-dates"));
    free(out);
    ck_assert_int_eq(maintenance(&out, "sideways", NULL), 2);
    free(out);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM maintenance "
                                "WHERE form <> ?1", "x"), 0);
}
END_TEST

/* ---- the privacy notice ---- */

START_TEST(the_privacy_notice_is_linked_from_the_start_page_and_footer)
{
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    long st;
    char *start = get(&c, DATED, &st, NULL, NULL);
    ck_assert_int_eq(st, 200);
    const char *link = "href=\"/live-dates/privacy-notice\"";
    char *first = strstr(start, link);
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_nonnull(strstr(first, "How we use your information"));
    char *footer = strstr(start, "<footer");
    ck_assert_ptr_nonnull(footer);
    ck_assert_ptr_nonnull(strstr(footer, link));
    free(start);
    expect(&c, DATED "privacy-notice", 200,
           "We delete them at the end of January.");
    c.header = "Accept-Language: cy";
    expect(&c, DATED "privacy-notice", 200, "Hysbysiad preifatrwydd");
    expect(&c, DATED "privacy-notice", 200,
           "Byddwn yn eu dileu ar ddiwedd mis Ionawr.");
    c.header = NULL;
    /* A notice kept elsewhere is linked there, with no page here. */
    expect(&c, CAPPED, 200,
           "href=\"https://www.example.gov.uk/privacy/compost-bins\"");
    expect(&c, CAPPED "street", 200,
           "href=\"https://www.example.gov.uk/privacy/compost-bins\"");
    expect(&c, CAPPED "privacy-notice", 404, NULL);
    fbt_client_free(&c);
}
END_TEST

/* ---- the council's service ---- */

/* Restarts srv with @p lines added to its configuration. */
static void
restart_with(const char *lines)
{
    fbt_server_stop(&srv, SIGTERM);
    FILE *f = fopen(conf_path[0], "a");
    ck_assert_ptr_nonnull(f);
    fputs(lines, f);
    fclose(f);
    fbt_server_start(&srv);
}

START_TEST(a_header_colour_too_light_for_its_text_stops_the_server)
{
    fbt_server_stop(&srv, SIGTERM);
    FILE *f = fopen(conf_path[0], "a");
    ck_assert_ptr_nonnull(f);
    fputs("header_colour = ffdd00\n", f);
    fclose(f);
    const char *args[] = { "serve", "--config", conf_path[0], "--forms",
                           forms_dir, NULL };
    char *out;
    ck_assert_int_eq(fbt_run_status(&srv, args, &out), 2);
    ck_assert_msg(strstr(out, "contrast ratio of 1.34:1"), "%s", out);
    ck_assert_ptr_nonnull(strstr(out, "choose a darker colour"));
    free(out);
}
END_TEST

START_TEST(the_frame_carries_the_councils_name_colours_phase_and_links)
{
    restart_with("service_name = Anytown Council\n"
                 "service_name_cy = Cyngor Anytown\n"
                 "logo_url = https://www.example.gov.uk/logo.png\n"
                 "header_colour = 1d70b8\n"
                 "phase = beta\n"
                 "feedback_url = https://www.example.gov.uk/feedback\n"
                 "footer_link = Contact us | https://www.example.gov.uk/c\n"
                 "footer_link = Cookies | /cookies\n"
                 "contact_email = access@example.gov.uk\n"
                 "contact_phone = 01234 567890\n");
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    long st;
    char *page = get(&c, CAPPED "street", &st, NULL, NULL);
    ck_assert_int_eq(st, 200);
    ck_assert_ptr_nonnull(strstr(page, "- Anytown Council</title>"));
    ck_assert_ptr_nonnull(strstr(page, "src=\"https://www.example.gov.uk/"
                                       "logo.png\" alt=\"\""));
    ck_assert_ptr_nonnull(strstr(page, "href=\"/assets/site.css\""));
    ck_assert_ptr_nonnull(strstr(page, "govuk-phase-banner"));
    ck_assert_ptr_nonnull(strstr(page, ">Beta</strong>"));
    ck_assert_ptr_nonnull(strstr(page, "href=\"https://www.example.gov.uk/"
                                       "feedback\">give your feedback</a>"));
    char *footer = strstr(page, "<footer");
    ck_assert_ptr_nonnull(footer);
    ck_assert_ptr_nonnull(strstr(footer, ">Contact us</a>"));
    ck_assert_ptr_nonnull(strstr(footer, "href=\"/cookies\">Cookies</a>"));
    ck_assert_ptr_nonnull(strstr(footer, "href=\"/accessibility\""));
    free(page);
    expect(&c, "/assets/site.css", 200, "background: #1d70b8");
    expect(&c, "/accessibility", 200,
           "Accessibility statement for Anytown Council");
    expect(&c, "/accessibility", 200, "mailto:access@example.gov.uk");
    expect(&c, "/accessibility", 200, "01234 567890");
    c.header = "Accept-Language: cy";
    expect(&c, "/accessibility", 200,
           "Datganiad hygyrchedd ar gyfer Cyngor Anytown");
    expect(&c, DATED, 200, "rhowch eich adborth");
    c.header = NULL;
    fbt_client_free(&c);
}
END_TEST

START_TEST(without_a_colour_there_is_no_site_stylesheet)
{
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    expect(&c, "/assets/site.css", 404, NULL);
    long st;
    char *page = get(&c, CAPPED, &st, NULL, NULL);
    ck_assert_ptr_null(strstr(page, "site.css"));
    ck_assert_ptr_null(strstr(page, "govuk-phase-banner"));
    /* The statement is there with the catalogue's name. */
    free(page);
    expect(&c, "/accessibility", 200,
           "Accessibility statement for Council services");
    fbt_client_free(&c);
}
END_TEST

/* ---- start again ---- */

START_TEST(start_again_asks_then_deletes_the_answers)
{
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    ck_assert_int_eq(fbt_answer(&c, DATED "street", "street=High+Street",
                                NULL), 303);
    expect(&c, DATED "colour", 200,
           "href=\"/live-dates/start-again?from=colour\">Start again</a>");
    /* Asking deletes nothing. */
    expect(&c, DATED "start-again?from=colour", 200,
           "Are you sure you want to start again?");
    expect(&c, DATED "start-again?from=colour", 200,
           "href=\"/live-dates/colour\">No, go back to my answers</a>");
    expect(&c, DATED "street", 200, "value=\"High Street\"");
    /* A way back only to the form's own pages. */
    expect(&c, DATED "start-again?from=https://evil.example", 200,
           "href=\"/live-dates/\">No, go back");
    char *loc = NULL;
    ck_assert_int_eq(fbt_answer_to(&c, DATED "start-again", DATED
                                   "start-again", "", &loc), 303);
    ck_assert_str_eq(loc, DATED);
    free(loc);
    long st;
    char *page = get(&c, DATED "street", &st, NULL, NULL);
    ck_assert_int_eq(st, 200);
    ck_assert_ptr_null(strstr(page, "High Street"));
    free(page);
    /* In Welsh on a Welsh journey. */
    struct fbt_client cy;
    fbt_client_init(&cy, &srv);
    cy.header = "Accept-Language: cy";
    expect(&cy, DATED "start-again", 200, "Ydych chi\xe2\x80\x99n "
           "si\xc5\xb5r eich bod am ddechrau eto?");
    fbt_client_free(&cy);
    fbt_client_free(&c);
}
END_TEST

static Suite *
live_suite(void)
{
    Suite *s = suite_create("live");
    TCase *t = tcase_create("live");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, the_cap_is_exact_when_residents_race_for_the_last_places);
    tcase_add_test(t, the_cap_counts_submissions_stored_before_it);
    tcase_add_test(t, a_form_refuses_residents_before_it_opens);
    tcase_add_test(t, a_journey_begun_before_the_close_has_a_grace_to_finish);
    tcase_add_test(t, maintenance_reaches_every_running_instance);
    tcase_add_test(t,
                   the_privacy_notice_is_linked_from_the_start_page_and_footer);
    tcase_add_test(t, a_header_colour_too_light_for_its_text_stops_the_server);
    tcase_add_test(t,
                   the_frame_carries_the_councils_name_colours_phase_and_links);
    tcase_add_test(t, without_a_colour_there_is_no_site_stylesheet);
    tcase_add_test(t, start_again_asks_then_deletes_the_answers);
    suite_add_tcase(s, t);
    return s;
}

int
main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s FORMBUILDER FORMC SOURCE-DIR\n", argv[0]);
        return 2;
    }
    fbt_exe = argv[1];
    formc_exe = argv[2];
    source_dir = argv[3];
    if (build_forms() != 0) {
        fprintf(stderr, "formc build --module failed\n");
        return 1;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    SRunner *sr = srunner_create(live_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", forms_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", forms_dir);
    return failed ? 1 : 0;
}
