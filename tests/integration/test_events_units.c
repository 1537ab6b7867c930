/* SPDX-License-Identifier: MIT */
/*
 * Progress updates without HTTP (runtime/server/events.h): the body's
 * fields, the signature against a vector made with Python's hmac, the
 * statuses' words, the match of the track page, and fb_events_print()
 * over a real SQLite file, as `formbuilder submission show` calls it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "events.h"
#include "sign.h"
#include "formbuilder/events.h"
#include "track_limit.h"
#include "track_match.h"

static const struct fb_event_status_desc statuses[] = {
    {.id = "awaiting_parts", .label = {{"Waiting for parts",
                                        "Yn aros am rannau"}}},
};

static const struct fb_question_desc email_q = {
    .id = "email", .type = FB_Q_EMAIL, .label = {{"Email"}},
};
static const struct fb_question_desc address_q = {
    .id = "home", .type = FB_Q_ADDRESS, .label = {{"Address"}},
};
static const struct fb_question_desc name_q = {
    .id = "full_name", .type = FB_Q_TEXT, .label = {{"Name"}},
};
static const struct fb_question_desc *const questions[] = {
    &name_q, &email_q, &address_q,
};

static const struct fb_form_desc form = {
    .format = FB_FORMAT, .slug = "lights", .title = {{"Lights"}},
    .reference_prefix = "SL", .questions = questions, .n_questions = 3,
    .events_secret_env = "TEST_EVENTS_SECRET", .event_statuses = statuses,
    .n_event_statuses = 1,
};

static enum fb_event_problem
parse(const char *body, struct fb_event_input *in)
{
    char why[200];
    enum fb_event_problem p =
        fb_event_parse(&form, body, strlen(body), in, why, sizeof why);
    ck_assert_msg(p == FB_EVENT_FINE || why[0], "a refusal says why");
    return p;
}

START_TEST(bodies_are_read_strictly)
{
    struct fb_event_input in;
    ck_assert_int_eq(parse("{\"id\":\"e-1\",\"status\":\"awaiting_parts\","
                           "\"message\":\"Soon\",\"public\":true}", &in),
                     FB_EVENT_FINE);
    ck_assert_str_eq(in.id, "e-1");
    ck_assert_str_eq(in.status, "awaiting_parts");
    ck_assert_str_eq(in.message, "Soon");
    ck_assert(in.public);
    fb_event_input_clear(&in);
    ck_assert_int_eq(parse("{\"id\":\"e-1\",\"status\":\"received\"}", &in),
                     FB_EVENT_FINE);
    ck_assert(!in.public);
    ck_assert_str_eq(in.message, "");
    fb_event_input_clear(&in);
    static const struct {
        const char *body;
        enum fb_event_problem want;
    } bad[] = {
        {"{\"id\":\"e\",\"status\":\"lost\"}", FB_EVENT_UNKNOWN_STATUS},
        {"{\"id\":\"e\",\"status\":\"received\",\"x\":1}", FB_EVENT_BAD_FIELD},
        {"{\"id\":[\"a\",\"b\"],\"status\":\"received\"}", FB_EVENT_BAD_FIELD},
        {"{\"id\":\"a b\",\"status\":\"received\"}", FB_EVENT_BAD_FIELD},
        {"{\"id\":\"formbuilder:x\",\"status\":\"received\"}",
         FB_EVENT_BAD_FIELD},
        {"{\"id\":\"e\",\"status\":\"received\",\"public\":\"yes\"}",
         FB_EVENT_BAD_FIELD},
        {"{\"id\":\"e\",\"status\":\"received\",\"public\":true}",
         FB_EVENT_BAD_FIELD},
        {"{\"id\":\"e\"}", FB_EVENT_BAD_FIELD},
        {"[1]", FB_EVENT_NOT_JSON},
        {"{\"id\":\"e\",\"status\":\"rec\xc3\"}", FB_EVENT_NOT_UTF8},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(parse(bad[i].body, &in) == bad[i].want, "%s",
                      bad[i].body);
        fb_event_input_clear(&in);
    }
}
END_TEST

/* python3 -c 'import hmac,hashlib; print(hmac.new(b"k3y",
 *   b"1767225600.{\"id\":\"e-1\"}", hashlib.sha256).hexdigest())' */
#define VECTOR "06903a470ff9ceff9f5a8294166dc8f8f2d45a9a9dadea57ffcf192074ce004b"

START_TEST(signatures_are_checked_in_their_window)
{
    const char *body = "{\"id\":\"e-1\"}";
    size_t n = strlen(body);
    char want[FB_SIGNATURE_SIZE];
    ck_assert_int_eq(fb_sign_body("k3y", 1767225600, body, n, want), 0);
    ck_assert_str_eq(want, "t=1767225600,v1=" VECTOR);
    long long t = 0;
    ck_assert(fb_event_signature_ok("k3y", want, body, n, 1767225600, &t));
    ck_assert_int_eq(t, 1767225600);
    ck_assert(fb_event_signature_ok("k3y", want, body, n,
                                    1767225600 + FB_EVENTS_WINDOW, &t));
    ck_assert(!fb_event_signature_ok("k3y", want, body, n,
                                     1767225600 + FB_EVENTS_WINDOW + 1, &t));
    ck_assert(!fb_event_signature_ok("k3y", want, body, n,
                                     1767225600 - FB_EVENTS_WINDOW - 1, &t));
    ck_assert(!fb_event_signature_ok("other", want, body, n, 1767225600,
                                     &t));
    ck_assert(!fb_event_signature_ok("k3y", want, "{}", 2, 1767225600, &t));
    ck_assert(!fb_event_signature_ok("k3y", NULL, body, n, 1767225600, &t));
    /* A second v1 (a secret being changed) is tried too. */
    char two[2 * FB_SIGNATURE_SIZE];
    snprintf(two, sizeof two, "t=1767225600,v1=%064d,%s", 0,
             strstr(want, "v1="));
    ck_assert(fb_event_signature_ok("k3y", two, body, n, 1767225600, &t));
}
END_TEST

START_TEST(statuses_are_worded_in_both_languages)
{
    ck_assert_str_eq(fb_event_status_label(&form, "received", FB_LANG_EN),
                     "Received");
    ck_assert_str_eq(fb_event_status_label(&form, "received", FB_LANG_CY),
                     "Wedi dod i law");
    ck_assert_str_eq(fb_event_status_label(&form, "awaiting_parts",
                                           FB_LANG_CY), "Yn aros am rannau");
    ck_assert_ptr_null(fb_event_status_label(&form, "lost", FB_LANG_EN));
    for (size_t i = 0; i < FB_EVENT_BUILTIN_COUNT; i++)
        ck_assert_ptr_nonnull(fb_event_status_label(
            &form, fb_event_builtin_statuses[i], FB_LANG_CY));
}
END_TEST

START_TEST(only_an_email_or_postcode_answer_matches)
{
    const char *answers = "{\"full_name\":\"Sam Jones\","
                          "\"email\":\"Sam@Example.com\","
                          "\"home\":{\"line1\":\"1 High St\","
                          "\"postcode\":\"SK4 1AA\"}}";
    ck_assert(fb_track_contact_matches(&form, answers, " sam@example.COM "));
    ck_assert(fb_track_contact_matches(&form, answers, "sk41aa"));
    ck_assert(fb_track_contact_matches(&form, answers, "SK4  1AA"));
    ck_assert(!fb_track_contact_matches(&form, answers, "Sam Jones"));
    ck_assert(!fb_track_contact_matches(&form, answers, "1 High St"));
    ck_assert(!fb_track_contact_matches(&form, answers, "sam@example.org"));
    ck_assert(!fb_track_contact_matches(&form, answers, ""));
    ck_assert(!fb_track_contact_matches(&form, "{}", "sam@example.com"));
    char to[100];
    ck_assert(fb_track_resident_email(&form, answers, to, sizeof to));
    ck_assert_str_eq(to, "Sam@Example.com");
}
END_TEST

START_TEST(print_lists_every_event_for_staff)
{
    char dir[] = "/tmp/fbevents-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[64], err[256];
    snprintf(path, sizeof path, "%s/t.db", dir);
    struct fb_store *s = fb_store_open(path, err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    struct fb_submission sub = {
        .form = "lights", .form_version = "v", .answers_json = "{}",
        .submit_token = "tok", .reference_prefix = "SL",
        .submitted_at = "2026-01-01T09:00:00Z",
    };
    ck_assert_int_eq(fb_submission_insert(s, &sub), FB_STORE_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    ck_assert_int_eq(fb_events_print(s, sub.reference, out), 0);
    fclose(out);
    ck_assert_str_eq(text, "Progress updates:\n  no progress updates\n");
    free(text);
    struct fb_submission_event e = {
        .reference = sub.reference, .event_id = "job-2",
        .status = "scheduled", .message = "Friday\nFake line",
        .public = true, .occurred_at = 1767258000, .received_at = 1767258001,
    };
    bool existed;
    ck_assert_int_eq(s->ops->submission_event_add(s, &e, &existed),
                     FB_STORE_OK);
    e = (struct fb_submission_event){
        .reference = sub.reference, .event_id = "job-1",
        .status = "received", .message = "", .public = false,
        .occurred_at = 1767254400, .received_at = 1767254401,
    };
    ck_assert_int_eq(s->ops->submission_event_add(s, &e, &existed),
                     FB_STORE_OK);
    out = open_memstream(&text, &len);
    ck_assert_int_eq(fb_events_print(s, sub.reference, out), 0);
    fclose(out);
    ck_assert_str_eq(text,
        "Progress updates:\n"
        "  2026-01-01T08:00:00Z  received         staff  job-1\n"
        "  2026-01-01T09:00:00Z  scheduled        public job-2  "
        "Friday Fake line\n");
    free(text);
    s->ops->close(s);
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Fails @p reference @p times at @p now. */
static void
fail_times(const char *reference, int times, long long now)
{
    for (int i = 0; i < times; i++)
        fb_track_limit_failed(reference, now);
}

START_TEST(a_reference_is_locked_after_its_failures_for_the_window)
{
    long long t = 1000000;
    fail_times("SL-AAAA-1111", FB_TRACK_FAILURES - 1, t);
    ck_assert_uint_eq(fb_track_limit_wait("sl-aaaa-1111", t + 1), 0);
    fb_track_limit_failed("sl-aaaa-1111", t + 10);
    ck_assert_uint_eq(fb_track_limit_wait("SL-AAAA-1111", t + 10),
                      FB_TRACK_WINDOW - 10);
    ck_assert_uint_eq(fb_track_limit_wait("SL-AAAA-1112", t + 10), 0);
    ck_assert_uint_eq(fb_track_limit_wait("SL-AAAA-1111", t + FB_TRACK_WINDOW),
                      0);
    fb_track_limit_failed("SL-AAAA-1111", t + FB_TRACK_WINDOW);
    ck_assert_uint_eq(fb_track_limit_wait("SL-AAAA-1111", t + FB_TRACK_WINDOW),
                      0);
}
END_TEST

/* Wrong lookups of many other references neither lock a reference out
 * (they used to share counters by hash) nor reset one that is locked. */
START_TEST(other_references_neither_lock_out_nor_unlock_one)
{
    long long t = 2000000;
    fail_times("SL-LOCK-0001", FB_TRACK_FAILURES, t);
    char ref[32];
    for (int i = 0; i < 3000; i++) {
        snprintf(ref, sizeof ref, "SL-SPRAY-%05d", i);
        fail_times(ref, FB_TRACK_FAILURES, t + 1);
    }
    for (int i = 0; i < 60000; i++) {
        snprintf(ref, sizeof ref, "SL-ONCE-%05d", i);
        fb_track_limit_failed(ref, t + 2);
    }
    ck_assert_uint_gt(fb_track_limit_wait("SL-LOCK-0001", t + 3), 0);
    for (int i = 0; i < 200; i++) {
        snprintf(ref, sizeof ref, "SL-FRESH-%05d", i);
        ck_assert_msg(fb_track_limit_wait(ref, t + 3) == 0, "%s locked", ref);
        fail_times(ref, FB_TRACK_FAILURES - 1, t + 3);
        ck_assert_msg(fb_track_limit_wait(ref, t + 3) == 0, "%s locked", ref);
    }
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("events-units");
    TCase *tc = tcase_create("events");
    tcase_add_test(tc, bodies_are_read_strictly);
    tcase_add_test(tc, signatures_are_checked_in_their_window);
    tcase_add_test(tc, statuses_are_worded_in_both_languages);
    tcase_add_test(tc, only_an_email_or_postcode_answer_matches);
    tcase_add_test(tc, print_lists_every_event_for_staff);
    tcase_add_test(tc, a_reference_is_locked_after_its_failures_for_the_window);
    tcase_add_test(tc, other_references_neither_lock_out_nor_unlock_one);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
