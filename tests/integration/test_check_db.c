/* SPDX-License-Identifier: MIT */
/*
 * A damaged database is detected (issue 13): the real server writes a
 * real SQLite file, the test damages one of its pages (or puts a file
 * that is not a database in its place), and then the server refuses to
 * start with a message naming the file and what to do, while `formbuilder
 * check-db` lists the problems and exits 1. A sound file passes both.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define SL "/report-streetlight/"

static struct fbt_server srv;

static void
teardown(void)
{
    fbt_server_cleanup(&srv);
}

/* A database as the server leaves it: sessions of a few residents and a
 * submission, closed cleanly (so the WAL is folded into the file). */
static void
make_database(void)
{
    fbt_server_init(&srv);
    fbt_server_start(&srv);
    for (int i = 0; i < 20; i++) {
        struct fbt_client c;
        fbt_client_init(&c, &srv);
        char fields[256];
        snprintf(fields, sizeof fields, "street=Resident+%d+Road"
                 "&column_number=%d&location_details=By+the+school", i, i);
        ck_assert_int_eq(fbt_answer(&c, SL "location", fields, NULL), 303);
        fbt_client_free(&c);
    }
    ck_assert_int_eq(WEXITSTATUS(fbt_server_stop(&srv, SIGTERM)), 0);
    char wal[400];
    snprintf(wal, sizeof wal, "%s-wal", srv.db);
    ck_assert_msg(access(wal, F_OK) != 0, "the WAL was left behind");
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions", NULL),
                     20);
}

/* Overwrites the start of table @p table's root page with 0xFF. */
static void
damage_root_page(const char *table)
{
    long long root = fbt_db_int(&srv, "SELECT rootpage FROM sqlite_schema "
                                "WHERE name = ?1", table);
    long long size = fbt_db_int(&srv, "PRAGMA page_size", NULL);
    ck_assert_int_gt(root, 1);
    FILE *f = fopen(srv.db, "r+b");
    ck_assert_ptr_nonnull(f);
    unsigned char junk[64];
    memset(junk, 0xff, sizeof junk);
    ck_assert_int_eq(fseek(f, (long)((root - 1) * size), SEEK_SET), 0);
    ck_assert_uint_eq(fwrite(junk, 1, sizeof junk, f), sizeof junk);
    ck_assert_int_eq(fclose(f), 0);
}

static int
run(const char *const *args, char **out)
{
    return fbt_run_status(&srv, args, out);
}

/* The server refuses to start on the file, saying which and what to do. */
static void
assert_server_refuses(void)
{
    static const char *const serve[] = { "serve", NULL };
    char *out = NULL;
    int rc = run(serve, &out);
    ck_assert_msg(rc == 1, "serve exited %d (-1: still running at 20 s):\n%s",
                  rc, out);
    ck_assert_ptr_nonnull(strstr(out, srv.db));
    ck_assert_ptr_nonnull(strstr(out, "is damaged"));
    ck_assert_ptr_nonnull(strstr(out, "restore the file from a backup"));
    ck_assert_ptr_nonnull(strstr(out, "formbuilder check-db --database"));
    ck_assert_ptr_null(strstr(out, "listening on"));
    free(out);
}

START_TEST(sound_database_passes_check_db_and_serves)
{
    make_database();
    const char *const check[] = { "check-db", "--database", srv.db, NULL };
    char *out = NULL;
    ck_assert_int_eq(run(check, &out), 0);
    char want[400];
    snprintf(want, sizeof want, "%s: ok\n", srv.db);
    ck_assert_ptr_nonnull(strstr(out, want));
    free(out);
    /* The configured db is the default for --database. */
    static const char *const by_config[] = { "check-db", NULL };
    ck_assert_int_eq(run(by_config, &out), 0);
    free(out);
    fbt_server_start(&srv);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions", NULL),
                     20);
    /* No file there: a usage error, and nothing is created. */
    char missing[400];
    snprintf(missing, sizeof missing, "%s/none.db", srv.dir);
    const char *const none[] = { "check-db", "--database", missing, NULL };
    ck_assert_int_eq(run(none, &out), 2);
    ck_assert_ptr_nonnull(strstr(out, "there is no database at"));
    free(out);
    ck_assert_int_ne(access(missing, F_OK), 0);
}
END_TEST

START_TEST(damaged_page_stops_the_server_and_check_db_lists_it)
{
    make_database();
    damage_root_page("sessions");
    const char *const check[] = { "check-db", "--database", srv.db, NULL };
    char *out = NULL;
    ck_assert_int_eq(run(check, &out), 1);
    ck_assert_ptr_nonnull(strstr(out, "Page "));
    char want[400];
    snprintf(want, sizeof want, "%s: damaged", srv.db);
    ck_assert_ptr_nonnull(strstr(out, want));
    ck_assert_ptr_nonnull(strstr(out, "restore the\ndatabase from a backup"));
    free(out);
    assert_server_refuses();
}
END_TEST

START_TEST(file_that_is_not_a_database_is_refused)
{
    make_database();
    FILE *f = fopen(srv.db, "w");
    ck_assert_ptr_nonnull(f);
    for (int i = 0; i < 400; i++)
        fputs("This is a spreadsheet someone saved over the database.\n", f);
    ck_assert_int_eq(fclose(f), 0);
    const char *const check[] = { "check-db", "--database", srv.db, NULL };
    char *out = NULL;
    ck_assert_int_eq(run(check, &out), 1);
    ck_assert_ptr_nonnull(strstr(out, "file is not a database"));
    free(out);
    assert_server_refuses();
}
END_TEST

static Suite *
check_db_suite(void)
{
    Suite *s = suite_create("check-db");
    TCase *t = tcase_create("damage");
    tcase_add_checked_fixture(t, NULL, teardown);
    tcase_set_timeout(t, 90);
    tcase_add_test(t, sound_database_passes_check_db_and_serves);
    tcase_add_test(t, damaged_page_stops_the_server_and_check_db_lists_it);
    tcase_add_test(t, file_that_is_not_a_database_is_refused);
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
    SRunner *sr = srunner_create(check_db_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
