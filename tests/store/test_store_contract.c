/* SPDX-License-Identifier: MIT */
/*
 * The store backend contract: the same cases against SQLite (a temporary
 * file) and, run through tests/pg/cluster.sh with FBT_BACKEND=pg, against
 * PostgreSQL (a fresh database per case on a throwaway cluster). The
 * cases named "shared" are about several instances sharing the database:
 * the purge lock runs on both (SQLite's is always free: one instance per
 * file); two connections racing for a slot, a submit token and an outbox
 * delivery run on PostgreSQL alone.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pgtest.h"
#include "store.h"
#include "store_schema.h"

static char target[512];
static char dir[64];
static struct fb_store *st;

static struct fb_store *
open_store(void)
{
    char err[512];
    struct fb_store *s = fb_store_open(target, err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    return s;
}

static void
setup(void)
{
    dir[0] = '\0';
    if (fbt_pg_wanted()) {
        fbt_pg_fresh_db(target, sizeof target);
    } else {
        snprintf(dir, sizeof dir, "/tmp/fbstore-XXXXXX");
        ck_assert_ptr_nonnull(mkdtemp(dir));
        snprintf(target, sizeof target, "%s/t.db", dir);
    }
    st = open_store();
}

static void
teardown(void)
{
    st->ops->close(st);
    if (dir[0]) {
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        ck_assert_int_eq(system(cmd), 0);
    }
}

START_TEST(backend_is_the_one_asked_for)
{
    ck_assert_str_eq(st->ops->name, fbt_pg_wanted() ? "postgresql"
                                                    : "sqlite");
    ck_assert(st->ops->shared == fbt_pg_wanted());
    ck_assert_int_eq(st->ops->schema_version(st), FB_SCHEMA_LATEST);
    /* Migrating again (a second instance starting) changes nothing. */
    char err[256];
    ck_assert_int_eq(st->ops->migrate(st, err, sizeof err), FB_STORE_OK);
    ck_assert_int_eq(st->ops->schema_version(st), FB_SCHEMA_LATEST);
    ck_assert_int_eq(fb_store_check(target, false, NULL, NULL, err,
                                    sizeof err), FB_STORE_OK);
}
END_TEST

START_TEST(sessions_save_replace_delete_expire)
{
    char *data = NULL;
    long long at = 0;
    ck_assert_int_eq(st->ops->session_load(st, "a", &data, &at),
                     FB_STORE_NOT_FOUND);
    ck_assert_int_eq(st->ops->session_save(st, "a", "x=1", 100), FB_STORE_OK);
    ck_assert_int_eq(st->ops->session_save(st, "a", "x=2", 200), FB_STORE_OK);
    ck_assert_int_eq(st->ops->session_save(st, "b", "y=1", 300), FB_STORE_OK);
    ck_assert_int_eq(st->ops->session_load(st, "a", &data, &at), FB_STORE_OK);
    ck_assert_str_eq(data, "x=2");
    ck_assert_int_eq(at, 200);
    free(data);
    size_t n = 0;
    ck_assert_int_eq(st->ops->session_expire(st, 250, &n), FB_STORE_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(st->ops->session_delete(st, "b"), FB_STORE_OK);
    ck_assert_int_eq(st->ops->session_load(st, "b", &data, &at),
                     FB_STORE_NOT_FOUND);
}
END_TEST

static struct fb_submission
submission(const char *token, const char *at)
{
    return (struct fb_submission){
        .form = "f", .form_version = "v1", .answers_json = "{\"a\":1}",
        .submit_token = token, .reference_prefix = "TST", .submitted_at = at,
    };
}

static int
count_row(const struct fb_submission_row *row, void *cls)
{
    ck_assert_str_eq(row->form, "f");
    ck_assert_str_eq(row->delivery_state, "pending");
    (*(int *)cls)++;
    return 0;
}

START_TEST(submissions_once_per_token)
{
    struct fb_submission a = submission("tok-a", "2026-01-01T09:00:00Z");
    ck_assert_int_eq(fb_submission_insert(st, &a), FB_STORE_OK);
    ck_assert(!a.existed);
    ck_assert_int_eq(strncmp(a.reference, "TST-", 4), 0);
    struct fb_submission again = submission("tok-a", "2026-01-01T09:01:00Z");
    ck_assert_int_eq(fb_submission_insert(st, &again), FB_STORE_OK);
    ck_assert(again.existed);
    ck_assert_str_eq(again.reference, a.reference);
    /* A reference drawn twice is refused, so store.c draws again. */
    struct fb_submission clash = submission("tok-b", "2026-01-01T09:02:00Z");
    snprintf(clash.reference, sizeof clash.reference, "%s", a.reference);
    ck_assert_int_eq(st->ops->submission_add(st, &clash), FB_STORE_REFUSED);
    char ref[FB_REFERENCE_MAX];
    char *answers = NULL;
    ck_assert_int_eq(st->ops->submission_load(st, "tok-a", ref, sizeof ref,
                                              &answers), FB_STORE_OK);
    ck_assert_str_eq(ref, a.reference);
    ck_assert_str_eq(answers, "{\"a\":1}");
    free(answers);
    ck_assert_int_eq(st->ops->submission_find(st, "tok-b", ref, sizeof ref),
                     FB_STORE_NOT_FOUND);
    int n = 0;
    ck_assert_int_eq(st->ops->submission_by_reference(st, a.reference,
                                                      count_row, &n),
                     FB_STORE_OK);
    ck_assert_int_eq(n, 1);
}
END_TEST

START_TEST(purge_deletes_in_batches_of_at_most_max)
{
    for (int i = 0; i < 5; i++) {
        char tok[16];
        snprintf(tok, sizeof tok, "old-%d", i);
        struct fb_submission s = submission(tok, "2024-06-01T00:00:00Z");
        ck_assert_int_eq(fb_submission_insert(st, &s), FB_STORE_OK);
    }
    struct fb_submission s = submission("new", "2026-06-01T00:00:00Z");
    ck_assert_int_eq(fb_submission_insert(st, &s), FB_STORE_OK);
    size_t n = 0, total = 0;
    do {
        ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
        ck_assert_int_eq(st->ops->purge_batch(st, "f", "2025-01-01T00:00:00Z",
                                              2, &n, NULL, NULL),
                         FB_STORE_OK);
        ck_assert_int_eq(st->ops->commit(st), FB_STORE_OK);
        ck_assert_uint_le(n, 2);
        total += n;
    } while (n == 2);
    ck_assert_uint_eq(total, 5);
    int left = 0;
    ck_assert_int_eq(st->ops->submission_each(st, "f", NULL, count_row,
                                              &left), FB_STORE_OK);
    ck_assert_int_eq(left, 1);
}
END_TEST

/* Gathers what answer_texts_each() reads, one line each. */
static int
gather_text(const char *text, void *cls)
{
    char *all = cls;
    strncat(all, text, 1023 - strlen(all));
    strncat(all, "\n", 1023 - strlen(all));
    return 0;
}

static int
stop_at_first(const char *text, void *cls)
{
    (void)text;
    ++*(int *)cls;
    return 7;
}

START_TEST(answer_texts_are_every_submission_and_session)
{
    struct fb_submission a = submission("tok-a", "2026-01-01T09:00:00Z");
    a.answers_json = "{\"photos\":[\"aa:1:jpg:a.jpg\"]}";
    ck_assert_int_eq(fb_submission_insert(st, &a), FB_STORE_OK);
    ck_assert_int_eq(st->ops->session_save(st, "s1", "photos=bb%3A1", 100),
                     FB_STORE_OK);
    char all[1024] = "";
    ck_assert_int_eq(st->ops->answer_texts_each(st, gather_text, all),
                     FB_STORE_OK);
    ck_assert_msg(strstr(all, "{\"photos\":[\"aa:1:jpg:a.jpg\"]}\n") != NULL,
                  "%s", all);
    ck_assert_msg(strstr(all, "photos=bb%3A1\n") != NULL, "%s", all);
    /* a non-zero return stops it and is passed back */
    int calls = 0;
    ck_assert_int_eq(st->ops->answer_texts_each(st, stop_at_first, &calls),
                     7);
    ck_assert_int_eq(calls, 1);
}
END_TEST

START_TEST(savepoint_undoes_one_job_only)
{
    ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->savepoint(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->session_save(st, "kept", "1", 1), FB_STORE_OK);
    ck_assert_int_eq(st->ops->savepoint_release(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->savepoint(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->session_save(st, "undone", "1", 1),
                     FB_STORE_OK);
    ck_assert_int_eq(st->ops->savepoint_rollback(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->commit(st), FB_STORE_OK);
    char *d = NULL;
    long long at;
    ck_assert_int_eq(st->ops->session_load(st, "kept", &d, &at),
                     FB_STORE_OK);
    free(d);
    ck_assert_int_eq(st->ops->session_load(st, "undone", &d, &at),
                     FB_STORE_NOT_FOUND);
    ck_assert_int_eq(st->ops->probe(st), FB_STORE_OK);
}
END_TEST

static struct fb_place
place(enum fb_place_state state, const char *holder, long long expires)
{
    struct fb_place p = { .state = state, .expires_at = expires,
                          .made_at = 1000 };
    snprintf(p.calendar, sizeof p.calendar, "tip");
    snprintf(p.day, sizeof p.day, "2026-12-02");
    snprintf(p.window, sizeof p.window, "am");
    snprintf(p.form, sizeof p.form, "f");
    snprintf(p.holder, sizeof p.holder, "%s", holder);
    snprintf(p.quota_key, sizeof p.quota_key, "AB1 2CD");
    return p;
}

static void
add_taken(const char *day, const char *window, int taken, void *cls)
{
    ck_assert_str_eq(day, "2026-12-02");
    ck_assert_str_eq(window, "am");
    *(int *)cls += taken;
}

static int
count_place(const struct fb_place *p, void *cls)
{
    ck_assert_int_ne(p->state, FB_PLACE_HELD);
    (*(int *)cls)++;
    return 0;
}

static void
count_day(const char *day, void *cls)
{
    ck_assert_str_eq(day, "2026-12-02");
    (*(int *)cls)++;
}

START_TEST(places_count_hold_book_and_close)
{
    struct fb_place held = place(FB_PLACE_HELD, "s1", 2000);
    struct fb_place gone = place(FB_PLACE_HELD, "s2", 1500);
    ck_assert_int_eq(st->ops->place_insert(st, &held), FB_STORE_OK);
    ck_assert_int_eq(st->ops->place_insert(st, &gone), FB_STORE_OK);
    ck_assert_int_gt(held.id, 0);
    int taken = -1;
    ck_assert_int_eq(st->ops->place_taken(st, "tip", "2026-12-02", "am",
                                          1600, &taken), FB_STORE_OK);
    ck_assert_int_eq(taken, 1);   /* s2's hold expired at 1500 */
    int used = -1;
    ck_assert_int_eq(st->ops->place_quota_used(st, "tip", "AB1 2CD", 0, 1600,
                                               &used), FB_STORE_OK);
    ck_assert_int_eq(used, 1);
    int month = 0;
    ck_assert_int_eq(st->ops->place_taken_days(st, "tip", "2026-12-01",
                                               "2026-12-31", 1600, add_taken,
                                               &month), FB_STORE_OK);
    ck_assert_int_eq(month, 1);
    struct fb_place got;
    ck_assert_int_eq(st->ops->place_held(st, "s1", "tip", &got), FB_STORE_OK);
    ck_assert_int_eq(got.id, held.id);
    ck_assert_int_eq(got.expires_at, 2000);
    /* Booking it: a token hash, a reference, no holder. */
    got.state = FB_PLACE_BOOKED;
    got.holder[0] = '\0';
    snprintf(got.reference, sizeof got.reference, "TST-1");
    for (int i = 0; i < FB_PLACE_HASH_LEN; i++)
        got.token_hash[i] = (unsigned char)(i * 7 + 1);
    got.has_token = true;
    ck_assert_int_eq(st->ops->place_update(st, &got), FB_STORE_OK);
    struct fb_place by;
    ck_assert_int_eq(st->ops->place_by_token(st, got.token_hash, &by),
                     FB_STORE_OK);
    ck_assert_int_eq(by.id, got.id);
    ck_assert_int_eq(by.state, FB_PLACE_BOOKED);
    ck_assert_str_eq(by.reference, "TST-1");
    ck_assert_str_eq(by.holder, "");
    ck_assert(by.has_token);
    ck_assert_int_eq(memcmp(by.token_hash, got.token_hash,
                            FB_PLACE_HASH_LEN), 0);
    ck_assert_int_eq(st->ops->place_event_add(st, by.id, "TST-1",
                                              FB_EVENT_BOOKED,
                                              "2026-12-01T09:00:00Z", "{}"),
                     FB_STORE_OK);
    int n = 0;
    ck_assert_int_eq(st->ops->place_each(st, "tip", NULL, count_place, &n),
                     FB_STORE_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(st->ops->place_release(st, "s2", "tip"), FB_STORE_OK);
    size_t expired = 9;
    ck_assert_int_eq(st->ops->place_expire(st, 5000, &expired), FB_STORE_OK);
    ck_assert_uint_eq(expired, 0);
    ck_assert_int_eq(st->ops->place_held(st, "s2", "tip", &got),
                     FB_STORE_NOT_FOUND);
    struct fb_place missing = by;
    missing.id = by.id + 100;
    ck_assert_int_eq(st->ops->place_update(st, &missing), FB_STORE_NOT_FOUND);
    ck_assert_int_eq(st->ops->day_close(st, "tip", "2026-12-02", "x"),
                     FB_STORE_OK);
    ck_assert_int_eq(st->ops->day_close(st, "tip", "2026-12-02", "y"),
                     FB_STORE_OK);
    int closed = 0;
    ck_assert_int_eq(st->ops->days_closed(st, "tip", "2026-12-01",
                                          "2026-12-31", count_day, &closed),
                     FB_STORE_OK);
    ck_assert_int_eq(closed, 1);
}
END_TEST

static struct fb_delivery
delivery(const char *reference, long long next_at)
{
    struct fb_delivery d = { .target = 0, .created_at = 100,
                             .next_at = next_at };
    snprintf(d.reference, sizeof d.reference, "%s", reference);
    snprintf(d.form, sizeof d.form, "f");
    snprintf(d.target_name, sizeof d.target_name, "https://x.test/in");
    snprintf(d.event, sizeof d.event, "submitted");
    snprintf(d.language, sizeof d.language, "en");
    return d;
}

struct taken {
    struct fb_delivery d[4];
    size_t n;
};

static int
take(const struct fb_delivery *d, void *cls)
{
    struct taken *t = cls;
    ck_assert_uint_lt(t->n, 4);
    t->d[t->n++] = *d;
    return 0;
}

static void
count_state(enum fb_delivery_state state, const char *name, long long n,
            void *cls)
{
    ck_assert_str_eq(name, "https://x.test/in");
    if (state == FB_DELIVERY_DELIVERED)
        *(long long *)cls += n;
}

START_TEST(outbox_rows_once_and_summarised)
{
    struct fb_submission s = submission("tok", "2026-01-01T09:00:00Z");
    ck_assert_int_eq(fb_submission_insert(st, &s), FB_STORE_OK);
    struct fb_delivery d = delivery(s.reference, 150);
    ck_assert_int_eq(st->ops->delivery_add(st, &d), FB_STORE_OK);
    ck_assert_int_eq(st->ops->delivery_add(st, &d), FB_STORE_OK);
    struct taken t = {0};
    ck_assert_int_eq(st->ops->delivery_due(st, 149, 10, take, &t),
                     FB_STORE_OK);
    ck_assert_uint_eq(t.n, 0);
    ck_assert_int_eq(st->ops->delivery_claim(st, 200, 260, 10, "", take, &t),
                     FB_STORE_OK);
    ck_assert_uint_eq(t.n, 1);    /* added twice, stored once */
    ck_assert_int_eq(t.d[0].next_at, 150);   /* as it was due */
    struct fb_delivery got = t.d[0];
    got.state = FB_DELIVERY_DELIVERED;
    got.attempts = 1;
    got.last_at = 200;
    got.last_status = 200;
    ck_assert_int_eq(st->ops->delivery_update(st, &got), FB_STORE_OK);
    struct fb_delivery back;
    ck_assert_int_eq(st->ops->delivery_get(st, got.id, &back), FB_STORE_OK);
    ck_assert_int_eq(back.state, FB_DELIVERY_DELIVERED);
    ck_assert_int_eq(back.last_status, 200);
    long long delivered = 0, oldest = -1;
    ck_assert_int_eq(st->ops->delivery_counts(st, count_state, &delivered,
                                              &oldest), FB_STORE_OK);
    ck_assert_int_eq(delivered, 1);
    ck_assert_int_eq(oldest, 0);
    struct taken each = {0};
    ck_assert_int_eq(st->ops->delivery_each(st, FB_DELIVERY_DELIVERED, "f",
                                            take, &each), FB_STORE_OK);
    ck_assert_uint_eq(each.n, 1);
    /* Staff retry: only a failed or dead delivery goes back. */
    size_t n = 9;
    ck_assert_int_eq(st->ops->delivery_retry(st, got.id, 300, &n),
                     FB_STORE_OK);
    ck_assert_uint_eq(n, 0);
    got.state = FB_DELIVERY_DEAD;
    ck_assert_int_eq(st->ops->delivery_update(st, &got), FB_STORE_OK);
    ck_assert_int_eq(st->ops->delivery_retry(st, 0, 300, &n), FB_STORE_OK);
    ck_assert_uint_eq(n, 1);
}
END_TEST

/* ---- personal data: everything under a reference, as one ---- */

/* A submission with what is stored under its reference: a delivered
 * delivery with an error text, a pending one, a booked place with a
 * quota key and its event. */
static struct fb_submission
submission_with_everything(const char *token, const char *at)
{
    struct fb_submission s = submission(token, at);
    ck_assert_int_eq(fb_submission_insert(st, &s), FB_STORE_OK);
    struct fb_delivery done = delivery(s.reference, 150);
    ck_assert_int_eq(st->ops->delivery_add(st, &done), FB_STORE_OK);
    struct fb_delivery later = done;
    snprintf(later.target_name, sizeof later.target_name,
             "https://x.test/in");
    snprintf(later.event, sizeof later.event, "changed@1700000000");
    ck_assert_int_eq(st->ops->delivery_add(st, &later), FB_STORE_OK);
    struct taken t = {0};
    ck_assert_int_eq(st->ops->delivery_each(st, -1, NULL, take, &t),
                     FB_STORE_OK);
    for (size_t i = 0; i < t.n; i++)
        if (strcmp(t.d[i].reference, s.reference) == 0
            && strcmp(t.d[i].event, "submitted") == 0) {
            t.d[i].state = FB_DELIVERY_DELIVERED;
            snprintf(t.d[i].last_error, sizeof t.d[i].last_error,
                     "422 postcode AB1 2CD refused");
            ck_assert_int_eq(st->ops->delivery_update(st, &t.d[i]),
                             FB_STORE_OK);
        }
    struct fb_place p = place(FB_PLACE_BOOKED, "", 0);
    snprintf(p.reference, sizeof p.reference, "%s", s.reference);
    p.has_token = true;
    memset(p.token_hash, token[0], sizeof p.token_hash);
    ck_assert_int_eq(st->ops->place_insert(st, &p), FB_STORE_OK);
    ck_assert_int_eq(st->ops->place_event_add(st, p.id, s.reference,
                                              FB_EVENT_BOOKED,
                                              "2026-01-01T09:00:00Z",
                                              "AB1 2CD, Mrs Jones"),
                     FB_STORE_OK);
    return s;
}

static int
count_delivery(const struct fb_delivery *d, void *cls)
{
    (*(int *)cls)++;
    return 0;
}

static int
any_row(const struct fb_submission_row *row, void *cls)
{
    snprintf(cls, 64, "%s", row->answers_json);
    return 0;
}

/* How many rows of @p table hold @p reference, read with the store's
 * own connection through the ops (deliveries, the booking) or the
 * submission. */
static void
assert_nothing_under(const char *reference)
{
    char answers[64];
    ck_assert_int_eq(st->ops->submission_by_reference(st, reference,
                                                      any_row, answers),
                     FB_STORE_NOT_FOUND);
    int n = 0;
    ck_assert_int_eq(st->ops->delivery_of_reference(st, reference,
                                                    count_delivery, &n),
                     FB_STORE_OK);
    ck_assert_int_eq(n, 0);
    struct fb_place p;
    ck_assert_int_eq(st->ops->place_by_reference(st, reference, &p),
                     FB_STORE_NOT_FOUND);
}

START_TEST(erase_deletes_everything_under_the_reference)
{
    struct fb_submission gone = submission_with_everything(
        "a", "2026-01-01T09:00:00Z");
    struct fb_submission kept = submission_with_everything(
        "b", "2026-01-01T09:00:00Z");
    size_t n = 0;
    ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->submission_erase(st, gone.reference, &n),
                     FB_STORE_OK);
    ck_assert_int_eq(st->ops->commit(st), FB_STORE_OK);
    ck_assert_uint_eq(n, 5);   /* event, place, two deliveries, itself */
    assert_nothing_under(gone.reference);
    int left = 0;
    ck_assert_int_eq(st->ops->delivery_of_reference(st, kept.reference,
                                                    count_delivery, &left),
                     FB_STORE_OK);
    ck_assert_int_eq(left, 2);
    struct fb_place p;
    ck_assert_int_eq(st->ops->place_by_reference(st, kept.reference, &p),
                     FB_STORE_OK);
    ck_assert_int_eq(st->ops->submission_erase(st, gone.reference, &n),
                     FB_STORE_NOT_FOUND);
    ck_assert_uint_eq(n, 0);
}
END_TEST

struct told {
    char refs[4][FB_REFERENCE_MAX];
    size_t n;
};

static void
tell(struct fb_store *s, const char *reference, void *cls)
{
    struct told *t = cls;
    ck_assert_ptr_eq(s, st);
    ck_assert_uint_lt(t->n, 4);
    snprintf(t->refs[t->n++], FB_REFERENCE_MAX, "%s", reference);
}

START_TEST(purge_takes_the_outbox_and_booking_with_it)
{
    struct fb_submission old = submission_with_everything(
        "o", "2024-06-01T00:00:00Z");
    struct fb_submission new = submission_with_everything(
        "n", "2026-06-01T00:00:00Z");
    struct told t = {0};
    size_t n = 0;
    ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->purge_batch(st, "f", "2025-01-01T00:00:00Z",
                                          10, &n, tell, &t), FB_STORE_OK);
    ck_assert_int_eq(st->ops->commit(st), FB_STORE_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(t.n, 1);
    ck_assert_str_eq(t.refs[0], old.reference);
    assert_nothing_under(old.reference);
    int left = 0;
    ck_assert_int_eq(st->ops->delivery_of_reference(st, new.reference,
                                                    count_delivery, &left),
                     FB_STORE_OK);
    ck_assert_int_eq(left, 2);
}
END_TEST

START_TEST(redact_keeps_the_reference_without_personal_data)
{
    struct fb_submission s = submission_with_everything(
        "r", "2026-01-01T09:00:00Z");
    size_t n = 0;
    ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->submission_redact(st, s.reference,
                                                "{\"_redacted\":\"x\"}", &n),
                     FB_STORE_OK);
    ck_assert_int_eq(st->ops->commit(st), FB_STORE_OK);
    /* answers, the pending delivery, the error, the quota key, the
     * event's detail and the summary */
    ck_assert_uint_eq(n, 6);
    char answers[64];
    ck_assert_int_eq(st->ops->submission_by_reference(st, s.reference,
                                                      any_row, answers),
                     FB_STORE_OK);
    ck_assert_str_eq(answers, "{\"_redacted\":\"x\"}");
    struct taken t = {0};
    ck_assert_int_eq(st->ops->delivery_of_reference(st, s.reference, take,
                                                    &t), FB_STORE_OK);
    ck_assert_uint_eq(t.n, 1);
    ck_assert_int_eq(t.d[0].state, FB_DELIVERY_DELIVERED);
    ck_assert_str_eq(t.d[0].last_error, "");
    struct fb_place p;
    ck_assert_int_eq(st->ops->place_by_reference(st, s.reference, &p),
                     FB_STORE_OK);
    ck_assert_int_eq(p.state, FB_PLACE_BOOKED);
    ck_assert_str_eq(p.quota_key, "");
    ck_assert_int_eq(st->ops->submission_redact(st, "TST-NONE", "{}", &n),
                     FB_STORE_NOT_FOUND);
}
END_TEST

static int
take_audit(const struct fb_audit *a, void *cls)
{
    struct fb_audit *out = cls;
    out[0].id++;            /* the count, in the first slot's id */
    out[1] = *a;            /* the last row */
    return 0;
}

START_TEST(audit_rows_listed_by_reference)
{
    struct fb_audit a = {0};
    snprintf(a.at, sizeof a.at, "2026-12-02T05:00:00Z");
    snprintf(a.by, sizeof a.by, "jo.bloggs");
    snprintf(a.action, sizeof a.action, "delete");
    snprintf(a.reference, sizeof a.reference, "TST-1");
    snprintf(a.detail, sizeof a.detail, "5 rows");
    ck_assert_int_eq(st->ops->audit_add(st, &a), FB_STORE_OK);
    snprintf(a.reference, sizeof a.reference, "TST-2");
    snprintf(a.action, sizeof a.action, "show");
    ck_assert_int_eq(st->ops->audit_add(st, &a), FB_STORE_OK);
    struct fb_audit got[2] = {{0}};
    ck_assert_int_eq(st->ops->audit_each(st, NULL, take_audit, got),
                     FB_STORE_OK);
    ck_assert_int_eq(got[0].id, 2);
    ck_assert_str_eq(got[1].reference, "TST-2");
    memset(got, 0, sizeof got);
    ck_assert_int_eq(st->ops->audit_each(st, "TST-1", take_audit, got),
                     FB_STORE_OK);
    ck_assert_int_eq(got[0].id, 1);
    ck_assert_str_eq(got[1].by, "jo.bloggs");
    ck_assert_str_eq(got[1].action, "delete");
    ck_assert_str_eq(got[1].at, "2026-12-02T05:00:00Z");
    ck_assert_str_eq(got[1].detail, "5 rows");
    /* An action outside the list is refused by the table itself. */
    snprintf(a.action, sizeof a.action, "export");
    ck_assert_int_eq(st->ops->audit_add(st, &a), FB_STORE_ERROR);
}
END_TEST

/* An assisted digital link opens one journey: its id is recorded once,
 * and a job undone (its savepoint rolled back) leaves it unused. */
START_TEST(assist_link_is_used_once)
{
    const char *at = "2026-12-02T05:00:00Z";
    ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->savepoint(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->assist_link_use(st, "undone", "f", "phone",
                                              at), FB_STORE_OK);
    ck_assert_int_eq(st->ops->savepoint_rollback(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->savepoint(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->assist_link_use(st, "a1", "f", "phone", at),
                     FB_STORE_OK);
    ck_assert_int_eq(st->ops->savepoint_release(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->commit(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->assist_link_use(st, "a1", "f", "phone", at),
                     FB_STORE_REFUSED);
    /* The same id for another form or channel is still the same link. */
    ck_assert_int_eq(st->ops->assist_link_use(st, "a1", "g",
                                              "face-to-face", at),
                     FB_STORE_REFUSED);
    ck_assert_int_eq(st->ops->assist_link_use(st, "undone", "f", "phone",
                                              at), FB_STORE_OK);
    ck_assert_int_eq(st->ops->assist_link_use(st, "a2", "f",
                                              "face-to-face", at),
                     FB_STORE_OK);
    ck_assert_int_eq(st->ops->commit(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->assist_link_use(st, "a2", "f",
                                              "face-to-face", at),
                     FB_STORE_REFUSED);
    st->ops->rollback(st);
}
END_TEST

/* ---- shared: two connections, as two instances ---- */

/* Waits until another connection of the database is waiting for a lock
 * (the racing thread), or until @p done says it finished without. */
static void
await_blocked(volatile int *done)
{
    for (int i = 0; i < 3000 && !*done; i++) {
        if (fbt_pg_query(target, "SELECT count(*) FROM pg_stat_activity "
                                 "WHERE datname = current_database() AND "
                                 "wait_event_type = 'Lock'", NULL) > 0)
            return;
        struct timespec t = { 0, 10L * 1000 * 1000 };
        nanosleep(&t, NULL);
    }
}

struct racer {
    struct fb_store *s;
    int taken;
    int rc;
    struct fb_submission sub;
    volatile int done;
};

/* The other instance's booking job: count the slot, then book it. */
static void *
book_slot(void *cls)
{
    struct racer *r = cls;
    r->rc = r->s->ops->begin(r->s);
    if (r->rc == FB_STORE_OK)
        r->rc = r->s->ops->place_taken(r->s, "tip", "2026-12-02", "am", 0,
                                       &r->taken);
    if (r->rc == FB_STORE_OK)
        r->rc = r->s->ops->commit(r->s);
    r->done = 1;
    return NULL;
}

START_TEST(shared_slot_count_waits_for_the_other_booking)
{
    struct racer r = { .s = open_store() };
    ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
    int taken = -1;
    ck_assert_int_eq(st->ops->place_taken(st, "tip", "2026-12-02", "am", 0,
                                          &taken), FB_STORE_OK);
    ck_assert_int_eq(taken, 0);
    struct fb_place p = place(FB_PLACE_BOOKED, "", 0);
    ck_assert_int_eq(st->ops->place_insert(st, &p), FB_STORE_OK);
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, book_slot, &r), 0);
    await_blocked(&r.done);
    /* Had it counted without waiting, it would have seen 0 places. */
    ck_assert_int_eq(st->ops->commit(st), FB_STORE_OK);
    pthread_join(t, NULL);
    ck_assert_int_eq(r.rc, FB_STORE_OK);
    ck_assert_int_eq(r.taken, 1);
    r.s->ops->close(r.s);
}
END_TEST

static void *
submit_same_token(void *cls)
{
    struct racer *r = cls;
    r->rc = r->s->ops->begin(r->s);
    if (r->rc == FB_STORE_OK)
        r->rc = fb_submission_insert(r->s, &r->sub);
    if (r->rc == FB_STORE_OK)
        r->rc = r->s->ops->commit(r->s);
    r->done = 1;
    return NULL;
}

START_TEST(shared_double_submit_makes_one)
{
    struct racer r = { .s = open_store(),
                       .sub = submission("twice", "2026-01-01T09:00:00Z") };
    struct fb_submission a = submission("twice", "2026-01-01T09:00:00Z");
    ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
    ck_assert_int_eq(fb_submission_insert(st, &a), FB_STORE_OK);
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, submit_same_token, &r), 0);
    await_blocked(&r.done);
    ck_assert_int_eq(st->ops->commit(st), FB_STORE_OK);
    pthread_join(t, NULL);
    ck_assert_int_eq(r.rc, FB_STORE_OK);
    ck_assert(r.sub.existed);
    ck_assert_str_eq(r.sub.reference, a.reference);
    ck_assert_int_eq(fbt_pg_query(target, "SELECT count(*) FROM submissions",
                                  NULL), 1);
    r.s->ops->close(r.s);
}
END_TEST

START_TEST(shared_outbox_claim_is_leased)
{
    struct fb_store *other = open_store();
    struct fb_delivery d = delivery("R-1", 100);
    ck_assert_int_eq(st->ops->delivery_add(st, &d), FB_STORE_OK);
    struct taken mine = {0}, theirs = {0};
    ck_assert_int_eq(st->ops->delivery_claim(st, 100, 160, 4, "", take, &mine),
                     FB_STORE_OK);
    ck_assert_uint_eq(mine.n, 1);
    ck_assert_int_eq(other->ops->delivery_claim(other, 159, 220, 4, "", take,
                                                &theirs), FB_STORE_OK);
    ck_assert_uint_eq(theirs.n, 0);
    /* The claimer died: once its lease is over the other takes it. */
    ck_assert_int_eq(other->ops->delivery_claim(other, 160, 220, 4, "", take,
                                                &theirs), FB_STORE_OK);
    ck_assert_uint_eq(theirs.n, 1);
    ck_assert_int_eq(theirs.d[0].id, mine.d[0].id);
    other->ops->close(other);
}
END_TEST

/* The targets the claimer has at their share are passed over, so the
 * deliveries behind their backlog are reached. */
START_TEST(outbox_claim_skips_the_targets_named)
{
    struct fb_delivery a = delivery("R-1", 100), b = delivery("R-2", 101),
                       c = delivery("R-3", 102);
    snprintf(b.target_name, sizeof b.target_name, "mailto:a@x.test");
    snprintf(c.target_name, sizeof c.target_name, "file:/tmp/x.jsonl");
    ck_assert_int_eq(st->ops->delivery_add(st, &a), FB_STORE_OK);
    ck_assert_int_eq(st->ops->delivery_add(st, &b), FB_STORE_OK);
    ck_assert_int_eq(st->ops->delivery_add(st, &c), FB_STORE_OK);
    struct taken t = {0};
    ck_assert_int_eq(st->ops->delivery_claim(st, 200, 260, 1,
                                             "https://x.test/in"
                                             FB_TARGETS_SEPARATOR
                                             "mailto:a@x.test",
                                             take, &t), FB_STORE_OK);
    ck_assert_uint_eq(t.n, 1);
    ck_assert_str_eq(t.d[0].reference, "R-3");
    /* A name is matched whole: a prefix of a target skips nothing. */
    struct taken u = {0};
    ck_assert_int_eq(st->ops->delivery_claim(st, 200, 260, 4,
                                             "https://x.test", take, &u),
                     FB_STORE_OK);
    ck_assert_uint_eq(u.n, st->ops->shared ? 2 : 3);  /* R-3 is leased */
    ck_assert_str_eq(u.d[0].reference, "R-1");
}
END_TEST

/* Payments: one row per submission, found by reference and by return
 * token, every field written back, and the worker's selection: in
 * progress or refunding once old enough to re-check, unpaid once old
 * enough to give up; never a paid or given-up one without a refund. */
static struct fb_payment
payment(const char *reference, const char *status, long long at)
{
    struct fb_payment p = {.amount = 2500, .created_at = at,
                           .updated_at = at};
    snprintf(p.reference, sizeof p.reference, "%s", reference);
    snprintf(p.form, sizeof p.form, "book-a-thing");
    snprintf(p.language, sizeof p.language, "cy");
    snprintf(p.status, sizeof p.status, "%s", status);
    snprintf(p.return_token, sizeof p.return_token, "tok-%s", reference);
    return p;
}

static int
collect_reference(const struct fb_payment *p, void *cls)
{
    char *out = cls;
    strcat(out, p->reference);
    strcat(out, " ");
    return 0;
}

START_TEST(payments_stored_found_updated_and_selected)
{
    struct fb_payment p = payment("REF-A", "new", 1000), got;
    ck_assert_int_eq(st->ops->payment_add(st, &p), FB_STORE_OK);
    /* A second add of the reference (a replayed submit) changes nothing. */
    struct fb_payment again = payment("REF-A", "success", 5);
    ck_assert_int_eq(st->ops->payment_add(st, &again), FB_STORE_OK);
    ck_assert_int_eq(st->ops->payment_get(st, "REF-A", &got), FB_STORE_OK);
    ck_assert_str_eq(got.status, "new");
    ck_assert_int_eq(got.amount, 2500);
    ck_assert_str_eq(got.language, "cy");
    ck_assert_int_eq(got.created_at, 1000);
    ck_assert_int_eq(st->ops->payment_get(st, "REF-X", &got),
                     FB_STORE_NOT_FOUND);
    ck_assert_int_eq(st->ops->payment_by_token(st, "tok-REF-A", &got),
                     FB_STORE_OK);
    ck_assert_str_eq(got.reference, "REF-A");
    ck_assert_int_eq(st->ops->payment_by_token(st, "tok-nope", &got),
                     FB_STORE_NOT_FOUND);

    got.attempt = 2;
    snprintf(got.provider_id, sizeof got.provider_id, "pay123");
    snprintf(got.next_url, sizeof got.next_url, "https://pay.example/x");
    snprintf(got.status, sizeof got.status, "started");
    snprintf(got.code, sizeof got.code, "P0030");
    snprintf(got.refund_status, sizeof got.refund_status, "pending");
    snprintf(got.refund_id, sizeof got.refund_id, "ref9");
    got.refunded = 2500;
    got.updated_at = 2000;
    ck_assert_int_eq(st->ops->payment_update(st, &got), FB_STORE_OK);
    struct fb_payment back;
    ck_assert_int_eq(st->ops->payment_get(st, "REF-A", &back), FB_STORE_OK);
    ck_assert_int_eq(back.attempt, 2);
    ck_assert_str_eq(back.provider_id, "pay123");
    ck_assert_str_eq(back.next_url, "https://pay.example/x");
    ck_assert_str_eq(back.status, "started");
    ck_assert_str_eq(back.code, "P0030");
    ck_assert_str_eq(back.refund_status, "pending");
    ck_assert_str_eq(back.refund_id, "ref9");
    ck_assert_int_eq(back.refunded, 2500);
    ck_assert_int_eq(back.updated_at, 2000);
    ck_assert_int_eq(back.created_at, 1000);
    struct fb_payment none = payment("REF-NONE", "new", 1);
    ck_assert_int_eq(st->ops->payment_update(st, &none), FB_STORE_NOT_FOUND);

    /* The worker's selection. */
    struct fb_payment rows[] = {
        payment("P-PAYING-OLD", "created", 100),
        payment("P-PAYING-NEW", "started", 900),
        payment("P-FAILED-OLD", "failed", 50),
        payment("P-FAILED-NEW", "cancelled", 400),
        payment("P-PAID", "success", 10),
        payment("P-GONE", "abandoned", 10),
        payment("P-REFUND", "success", 200),
    };
    snprintf(rows[6].refund_status, sizeof rows[6].refund_status,
             "submitted");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        ck_assert_int_eq(st->ops->payment_add(st, &rows[i]), FB_STORE_OK);
    ck_assert_int_eq(st->ops->payment_update(st, &rows[6]), FB_STORE_OK);
    char seen[256] = "";
    ck_assert_int_eq(st->ops->payment_open(st, 500, 300, 10,
                                           collect_reference, seen),
                     FB_STORE_OK);
    ck_assert_str_eq(seen, "P-FAILED-OLD P-PAYING-OLD P-REFUND ");
    seen[0] = '\0';
    ck_assert_int_eq(st->ops->payment_open(st, 500, 300, 1,
                                           collect_reference, seen),
                     FB_STORE_OK);
    ck_assert_str_eq(seen, "P-FAILED-OLD ");
}
END_TEST

START_TEST(shared_purge_lock_is_one_instance_at_a_time)
{
    struct fb_store *other = open_store();
    ck_assert_int_eq(st->ops->try_lock(st, "purge"), FB_STORE_OK);
    ck_assert_int_eq(other->ops->try_lock(other, "purge"),
                     st->ops->shared ? FB_STORE_REFUSED : FB_STORE_OK);
    if (!st->ops->shared)
        other->ops->unlock(other, "purge");
    st->ops->unlock(st, "purge");
    ck_assert_int_eq(other->ops->try_lock(other, "purge"), FB_STORE_OK);
    other->ops->unlock(other, "purge");
    /* A lock dies with its connection: a killed instance frees it (once
     * the server has noticed the connection is gone). */
    ck_assert_int_eq(other->ops->try_lock(other, "purge"), FB_STORE_OK);
    other->ops->close(other);
    int rc = FB_STORE_REFUSED;
    for (int i = 0; i < 500 && rc == FB_STORE_REFUSED; i++) {
        rc = st->ops->try_lock(st, "purge");
        struct timespec t = { 0, 10L * 1000 * 1000 };
        if (rc == FB_STORE_REFUSED)
            nanosleep(&t, NULL);
    }
    ck_assert_int_eq(rc, FB_STORE_OK);
    st->ops->unlock(st, "purge");
}
END_TEST

/* ---- progress updates (events.h) ---- */

struct seen_events {
    int n;
    char ids[8][16];
    bool public[8];
};

static int
note_event(const struct fb_submission_event *e, void *cls)
{
    struct seen_events *seen = cls;
    ck_assert_int_lt(seen->n, 8);
    snprintf(seen->ids[seen->n], sizeof seen->ids[0], "%s", e->event_id);
    seen->public[seen->n] = e->public;
    seen->n++;
    return 0;
}

static void
add_event(const char *reference, const char *id, const char *status,
          bool public, long long at, bool want_existed)
{
    struct fb_submission_event e = {
        .reference = reference, .event_id = id, .status = status,
        .message = "Our engineer is booked", .public = public,
        .occurred_at = at, .received_at = at + 1,
    };
    bool existed = !want_existed;
    ck_assert_int_eq(st->ops->submission_event_add(st, &e, &existed),
                     FB_STORE_OK);
    ck_assert(existed == want_existed);
}

START_TEST(events_once_per_id_in_the_back_office_order)
{
    struct fb_submission a = submission("tok-a", "2026-01-01T09:00:00Z");
    ck_assert_int_eq(fb_submission_insert(st, &a), FB_STORE_OK);
    add_event(a.reference, "e-2", "scheduled", true, 2000, false);
    add_event(a.reference, "e-1", "received", true, 1000, false);
    add_event(a.reference, "e-3", "in_progress", false, 3000, false);
    /* A retried POST: the same id again stores nothing new. */
    add_event(a.reference, "e-2", "completed", true, 4000, true);
    struct seen_events all = {0};
    ck_assert_int_eq(st->ops->submission_event_each(st, a.reference, false,
                                                    note_event, &all),
                     FB_STORE_OK);
    ck_assert_int_eq(all.n, 3);
    ck_assert_str_eq(all.ids[0], "e-1");
    ck_assert_str_eq(all.ids[1], "e-2");
    ck_assert_str_eq(all.ids[2], "e-3");
    ck_assert(!all.public[2]);
    struct seen_events pub = {0};
    ck_assert_int_eq(st->ops->submission_event_each(st, a.reference, true,
                                                    note_event, &pub),
                     FB_STORE_OK);
    ck_assert_int_eq(pub.n, 2);
    /* An event needs its submission. */
    struct fb_submission_event orphan = {
        .reference = "TST-NOSUCH", .event_id = "x", .status = "received",
        .message = "", .occurred_at = 1, .received_at = 1,
    };
    bool existed = false;
    ck_assert_int_eq(st->ops->submission_event_add(st, &orphan, &existed),
                     FB_STORE_ERROR);
}
END_TEST

START_TEST(events_go_with_their_purged_submission)
{
    struct fb_submission old = submission("old", "2024-06-01T00:00:00Z");
    ck_assert_int_eq(fb_submission_insert(st, &old), FB_STORE_OK);
    struct fb_submission kept = submission("new", "2026-06-01T00:00:00Z");
    ck_assert_int_eq(fb_submission_insert(st, &kept), FB_STORE_OK);
    add_event(old.reference, "o-1", "received", true, 10, false);
    add_event(kept.reference, "k-1", "received", true, 10, false);
    size_t n = 0;
    ck_assert_int_eq(st->ops->purge_batch(st, "f", "2025-01-01T00:00:00Z",
                                          10, &n, NULL, NULL), FB_STORE_OK);
    ck_assert_uint_eq(n, 1);
    struct seen_events gone = {0}, left = {0};
    ck_assert_int_eq(st->ops->submission_event_each(st, old.reference, false,
                                                    note_event, &gone),
                     FB_STORE_OK);
    ck_assert_int_eq(gone.n, 0);
    ck_assert_int_eq(st->ops->submission_event_each(st, kept.reference,
                                                    false, note_event, &left),
                     FB_STORE_OK);
    ck_assert_int_eq(left.n, 1);
}
END_TEST

/* ---- a live service (migration 8) ---- */

static void
add_name(const char *name, void *cls)
{
    char *seen = cls;
    strcat(seen, name[0] ? name : "*");
    strcat(seen, ";");
}

START_TEST(form_places_taken_up_to_the_cap)
{
    long long used = -1;
    ck_assert_int_eq(st->ops->form_places_used(st, "f", &used), FB_STORE_OK);
    ck_assert_int_eq(used, 0);
    /* One submission stored before the cap: the counter starts at it. */
    struct fb_submission old = submission("tok-old", "2026-01-01T09:00:00Z");
    ck_assert_int_eq(fb_submission_insert(st, &old), FB_STORE_OK);
    ck_assert_int_eq(st->ops->form_places_used(st, "f", &used), FB_STORE_OK);
    ck_assert_int_eq(used, 1);
    char token[16];
    for (int i = 0; i < 3; i++) {
        snprintf(token, sizeof token, "tok-%d", i);
        struct fb_submission sub = submission(token, "2026-01-02T09:00:00Z");
        ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
        ck_assert_int_eq(fb_submission_insert(st, &sub), FB_STORE_OK);
        int rc = st->ops->form_place_take(st, "f", 3);
        ck_assert_int_eq(rc, i < 2 ? FB_STORE_OK : FB_STORE_REFUSED);
        if (rc == FB_STORE_OK)
            ck_assert_int_eq(st->ops->commit(st), FB_STORE_OK);
        else
            st->ops->rollback(st);
    }
    ck_assert_int_eq(st->ops->form_places_used(st, "f", &used), FB_STORE_OK);
    ck_assert_int_eq(used, 3);
    char ref[FB_REFERENCE_MAX];
    ck_assert_int_eq(st->ops->submission_find(st, "tok-2", ref, sizeof ref),
                     FB_STORE_NOT_FOUND);
    /* Another form's places are its own. */
    ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
    ck_assert_int_eq(st->ops->form_place_take(st, "g", 1), FB_STORE_OK);
    ck_assert_int_eq(st->ops->form_place_take(st, "g", 1), FB_STORE_REFUSED);
    ck_assert_int_eq(st->ops->commit(st), FB_STORE_OK);
}
END_TEST

START_TEST(maintenance_on_off_and_listed)
{
    char seen[128] = "";
    ck_assert_int_eq(st->ops->maintenance_each(st, add_name, seen),
                     FB_STORE_OK);
    ck_assert_str_eq(seen, "");
    ck_assert_int_eq(st->ops->maintenance_set(st, "f", true, 100),
                     FB_STORE_OK);
    /* Twice on is still on, once. */
    ck_assert_int_eq(st->ops->maintenance_set(st, "f", true, 101),
                     FB_STORE_OK);
    ck_assert_int_eq(st->ops->maintenance_set(st, "", true, 102),
                     FB_STORE_OK);
    ck_assert_int_eq(st->ops->maintenance_each(st, add_name, seen),
                     FB_STORE_OK);
    ck_assert_str_eq(seen, "*;f;");
    ck_assert_int_eq(st->ops->maintenance_set(st, "f", false, 0),
                     FB_STORE_OK);
    ck_assert_int_eq(st->ops->maintenance_set(st, "f", false, 0),
                     FB_STORE_NOT_FOUND);
    seen[0] = '\0';
    ck_assert_int_eq(st->ops->maintenance_each(st, add_name, seen),
                     FB_STORE_OK);
    ck_assert_str_eq(seen, "*;");
}
END_TEST

/* The other instance's submission at the cap's last place. */
static void *
take_last_place(void *cls)
{
    struct racer *r = cls;
    r->rc = r->s->ops->begin(r->s);
    if (r->rc == FB_STORE_OK)
        r->rc = fb_submission_insert(r->s, &r->sub);
    if (r->rc == FB_STORE_OK)
        r->rc = r->s->ops->form_place_take(r->s, "f", 1);
    if (r->rc == FB_STORE_OK)
        r->rc = r->s->ops->commit(r->s);
    else
        r->s->ops->rollback(r->s);
    r->done = 1;
    return NULL;
}

START_TEST(shared_last_place_waits_for_the_other_instance)
{
    struct racer r = { .s = open_store(),
                       .sub = submission("tok-b", "2026-01-01T09:00:00Z") };
    struct fb_submission a = submission("tok-a", "2026-01-01T09:00:00Z");
    ck_assert_int_eq(st->ops->begin(st), FB_STORE_OK);
    ck_assert_int_eq(fb_submission_insert(st, &a), FB_STORE_OK);
    ck_assert_int_eq(st->ops->form_place_take(st, "f", 1), FB_STORE_OK);
    pthread_t t;
    ck_assert_int_eq(pthread_create(&t, NULL, take_last_place, &r), 0);
    await_blocked(&r.done);
    /* Had it not waited for this commit, both would have the place. */
    ck_assert_int_eq(st->ops->commit(st), FB_STORE_OK);
    pthread_join(t, NULL);
    ck_assert_int_eq(r.rc, FB_STORE_REFUSED);
    long long used = 0;
    ck_assert_int_eq(st->ops->form_places_used(st, "f", &used), FB_STORE_OK);
    ck_assert_int_eq(used, 1);
    char ref[FB_REFERENCE_MAX];
    ck_assert_int_eq(st->ops->submission_find(st, "tok-b", ref, sizeof ref),
                     FB_STORE_NOT_FOUND);
    r.s->ops->close(r.s);
}
END_TEST

static int
count_one(const struct fb_delivery *d, void *cls)
{
    (void)d;
    ++*(int *)cls;
    return 0;
}

START_TEST(saved_journeys_found_by_hash_used_once_and_expired)
{
    struct fb_saved sv = {.created_at = 1000, .expires_at = 5000};
    snprintf(sv.id, sizeof sv.id, "0123456789abcdef0123456789abcdef");
    snprintf(sv.form, sizeof sv.form, "grant");
    snprintf(sv.form_version, sizeof sv.form_version, "abc123");
    snprintf(sv.email, sizeof sv.email, "sam@example.com");
    snprintf(sv.language, sizeof sv.language, "cy");
    ck_assert_int_eq(st->ops->saved_add(st, &sv, "form=grant&a.q=1"),
                     FB_STORE_OK);
    /* The same id twice is refused: ids are drawn, never reused. */
    ck_assert_int_eq(st->ops->saved_add(st, &sv, "x"), FB_STORE_ERROR);
    struct fb_saved got;
    ck_assert_int_eq(st->ops->saved_get(st, sv.id, &got), FB_STORE_OK);
    ck_assert_str_eq(got.email, "sam@example.com");
    ck_assert_str_eq(got.language, "cy");
    ck_assert_str_eq(got.form_version, "abc123");
    ck_assert(!got.used && !got.has_token);
    ck_assert_int_eq(got.expires_at, 5000);
    ck_assert_int_eq(st->ops->saved_get(st, "nope", &got),
                     FB_STORE_NOT_FOUND);

    /* No link yet: no hash finds it. A new link replaces the last. */
    unsigned char h1[FB_SAVED_HASH_LEN], h2[FB_SAVED_HASH_LEN];
    memset(h1, 0xa1, sizeof h1);
    memset(h2, 0x00, sizeof h2);
    h2[31] = 0x5c;   /* a backslash byte, and zeros: bytes, not text */
    char *data = NULL;
    ck_assert_int_eq(st->ops->saved_find(st, h1, &got, &data),
                     FB_STORE_NOT_FOUND);
    ck_assert_ptr_null(data);
    ck_assert_int_eq(st->ops->saved_token(st, sv.id, h1), FB_STORE_OK);
    ck_assert_int_eq(st->ops->saved_token(st, sv.id, h2), FB_STORE_OK);
    ck_assert_int_eq(st->ops->saved_find(st, h1, &got, NULL),
                     FB_STORE_NOT_FOUND);
    ck_assert_int_eq(st->ops->saved_find(st, h2, &got, &data), FB_STORE_OK);
    ck_assert_str_eq(data, "form=grant&a.q=1");
    free(data);
    ck_assert(got.has_token);
    ck_assert_mem_eq(got.token_hash, h2, FB_SAVED_HASH_LEN);
    ck_assert_int_eq(st->ops->saved_token(st, "nope", h1),
                     FB_STORE_NOT_FOUND);

    /* Used once: its record goes, a second use is refused, no new link
     * is taken, and it is still found to say it was used. */
    ck_assert_int_eq(st->ops->saved_use(st, sv.id, 2000), FB_STORE_OK);
    ck_assert_int_eq(st->ops->saved_use(st, sv.id, 2001),
                     FB_STORE_NOT_FOUND);
    ck_assert_int_eq(st->ops->saved_token(st, sv.id, h1),
                     FB_STORE_NOT_FOUND);
    data = NULL;
    ck_assert_int_eq(st->ops->saved_find(st, h2, &got, &data), FB_STORE_OK);
    ck_assert(got.used);
    ck_assert_int_eq(got.used_at, 2000);
    ck_assert_ptr_null(data);

    /* Expiry: the answers go at expiry, the row when forgotten. */
    struct fb_saved other = sv;
    snprintf(other.id, sizeof other.id, "fedcba9876543210fedcba9876543210");
    other.expires_at = 9000;
    ck_assert_int_eq(st->ops->saved_add(st, &other, "form=grant&a.q=2"),
                     FB_STORE_OK);
    ck_assert_int_eq(st->ops->saved_token(st, other.id, h1), FB_STORE_OK);
    size_t n = 99;
    ck_assert_int_eq(st->ops->saved_expire(st, 9000, 0, &n), FB_STORE_OK);
    ck_assert_uint_eq(n, 0);   /* expiring at 9000 is not yet expired */
    ck_assert_int_eq(st->ops->saved_expire(st, 9001, 0, &n), FB_STORE_OK);
    ck_assert_uint_eq(n, 1);
    data = NULL;
    ck_assert_int_eq(st->ops->saved_find(st, h1, &got, &data), FB_STORE_OK);
    ck_assert_str_eq(data, "");
    free(data);
    struct fb_delivery d = {.target = -2, .created_at = 1000,
                            .next_at = 1000};
    snprintf(d.reference, sizeof d.reference, "%s", other.id);
    snprintf(d.form, sizeof d.form, "grant");
    snprintf(d.target_name, sizeof d.target_name, "save-link");
    snprintf(d.event, sizeof d.event, "saved");
    snprintf(d.language, sizeof d.language, "cy");
    ck_assert_int_eq(st->ops->delivery_add(st, &d), FB_STORE_OK);
    int found = 0;
    ck_assert_int_eq(st->ops->delivery_each(st, -1, "grant", count_one,
                                            &found), FB_STORE_OK);
    ck_assert_int_eq(found, 1);
    ck_assert_int_eq(st->ops->saved_expire(st, 9001, 9001, &n),
                     FB_STORE_OK);
    /* Its link's delivery went with it. */
    found = 0;
    ck_assert_int_eq(st->ops->delivery_each(st, -1, "grant", count_one,
                                            &found), FB_STORE_OK);
    ck_assert_int_eq(found, 0);
    ck_assert_int_eq(st->ops->saved_find(st, h1, &got, NULL),
                     FB_STORE_NOT_FOUND);
    ck_assert_int_eq(st->ops->saved_get(st, sv.id, &got),
                     FB_STORE_NOT_FOUND);
}
END_TEST

/* Whether a form version may still be come back to (registry.c unloads
 * it once nothing pins it): a live session on it, or a saved journey not
 * used and not expired. */
static bool
pinned(const char *form, const char *version, long long after,
       long long now)
{
    bool yes = false;
    ck_assert_int_eq(st->ops->version_pinned(st, form, version, after, now,
                                             &yes), FB_STORE_OK);
    return yes;
}

START_TEST(versions_pinned_by_sessions_and_saved_journeys)
{
    ck_assert(!pinned("grant", "v1", 0, 0));
    ck_assert_int_eq(st->ops->session_save(st, "a",
                     "csrf=c&form=fox&ver=v9&pos=p&form=grant&ver=v1&pos=q",
                     100), FB_STORE_OK);
    ck_assert(pinned("grant", "v1", 100, 100));
    ck_assert(pinned("fox", "v9", 100, 100));
    ck_assert(!pinned("grant", "v9", 100, 100));   /* another form's */
    ck_assert(!pinned("fox", "v1", 100, 100));
    ck_assert(!pinned("grant", "v1", 101, 101));   /* its session expired */

    struct fb_saved sv = {.created_at = 100, .expires_at = 500};
    snprintf(sv.id, sizeof sv.id, "00112233445566778899aabbccddeeff");
    snprintf(sv.form, sizeof sv.form, "grant");
    snprintf(sv.form_version, sizeof sv.form_version, "v2");
    snprintf(sv.email, sizeof sv.email, "sam@example.com");
    snprintf(sv.language, sizeof sv.language, "en");
    ck_assert_int_eq(st->ops->saved_add(st, &sv, "form=grant&a.q=1"),
                     FB_STORE_OK);
    ck_assert(pinned("grant", "v2", 1000, 500));
    ck_assert(!pinned("grant", "v2", 1000, 501));  /* it expired */
    ck_assert_int_eq(st->ops->saved_use(st, sv.id, 200), FB_STORE_OK);
    ck_assert(!pinned("grant", "v2", 1000, 300));  /* used: won't resume */
}
END_TEST

int
main(void)
{
    Suite *s = suite_create(fbt_pg_wanted() ? "store-contract-pg"
                                            : "store-contract-sqlite");
    TCase *tc = tcase_create("contract");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, backend_is_the_one_asked_for);
    tcase_add_test(tc, sessions_save_replace_delete_expire);
    tcase_add_test(tc, submissions_once_per_token);
    tcase_add_test(tc, purge_deletes_in_batches_of_at_most_max);
    tcase_add_test(tc, answer_texts_are_every_submission_and_session);
    tcase_add_test(tc, savepoint_undoes_one_job_only);
    tcase_add_test(tc, places_count_hold_book_and_close);
    tcase_add_test(tc, outbox_rows_once_and_summarised);
    tcase_add_test(tc, outbox_claim_skips_the_targets_named);
    tcase_add_test(tc, erase_deletes_everything_under_the_reference);
    tcase_add_test(tc, purge_takes_the_outbox_and_booking_with_it);
    tcase_add_test(tc, redact_keeps_the_reference_without_personal_data);
    tcase_add_test(tc, audit_rows_listed_by_reference);
    tcase_add_test(tc, payments_stored_found_updated_and_selected);
    tcase_add_test(tc, assist_link_is_used_once);
    tcase_add_test(tc, shared_purge_lock_is_one_instance_at_a_time);
    tcase_add_test(tc, events_once_per_id_in_the_back_office_order);
    tcase_add_test(tc, events_go_with_their_purged_submission);
    tcase_add_test(tc, form_places_taken_up_to_the_cap);
    tcase_add_test(tc, maintenance_on_off_and_listed);
    tcase_add_test(tc, saved_journeys_found_by_hash_used_once_and_expired);
    tcase_add_test(tc, versions_pinned_by_sessions_and_saved_journeys);
    if (fbt_pg_wanted()) {
        tcase_add_test(tc, shared_slot_count_waits_for_the_other_booking);
        tcase_add_test(tc, shared_double_submit_makes_one);
        tcase_add_test(tc, shared_outbox_claim_is_leased);
        tcase_add_test(tc, shared_last_place_waits_for_the_other_instance);
    }
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
