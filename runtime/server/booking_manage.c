/* SPDX-License-Identifier: MIT */
/*
 * A booking's own pages, found by its manage token (/SLUG/booking/TOKEN):
 *
 *   TOKEN            the booking, with Change and Cancel
 *   TOKEN.ics        the booking as a calendar file
 *   TOKEN/cancel     are you sure? (POST from the booking page comes here)
 *   TOKEN/cancelled  POST cancels (a writer job); GET says it is done
 *   TOKEN/change     POST starts a change: the date page
 *   TOKEN/date       the form's date page again, for the new day
 *   TOKEN/time       the form's time page again: POST holds the new place
 *   TOKEN/check      the old and the new place; POST moves the booking
 *   TOKEN/changed    the booking after the move
 *
 * A change's answers live in the session under a progress of their own,
 * and its hold under a holder of its own, so a change never touches the
 * resident's journey. Cancelling and moving run in the writer's
 * transaction (booking_store.h) and are idempotent: a cancel sent twice
 * says it was cancelled already, a move sent twice finds no hold and
 * shows the booking where it now is.
 */
#include "booking_manage.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "booking_ics.h"
#include "booking_journey.h"
#include "clock.h"
#include "formbuilder/booking.h"
#include "formbuilder/driver.h"
#include "formbuilder/render.h"
#include "formbuilder/validate.h"
#include "journey_priv.h"
#include "lang.h"
#include "log.h"
#include "session.h"
#include "token.h"
#include "walk.h"

/* Everything one request needs; freed when the request ends. */
struct manage {
    const struct fb_journey *j;
    const struct fb_form_desc *f;
    struct fb_session *session;
    bool new_id;                    /* the browser needs the cookie */
    char *record;
    struct fb_write_job job;
    struct fb_booking_write booking;
    char base[600];                 /* /SLUG/booking/TOKEN */
    char key[FB_PLACE_NAME_MAX];    /* the change's progress */
    char holder[FB_HOLDER_MAX];
    struct fb_place place;
    const struct fb_request *req;
    enum fb_lang lang;              /* the page language (lang.h) */
};

static void
manage_free(void *p)
{
    struct manage *m = p;
    fb_session_free(m->session);
    free(m->record);
    free(m);
}

static void
not_found(struct fb_request *req)
{
    fb_send_message(req, 404, FB_MSG_NOT_FOUND_TITLE,
                    FB_MSG_BOOKING_NOT_FOUND_BODY, NULL);
}

static void
redirect(struct fb_request *req, const struct manage *m, const char *rest)
{
    char url[700];
    snprintf(url, sizeof url, "%s%s%s", m->base, rest[0] ? "/" : "", rest);
    fb_request_redirect(req, url);
}

/* ---- page pieces ---- */

static void
doc_open(struct fb_html *w, const struct manage *m, const char *title,
         const char *back, bool error)
{
    char form_href[256];
    snprintf(form_href, sizeof form_href, "/%s/", m->f->slug);
    char lang_href[700];
    struct fb_lang_link link = {
        .href = fb_lang_href(lang_href, sizeof lang_href, m->req, m->lang,
                             fb_lang_offered(m->f), false),
    };
    fb_render_doc_open(w, m->lang, error, title,
                       fb_i18n_get(&m->f->title, m->lang), "/assets/",
                       form_href, back, &link);
}

static void
heading(struct fb_html *w, const char *text)
{
    fb_html_raw(w, "<h1 class=\"govuk-heading-l\">");
    fb_html_text(w, text);
    fb_html_raw(w, "</h1>\n");
}

static void
row(struct fb_html *w, const struct manage *m, enum fb_msg key,
    const char *value)
{
    fb_html_raw(w, "<div class=\"govuk-summary-list__row\">\n"
                   "<dt class=\"govuk-summary-list__key\">");
    fb_html_text(w, fb_msg_text(key, m->lang));
    fb_html_raw(w, "</dt>\n<dd class=\"govuk-summary-list__value\">");
    fb_html_text(w, value);
    fb_html_raw(w, "</dd>\n</div>\n");
}

/* "Tuesday 8 December 2026, Morning (7am to 12pm)" for a place. */
static void
place_text(const struct manage *m, const char *day, const char *window,
           char *out, size_t cap)
{
    struct fb_date d;
    char long_day[96] = "", label[160] = "";
    if (fb_date_parse_iso(day, &d))
        fb_date_format_long(&d, m->lang, long_day, sizeof long_day);
    const struct fb_booking_window *win =
        fb_calendar_window(m->f->booking, window);
    if (win)
        fb_booking_window_label(win, m->lang, label, sizeof label);
    snprintf(out, cap, "%s, %s", long_day, win ? label : window);
}

/* The booking as a summary list: reference, date, time, status. */
static void
booking_rows(struct fb_html *w, const struct manage *m)
{
    const struct fb_place *p = &m->place;
    struct fb_date d;
    char long_day[96] = "", label[160] = "";
    if (fb_date_parse_iso(p->day, &d))
        fb_date_format_long(&d, m->lang, long_day, sizeof long_day);
    const struct fb_booking_window *win =
        fb_calendar_window(m->f->booking, p->window);
    if (win)
        fb_booking_window_label(win, m->lang, label, sizeof label);
    fb_html_raw(w, "<dl class=\"govuk-summary-list\">\n");
    row(w, m, FB_MSG_MANAGE_REFERENCE_KEY, p->reference);
    row(w, m, FB_MSG_BOOKING_DATE_KEY, long_day);
    row(w, m, FB_MSG_BOOKING_TIME_KEY, win ? label : p->window);
    row(w, m, FB_MSG_MANAGE_STATUS_KEY,
        fb_msg_text(p->state == FB_PLACE_CANCELLED
                        ? FB_MSG_BOOKING_STATE_CANCELLED
                        : FB_MSG_BOOKING_STATE_BOOKED,
                    m->lang));
    fb_html_raw(w, "</dl>\n");
}

/* A form of one button posting to @p rest with the CSRF token. */
static void
button_form(struct fb_html *w, const struct manage *m, const char *rest,
            enum fb_msg label, const char *modifier)
{
    fb_html_raw(w, "<form method=\"post\" novalidate action=\"");
    fb_html_attr(w, m->base);
    fb_html_raw(w, "/");
    fb_html_attr(w, rest);
    fb_html_raw(w, "\">\n<input type=\"hidden\" name=\"" FB_CSRF_FIELD
                   "\" value=\"");
    fb_html_attr(w, m->session->csrf);
    fb_html_rawf(w, "\">\n<button type=\"submit\" class=\"govuk-button%s\" "
                    "data-module=\"govuk-button\">",
                 modifier);
    fb_html_text(w, fb_msg_text(label, m->lang));
    fb_html_raw(w, "</button>\n</form>\n");
}

static void
panel(struct fb_html *w, const struct manage *m, enum fb_msg title,
      enum fb_msg body, const char *reference)
{
    char text[400];
    struct fb_msg_args args = { .text = reference };
    fb_html_raw(w, "<div class=\"govuk-panel govuk-panel--confirmation\">\n"
                   "<h1 class=\"govuk-panel__title\">");
    fb_html_text(w, fb_msg_text(title, m->lang));
    fb_html_raw(w, "</h1>\n<div class=\"govuk-panel__body\">");
    fb_html_text(w, fb_msg_format(text, sizeof text, body, &args,
                                  m->lang));
    fb_html_raw(w, "</div>\n</div>\n");
}

static void
send_page(struct fb_request *req, struct manage *m, unsigned status,
     struct fb_html *w)
{
    fb_render_doc_close(w, m->lang);
    if (m->new_id && !fb_journey_send_cookie(req, m->j, m->session)) {
        fb_html_free(w);
        fb_journey_server_error(req);
        return;
    }
    fb_send_html(req, status, w);
}

/* ---- the pages ---- */

static void
booking_page(struct fb_request *req, struct manage *m)
{
    struct fb_html w;
    fb_html_init(&w);
    doc_open(&w, m, fb_msg_text(FB_MSG_YOUR_BOOKING, m->lang), NULL,
             false);
    heading(&w, fb_msg_text(FB_MSG_YOUR_BOOKING, m->lang));
    booking_rows(&w, m);
    if (m->place.state == FB_PLACE_CANCELLED) {
        fb_html_raw(&w, "<div class=\"govuk-inset-text\">");
        fb_html_text(&w, fb_msg_text(FB_MSG_ALREADY_CANCELLED, m->lang));
        fb_html_raw(&w, "</div>\n");
    } else {
        fb_html_raw(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                        "href=\"");
        fb_html_attr(&w, m->base);
        fb_html_raw(&w, ".ics\">");
        fb_html_text(&w, fb_msg_text(FB_MSG_BOOKING_ICS, m->lang));
        fb_html_raw(&w, "</a></p>\n<div class=\"govuk-button-group\">\n");
        button_form(&w, m, "change", FB_MSG_CHANGE_BOOKING,
                    " govuk-button--secondary");
        button_form(&w, m, "cancel", FB_MSG_CANCEL_BOOKING,
                    " govuk-button--warning");
        fb_html_raw(&w, "</div>\n");
    }
    send_page(req, m, 200, &w);
}

static void
cancel_page(struct fb_request *req, struct manage *m)
{
    if (m->place.state == FB_PLACE_CANCELLED) {
        redirect(req, m, "cancelled");
        return;
    }
    const char *title = fb_msg_text(FB_MSG_CANCEL_TITLE, m->lang);
    struct fb_html w;
    fb_html_init(&w);
    doc_open(&w, m, title, m->base, false);
    heading(&w, title);
    booking_rows(&w, m);
    fb_html_raw(&w, "<div class=\"govuk-warning-text\">\n"
                    "<span class=\"govuk-warning-text__icon\" "
                    "aria-hidden=\"true\">!</span>\n"
                    "<strong class=\"govuk-warning-text__text\">"
                    "<span class=\"govuk-visually-hidden\">");
    fb_html_text(&w, fb_msg_text(FB_MSG_WARNING, m->lang));
    fb_html_raw(&w, "</span>");
    fb_html_text(&w, fb_msg_text(FB_MSG_CANCEL_WARNING, m->lang));
    fb_html_raw(&w, "</strong>\n</div>\n<div class=\"govuk-button-group\">\n");
    button_form(&w, m, "cancelled", FB_MSG_CANCEL_CONFIRM,
                " govuk-button--warning");
    fb_html_raw(&w, "<a class=\"govuk-link\" href=\"");
    fb_html_attr(&w, m->base);
    fb_html_raw(&w, "\">");
    fb_html_text(&w, fb_msg_text(FB_MSG_KEEP_BOOKING, m->lang));
    fb_html_raw(&w, "</a>\n</div>\n");
    send_page(req, m, 200, &w);
}

/* After a cancel, or the same cancel sent again. */
static void
cancelled_page(struct fb_request *req, struct manage *m, bool again)
{
    if (m->place.state != FB_PLACE_CANCELLED) {
        redirect(req, m, "");
        return;
    }
    struct fb_html w;
    fb_html_init(&w);
    doc_open(&w, m, fb_msg_text(FB_MSG_CANCELLED_TITLE, m->lang), NULL,
             false);
    if (again) {
        heading(&w, fb_msg_text(FB_MSG_CANCELLED_TITLE, m->lang));
        fb_html_raw(&w, "<p class=\"govuk-body\">");
        fb_html_text(&w, fb_msg_text(FB_MSG_ALREADY_CANCELLED, m->lang));
        fb_html_raw(&w, "</p>\n");
    } else {
        panel(&w, m, FB_MSG_CANCELLED_TITLE, FB_MSG_CANCELLED_BODY,
              m->place.reference);
    }
    /* A paid booking's refund (pay.h), made by the payment worker. */
    struct fb_payment paid;
    if (m->f->payment
        && m->j->reader->ops->payment_get(m->j->reader, m->place.reference,
                                          &paid) == FB_STORE_OK
        && paid.refund_status[0]) {
        char text[300];
        struct fb_msg_args args = { .pence = paid.amount };
        fb_html_raw(&w, "<p class=\"govuk-body\">");
        fb_html_text(&w, fb_msg_format(text, sizeof text, FB_MSG_PAY_REFUND,
                                       &args, m->lang));
        fb_html_raw(&w, "</p>\n");
    }
    booking_rows(&w, m);
    send_page(req, m, 200, &w);
}

static void
changed_page(struct fb_request *req, struct manage *m)
{
    struct fb_html w;
    fb_html_init(&w);
    doc_open(&w, m, fb_msg_text(FB_MSG_CHANGED_TITLE, m->lang), NULL,
             false);
    panel(&w, m, FB_MSG_CHANGED_TITLE, FB_MSG_CHANGED_BODY, m->place.reference);
    booking_rows(&w, m);
    fb_html_raw(&w, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                    "href=\"");
    fb_html_attr(&w, m->base);
    fb_html_raw(&w, "\">");
    fb_html_text(&w, fb_msg_text(FB_MSG_MANAGE_BOOKING, m->lang));
    fb_html_raw(&w, "</a></p>\n");
    send_page(req, m, 200, &w);
}

static void
ics_file(struct fb_request *req, struct manage *m)
{
    const struct fb_place *p = &m->place;
    const struct fb_booking_window *win =
        fb_calendar_window(m->f->booking, p->window);
    struct fb_date d;
    if (p->state != FB_PLACE_BOOKED || !win
        || !fb_date_parse_iso(p->day, &d)) {
        not_found(req);
        return;
    }
    char uid[FB_REFERENCE_MAX + FB_PLACE_NAME_MAX + 2], description[1400];
    snprintf(uid, sizeof uid, "%s@%s", p->reference, m->f->slug);
    snprintf(description, sizeof description, "%s: %s\n%s: %s%s",
             fb_msg_text(FB_MSG_MANAGE_REFERENCE_KEY, m->lang),
             p->reference, fb_msg_text(FB_MSG_MANAGE_BOOKING, m->lang),
             m->j->cfg->base_url, m->base);
    struct fb_ics_event e = {
        .uid = uid,
        .stamp = fb_clock_now(),
        .day = d,
        .start = win->start,
        .end = win->end,
        .summary = fb_i18n_get(&m->f->title, m->lang),
        .description = description,
    };
    size_t len = 0;
    char *body = fb_ics_write(&e, &len);
    char disposition[FB_REFERENCE_MAX + 64];
    snprintf(disposition, sizeof disposition,
             "attachment; filename=\"booking-%s.ics\"", p->reference);
    if (fb_request_add_header(req, "Content-Disposition", disposition)
        != 0) {
        free(body);
        fb_journey_server_error(req);
        return;
    }
    fb_request_respond(req, 200, "text/calendar; charset=utf-8", body, len,
                       FB_CACHE_NO_STORE);
}

/* ---- the change: date and time pages again, check, move ---- */

/* The change's answers (the date and time pages' fields). */
static struct fb_progress *
change_progress(struct manage *m, bool create)
{
    return fb_session_progress(m->session, m->key, create);
}

static void
change_page(struct fb_request *req, struct manage *m,
            const struct fb_page_desc *page, const struct fb_answers *raw,
            const struct fb_errors *errs, unsigned status)
{
    struct fb_date asked, today = fb_clock_today();
    bool given = fb_booking_month_param(fb_request_query(req, "month"),
                                        &asked) == 1;
    struct fb_booking_month month;
    if (fb_booking_page_month(m->j->reader, m->f, raw, given ? &asked : NULL,
                              m->holder, &month) != FB_STORE_OK) {
        fb_booking_month_free(&month);
        fb_journey_store_error(req, m->j);
        return;
    }
    const struct fb_question_desc *q = fb_booking_page_question(page);
    char form_href[256], action[700], back[700], lang_href[700];
    snprintf(form_href, sizeof form_href, "/%s/", m->f->slug);
    snprintf(action, sizeof action, "%s/%s", m->base,
             q->type == FB_Q_BOOKING_DATE ? "date" : "time");
    snprintf(back, sizeof back, "%s%s", m->base,
             q->type == FB_Q_BOOKING_DATE ? "" : "/date");
    struct fb_render_ctx ctx = {
        .form = m->f,
        .page = page,
        .answers = raw,
        .known = raw,
        .errors = errs,
        .lang = m->lang,
        .today = &today,
        .form_href = form_href,
        .assets_href = "/assets/",
        .action = action,
        .back_href = back,
        .csrf_token = m->session->csrf,
        .availability = &month.availability,
        /* The day or time chosen is one radio: a GET link is enough. */
        .lang_link = {fb_lang_href(lang_href, sizeof lang_href, req,
                                   m->lang, fb_lang_offered(m->f), false),
                      false},
    };
    struct fb_html w;
    fb_html_init(&w);
    fb_render_page(&w, &ctx);
    fb_booking_month_free(&month);
    if (m->new_id && !fb_journey_send_cookie(req, m->j, m->session)) {
        fb_html_free(&w);
        fb_journey_server_error(req);
        return;
    }
    fb_send_html(req, status, &w);
}

/* Queues the session (with the change's answers) for saving; the
 * response already set is sent once it is stored. */
static bool
save_session(struct fb_request *req, struct manage *m,
             fb_write_failed_fn failed)
{
    return fb_journey_defer_session(req, m->session, &m->record, &m->job,
                                    failed);
}

/* The time page's hold was refused: the page again with its error. */
static void
hold_refused(struct fb_request *req, void *p)
{
    struct manage *m = p;
    if (m->job.status != FB_STORE_REFUSED)
        return;   /* the http layer's 503 */
    const struct fb_page_desc *page =
        fb_booking_page_of(m->f, FB_Q_BOOKING_TIME);
    struct fb_progress *prog = change_progress(m, false);
    struct fb_errors *errs = fb_errors_new();
    if (prog && errs
        && fb_booking_error(errs, fb_booking_page_question(page),
                            fb_booking_verdict_message(m->booking.verdict,
                                                       FB_Q_BOOKING_TIME))
               == 0)
        change_page(req, m, page, prog->raw, errs, 409);
    fb_errors_free(errs);
}

/* GET or POST of the change's date or time page. */
static void
change_question(struct fb_request *req, struct manage *m, enum fb_qtype type,
                bool post)
{
    const struct fb_page_desc *page = fb_booking_page_of(m->f, type);
    struct fb_progress *prog = change_progress(m, true);
    if (!page || !prog) {
        fb_journey_server_error(req);
        return;
    }
    const struct fb_question_desc *q = fb_booking_page_question(page);
    const struct fb_question_desc *dq =
        fb_form_booking_question(m->f, FB_Q_BOOKING_DATE);
    if (type == FB_Q_BOOKING_TIME && !fb_answers_get(prog->raw, dq->id)) {
        redirect(req, m, "date");
        return;
    }
    if (!post) {
        struct fb_date month;
        if (fb_booking_month_param(fb_request_query(req, "month"), &month)
            < 0) {
            fb_send_message(req, 400, FB_MSG_NOT_ACCEPTED_TITLE,
                            FB_MSG_BAD_MONTH, NULL);
            return;
        }
        const char *why = fb_request_query(req, "booking");
        struct fb_errors *errs = why ? fb_errors_new() : NULL;
        if (errs)
            fb_booking_error(errs, q,
                             fb_booking_verdict_message(
                                 strcmp(why, "closed") == 0
                                     ? FB_BOOKING_NOT_OFFERED
                                     : FB_BOOKING_GONE,
                                 type));
        change_page(req, m, page, prog->raw, errs, 200);
        fb_errors_free(errs);
        return;
    }
    if (m->new_id) {   /* a POST needs the session its page was shown with */
        fb_send_message(req, 403, FB_MSG_EXPIRED_TITLE, FB_MSG_EXPIRED_BODY,
                        m->base);
        return;
    }
    struct fb_answers *fields =
        fb_journey_read_post(req, m->j, m->f, page, m->session);
    if (!fields)
        return;
    const char *was = fb_answers_get(prog->raw, q->id);
    const char *chosen = fb_answers_get(fields, q->id);
    bool new_day = type == FB_Q_BOOKING_DATE
                   && (!was || !chosen || strcmp(was, chosen) != 0);
    const struct fb_question_desc *tq =
        fb_form_booking_question(m->f, FB_Q_BOOKING_TIME);
    if (new_day && tq)
        fb_answers_remove(prog->raw, tq->id);
    struct fb_answers *out = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    struct fb_date today = fb_clock_today();
    bool ok = out && errs && fb_page_remove_fields(page, prog->raw) == 0
              && fb_answers_copy(prog->raw, fields) == 0
              && fb_validate_page(page, prog->raw, &today, out, errs);
    fb_answers_free(fields);
    if (!ok) {
        fb_answers_free(out);
        fb_errors_free(errs);
        fb_journey_server_error(req);
        return;
    }
    if (fb_errors_count(errs) > 0) {
        change_page(req, m, page, prog->raw, errs, 422);
        fb_answers_free(out);
        fb_errors_free(errs);
        return;
    }
    struct fb_date day;
    const char *day_text = fb_answers_get(type == FB_Q_BOOKING_DATE
                                              ? out
                                              : prog->raw,
                                          dq->id);
    if (!day_text || !fb_date_parse_iso(day_text, &day)) {
        fb_answers_free(out);
        fb_errors_free(errs);
        redirect(req, m, "date");
        return;
    }
    if (type == FB_Q_BOOKING_DATE) {
        struct fb_booking_month mo;
        int rc = fb_booking_month_load(m->j->reader, m->f->booking, day,
                                       fb_clock_now(), m->holder, &mo);
        int left = rc == FB_STORE_OK ? fb_booking_month_day_left(&mo, &day)
                                     : 0;
        fb_booking_month_free(&mo);
        if (rc == FB_STORE_OK && left == 0
            && fb_booking_error(errs, q, FB_MSG_BOOKING_DAY_GONE) == 0) {
            change_page(req, m, page, prog->raw, errs, 409);
        } else if (rc != FB_STORE_OK) {
            fb_journey_store_error(req, m->j);
        } else if (left == 0) {
            fb_journey_server_error(req);
        } else {
            redirect(req, m, "time");
            if (!save_session(req, m, NULL))
                fb_journey_server_error(req);
        }
        fb_answers_free(out);
        fb_errors_free(errs);
        return;
    }
    m->booking = (struct fb_booking_write){
        .cal = m->f->booking,
        .form = m->f->slug,
        .holder = m->holder,
        .day = day,
        .window = fb_answers_get(prog->raw, q->id),
        .now = fb_clock_now(),
        .today = today,
    };
    m->job.step = fb_booking_hold_step;
    m->job.step_cls = &m->booking;
    fb_answers_free(out);
    fb_errors_free(errs);
    redirect(req, m, "check");
    if (!save_session(req, m, hold_refused))
        fb_journey_server_error(req);
}

static void
check_page(struct fb_request *req, struct manage *m)
{
    struct fb_place hold;
    int rc = m->j->reader->ops->place_held(m->j->reader, m->holder,
                                           m->f->booking->name, &hold);
    if (rc == FB_STORE_ERROR) {
        fb_journey_store_error(req, m->j);
        return;
    }
    if (rc != FB_STORE_OK || hold.expires_at <= fb_clock_now()) {
        redirect(req, m, "date?booking=gone");
        return;
    }
    const char *title = fb_msg_text(FB_MSG_CHANGE_CHECK_TITLE, m->lang);
    char back[700], old_place[300], new_place[300];
    snprintf(back, sizeof back, "%s/time", m->base);
    place_text(m, m->place.day, m->place.window, old_place,
               sizeof old_place);
    place_text(m, hold.day, hold.window, new_place, sizeof new_place);
    struct fb_html w;
    fb_html_init(&w);
    doc_open(&w, m, title, back, false);
    heading(&w, title);
    fb_html_raw(&w, "<dl class=\"govuk-summary-list\">\n");
    row(&w, m, FB_MSG_MANAGE_REFERENCE_KEY, m->place.reference);
    row(&w, m, FB_MSG_OLD_BOOKING_KEY, old_place);
    row(&w, m, FB_MSG_NEW_BOOKING_KEY, new_place);
    fb_html_raw(&w, "</dl>\n");
    button_form(&w, m, "check", FB_MSG_CHANGE_CONFIRM, "");
    send_page(req, m, 200, &w);
}

/* The move was refused: replayed (nothing held: the booking is where the
 * first one moved it), the new place gone, or the booking cancelled. */
static void
move_refused(struct fb_request *req, void *p)
{
    struct manage *m = p;
    if (m->job.status != FB_STORE_REFUSED)
        return;
    switch (m->booking.verdict) {
    case FB_BOOKING_NO_HOLD:
        redirect(req, m, "");
        break;
    case FB_BOOKING_CANCELLED:
        redirect(req, m, "cancelled");
        break;
    case FB_BOOKING_NOT_OFFERED:
        redirect(req, m, "date?booking=closed");
        break;
    default:
        redirect(req, m, "date?booking=gone");
        break;
    }
}

static void
cancel_refused(struct fb_request *req, void *p)
{
    struct manage *m = p;
    if (m->job.status != FB_STORE_REFUSED)
        return;
    m->place.state = FB_PLACE_CANCELLED;
    cancelled_page(req, m, true);
}

/* Checks a POST of one of the booking's buttons: the session it was
 * shown with, its CSRF token and no other field. @returns false when a
 * response (400, 403) was set. */
static bool
posted(struct fb_request *req, struct manage *m)
{
    if (m->new_id) {
        fb_send_message(req, 403, FB_MSG_EXPIRED_TITLE, FB_MSG_EXPIRED_BODY,
                        m->base);
        return false;
    }
    struct fb_answers *fields =
        fb_journey_read_post(req, m->j, m->f, NULL, m->session);
    fb_answers_free(fields);
    return fields != NULL;
}

/* POST TOKEN/cancelled or TOKEN/check: a writer job over the booking. */
static void
write_booking(struct fb_request *req, struct manage *m, bool move)
{
    if (!posted(req, m))
        return;
    m->booking = (struct fb_booking_write){
        .cal = m->f->booking,
        .form = m->f->slug,
        .holder = m->holder,
        .now = fb_clock_now(),
        .today = fb_clock_today(),
    };
    memcpy(m->booking.token_hash, m->place.token_hash,
           sizeof m->booking.token_hash);
    m->job.step = move ? fb_booking_move_step : fb_booking_cancel_step;
    m->job.step_cls = &m->booking;
    m->job.deliver = m->f;     /* the event goes to the form's targets */
    m->job.language = fb_lang_code(m->lang);  /* the resident's, now */
    struct fb_progress *prog = move ? change_progress(m, false) : NULL;
    if (prog && fb_progress_reset(prog) != 0) {
        fb_journey_server_error(req);
        return;
    }
    redirect(req, m, move ? "changed" : "cancelled");
    if (move ? !save_session(req, m, move_refused) : false) {
        fb_journey_server_error(req);
        return;
    }
    if (!move)
        fb_request_defer(req, &m->job, cancel_refused);
}

/* ---- dispatch ---- */

/* Handles /SLUG/booking/REST. See booking_manage.h. */
void
fb_booking_manage(struct fb_request *req, const struct fb_journey *j,
                  const struct fb_form_desc *f, const char *rest)
{
    const char *method = fb_request_method(req);
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    bool post = strcmp(method, "POST") == 0;
    char token[FB_MANAGE_TOKEN_LEN + 1];
    size_t n = strcspn(rest, "/.");
    const char *action = rest[n] == '/' ? rest + n + 1 : "";
    bool ics = strcmp(rest + n, ".ics") == 0;
    if (!f->booking || n != FB_MANAGE_TOKEN_LEN
        || (rest[n] == '.' && !ics) || strchr(action, '/')) {
        not_found(req);
        return;
    }
    memcpy(token, rest, n);
    token[n] = '\0';
    unsigned char hash[FB_MANAGE_HASH_LEN];
    struct manage *m = calloc(1, sizeof *m);
    if (!m) {
        fb_journey_server_error(req);
        return;
    }
    fb_request_set_state(req, m, manage_free);
    m->j = j;
    m->req = req;
    m->f = f;
    if (!fb_manage_token_valid(token)
        || fb_manage_token_hash(token, hash) != 0) {
        not_found(req);
        return;
    }
    int rc = fb_booking_find(j->reader, hash, &m->place);
    if (rc == FB_STORE_ERROR) {
        fb_journey_store_error(req, j);
        return;
    }
    if (rc != FB_STORE_OK || strcmp(m->place.form, f->slug) != 0) {
        not_found(req);
        return;
    }
    snprintf(m->base, sizeof m->base, "/%s/booking/%s", f->slug, token);
    if (ics) {
        if (get)
            ics_file(req, m);
        else
            fb_send_method_not_allowed(req, "GET, HEAD");
        return;
    }
    m->session = fb_journey_session(req, j, true, &m->new_id);
    if (!m->session)
        return;               /* answered 500 */
    m->lang = fb_lang_of_request(req, m->session->lang, fb_lang_offered(f));
    fb_request_set_lang(req, m->lang);
    /* One change at a time per booking and session: its answers and its
     * hold are keyed by the booking, not only by the form. */
    char hex[17];
    for (int i = 0; i < 8; i++)
        snprintf(hex + (ptrdiff_t)2 * i, 3, "%02x", hash[i]);
    snprintf(m->key, sizeof m->key, "%.80s~change~%s", f->slug, hex);
    fb_booking_holder(m->holder, m->session->id, m->key, true);

    bool cancelled = m->place.state == FB_PLACE_CANCELLED;
    if (strcmp(action, "") == 0 && get) {
        booking_page(req, m);
    } else if (strcmp(action, "cancel") == 0 && (get || post)) {
        if (!post)
            cancel_page(req, m);
        else if (posted(req, m))
            redirect(req, m, "cancel");
    } else if (strcmp(action, "cancelled") == 0 && (get || post)) {
        if (post)
            write_booking(req, m, false);
        else
            cancelled_page(req, m, false);
    } else if (cancelled && strcmp(action, "") != 0) {
        /* A cancelled booking cannot be changed. */
        redirect(req, m, "");
    } else if (strcmp(action, "change") == 0 && post) {
        if (posted(req, m))
            redirect(req, m, "date");
    } else if (strcmp(action, "date") == 0 && (get || post)) {
        change_question(req, m, FB_Q_BOOKING_DATE, post);
    } else if (strcmp(action, "time") == 0 && (get || post)) {
        change_question(req, m, FB_Q_BOOKING_TIME, post);
    } else if (strcmp(action, "check") == 0 && (get || post)) {
        if (post)
            write_booking(req, m, true);
        else
            check_page(req, m);
    } else if (strcmp(action, "changed") == 0 && get) {
        changed_page(req, m);
    } else if (strcmp(action, "") == 0 || strcmp(action, "change") == 0
               || strcmp(action, "changed") == 0) {
        fb_send_method_not_allowed(req, strcmp(action, "change") == 0
                                            ? "POST"
                                            : "GET, HEAD");
    } else {
        not_found(req);
    }
}
