/* SPDX-License-Identifier: MIT */
/*
 * Hardening (issue 13) against the real server: a failed database write is
 * reported as a failure, never as a success, and anonymous GETs store
 * nothing. Write faults are injected by `formbuilder-faults` (the server
 * with the test-only VFS of fault_vfs.c), switched on and off by creating
 * and removing a file; everything else runs the production binary.
 * On PostgreSQL (FBT_BACKEND=pg) only the latter run: the fault VFS is
 * SQLite's, and a database that stops answering is tests/pg/test_multi.py's.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "pgtest.h"

#define SL "/report-streetlight/"
#define LOCATION_FIELDS "street=High+Street&column_number=12" \
                        "&location_details=By+the+school"

static const char *faults_exe;
static struct fbt_server srv;
static struct fbt_client cli;
static char fault_file[400];
static char fault_env[480];

static void
setup(void)
{
    fbt_server_init(&srv);
    fbt_server_start(&srv);
    fbt_client_init(&cli, &srv);
}

/* The faulty server: writes fail with @p kind ("full", "ioerr") while
 * fault_file exists; @p config is its configuration file's text (NULL:
 * none). */
static void
setup_faults(const char *kind, const char *config)
{
    fbt_server_init(&srv);
    srv.exe = faults_exe;
    snprintf(fault_file, sizeof fault_file, "%s/fault", srv.dir);
    snprintf(fault_env, sizeof fault_env,
             "FB_TEST_FAIL_WRITES=%s:while=%s", kind, fault_file);
    srv.env[0] = fault_env;
    if (config) {
        snprintf(srv.config_file, sizeof srv.config_file,
                 "%s/formbuilder.conf", srv.dir);
        FILE *f = fopen(srv.config_file, "w");
        ck_assert_ptr_nonnull(f);
        fputs(config, f);
        fclose(f);
        srv.config = srv.config_file;
    }
    fbt_server_start(&srv);
    fbt_client_init(&cli, &srv);
}

static void
setup_full(void)
{
    setup_faults("full", NULL);
}

static void
setup_ioerr(void)
{
    setup_faults("ioerr", NULL);
}

static void
setup_readerr(void)
{
    /* With the session cache on, a page's session is not read from the
     * database at all (runtime.md, The session cache): off, so the
     * reads these tests break are made. */
    setup_faults("readerr", "session_cache = 0\n");
}

static void
teardown(void)
{
    unlink(fault_file);
    fbt_client_free(&cli);
    fbt_server_cleanup(&srv);
}

static void
break_disk(void)
{
    FILE *f = fopen(fault_file, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
}

static void
mend_disk(void)
{
    ck_assert_int_eq(unlink(fault_file), 0);
}

static long long
count(const char *table)
{
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    return fbt_db_int(&srv, sql, NULL);
}

static long
healthz(void)
{
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&c, "/healthz", &r), CURLE_OK);
    long st = r.status;
    fbt_response_free(&r);
    fbt_client_free(&c);
    return st;
}

static void
sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

/* GETs @p path and @returns its CSRF token (malloc'd). */
static char *
csrf_of(struct fbt_client *c, const char *path)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(c, path, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *csrf = fbt_csrf(r.body);
    ck_assert_ptr_nonnull(csrf);
    fbt_response_free(&r);
    return csrf;
}

/* POSTs @p fields with @p csrf to @p path. */
static void
post_page(struct fbt_client *c, const char *path, const char *csrf,
          const char *fields, struct fbt_response *r)
{
    char body[512];
    snprintf(body, sizeof body, "csrf_token=%s&website=&%s", csrf, fields);
    ck_assert_int_eq(fbt_post(c, path, body, r), CURLE_OK);
}

static void
step(const char *path, const char *fields, const char *next)
{
    char *loc = NULL;
    ck_assert_int_eq(fbt_answer(&cli, path, fields, &loc), 303);
    ck_assert_str_eq(loc, next);
    free(loc);
}

static void
to_check_answers(void)
{
    step(SL "location", LOCATION_FIELDS, SL "problem");
    step(SL "problem", "fault=out&damage=", SL "contact");
    step(SL "contact", "full_name=Ann+Example&email=ann%40example.com"
         "&phone=", SL "check-answers");
}

/* The page a failed page POST gets: 503, the page again with the answers
 * as typed and a summary saying nothing was saved; nothing confirmed. */
static void
assert_not_saved_page(const struct fbt_response *r)
{
    ck_assert_int_eq(r->status, 503);
    char *loc = fbt_header(r, "Location");
    char *cookie = fbt_header(r, "Set-Cookie");
    ck_assert_ptr_null(loc);
    ck_assert_ptr_null(cookie);
    ck_assert_ptr_nonnull(strstr(r->body, "govuk-error-summary"));
    ck_assert_ptr_nonnull(strstr(r->body, "not saved"));
    ck_assert_ptr_nonnull(strstr(r->body, "Nothing has been sent"));
    ck_assert_ptr_nonnull(strstr(r->body, "name=\"csrf_token\""));
}

/* ---- error pages claim nothing that did not happen ---- */

/* Another resident saves a page, so the server's read handle must read
 * the database again (its cache is stale) on the next request. */
static void
someone_else_writes(void)
{
    struct fbt_client other;
    fbt_client_init(&other, &srv);
    ck_assert_int_eq(fbt_answer(&other, SL "location", LOCATION_FIELDS, NULL),
                     303);
    fbt_client_free(&other);
}

/* @returns whether every "been saved" or "been sent" in @p body is denied
 * ("nothing has been sent", "has not been sent"). */
static bool
only_denied(const char *body)
{
    static const char *const claims[] = { "been saved", "been sent" };
    for (size_t i = 0; i < 2; i++) {
        for (const char *p = body; (p = strstr(p, claims[i])) != NULL; p++) {
            size_t back = (size_t)(p - body) < 12 ? (size_t)(p - body) : 12;
            char before[16];
            memcpy(before, p - back, back);
            before[back] = '\0';
            if (!strstr(before, "not ") && !strstr(before, "othing has "))
                return false;
        }
    }
    return true;
}

/* A 500 with no redirect, no cookie and no confirmation, that never says
 * anything was saved or sent, nor that the session expired. */
static void
assert_claims_nothing(const struct fbt_response *r)
{
    ck_assert_int_eq(r->status, 500);
    char *loc = fbt_header(r, "Location");
    char *cookie = fbt_header(r, "Set-Cookie");
    ck_assert_ptr_null(loc);
    ck_assert_ptr_null(cookie);
    ck_assert_msg(only_denied(r->body), "claims a save: %s", r->body);
    ck_assert_ptr_null(strstr(r->body, "expired"));
    ck_assert_ptr_null(strstr(r->body, "govuk-panel"));
}

START_TEST(unreadable_session_on_a_post_is_500_not_saved)
{
    step(SL "location", LOCATION_FIELDS, SL "problem");
    char *csrf = csrf_of(&cli, SL "problem");
    someone_else_writes();
    break_disk();
    struct fbt_response r;
    post_page(&cli, SL "problem", csrf, "fault=out&damage=", &r);
    assert_claims_nothing(&r);
    ck_assert_ptr_nonnull(strstr(r.body, "were not saved"));
    ck_assert_ptr_nonnull(strstr(r.body, "Nothing has been sent"));
    fbt_response_free(&r);
    mend_disk();
    post_page(&cli, SL "problem", csrf, "fault=out&damage=", &r);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    free(csrf);
}
END_TEST

START_TEST(unreadable_session_on_submit_is_500_not_sent)
{
    to_check_answers();
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    someone_else_writes();
    break_disk();
    ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
    assert_claims_nothing(&r);
    ck_assert_ptr_nonnull(strstr(r.body, "has not been sent"));
    ck_assert_ptr_nonnull(strstr(r.body, "href=\"" SL "check-answers\""));
    fbt_response_free(&r);
    mend_disk();
    ck_assert_int_eq(count("submissions"), 0);
    ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    ck_assert_int_eq(count("submissions"), 1);
    free(csrf);
    free(action);
}
END_TEST

/* The confirmation cannot be read: a 500 that says nothing either way
 * (the form may well have been sent), and the reference once it can. */
START_TEST(unreadable_confirmation_is_500_and_claims_nothing)
{
    to_check_answers();
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    someone_else_writes();
    break_disk();
    ck_assert_int_eq(fbt_get(&cli, SL "confirmation", &r), CURLE_OK);
    assert_claims_nothing(&r);
    ck_assert_ptr_null(strstr(r.body, "not been sent"));
    ck_assert_ptr_null(strstr(r.body, "not saved"));
    ck_assert_ptr_nonnull(strstr(r.body, "Try again later"));
    fbt_response_free(&r);
    mend_disk();
    ck_assert_int_eq(fbt_get(&cli, SL "confirmation", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *ref = fbt_reference(r.body);
    ck_assert_ptr_nonnull(ref);
    free(ref);
    fbt_response_free(&r);
    free(csrf);
    free(action);
}
END_TEST

/* ---- a failed write is reported as a failure ---- */

START_TEST(failed_first_post_is_503_with_answers_and_no_cookie)
{
    char *csrf = csrf_of(&cli, SL "location");
    break_disk();
    struct fbt_response r;
    post_page(&cli, SL "location", csrf, LOCATION_FIELDS, &r);
    assert_not_saved_page(&r);
    /* The answers as typed, on the page they were typed on. */
    ck_assert_ptr_nonnull(strstr(r.body, "value=\"High Street\""));
    ck_assert_ptr_nonnull(strstr(r.body, "By the school"));
    fbt_response_free(&r);
    ck_assert_int_eq(count("sessions"), 0);
    ck_assert_int_eq(healthz(), 503);
    /* The same POST once the disk is mended: saved and on to the next. */
    mend_disk();
    post_page(&cli, SL "location", csrf, LOCATION_FIELDS, &r);
    ck_assert_int_eq(r.status, 303);
    char *loc = fbt_header(&r, "Location");
    ck_assert_str_eq(loc, SL "problem");
    free(loc);
    fbt_response_free(&r);
    ck_assert_int_eq(count("sessions"), 1);
    ck_assert_int_eq(healthz(), 200);
    free(csrf);
}
END_TEST

START_TEST(failed_post_of_a_stored_session_keeps_the_old_answers)
{
    step(SL "location", LOCATION_FIELDS, SL "problem");
    char *csrf = csrf_of(&cli, SL "problem");
    break_disk();
    struct fbt_response r;
    post_page(&cli, SL "problem", csrf, "fault=damaged&damage=Bent+post",
              &r);
    assert_not_saved_page(&r);
    ck_assert_ptr_nonnull(strstr(r.body, "Bent post"));
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions WHERE "
                                "data LIKE '%Bent%'", NULL), 0);
    /* Not moved on: the next page is still out of reach. */
    ck_assert_int_eq(fbt_get(&cli, SL "danger", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    char *loc = fbt_header(&r, "Location");
    ck_assert_str_eq(loc, SL "problem");
    free(loc);
    fbt_response_free(&r);
    mend_disk();
    post_page(&cli, SL "problem", csrf, "fault=damaged&damage=Bent+post",
              &r);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions WHERE "
                                "data LIKE '%Bent%'", NULL), 1);
    free(csrf);
}
END_TEST

START_TEST(failed_submit_is_503_and_the_retry_stores_one)
{
    to_check_answers();
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    break_disk();
    ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 503);
    char *loc = fbt_header(&r, "Location");
    ck_assert_ptr_null(loc);
    ck_assert_ptr_nonnull(strstr(r.body, "not been sent"));
    ck_assert_ptr_nonnull(strstr(r.body, "href=\"" SL "check-answers\""));
    ck_assert_ptr_null(strstr(r.body, "govuk-panel"));
    fbt_response_free(&r);
    ck_assert_int_eq(count("submissions"), 0);
    ck_assert_int_eq(healthz(), 503);
    ck_assert_int_ge(fbt_metric(&srv, "formbuilder_write_failures_total"),
                     1);
    /* No confirmation for what was not stored. */
    ck_assert_int_eq(fbt_get(&cli, SL "confirmation", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    /* The log says why. */
    FILE *f = fopen(srv.log, "r");
    ck_assert_ptr_nonnull(f);
    char line[2048];
    bool why = false;
    while (fgets(line, sizeof line, f))
        why = why || (strstr(line, "level=error")
                      && strstr(line, "/report-streetlight/submit")
                      && strstr(line, "503"));
    fclose(f);
    ck_assert_msg(why, "no error line for the failed submit in %s",
                  srv.log);
    /* The very same POST, once the disk is mended, sends it once. */
    mend_disk();
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
        ck_assert_int_eq(r.status, 303);
        loc = fbt_header(&r, "Location");
        ck_assert_str_eq(loc, SL "confirmation");
        free(loc);
        fbt_response_free(&r);
    }
    ck_assert_int_eq(count("submissions"), 1);
    ck_assert_int_eq(fbt_get(&cli, SL "confirmation", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *ref = fbt_reference(r.body);
    ck_assert_ptr_nonnull(ref);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                "WHERE reference = ?1", ref), 1);
    free(ref);
    fbt_response_free(&r);
    ck_assert_int_eq(healthz(), 200);
    free(csrf);
    free(action);
}
END_TEST

START_TEST(healthz_is_unhealthy_until_a_write_succeeds)
{
    ck_assert_int_eq(healthz(), 200);
    char *csrf = csrf_of(&cli, SL "location");
    break_disk();
    struct fbt_response r;
    post_page(&cli, SL "location", csrf, LOCATION_FIELDS, &r);
    ck_assert_int_eq(r.status, 503);
    fbt_response_free(&r);
    /* Unhealthy while the fault lasts, though the server probes it. */
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(healthz(), 503);
        sleep_ms(500);
    }
    /* Mended with no resident writing: the probe finds out. */
    mend_disk();
    long st = 503;
    for (int i = 0; i < 50 && st != 200; i++) {
        sleep_ms(100);
        st = healthz();
    }
    ck_assert_int_eq(st, 200);
    free(csrf);
}
END_TEST

/* ---- anonymous GETs store nothing ---- */

static long long
file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

START_TEST(anonymous_gets_write_nothing)
{
    /* On SQLite the file and its journal must not grow either. */
    bool sqlite = !fbt_pg_wanted();
    char wal[400];
    snprintf(wal, sizeof wal, "%s-wal", srv.db);
    long long db_before = sqlite ? file_size(srv.db) : 0;
    long long wal_before = sqlite ? file_size(wal) : 0;
    ck_assert(!sqlite || db_before >= 1);
    static const char *const paths[] = { SL "location", SL "problem",
                                         SL, SL "check-answers" };
    for (int i = 0; i < 200; i++) {
        struct fbt_client c;
        fbt_client_init(&c, &srv);
        struct fbt_response r;
        const char *path = paths[i % 4];
        ck_assert_int_eq(fbt_get(&c, path, &r), CURLE_OK);
        ck_assert_int_lt(r.status, 400);
        if (i % 4 == 0) {
            /* A question page still hands out a session cookie. */
            char *cookie = fbt_header(&r, "Set-Cookie");
            ck_assert_ptr_nonnull(cookie);
            ck_assert_ptr_nonnull(strstr(cookie, "fb_session="));
            free(cookie);
        }
        fbt_response_free(&r);
        /* Browsing on with the cookie stores nothing either. */
        if (i % 20 == 0) {
            ck_assert_int_eq(fbt_get(&c, SL "location", &r), CURLE_OK);
            ck_assert_int_eq(r.status, 200);
            fbt_response_free(&r);
        }
        fbt_client_free(&c);
    }
    ck_assert_int_eq(count("sessions"), 0);
    if (sqlite) {
        ck_assert_int_eq(file_size(srv.db), db_before);
        ck_assert_int_eq(file_size(wal), wal_before);
    }
}
END_TEST

START_TEST(get_then_post_creates_the_session)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "location", &r), CURLE_OK);
    char *cookie = fbt_header(&r, "Set-Cookie");
    char *csrf = fbt_csrf(r.body);
    fbt_response_free(&r);
    ck_assert_ptr_nonnull(cookie);
    /* A second GET keeps the same session and token. */
    char *again = csrf_of(&cli, SL "location");
    ck_assert_str_eq(again, csrf);
    free(again);
    ck_assert_int_eq(count("sessions"), 0);
    post_page(&cli, SL "location", csrf, LOCATION_FIELDS, &r);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    char id[33];
    ck_assert_int_eq(sscanf(cookie, "fb_session=%32[0-9a-f]", id), 1);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions "
                                "WHERE id = ?1", id), 1);
    ck_assert_int_eq(count("sessions"), 1);
    /* The stored session keeps the token the page carried. */
    step(SL "problem", "fault=out&damage=", SL "contact");
    again = csrf_of(&cli, SL "contact");
    ck_assert_str_eq(again, csrf);
    free(again);
    step(SL "contact", "full_name=&email=a%40example.com&phone=",
         SL "check-answers");
    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "High Street"));
    fbt_response_free(&r);
    free(cookie);
    free(csrf);
}
END_TEST

START_TEST(csrf_still_guards_sessions_not_stored_yet)
{
    struct fbt_client other;
    fbt_client_init(&other, &srv);
    char *mine = csrf_of(&cli, SL "location");
    char *theirs = csrf_of(&other, SL "location");
    ck_assert_str_ne(mine, theirs);
    struct fbt_response r;
    /* Another visitor's token, a made-up one, none at all: refused. */
    post_page(&cli, SL "location", theirs, LOCATION_FIELDS, &r);
    ck_assert_int_eq(r.status, 403);
    fbt_response_free(&r);
    post_page(&cli, SL "location", "0123456789abcdef0123456789abcdef",
              LOCATION_FIELDS, &r);
    ck_assert_int_eq(r.status, 403);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_post(&cli, SL "location", LOCATION_FIELDS, &r),
                     CURLE_OK);
    ck_assert_int_eq(r.status, 403);
    fbt_response_free(&r);
    /* A cookie the server never handed out, with a token guessed for
     * it, is refused too. */
    struct fbt_client forged;
    fbt_client_init(&forged, &srv);
    struct curl_slist *h = curl_slist_append(
        NULL, "Cookie: fb_session=00112233445566778899aabbccddeeff");
    curl_easy_setopt(forged.curl, CURLOPT_HTTPHEADER, h);
    ck_assert_int_eq(fbt_post(&forged, SL "location", "csrf_token="
                     "00112233445566778899aabbccddeeff&" LOCATION_FIELDS,
                     &r), CURLE_OK);
    curl_slist_free_all(h);
    ck_assert_int_eq(r.status, 403);
    fbt_response_free(&r);
    fbt_client_free(&forged);
    ck_assert_int_eq(count("sessions"), 0);
    /* Each visitor's own token works. */
    post_page(&cli, SL "location", mine, LOCATION_FIELDS, &r);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    post_page(&other, SL "location", theirs, LOCATION_FIELDS, &r);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    ck_assert_int_eq(count("sessions"), 2);
    free(mine);
    free(theirs);
    fbt_client_free(&other);
}
END_TEST

/* The cases run with the faulty server (SQLite only). */
static void
add_fault_cases(Suite *s)
{
    TCase *full = tcase_create("disk-full");
    tcase_add_checked_fixture(full, setup_full, teardown);
    tcase_set_timeout(full, 60);
    tcase_add_test(full, failed_first_post_is_503_with_answers_and_no_cookie);
    tcase_add_test(full, failed_submit_is_503_and_the_retry_stores_one);
    tcase_add_test(full, healthz_is_unhealthy_until_a_write_succeeds);
    suite_add_tcase(s, full);
    TCase *io = tcase_create("io-error");
    tcase_add_checked_fixture(io, setup_ioerr, teardown);
    tcase_set_timeout(io, 60);
    tcase_add_test(io, failed_first_post_is_503_with_answers_and_no_cookie);
    tcase_add_test(io, failed_post_of_a_stored_session_keeps_the_old_answers);
    tcase_add_test(io, failed_submit_is_503_and_the_retry_stores_one);
    suite_add_tcase(s, io);
    TCase *rd = tcase_create("read-error");
    tcase_add_checked_fixture(rd, setup_readerr, teardown);
    tcase_set_timeout(rd, 60);
    tcase_add_test(rd, unreadable_session_on_a_post_is_500_not_saved);
    tcase_add_test(rd, unreadable_session_on_submit_is_500_not_sent);
    tcase_add_test(rd, unreadable_confirmation_is_500_and_claims_nothing);
    suite_add_tcase(s, rd);
}

static Suite *
hardening_suite(void)
{
    Suite *s = suite_create("hardening");
    if (!fbt_pg_wanted())
        add_fault_cases(s);
    TCase *anon = tcase_create("anonymous");
    tcase_add_checked_fixture(anon, setup, teardown);
    tcase_set_timeout(anon, 60);
    tcase_add_test(anon, anonymous_gets_write_nothing);
    tcase_add_test(anon, get_then_post_creates_the_session);
    tcase_add_test(anon, csrf_still_guards_sessions_not_stored_yet);
    suite_add_tcase(s, anon);
    return s;
}

int
main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s FORMBUILDER FORMBUILDER-FAULTS\n",
                argv[0]);
        return 2;
    }
    fbt_exe = argv[1];
    faults_exe = argv[2];
    curl_global_init(CURL_GLOBAL_DEFAULT);
    SRunner *sr = srunner_create(hardening_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
