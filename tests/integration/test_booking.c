/* SPDX-License-Identifier: MIT */
/*
 * Booking through the real server (formbuilder-booking: the test-only
 * form tests/integration/forms/book-a-test-session.yaml) on loopback
 * with a real SQLite file, the clock injected with FB_TEST_NOW: races for
 * the last places, hold expiry, a hold that ran out with its place gone,
 * tampered days and windows, quotas under concurrency, the booking's own
 * pages (calendar file, cancel, change, each idempotent and recorded as
 * events), cancel and change racing, the staff command, and the refusal
 * at start of two forms describing one calendar differently.
 */
#include <check.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "pgtest.h"

#define F "/book-a-test-session/"
#define TODAY_9AM "2026-12-01T09:00:00Z"   /* a Tuesday */
#define ELEVEN_MINUTES_LATER "2026-12-01T09:11:00Z"
#define DAY "2026-12-02"                   /* Wednesday: lead is one day */
#define OTHER_DAY "2026-12-03"

static const char *clash_exe;
static struct fbt_server srv;
static char conf_path[400];
static char now_env[64];

/* Enough connections from one address for 64 residents at once, and no
 * rate limits (they are tested in the `limits` suite). */
static void
write_config(void)
{
    snprintf(conf_path, sizeof conf_path, "%s/server.conf", srv.dir);
    FILE *f = fopen(conf_path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("max_connections_per_client = 512\nmax_connections = 2048\n"
          "post_rate_per_client = off\nsubmit_rate_per_client = off\n"
          "submit_rate_per_form = off\n", f);
    fclose(f);
    srv.config = conf_path;
}

static void
start_at(const char *now)
{
    snprintf(now_env, sizeof now_env, "FB_TEST_NOW=%s", now);
    srv.env[0] = now_env;
    fbt_server_start(&srv);
}

static void
setup(void)
{
    fbt_server_init(&srv);
    write_config();
    start_at(TODAY_9AM);
}

static void
teardown(void)
{
    fbt_server_cleanup(&srv);
}

/* Answers one page. @returns the status; *loc gets the Location. */
static long
answer(struct fbt_client *c, const char *page, const char *fields,
       char **loc)
{
    char path[256];
    snprintf(path, sizeof path, F "%s", page);
    return fbt_answer(c, path, fields, loc);
}

static void
step(struct fbt_client *c, const char *page, const char *fields,
     const char *next)
{
    char *loc = NULL;
    long st = answer(c, page, fields, &loc);
    ck_assert_msg(st == 303, "%s answered %ld", page, st);
    ck_assert_ptr_nonnull(loc);
    char want[256];
    snprintf(want, sizeof want, F "%s", next);
    ck_assert_str_eq(loc, want);
    free(loc);
}

/* Household and day answered: the next page is the session page. */
static void
to_session(struct fbt_client *c, const char *household, const char *day)
{
    char fields[128];
    snprintf(fields, sizeof fields, "household=%s", household);
    step(c, "household", fields, "day");
    snprintf(fields, sizeof fields, "day=%s", day);
    step(c, "day", fields, "session");
}

/* Sends check your answers. @returns the status of the submit POST;
 * *loc gets where it sent the resident. */
static long
send_form(struct fbt_client *c, char **loc)
{
    struct fbt_response r;
    if (fbt_get(c, F "check-answers", &r) != CURLE_OK || r.status != 200) {
        fbt_response_free(&r);
        return -1;
    }
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    long st = -1;
    char body[128];
    if (csrf && action) {
        snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
        if (fbt_post(c, action, body, &r) == CURLE_OK) {
            st = r.status;
            if (loc)
                *loc = fbt_header(&r, "Location");
        }
        fbt_response_free(&r);
    }
    free(csrf);
    free(action);
    return st;
}

/* Contact and submit after a hold; @returns the manage path of the
 * booking from the confirmation ("/book-a-test-session/booking/TOKEN",
 * malloc'd). */
static char *
finish(struct fbt_client *c)
{
    step(c, "contact", "email=ann%40example.com", "check-answers");
    char *loc = NULL;
    ck_assert_int_eq(send_form(c, &loc), 303);
    ck_assert_str_eq(loc, F "confirmation");
    free(loc);
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(c, F "confirmation", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *ref = fbt_reference(r.body);
    ck_assert_ptr_nonnull(ref);
    free(ref);
    const char *at = strstr(r.body, "href=\"" F "booking/");
    ck_assert_ptr_nonnull(at);
    at += strlen("href=\"");
    size_t n = strcspn(at, "\".");
    char *manage = strndup(at, n);
    ck_assert_ptr_nonnull(strstr(r.body, ".ics\""));
    fbt_response_free(&r);
    return manage;
}

/* A whole booking of @p window on @p day for @p household. */
static char *
book(struct fbt_client *c, const char *household, const char *day,
     const char *window)
{
    to_session(c, household, day);
    char fields[64];
    snprintf(fields, sizeof fields, "session=%s", window);
    step(c, "session", fields, "contact");
    return finish(c);
}

static long long
places(const char *state, const char *day, const char *window)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM booking_places WHERE "
             "state = ?1 AND day = '%s' AND window_id = '%s'", day, window);
    return fbt_db_int(&srv, sql, state);
}

/* GETs @p path; @returns the body (malloc'd) and the status. */
static char *
get(struct fbt_client *c, const char *path, long *status)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(c, path, &r), CURLE_OK);
    *status = r.status;
    char *body = strdup(r.body);
    fbt_response_free(&r);
    return body;
}

/* POSTs the one-button form of the page at @p page_path to @p action. */
static long
press(struct fbt_client *c, const char *page_path, const char *action,
      char **loc)
{
    return fbt_answer_to(c, page_path, action, "", loc);
}

/* Answers @p page with @p fields and checks the store refused it: 409
 * and the page again saying @p why. */
static void
refused(struct fbt_client *c, const char *page, const char *fields,
        const char *why)
{
    char path[256], body[256];
    snprintf(path, sizeof path, F "%s", page);
    long st;
    char *html = get(c, path, &st);
    char *csrf = fbt_csrf(html);
    free(html);
    ck_assert_ptr_nonnull(csrf);
    snprintf(body, sizeof body, "csrf_token=%s&%s", csrf, fields);
    free(csrf);
    struct fbt_response r;
    ck_assert_int_eq(fbt_post(c, path, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 409);
    ck_assert_msg(strstr(r.body, why) != NULL, "no '%s'", why);
    fbt_response_free(&r);
}

/* ---- races ---- */

#define RESIDENTS 64

struct resident {
    struct fbt_client c;
    char household[32];
    const char *day;
    const char *window;
    pthread_barrier_t *start;
    long status;          /* of the session POST */
    char *body;           /* its page when refused */
};

/* Each resident has answered up to the session page; all post their
 * window at once. */
static void *
race(void *arg)
{
    struct resident *r = arg;
    struct fbt_response page;
    char fields[64];
    r->status = -1;
    if (fbt_get(&r->c, F "session", &page) != CURLE_OK) {
        fbt_response_free(&page);
        return NULL;
    }
    char *csrf = fbt_csrf(page.body);
    fbt_response_free(&page);
    snprintf(fields, sizeof fields, "csrf_token=%s&session=%s",
             csrf ? csrf : "", r->window);
    free(csrf);
    pthread_barrier_wait(r->start);
    struct fbt_response resp;
    if (fbt_post(&r->c, F "session", fields, &resp) == CURLE_OK) {
        r->status = resp.status;
        r->body = strdup(resp.body);
    }
    fbt_response_free(&resp);
    return NULL;
}

/* Runs @p n residents' session POSTs at once. @returns how many got a
 * hold (303); every other must have been told to choose again (409). */
static int
run_race(struct resident *rs, int n, const char *refusal)
{
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, (unsigned)n);
    pthread_t th[RESIDENTS];
    for (int i = 0; i < n; i++) {
        rs[i].start = &start;
        pthread_create(&th[i], NULL, race, &rs[i]);
    }
    for (int i = 0; i < n; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start);
    int held = 0;
    for (int i = 0; i < n; i++) {
        if (rs[i].status == 303) {
            held++;
            continue;
        }
        ck_assert_msg(rs[i].status == 409, "resident %d got %ld", i,
                      rs[i].status);
        ck_assert_msg(strstr(rs[i].body, refusal), "no '%s' for %d",
                      refusal, i);
    }
    return held;
}

START_TEST(residents_race_for_the_last_15_places)
{
    static struct resident rs[RESIDENTS];
    for (int i = 0; i < RESIDENTS; i++) {
        fbt_client_init(&rs[i].c, &srv);
        snprintf(rs[i].household, sizeof rs[i].household, "H%d", i);
        rs[i].window = "am";
        to_session(&rs[i].c, rs[i].household, DAY);
    }
    int held = run_race(rs, RESIDENTS,
                        "That time is no longer available. Choose another "
                        "time");
    ck_assert_int_eq(held, 15);
    ck_assert_int_eq(places("held", DAY, "am"), 15);
    /* The winners confirm; the session page no longer offers the
     * morning to anyone, and nobody is overbooked. */
    for (int i = 0; i < RESIDENTS; i++) {
        if (rs[i].status == 303)
            free(finish(&rs[i].c));
        free(rs[i].body);
    }
    ck_assert_int_eq(places("booked", DAY, "am"), 15);
    ck_assert_int_eq(places("held", DAY, "am"), 0);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions",
                                NULL), 15);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM booking_events "
                                "WHERE kind = ?1", "booked"), 15);
    long st;
    char *page = get(&rs[0].c, F "session", &st);
    if (rs[0].status != 303) {
        ck_assert_int_eq(st, 200);
        ck_assert_ptr_null(strstr(page, "value=\"am\""));
        ck_assert_ptr_nonnull(strstr(page, "value=\"pm\""));
    }
    free(page);
    for (int i = 0; i < RESIDENTS; i++)
        fbt_client_free(&rs[i].c);
}
END_TEST

/* PostgreSQL: two more instances on the same database; residents spread
 * over the three race for the 15 places, and each winner confirms on
 * another instance than the one that held the place. */
START_TEST(residents_on_three_instances_race_for_the_last_15_places)
{
    static struct fbt_server more[2];
    const struct fbt_server *on[3] = { &srv, &more[0], &more[1] };
    for (int k = 0; k < 2; k++) {
        fbt_server_init(&more[k]);
        snprintf(more[k].db, sizeof more[k].db, "%s", srv.db);
        more[k].config = conf_path;
        more[k].env[0] = now_env;
        fbt_server_start(&more[k]);
    }
    static struct resident rs[RESIDENTS];
    for (int i = 0; i < RESIDENTS; i++) {
        fbt_client_init(&rs[i].c, on[i % 3]);
        snprintf(rs[i].household, sizeof rs[i].household, "M%d", i);
        rs[i].window = "am";
        to_session(&rs[i].c, rs[i].household, DAY);
    }
    int held = run_race(rs, RESIDENTS,
                        "That time is no longer available. Choose another "
                        "time");
    ck_assert_int_eq(held, 15);
    ck_assert_int_eq(places("held", DAY, "am"), 15);
    for (int i = 0; i < RESIDENTS; i++) {
        rs[i].c.srv = on[(i + 1) % 3];
        if (rs[i].status == 303)
            free(finish(&rs[i].c));
        free(rs[i].body);
    }
    ck_assert_int_eq(places("booked", DAY, "am"), 15);
    ck_assert_int_eq(places("held", DAY, "am"), 0);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions",
                                NULL), 15);
    for (int i = 0; i < RESIDENTS; i++)
        fbt_client_free(&rs[i].c);
    for (int k = 0; k < 2; k++)
        fbt_server_cleanup(&more[k]);
}
END_TEST

START_TEST(an_expired_hold_gives_its_place_back)
{
    /* Three residents hold the whole afternoon; a fourth is refused. */
    struct fbt_client c[7];
    for (int i = 0; i < 7; i++)
        fbt_client_init(&c[i], &srv);
    for (int i = 0; i < 3; i++) {
        char hh[8];
        snprintf(hh, sizeof hh, "A%d", i);
        to_session(&c[i], hh, DAY);
        step(&c[i], "session", "session=pm", "contact");
        step(&c[i], "contact", "email=a%40example.com", "check-answers");
    }
    to_session(&c[3], "D", DAY);
    ck_assert_int_eq(answer(&c[3], "session", "session=pm", NULL), 409);
    /* Eleven minutes later (holds last ten) the places are free again:
     * three others take them. */
    fbt_server_stop(&srv, SIGTERM);
    start_at(ELEVEN_MINUTES_LATER);
    ck_assert_int_eq(answer(&c[3], "session", "session=pm", NULL), 303);
    for (int i = 4; i < 6; i++) {
        to_session(&c[i], i == 4 ? "E" : "F", DAY);
        ck_assert_int_eq(answer(&c[i], "session", "session=pm", NULL), 303);
    }
    to_session(&c[6], "G", DAY);
    ck_assert_int_eq(answer(&c[6], "session", "session=pm", NULL), 409);
    ck_assert_int_eq(places("held", DAY, "pm"), 6);  /* 3 of them expired */
    /* The first resident sends the form: the hold ran out and the place
     * has gone, so back to the day page with a message, nothing sent,
     * every answer kept. */
    char *loc = NULL;
    ck_assert_int_eq(send_form(&c[0], &loc), 303);
    ck_assert_str_eq(loc, F "day?booking=gone");
    free(loc);
    long st;
    char *page = get(&c[0], F "day?booking=gone", &st);
    ck_assert_int_eq(st, 200);
    ck_assert_ptr_nonnull(strstr(page, "govuk-error-summary"));
    ck_assert_ptr_nonnull(strstr(page, "has been booked by someone else"));
    ck_assert_ptr_nonnull(strstr(page, "value=\"" DAY "\" checked"));
    free(page);
    page = get(&c[0], F "check-answers", &st);
    ck_assert_int_eq(st, 200);
    ck_assert_ptr_nonnull(strstr(page, "A0"));
    ck_assert_ptr_nonnull(strstr(page, "a@example.com"));
    free(page);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions",
                                NULL), 0);
    /* Choosing the morning instead books it. */
    step(&c[0], "day", "day=" DAY, "session");
    step(&c[0], "session", "session=am", "contact");
    free(finish(&c[0]));
    ck_assert_int_eq(places("booked", DAY, "am"), 1);
    /* The others keep their places and the afternoon is never
     * overbooked. */
    for (int i = 3; i < 6; i++)
        free(finish(&c[i]));
    ck_assert_int_eq(places("booked", DAY, "pm"), 3);
    for (int i = 0; i < 7; i++)
        fbt_client_free(&c[i]);
}
END_TEST

START_TEST(an_expired_hold_still_free_is_booked)
{
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    to_session(&c, "H", DAY);
    step(&c, "session", "session=pm", "contact");
    step(&c, "contact", "email=a%40example.com", "check-answers");
    fbt_server_stop(&srv, SIGTERM);
    start_at(ELEVEN_MINUTES_LATER);
    char *loc = NULL;
    ck_assert_int_eq(send_form(&c, &loc), 303);
    ck_assert_str_eq(loc, F "confirmation");
    free(loc);
    ck_assert_int_eq(places("booked", DAY, "pm"), 1);
    fbt_client_free(&c);
}
END_TEST

START_TEST(days_and_times_not_offered_are_refused)
{
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    step(&c, "household", "household=T", "day");
    static const char *const bad_days[] = {
        "2026-12-06",   /* a Sunday */
        "2026-12-25",   /* closed */
        "2026-12-01",   /* today: inside the lead */
        "2027-06-01",   /* past the horizon */
        "2026-02-30",   /* no such day */
        "tomorrow",
    };
    for (size_t i = 0; i < sizeof bad_days / sizeof bad_days[0]; i++) {
        char fields[64];
        snprintf(fields, sizeof fields, "day=%s", bad_days[i]);
        ck_assert_msg(answer(&c, "day", fields, NULL) == 422, "%s",
                      bad_days[i]);
    }
    step(&c, "day", "day=" DAY, "session");
    ck_assert_int_eq(answer(&c, "session", "session=night", NULL), 422);
    ck_assert_int_eq(answer(&c, "session", "session=", NULL), 422);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM booking_places",
                                NULL), 0);
    /* A day with no place left (booked meanwhile) is refused with the
     * day page's message. */
    for (int i = 0; i < 18; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "INSERT INTO booking_places (calendar, "
                 "day, window_id, state, form, made_at) VALUES "
                 "('test-sessions', '%s', '%s', 'booked', "
                 "'book-a-test-session', 0)", OTHER_DAY,
                 i < 15 ? "am" : "pm");
        ck_assert_int_eq(fbt_db_exec(&srv, sql, NULL), 0);
    }
    long st;
    char *page = get(&c, F "day", &st);
    ck_assert_ptr_null(strstr(page, "value=\"" OTHER_DAY "\""));
    ck_assert_ptr_nonnull(strstr(page, "Thursday 3 December 2026"));
    free(page);
    refused(&c, "day", "day=" OTHER_DAY, "That date is no longer available");
    fbt_client_free(&c);
}
END_TEST

START_TEST(the_day_page_shows_the_month_asked_for)
{
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    step(&c, "household", "household=M", "day");
    long st;
    char *page = get(&c, F "day", &st);
    ck_assert_int_eq(st, 200);
    ck_assert_ptr_nonnull(strstr(page, "December 2026"));
    ck_assert_ptr_nonnull(strstr(page, "18 places left")); /* 15 + 3 */
    free(page);
    page = get(&c, F "day?month=2027-01", &st);
    ck_assert_int_eq(st, 200);
    ck_assert_ptr_nonnull(strstr(page, "January 2027"));
    ck_assert_ptr_nonnull(strstr(page, "value=\"2027-01-04\""));
    free(page);
    /* A month outside lead and horizon shows the first month. */
    page = get(&c, F "day?month=2026-11", &st);
    ck_assert_int_eq(st, 200);
    ck_assert_ptr_nonnull(strstr(page, "December 2026"));
    ck_assert_ptr_null(strstr(page, "November 2026"));
    free(page);
    /* A month whose every day staff closed has no dates. */
    for (int d = 1; d <= 31; d++) {
        char day[16];
        snprintf(day, sizeof day, "2027-01-%02d", d);
        ck_assert_int_eq(fbt_db_exec(&srv, "INSERT INTO booking_closed_days "
                                     "(calendar, day, closed_at) VALUES "
                                     "('test-sessions', ?1, 'test')", day),
                         0);
    }
    page = get(&c, F "day?month=2027-01", &st);
    ck_assert_int_eq(st, 200);
    ck_assert_ptr_nonnull(strstr(page, "There are no dates available in "
                                       "January 2027"));
    ck_assert_ptr_null(strstr(page, "value=\"2027-01-04\""));
    free(page);
    static const char *const bad[] = { "2027-13", "2027-1", "Jan", "" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char path[64];
        snprintf(path, sizeof path, F "day?month=%s", bad[i]);
        page = get(&c, path, &st);
        ck_assert_msg(st == 400, "%s: %ld", bad[i], st);
        free(page);
    }
    fbt_client_free(&c);
}
END_TEST

START_TEST(quotas_hold_under_concurrency)
{
    /* Twelve residents of one household race for holds; the quota is
     * two bookings a year. */
    static struct resident rs[12];
    for (int i = 0; i < 12; i++) {
        fbt_client_init(&rs[i].c, &srv);
        rs[i].window = i % 2 ? "am" : "pm";
        to_session(&rs[i].c, "Q1", i < 6 ? DAY : OTHER_DAY);
    }
    int held = run_race(rs, 12, "You cannot book another one");
    ck_assert_int_eq(held, 2);
    for (int i = 0; i < 12; i++) {
        if (rs[i].status == 303)
            free(finish(&rs[i].c));
        free(rs[i].body);
    }
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM booking_places "
                                "WHERE state = ?1", "booked"), 2);
    /* A third booking is refused at the hold, with the quota's message. */
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    to_session(&c, "q1", DAY);   /* the key is the normalised answer */
    refused(&c, "session", "session=am", "You cannot book another one");
    fbt_client_free(&c);
    for (int i = 0; i < 12; i++)
        fbt_client_free(&rs[i].c);
}
END_TEST

/* ---- the booking's own pages ---- */

START_TEST(a_booking_is_cancelled_once)
{
    struct fbt_client c, other;
    fbt_client_init(&c, &srv);
    fbt_client_init(&other, &srv);
    char *manage = book(&c, "C1", DAY, "pm");
    long st;
    /* The link works in another browser too: it is the token. */
    char *page = get(&other, manage, &st);
    ck_assert_int_eq(st, 200);
    ck_assert_ptr_nonnull(strstr(page, "Wednesday 2 December 2026"));
    ck_assert_ptr_nonnull(strstr(page, "Afternoon (1pm to 5pm)"));
    ck_assert_ptr_nonnull(strstr(page, "Booked"));
    free(page);
    char action[512], *loc = NULL;
    snprintf(action, sizeof action, "%s/cancel", manage);
    ck_assert_int_eq(press(&other, manage, action, &loc), 303);
    ck_assert_str_eq(loc, action);
    free(loc);
    page = get(&other, action, &st);
    ck_assert_int_eq(st, 200);
    ck_assert_ptr_nonnull(strstr(page, "Are you sure"));
    ck_assert_ptr_nonnull(strstr(page, "govuk-warning-text"));
    free(page);
    ck_assert_int_eq(places("booked", DAY, "pm"), 1);
    char done[512];
    snprintf(done, sizeof done, "%s/cancelled", manage);
    ck_assert_int_eq(press(&other, action, done, &loc), 303);
    ck_assert_str_eq(loc, done);
    free(loc);
    /* Freed at once. */
    ck_assert_int_eq(places("booked", DAY, "pm"), 0);
    ck_assert_int_eq(places("cancelled", DAY, "pm"), 1);
    page = get(&other, done, &st);
    ck_assert_ptr_nonnull(strstr(page, "govuk-panel"));
    free(page);
    /* Again (any page carries the session's CSRF token): says so,
     * changes nothing, records nothing more. */
    ck_assert_int_eq(press(&other, F "household", done, NULL), 200);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM booking_events "
                                "WHERE kind = ?1", "cancelled"), 1);
    page = get(&c, manage, &st);
    ck_assert_ptr_nonnull(strstr(page, "already been cancelled"));
    ck_assert_ptr_null(strstr(page, "/change\""));
    free(page);
    char ics[600];
    snprintf(ics, sizeof ics, "%s.ics", manage);
    page = get(&c, ics, &st);
    ck_assert_int_eq(st, 404);
    free(page);
    free(manage);
    fbt_client_free(&c);
    fbt_client_free(&other);
}
END_TEST

START_TEST(a_booking_is_changed_once)
{
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    char *manage = book(&c, "C2", DAY, "am");
    char path[600], *loc = NULL;
    snprintf(path, sizeof path, "%s/change", manage);
    ck_assert_int_eq(press(&c, manage, path, &loc), 303);
    snprintf(path, sizeof path, "%s/date", manage);
    ck_assert_str_eq(loc, path);
    free(loc);
    long st = fbt_answer(&c, path, "day=" OTHER_DAY, &loc);
    ck_assert_int_eq(st, 303);
    snprintf(path, sizeof path, "%s/time", manage);
    ck_assert_str_eq(loc, path);
    free(loc);
    ck_assert_int_eq(fbt_answer(&c, path, "session=pm", &loc), 303);
    snprintf(path, sizeof path, "%s/check", manage);
    ck_assert_str_eq(loc, path);
    free(loc);
    /* The new place is held, the old one still booked. */
    ck_assert_int_eq(places("held", OTHER_DAY, "pm"), 1);
    ck_assert_int_eq(places("booked", DAY, "am"), 1);
    char *page = get(&c, path, &st);
    ck_assert_ptr_nonnull(strstr(page, "Wednesday 2 December 2026"));
    ck_assert_ptr_nonnull(strstr(page, "Thursday 3 December 2026"));
    free(page);
    char changed[600];
    snprintf(changed, sizeof changed, "%s/changed", manage);
    ck_assert_int_eq(press(&c, path, path, &loc), 303);
    ck_assert_str_eq(loc, changed);
    free(loc);
    ck_assert_int_eq(places("booked", DAY, "am"), 0);
    ck_assert_int_eq(places("booked", OTHER_DAY, "pm"), 1);
    ck_assert_int_eq(places("held", OTHER_DAY, "pm"), 0);
    /* Replayed: nothing held any more, so nothing moves again. */
    ck_assert_int_eq(press(&c, manage, path, &loc), 303);
    ck_assert_str_eq(loc, manage);
    free(loc);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM booking_places",
                                NULL), 1);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM booking_events "
                                "WHERE kind = ?1", "changed"), 1);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM booking_events "
                                "WHERE detail = ?1",
                                DAY " am to " OTHER_DAY " pm"), 1);
    page = get(&c, changed, &st);
    ck_assert_ptr_nonnull(strstr(page, "Booking changed"));
    ck_assert_ptr_nonnull(strstr(page, "Thursday 3 December 2026"));
    free(page);
    free(manage);
    fbt_client_free(&c);
}
END_TEST

/* Unfolds an iCalendar file, checking CRLF endings and 75-octet lines.
 * @returns its content lines joined by '\n' (malloc'd). */
static char *
unfold(const char *ics)
{
    char *out = malloc(strlen(ics) + 1);
    size_t o = 0;
    const char *p = ics;
    while (*p) {
        const char *eol = strstr(p, "\r\n");
        ck_assert_msg(eol != NULL, "a line without CRLF");
        ck_assert_msg(eol - p <= 75, "a line of %td octets", eol - p);
        const char *start = p;
        if (*p == ' ')
            start++;          /* a continuation */
        else if (o > 0)
            out[o++] = '\n';
        memcpy(out + o, start, (size_t)(eol - start));
        o += (size_t)(eol - start);
        p = eol + 2;
    }
    out[o] = '\0';
    return out;
}

START_TEST(the_booking_downloads_as_a_calendar_file)
{
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    char *manage = book(&c, "I", DAY, "am");
    char path[600];
    snprintf(path, sizeof path, "%s.ics", manage);
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&c, path, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *type = fbt_header(&r, "Content-Type");
    ck_assert_str_eq(type, "text/calendar; charset=utf-8");
    free(type);
    char *lines = unfold(r.body);
    fbt_response_free(&r);
    ck_assert_ptr_nonnull(strstr(lines, "BEGIN:VCALENDAR\nVERSION:2.0\n"));
    ck_assert_ptr_nonnull(strstr(lines, "\nTZID:Europe/London\n"));
    ck_assert_ptr_nonnull(strstr(lines, "\nBEGIN:VEVENT\nUID:REF-"));
    ck_assert_ptr_nonnull(strstr(lines, "\nDTSTAMP:20261201T09"));
    ck_assert_ptr_nonnull(strstr(lines, "\nDTSTART;TZID=Europe/London:"
                                        "20261202T090000\n"));
    ck_assert_ptr_nonnull(strstr(lines, "\nDTEND;TZID=Europe/London:"
                                        "20261202T120000\n"));
    ck_assert_ptr_nonnull(strstr(lines, "\nSUMMARY:Book a test session\n"));
    ck_assert_ptr_nonnull(strstr(lines, manage + 1));  /* unfolded link */
    ck_assert_ptr_nonnull(strstr(lines, "END:VEVENT\nEND:VCALENDAR"));
    free(lines);
    /* Unknown and malformed tokens are a 404 page. */
    static const char *const bad[] = {
        F "booking/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        F "booking/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics",
        F "booking/short", F "booking/",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(fbt_get(&c, bad[i], &r), CURLE_OK);
        ck_assert_msg(r.status == 404, "%s: %ld", bad[i], r.status);
        fbt_response_free(&r);
    }
    free(manage);
    fbt_client_free(&c);
}
END_TEST

/* Cancel one afternoon booking while six residents race to change their
 * morning bookings to that afternoon: one gets it, never more. */
struct changer {
    struct fbt_client c;
    char *manage;
    pthread_barrier_t *start;
    long status;
};

static void *
change_race(void *arg)
{
    struct changer *ch = arg;
    char path[600], fields[128];
    struct fbt_response r;
    snprintf(path, sizeof path, "%s/time", ch->manage);
    ch->status = -1;
    if (fbt_get(&ch->c, path, &r) != CURLE_OK) {
        fbt_response_free(&r);
        return NULL;
    }
    char *csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    snprintf(fields, sizeof fields, "csrf_token=%s&session=pm",
             csrf ? csrf : "");
    free(csrf);
    pthread_barrier_wait(ch->start);
    if (fbt_post(&ch->c, path, fields, &r) == CURLE_OK)
        ch->status = r.status;
    fbt_response_free(&r);
    if (ch->status == 303) {
        snprintf(path, sizeof path, "%s/check", ch->manage);
        ch->status = press(&ch->c, path, path, NULL) == 303 ? 200 : -2;
    }
    return NULL;
}

START_TEST(cancel_and_change_racing_never_overbook)
{
    struct fbt_client full[3];
    char *pm[3];
    for (int i = 0; i < 3; i++) {
        char hh[8];
        snprintf(hh, sizeof hh, "P%d", i);
        fbt_client_init(&full[i], &srv);
        pm[i] = book(&full[i], hh, OTHER_DAY, "pm");
    }
    enum { N = 6 };
    static struct changer ch[N];
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, N + 1);
    for (int i = 0; i < N; i++) {
        char hh[8], path[600];
        snprintf(hh, sizeof hh, "M%d", i);
        fbt_client_init(&ch[i].c, &srv);
        ch[i].manage = book(&ch[i].c, hh, DAY, "am");
        snprintf(path, sizeof path, "%s/change", ch[i].manage);
        ck_assert_int_eq(press(&ch[i].c, ch[i].manage, path, NULL), 303);
        snprintf(path, sizeof path, "%s/date", ch[i].manage);
        ck_assert_int_eq(fbt_answer(&ch[i].c, path, "day=" OTHER_DAY, NULL),
                         303);
        ch[i].start = &start;
    }
    pthread_t th[N];
    for (int i = 0; i < N; i++)
        pthread_create(&th[i], NULL, change_race, &ch[i]);
    /* The cancel goes in with the changes. */
    char cancel[600], done[600];
    snprintf(cancel, sizeof cancel, "%s/cancel", pm[0]);
    snprintf(done, sizeof done, "%s/cancelled", pm[0]);
    long st;
    free(get(&full[0], cancel, &st));
    pthread_barrier_wait(&start);
    ck_assert_int_eq(press(&full[0], cancel, done, NULL), 303);
    for (int i = 0; i < N; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start);
    int moved = 0;
    for (int i = 0; i < N; i++) {
        ck_assert_msg(ch[i].status == 200 || ch[i].status == 409,
                      "changer %d: %ld", i, ch[i].status);
        moved += ch[i].status == 200;
    }
    ck_assert_int_le(moved, 1);
    ck_assert_int_le(places("booked", OTHER_DAY, "pm"), 3);
    ck_assert_int_eq(places("booked", OTHER_DAY, "pm"), 2 + moved);
    ck_assert_int_eq(places("booked", DAY, "am"), N - moved);
    /* Whoever lost the race keeps their booking; once the cancel is in,
     * one more change to the afternoon succeeds and then no more. */
    if (moved == 0) {
        for (int i = 0; i < N && !moved; i++) {
            char path[600];
            snprintf(path, sizeof path, "%s/time", ch[i].manage);
            if (fbt_answer(&ch[i].c, path, "session=pm", NULL) == 303) {
                snprintf(path, sizeof path, "%s/check", ch[i].manage);
                ck_assert_int_eq(press(&ch[i].c, path, path, NULL), 303);
                moved = 1;
            }
        }
        ck_assert_int_eq(moved, 1);
    }
    ck_assert_int_eq(places("booked", OTHER_DAY, "pm"), 3);
    for (int i = 0; i < N; i++) {
        free(ch[i].manage);
        fbt_client_free(&ch[i].c);
    }
    for (int i = 0; i < 3; i++) {
        free(pm[i]);
        fbt_client_free(&full[i]);
    }
}
END_TEST

/* ---- staff ---- */

START_TEST(staff_list_bookings_and_close_a_day)
{
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    free(book(&c, "S1", DAY, "am"));
    free(book(&c, "S2", OTHER_DAY, "pm"));
    const char *all[] = { "bookings", "--calendar", "test-sessions", NULL };
    char *out = fbt_run(&srv, all);
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(strstr(out, "reference,date,window,state,form,"
                                      "quota_key\r\n"));
    ck_assert_ptr_nonnull(strstr(out, "," DAY ",am,booked,"
                                      "book-a-test-session,s1\r\n"));
    ck_assert_ptr_nonnull(strstr(out, "," OTHER_DAY ",pm,booked,"));
    free(out);
    const char *one[] = { "bookings", "--calendar", "test-sessions",
                          "--date", DAY, "--format", "json", NULL };
    out = fbt_run(&srv, one);
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(strstr(out, "\"date\": \"" DAY "\""));
    ck_assert_ptr_null(strstr(out, OTHER_DAY));
    ck_assert_ptr_eq(strchr(out, '['), out);
    free(out);
    /* A resident holds a place on the day staff are about to close. */
    struct fbt_client d;
    fbt_client_init(&d, &srv);
    to_session(&d, "S4", DAY);
    step(&d, "session", "session=pm", "contact");
    step(&d, "contact", "email=d%40example.com", "check-answers");
    const char *close[] = { "bookings", "--calendar", "test-sessions",
                            "--close", DAY, NULL };
    out = fbt_run(&srv, close);
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(strstr(out, "," DAY ",am,booked,"));
    free(out);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM "
                                "booking_closed_days WHERE day = ?1", DAY),
                     1);
    /* The hold is not confirmed: back to the day page, which says why. */
    char *loc = NULL;
    ck_assert_int_eq(send_form(&d, &loc), 303);
    ck_assert_str_eq(loc, F "day?booking=closed");
    free(loc);
    long code;
    char *back = get(&d, F "day?booking=closed", &code);
    ck_assert_int_eq(code, 200);
    ck_assert_ptr_nonnull(strstr(back, "That date is no longer available"));
    free(back);
    ck_assert_int_eq(places("booked", DAY, "pm"), 0);
    fbt_client_free(&d);
    /* No new bookings that day: not shown, and refused when posted. */
    step(&c, "household", "household=S3", "day");
    long st;
    char *page = get(&c, F "day", &st);
    ck_assert_ptr_null(strstr(page, "value=\"" DAY "\""));
    free(page);
    ck_assert_int_eq(answer(&c, "day", "day=" DAY, NULL), 409);
    /* Usage errors exit non-zero. */
    const char *unknown[] = { "bookings", "--calendar", "nope", NULL };
    ck_assert_ptr_null(fbt_run(&srv, unknown));
    const char *bad_day[] = { "bookings", "--calendar", "test-sessions",
                              "--close", "12/12/2026", NULL };
    ck_assert_ptr_null(fbt_run(&srv, bad_day));
    fbt_client_free(&c);
}
END_TEST

START_TEST(two_descriptions_of_one_calendar_are_refused)
{
    fbt_server_stop(&srv, SIGTERM);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        char port[16];
        snprintf(port, sizeof port, "%u", srv.port);
        setenv("FORMBUILDER_PORT", port, 1);
        setenv("FORMBUILDER_DB", srv.db, 1);
        int fd = fileno(fopen(srv.log, "w"));
        dup2(fd, STDERR_FILENO);
        execl(clash_exe, clash_exe, "serve", (char *)NULL);
        _exit(127);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 1);
    FILE *f = fopen(srv.log, "r");
    char log[2048] = "";
    size_t n = fread(log, 1, sizeof log - 1, f);
    log[n] = '\0';
    fclose(f);
    ck_assert_ptr_nonnull(strstr(log, "book-a-test-session and "
                                      "book-a-test-session-again"));
    ck_assert_ptr_nonnull(strstr(log, "'test-sessions'"));
    ck_assert_ptr_nonnull(strstr(log, "sessions or slots"));
}
END_TEST

/* An erasure request (`formbuilder submission delete`) takes the
 * booking with the submission: the place is free again, its events are
 * gone and the resident's link finds nothing. */
START_TEST(deleting_a_submission_frees_its_place)
{
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    char *manage = book(&c, "E1", DAY, "am");
    long st;
    char *page = get(&c, F "confirmation", &st);
    ck_assert_int_eq(st, 200);
    char *ref = fbt_reference(page);
    free(page);
    ck_assert_ptr_nonnull(ref);
    ck_assert_int_eq(places("booked", DAY, "am"), 1);
    const char *show[] = { "submission", "show", ref, "--by", "staff",
                           NULL };
    char *out = NULL;
    ck_assert_int_eq(fbt_run_status(&srv, show, &out), 0);
    ck_assert_ptr_nonnull(strstr(out, "booking:\n  test-sessions\t" DAY
                                      "\tam\tbooked"));
    free(out);
    const char *del[] = { "submission", "delete", ref, "--by", "staff",
                          NULL };
    ck_assert_int_eq(fbt_run_status(&srv, del, &out), 0);
    free(out);
    ck_assert_int_eq(places("booked", DAY, "am"), 0);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM booking_events "
                                "WHERE reference = ?1", ref), 0);
    page = get(&c, manage, &st);
    ck_assert_int_eq(st, 404);
    free(page);
    free(ref);
    free(manage);
    fbt_client_free(&c);
}
END_TEST

static Suite *
booking_suite(void)
{
    Suite *s = suite_create("booking");
    TCase *tc = tcase_create("booking");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, residents_race_for_the_last_15_places);
    if (fbt_pg_wanted())
        tcase_add_test(tc,
                       residents_on_three_instances_race_for_the_last_15_places);
    tcase_add_test(tc, an_expired_hold_gives_its_place_back);
    tcase_add_test(tc, an_expired_hold_still_free_is_booked);
    tcase_add_test(tc, days_and_times_not_offered_are_refused);
    tcase_add_test(tc, the_day_page_shows_the_month_asked_for);
    tcase_add_test(tc, quotas_hold_under_concurrency);
    tcase_add_test(tc, a_booking_is_cancelled_once);
    tcase_add_test(tc, a_booking_is_changed_once);
    tcase_add_test(tc, deleting_a_submission_frees_its_place);
    tcase_add_test(tc, the_booking_downloads_as_a_calendar_file);
    tcase_add_test(tc, cancel_and_change_racing_never_overbook);
    tcase_add_test(tc, staff_list_bookings_and_close_a_day);
    tcase_add_test(tc, two_descriptions_of_one_calendar_are_refused);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s FORMBUILDER-BOOKING CALENDAR-CLASH\n",
                argv[0]);
        return 2;
    }
    fbt_exe = argv[1];
    clash_exe = argv[2];
    curl_global_init(CURL_GLOBAL_DEFAULT);
    SRunner *sr = srunner_create(booking_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
