/* SPDX-License-Identifier: MIT */
/*
 * A whole journey through the real server under valgrind's memcheck: the
 * server (and `formbuilder export`) run through memcheck.sh, a resident
 * walks report-streetlight from its start page to the confirmation with
 * libcurl, the submission is exported, and the server is stopped with
 * SIGTERM. memcheck exits 86 on any memory error or definite leak, so
 * the server's exit status says whether the run was clean; the report is
 * printed when it was not.
 *
 *   test_memcheck_journey FORMBUILDER MEMCHECK_SH
 */
#include <check.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "harness.h"

#define SL "/report-streetlight/"

static const char *server_exe;
static char log_base[400];

/* Prints every memcheck report of this run (one per process). */
static void
print_reports(void)
{
    char pattern[420];
    snprintf(pattern, sizeof pattern, "%s.*", log_base);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0)
        return;
    for (size_t i = 0; i < g.gl_pathc; i++) {
        FILE *f = fopen(g.gl_pathv[i], "r");
        char line[1024];
        fprintf(stderr, "--- %s\n", g.gl_pathv[i]);
        while (f && fgets(line, sizeof line, f))
            fputs(line, stderr);
        if (f)
            fclose(f);
    }
    globfree(&g);
}

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

START_TEST(journey_under_memcheck_is_clean)
{
    struct fbt_server srv;
    struct fbt_client cli;
    fbt_server_init(&srv);
    snprintf(log_base, sizeof log_base, "%s/memcheck", srv.dir);
    /* In the environment, so the server and export inherit them. */
    setenv("FBT_MEMCHECK_PROGRAM", server_exe, 1);
    setenv("FBT_MEMCHECK_LOG", log_base, 1);
    srv.start_ms = 120000;
    fbt_server_start(&srv);
    fbt_client_init(&cli, &srv);

    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    fbt_response_free(&r);
    step(&cli, SL "location", "street=High+Street&column_number=12"
         "&location_details=", SL "problem");
    /* A page with errors first, then the answers. */
    ck_assert_int_eq(fbt_answer(&cli, SL "problem", "fault=", NULL), 422);
    step(&cli, SL "problem", "fault=damaged&damage=Bent+post", SL "danger");
    step(&cli, SL "danger", "dangerous=no", SL "contact");
    step(&cli, SL "contact", "full_name=Ann+Example&email=ann%40example.com"
         "&phone=0161+496+0000", SL "check-answers");

    ck_assert_int_eq(fbt_get(&cli, SL "check-answers", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    ck_assert_ptr_nonnull(csrf);
    ck_assert_ptr_nonnull(action);
    char body[128];
    snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
    ck_assert_int_eq(fbt_post(&cli, action, body, &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    fbt_response_free(&r);
    ck_assert_int_eq(fbt_get(&cli, SL "confirmation", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *ref = fbt_reference(r.body);
    fbt_response_free(&r);
    ck_assert_ptr_nonnull(ref);
    free(csrf);
    free(action);
    fbt_client_free(&cli);

    int st = fbt_server_stop(&srv, SIGTERM);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        print_reports();
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0,
                  "the server under memcheck exited with %d (86: errors "
                  "or definite leaks)", WIFEXITED(st) ? WEXITSTATUS(st) : -1);

    /* The export, under memcheck too (fbt_export runs the same exe). */
    char *json = fbt_export(&srv, "report-streetlight", "json");
    if (!json)
        print_reports();
    ck_assert_msg(json != NULL, "export under memcheck failed");
    ck_assert_ptr_nonnull(strstr(json, ref));
    ck_assert_ptr_nonnull(strstr(json, "\"phone\":\"01614960000\""));
    free(json);
    free(ref);
    fbt_server_cleanup(&srv);
}
END_TEST

int
main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s FORMBUILDER MEMCHECK_SH\n", argv[0]);
        return 2;
    }
    if (system("command -v valgrind >/dev/null") != 0)
        return 77;
    server_exe = argv[1];
    fbt_exe = argv[2];
    Suite *s = suite_create("memcheck-journey");
    TCase *t = tcase_create("journey");
    tcase_set_timeout(t, 600);
    tcase_add_test(t, journey_under_memcheck_is_clean);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
