/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the outbox's parts that need no network: the retry policy,
 * the body signature and Notify's JWT (against vectors computed with
 * Python's hmac), queueing on a real SQLite file (targets, replays,
 * events), the payloads and the delivery config keys.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "formbuilder/booking.h"
#include "formbuilder/qtype.h"
#include "outbox.h"
#include "payload.h"
#include "send.h"
#include "pgtest.h"
#include "sign.h"
#include "store.h"

static const struct fb_outbox_config *
config(void)
{
    static struct fb_outbox_config c;
    fb_outbox_config_defaults(&c);
    c.retry_base = 10;
    c.retry_max = 100;
    c.max_attempts = 5;
    c.max_age = 1000;
    return &c;
}

static struct fb_delivery
fresh(void)
{
    struct fb_delivery d = {0};
    d.created_at = 5000;
    return d;
}

static struct fb_send_result
result(enum fb_send_outcome o, int status, long retry_after)
{
    struct fb_send_result r = {0};
    r.outcome = o;
    r.status = status;
    r.retry_after = retry_after;
    snprintf(r.error, sizeof r.error, "HTTP %d", status);
    return r;
}

START_TEST(record_delivered_and_refused)
{
    struct fb_delivery d = fresh();
    struct fb_send_result ok = result(FB_SEND_OK, 200, 0);
    fb_outbox_record(&d, &ok, config(), 5001, 0);
    ck_assert_int_eq(d.state, FB_DELIVERY_DELIVERED);
    ck_assert_int_eq(d.attempts, 1);
    d = fresh();
    struct fb_send_result no = result(FB_SEND_REFUSED, 422, 0);
    fb_outbox_record(&d, &no, config(), 5001, 0);
    ck_assert_int_eq(d.state, FB_DELIVERY_FAILED);
    ck_assert_int_eq(d.last_status, 422);
    ck_assert_str_eq(d.last_error, "HTTP 422");
}
END_TEST

START_TEST(record_backs_off_exponentially_with_jitter)
{
    struct fb_delivery d = fresh();
    struct fb_send_result r = result(FB_SEND_RETRY, 503, 0);
    const long long want[] = {10, 20, 40, 80};
    for (int i = 0; i < 4; i++) {
        fb_outbox_record(&d, &r, config(), 5000, 0);
        ck_assert_int_eq(d.state, FB_DELIVERY_PENDING);
        ck_assert_int_eq(d.next_at - 5000, want[i]);
    }
    /* The most jitter takes half off. */
    d = fresh();
    d.attempts = 3;
    fb_outbox_record(&d, &r, config(), 5000, 1.0);
    ck_assert_int_eq(d.next_at - 5000, 40);
    /* Never more than retry_max. */
    struct fb_outbox_config c = *config();
    c.max_attempts = 100;
    d = fresh();
    d.attempts = 30;
    fb_outbox_record(&d, &r, &c, 5000, 0);
    ck_assert_int_eq(d.next_at - 5000, 100);
}
END_TEST

START_TEST(record_honours_retry_after)
{
    struct fb_delivery d = fresh();
    struct fb_send_result r = result(FB_SEND_RETRY, 429, 60);
    fb_outbox_record(&d, &r, config(), 5000, 0);
    ck_assert_int_eq(d.next_at - 5000, 60);
}
END_TEST

START_TEST(record_dead_after_attempts_or_age)
{
    struct fb_delivery d = fresh();
    struct fb_send_result r = result(FB_SEND_RETRY, 0, 0);
    for (int i = 0; i < 4; i++)
        fb_outbox_record(&d, &r, config(), 5000, 0);
    ck_assert_int_eq(d.state, FB_DELIVERY_PENDING);
    fb_outbox_record(&d, &r, config(), 5000, 0);
    ck_assert_int_eq(d.state, FB_DELIVERY_DEAD);
    d = fresh();
    fb_outbox_record(&d, &r, config(), 5000 + 1000, 0);
    ck_assert_int_eq(d.state, FB_DELIVERY_DEAD);
}
END_TEST

START_TEST(signature_matches_python_hmac)
{
    char sig[FB_SIGNATURE_SIZE];
    const char body[] = "{\"a\":1}";
    ck_assert_int_eq(fb_sign_body("whsec-test", 1767225600, body,
                                  sizeof body - 1, sig), 0);
    ck_assert_str_eq(sig, "t=1767225600,v1=e696d7e2e879ea34e1117b6681aaec2f"
                          "6cedbf56581351c6eda7e3e3ef5f1cec");
}
END_TEST

START_TEST(notify_key_and_jwt)
{
    char svc[FB_UUID_LEN + 1], sec[FB_UUID_LEN + 1];
    ck_assert_int_eq(fb_notify_key_split(
        "my_key-26785a09-ab16-4eb0-8407-a37497a57506-"
        "3d844edf-8d35-48ac-975b-e847b4f122b0", svc, sec), 0);
    ck_assert_str_eq(svc, "26785a09-ab16-4eb0-8407-a37497a57506");
    ck_assert_str_eq(sec, "3d844edf-8d35-48ac-975b-e847b4f122b0");
    ck_assert_int_eq(fb_notify_key_split("not-a-key", svc, sec), -1);
    char jwt[512];
    ck_assert_int_eq(fb_notify_jwt(svc, sec, 1767225600, jwt, sizeof jwt), 0);
    ck_assert_str_eq(jwt,
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
        "eyJpc3MiOiIyNjc4NWEwOS1hYjE2LTRlYjAtODQwNy1hMzc0OTdhNTc1MDYiLCJp"
        "YXQiOjE3NjcyMjU2MDB9.noRdfkAf-3bFg5z4LzDX0CD9LIkk7DfyJYgNVPRONCc");
    ck_assert_int_eq(fb_notify_jwt(svc, sec, 1, jwt, 40), -1);
}
END_TEST

/* ---- a small form with one target of each kind ---- */

static const struct fb_question_desc q_name = {
    .id = "full_name", .type = FB_Q_TEXT, .label = {{"Full name"}}};
static const struct fb_question_desc q_bins = {
    .id = "bins", .type = FB_Q_CHECKBOXES, .label = {{"Bins"}}};
static const struct fb_question_desc q_addr = {
    .id = "home", .type = FB_Q_ADDRESS, .label = {{"Address"}}};
static const struct fb_question_desc q_mail = {
    .id = "email", .type = FB_Q_EMAIL, .label = {{"Email address"}}};
static const struct fb_question_desc q_weight = {
    .id = "weight", .type = FB_Q_NUMBER, .label = {{"Weight"}}};
static const struct fb_question_desc q_bags = {
    .id = "bags", .type = FB_Q_NUMBER, .integer = true,
    .label = {{"Bags"}}};
static const struct fb_question_desc q_cost = {
    .id = "cost", .type = FB_Q_MONEY, .label = {{"Cost"}}};
static const struct fb_question_desc q_collect = {
    .id = "collect", .type = FB_Q_YES_NO, .label = {{"Collect"}}};
static const struct fb_question_desc q_garden = {
    .id = "garden", .type = FB_Q_YES_NO, .label = {{"Garden"}}};
static const struct fb_question_desc q_confirm = {
    .id = "confirm", .type = FB_Q_DECLARATION, .label = {{"Confirm"}}};
static const struct fb_question_desc *const questions[] = {
    &q_name, &q_bins, &q_addr, &q_mail, &q_weight, &q_bags, &q_cost,
    &q_collect, &q_garden, &q_confirm};
static const struct fb_forward_desc forwards[] = {
    {.kind = FB_TARGET_HTTP, .url = "https://bo.example/api",
     .format = "json"},
    {.kind = FB_TARGET_EMAIL, .email = "staff@council.example"},
    {.kind = FB_TARGET_FILE, .file = "/tmp/x.jsonl"},
};
static const struct fb_confirmation_email_desc confirmation = {
    .to = "email", .via = FB_VIA_SMTP};
static const struct fb_form_desc form = {
    .format = FB_FORMAT, .slug = "bins", .title = {{"Order bins"}},
    .version = "v1", .questions = questions, .n_questions = 10,
    .forwards = forwards, .n_forwards = 3,
    .confirmation_email = &confirmation,
};

static char dir[] = "/tmp/fb-outbox-XXXXXX";
static struct fb_store *store;

static void
open_store(void)
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[512], err[512];
    if (fbt_pg_wanted())   /* the pg suite's run */
        fbt_pg_fresh_db(path, sizeof path);
    else
        snprintf(path, sizeof path, "%s/db", dir);
    store = fb_store_open(path, err, sizeof err);
    ck_assert_msg(store != NULL, "%s", err);
}

static void
close_store(void)
{
    store->ops->close(store);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
}

static int
collect(const struct fb_delivery *d, void *cls)
{
    struct fb_buf *b = cls;
    fb_buf_printf(b, "%s %s %d|", d->target_name, d->event, d->state);
    return 0;
}

static char *
listing(void)
{
    struct fb_buf b;
    fb_buf_init(&b);
    ck_assert_int_eq(store->ops->delivery_each(store, -1, NULL, collect, &b),
                     FB_STORE_OK);
    return fb_buf_take(&b, NULL);
}

START_TEST(add_queues_every_target_once)
{
    open_store();
    ck_assert_int_eq(store->ops->begin(store), FB_STORE_OK);
    ck_assert_int_eq(fb_outbox_add(store, &form, "BIN-1", "submitted", "en",
                                   100), FB_STORE_OK);
    /* A replay queues nothing new. */
    ck_assert_int_eq(fb_outbox_add(store, &form, "BIN-1", "submitted", "en",
                                   101), FB_STORE_OK);
    /* A booking's events go to the url and file targets, each change its
     * own delivery. */
    ck_assert_int_eq(fb_outbox_add(store, &form, "BIN-1", "changed", "en",
                                   200), FB_STORE_OK);
    ck_assert_int_eq(fb_outbox_add(store, &form, "BIN-1", "changed", "en",
                                   300), FB_STORE_OK);
    ck_assert_int_eq(store->ops->commit(store), FB_STORE_OK);
    char *got = listing();
    ck_assert_str_eq(got,
        "https://bo.example/api submitted 0|"
        "mailto:staff@council.example submitted 0|"
        "file:/tmp/x.jsonl submitted 0|"
        "confirmation submitted 0|"
        "https://bo.example/api changed@200 0|file:/tmp/x.jsonl changed@200 0|"
        "https://bo.example/api changed@300 0|file:/tmp/x.jsonl changed@300 0|");
    free(got);
    close_store();
}
END_TEST

START_TEST(due_update_and_retry)
{
    open_store();
    ck_assert_int_eq(fb_outbox_add(store, &form, "BIN-2", "submitted", "en",
                                   100), FB_STORE_OK);
    struct fb_delivery d;
    ck_assert_int_eq(store->ops->delivery_get(store, 1, &d), FB_STORE_OK);
    d.state = FB_DELIVERY_DEAD;
    d.attempts = 20;
    snprintf(d.last_error, sizeof d.last_error, "gone");
    ck_assert_int_eq(store->ops->delivery_update(store, &d), FB_STORE_OK);
    size_t n = 0;
    ck_assert_int_eq(store->ops->delivery_retry(store, 2, 500, &n),
                     FB_STORE_OK);
    ck_assert_uint_eq(n, 0);   /* pending: nothing to retry */
    ck_assert_int_eq(store->ops->delivery_retry(store, 0, 500, &n),
                     FB_STORE_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(store->ops->delivery_get(store, 1, &d), FB_STORE_OK);
    ck_assert_int_eq(d.state, FB_DELIVERY_PENDING);
    ck_assert_int_eq(d.attempts, 0);
    ck_assert_int_eq(d.next_at, 500);
    ck_assert_str_eq(d.last_error, "gone");
    close_store();
}
END_TEST

/* Stored as the server stores answers (strings), in another order than
 * the form's, with one answer the form no longer asks ("old"). */
static const struct fb_submission_row row = {
    .reference = "BIN-ABCDEFGH", .form = "bins", .form_version = "v1",
    .answers_json = "{\"cost\": \"1250\", \"full_name\": \"Ann <Jones>\", "
                    "\"bins\": [\"blue\"], \"home\": {\"line1\": "
                    "\"1 High St\", \"town\": \"Leeds\", \"postcode\": "
                    "\"LS1 1AA\"}, \"weight\": \"-12.5\", \"bags\": \"3\", "
                    "\"collect\": \"yes\", \"garden\": \"no\", "
                    "\"confirm\": \"confirmed\", \"old\": \"x\"}",
    .submitted_at = "2026-12-01T10:00:00Z",
};

START_TEST(payload_json_types_the_answers)
{
    struct fb_payload_input in = {&form, &row, "submitted", "en", NULL,
                                  NULL, NULL};
    struct fb_buf b;
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_json(&b, &in), 0);
    /* In question order; numbers and pence bare, booleans, a checkbox
     * answer of one box still an array, an address an object. */
    ck_assert_str_eq(b.data, "{\"form\": \"bins\", \"version\": \"v1\", "
        "\"reference\": \"BIN-ABCDEFGH\", \"submitted_at\": "
        "\"2026-12-01T10:00:00Z\", \"language\": \"en\", \"event\": "
        "\"submitted\", \"answers\": {\"full_name\":\"Ann <Jones>\","
        "\"bins\":[\"blue\"],\"home\":{\"line1\":\"1 High St\","
        "\"town\":\"Leeds\",\"postcode\":\"LS1 1AA\"},\"weight\":-12.5,"
        "\"bags\":3,\"cost\":1250,\"collect\":true,\"garden\":false,"
        "\"confirm\":true}}");
    fb_buf_free(&b);
}
END_TEST

START_TEST(payload_json_has_the_booking)
{
    static const struct fb_booking_window windows[] = {
        {.id = "am", .start = 7 * 60, .end = 12 * 60, .capacity = 1}};
    static const struct fb_calendar_desc cal = {
        .name = "bulky", .windows = windows, .n_windows = 1};
    struct fb_form_desc booked = form;
    booked.booking = &cal;
    struct fb_place place = {.state = FB_PLACE_CANCELLED};
    snprintf(place.calendar, sizeof place.calendar, "bulky");
    snprintf(place.day, sizeof place.day, "2026-12-09");
    snprintf(place.window, sizeof place.window, "am");
    struct fb_payload_input in = {&booked, &row, "cancelled", "en", &place,
                                  NULL, NULL};
    struct fb_buf b;
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_json(&b, &in), 0);
    ck_assert_ptr_nonnull(strstr(b.data, "\"event\": \"cancelled\", "
        "\"booking\": {\"calendar\": \"bulky\", \"date\": \"2026-12-09\", "
        "\"window\": \"am\", \"start\": \"07:00\", \"end\": \"12:00\", "
        "\"status\": \"cancelled\"}, \"answers\": {"));
    fb_buf_free(&b);
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_xml(&b, &in), 0);
    ck_assert_ptr_nonnull(strstr(b.data, "<event>cancelled</event><booking>"
        "<calendar>bulky</calendar><date>2026-12-09</date><window>am"
        "</window><start>07:00</start><end>12:00</end><status>cancelled"
        "</status></booking><answers>"));
    fb_buf_free(&b);
}
END_TEST

START_TEST(payload_has_the_payment_and_its_refund)
{
    struct fb_payment pay = {.amount = 3500, .refunded = 0};
    snprintf(pay.provider_id, sizeof pay.provider_id, "hu20sqlact5260q2nanm0q8u93");
    snprintf(pay.refund_status, sizeof pay.refund_status, "pending");
    struct fb_payload_input in = {&form, &row, "cancelled", "en", NULL,
                                  &pay, NULL};
    struct fb_buf b;
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_json(&b, &in), 0);
    ck_assert_ptr_nonnull(strstr(b.data, "\"event\": \"cancelled\", "
        "\"payment\": {\"amount\": 3500, \"payment_id\": "
        "\"hu20sqlact5260q2nanm0q8u93\", \"refund\": \"pending\", "
        "\"refunded\": 0}, \"answers\": {"));
    fb_buf_free(&b);
    pay.refund_status[0] = '\0';   /* none asked for */
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_xml(&b, &in), 0);
    ck_assert_ptr_nonnull(strstr(b.data, "<event>cancelled</event><payment>"
        "<amount>3500</amount><payment_id>hu20sqlact5260q2nanm0q8u93"
        "</payment_id><refund>none</refund><refunded>0</refunded>"
        "</payment><answers>"));
    fb_buf_free(&b);
}
END_TEST

/* An assisted journey's facts (assist.h) are the payload's "assisted",
 * never an answer. */
START_TEST(payload_carries_the_assisted_facts)
{
    struct fb_submission_row assisted = row;
    assisted.answers_json = "{\"_assisted\": {\"channel\": \"phone\", "
                            "\"staff_name\": \"Sam <Staff>\"}, "
                            "\"full_name\": \"Ann\"}";
    struct fb_payload_input in = {&form, &assisted, "submitted", "en", NULL,
                                  NULL, NULL};
    struct fb_buf b;
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_json(&b, &in), 0);
    ck_assert_msg(strstr(b.data, "\"event\": \"submitted\", "
        "\"assisted\": {\"channel\": \"phone\", \"staff_name\": "
        "\"Sam <Staff>\"}, \"answers\": {\"full_name\":\"Ann\"}"), "%s",
        b.data);
    ck_assert_ptr_null(strstr(b.data, "_assisted"));
    fb_buf_free(&b);
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_xml(&b, &in), 0);
    ck_assert_ptr_nonnull(strstr(b.data, "<event>submitted</event>"
        "<assisted><channel>phone</channel><staff_name>Sam &lt;Staff&gt;"
        "</staff_name></assisted><answers><full_name>Ann</full_name>"));
    fb_buf_free(&b);
    /* A resident's own: no "assisted" at all. */
    fb_buf_init(&b);
    in.row = &row;
    ck_assert_int_eq(fb_payload_json(&b, &in), 0);
    ck_assert_ptr_null(strstr(b.data, "assisted"));
    fb_buf_free(&b);
}
END_TEST

/* A form whose account number is checked against an endpoint, and
 * whose optional second checked answer was not given. */
static const struct fb_lookup_desc account_lookup = {
    .provider = "council-tax", .message = {{"Not found"}}};
static const struct fb_question_desc q_account = {
    .id = "account", .type = FB_Q_TEXT, .label = {{"Account number"}},
    .lookup = &account_lookup};
static const struct fb_question_desc q_column = {
    .id = "column", .type = FB_Q_TEXT, .label = {{"Column"}},
    .lookup = &account_lookup};
static const struct fb_question_desc *const lookup_questions[] = {
    &q_account, &q_column};
static const struct fb_form_desc lookup_form = {
    .format = FB_FORMAT, .slug = "acct", .title = {{"Account"}},
    .version = "v1", .questions = lookup_questions, .n_questions = 2};

START_TEST(payload_says_how_lookups_were_taken)
{
    struct fb_submission_row r = {
        .reference = "ACC-ABCDEFGH", .form = "acct", .form_version = "v1",
        .answers_json = "{\"_lookup\": {\"account\": \"unverified\"}, "
                        "\"account\": \"50012345\"}",
        .submitted_at = "2026-12-01T10:00:00Z"};
    struct fb_payload_input in = {&lookup_form, &r, "submitted", "en", NULL,
                                  NULL, NULL};
    struct fb_buf b;
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_json(&b, &in), 0);
    ck_assert_ptr_nonnull(strstr(b.data, "\"event\": \"submitted\", "
        "\"lookups\": {\"account\": \"unverified\"}, \"answers\": "
        "{\"account\":\"50012345\"}}"));
    fb_buf_free(&b);
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_xml(&b, &in), 0);
    ck_assert_ptr_nonnull(strstr(b.data, "<event>submitted</event>"
        "<lookups><account>unverified</account></lookups><answers>"));
    fb_buf_free(&b);
    /* Staff read that it was not checked, under the answer. */
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_text(&b, &in, true), 0);
    ck_assert_ptr_nonnull(strstr(b.data, "Account number\n50012345\n"
        "(Not checked against our records"));
    fb_buf_free(&b);
    /* Found: no note for staff; none checked: no "lookups" at all. */
    r.answers_json = "{\"_lookup\": {\"account\": \"found\"}, "
                     "\"account\": \"50012345\"}";
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_text(&b, &in, true), 0);
    ck_assert_ptr_null(strstr(b.data, "Not checked"));
    fb_buf_free(&b);
    r.answers_json = "{\"account\": \"50012345\"}";
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_json(&b, &in), 0);
    ck_assert_ptr_null(strstr(b.data, "lookups"));
    fb_buf_free(&b);
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_xml(&b, &in), 0);
    ck_assert_ptr_null(strstr(b.data, "lookups"));
    fb_buf_free(&b);
}
END_TEST

START_TEST(payload_xml_in_question_order)
{
    struct fb_payload_input in = {&form, &row, "submitted", "cy", NULL,
                                  NULL, NULL};
    struct fb_buf b;
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_xml(&b, &in), 0);
    ck_assert_ptr_nonnull(strstr(b.data,
        "<submission><form>bins</form><version>v1</version>"
        "<reference>BIN-ABCDEFGH</reference><submitted_at>"
        "2026-12-01T10:00:00Z</submitted_at><language>cy</language>"
        "<event>submitted</event><answers><full_name>Ann &lt;Jones&gt;"
        "</full_name><bins><value>blue</value></bins>"
        "<home><line1>1 High St</line1><town>Leeds</town><postcode>LS1 1AA"
        "</postcode></home><weight>-12.5</weight><bags>3</bags>"
        "<cost>1250</cost><collect>true</collect><garden>false</garden>"
        "<confirm>true</confirm></answers></submission>"));
    fb_buf_free(&b);
    struct fb_submission_row broken = row;
    broken.answers_json = "not json";
    in.row = &broken;
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_xml(&b, &in), -1);
    fb_buf_free(&b);
}
END_TEST

START_TEST(payload_text_lists_answers_for_staff_only)
{
    struct fb_payload_input in = {&form, &row, "submitted", "en", NULL,
                                  NULL, NULL};
    struct fb_buf b;
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_text(&b, &in, false), 0);
    ck_assert_str_eq(b.data, "Order bins\n\nReference: BIN-ABCDEFGH\n");
    fb_buf_free(&b);
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_text(&b, &in, true), 0);
    ck_assert_ptr_nonnull(strstr(b.data, "\nBins\nblue\n"));
    ck_assert_ptr_nonnull(strstr(b.data,
                                 "\nAddress\n1 High St, Leeds, LS1 1AA\n"));
    fb_buf_free(&b);
}
END_TEST

/* The size of @p path, or -1. */
static long long
file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* Appends @p line to @p path in a child whose file size limit is @p limit
 * bytes (RLIMIT_FSIZE, SIGXFSZ ignored as the server does).
 * @returns the outcome the child saw. */
static int
append_limited(const char *path, const char *line, rlim_t limit)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = {limit, limit};
        signal(SIGXFSZ, SIG_IGN);
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            _exit(99);
        struct fb_send_result r;
        fb_send_file(path, line, strlen(line), &r);
        _exit((int)r.outcome);
    }
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    return WEXITSTATUS(status);
}

START_TEST(file_line_cut_by_a_full_disk_is_removed_and_retried)
{
    char tdir[] = "/tmp/fb-outbox-file-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(tdir));
    char path[128];
    snprintf(path, sizeof path, "%s/drop.jsonl", tdir);
    struct fb_send_result r;
    fb_send_file(path, "{\"n\": 1}", 8, &r);
    ck_assert_int_eq(r.outcome, FB_SEND_OK);
    ck_assert_int_eq(file_size(path), 9);
    /* Room for 11 more bytes than the file has: the write stops part way
     * through the second line, which must not stay. */
    const char *two = "{\"n\": 2, \"text\": \"longer than the room left\"}";
    ck_assert_int_eq(append_limited(path, two, 20), FB_SEND_RETRY);
    ck_assert_int_eq(file_size(path), 9);
    /* The retry, with room, appends the whole line once. */
    fb_send_file(path, two, strlen(two), &r);
    ck_assert_int_eq(r.outcome, FB_SEND_OK);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    char got[256] = "";
    size_t n = fread(got, 1, sizeof got - 1, f);
    fclose(f);
    got[n] = '\0';
    char want[256];
    snprintf(want, sizeof want, "{\"n\": 1}\n%s\n", two);
    ck_assert_str_eq(got, want);
    unlink(path);
    rmdir(tdir);
}
END_TEST

/* A submission made in Welsh is told of in Welsh: its email's words come
 * from the catalogue, the form's own texts in Welsh where it has them. */
START_TEST(payload_text_in_the_submission_language)
{
    struct fb_payload_input in = {&form, &row, "submitted", "cy", NULL,
                                  NULL, NULL};
    struct fb_buf b;
    fb_buf_init(&b);
    ck_assert_int_eq(fb_payload_text(&b, &in, true), 0);
    ck_assert_ptr_nonnull(strstr(b.data, "\n\nCyfeirnod: BIN-ABCDEFGH\n"));
    ck_assert_ptr_nonnull(strstr(b.data, "\nAnfonwyd: 2026-12-01T10:00:00Z"));
    ck_assert_ptr_null(strstr(b.data, "Reference"));
    fb_buf_free(&b);
}
END_TEST

START_TEST(config_keys)
{
    struct fb_config c;
    char err[256];
    fb_config_defaults(&c);
    ck_assert(c.outbox.smtp_starttls);
    ck_assert_int_eq(fb_config_set(&c, "outbox_retry_base", "2m", err,
                                   sizeof err), 0);
    ck_assert_uint_eq(c.outbox.retry_base, 120);
    ck_assert_uint_eq(c.outbox.concurrency, 8);
    ck_assert_int_eq(fb_config_set(&c, "outbox_concurrency", "3", err,
                                   sizeof err), 0);
    ck_assert_uint_eq(c.outbox.concurrency, 3);
    ck_assert_int_eq(fb_config_set(&c, "outbox_concurrency", "0", err,
                                   sizeof err), -1);
    ck_assert_int_eq(fb_config_set(&c, "outbox_concurrency", "65", err,
                                   sizeof err), -1);
    ck_assert_int_eq(fb_config_set(&c, "smtp_starttls", "off", err,
                                   sizeof err), 0);
    ck_assert(!c.outbox.smtp_starttls);
    ck_assert_int_eq(fb_config_set(&c, "smtp_url", "http://x", err,
                                   sizeof err), -1);
    ck_assert_int_eq(fb_config_set(&c, "notify_key_env", "lower", err,
                                   sizeof err), -1);
    ck_assert_int_eq(fb_config_set(&c, "outbox_nonsense", "1", err,
                                   sizeof err), -1);
    ck_assert_str_eq(err, "unknown key 'outbox_nonsense'");
}
END_TEST

START_TEST(check_env_names_the_missing_variable)
{
    static const struct fb_forward_desc signed_fw[] = {
        {.kind = FB_TARGET_HTTP, .url = "https://bo.example/api",
         .format = "json", .secret_env = "FB_TEST_OUTBOX_KEY"},
    };
    struct fb_form_desc f = form;
    f.forwards = signed_fw;
    f.n_forwards = 1;
    const struct fb_form_desc *forms[] = {&f};
    char err[256];
    unsetenv("FB_TEST_OUTBOX_KEY");
    ck_assert_int_eq(fb_outbox_check_env(forms, 1, config(), err,
                                         sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "FB_TEST_OUTBOX_KEY"));
    setenv("FB_TEST_OUTBOX_KEY", "k", 1);
    ck_assert_int_eq(fb_outbox_check_env(forms, 1, config(), err,
                                         sizeof err), 0);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("outbox");
    TCase *tc = tcase_create("outbox");
    tcase_add_test(tc, record_delivered_and_refused);
    tcase_add_test(tc, record_backs_off_exponentially_with_jitter);
    tcase_add_test(tc, record_honours_retry_after);
    tcase_add_test(tc, record_dead_after_attempts_or_age);
    tcase_add_test(tc, signature_matches_python_hmac);
    tcase_add_test(tc, notify_key_and_jwt);
    tcase_add_test(tc, add_queues_every_target_once);
    tcase_add_test(tc, due_update_and_retry);
    tcase_add_test(tc, payload_json_types_the_answers);
    tcase_add_test(tc, payload_json_has_the_booking);
    tcase_add_test(tc, payload_xml_in_question_order);
    tcase_add_test(tc, payload_says_how_lookups_were_taken);
    tcase_add_test(tc, payload_has_the_payment_and_its_refund);
    tcase_add_test(tc, payload_carries_the_assisted_facts);
    tcase_add_test(tc, payload_text_lists_answers_for_staff_only);
    tcase_add_test(tc, file_line_cut_by_a_full_disk_is_removed_and_retried);
    tcase_add_test(tc, payload_text_in_the_submission_language);
    tcase_add_test(tc, config_keys);
    tcase_add_test(tc, check_env_names_the_missing_variable);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
