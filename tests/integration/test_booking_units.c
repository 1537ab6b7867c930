/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the server's booking modules without HTTP: the clock,
 * manage tokens, the iCalendar writer (its output parsed back), the
 * booking rules over a real SQLite file (holds, expiry, confirm, cancel,
 * move, quotas, staff-closed days, one month's counts) and the writer's
 * savepoints (a refused job leaves its batch committed).
 */
#include <check.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "booking_calendars.h"
#include "booking_ics.h"
#include "booking_journey.h"
#include "booking_store.h"
#include "clock.h"
#include "pgtest.h"
#include "formbuilder/booking.h"
#include "store.h"
#include "token.h"
#include "writer.h"

/* ---- clock ---- */

START_TEST(clock_takes_an_injected_time_and_advances)
{
    long long t;
    ck_assert_int_eq(fb_clock_parse_iso("2026-12-01T09:00:00Z", &t), 0);
    ck_assert_int_eq(t, 1796115600LL);
    char iso[FB_CLOCK_ISO_SIZE];
    fb_clock_iso(t, iso);
    ck_assert_str_eq(iso, "2026-12-01T09:00:00Z");
    ck_assert_int_eq(fb_clock_parse_iso("2026-02-30T09:00:00Z", &t), -1);
    ck_assert_int_eq(fb_clock_parse_iso("2026-12-01 09:00:00", &t), -1);
    ck_assert_int_eq(fb_clock_parse_iso("2026-12-01T24:00:00Z", &t), -1);

    char err[128];
    setenv("FB_TEST_NOW", "2028-02-29T23:30:00Z", 1);
    setenv("TZ", "Europe/London", 1);
    tzset();
    ck_assert_int_eq(fb_clock_init(err, sizeof err), 0);
    long long now = fb_clock_now();
    ck_assert_int_ge(now, 1835479800LL);
    ck_assert_int_le(now, 1835479800LL + 5);
    struct fb_date d = fb_clock_today();
    ck_assert_int_eq(d.year, 2028);
    ck_assert_int_eq(d.month, 2);
    ck_assert_int_eq(d.day, 29);
    setenv("FB_TEST_NOW", "yesterday", 1);
    ck_assert_int_eq(fb_clock_init(err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "FB_TEST_NOW"));
    unsetenv("FB_TEST_NOW");
    ck_assert_int_eq(fb_clock_init(err, sizeof err), 0);
    ck_assert_int_le(fb_clock_now() - (long long)time(NULL), 1);
}
END_TEST

/* ---- tokens ---- */

START_TEST(manage_tokens_are_long_random_and_hashed)
{
    char a[FB_MANAGE_TOKEN_LEN + 1], b[FB_MANAGE_TOKEN_LEN + 1];
    ck_assert_int_eq(fb_manage_token_new(a), 0);
    ck_assert_int_eq(fb_manage_token_new(b), 0);
    ck_assert_uint_eq(strlen(a), 43);
    ck_assert(fb_manage_token_valid(a));
    ck_assert_str_ne(a, b);
    ck_assert(!fb_manage_token_valid("short"));
    char bad[FB_MANAGE_TOKEN_LEN + 1];
    memcpy(bad, a, sizeof bad);
    bad[5] = '/';
    ck_assert(!fb_manage_token_valid(bad));
    unsigned char ha[FB_MANAGE_HASH_LEN], hb[FB_MANAGE_HASH_LEN],
        again[FB_MANAGE_HASH_LEN];
    ck_assert_int_eq(fb_manage_token_hash(a, ha), 0);
    ck_assert_int_eq(fb_manage_token_hash(b, hb), 0);
    ck_assert_int_eq(fb_manage_token_hash(a, again), 0);
    ck_assert(fb_manage_hash_equal(ha, again));
    ck_assert(!fb_manage_hash_equal(ha, hb));
    /* SHA-256("abc") */
    static const unsigned char abc[] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
        0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
        0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad };
    ck_assert_int_eq(fb_manage_token_hash("abc", ha), 0);
    ck_assert(memcmp(ha, abc, sizeof abc) == 0);
}
END_TEST

/* ---- iCalendar ---- */

/* A small RFC 5545 reader: CRLF lines of at most 75 octets, unfolded;
 * checks BEGIN/END nesting and returns the value of property @p name
 * (its last occurrence, so the VEVENT's over the VTIMEZONE's; its
 * parameters in out->params), unescaped. */
struct ics_prop {
    char params[128];
    char value[2048];
};

static bool
ics_find(const char *ics, const char *name, struct ics_prop *out)
{
    char unfolded[16384];
    size_t o = 0;
    int depth = 0;
    bool found = false;
    for (const char *p = ics; *p;) {
        const char *eol = strstr(p, "\r\n");
        ck_assert_msg(eol, "a line without CRLF");
        ck_assert_msg(eol - p <= 75, "a line of %td octets", eol - p);
        /* a fold never splits a UTF-8 sequence */
        if (eol[2] == ' ')
            ck_assert((((unsigned char)eol[3]) & 0xC0) != 0x80);
        if (*p == ' ') {
            ck_assert(o > 0);
            o--;   /* drop the '\n' of the line it continues */
            p++;
        }
        memcpy(unfolded + o, p, (size_t)(eol - p));
        o += (size_t)(eol - p);
        unfolded[o++] = '\n';
        p = eol + 2;
    }
    unfolded[o] = '\0';
    for (char *line = strtok(unfolded, "\n"); line;
         line = strtok(NULL, "\n")) {
        if (strncmp(line, "BEGIN:", 6) == 0)
            depth++;
        if (strncmp(line, "END:", 4) == 0)
            depth--;
        ck_assert_int_ge(depth, 0);
        size_t n = strcspn(line, ";:");
        if (strlen(name) != n || strncmp(line, name, n) != 0)
            continue;
        const char *colon = strchr(line, ':');
        snprintf(out->params, sizeof out->params, "%.*s",
                 (int)(colon - line - n), line + n);
        size_t k = 0;
        for (const char *v = colon + 1; *v && k + 1 < sizeof out->value;
             v++) {
            if (*v == '\\' && v[1]) {
                v++;
                out->value[k++] = *v == 'n' ? '\n' : *v;
            } else {
                out->value[k++] = *v;
            }
        }
        out->value[k] = '\0';
        found = true;
    }
    ck_assert_int_eq(depth, 0);
    return found;
}

START_TEST(ics_parses_back)
{
    char long_summary[400];
    snprintf(long_summary, sizeof long_summary, "%s",
             "Collection; sofa, fridge \\ mattress – a long summary of a "
             "bulky waste collection that goes well past seventy-five "
             "octets so it must fold, with é and ü near the fold point");
    struct fb_ics_event e = {
        .uid = "BWC-7KQ2M9XD@book-a-bulky-waste-collection",
        .stamp = 1796115600LL,
        .day = { 2026, 12, 8 },
        .start = 7 * 60,
        .end = 12 * 60,
        .summary = long_summary,
        .description = "Reference: BWC-7KQ2M9XD\nLeave items outside",
    };
    size_t len = 0;
    char *ics = fb_ics_write(&e, &len);
    ck_assert_ptr_nonnull(ics);
    ck_assert_uint_eq(len, strlen(ics));
    ck_assert(strncmp(ics, "BEGIN:VCALENDAR\r\n", 17) == 0);
    struct ics_prop p;
    ck_assert(ics_find(ics, "VERSION", &p));
    ck_assert_str_eq(p.value, "2.0");
    ck_assert(ics_find(ics, "UID", &p));
    ck_assert_str_eq(p.value, e.uid);
    ck_assert(ics_find(ics, "DTSTAMP", &p));
    ck_assert_str_eq(p.value, "20261201T090000Z");
    ck_assert(ics_find(ics, "DTSTART", &p));
    ck_assert_str_eq(p.params, ";TZID=Europe/London");
    ck_assert_str_eq(p.value, "20261208T070000");
    ck_assert(ics_find(ics, "DTEND", &p));
    ck_assert_str_eq(p.value, "20261208T120000");
    ck_assert(ics_find(ics, "TZID", &p));
    ck_assert_str_eq(p.value, "Europe/London");
    ck_assert(ics_find(ics, "SUMMARY", &p));
    ck_assert_str_eq(p.value, long_summary);
    ck_assert(ics_find(ics, "DESCRIPTION", &p));
    ck_assert_str_eq(p.value, e.description);
    ck_assert_ptr_nonnull(strstr(ics, "Collection\\; sofa\\, fridge \\\\"));
    ck_assert(!ics_find(ics, "RDATE", &p));
    free(ics);
}
END_TEST

/* ---- booking rules over SQLite ---- */

static const struct fb_booking_window windows[] = {
    { .id = "am", .start = 540, .end = 720, .capacity = 2 },
    { .id = "pm", .start = 780, .end = 1020, .capacity = 1 },
};
static const struct fb_date closed[] = { { 2026, 12, 25 } };
static const struct fb_question_desc household = { .id = "household" };
static const struct fb_booking_limit limit = {
    .per = &household, .count = 2, .period_days = 365 };
static const struct fb_calendar_desc cal = {
    .name = "test",
    .days = 0x3F,   /* Monday to Saturday */
    .windows = windows,
    .n_windows = 2,
    .lead_days = 1,
    .horizon_days = 56,
    .closed = closed,
    .n_closed = 1,
    .hold_seconds = 600,
    .limit = &limit,
};

static char dbdir[64];
static struct fb_store *store;
static const long long T0 = 1796115600LL;   /* 2026-12-01T09:00:00Z */

static void
setup(void)
{
    snprintf(dbdir, sizeof dbdir, "/tmp/fbbook-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dbdir));
    char path[512], err[512];
    if (fbt_pg_wanted())   /* the pg suite's run */
        fbt_pg_fresh_db(path, sizeof path);
    else
        snprintf(path, sizeof path, "%s/t.db", dbdir);
    store = fb_store_open(path, err, sizeof err);
    ck_assert_msg(store != NULL, "%s", err);
}

static void
teardown(void)
{
    store->ops->close(store);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dbdir);
    ck_assert_int_eq(system(cmd), 0);
}

static struct fb_booking_write
writing(const char *holder, int day, const char *window, long long now)
{
    return (struct fb_booking_write){
        .cal = &cal, .form = "f", .holder = holder,
        .day = { 2026, 12, day }, .window = window, .quota_key = "",
        .now = now, .today = { 2026, 12, 1 },
    };
}

/* One rule in its own transaction, as the writer runs it. */
static int
in_tx(int (*rule)(struct fb_store *, struct fb_booking_write *),
      struct fb_booking_write *w)
{
    ck_assert_int_eq(store->ops->begin(store), FB_STORE_OK);
    int rc = rule(store, w);
    if (rc == FB_STORE_OK)
        ck_assert_int_eq(store->ops->commit(store), FB_STORE_OK);
    else
        store->ops->rollback(store);
    return rc;
}

static int
taken(int day, const char *window, long long now)
{
    char iso[11];
    snprintf(iso, sizeof iso, "2026-12-%02d", day);
    int n = -1;
    ck_assert_int_eq(store->ops->place_taken(store, "test", iso, window, now,
                                             &n), FB_STORE_OK);
    return n;
}

START_TEST(holds_count_until_they_expire)
{
    struct fb_booking_write a = writing("a", 2, "pm", T0),
                            b = writing("b", 2, "pm", T0);
    ck_assert_int_eq(in_tx(fb_booking_hold, &a), FB_STORE_OK);
    ck_assert_int_eq(in_tx(fb_booking_hold, &b), FB_STORE_REFUSED);
    ck_assert_int_eq(b.verdict, FB_BOOKING_FULL);
    ck_assert_int_eq(taken(2, "pm", T0), 1);
    ck_assert_int_eq(taken(2, "pm", T0 + 600), 0);   /* expired */
    b.now = T0 + 601;
    ck_assert_int_eq(in_tx(fb_booking_hold, &b), FB_STORE_OK);
    /* a's hold ran out and b has the place: a cannot confirm. */
    a.now = T0 + 602;
    a.reference = "REF-A";
    ck_assert_int_eq(in_tx(fb_booking_confirm, &a), FB_STORE_REFUSED);
    ck_assert_int_eq(a.verdict, FB_BOOKING_GONE);
    b.reference = "REF-B";
    ck_assert_int_eq(fb_manage_token_hash("tb", b.token_hash), 0);
    ck_assert_int_eq(in_tx(fb_booking_confirm, &b), FB_STORE_OK);
    ck_assert_int_eq(taken(2, "pm", T0 + 100000), 1);   /* booked stays */
    /* Maintenance deletes expired holds, never bookings. */
    struct fb_booking_write c = writing("c", 3, "am", T0);
    ck_assert_int_eq(in_tx(fb_booking_hold, &c), FB_STORE_OK);
    size_t n = 99;
    ck_assert_int_eq(store->ops->place_expire(store, T0 + 600, &n),
                     FB_STORE_OK);
    ck_assert_uint_eq(n, 0);   /* expires at T0 + 600, not before */
    ck_assert_int_eq(store->ops->place_expire(store, T0 + 601, &n),
                     FB_STORE_OK);
    ck_assert_uint_eq(n, 2);   /* a's, which never confirmed, and c's */
    ck_assert_int_eq(taken(2, "pm", T0 + 100000), 1);
    struct fb_place held;
    ck_assert_int_eq(store->ops->place_held(store, "c", "test", &held),
                     FB_STORE_NOT_FOUND);
}
END_TEST

START_TEST(choosing_again_releases_the_old_hold)
{
    struct fb_booking_write a = writing("a", 2, "pm", T0);
    ck_assert_int_eq(in_tx(fb_booking_hold, &a), FB_STORE_OK);
    a = writing("a", 3, "am", T0 + 10);
    ck_assert_int_eq(in_tx(fb_booking_hold, &a), FB_STORE_OK);
    ck_assert_int_eq(taken(2, "pm", T0 + 10), 0);
    ck_assert_int_eq(taken(3, "am", T0 + 10), 1);
    /* The same window chosen again is not counted against itself. */
    a = writing("a", 2, "pm", T0 + 20);
    ck_assert_int_eq(in_tx(fb_booking_hold, &a), FB_STORE_OK);
    ck_assert_int_eq(in_tx(fb_booking_hold, &a), FB_STORE_OK);
    ck_assert_int_eq(taken(2, "pm", T0 + 20), 1);
    ck_assert_int_eq(taken(3, "am", T0 + 20), 0);
}
END_TEST

START_TEST(days_and_windows_not_offered_are_refused)
{
    static const int days[] = { 1, 6, 25 };   /* lead, Sunday, closed */
    for (size_t i = 0; i < 3; i++) {
        struct fb_booking_write w = writing("a", days[i], "am", T0);
        ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_REFUSED);
        ck_assert_int_eq(w.verdict, FB_BOOKING_NOT_OFFERED);
    }
    struct fb_booking_write w = writing("a", 2, "night", T0);
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_REFUSED);
    ck_assert_int_eq(w.verdict, FB_BOOKING_NOT_OFFERED);
    /* A day staff closed. */
    ck_assert_int_eq(store->ops->day_close(store, "test", "2026-12-04",
                                           "x"), FB_STORE_OK);
    ck_assert_int_eq(store->ops->day_close(store, "test", "2026-12-04",
                                           "y"), FB_STORE_OK);
    w = writing("a", 4, "am", T0);
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_REFUSED);
    ck_assert_int_eq(w.verdict, FB_BOOKING_NOT_OFFERED);
}
END_TEST

START_TEST(quotas_count_bookings_and_holds_in_the_period)
{
    struct fb_booking_write w;
    for (int i = 0; i < 2; i++) {
        char holder[8];
        snprintf(holder, sizeof holder, "h%d", i);
        w = writing(holder, 2 + i, "am", T0);
        w.quota_key = "12 high street";
        ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_OK);
    }
    w = writing("h2", 8, "am", T0);
    w.quota_key = "12 high street";
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_REFUSED);
    ck_assert_int_eq(w.verdict, FB_BOOKING_QUOTA);
    /* h0 confirms within its hold: its own hold is not counted twice. */
    w = writing("h0", 2, "am", T0 + 5);
    w.quota_key = "12 high street";
    w.reference = "R0";
    ck_assert_int_eq(in_tx(fb_booking_confirm, &w), FB_STORE_OK);
    /* After h1's hold expires there is room for one more. */
    w = writing("h2", 8, "am", T0 + 700);
    w.quota_key = "12 high street";
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_OK);
    /* A year on, the old booking no longer counts. */
    w = writing("h3", 9, "am", T0 + 366LL * 86400);
    w.quota_key = "12 high street";
    w.today = (struct fb_date){ 2026, 12, 1 };
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_OK);
    /* A key first known at the confirmation (the quota's question asked
     * after the time page) is checked there. */
    w = writing("h5", 10, "am", T0 + 366LL * 86400);
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_OK);
    w.quota_key = "12 high street";   /* h3's and h6's holds use it up */
    struct fb_booking_write w6 = writing("h6", 11, "am", w.now);
    w6.quota_key = "12 high street";
    ck_assert_int_eq(in_tx(fb_booking_hold, &w6), FB_STORE_OK);
    w.reference = "R5";
    ck_assert_int_eq(in_tx(fb_booking_confirm, &w), FB_STORE_REFUSED);
    ck_assert_int_eq(w.verdict, FB_BOOKING_QUOTA);
    /* Another key is not limited. */
    w = writing("h4", 9, "am", T0);
    w.quota_key = "14 high street";
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_OK);
}
END_TEST

START_TEST(cancel_and_move_are_idempotent_and_recorded)
{
    struct fb_booking_write w = writing("a", 2, "am", T0);
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_OK);
    w.reference = "R1";
    ck_assert_int_eq(fb_manage_token_hash("tok", w.token_hash), 0);
    ck_assert_int_eq(in_tx(fb_booking_confirm, &w), FB_STORE_OK);
    /* Move: hold the new place (pm, capacity 1), then move. */
    struct fb_booking_write h = writing("change:a", 3, "pm", T0 + 10);
    ck_assert_int_eq(in_tx(fb_booking_hold, &h), FB_STORE_OK);
    struct fb_booking_write mv = writing("change:a", 0, NULL, T0 + 20);
    memcpy(mv.token_hash, w.token_hash, sizeof mv.token_hash);
    ck_assert_int_eq(in_tx(fb_booking_move, &mv), FB_STORE_OK);
    ck_assert_int_eq(taken(2, "am", T0 + 20), 0);
    ck_assert_int_eq(taken(3, "pm", T0 + 20), 1);
    ck_assert_int_eq(in_tx(fb_booking_move, &mv), FB_STORE_REFUSED);
    ck_assert_int_eq(mv.verdict, FB_BOOKING_NO_HOLD);
    ck_assert_int_eq(taken(3, "pm", T0 + 20), 1);
    struct fb_place p;
    ck_assert_int_eq(fb_booking_find(store, w.token_hash, &p), FB_STORE_OK);
    ck_assert_str_eq(p.day, "2026-12-03");
    ck_assert_str_eq(p.window, "pm");
    ck_assert_str_eq(p.reference, "R1");
    /* Cancel, twice. */
    ck_assert_int_eq(in_tx(fb_booking_cancel, &mv), FB_STORE_OK);
    ck_assert_int_eq(taken(3, "pm", T0 + 30), 0);
    ck_assert_int_eq(in_tx(fb_booking_cancel, &mv), FB_STORE_REFUSED);
    ck_assert_int_eq(mv.verdict, FB_BOOKING_CANCELLED);
    /* An unknown hash is not found. */
    unsigned char other[FB_MANAGE_HASH_LEN];
    ck_assert_int_eq(fb_manage_token_hash("nope", other), 0);
    ck_assert_int_eq(fb_booking_find(store, other, &p), FB_STORE_NOT_FOUND);
}
END_TEST

START_TEST(a_day_closed_under_a_hold_is_not_booked)
{
    struct fb_booking_write w = writing("a", 2, "am", T0);
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_OK);
    ck_assert_int_eq(store->ops->day_close(store, "test", "2026-12-02",
                                           "x"), FB_STORE_OK);
    w.now = T0 + 10;
    w.reference = "R";
    ck_assert_int_eq(in_tx(fb_booking_confirm, &w), FB_STORE_REFUSED);
    ck_assert_int_eq(w.verdict, FB_BOOKING_NOT_OFFERED);
    /* Expired first: refused as not offered, not as taken. */
    w.now = T0 + 700;
    ck_assert_int_eq(in_tx(fb_booking_confirm, &w), FB_STORE_REFUSED);
    ck_assert_int_eq(w.verdict, FB_BOOKING_NOT_OFFERED);
    ck_assert_int_eq(taken(2, "am", T0), 1);   /* the hold, not a booking */
    ck_assert_int_eq(fb_booking_verdict_message(FB_BOOKING_NOT_OFFERED,
                                                FB_Q_BOOKING_DATE),
                     FB_MSG_BOOKING_DAY_GONE);
}
END_TEST

START_TEST(a_move_frees_the_old_place_only_when_the_new_is_taken)
{
    struct fb_booking_write w = writing("a", 2, "am", T0);
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_OK);
    w.reference = "R1";
    ck_assert_int_eq(fb_manage_token_hash("tok", w.token_hash), 0);
    ck_assert_int_eq(in_tx(fb_booking_confirm, &w), FB_STORE_OK);
    struct fb_booking_write h = writing("change:a", 3, "pm", T0);
    ck_assert_int_eq(in_tx(fb_booking_hold, &h), FB_STORE_OK);
    /* The change's hold runs out and someone takes the place. */
    struct fb_booking_write o = writing("other", 3, "pm", T0 + 700);
    ck_assert_int_eq(in_tx(fb_booking_hold, &o), FB_STORE_OK);
    struct fb_booking_write mv = writing("change:a", 0, NULL, T0 + 710);
    memcpy(mv.token_hash, w.token_hash, sizeof mv.token_hash);
    ck_assert_int_eq(in_tx(fb_booking_move, &mv), FB_STORE_REFUSED);
    ck_assert_int_eq(mv.verdict, FB_BOOKING_GONE);
    ck_assert_int_eq(taken(2, "am", T0 + 710), 1);   /* still booked */
}
END_TEST

START_TEST(a_month_is_counted_in_one_read)
{
    struct fb_booking_write w = writing("a", 2, "am", T0);
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_OK);
    w = writing("b", 2, "pm", T0);
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_OK);
    w = writing("c", 31, "am", T0);
    ck_assert_int_eq(in_tx(fb_booking_hold, &w), FB_STORE_OK);
    ck_assert_int_eq(store->ops->day_close(store, "test", "2026-12-10",
                                           "x"), FB_STORE_OK);
    struct fb_booking_month m;
    ck_assert_int_eq(fb_booking_month_load(store, &cal,
                                           (struct fb_date){ 2026, 12, 17 },
                                           T0, NULL, &m), FB_STORE_OK);
    ck_assert_int_eq(m.availability.month.day, 1);
    struct fb_date d2 = { 2026, 12, 2 }, d10 = { 2026, 12, 10 },
                   d31 = { 2026, 12, 31 }, d3 = { 2026, 12, 3 };
    ck_assert_int_eq(m.availability.places_left(m.availability.cls, &d2, 0),
                     1);
    ck_assert_int_eq(fb_booking_month_left(&m, &d2, 1), 0);
    ck_assert_int_eq(fb_booking_month_left(&m, &d31, 0), 1);
    ck_assert_int_eq(fb_booking_month_day_left(&m, &d3), 3);
    ck_assert_int_eq(fb_booking_month_day_left(&m, &d10), 0);
    fb_booking_month_free(&m);
    /* The holder's own hold is theirs to choose again. */
    ck_assert_int_eq(fb_booking_month_load(store, &cal, d2, T0, "b", &m),
                     FB_STORE_OK);
    ck_assert_int_eq(fb_booking_month_left(&m, &d2, 1), 1);
    fb_booking_month_free(&m);
    /* Expired holds are free. */
    ck_assert_int_eq(fb_booking_month_load(store, &cal, d2, T0 + 601, NULL,
                                           &m), FB_STORE_OK);
    ck_assert_int_eq(fb_booking_month_day_left(&m, &d2), 3);
    fb_booking_month_free(&m);
    ck_assert_int_eq(fb_booking_month_days((struct fb_date){ 2028, 2, 1 }),
                     29);
    ck_assert_int_eq(fb_booking_month_days((struct fb_date){ 2026, 2, 1 }),
                     28);
}
END_TEST

START_TEST(month_params_and_quota_keys)
{
    struct fb_date d;
    ck_assert_int_eq(fb_booking_month_param("2027-01", &d), 1);
    ck_assert_int_eq(d.year, 2027);
    ck_assert_int_eq(d.month, 1);
    ck_assert_int_eq(d.day, 1);
    ck_assert_int_eq(fb_booking_month_param(NULL, &d), 0);
    ck_assert_int_eq(fb_booking_month_param("2027-13", &d), -1);
    ck_assert_int_eq(fb_booking_month_param("2027-1", &d), -1);
    ck_assert_int_eq(fb_booking_month_param("2027-01-01", &d), -1);
    struct fb_answers *a = fb_answers_new();
    ck_assert_int_eq(fb_answers_set(a, "household.line1", "12 High St"), 0);
    ck_assert_int_eq(fb_answers_set(a, "household.postcode", "SW1A 1AA"), 0);
    ck_assert_int_eq(fb_answers_set(a, "householder", "not it"), 0);
    char key[128];
    fb_booking_quota_key(&cal, a, key, sizeof key);
    ck_assert_str_eq(key, "12 high st\nsw1a 1aa");
    fb_answers_free(a);
}
END_TEST

/* ---- writer: a refused job in a batch ---- */

static atomic_int done_jobs;

static void
on_done(struct fb_write_job *job, void *cls)
{
    (void)job, (void)cls;
    atomic_fetch_add(&done_jobs, 1);
}

START_TEST(a_refused_job_does_not_fail_its_batch)
{
    enum { N = 8 };
    static struct fb_write_job jobs[N];
    static struct fb_booking_write ws[N];
    static char holders[N][8], sessions[N][8];
    struct fb_writer *w = fb_writer_start(store, NULL, NULL, 0);
    ck_assert_ptr_nonnull(w);
    atomic_store(&done_jobs, 0);
    /* Eight holds of the one afternoon place, each with a session save:
     * one wins, seven are refused, and every winner's session is kept. */
    for (int i = 0; i < N; i++) {
        snprintf(holders[i], sizeof holders[i], "h%d", i);
        snprintf(sessions[i], sizeof sessions[i], "s%d", i);
        ws[i] = writing(holders[i], 2, "pm", T0);
        jobs[i] = (struct fb_write_job){
            .session_id = sessions[i], .session_data = "x=1", .now = T0,
            .step = fb_booking_hold_step, .step_cls = &ws[i],
            .done = on_done,
        };
        ck_assert_int_eq(fb_writer_submit(w, &jobs[i]), 0);
    }
    for (int i = 0; i < 500 && atomic_load(&done_jobs) < N; i++)
        usleep(10000);
    ck_assert_int_eq(atomic_load(&done_jobs), N);
    int ok = 0;
    for (int i = 0; i < N; i++) {
        char *data = NULL;
        long long at = 0;
        int rc = store->ops->session_load(store, sessions[i], &data, &at);
        free(data);
        if (jobs[i].status == FB_STORE_OK) {
            ok++;
            ck_assert_int_eq(rc, FB_STORE_OK);
        } else {
            ck_assert_int_eq(jobs[i].status, FB_STORE_REFUSED);
            ck_assert_int_eq(ws[i].verdict, FB_BOOKING_FULL);
            ck_assert_int_eq(rc, FB_STORE_NOT_FOUND);   /* undone */
        }
    }
    ck_assert_int_eq(ok, 1);
    ck_assert(fb_writer_healthy(w));
    fb_writer_stop(w);
    ck_assert_int_eq(taken(2, "pm", T0), 1);
}
END_TEST

START_TEST(two_descriptions_of_a_calendar_are_found)
{
    struct fb_calendar_desc other = cal;
    struct fb_form_desc a = { .slug = "a", .booking = &cal };
    struct fb_form_desc b = { .slug = "b", .booking = &other };
    const struct fb_form_desc *forms[] = { &a, &b };
    char err[400];
    ck_assert_int_eq(fb_booking_calendars_check(forms, 2, err, sizeof err),
                     0);
    other.lead_days = 2;
    ck_assert_int_eq(fb_booking_calendars_check(forms, 2, err, sizeof err),
                     -1);
    ck_assert_ptr_nonnull(strstr(err, "forms a and b"));
    ck_assert_ptr_nonnull(strstr(err, "lead"));
    other.lead_days = cal.lead_days;
    other.name = "another";
    ck_assert_int_eq(fb_booking_calendars_check(forms, 2, err, sizeof err),
                     0);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("booking-units");
    TCase *tc = tcase_create("pure");
    tcase_add_test(tc, clock_takes_an_injected_time_and_advances);
    tcase_add_test(tc, manage_tokens_are_long_random_and_hashed);
    tcase_add_test(tc, ics_parses_back);
    tcase_add_test(tc, month_params_and_quota_keys);
    tcase_add_test(tc, two_descriptions_of_a_calendar_are_found);
    suite_add_tcase(s, tc);
    TCase *st = tcase_create("store");
    tcase_add_checked_fixture(st, setup, teardown);
    tcase_add_test(st, holds_count_until_they_expire);
    tcase_add_test(st, choosing_again_releases_the_old_hold);
    tcase_add_test(st, days_and_windows_not_offered_are_refused);
    tcase_add_test(st, quotas_count_bookings_and_holds_in_the_period);
    tcase_add_test(st, cancel_and_move_are_idempotent_and_recorded);
    tcase_add_test(st, a_move_frees_the_old_place_only_when_the_new_is_taken);
    tcase_add_test(st, a_day_closed_under_a_hold_is_not_booked);
    tcase_add_test(st, a_month_is_counted_in_one_read);
    tcase_add_test(st, a_refused_job_does_not_fail_its_batch);
    suite_add_tcase(s, st);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
