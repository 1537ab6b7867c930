/* SPDX-License-Identifier: MIT */
/*
 * The two booking questions, without script. booking_date shows one
 * month of the calendar as GOV.UK radios, one per day offered with
 * places left (named "Tuesday 8 December 2026", places left as its hint),
 * full days as text, and previous/next month links (GOV.UK pagination)
 * within lead and horizon. booking_time shows the windows of the day
 * chosen that have places left. Places come from ctx->availability (the
 * store's counts); without it every offered place is free.
 */
#include "formbuilder/render.h"

#include <stdio.h>
#include <string.h>

#include "formbuilder/qtype.h"
#include "formbuilder/validate.h"
#include "render-priv.h"

typedef struct fb_question_render qs_t;

/* Places left in window @p i of @p day. */
static int
window_places(const struct fb_render_ctx *ctx,
              const struct fb_calendar_desc *cal, const struct fb_date *day,
              size_t i)
{
    const struct fb_availability *av = ctx->availability;
    int left = av && av->places_left ? av->places_left(av->cls, day, i)
                                     : cal->windows[i].capacity;
    return left > 0 ? left : 0;
}

static int
day_places(const struct fb_render_ctx *ctx,
           const struct fb_calendar_desc *cal, const struct fb_date *day)
{
    int left = 0;

    for (size_t i = 0; i < cal->n_windows; i++)
        left += window_places(ctx, cal, day, i);
    return left;
}

static const char *
places_hint(enum fb_lang lang, int n, char *buf, size_t cap)
{
    struct fb_msg_args args = {.count = n};

    return fb_msg_format(buf, cap, FB_MSG_PLACES_LEFT, &args, lang);
}

/* @returns the day question @p s's answer (raw, as posted or shown
 * again) names, in @p out, when it is a real date. */
static bool
answered_day(const struct fb_answers *a, const char *id, struct fb_date *out)
{
    const char *v = a ? fb_answers_get(a, id) : NULL;

    return v && fb_date_parse_iso(v, out);
}

/* The month the date page shows (day 1): the one the server asks for,
 * else the month of the answer, else of the first day offered, else of
 * the first day that could be. A month outside lead and horizon (a
 * tampered ?month= or answer) shows the first one instead. */
static struct fb_date
shown_month(const qs_t *s, const struct fb_calendar_desc *cal,
            const struct fb_date *today)
{
    const struct fb_availability *av = s->ctx->availability;
    struct fb_date d, first, last, fallback;

    fb_calendar_range(cal, today, &first, &last);
    if (!fb_calendar_first_day(cal, today, &fallback))
        fallback = first;
    fallback.day = 1;
    if (av && fb_date_valid(av->month.year, av->month.month, 1))
        d = av->month;
    else if (!answered_day(s->ctx->answers, s->q->id, &d))
        d = fallback;
    d.day = 1;
    first.day = 1;
    if (fb_date_cmp(&d, &first) < 0 || fb_date_cmp(&d, &last) > 0)
        d = fallback;
    return d;
}

static struct fb_date
add_months(struct fb_date d, int n)
{
    int m = d.year * 12 + (d.month - 1) + n;

    return (struct fb_date){m / 12, m % 12 + 1, 1};
}

/* One link of the months' navigation (GOV.UK pagination, block
 * variant): "Previous month" / "Next month" and the month it shows. */
static void
month_link(const qs_t *s, struct fb_date month, bool next)
{
    enum fb_lang lang = s->ctx->lang;

    fb_html_rawf(s->w, "<div class=\"govuk-pagination__%s\">\n"
                       "<a class=\"govuk-link govuk-pagination__link\" "
                       "href=\"?month=%04d-%02d\" rel=\"%s\">"
                       "<span class=\"govuk-pagination__link-title\">",
                 next ? "next" : "prev", month.year, month.month,
                 next ? "next" : "prev");
    fb_html_text(s->w, fb_msg_text(next ? FB_MSG_NEXT_MONTH
                                        : FB_MSG_PREVIOUS_MONTH, lang));
    fb_html_raw(s->w, "</span><span class=\"govuk-visually-hidden\">:"
                      "</span> <span class=\"govuk-pagination__link-label\">");
    fb_html_text(s->w, fb_month_name(month.month, lang));
    fb_html_rawf(s->w, " %d</span></a>\n</div>\n", month.year);
}

/* Links to the months before and after @p month that hold days the
 * calendar could offer (between today + lead and today + horizon). */
static void
month_links(const qs_t *s, const struct fb_calendar_desc *cal,
            const struct fb_date *today, struct fb_date month)
{
    struct fb_date first, last, next = add_months(month, 1);
    bool has_prev, has_next;

    fb_calendar_range(cal, today, &first, &last);
    has_prev = fb_date_cmp(&first, &month) < 0;
    has_next = fb_date_cmp(&next, &last) <= 0;
    if (!has_prev && !has_next)
        return;
    fb_html_raw(s->w, "<nav class=\"govuk-pagination "
                      "govuk-pagination--block\" aria-label=\"");
    fb_html_attr(s->w, fb_msg_text(FB_MSG_MONTHS, s->ctx->lang));
    fb_html_raw(s->w, "\">\n");
    if (has_prev)
        month_link(s, add_months(month, -1), false);
    if (has_next)
        month_link(s, next, true);
    fb_html_raw(s->w, "</nav>\n");
}

/* booking_date: the days of one month. A full day is text, not a
 * disabled radio: a disabled control is left out of the tab order and
 * announced inconsistently ("dimmed", or not at all), and its greyed
 * label fails contrast (WCAG 1.4.3), while a line of text is read in its
 * place in the month by every screen reader. */
void
fb_render_booking_date(const qs_t *s)
{
    const struct fb_calendar_desc *cal = s->q->calendar
                                             ? s->q->calendar
                                             : s->ctx->form->booking;
    enum fb_lang lang = s->ctx->lang;
    struct fb_date today_buf;
    const struct fb_date *today = fb_render_today(s->ctx, &today_buf);
    struct fb_date month, d;
    char label[96], hint[64], heading[64];
    size_t radios = 0, shown = 0;
    char month_id[300];

    if (!cal)
        return;
    month = shown_month(s, cal, today);
    snprintf(heading, sizeof heading, "%s %d",
             fb_month_name(month.month, lang), month.year);
    snprintf(month_id, sizeof month_id, "%s-month", s->q->id);
    fb_render_fieldset_question_open(s, month_id);
    fb_html_raw(s->w, "<h2 class=\"govuk-heading-m\" id=\"");
    fb_html_attr(s->w, month_id);
    fb_html_raw(s->w, "\">");
    fb_html_text(s->w, heading);
    fb_html_raw(s->w, "</h2>\n");
    for (d = month; d.month == month.month; d = fb_date_add_days(d, 1)) {
        if (fb_calendar_offers(cal, &d, today))
            shown++;
    }
    if (shown) {
        fb_html_raw(s->w, "<div class=\"govuk-radios\">\n");
        for (d = month; d.month == month.month;
             d = fb_date_add_days(d, 1)) {
            char iso[FB_DATE_ISO_SIZE];
            int left;
            if (!fb_calendar_offers(cal, &d, today))
                continue;
            fb_date_format_long(&d, lang, label, sizeof label);
            left = day_places(s->ctx, cal, &d);
            if (left == 0) {
                struct fb_msg_args args = {.text = label};
                char msg[160];
                fb_html_raw(s->w, "<p class=\"govuk-body fb-booking-full\">");
                fb_html_text(s->w, fb_msg_format(msg, sizeof msg,
                                                 FB_MSG_NO_PLACES_LEFT,
                                                 &args, lang));
                fb_html_raw(s->w, "</p>\n");
                continue;
            }
            fb_render_choice_item(s, radios++, fb_date_iso(&d, iso), label,
                                  places_hint(lang, left, hint, sizeof hint),
                                  "radios");
        }
        fb_html_raw(s->w, "</div>\n");
    }
    /* No day offered, or every one full. With no radio, the error
     * summary's link lands here. */
    if (radios == 0) {
        struct fb_msg_args args = {.text = heading};
        char msg[160];
        fb_html_raw(s->w, "<p class=\"govuk-body\" id=\"");
        fb_html_attr(s->w, s->q->id);
        fb_html_raw(s->w, "\" tabindex=\"-1\">");
        fb_html_text(s->w, fb_msg_format(msg, sizeof msg, FB_MSG_NO_DATES,
                                         &args, lang));
        fb_html_raw(s->w, "</p>\n");
    }
    fb_html_raw(s->w, "</fieldset>\n");
    month_links(s, cal, today, month);
    fb_html_raw(s->w, "</div>\n");
}

/* @returns the page of @p form that asks @p q, or NULL. */
static const struct fb_page_desc *
page_of(const struct fb_form_desc *form, const struct fb_question_desc *q)
{
    for (size_t i = 0; i < form->n_pages; i++)
        for (size_t k = 0; k < form->pages[i].n_questions; k++)
            if (form->pages[i].questions[k] == q)
                return &form->pages[i];
    return NULL;
}

/* The time page before a day is chosen: say so, with a link to the date
 * page. */
static void
date_first(const qs_t *s, const struct fb_question_desc *dq)
{
    const struct fb_page_desc *p = dq ? page_of(s->ctx->form, dq) : NULL;
    enum fb_lang lang = s->ctx->lang;

    /* The label would have been the page's heading. */
    if (s->heading) {
        fb_html_raw(s->w, "<h1 class=\"govuk-heading-l\">");
        fb_render_i18n(s->w, &s->q->label, lang);
        fb_html_raw(s->w, "</h1>\n");
    }
    /* The question's id: an error summary's link lands here. */
    fb_html_raw(s->w, "<div class=\"govuk-inset-text\" id=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\" tabindex=\"-1\">\n<p class=\"govuk-body\">");
    fb_html_text(s->w, fb_msg_text(FB_MSG_DATE_FIRST, lang));
    fb_html_raw(s->w, "</p>\n");
    if (p) {
        fb_html_raw(s->w, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                          "href=\"");
        fb_html_attr(s->w, s->ctx->form_href ? s->ctx->form_href : "");
        fb_html_url_segment(s->w, p->id);
        fb_html_raw(s->w, "\">");
        fb_html_text(s->w, fb_msg_text(FB_MSG_CHOOSE_DATE, lang));
        fb_html_raw(s->w, "</a></p>\n");
    }
    fb_html_raw(s->w, "</div>\n");
}

/* booking_time: the windows of the day chosen with places left; full
 * ones are not offered. */
void
fb_render_booking_time(const qs_t *s)
{
    const struct fb_render_ctx *ctx = s->ctx;
    const struct fb_calendar_desc *cal = s->q->calendar
                                             ? s->q->calendar
                                             : ctx->form->booking;
    const struct fb_question_desc *dq =
        fb_form_booking_question(ctx->form, FB_Q_BOOKING_DATE);
    const struct fb_answers *known = ctx->known ? ctx->known : ctx->summary;
    enum fb_lang lang = ctx->lang;
    char day_id[300], label[160], hint[64], day_text[96];
    struct fb_date day;
    size_t radios = 0;

    if (!cal)
        return;
    if (!dq || !answered_day(known ? known : ctx->answers, dq->id, &day)) {
        date_first(s, dq);
        return;
    }
    snprintf(day_id, sizeof day_id, "%s-day", s->q->id);
    fb_render_fieldset_question_open(s, day_id);
    fb_html_raw(s->w, "<p class=\"govuk-body\" id=\"");
    fb_html_attr(s->w, day_id);
    fb_html_raw(s->w, "\">");
    fb_html_text(s->w, fb_date_format_long(&day, lang, day_text,
                                           sizeof day_text));
    fb_html_raw(s->w, "</p>\n");
    for (size_t i = 0; i < cal->n_windows; i++)
        if (window_places(ctx, cal, &day, i) > 0)
            radios++;
    if (radios == 0) {
        struct fb_msg_args args = {.text = day_text};
        char msg[200];
        fb_html_raw(s->w, "<p class=\"govuk-body\" id=\"");
        fb_html_attr(s->w, s->q->id);
        fb_html_raw(s->w, "\" tabindex=\"-1\">");
        fb_html_text(s->w, fb_msg_format(msg, sizeof msg, FB_MSG_NO_TIMES,
                                         &args, lang));
        fb_html_raw(s->w, "</p>\n");
    } else {
        radios = 0;
        fb_html_raw(s->w, "<div class=\"govuk-radios\">\n");
        for (size_t i = 0; i < cal->n_windows; i++) {
            int left = window_places(ctx, cal, &day, i);
            if (left == 0)
                continue;
            fb_booking_window_label(&cal->windows[i], lang, label,
                                    sizeof label);
            fb_render_choice_item(s, radios++, cal->windows[i].id, label,
                                  places_hint(lang, left, hint, sizeof hint),
                                  "radios");
        }
        fb_html_raw(s->w, "</div>\n");
    }
    fb_html_raw(s->w, "</fieldset>\n</div>\n");
}
