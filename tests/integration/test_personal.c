/* SPDX-License-Identifier: MIT */
/*
 * Personal data through the real server and store: a street light report
 * made over HTTP, then `formbuilder submission show|redact|delete|audit`
 * run against the server's own database (SQLite, or PostgreSQL with
 * FBT_BACKEND=pg), and retention purge taking the outbox with it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define SL "/report-streetlight/"

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

static void
step(const char *path, const char *fields, const char *next)
{
    char *loc = NULL;
    long st = fbt_answer(&cli, path, fields, &loc);
    ck_assert_msg(st == 303, "%s answered %ld", path, st);
    ck_assert_str_eq(loc, next);
    free(loc);
}

/* A street light report sent over HTTP; @returns its reference
 * (malloc'd). */
static char *
report(void)
{
    step(SL "location", "street=Acacia+Avenue&column_number=12"
         "&location_details=", SL "problem");
    step(SL "problem", "fault=out&damage=", SL "contact");
    step(SL "contact", "full_name=Ann+Example&email=ann%40example.com"
         "&phone=0161+496+0000", SL "check-answers");
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
    char *ref = fbt_reference(r.body);
    fbt_response_free(&r);
    free(csrf);
    free(action);
    ck_assert_ptr_nonnull(ref);
    return ref;
}

static long long
rows(const char *table, const char *ref)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE reference = ?1",
             table);
    return fbt_db_int(&srv, sql, ref);
}

/* Runs `formbuilder submission ARGS...`; @returns the exit status, the
 * output in *out (malloc'd). */
static int
submission(char **out, const char *a1, const char *a2, const char *a3,
           const char *a4)
{
    const char *args[] = { "submission", a1, a2, a3, a4, NULL };
    return fbt_run_status(&srv, args, out);
}

START_TEST(show_prints_everything_stored_and_is_audited)
{
    char *ref = report();
    ck_assert_int_gt(rows("deliveries", ref), 0);
    char *out = NULL;
    ck_assert_int_eq(submission(&out, "show", ref, "--by", "jo.bloggs"), 0);
    ck_assert_ptr_nonnull(strstr(out, ref));
    ck_assert_ptr_nonnull(strstr(out, "form:          report-streetlight"));
    ck_assert_ptr_nonnull(strstr(out, "language:      en"));
    ck_assert_ptr_nonnull(strstr(out, "street: Acacia Avenue"));
    ck_assert_ptr_nonnull(strstr(out, "full_name: Ann Example"));
    ck_assert_ptr_nonnull(strstr(out, "deliveries:\n  "));
    ck_assert_ptr_nonnull(strstr(out, "https://backoffice.example/api/"
                                      "streetlights"));
    ck_assert_ptr_nonnull(strstr(out, "booking:\n  (none)"));
    free(out);
    ck_assert_int_eq(submission(&out, "audit", ref, NULL, NULL), 0);
    ck_assert_ptr_nonnull(strstr(out, "\tjo.bloggs\tshow\t"));
    free(out);
    free(ref);
}
END_TEST

START_TEST(redact_keeps_the_reference_and_drops_the_answers)
{
    char *ref = report();
    /* A back office's progress update can quote the resident. */
    ck_assert_int_eq(fbt_db_exec(&srv, "INSERT INTO submission_events "
                                 "(reference, event_id, status, message, "
                                 "public, occurred_at, received_at) VALUES "
                                 "(?1, 'e1', 'in_progress', 'We rang Ann "
                                 "Example', 1, 1, 1)", ref), 0);
    char *out = NULL;
    ck_assert_int_eq(submission(&out, "redact", ref, "--by", "jo.bloggs"),
                     0);
    ck_assert_ptr_nonnull(strstr(out, "redacted"));
    free(out);
    ck_assert_int_eq(rows("submissions", ref), 1);
    /* Nothing still to be sent: the back office never gets a marker. */
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM deliveries "
                                "WHERE reference = ?1 AND state <> "
                                "'delivered'", ref), 0);
    char *json = fbt_export(&srv, "report-streetlight", "json");
    ck_assert_ptr_nonnull(json);
    ck_assert_ptr_nonnull(strstr(json, ref));
    ck_assert_ptr_null(strstr(json, "Acacia"));
    ck_assert_ptr_null(strstr(json, "ann@example.com"));
    free(json);
    ck_assert_int_eq(submission(&out, "show", ref, "--by", "jo.bloggs"), 0);
    ck_assert_ptr_nonnull(strstr(out, "_redacted: "));
    ck_assert_ptr_null(strstr(out, "Ann Example"));
    free(out);
    /* The update's status and time stay; its words go. */
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM "
                                "submission_events WHERE reference = ?1 "
                                "AND status = 'in_progress' AND message = ''",
                                ref), 1);
    free(ref);
}
END_TEST

START_TEST(delete_erases_every_row_once_and_keeps_the_record)
{
    char *ref = report();
    char *other = report();
    char *out = NULL;
    ck_assert_int_eq(submission(&out, "delete", ref, "--by", "jo.bloggs"),
                     0);
    ck_assert_ptr_nonnull(strstr(out, "deleted"));
    free(out);
    ck_assert_int_eq(rows("submissions", ref), 0);
    ck_assert_int_eq(rows("deliveries", ref), 0);
    ck_assert_int_eq(rows("submissions", other), 1);
    ck_assert_int_gt(rows("deliveries", other), 0);
    /* A second request for the same reference says there is none. */
    ck_assert_int_eq(submission(&out, "delete", ref, "--by", "jo.bloggs"),
                     2);
    ck_assert_ptr_nonnull(strstr(out, "no submission"));
    free(out);
    ck_assert_int_eq(submission(&out, "show", ref, "--by", "jo.bloggs"), 2);
    free(out);
    /* The record says who deleted which reference, and no answer. */
    ck_assert_int_eq(submission(&out, "audit", NULL, NULL, NULL), 0);
    ck_assert_ptr_nonnull(strstr(out, "\tjo.bloggs\tdelete\t"));
    ck_assert_ptr_nonnull(strstr(out, ref));
    free(out);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM "
                                "submission_audit WHERE detail LIKE ?1 OR "
                                "by_whom LIKE ?1", "%Acacia%"), 0);
    free(other);
    free(ref);
}
END_TEST

START_TEST(bad_requests_change_nothing)
{
    char *ref = report();
    char *out = NULL;
    ck_assert_int_eq(submission(&out, "delete", NULL, NULL, NULL), 2);
    free(out);
    ck_assert_int_eq(submission(&out, "erase", ref, NULL, NULL), 2);
    free(out);
    ck_assert_int_eq(submission(&out, "delete", "SL-1' OR '1'='1", "--by",
                                "x"), 2);
    ck_assert_ptr_nonnull(strstr(out, "not a reference"));
    free(out);
    ck_assert_int_eq(submission(&out, "delete", ref, "--by", NULL), 2);
    free(out);
    /* A name that would forge a line of the audit listing. */
    ck_assert_int_eq(submission(&out, "delete", ref, "--by",
                                "jo\n1\tforged"), 2);
    ck_assert_ptr_nonnull(strstr(out, "one line"));
    free(out);
    ck_assert_int_eq(rows("submissions", ref), 1);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM "
                                "submission_audit", NULL), 0);
    free(ref);
}
END_TEST

START_TEST(purge_takes_the_deliveries_with_the_submission)
{
    char *ref = report();
    /* Age a copy of it, with its deliveries, beyond the form's 365 days. */
    ck_assert_int_eq(fbt_db_exec(&srv, "INSERT INTO submissions (reference, "
                                 "submit_token, form, form_version, answers,"
                                 " submitted_at) SELECT 'SL-OLD', 'oldtok', "
                                 "form, form_version, answers, "
                                 "'2000-01-01T00:00:00Z' FROM submissions "
                                 "WHERE reference = ?1", ref), 0);
    ck_assert_int_eq(fbt_db_exec(&srv, "INSERT INTO deliveries (reference, "
                                 "form, target, target_name, event, "
                                 "language, created_at, next_at) SELECT "
                                 "'SL-OLD', form, target, target_name, "
                                 "event, language, created_at, next_at "
                                 "FROM deliveries WHERE reference = ?1",
                                 ref), 0);
    ck_assert_int_gt(rows("deliveries", "SL-OLD"), 0);
    const char *args[] = { "purge", NULL };
    char *out = fbt_run(&srv, args);
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(strstr(out, "purged 1 submissions"));
    free(out);
    ck_assert_int_eq(rows("submissions", "SL-OLD"), 0);
    ck_assert_int_eq(rows("deliveries", "SL-OLD"), 0);
    ck_assert_int_eq(rows("submissions", ref), 1);
    ck_assert_int_gt(rows("deliveries", ref), 0);
    free(ref);
}
END_TEST

static Suite *
personal_suite(void)
{
    Suite *s = suite_create("personal-data");
    TCase *tc = tcase_create("submission");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, show_prints_everything_stored_and_is_audited);
    tcase_add_test(tc, redact_keeps_the_reference_and_drops_the_answers);
    tcase_add_test(tc, delete_erases_every_row_once_and_keeps_the_record);
    tcase_add_test(tc, bad_requests_change_nothing);
    tcase_add_test(tc, purge_takes_the_deliveries_with_the_submission);
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
    SRunner *sr = srunner_create(personal_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
