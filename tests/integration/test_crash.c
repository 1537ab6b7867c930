/* SPDX-License-Identifier: MIT */
/*
 * Crash test: clients complete street light reports while the server is
 * killed with SIGKILL at random moments and restarted, for several rounds.
 * Afterwards every reference a client saw on a confirmation page must be
 * in the database: an acknowledged submission is never lost.
 */
#include <check.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "pgtest.h"

#define SL "/report-streetlight/"
#define ROUNDS 6
#define CLIENTS 4
#define MAX_REFS 20000

static struct fbt_server srv;

static pthread_mutex_t refs_lock = PTHREAD_MUTEX_INITIALIZER;
static char *refs[MAX_REFS];
static size_t n_refs;

struct client_arg {
    volatile int *stop;
    unsigned journeys;
};

/* One whole journey; @returns false when the server went away. */
static bool
journey(struct fbt_client *c)
{
    static const char *const pages[][2] = {
        { SL "location", "street=Crash+Close&column_number=7"
                         "&location_details=" },
        { SL "problem", "fault=out&damage=" },
        { SL "contact", "full_name=K&email=k%40example.com&phone=" },
    };
    for (size_t i = 0; i < 3; i++)
        if (fbt_answer(c, pages[i][0], pages[i][1], NULL) != 303)
            return false;
    struct fbt_response r;
    if (fbt_get(c, SL "check-answers", &r) != CURLE_OK || r.status != 200) {
        fbt_response_free(&r);
        return false;
    }
    char *csrf = fbt_csrf(r.body), *action = fbt_action(r.body);
    fbt_response_free(&r);
    bool ok = false;
    if (csrf && action) {
        char body[128];
        snprintf(body, sizeof body, "csrf_token=%s&website=", csrf);
        ok = fbt_post(c, action, body, &r) == CURLE_OK && r.status == 303;
        fbt_response_free(&r);
    }
    free(csrf);
    free(action);
    if (!ok)
        return false;
    if (fbt_get(c, SL "confirmation", &r) != CURLE_OK || r.status != 200) {
        fbt_response_free(&r);
        return false;
    }
    char *ref = fbt_reference(r.body);
    fbt_response_free(&r);
    if (!ref)
        return false;
    pthread_mutex_lock(&refs_lock);
    if (n_refs < MAX_REFS)
        refs[n_refs++] = ref;
    else
        free(ref);
    pthread_mutex_unlock(&refs_lock);
    return true;
}

static void *
client_main(void *p)
{
    struct client_arg *a = p;
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    while (!*a->stop && journey(&c))
        a->journeys++;
    fbt_client_free(&c);
    return NULL;
}

static unsigned
random_ms(unsigned lo, unsigned hi)
{
    unsigned v = 0;
    if (getrandom(&v, sizeof v, 0) != sizeof v)
        v = (unsigned)time(NULL);
    return lo + v % (hi - lo);
}

START_TEST(confirmed_submissions_survive_sigkill)
{
    fbt_server_init(&srv);
    /* Four clients on one address as fast as they can go: the rate limits
     * would stop them after a burst, and the test is about durability. */
    char conf[400];
    snprintf(conf, sizeof conf, "%s/formbuilder.conf", srv.dir);
    FILE *f = fopen(conf, "w");
    ck_assert_ptr_nonnull(f);
    fputs("post_rate_per_client = off\nsubmit_rate_per_client = off\n"
          "submit_rate_per_form = off\n", f);
    fclose(f);
    srv.config = conf;
    for (int round = 0; round < ROUNDS; round++) {
        fbt_server_start(&srv);
        volatile int stop = 0;
        pthread_t th[CLIENTS];
        struct client_arg args[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            args[i] = (struct client_arg){ .stop = &stop };
            pthread_create(&th[i], NULL, client_main, &args[i]);
        }
        unsigned ms = random_ms(150, 700);
        struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000L };
        nanosleep(&t, NULL);
        fbt_server_stop(&srv, SIGKILL);
        stop = 1;
        unsigned done = 0;
        for (int i = 0; i < CLIENTS; i++) {
            pthread_join(th[i], NULL);
            done += args[i].journeys;
        }
        fprintf(stderr, "round %d: killed after %u ms, %u journeys "
                "confirmed\n", round, ms, done);
    }
    /* Restart once more so the database is opened (and recovered) by the
     * server, then check every confirmed reference. */
    fbt_server_start(&srv);
    fbt_server_stop(&srv, SIGTERM);
    ck_assert_uint_gt(n_refs, 0);
    size_t missing = 0;
    for (size_t i = 0; i < n_refs; i++) {
        if (fbt_db_int(&srv, "SELECT count(*) FROM submissions WHERE "
                       "reference = ?1", refs[i]) != 1) {
            fprintf(stderr, "lost: %s\n", refs[i]);
            missing++;
        }
    }
    fprintf(stderr, "%zu confirmed references checked, %zu missing\n",
            n_refs, missing);
    ck_assert_uint_eq(missing, 0);
    /* SQLite's file checked here; PostgreSQL checks its own pages. */
    if (!fbt_pg_wanted())
        ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM "
                                    "pragma_integrity_check WHERE "
                                    "integrity_check != 'ok'", NULL), 0);
    char *json = fbt_export(&srv, "report-streetlight", "json");
    ck_assert_ptr_nonnull(json);
    for (size_t i = 0; i < n_refs; i++) {
        ck_assert_ptr_nonnull(strstr(json, refs[i]));
        free(refs[i]);
    }
    free(json);
    fbt_server_cleanup(&srv);
}
END_TEST

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FORMBUILDER\n", argv[0]);
        return 2;
    }
    fbt_exe = argv[1];
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Suite *s = suite_create("crash");
    TCase *tc = tcase_create("sigkill");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, confirmed_submissions_survive_sigkill);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
