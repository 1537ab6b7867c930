/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of booking in libfbrt (formbuilder/booking.h): weekdays, the
 * days a calendar offers (month ends, leap days, closed days and bank
 * holidays, lead and horizon), the readers and the driver's refusals, the
 * date and time pages without script (with and without the store's
 * availability, a full day, a month with no dates, months' links), the
 * booking on check answers and the confirmation, content `when` and
 * placeholders. Pages are checked with fb-htmlcheck.
 */
#include "formbuilder/booking.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/driver.h"
#include "formbuilder/render.h"
#include "formbuilder/validate.h"
#include "htmlcheck.h"

#define EN(s) {{s, NULL}}
#define D(y, m, d) ((struct fb_date){y, m, d})
#define WEEKDAYS 0x1fu

/* ---- a calendar: weekdays, two sessions, Christmas closed --------------- */

static const struct fb_booking_window sessions[] = {
    {.id = "am", .label = EN("Morning (7am to 12pm)"), .start = 420,
     .end = 720, .capacity = 20},
    {.id = "pm", .label = EN("Afternoon (12pm to 5pm)"), .start = 720,
     .end = 1020, .capacity = 20},
};
/* closed: 2026-12-24 and 2026-12-31, with England and Wales's bank
 * holidays of that December and the next New Year. */
static const struct fb_date closed[] = {
    {2026, 12, 24}, {2026, 12, 25}, {2026, 12, 28}, {2026, 12, 31},
    {2027, 1, 1},
};
static const struct fb_calendar_desc cal = {
    .name = "bulky-waste", .days = WEEKDAYS, .windows = sessions,
    .n_windows = 2, .lead_days = 3, .horizon_days = 56, .closed = closed,
    .n_closed = 5, .holidays = "england-and-wales", .hold_seconds = 900,
};

static const struct fb_booking_window slot_windows[] = {
    {.id = "09:00", .start = 540, .end = 570, .capacity = 2},
    {.id = "09:30", .start = 570, .end = 600, .capacity = 2},
};
/* Every day, from today to a year ahead. */
static const struct fb_calendar_desc slots = {
    .name = "tip", .days = 0x7fu, .slots = true, .windows = slot_windows,
    .n_windows = 2, .horizon_days = 365, .hold_seconds = 600,
};

START_TEST(weekdays)
{
    ck_assert_int_eq(fb_weekday_of(&D(2026, 12, 8)), FB_TUESDAY);
    ck_assert_int_eq(fb_weekday_of(&D(1970, 1, 1)), FB_THURSDAY);
    ck_assert_int_eq(fb_weekday_of(&D(2000, 2, 29)), FB_TUESDAY);
    ck_assert_int_eq(fb_weekday_of(&D(2028, 2, 29)), FB_TUESDAY);
    ck_assert_int_eq(fb_weekday_of(&D(2028, 3, 1)), FB_WEDNESDAY);
    ck_assert_int_eq(fb_weekday_of(&D(2026, 12, 31)), FB_THURSDAY);
    ck_assert_int_eq(fb_weekday_of(&D(2027, 1, 3)), FB_SUNDAY);
    ck_assert_int_eq(fb_weekday_of(&D(1900, 1, 1)), FB_MONDAY);
    /* Every day of 2026 to 2028 one on from the last. */
    struct fb_date d = D(2026, 1, 1);
    enum fb_weekday w = fb_weekday_of(&d);
    for (int i = 0; i < 3 * 366; i++) {
        d = fb_date_add_days(d, 1);
        enum fb_weekday next = fb_weekday_of(&d);
        ck_assert_int_eq(next, (w + 1) % 7);
        w = next;
    }
}
END_TEST

START_TEST(offers_lead_and_horizon_inclusive)
{
    struct fb_date today = D(2026, 12, 1); /* a Tuesday */
    /* lead 3d: Friday 4 December first; horizon 56d: Tuesday 26 January. */
    ck_assert(!fb_calendar_offers(&cal, &D(2026, 12, 3), &today));
    ck_assert(fb_calendar_offers(&cal, &D(2026, 12, 4), &today));
    ck_assert(fb_calendar_offers(&cal, &D(2027, 1, 26), &today));
    ck_assert(!fb_calendar_offers(&cal, &D(2027, 1, 27), &today));
    ck_assert(!fb_calendar_offers(&cal, &today, &today));
    struct fb_date first;
    ck_assert(fb_calendar_first_day(&cal, &today, &first));
    ck_assert_int_eq(fb_date_cmp(&first, &D(2026, 12, 4)), 0);
}
END_TEST

START_TEST(offers_weekdays_only)
{
    struct fb_date today = D(2026, 12, 1);
    ck_assert(!fb_calendar_offers(&cal, &D(2026, 12, 5), &today)); /* Sat */
    ck_assert(!fb_calendar_offers(&cal, &D(2026, 12, 6), &today)); /* Sun */
    ck_assert(fb_calendar_offers(&cal, &D(2026, 12, 7), &today));  /* Mon */
    /* lead 3d from Friday: Saturday and Sunday are not offered, so the
     * first day is Monday. */
    struct fb_date first;
    ck_assert(fb_calendar_first_day(&cal, &D(2026, 12, 2), &first));
    ck_assert_int_eq(fb_date_cmp(&first, &D(2026, 12, 7)), 0);
}
END_TEST

START_TEST(offers_no_closed_day_or_bank_holiday)
{
    struct fb_date today = D(2026, 12, 1);
    ck_assert(fb_calendar_offers(&cal, &D(2026, 12, 23), &today));
    ck_assert(!fb_calendar_offers(&cal, &D(2026, 12, 24), &today));
    ck_assert(!fb_calendar_offers(&cal, &D(2026, 12, 25), &today));
    ck_assert(!fb_calendar_offers(&cal, &D(2026, 12, 28), &today));
    ck_assert(fb_calendar_offers(&cal, &D(2026, 12, 29), &today));
    ck_assert(!fb_calendar_offers(&cal, &D(2026, 12, 31), &today));
    ck_assert(!fb_calendar_offers(&cal, &D(2027, 1, 1), &today));
    ck_assert(fb_calendar_offers(&cal, &D(2027, 1, 4), &today));
}
END_TEST

START_TEST(offers_month_ends_and_leap_days)
{
    struct fb_date today = D(2028, 2, 1);
    ck_assert(fb_calendar_offers(&slots, &D(2028, 2, 29), &today));
    ck_assert(fb_calendar_offers(&slots, &D(2028, 3, 1), &today));
    /* Not real days are never offered. */
    ck_assert(!fb_calendar_offers(&slots, &D(2027, 2, 29), &today));
    ck_assert(!fb_calendar_offers(&slots, &D(2028, 2, 30), &today));
    ck_assert(!fb_calendar_offers(&slots, &D(2028, 4, 31), &today));
    ck_assert(!fb_calendar_offers(&slots, &D(2028, 13, 1), &today));
    /* The horizon runs across the end of the year. */
    ck_assert(fb_calendar_offers(&slots, &D(2029, 1, 31), &today));
    ck_assert(!fb_calendar_offers(&slots, &D(2029, 2, 1), &today));
    ck_assert(!fb_calendar_offers(NULL, &D(2028, 3, 1), &today));
}
END_TEST

START_TEST(windows_and_labels)
{
    char buf[64];
    ck_assert_ptr_eq(fb_calendar_window(&cal, "pm"), &sessions[1]);
    ck_assert_ptr_null(fb_calendar_window(&cal, "evening"));
    ck_assert_ptr_null(fb_calendar_window(&cal, NULL));
    ck_assert_int_eq(fb_calendar_day_capacity(&cal), 40);
    ck_assert_str_eq(fb_booking_window_label(&sessions[0], FB_LANG_EN, buf,
                                             sizeof buf),
                     "Morning (7am to 12pm)");
    ck_assert_str_eq(fb_booking_window_label(&slot_windows[1], FB_LANG_EN,
                                             buf, sizeof buf),
                     "9:30am");
    ck_assert_str_eq(fb_date_format_long(&D(2026, 12, 8), FB_LANG_EN, buf,
                                         sizeof buf),
                     "Tuesday 8 December 2026");
    ck_assert_str_eq(fb_date_format_long(&D(2026, 12, 8), FB_LANG_CY, buf,
                                         sizeof buf),
                     "Dydd Mawrth 8 Rhagfyr 2026");
}
END_TEST

/* ---- a form: items, the date page, the time page, details --------------- */

static const struct fb_question_desc q_items = {
    .id = "items", .type = FB_Q_TEXT, .label = EN("What are the items?"),
    .noun = EN("The items"),
};
static const struct fb_question_desc q_day = {
    .id = "day", .type = FB_Q_BOOKING_DATE,
    .label = EN("Choose a collection date"), .noun = EN("Collection date"),
    .required = true, .calendar = &cal,
};
static const struct fb_option_desc window_opts[] = {
    {.value = "am", .label = EN("Morning (7am to 12pm)")},
    {.value = "pm", .label = EN("Afternoon (12pm to 5pm)")},
};
static const struct fb_question_desc q_time = {
    .id = "time", .type = FB_Q_BOOKING_TIME,
    .label = EN("Choose a collection time"), .noun = EN("Collection time"),
    .options = window_opts, .n_options = 2, .required = true,
    .calendar = &cal,
};
static const struct fb_question_desc *const qs_items[] = {&q_items};
static const struct fb_question_desc *const qs_day[] = {&q_day};
static const struct fb_question_desc *const qs_time[] = {&q_time};
static const struct fb_question_desc *const all[] = {&q_items, &q_day,
                                                     &q_time};
static const struct fb_item_desc items_items[] = {{.question = &q_items}};
static const struct fb_item_desc items_day[] = {{.question = &q_day}};
static const struct fb_item_desc items_time[] = {{.question = &q_time}};
static const struct fb_page_desc pages[] = {
    {.id = "items", .title = EN("What are the items?"),
     .questions = qs_items, .n_questions = 1, .items = items_items,
     .n_items = 1},
    {.id = "day", .title = EN("Choose a collection date"),
     .questions = qs_day, .n_questions = 1, .items = items_day, .n_items = 1},
    {.id = "time", .title = EN("Choose a collection time"),
     .questions = qs_time, .n_questions = 1, .items = items_time,
     .n_items = 1},
};
static const struct fb_cond_desc when_sofa = {
    .op = FB_COND_IS, .question = &q_items, .value = {.text = "sofa"},
};
static const struct fb_block_desc confirmation_blocks[] = {
    {.kind = FB_BLOCK_PARAGRAPH,
     .text = EN("We collect {answers.items} on {booking.date}, "
                "{booking.time}. {{Braces}} stay.")},
    {.kind = FB_BLOCK_INSET, .when = &when_sofa,
     .text = EN("Cover the sofa if it rains.")},
};
static const struct fb_form_desc form = {
    .format = FB_FORMAT, .slug = "book-x", .title = EN("Book a collection"),
    .pages = pages, .n_pages = 3, .questions = all, .n_questions = 3,
    .confirmation_blocks = confirmation_blocks, .n_confirmation_blocks = 2,
    .booking = &cal,
};

static struct fb_answers *in, *out;
static struct fb_errors *errs;

static void
setup(void)
{
    in = fb_answers_new();
    out = fb_answers_new();
    errs = fb_errors_new();
    ck_assert(in && out && errs);
}

static void
teardown(void)
{
    fb_answers_free(in);
    fb_answers_free(out);
    fb_errors_free(errs);
}

/* Posts @p value as @p q's answer and validates it on @p today.
 * @returns the message of its error, or NULL when accepted. */
static const char *
post(const struct fb_question_desc *q, const char *value,
     const struct fb_date *today)
{
    static char msg[256];
    fb_answers_clear(in);
    fb_answers_clear(out);
    fb_errors_clear(errs);
    if (value)
        ck_assert_int_eq(fb_answers_add(in, q->id, value), 0);
    fb_validate_question(q, in, today, out, errs);
    if (fb_errors_count(errs) == 0) {
        ck_assert_str_eq(fb_answers_get(out, q->id), value);
        return NULL;
    }
    ck_assert_ptr_null(fb_answers_get(out, q->id));
    return fb_error_message(fb_errors_at(errs, 0), FB_LANG_EN, msg,
                            sizeof msg);
}

START_TEST(reader_accepts_offered_days_only)
{
    struct fb_date today = D(2026, 12, 1);
    const char *choose = "Choose a date from the dates shown";
    ck_assert_ptr_null(post(&q_day, "2026-12-08", &today));
    ck_assert_str_eq(post(&q_day, "2026-12-05", &today), choose); /* Sat */
    ck_assert_str_eq(post(&q_day, "2026-12-25", &today), choose); /* hol */
    ck_assert_str_eq(post(&q_day, "2026-12-02", &today), choose); /* lead */
    ck_assert_str_eq(post(&q_day, "2027-02-01", &today), choose); /* far */
    ck_assert_str_eq(post(&q_day, "2026-12-32", &today), choose);
    ck_assert_str_eq(post(&q_day, "8 December 2026", &today), choose);
    ck_assert_str_eq(post(&q_day, "2026-12-08T09:00", &today), choose);
    ck_assert_str_eq(post(&q_day, NULL, &today), choose);
    /* The same day is refused once today has moved past its lead. */
    ck_assert_str_eq(post(&q_day, "2026-12-08", &D(2026, 12, 6)), choose);
}
END_TEST

START_TEST(reader_accepts_windows_only)
{
    struct fb_date today = D(2026, 12, 1);
    const char *choose = "Choose a time from the times shown";
    ck_assert_ptr_null(post(&q_time, "am", &today));
    ck_assert_ptr_null(post(&q_time, "pm", &today));
    ck_assert_str_eq(post(&q_time, "evening", &today), choose);
    ck_assert_str_eq(post(&q_time, "AM", &today), choose);
    ck_assert_str_eq(post(&q_time, NULL, &today), choose);
}
END_TEST

/* ---- pages ----------------------------------------------------------------- */

static void
collect(void *ud, long line, const char *message)
{
    char *buf = ud;
    size_t n = strlen(buf);
    snprintf(buf + n, 4096 - n, "line %ld: %s\n", line, message);
}

static char *
render(void (*fn)(struct fb_html *, const struct fb_render_ctx *),
       const struct fb_render_ctx *ctx)
{
    struct fb_html w;
    char problems[4096] = "";
    fb_html_init(&w);
    fn(&w, ctx);
    char *html = fb_html_take(&w, NULL);
    ck_assert_ptr_nonnull(html);
    size_t n = fb_htmlcheck(html, strlen(html), collect, problems);
    ck_assert_msg(n == 0, "%zu htmlcheck problems:\n%s", n, problems);
    return html;
}

static size_t
count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Places left as a store might count them: the 8th is full, the 9th has
 * one place in the afternoon only. */
static int
places_left(void *cls, const struct fb_date *day, size_t window)
{
    int *calls = cls;
    (*calls)++;
    if (day->month == 12 && day->day == 8)
        return 0;
    if (day->month == 12 && day->day == 9)
        return window == 1 ? 1 : 0;
    return 12;
}

static struct fb_render_ctx
ctx_for(size_t page, const struct fb_date *today)
{
    return (struct fb_render_ctx){
        .form = &form, .page = &pages[page], .lang = FB_LANG_EN,
        .today = today, .form_href = "/book-x/", .assets_href = "/assets/",
    };
}

START_TEST(date_page_without_availability)
{
    struct fb_date today = D(2026, 12, 1);
    struct fb_render_ctx ctx = ctx_for(1, &today);
    char *html = render(fb_render_page, &ctx);
    /* December from the 4th: 20 weekdays less the 24th, 25th, 28th and
     * 31st; every place free. */
    ck_assert_msg(strstr(html, ">December 2026</h2>"), "%s", html);
    ck_assert_uint_eq(count(html, "type=\"radio\""), 16);
    ck_assert_uint_eq(count(html, "40 places left"), 16);
    ck_assert_ptr_nonnull(strstr(html, "value=\"2026-12-04\""));
    ck_assert_ptr_null(strstr(html, "value=\"2026-12-03\""));
    ck_assert_ptr_null(strstr(html, "value=\"2026-12-25\""));
    ck_assert_ptr_null(strstr(html, "value=\"2026-12-05\""));
    /* A radio's accessible name is its label: the day in full. */
    ck_assert_ptr_nonnull(strstr(html, "for=\"day\">Friday 4 December "
                                       "2026</label>"));
    ck_assert_ptr_nonnull(strstr(html, "<legend"));
    /* The first radio has the question's id, for the error summary. */
    ck_assert_ptr_nonnull(strstr(html, "id=\"day\" name=\"day\""));
    /* Only forward: December holds the first bookable day. */
    ck_assert_ptr_null(strstr(html, "rel=\"prev\""));
    ck_assert_ptr_nonnull(strstr(html, "href=\"?month=2027-01\" "
                                       "rel=\"next\""));
    ck_assert_ptr_nonnull(strstr(html, "January 2027"));
    free(html);
}
END_TEST

START_TEST(date_page_with_availability_and_full_day)
{
    struct fb_date today = D(2026, 12, 1);
    int calls = 0;
    struct fb_availability av = {places_left, &calls, {0, 0, 0}};
    struct fb_render_ctx ctx = ctx_for(1, &today);
    ctx.availability = &av;
    char *html = render(fb_render_page, &ctx);
    ck_assert_int_gt(calls, 0);
    /* The 8th is full: text, not a control. */
    ck_assert_ptr_null(strstr(html, "value=\"2026-12-08\""));
    ck_assert_ptr_nonnull(strstr(html, "Tuesday 8 December 2026: no places "
                                       "left"));
    ck_assert_ptr_nonnull(strstr(html, "value=\"2026-12-09\""));
    ck_assert_ptr_nonnull(strstr(html, ">1 place left<"));
    ck_assert_ptr_nonnull(strstr(html, ">24 places left<"));
    ck_assert_uint_eq(count(html, "type=\"radio\""), 15);
    free(html);
}
END_TEST

START_TEST(date_page_month_links_within_lead_and_horizon)
{
    struct fb_date today = D(2026, 12, 1);
    struct fb_availability av = {NULL, NULL, {2027, 1, 1}};
    struct fb_render_ctx ctx = ctx_for(1, &today);
    ctx.availability = &av;
    char *html = render(fb_render_page, &ctx);
    /* January 2027: back to December, and not on past the horizon
     * (26 January). */
    ck_assert_ptr_nonnull(strstr(html, ">January 2027</h2>"));
    ck_assert_ptr_nonnull(strstr(html, "href=\"?month=2026-12\" "
                                       "rel=\"prev\""));
    ck_assert_ptr_null(strstr(html, "rel=\"next\""));
    ck_assert_ptr_null(strstr(html, "value=\"2027-01-27\""));
    ck_assert_ptr_nonnull(strstr(html, "value=\"2027-01-26\""));
    ck_assert_ptr_nonnull(strstr(html, "40 places left"));
    free(html);
}
END_TEST

/* Every place of every day taken. */
static int
none_left(void *cls, const struct fb_date *day, size_t window)
{
    (void)cls;
    (void)day;
    (void)window;
    return 0;
}

START_TEST(date_page_month_full)
{
    struct fb_date today = D(2026, 12, 1);
    struct fb_availability av = {none_left, NULL, {0, 0, 0}};
    struct fb_render_ctx ctx = ctx_for(1, &today);
    ctx.availability = &av;
    ck_assert_ptr_nonnull(post(&q_day, NULL, &today));
    ctx.errors = errs;
    char *html = render(fb_render_page, &ctx);
    ck_assert_ptr_null(strstr(html, "type=\"radio\""));
    ck_assert_uint_eq(count(html, ": no places left"), 16);
    /* Said once, where the error summary's link lands. */
    ck_assert_ptr_nonnull(strstr(html, "id=\"day\" tabindex=\"-1\">There "
                                       "are no dates available in December "
                                       "2026"));
    free(html);
}
END_TEST

START_TEST(date_page_month_without_dates)
{
    /* From Monday 28 December the lead leaves only the 31st of December,
     * which is closed. */
    struct fb_date today = D(2026, 12, 28);
    struct fb_availability av = {NULL, NULL, {2026, 12, 1}};
    struct fb_render_ctx ctx = ctx_for(1, &today);
    ctx.availability = &av;
    char *html = render(fb_render_page, &ctx);
    ck_assert_ptr_nonnull(strstr(html, "There are no dates available in "
                                       "December 2026"));
    ck_assert_ptr_null(strstr(html, "type=\"radio\""));
    ck_assert_ptr_null(strstr(html, "rel=\"prev\""));
    ck_assert_ptr_nonnull(strstr(html, "href=\"?month=2027-01\" "
                                       "rel=\"next\""));
    free(html);
}
END_TEST

START_TEST(date_page_shows_the_month_of_the_answer)
{
    struct fb_date today = D(2026, 12, 1);
    struct fb_render_ctx ctx = ctx_for(1, &today);
    ck_assert_int_eq(fb_answers_add(in, "day", "2027-01-12"), 0);
    ctx.answers = in;
    char *html = render(fb_render_page, &ctx);
    ck_assert_ptr_nonnull(strstr(html, ">January 2027</h2>"));
    ck_assert_ptr_nonnull(strstr(html, "value=\"2027-01-12\" checked"));
    free(html);
}
END_TEST

START_TEST(date_page_never_shows_a_month_out_of_range)
{
    struct fb_date today = D(2026, 12, 1);
    struct fb_availability av = {NULL, NULL, {2099, 1, 1}};
    struct fb_render_ctx ctx = ctx_for(1, &today);
    ctx.availability = &av;
    char *html = render(fb_render_page, &ctx);
    ck_assert_ptr_nonnull(strstr(html, ">December 2026</h2>"));
    free(html);
    av.month = D(2026, 11, 1);
    html = render(fb_render_page, &ctx);
    ck_assert_ptr_nonnull(strstr(html, ">December 2026</h2>"));
    ck_assert_ptr_null(strstr(html, "rel=\"prev\""));
    free(html);
    /* A tampered answer far ahead: the first month, not 2099. */
    ctx.availability = NULL;
    ck_assert_int_eq(fb_answers_add(in, "day", "2099-06-01"), 0);
    ctx.answers = in;
    html = render(fb_render_page, &ctx);
    ck_assert_ptr_nonnull(strstr(html, ">December 2026</h2>"));
    free(html);
}
END_TEST

START_TEST(date_page_with_error)
{
    struct fb_date today = D(2026, 12, 1);
    struct fb_render_ctx ctx = ctx_for(1, &today);
    ck_assert_ptr_nonnull(post(&q_day, "2026-12-25", &today));
    ctx.errors = errs;
    ctx.answers = in;
    char *html = render(fb_render_page, &ctx);
    ck_assert_ptr_nonnull(strstr(html, "href=\"#day\">Choose a date from "
                                       "the dates shown</a>"));
    ck_assert_ptr_nonnull(strstr(html, "govuk-form-group--error"));
    free(html);
}
END_TEST

START_TEST(time_page_windows_of_the_day)
{
    struct fb_date today = D(2026, 12, 1);
    int calls = 0;
    struct fb_availability av = {places_left, &calls, {0, 0, 0}};
    struct fb_render_ctx ctx = ctx_for(2, &today);
    ck_assert_int_eq(fb_answers_add(out, "day", "2026-12-09"), 0);
    ctx.known = out;
    char *html = render(fb_render_page, &ctx);
    /* Without availability both windows, every place free. */
    ck_assert_ptr_nonnull(strstr(html, "Wednesday 9 December 2026"));
    ck_assert_ptr_nonnull(strstr(html, ">Morning (7am to 12pm)</label>"));
    ck_assert_uint_eq(count(html, "20 places left"), 2);
    free(html);
    /* With it: the full morning is not offered. */
    ctx.availability = &av;
    html = render(fb_render_page, &ctx);
    ck_assert_ptr_null(strstr(html, "value=\"am\""));
    ck_assert_ptr_nonnull(strstr(html, "value=\"pm\""));
    ck_assert_ptr_nonnull(strstr(html, ">1 place left<"));
    free(html);
    /* A full day says so. */
    fb_answers_clear(out);
    ck_assert_int_eq(fb_answers_add(out, "day", "2026-12-08"), 0);
    html = render(fb_render_page, &ctx);
    ck_assert_ptr_null(strstr(html, "type=\"radio\""));
    ck_assert_ptr_nonnull(strstr(html, "There are no times left on Tuesday "
                                       "8 December 2026"));
    free(html);
}
END_TEST

START_TEST(time_page_before_a_date)
{
    struct fb_date today = D(2026, 12, 1);
    struct fb_render_ctx ctx = ctx_for(2, &today);
    ctx.known = out;
    char *html = render(fb_render_page, &ctx);
    ck_assert_ptr_nonnull(strstr(html, "You need to choose a date before "
                                       "you can choose a time."));
    ck_assert_ptr_nonnull(strstr(html, "href=\"/book-x/day\""));
    ck_assert_ptr_null(strstr(html, "type=\"radio\""));
    free(html);
}
END_TEST

static void
booked(const char *items)
{
    ck_assert_int_eq(fb_answers_add(out, "items", items), 0);
    ck_assert_int_eq(fb_answers_add(out, "day", "2026-12-08"), 0);
    ck_assert_int_eq(fb_answers_add(out, "time", "pm"), 0);
}

START_TEST(check_answers_and_confirmation_show_the_booking)
{
    struct fb_date today = D(2026, 12, 1);
    const struct fb_page_desc *journey[] = {&pages[0], &pages[1], &pages[2]};
    struct fb_render_ctx ctx = ctx_for(0, &today);
    booked("<b>sofa</b>");
    ctx.page = NULL;
    ctx.journey = journey;
    ctx.n_journey = 3;
    ctx.summary = out;
    char *html = render(fb_render_check_answers, &ctx);
    ck_assert_ptr_nonnull(strstr(html, ">Tuesday 8 December 2026</dd>"));
    ck_assert_ptr_nonnull(strstr(html, ">Afternoon (12pm to 5pm)</dd>"));
    free(html);
    ctx.reference = "REF-ABCDEFGH";
    ctx.booking_manage_href = "/book-x/booking/tok";
    ctx.booking_ics_href = "/book-x/booking/tok.ics";
    html = render(fb_render_confirmation, &ctx);
    ck_assert_ptr_nonnull(strstr(html, ">Your booking</h2>"));
    /* Placeholders: the answers as check answers shows them, escaped. */
    ck_assert_ptr_nonnull(strstr(html, "We collect &lt;b&gt;sofa&lt;/b&gt; "
                                       "on Tuesday 8 December 2026, "
                                       "Afternoon (12pm to 5pm). {Braces} "
                                       "stay."));
    ck_assert_ptr_nonnull(strstr(html, "href=\"/book-x/booking/tok\">Change "
                                       "or cancel your booking</a>"));
    ck_assert_ptr_nonnull(strstr(html, ">Add to your calendar (.ics "
                                       "file)</a>"));
    /* The inset's `when` fails: items is not "sofa". */
    ck_assert_ptr_null(strstr(html, "Cover the sofa"));
    free(html);
    fb_answers_clear(out);
    booked("sofa");
    ctx.booking_manage_href = ctx.booking_ics_href = NULL;
    html = render(fb_render_confirmation, &ctx);
    ck_assert_ptr_nonnull(strstr(html, "Cover the sofa if it rains."));
    ck_assert_ptr_null(strstr(html, "Change or cancel"));
    free(html);
}
END_TEST

START_TEST(placeholder_answer_is_never_a_link)
{
    struct fb_date today = D(2026, 12, 1);
    struct fb_render_ctx ctx = ctx_for(0, &today);
    booked("[click](https://evil.example)");
    ctx.page = NULL;
    ctx.summary = out;
    char *html = render(fb_render_confirmation, &ctx);
    ck_assert_ptr_null(strstr(html, "evil.example\""));
    ck_assert_ptr_nonnull(strstr(html, "[click](https://evil.example)"));
    free(html);
}
END_TEST

static Suite *
booking_suite(void)
{
    Suite *s = suite_create("booking");
    TCase *tc = tcase_create("calendar");
    tcase_add_test(tc, weekdays);
    tcase_add_test(tc, offers_lead_and_horizon_inclusive);
    tcase_add_test(tc, offers_weekdays_only);
    tcase_add_test(tc, offers_no_closed_day_or_bank_holiday);
    tcase_add_test(tc, offers_month_ends_and_leap_days);
    tcase_add_test(tc, windows_and_labels);
    suite_add_tcase(s, tc);
    tc = tcase_create("readers and pages");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, reader_accepts_offered_days_only);
    tcase_add_test(tc, reader_accepts_windows_only);
    tcase_add_test(tc, date_page_without_availability);
    tcase_add_test(tc, date_page_with_availability_and_full_day);
    tcase_add_test(tc, date_page_month_links_within_lead_and_horizon);
    tcase_add_test(tc, date_page_month_without_dates);
    tcase_add_test(tc, date_page_month_full);
    tcase_add_test(tc, date_page_shows_the_month_of_the_answer);
    tcase_add_test(tc, date_page_never_shows_a_month_out_of_range);
    tcase_add_test(tc, date_page_with_error);
    tcase_add_test(tc, time_page_windows_of_the_day);
    tcase_add_test(tc, time_page_before_a_date);
    tcase_add_test(tc, check_answers_and_confirmation_show_the_booking);
    tcase_add_test(tc, placeholder_answer_is_never_a_link);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(booking_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
