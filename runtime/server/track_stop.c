/* SPDX-License-Identifier: MIT */
/*
 * /SLUG/track-stop?reference=R&t=TOKEN, the link in every update email
 * (events_mail.h): GET asks (a link opened by a mail scanner stops
 * nothing), POST stops them, keeping an event of the submission that
 * says so. A wrong token or an unknown reference is the same 404.
 */
#include "track.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "events_mail.h"
#include "formbuilder/answers.h"
#include "formdata.h"
#include "journey_priv.h"
#include "lang.h"
#include "track_page.h"

struct stop {
    char reference[FB_REFERENCE_MAX];
    struct fb_submission_event row;
    struct fb_write_job job;
};

static int
stop_step(struct fb_store *s, struct fb_write_job *job)
{
    struct stop *st = job->step_cls;
    bool existed = false;
    return s->ops->submission_event_add(s, &st->row, &existed);
}

/* @returns whether @p token is @p reference's, compared in constant
 * time, and the submission is @p f's. */
static bool
token_ok(const struct fb_journey *j, const struct fb_form_desc *f,
         const char *reference, const char *token)
{
    char want[FB_EVENTS_STOP_TOKEN_LEN + 1];
    if (!reference || !token || strlen(reference) >= FB_REFERENCE_MAX
        || strlen(token) != FB_EVENTS_STOP_TOKEN_LEN
        || !fb_events_stop_token(f, reference, want)
        || CRYPTO_memcmp(want, token, FB_EVENTS_STOP_TOKEN_LEN) != 0)
        return false;
    char form[FB_PLACE_NAME_MAX] = "";
    struct fb_store *rd = j->reader;
    return rd->ops->submission_by_reference(rd, reference, fb_track_copy_form,
                                            form) == FB_STORE_OK
           && strcmp(form, f->slug) == 0;
}

static void
page(struct fb_request *req, struct fb_track_view *v, const char *token,
     bool done)
{
    struct fb_html w;
    fb_html_init(&w);
    fb_track_stop_page(&w, v, token, done);
    fb_send_html(req, 200, &w);
}

void
fb_track_stop(struct fb_request *req, const struct fb_journey *j,
              const struct fb_form_desc *f, struct fb_track_view *v)
{
    const char *method = fb_request_method(req);
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (!get && strcmp(method, "POST") != 0) {
        fb_send_method_not_allowed(req, "GET, HEAD, POST");
        return;
    }
    struct fb_answers *fields = fb_answers_new();
    if (!fields) {
        fb_journey_server_error(req);
        return;
    }
    const char *reference = fb_request_query(req, "reference");
    const char *token = fb_request_query(req, "t");
    if (!get) {
        size_t len = 0;
        const char *body = fb_request_body(req, &len);
        if (fb_formdata_parse(body, len, j->cfg->max_fields, fields)
            == FB_FORMDATA_OK) {
            reference = fb_answers_get(fields, "reference");
            token = fb_answers_get(fields, "t");
        } else {
            reference = token = NULL;
        }
    }
    if (!token_ok(j, f, reference, token)) {
        fb_answers_free(fields);
        fb_send_not_found(req);
        return;
    }
    v->reference = reference;
    if (get) {
        page(req, v, token, false);
        fb_answers_free(fields);
        return;
    }
    struct stop *st = calloc(1, sizeof *st);
    if (!st) {
        fb_answers_free(fields);
        fb_journey_server_error(req);
        return;
    }
    fb_request_set_state(req, st, free);
    snprintf(st->reference, sizeof st->reference, "%s", reference);
    v->reference = st->reference;
    fb_answers_free(fields);
    long long now = fb_clock_now();
    st->row = (struct fb_submission_event){
        .reference = st->reference, .event_id = FB_EVENTS_MAIL_STOPPED,
        .status = FB_EVENTS_MAIL_STOPPED_STATUS, .message = "",
        .public = false, .occurred_at = now, .received_at = now,
    };
    st->job.now = now;
    st->job.step = stop_step;
    st->job.step_cls = st;
    page(req, v, NULL, true);
    fb_request_defer(req, &st->job, NULL);
}
