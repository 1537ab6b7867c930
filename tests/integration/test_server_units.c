/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the server's modules that need no HTTP: configuration,
 * urlencoded decoding, JSON, sessions (with the pages seen and the CSRF
 * tokens of sessions not stored yet), tokens, the SQLite store and the
 * writer's health. The walk has its own file, test_walk.c.
 */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "harness.h"
#include "formbuilder/form.h"
#include "formdata.h"
#include "json.h"
#include "lang.h"
#include "metrics.h"
#include "ratelimit.h"
#include "session.h"
#include "store.h"
#include "store_schema.h"
#include "token.h"

/* The harness names the schema version for tests built without the
 * server's headers; it must be the store's. */
_Static_assert(FBT_SCHEMA_LATEST == FB_SCHEMA_LATEST,
               "harness.h's FBT_SCHEMA_LATEST is not store_schema.h's");
#include "writer.h"

static struct fb_session_key key;

/* ---- config ---- */

START_TEST(config_defaults)
{
    struct fb_config c;
    fb_config_defaults(&c);
    ck_assert_str_eq(c.listen, "127.0.0.1");
    ck_assert_uint_eq(c.port, 8080);
    ck_assert_str_eq(c.db, "var/formbuilder.db");
    ck_assert_uint_eq(c.session_idle, 1800);
    ck_assert_uint_eq(c.body_limit, 65536);
    ck_assert_uint_eq(c.max_fields, 200);
    ck_assert(!c.secure_cookies);
}
END_TEST

START_TEST(config_units_and_ranges)
{
    struct fb_config c;
    char err[256];
    fb_config_defaults(&c);
    ck_assert_int_eq(fb_config_set(&c, "session_idle", "2h", err,
                                   sizeof err), 0);
    ck_assert_uint_eq(c.session_idle, 7200);
    ck_assert_int_eq(fb_config_set(&c, "body_limit", "128k", err,
                                   sizeof err), 0);
    ck_assert_uint_eq(c.body_limit, 131072);
    ck_assert_int_eq(fb_config_set(&c, "port", "65536", err, sizeof err),
                     -1);
    ck_assert_ptr_nonnull(strstr(err, "port"));
    ck_assert_int_eq(fb_config_set(&c, "port", "80x", err, sizeof err), -1);
    ck_assert_int_eq(fb_config_set(&c, "max_fields", "-1", err, sizeof err),
                     -1);
    ck_assert_int_eq(fb_config_set(&c, "log_level", "loud", err, sizeof err),
                     -1);
    ck_assert_int_eq(fb_config_set(&c, "prot", "1", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "unknown key 'prot'"));
}
END_TEST

START_TEST(config_rates_and_bursts)
{
    struct fb_config c;
    char err[256];
    fb_config_defaults(&c);
    ck_assert_int_eq(fb_config_set(&c, "submit_rate_per_client", "30/h", err,
                                   sizeof err), 0);
    ck_assert(c.submit_per_client.per_second > 30.0 / 3600 - 1e-9
              && c.submit_per_client.per_second < 30.0 / 3600 + 1e-9);
    ck_assert_int_eq(fb_config_set(&c, "post_rate_per_client", "5/s", err,
                                   sizeof err), 0);
    ck_assert(c.post_per_client.per_second == 5.0);
    ck_assert_int_eq(fb_config_set(&c, "submit_rate_per_form", "off", err,
                                   sizeof err), 0);
    ck_assert(c.submit_per_form.per_second == 0);
    ck_assert_int_eq(fb_config_set(&c, "submit_burst_per_form", "7", err,
                                   sizeof err), 0);
    ck_assert_uint_eq(c.submit_per_form.burst, 7);
    static const char *const bad[] = { "5", "5/d", "0/s", "/s", "5/",
                                       "5/ss", "-1/s", "x/s", "5000000/s" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(fb_config_set(&c, "post_rate_per_client", bad[i], err,
                                    sizeof err) == -1, "took %s", bad[i]);
    ck_assert_int_eq(fb_config_set(&c, "post_burst_per_client", "0", err,
                                   sizeof err), -1);
    ck_assert_int_eq(fb_config_set(&c, "rate_limit_clients", "15", err,
                                   sizeof err), -1);
    ck_assert_int_eq(fb_config_set(&c, "trusted_proxy", "::1", err,
                                   sizeof err), 0);
    ck_assert_str_eq(c.trusted_proxy, "::1");
    ck_assert_int_eq(fb_config_set(&c, "trusted_proxy", "proxy.local", err,
                                   sizeof err), -1);
}
END_TEST

static struct fb_client_key
v4(const char *text)
{
    struct sockaddr_in a = { .sin_family = AF_INET };
    inet_pton(AF_INET, text, &a.sin_addr);
    struct fb_client_key k;
    fb_client_key_from_sockaddr((struct sockaddr *)&a, &k);
    return k;
}

static struct fb_client_key
v6(const char *text)
{
    struct sockaddr_in6 a = { .sin6_family = AF_INET6 };
    inet_pton(AF_INET6, text, &a.sin6_addr);
    struct fb_client_key k;
    fb_client_key_from_sockaddr((struct sockaddr *)&a, &k);
    return k;
}

static bool
same(struct fb_client_key a, struct fb_client_key b)
{
    return a.len == b.len && memcmp(a.bytes, b.bytes, a.len) == 0;
}

START_TEST(limits_key_ipv6_by_its_64)
{
    ck_assert_uint_eq(v4("192.0.2.7").len, 4);
    ck_assert(!same(v4("192.0.2.7"), v4("192.0.2.8")));
    ck_assert_uint_eq(v6("2001:db8:1:2::1").len, 8);
    ck_assert(same(v6("2001:db8:1:2::1"), v6("2001:db8:1:2:ffff::9")));
    ck_assert(!same(v6("2001:db8:1:2::1"), v6("2001:db8:1:3::1")));
    ck_assert(same(v6("::ffff:192.0.2.7"), v4("192.0.2.7")));
    struct fb_client_key none;
    fb_client_key_from_sockaddr(NULL, &none);
    ck_assert_uint_eq(none.len, 0);
}
END_TEST

static struct fb_client_key
forwarded(const char *peer, const char *proxy, const char *header)
{
    struct sockaddr_storage ss = { 0 };
    struct sockaddr_in *in = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, peer, &in->sin_addr) == 1) {
        in->sin_family = AF_INET;
    } else {
        ck_assert_int_eq(inet_pton(AF_INET6, peer, &in6->sin6_addr), 1);
        in6->sin6_family = AF_INET6;
    }
    struct fb_client_key k;
    fb_client_key_of((struct sockaddr *)&ss, proxy, header, &k);
    return k;
}

START_TEST(limits_trust_only_the_proxys_last_forwarded_address)
{
    /* From the proxy: the address it appended, not what the client
     * wrote before it. */
    ck_assert(same(forwarded("10.0.0.1", "10.0.0.1", "203.0.113.7"),
                   v4("203.0.113.7")));
    ck_assert(same(forwarded("10.0.0.1", "10.0.0.1",
                             "198.51.100.1, 203.0.113.7 "),
                   v4("203.0.113.7")));
    ck_assert(same(forwarded("10.0.0.1", "10.0.0.1", "1.2.3.4,2001:db8::5"),
                   v6("2001:db8::9")));
    ck_assert(same(forwarded("::ffff:10.0.0.1", "10.0.0.1", "203.0.113.7"),
                   v4("203.0.113.7")));
    ck_assert(same(forwarded("2001:db8::1", "2001:db8::1", "203.0.113.7"),
                   v4("203.0.113.7")));
    /* From anyone else, or unreadable: the peer. */
    ck_assert(same(forwarded("10.0.0.2", "10.0.0.1", "203.0.113.7"),
                   v4("10.0.0.2")));
    ck_assert(same(forwarded("2001:db8::2", "2001:db8::1", "203.0.113.7"),
                   v6("2001:db8::2")));
    ck_assert(same(forwarded("10.0.0.1", "", "203.0.113.7"),
                   v4("10.0.0.1")));
    ck_assert(same(forwarded("10.0.0.1", "10.0.0.1", NULL),
                   v4("10.0.0.1")));
    ck_assert(same(forwarded("10.0.0.1", "10.0.0.1", "203.0.113.7, junk"),
                   v4("10.0.0.1")));
    ck_assert(same(forwarded("10.0.0.1", "10.0.0.1", "203.0.113.7 x"),
                   v4("10.0.0.1")));
    ck_assert(same(forwarded("10.0.0.1", "10.0.0.1", ""), v4("10.0.0.1")));
}
END_TEST

static struct fb_config
limits_config(void)
{
    struct fb_config c;
    fb_config_defaults(&c);
    c.post_per_client = (struct fb_rate){ 1.0, 2 };
    c.submit_per_client = (struct fb_rate){ 0.5, 1 };
    c.submit_per_form = (struct fb_rate){ 0.1, 2 };
    c.rate_limit_clients = 16;
    return c;
}

START_TEST(limits_buckets_empty_and_refill)
{
    struct fb_config c = limits_config();
    struct fb_limits *l = fb_limits_new(&c, 1);
    ck_assert_ptr_nonnull(l);
    struct fb_client_key k = v4("192.0.2.1");
    unsigned wait = 0;
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &k, 0, 100, &wait),
                     FB_LIMIT_ALLOWED);
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &k, 0, 100, &wait),
                     FB_LIMIT_ALLOWED);
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &k, 0, 100.25, &wait),
                     FB_LIMIT_CLIENT);
    ck_assert_uint_eq(wait, 1);   /* 0.75 s, rounded up */
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &k, 0, 101, &wait),
                     FB_LIMIT_ALLOWED);
    /* Page POSTs and submissions are separate buckets. */
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_SUBMIT, &k, 0, 101, &wait),
                     FB_LIMIT_ALLOWED);
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_SUBMIT, &k, 0, 101, &wait),
                     FB_LIMIT_CLIENT);
    ck_assert_uint_eq(wait, 2);
    /* A long wait refills only up to the burst. */
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &k, 0, 1e6, &wait),
                     FB_LIMIT_ALLOWED);
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &k, 0, 1e6, &wait),
                     FB_LIMIT_ALLOWED);
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &k, 0, 1e6, &wait),
                     FB_LIMIT_CLIENT);
    fb_limits_free(l);
}
END_TEST

START_TEST(limits_form_refusal_costs_the_client_nothing)
{
    struct fb_config c = limits_config();
    c.submit_per_client = (struct fb_rate){ 0.5, 1 };
    struct fb_limits *l = fb_limits_new(&c, 2);
    struct fb_client_key a = v4("192.0.2.1"), b = v4("192.0.2.2"),
                         d = v4("192.0.2.3");
    unsigned wait = 0;
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_SUBMIT, &a, 0, 10, &wait),
                     FB_LIMIT_ALLOWED);
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_SUBMIT, &b, 0, 10, &wait),
                     FB_LIMIT_ALLOWED);
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_SUBMIT, &d, 0, 10, &wait),
                     FB_LIMIT_FORM);
    ck_assert_uint_eq(wait, 10);
    /* The other form has its own bucket, and d's was not spent. */
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_SUBMIT, &d, 1, 10, &wait),
                     FB_LIMIT_ALLOWED);
    /* Page POSTs do not draw on the form's submissions. */
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &d, 0, 10, &wait),
                     FB_LIMIT_ALLOWED);
    fb_limits_free(l);
}
END_TEST

START_TEST(limits_table_evicts_the_least_recently_seen)
{
    struct fb_config c = limits_config();
    c.post_per_client = (struct fb_rate){ 0.001, 1 };
    struct fb_limits *l = fb_limits_new(&c, 1);
    unsigned wait = 0;
    struct fb_client_key keep = v4("198.51.100.1"), lose = v4("198.51.100.2");
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &lose, 0, 1, &wait),
                     FB_LIMIT_ALLOWED);
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &keep, 0, 1, &wait),
                     FB_LIMIT_ALLOWED);
    for (int i = 0; i < 1000; i++) {
        char text[32];
        snprintf(text, sizeof text, "2001:db8:%x::1", i);
        struct fb_client_key k = v6(text);
        fb_limits_take(l, FB_LIMIT_POST, &k, 0, 2, &wait);
        /* keep is seen again every few new addresses, so it stays. */
        if (i % 4 == 0)
            ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &keep, 0, 2,
                                            &wait), FB_LIMIT_CLIENT);
        ck_assert_uint_le(fb_limits_clients(l), 16);
    }
    ck_assert_uint_eq(fb_limits_clients(l), 16);
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &keep, 0, 3, &wait),
                     FB_LIMIT_CLIENT);
    /* lose was forgotten: a full bucket again. */
    ck_assert_int_eq(fb_limits_take(l, FB_LIMIT_POST, &lose, 0, 3, &wait),
                     FB_LIMIT_ALLOWED);
    fb_limits_free(l);
}
END_TEST

START_TEST(metrics_count_and_write_families_once)
{
    unsigned long before = fb_metric_value(FB_METRIC_WRITE_FAILURES);
    fb_metric_add(FB_METRIC_WRITE_FAILURES, 3);
    ck_assert_uint_eq(fb_metric_value(FB_METRIC_WRITE_FAILURES), before + 3);
    fb_metric_set(FB_METRIC_RATE_LIMIT_CLIENTS, 5);
    struct fb_buf b;
    fb_buf_init(&b);
    fb_metrics_write(&b);
    char *text = fb_buf_take(&b, NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "\nformbuilder_rate_limit_clients 5\n"));
    const char *t = strstr(text, "# TYPE formbuilder_rate_limited_total ");
    ck_assert_ptr_nonnull(t);
    ck_assert_ptr_null(strstr(t + 1, "# TYPE formbuilder_rate_limited_total "));
    free(text);
}
END_TEST

START_TEST(config_https_base_url_makes_cookies_secure)
{
    struct fb_config c;
    char err[256];
    fb_config_defaults(&c);
    ck_assert_int_eq(fb_config_set(&c, "base_url", "https://x.example", err,
                                   sizeof err), 0);
    ck_assert(c.secure_cookies);
    ck_assert_int_eq(fb_config_set(&c, "base_url", "ftp://x", err,
                                   sizeof err), -1);
}
END_TEST

START_TEST(config_file_reports_line)
{
    char path[] = "/tmp/fbconf-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("# comment\nport = 9090   # trailing\n\nlisten=::1\nbogus\n", f);
    fclose(f);
    struct fb_config c;
    char err[256];
    fb_config_defaults(&c);
    ck_assert_int_eq(fb_config_load_file(&c, path, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, ":5: expected 'key = value'"));
    ck_assert_uint_eq(c.port, 9090);
    ck_assert_str_eq(c.listen, "::1");
    unlink(path);
    ck_assert_int_eq(fb_config_load_file(&c, path, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "cannot open"));
}
END_TEST

START_TEST(config_env_overrides)
{
    struct fb_config c;
    char err[256];
    fb_config_defaults(&c);
    setenv("FORMBUILDER_PORT", "1234", 1);
    setenv("FORMBUILDER_DB", "/tmp/x.db", 1);
    ck_assert_int_eq(fb_config_load_env(&c, err, sizeof err), 0);
    ck_assert_uint_eq(c.port, 1234);
    ck_assert_str_eq(c.db, "/tmp/x.db");
    setenv("FORMBUILDER_MAX_FIELDS", "lots", 1);
    ck_assert_int_eq(fb_config_load_env(&c, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "FORMBUILDER_MAX_FIELDS"));
    unsetenv("FORMBUILDER_PORT");
    unsetenv("FORMBUILDER_DB");
    unsetenv("FORMBUILDER_MAX_FIELDS");
}
END_TEST

/* ---- formdata ---- */

static enum fb_formdata_status
parse(const char *body, unsigned max, struct fb_answers **out)
{
    *out = fb_answers_new();
    return fb_formdata_parse(body, strlen(body), max, *out);
}

START_TEST(formdata_decodes_pairs_in_order)
{
    struct fb_answers *a;
    ck_assert_int_eq(parse("a=1&b=x+y%21&a=2&&c", 10, &a), FB_FORMDATA_OK);
    ck_assert_uint_eq(fb_answers_size(a), 4);
    ck_assert_str_eq(fb_answers_get_nth(a, "a", 1), "2");
    ck_assert_str_eq(fb_answers_get(a, "b"), "x y!");
    ck_assert_str_eq(fb_answers_get(a, "c"), "");
    fb_answers_free(a);
}
END_TEST

START_TEST(formdata_rejects_bad_input)
{
    struct fb_answers *a;
    ck_assert_int_eq(parse("a=%4", 10, &a), FB_FORMDATA_MALFORMED);
    fb_answers_free(a);
    ck_assert_int_eq(parse("a=%g0", 10, &a), FB_FORMDATA_MALFORMED);
    fb_answers_free(a);
    ck_assert_int_eq(parse("=x", 10, &a), FB_FORMDATA_MALFORMED);
    fb_answers_free(a);
    ck_assert_int_eq(parse("a=%00", 10, &a), FB_FORMDATA_MALFORMED);
    fb_answers_free(a);
    ck_assert_int_eq(parse("a=%FF", 10, &a), FB_FORMDATA_BAD_UTF8);
    fb_answers_free(a);
    ck_assert_int_eq(parse("a=1&b=2&c=3", 2, &a), FB_FORMDATA_TOO_MANY);
    fb_answers_free(a);
}
END_TEST

START_TEST(formdata_round_trips)
{
    struct fb_buf b;
    fb_buf_init(&b);
    fb_formdata_append(&b, "na me", "a&b=c\xc3\xa9+%");
    fb_formdata_append(&b, "x", "");
    char *s = fb_buf_take(&b, NULL);
    struct fb_answers *a;
    ck_assert_int_eq(parse(s, 10, &a), FB_FORMDATA_OK);
    ck_assert_str_eq(fb_answers_get(a, "na me"), "a&b=c\xc3\xa9+%");
    ck_assert_str_eq(fb_answers_get(a, "x"), "");
    fb_answers_free(a);
    free(s);
}
END_TEST

/* ---- json ---- */

static bool
is_list(const char *name, void *cls)
{
    (void)cls;
    return strcmp(name, "tags") == 0;
}

START_TEST(json_nests_dotted_names_and_lists)
{
    struct fb_answers *a = fb_answers_new();
    fb_answers_add(a, "name", "A \"q\"\n");
    fb_answers_add(a, "addr.line1", "1 Road");
    fb_answers_add(a, "tags", "x");
    fb_answers_add(a, "addr.town", "Town");
    fb_answers_add(a, "many", "1");
    fb_answers_add(a, "many", "2");
    struct fb_buf b;
    fb_buf_init(&b);
    fb_json_answers(&b, a, is_list, NULL);
    char *s = fb_buf_take(&b, NULL);
    ck_assert_str_eq(s, "{\"name\":\"A \\\"q\\\"\\n\",\"addr\":{\"line1\":"
                        "\"1 Road\",\"town\":\"Town\"},\"tags\":[\"x\"],"
                        "\"many\":[\"1\",\"2\"]}");
    struct fb_answers *back = fb_answers_new();
    ck_assert_int_eq(fb_json_flatten(s, back), 0);
    ck_assert_str_eq(fb_answers_get(back, "addr.town"), "Town");
    ck_assert_str_eq(fb_answers_get(back, "name"), "A \"q\"\n");
    ck_assert_uint_eq(fb_answers_count(back, "many"), 2);
    fb_answers_free(back);
    fb_answers_free(a);
    free(s);
}
END_TEST

/* A name in parts is stored as dotted parts, so it is forwarded as an
 * object as an address is; money stays whole pence as a string, a time
 * "HH:MM", as the payload schemas say (compiler/emit_schema.c). */
START_TEST(json_name_parts_nest_and_money_stays_text)
{
    struct fb_answers *a = fb_answers_new();
    fb_answers_add(a, "applicant.title", "Dr");
    fb_answers_add(a, "applicant.given", "Ada");
    fb_answers_add(a, "applicant.family", "Lovelace");
    fb_answers_add(a, "full_name", "Ada Lovelace");
    fb_answers_add(a, "amount", "1250");
    fb_answers_add(a, "call_time", "09:30");
    fb_answers_add(a, "country", "FR");
    struct fb_buf b;
    fb_buf_init(&b);
    fb_json_answers(&b, a, is_list, NULL);
    char *s = fb_buf_take(&b, NULL);
    ck_assert_str_eq(s, "{\"applicant\":{\"title\":\"Dr\",\"given\":"
                        "\"Ada\",\"family\":\"Lovelace\"},\"full_name\":"
                        "\"Ada Lovelace\",\"amount\":\"1250\",\"call_time\":"
                        "\"09:30\",\"country\":\"FR\"}");
    struct fb_answers *back = fb_answers_new();
    ck_assert_int_eq(fb_json_flatten(s, back), 0);
    ck_assert_str_eq(fb_answers_get(back, "applicant.family"), "Lovelace");
    ck_assert_str_eq(fb_answers_get(back, "amount"), "1250");
    fb_answers_free(back);
    fb_answers_free(a);
    free(s);
}
END_TEST

START_TEST(json_flatten_rejects_bad_text)
{
    static const char *const bad[] = { "", "[]", "{", "{\"a\":}",
                                       "{\"a\":\"x\"} x", "\"s\"",
                                       "{\"a\":\"\\ud800\"}",
                                       /* found by fuzz_json: names that
                                        * would read back as others */
                                       "{\".\":\"z\"}", "{\"\":\"z\"}",
                                       "{\"a.b\":\"z\"}",
                                       "{\"a\":{\"\":\"z\"}}" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fb_answers *a = fb_answers_new();
        ck_assert_int_eq(fb_json_flatten(bad[i], a), -1);
        fb_answers_free(a);
    }
    struct fb_answers *a = fb_answers_new();
    ck_assert_int_eq(fb_json_flatten("{\"e\":\"\\u00e9\\ud83d\\ude00\"}", a),
                     0);
    ck_assert_str_eq(fb_answers_get(a, "e"), "\xc3\xa9\xf0\x9f\x98\x80");
    fb_answers_free(a);
}
END_TEST

/* ---- tokens and sessions ---- */

START_TEST(tokens_are_random_hex)
{
    char a[FB_TOKEN_HEX_LEN + 1], b[FB_TOKEN_HEX_LEN + 1];
    ck_assert_int_eq(fb_token_new(a), 0);
    ck_assert_int_eq(fb_token_new(b), 0);
    ck_assert(fb_token_valid(a));
    ck_assert(!fb_token_equal(a, b));
    ck_assert(fb_token_equal(a, a));
    ck_assert(!fb_token_valid("abc"));
    ck_assert(!fb_token_valid("0123456789ABCDEF0123456789abcdef"));
}
END_TEST

START_TEST(references_use_an_unambiguous_alphabet)
{
    char ref[FB_REFERENCE_MAX];
    for (int i = 0; i < 200; i++) {
        ck_assert_int_eq(fb_reference_new("BB", ref, sizeof ref), 0);
        ck_assert_uint_eq(strlen(ref), 3 + FB_REFERENCE_LENGTH);
        ck_assert_int_eq(strncmp(ref, "BB-", 3), 0);
        ck_assert_uint_eq(strspn(ref + 3, FB_REFERENCE_ALPHABET),
                          FB_REFERENCE_LENGTH);
        ck_assert_ptr_null(strpbrk(ref + 3, "01OIabc-"));
    }
    ck_assert_int_eq(fb_reference_new("TOOLONG", ref, 10), -1);
}
END_TEST

START_TEST(session_round_trips)
{
    struct fb_session *s = fb_session_new(&key, NULL);
    ck_assert(s->is_new);
    struct fb_progress *p = fb_session_progress(s, "form-a", true);
    fb_answers_add(p->raw, "street", "High St & Co=1");
    fb_answers_add(p->raw, "tags", "a");
    fb_answers_add(p->raw, "tags", "b");
    fb_progress_set_position(p, "contact");
    fb_session_progress(s, "form-b", true);
    char *rec = fb_session_encode(s);
    struct fb_session *t = fb_session_decode(s->id, rec);
    ck_assert_ptr_nonnull(t);
    ck_assert(!t->is_new);
    ck_assert_str_eq(t->csrf, s->csrf);
    ck_assert_uint_eq(t->n_forms, 2);
    struct fb_progress *q = fb_session_progress(t, "form-a", false);
    ck_assert_str_eq(fb_answers_get(q->raw, "street"), "High St & Co=1");
    ck_assert_uint_eq(fb_answers_count(q->raw, "tags"), 2);
    ck_assert_str_eq(q->position, "contact");
    ck_assert_str_eq(q->submit_token, p->submit_token);
    ck_assert_str_eq(q->submitted_token, "");
    ck_assert_uint_eq(fb_answers_size(q->seen), 0);
    fb_session_free(t);
    fb_session_free(s);
    free(rec);
}
END_TEST

START_TEST(session_keeps_its_language)
{
    struct fb_session *s = fb_session_new(&key, NULL);
    ck_assert_int_eq(s->lang, -1);
    char *rec = fb_session_encode(s);
    ck_assert_ptr_null(strstr(rec, "lang="));
    struct fb_session *t = fb_session_decode(s->id, rec);
    ck_assert_int_eq(t->lang, -1);
    fb_session_free(t);
    free(rec);
    s->lang = FB_LANG_CY;
    fb_session_progress(s, "form-a", true);
    rec = fb_session_encode(s);
    ck_assert_ptr_nonnull(strstr(rec, "&lang=cy&form=form-a"));
    t = fb_session_decode(s->id, rec);
    ck_assert_int_eq(t->lang, FB_LANG_CY);
    fb_session_free(t);
    free(rec);
    /* an unknown language, or one inside a form's fields, is damage */
    char bad[256];
    snprintf(bad, sizeof bad, "csrf=%s&lang=fr", s->csrf);
    ck_assert_ptr_null(fb_session_decode(s->id, bad));
    snprintf(bad, sizeof bad, "csrf=%s&form=a&tok=%s&lang=cy", s->csrf,
             s->csrf);
    ck_assert_ptr_null(fb_session_decode(s->id, bad));
    fb_session_free(s);
}
END_TEST

START_TEST(lang_accept_language_weights)
{
    const unsigned both = FB_LANG_ALL, en = 1u << FB_LANG_EN;
    ck_assert_int_eq(fb_lang_accept("cy", both), FB_LANG_CY);
    ck_assert_int_eq(fb_lang_accept("CY-gb", both), FB_LANG_CY);
    ck_assert_int_eq(fb_lang_accept("cy-GB,cy;q=0.9,en;q=0.8", both),
                     FB_LANG_CY);
    ck_assert_int_eq(fb_lang_accept("en-GB,en;q=0.9,cy;q=0.8", both),
                     FB_LANG_EN);
    ck_assert_int_eq(fb_lang_accept("en;q=0.5, cy;q=0.8", both), FB_LANG_CY);
    ck_assert_int_eq(fb_lang_accept("en;q=0.5 , cy ; q=0.51", both),
                     FB_LANG_CY);
    /* equal weights: the first listed */
    ck_assert_int_eq(fb_lang_accept("cy;q=0.7, en;q=0.7", both), FB_LANG_CY);
    /* q=0 refuses; * is English; unknown languages are skipped */
    ck_assert_int_eq(fb_lang_accept("cy;q=0", both), -1);
    ck_assert_int_eq(fb_lang_accept("fr, cy;q=0.1", both), FB_LANG_CY);
    ck_assert_int_eq(fb_lang_accept("fr, *;q=0.5", both), FB_LANG_EN);
    ck_assert_int_eq(fb_lang_accept("fr-FR, de", both), -1);
    /* a malformed weight ignores its range */
    ck_assert_int_eq(fb_lang_accept("cy;q=2, en;q=0.1", both), FB_LANG_EN);
    ck_assert_int_eq(fb_lang_accept("cy;q=abc", both), -1);
    ck_assert_int_eq(fb_lang_accept("cym, cyx", both), -1);
    ck_assert_int_eq(fb_lang_accept("", both), -1);
    ck_assert_int_eq(fb_lang_accept(NULL, both), -1);
    ck_assert_int_eq(fb_lang_accept(",,, ;q=1", both), -1);
    /* only what is offered */
    ck_assert_int_eq(fb_lang_accept("cy, en;q=0.2", en), FB_LANG_EN);
    ck_assert_int_eq(fb_lang_accept("cy", en), -1);
}
END_TEST

START_TEST(lang_choice_order)
{
    const unsigned both = FB_LANG_ALL, en = 1u << FB_LANG_EN;
    /* ?lang= first, then the session's, then Accept-Language */
    ck_assert_int_eq(fb_lang_choose("cy", FB_LANG_EN, "en", both),
                     FB_LANG_CY);
    ck_assert_int_eq(fb_lang_choose(NULL, FB_LANG_CY, "en", both),
                     FB_LANG_CY);
    ck_assert_int_eq(fb_lang_choose("fr", -1, "cy", both), FB_LANG_CY);
    ck_assert_int_eq(fb_lang_choose(NULL, -1, NULL, both), FB_LANG_EN);
    /* an English-only form ignores them all */
    ck_assert_int_eq(fb_lang_choose("cy", FB_LANG_CY, "cy", en), FB_LANG_EN);
}
END_TEST

START_TEST(session_keeps_pages_seen)
{
    struct fb_session *s = fb_session_new(&key, NULL);
    struct fb_progress *p = fb_session_progress(s, "form-a", true);
    ck_assert_uint_eq(fb_answers_size(p->seen), 0);
    ck_assert_int_eq(fb_progress_mark_seen(p, "where"), 0);
    ck_assert_int_eq(fb_progress_mark_seen(p, "about-you"), 0);
    ck_assert_int_eq(fb_progress_mark_seen(p, "where"), 0); /* once */
    ck_assert_uint_eq(fb_answers_size(p->seen), 2);
    fb_answers_add(p->raw, "seen", "an answer called seen");
    char *rec = fb_session_encode(s);
    ck_assert_ptr_nonnull(rec);
    /* one repeated field per page */
    ck_assert_ptr_nonnull(strstr(rec, "seen=where"));
    ck_assert_ptr_nonnull(strstr(rec, "seen=about-you"));
    struct fb_session *t = fb_session_decode(s->id, rec);
    ck_assert_ptr_nonnull(t);
    struct fb_progress *q = fb_session_progress(t, "form-a", false);
    ck_assert_uint_eq(fb_answers_size(q->seen), 2);
    ck_assert_ptr_nonnull(fb_answers_get(q->seen, "where"));
    ck_assert_ptr_nonnull(fb_answers_get(q->seen, "about-you"));
    ck_assert_ptr_null(fb_answers_get(q->seen, "an answer called seen"));
    /* an answer named "seen" stays an answer */
    ck_assert_str_eq(fb_answers_get(q->raw, "seen"), "an answer called seen");
    /* starting again forgets the pages seen */
    ck_assert_int_eq(fb_progress_reset(q), 0);
    ck_assert_uint_eq(fb_answers_size(q->seen), 0);
    ck_assert_uint_eq(fb_answers_size(q->raw), 0);
    fb_session_free(t);
    fb_session_free(s);
    free(rec);
}
END_TEST

START_TEST(session_csrf_is_derived_from_id_and_key)
{
    static const char id[] = "00112233445566778899aabbccddeeff";
    struct fb_session *a = fb_session_new(&key, id);
    struct fb_session *b = fb_session_new(&key, id);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(a->id, id);
    ck_assert(a->is_new);
    /* Same id, same key: the same token, so nothing needs storing. */
    ck_assert(fb_token_valid(a->csrf));
    ck_assert_str_eq(a->csrf, b->csrf);
    ck_assert_str_ne(a->csrf, id);
    fb_session_free(b);
    /* Another id or another key: another token. */
    b = fb_session_new(&key, "00112233445566778899aabbccddeef0");
    ck_assert_str_ne(a->csrf, b->csrf);
    fb_session_free(b);
    struct fb_session_key other;
    ck_assert_int_eq(fb_session_key_new(&other), 0);
    ck_assert_str_ne(other.hex, key.hex);
    b = fb_session_new(&other, id);
    ck_assert_str_ne(a->csrf, b->csrf);
    fb_session_free(b);
    /* A fresh id is random; a bad one is refused. */
    b = fb_session_new(&key, NULL);
    ck_assert(fb_token_valid(b->id));
    ck_assert_str_ne(b->id, id);
    fb_session_free(b);
    ck_assert_ptr_null(fb_session_new(&key, "not-a-token"));
    /* Stored, the token is kept as it was, whatever the key. */
    char *rec = fb_session_encode(a);
    b = fb_session_decode(id, rec);
    ck_assert_str_eq(b->csrf, a->csrf);
    ck_assert(!b->is_new);
    fb_session_free(b);
    free(rec);
    fb_session_free(a);
}
END_TEST

START_TEST(session_keeps_the_pinned_form_version)
{
    struct fb_session *s = fb_session_new(&key, NULL);
    struct fb_progress *p = fb_session_progress(s, "form-a", true);
    ck_assert_str_eq(p->version, "");
    fb_progress_pin(p, "71ffc1a22e30c138");
    fb_session_progress(s, "form-b", true);   /* never pinned */
    char *rec = fb_session_encode(s);
    ck_assert_ptr_nonnull(strstr(rec, "form=form-a&ver=71ffc1a22e30c138&"));
    /* What a store looks for to tell the version is pinned: only it. */
    char needle[96];
    ck_assert(fb_session_version_needle(needle, sizeof needle, "form-a",
                                        "71ffc1a22e30c138"));
    ck_assert_ptr_nonnull(strstr(rec, needle));
    ck_assert(fb_session_version_needle(needle, sizeof needle, "form-a",
                                        "71ffc1a22e30c1"));
    ck_assert_ptr_null(strstr(rec, needle));
    ck_assert(!fb_session_version_needle(needle, 8, "form-a", "71ff"));
    struct fb_session *t = fb_session_decode(s->id, rec);
    ck_assert_ptr_nonnull(t);
    struct fb_progress *q = fb_session_progress(t, "form-a", false);
    ck_assert_str_eq(q->version, "71ffc1a22e30c138");
    ck_assert_str_eq(fb_session_progress(t, "form-b", false)->version, "");
    /* Not a version formc writes: unpinned, and refused when stored. */
    fb_progress_pin(q, "71FF<script>");
    ck_assert_str_eq(q->version, "");
    char bad[256];
    snprintf(bad, sizeof bad, "csrf=%s&form=f&ver=no%%20hex&tok=%s",
             s->csrf, p->submit_token);
    ck_assert_ptr_null(fb_session_decode(s->id, bad));
    /* A submitted journey's successor starts on the current version. */
    fb_progress_pin(q, "abc123");
    ck_assert_int_eq(fb_progress_reset(q), 0);
    ck_assert_str_eq(q->version, "");
    fb_session_free(t);
    fb_session_free(s);
    free(rec);
}
END_TEST

START_TEST(session_seen_needs_a_form_and_a_page)
{
    char id[FB_TOKEN_HEX_LEN + 1], tok[FB_TOKEN_HEX_LEN + 1], rec[256];
    const char *csrf = "csrf=0123456789abcdef0123456789abcdef";
    fb_token_new(id);
    fb_token_new(tok);
    snprintf(rec, sizeof rec, "%s&seen=where", csrf);
    ck_assert_ptr_null(fb_session_decode(id, rec));
    snprintf(rec, sizeof rec, "%s&form=f&tok=%s&seen=", csrf, tok);
    ck_assert_ptr_null(fb_session_decode(id, rec));
    snprintf(rec, sizeof rec, "%s&form=f&tok=%s&seen=where&seen=where", csrf,
             tok);
    struct fb_session *s = fb_session_decode(id, rec);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(fb_answers_size(s->forms[0]->seen), 1);
    fb_session_free(s);
}
END_TEST

START_TEST(session_damaged_records_are_refused)
{
    char id[FB_TOKEN_HEX_LEN + 1];
    fb_token_new(id);
    ck_assert_ptr_null(fb_session_decode(id, ""));
    ck_assert_ptr_null(fb_session_decode(id, "csrf=nothex"));
    ck_assert_ptr_null(fb_session_decode(id, "csrf=0123456789abcdef0123456789"
                                             "abcdef&a.x=1"));
    ck_assert_ptr_null(fb_session_decode("bad", "csrf=0123456789abcdef0123"
                                                "456789abcdef"));
    struct fb_session *ok = fb_session_decode(id, "csrf=0123456789abcdef0123"
                                                  "456789abcdef");
    ck_assert_ptr_nonnull(ok);
    fb_session_free(ok);
}
END_TEST

/* ---- store ---- */

static char dbdir[64];
static struct fb_store *store;

static void
store_setup(void)
{
    snprintf(dbdir, sizeof dbdir, "/tmp/fbstore-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dbdir));
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/t.db", dbdir);
    store = fb_store_open(path, err, sizeof err);
    ck_assert_msg(store != NULL, "%s", err);
}

static void
store_teardown(void)
{
    store->ops->close(store);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dbdir);
    ck_assert_int_eq(system(cmd), 0);
}

static struct fb_submission
sub(const char *token, const char *at)
{
    return (struct fb_submission){
        .form = "f", .form_version = "v1", .answers_json = "{}",
        .submit_token = token, .reference_prefix = "T", .submitted_at = at,
    };
}

START_TEST(store_migrates_to_latest)
{
    ck_assert_int_eq(store->ops->schema_version(store), FBT_SCHEMA_LATEST);
    char err[256];
    ck_assert_int_eq(store->ops->migrate(store, err, sizeof err),
                     FB_STORE_OK);
    ck_assert_int_eq(store->ops->schema_version(store), FBT_SCHEMA_LATEST);
}
END_TEST

START_TEST(store_insert_is_idempotent_by_token)
{
    struct fb_submission a = sub("tok1", "2026-01-01T00:00:00Z");
    struct fb_submission b = sub("tok1", "2026-01-02T00:00:00Z");
    ck_assert_int_eq(store->ops->begin(store), FB_STORE_OK);
    ck_assert_int_eq(fb_submission_insert(store, &a), FB_STORE_OK);
    ck_assert(!a.existed);
    ck_assert_int_eq(fb_submission_insert(store, &b), FB_STORE_OK);
    ck_assert(b.existed);
    ck_assert_str_eq(a.reference, b.reference);
    ck_assert_int_eq(store->ops->commit(store), FB_STORE_OK);
    char ref[FB_REFERENCE_MAX];
    ck_assert_int_eq(store->ops->submission_find(store, "tok1", ref,
                                                 sizeof ref), FB_STORE_OK);
    ck_assert_str_eq(ref, a.reference);
    ck_assert_int_eq(store->ops->submission_find(store, "nope", ref,
                                                 sizeof ref),
                     FB_STORE_NOT_FOUND);
}
END_TEST

START_TEST(store_rollback_discards)
{
    struct fb_submission a = sub("tok2", "2026-01-01T00:00:00Z");
    ck_assert_int_eq(store->ops->begin(store), FB_STORE_OK);
    ck_assert_int_eq(fb_submission_insert(store, &a), FB_STORE_OK);
    store->ops->rollback(store);
    char ref[FB_REFERENCE_MAX];
    ck_assert_int_eq(store->ops->submission_find(store, "tok2", ref,
                                                 sizeof ref),
                     FB_STORE_NOT_FOUND);
}
END_TEST

static int
count_row(const struct fb_submission_row *row, void *cls)
{
    (void)row;
    (*(int *)cls)++;
    return 0;
}

START_TEST(store_purge_and_since)
{
    struct fb_submission a = sub("old", "2020-01-01T00:00:00Z");
    struct fb_submission b = sub("new", "2026-06-01T00:00:00Z");
    ck_assert_int_eq(fb_submission_insert(store, &a), FB_STORE_OK);
    ck_assert_int_eq(fb_submission_insert(store, &b), FB_STORE_OK);
    int n = 0;
    ck_assert_int_eq(store->ops->submission_each(store, "f", "2026-01-01",
                                                 count_row, &n), FB_STORE_OK);
    ck_assert_int_eq(n, 1);
    size_t purged = 0;
    ck_assert_int_eq(store->ops->begin(store), FB_STORE_OK);
    ck_assert_int_eq(store->ops->purge_batch(store, "f",
                                             "2025-01-01T00:00:00Z", 1000,
                                             &purged, NULL, NULL),
                     FB_STORE_OK);
    ck_assert_int_eq(store->ops->commit(store), FB_STORE_OK);
    ck_assert_uint_eq(purged, 1);
    n = 0;
    store->ops->submission_each(store, "f", NULL, count_row, &n);
    ck_assert_int_eq(n, 1);
}
END_TEST

START_TEST(store_sessions_save_load_expire)
{
    char *data = NULL;
    long long at = 0;
    ck_assert_int_eq(store->ops->session_save(store, "s1", "x=1", 100),
                     FB_STORE_OK);
    ck_assert_int_eq(store->ops->session_save(store, "s1", "x=2", 200),
                     FB_STORE_OK);
    ck_assert_int_eq(store->ops->session_load(store, "s1", &data, &at),
                     FB_STORE_OK);
    ck_assert_str_eq(data, "x=2");
    ck_assert_int_eq(at, 200);
    free(data);
    size_t n = 0;
    ck_assert_int_eq(store->ops->session_expire(store, 300, &n),
                     FB_STORE_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(store->ops->session_load(store, "s1", &data, &at),
                     FB_STORE_NOT_FOUND);
}
END_TEST

START_TEST(store_probe_commits_and_changes_nothing)
{
    ck_assert_int_eq(store->ops->session_save(store, "s1", "x=1", 100),
                     FB_STORE_OK);
    ck_assert_int_eq(store->ops->probe(store), FB_STORE_OK);
    ck_assert_int_eq(store->ops->schema_version(store), FBT_SCHEMA_LATEST);
    char *data = NULL;
    long long at = 0;
    ck_assert_int_eq(store->ops->session_load(store, "s1", &data, &at),
                     FB_STORE_OK);
    ck_assert_str_eq(data, "x=1");
    free(data);
}
END_TEST

/* ---- writer ---- */

/* A store whose commits fail while `failing` is set. */
static atomic_bool failing;

static int
fake_ok(struct fb_store *s)
{
    (void)s;
    return FB_STORE_OK;
}

static int
fake_commit(struct fb_store *s)
{
    (void)s;
    return atomic_load(&failing) ? FB_STORE_ERROR : FB_STORE_OK;
}

static void
fake_rollback(struct fb_store *s)
{
    (void)s;
}

static int
fake_save(struct fb_store *s, const char *id, const char *data, long long now)
{
    (void)s, (void)id, (void)data, (void)now;
    return FB_STORE_OK;
}

static const char *
fake_errmsg(struct fb_store *s)
{
    (void)s;
    return atomic_load(&failing) ? "disk full (fake)" : "not an error";
}

static const struct fb_store_ops fake_ops = {
    .name = "fake",
    .begin = fake_ok,
    .commit = fake_commit,
    .rollback = fake_rollback,
    .session_save = fake_save,
    .savepoint = fake_ok,
    .savepoint_release = fake_ok,
    .savepoint_rollback = fake_ok,
    .probe = fake_commit,
    .errmsg = fake_errmsg,
};

static atomic_int jobs_done;

static void
job_done(struct fb_write_job *job, void *cls)
{
    (void)job, (void)cls;
    atomic_fetch_add(&jobs_done, 1);
}

static void
sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

/* Submits one session save and waits for it. @returns its status. */
static int
write_one(struct fb_writer *w, struct fb_write_job *job)
{
    int before = atomic_load(&jobs_done);
    *job = (struct fb_write_job){ .session_id = "s", .session_data = "d",
                                  .done = job_done };
    ck_assert_int_eq(fb_writer_submit(w, job), 0);
    for (int i = 0; i < 500 && atomic_load(&jobs_done) == before; i++)
        sleep_ms(10);
    ck_assert_int_gt(atomic_load(&jobs_done), before);
    return job->status;
}

START_TEST(writer_health_follows_commits)
{
    struct fb_store fake = { &fake_ops };
    struct fb_writer *w = fb_writer_start(&fake, NULL, NULL, 0);
    ck_assert_ptr_nonnull(w);
    struct fb_write_job job;
    ck_assert(fb_writer_healthy(w));
    ck_assert_int_eq(write_one(w, &job), FB_STORE_OK);
    atomic_store(&failing, true);
    ck_assert_int_eq(write_one(w, &job), FB_STORE_ERROR);
    ck_assert_str_eq(job.error, "disk full (fake)");
    ck_assert(!fb_writer_healthy(w));
    /* Still failing: the probe keeps it unhealthy. */
    sleep_ms(1500);
    ck_assert(!fb_writer_healthy(w));
    /* Mended: the probe makes it healthy with no job written. */
    atomic_store(&failing, false);
    for (int i = 0; i < 300 && !fb_writer_healthy(w); i++)
        sleep_ms(10);
    ck_assert(fb_writer_healthy(w));
    ck_assert_int_eq(write_one(w, &job), FB_STORE_OK);
    unsigned long long batches, jobs;
    fb_writer_stats(w, &batches, &jobs);
    ck_assert_uint_eq(batches, 3);
    ck_assert_uint_eq(jobs, 2);   /* committed ones */
    fb_writer_stop(w);
}
END_TEST

int
main(void)
{
    if (fb_session_key_new(&key) != 0)
        return 1;
    Suite *s = suite_create("server-units");
    TCase *tc = tcase_create("modules");
    tcase_add_test(tc, config_defaults);
    tcase_add_test(tc, config_units_and_ranges);
    tcase_add_test(tc, config_rates_and_bursts);
    tcase_add_test(tc, config_https_base_url_makes_cookies_secure);
    tcase_add_test(tc, limits_key_ipv6_by_its_64);
    tcase_add_test(tc, limits_trust_only_the_proxys_last_forwarded_address);
    tcase_add_test(tc, limits_buckets_empty_and_refill);
    tcase_add_test(tc, limits_form_refusal_costs_the_client_nothing);
    tcase_add_test(tc, limits_table_evicts_the_least_recently_seen);
    tcase_add_test(tc, metrics_count_and_write_families_once);
    tcase_add_test(tc, config_file_reports_line);
    tcase_add_test(tc, config_env_overrides);
    tcase_add_test(tc, formdata_decodes_pairs_in_order);
    tcase_add_test(tc, formdata_rejects_bad_input);
    tcase_add_test(tc, formdata_round_trips);
    tcase_add_test(tc, json_nests_dotted_names_and_lists);
    tcase_add_test(tc, json_name_parts_nest_and_money_stays_text);
    tcase_add_test(tc, json_flatten_rejects_bad_text);
    tcase_add_test(tc, tokens_are_random_hex);
    tcase_add_test(tc, references_use_an_unambiguous_alphabet);
    tcase_add_test(tc, session_round_trips);
    tcase_add_test(tc, session_keeps_pages_seen);
    tcase_add_test(tc, session_keeps_the_pinned_form_version);
    tcase_add_test(tc, session_keeps_its_language);
    tcase_add_test(tc, lang_accept_language_weights);
    tcase_add_test(tc, lang_choice_order);
    tcase_add_test(tc, session_csrf_is_derived_from_id_and_key);
    tcase_add_test(tc, session_seen_needs_a_form_and_a_page);
    tcase_add_test(tc, session_damaged_records_are_refused);
    suite_add_tcase(s, tc);
    TCase *st = tcase_create("store");
    tcase_add_checked_fixture(st, store_setup, store_teardown);
    tcase_add_test(st, store_migrates_to_latest);
    tcase_add_test(st, store_insert_is_idempotent_by_token);
    tcase_add_test(st, store_rollback_discards);
    tcase_add_test(st, store_purge_and_since);
    tcase_add_test(st, store_sessions_save_load_expire);
    tcase_add_test(st, store_probe_commits_and_changes_nothing);
    suite_add_tcase(s, st);
    TCase *wr = tcase_create("writer");
    tcase_set_timeout(wr, 20);
    tcase_add_test(wr, writer_health_follows_commits);
    suite_add_tcase(s, wr);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
