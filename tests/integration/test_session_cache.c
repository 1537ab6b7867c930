/* SPDX-License-Identifier: MIT */
/*
 * The session cache (runtime/server/session_cache.c): its rules alone
 * (what a put, a removal, the budget and expiry leave), then the real
 * server on loopback, whose pages come from it while it is on and from
 * the database when `session_cache = 0` or the store is shared
 * (PostgreSQL, FBT_BACKEND=pg). The database is changed behind the
 * server's back to tell the two apart, as a second server on the same
 * store would.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "pgtest.h"
#include "session_cache.h"

#define ID_A "0123456789abcdef0123456789abcdef"
#define ID_B "fedcba9876543210fedcba9876543210"
#define SL "/report-streetlight/"

/* The record cached for @p id (malloc'd), or NULL on a miss. */
static char *
get(struct fb_session_cache *c, const char *id, long long *saved)
{
    char *rec = NULL;
    long long at = -1;
    if (!fb_session_cache_get(c, id, &rec, &at))
        return NULL;
    if (saved)
        *saved = at;
    return rec;
}

START_TEST(put_get_replace_remove)
{
    struct fb_session_cache *c = fb_session_cache_new(1 << 20);
    ck_assert_ptr_nonnull(c);
    ck_assert_ptr_null(get(c, ID_A, NULL));
    fb_session_cache_put(c, ID_A, "csrf=1", 100);
    long long at = 0;
    char *rec = get(c, ID_A, &at);
    ck_assert_str_eq(rec, "csrf=1");
    ck_assert_int_eq(at, 100);
    rec[0] = 'X';   /* a copy: the cache is not changed through it */
    free(rec);
    rec = get(c, ID_A, NULL);
    ck_assert_str_eq(rec, "csrf=1");
    free(rec);
    ck_assert_ptr_null(get(c, ID_B, NULL));
    fb_session_cache_put(c, ID_A, "csrf=2&form=x", 200);
    rec = get(c, ID_A, &at);
    ck_assert_str_eq(rec, "csrf=2&form=x");
    ck_assert_int_eq(at, 200);
    free(rec);
    ck_assert_uint_eq(fb_session_cache_count(c, NULL), 1);
    fb_session_cache_put(c, ID_A, NULL, 300);   /* deleted by the writer */
    ck_assert_ptr_null(get(c, ID_A, NULL));
    size_t bytes = 1;
    ck_assert_uint_eq(fb_session_cache_count(c, &bytes), 0);
    ck_assert_uint_eq(bytes, 0);
    /* Not a session id: never cached, never found. */
    fb_session_cache_put(c, "short", "csrf=1", 100);
    ck_assert_ptr_null(get(c, "short", NULL));
    ck_assert_uint_eq(fb_session_cache_count(c, NULL), 0);
    fb_session_cache_free(c);
}
END_TEST

/* Full, a session saved is dropped rather than cached, so the cache
 * never answers with a record older than the store's. */
START_TEST(budget_drops_rather_than_keeps_old)
{
    struct fb_session_cache *c = fb_session_cache_new(400);
    char big[300], huge[400];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    memset(huge, 'b', sizeof huge - 1);
    huge[sizeof huge - 1] = '\0';
    fb_session_cache_put(c, ID_A, "csrf=small", 1);
    fb_session_cache_put(c, ID_B, big, 1);   /* does not fit beside A */
    ck_assert_ptr_null(get(c, ID_B, NULL));
    fb_session_cache_put(c, ID_A, big, 2);   /* replaces A's, fits alone */
    char *rec = get(c, ID_A, NULL);
    ck_assert_str_eq(rec, big);
    free(rec);
    /* Too big for the budget: A's older record goes, nothing stays. */
    fb_session_cache_put(c, ID_A, huge, 3);
    ck_assert_ptr_null(get(c, ID_A, NULL));
    size_t bytes = 1;
    ck_assert_uint_eq(fb_session_cache_count(c, &bytes), 0);
    ck_assert_uint_eq(bytes, 0);
    fb_session_cache_free(c);
}
END_TEST

START_TEST(expire_drops_only_older)
{
    struct fb_session_cache *c = fb_session_cache_new(1 << 20);
    fb_session_cache_put(c, ID_A, "csrf=a", 100);
    fb_session_cache_put(c, ID_B, "csrf=b", 200);
    ck_assert_uint_eq(fb_session_cache_expire(c, 150), 1);
    ck_assert_ptr_null(get(c, ID_A, NULL));
    char *rec = get(c, ID_B, NULL);
    ck_assert_str_eq(rec, "csrf=b");
    free(rec);
    ck_assert_uint_eq(fb_session_cache_expire(c, 150), 0);
    fb_session_cache_free(c);
}
END_TEST

/* ---- the server ---- */

static struct fbt_server srv;

/* Answers the location page with @p street, then overwrites the stored
 * session behind the server's back with one whose street is "Elsewhere"
 * (the same record, the street replaced), and @returns the location
 * page as the server shows it next (malloc'd). */
static char *
location_after_outside_write(const char *config)
{
    fbt_server_start_with(&srv, config);
    struct fbt_client cli;
    fbt_client_init(&cli, &srv);
    char *loc = NULL;
    ck_assert_int_eq(fbt_answer(&cli, SL "location", "street=High+Street"
                                "&column_number=12&location_details=",
                                &loc), 303);
    free(loc);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM sessions", NULL),
                     1);
    ck_assert_int_eq(fbt_db_exec(&srv, "UPDATE sessions SET data = "
                                 "replace(data, 'High%20Street', 'Elsewhere')",
                                 NULL), 0);
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&cli, SL "location", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *body = strdup(r.body);
    fbt_response_free(&r);
    fbt_client_free(&cli);
    fbt_server_cleanup(&srv);
    return body;
}

/* By default a page is shown from the cache: what the writer committed,
 * not what the database holds now. A shared store is never cached, as
 * another server may have written the session since. */
START_TEST(pages_come_from_the_cache_unless_shared)
{
    char *body = location_after_outside_write("");
    if (fbt_pg_wanted()) {
        ck_assert_msg(strstr(body, "value=\"Elsewhere\"") != NULL,
                      "a shared store's page came from the cache");
    } else {
        ck_assert_msg(strstr(body, "value=\"High Street\"") != NULL,
                      "the page did not show the cached answer");
        ck_assert_ptr_null(strstr(body, "Elsewhere"));
    }
    free(body);
}
END_TEST

/* session_cache = 0 (several servers on one store): every page reads the
 * database, so another writer's change shows. */
START_TEST(cache_off_reads_the_store)
{
    char *body = location_after_outside_write("session_cache = 0\n");
    ck_assert_msg(strstr(body, "value=\"Elsewhere\"") != NULL,
                  "the page did not show the database's answer");
    free(body);
}
END_TEST

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FORMBUILDER\n", argv[0]);
        return 2;
    }
    fbt_exe = argv[1];
    Suite *s = suite_create("session_cache");
    TCase *t = tcase_create("cache");
    tcase_add_test(t, put_get_replace_remove);
    tcase_add_test(t, budget_drops_rather_than_keeps_old);
    tcase_add_test(t, expire_drops_only_older);
    suite_add_tcase(s, t);
    TCase *server = tcase_create("server");
    tcase_set_timeout(server, 60);
    tcase_add_test(server, pages_come_from_the_cache_unless_shared);
    tcase_add_test(server, cache_off_reads_the_store);
    suite_add_tcase(s, server);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}
