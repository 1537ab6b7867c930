/* SPDX-License-Identifier: MIT */
/*
 * Booking helpers for the pages: the page of a booking question, the
 * month shown, holders, quota keys, errors, and the writer steps.
 */
#include "booking_journey.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "formbuilder/booking.h"
#include "formbuilder/qtype.h"
#include "formbuilder/validate.h"
#include "outbox.h"
#include "pay.h"

/* returns the booking question page p asks. See booking_journey.h. */
const struct fb_question_desc *
fb_booking_page_question(const struct fb_page_desc *p)
{
    for (size_t i = 0; p && i < p->n_questions; i++) {
        enum fb_qtype t = p->questions[i]->type;
        if (t == FB_Q_BOOKING_DATE || t == FB_Q_BOOKING_TIME)
            return p->questions[i];
    }
    return NULL;
}

/* returns the page of f that asks question type type. See
 * booking_journey.h. */
const struct fb_page_desc *
fb_booking_page_of(const struct fb_form_desc *f, enum fb_qtype type)
{
    for (size_t i = 0; i < f->n_pages; i++) {
        const struct fb_question_desc *q =
            fb_booking_page_question(&f->pages[i]);
        if (q && q->type == type)
            return &f->pages[i];
    }
    return NULL;
}

/* Writes who holds a place. See booking_journey.h. */
void
fb_booking_holder(char buf[FB_HOLDER_MAX], const char *session_id,
                  const char *slug, bool changing)
{
    snprintf(buf, FB_HOLDER_MAX, "%s%s/%.80s", changing ? "change:" : "",
             session_id, slug);
}

/* Reads ?month=. See booking_journey.h. */
int
fb_booking_month_param(const char *param, struct fb_date *out)
{
    if (!param)
        return 0;
    char iso[FB_DATE_ISO_SIZE];
    if (strlen(param) != 7 || param[4] != '-')
        return -1;
    snprintf(iso, sizeof iso, "%s-01", param);
    return fb_date_parse_iso(iso, out) ? 1 : -1;
}

/* Loads the month a booking page shows. See booking_journey.h. */
int
fb_booking_page_month(struct fb_store *reader, const struct fb_form_desc *f,
                      const struct fb_answers *answers,
                      const struct fb_date *month, const char *holder,
                      struct fb_booking_month *out)
{
    const struct fb_question_desc *dq =
        fb_form_booking_question(f, FB_Q_BOOKING_DATE);
    const char *answered = dq && answers ? fb_answers_get(answers, dq->id)
                                         : NULL;
    struct fb_date today = fb_clock_today(), shown, last;
    if (month)
        shown = *month;
    else if (!answered || !fb_date_parse_iso(answered, &shown))
        if (!fb_calendar_first_day(f->booking, &today, &shown))
            fb_calendar_range(f->booking, &today, &shown, &last);
    shown.day = 1;
    return fb_booking_month_load(reader, f->booking, shown, fb_clock_now(),
                                 holder, out);
}

/* Appends one value of the key in lower case, after a line break when
 * it is not the first. */
static void
key_add(char *buf, size_t cap, size_t *len, const char *v)
{
    if (*len > 0 && *len + 1 < cap)
        buf[(*len)++] = '\n';
    for (; *v && *len + 1 < cap; v++)
        buf[(*len)++] = (char)tolower((unsigned char)*v);
    buf[*len] = '\0';
}

/* Writes the quota key of answers. See booking_journey.h. */
void
fb_booking_quota_key(const struct fb_calendar_desc *cal,
                     const struct fb_answers *answers, char *buf,
                     size_t cap)
{
    buf[0] = '\0';
    if (!cal || !cal->limit || !cal->limit->per || !answers || cap < 2)
        return;
    const char *id = cal->limit->per->id;
    size_t n = strlen(id), len = 0;
    const char *name, *value;
    for (size_t i = 0; fb_answers_at(answers, i, &name, &value); i++)
        if (strncmp(name, id, n) == 0 && (name[n] == '\0' || name[n] == '.')
            && *value)
            key_add(buf, cap, &len, value);
}

/* Adds the error of question q with message msg. See booking_journey.h. */
int
fb_booking_error(struct fb_errors *errs, const struct fb_question_desc *q,
                 enum fb_msg msg)
{
    char anchor[256];
    fb_question_anchor(q, -1, anchor, sizeof anchor);
    struct fb_error e = {
        .question = q->id, .anchor = anchor, .part = -1, .msg = msg,
    };
    return fb_errors_add(errs, &e);
}

/* returns the message for a refusal. See booking_journey.h. */
enum fb_msg
fb_booking_verdict_message(enum fb_booking_verdict v, enum fb_qtype on)
{
    if (v == FB_BOOKING_QUOTA)
        return FB_MSG_BOOKING_QUOTA;
    if (v == FB_BOOKING_GONE || v == FB_BOOKING_NO_HOLD)
        return FB_MSG_BOOKING_EXPIRED;
    return on == FB_Q_BOOKING_DATE ? FB_MSG_BOOKING_DAY_GONE
                                   : FB_MSG_BOOKING_TIME_GONE;
}

/* ---- writer steps ---- */

int
fb_booking_hold_step(struct fb_store *s, struct fb_write_job *job)
{
    return fb_booking_hold(s, job->step_cls);
}

int
fb_booking_confirm_step(struct fb_store *s, struct fb_write_job *job)
{
    struct fb_booking_write *w = job->step_cls;
    if (job->submission && job->submission->existed)
        return FB_STORE_OK;
    w->reference = job->submission ? job->submission->reference : "";
    return fb_booking_confirm(s, w);
}

/* Queues event @p event of the booking @p w wrote to the targets of
 * job->deliver, in the same transaction (outbox.h). */
static int
deliver_event(struct fb_store *s, const struct fb_write_job *job,
              const struct fb_booking_write *w, const char *event)
{
    if (!job->deliver)
        return FB_STORE_OK;
    return fb_outbox_add(s, job->deliver, w->place.reference, event,
                         job->language ? job->language : "en", w->now);
}

int
fb_booking_cancel_step(struct fb_store *s, struct fb_write_job *job)
{
    int rc = fb_booking_cancel(s, job->step_cls);
    if (rc == FB_STORE_OK)
        rc = deliver_event(s, job, job->step_cls, "cancelled");
    /* A paid booking is refunded through the provider (pay.h). */
    struct fb_booking_write *w = job->step_cls;
    if (rc == FB_STORE_OK && job->deliver && job->deliver->payment)
        rc = fb_pay_refund_due(s, w->place.reference, w->now);
    return rc == FB_STORE_NOT_FOUND ? FB_STORE_REFUSED : rc;
}

int
fb_booking_move_step(struct fb_store *s, struct fb_write_job *job)
{
    int rc = fb_booking_move(s, job->step_cls);
    if (rc == FB_STORE_OK)
        rc = deliver_event(s, job, job->step_cls, "changed");
    return rc == FB_STORE_NOT_FOUND ? FB_STORE_REFUSED : rc;
}
