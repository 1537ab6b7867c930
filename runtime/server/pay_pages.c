/* SPDX-License-Identifier: MIT */
/*
 * The resident's payment pages (pay_pages.h). Provider calls run on the
 * request's thread, each bounded by pay_timeout; every write goes through
 * the writer, applied to the row as it is then (fb_pay_update_step).
 */
#include "pay_pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "formbuilder/messages.h"
#include "formbuilder/render.h"
#include "journey_priv.h"
#include "lang.h"
#include "log.h"
#include "pay.h"
#include "session.h"
#include "token.h"

/* One request's state, freed when it ends. */
struct pay_req {
    const struct fb_journey *j;
    const struct fb_form_desc *f;
    struct fb_session *session;
    struct fb_payment p;
    struct fb_write_job job;
    struct fb_pay_update update;
    enum fb_lang lang;
    char retry[300];        /* the return page again, when set */
};

static void
pay_req_free(void *v)
{
    struct pay_req *r = v;
    fb_session_free(r->session);
    free(r);
}

static void
redirect(struct fb_request *req, const struct fb_form_desc *f,
         const char *rest)
{
    char url[300];
    snprintf(url, sizeof url, "/%s/%s", f->slug, rest);
    fb_request_redirect(req, url);
}

const char *
fb_pay_after_submit(const struct fb_form_desc *f, long long amount)
{
    return f->payment && amount > 0 ? "payment" : "confirmation";
}

/* Reads the payment of the submission the resident's session sent.
 * @returns FB_STORE_OK, FB_STORE_NOT_FOUND (nothing sent, or a free
 * one), or FB_STORE_ERROR. */
static int
load_payment(struct pay_req *r)
{
    struct fb_progress *prog =
        r->session ? fb_session_progress(r->session, r->f->slug, false)
                   : NULL;
    if (!prog || !prog->submitted_token[0])
        return FB_STORE_NOT_FOUND;
    struct fb_store *st = r->j->reader;
    char reference[FB_REFERENCE_MAX];
    int rc = st->ops->submission_find(st, prog->submitted_token, reference,
                                      sizeof reference);
    if (rc != FB_STORE_OK)
        return rc;
    return st->ops->payment_get(st, reference, &r->p);
}

bool
fb_pay_gate_confirmation(struct fb_request *req, const struct fb_journey *j,
                         const struct fb_form_desc *f,
                         const char *reference, bool *failed)
{
    *failed = false;
    if (!f->payment)
        return false;
    struct fb_payment p;
    int rc = j->reader->ops->payment_get(j->reader, reference, &p);
    if (rc == FB_STORE_NOT_FOUND)
        return false;          /* nothing was owed */
    if (rc != FB_STORE_OK) {
        *failed = true;
        fb_journey_store_error(req, j);
        return true;
    }
    if (fb_pay_stage_of(p.status) == FB_PAY_STAGE_PAID)
        return false;
    redirect(req, f, "payment");
    return true;
}

/* ---- the page ---- */

static void
paragraph(struct fb_html *w, const char *text)
{
    fb_html_raw(w, "<p class=\"govuk-body\">");
    fb_html_text(w, text);
    fb_html_raw(w, "</p>\n");
}

static void
show(struct fb_request *req, struct pay_req *r, unsigned status,
     enum fb_msg title, enum fb_msg body, enum fb_msg button)
{
    struct fb_msg_args args = { .pence = r->p.amount };
    char text[600], form_href[256], lang_href[700];
    snprintf(form_href, sizeof form_href, "/%s/", r->f->slug);
    struct fb_lang_link link = {
        .href = fb_lang_href(lang_href, sizeof lang_href, req, r->lang,
                             fb_lang_offered(r->f), false),
    };
    struct fb_html w;
    fb_html_init(&w);
    fb_render_doc_open(&w, r->lang, false, fb_msg_text(title, r->lang),
                       fb_i18n_get(&r->f->title, r->lang), "/assets/",
                       form_href, NULL, &link);
    fb_html_raw(&w, "<h1 class=\"govuk-heading-l\">");
    fb_html_text(&w, fb_msg_text(title, r->lang));
    fb_html_raw(&w, "</h1>\n");
    paragraph(&w, fb_msg_format(text, sizeof text, body, &args, r->lang));
    if (button == FB_MSG_PAY_START_AGAIN || !r->session) {
        /* A link: starting again, or checking again from the return
         * (which has no session to post with). */
        fb_html_raw(&w, "<a href=\"");
        fb_html_attr(&w, r->session ? form_href : r->retry);
        fb_html_raw(&w, "\" role=\"button\" draggable=\"false\" "
                        "class=\"govuk-button\" data-module=\"govuk-button\">");
        fb_html_text(&w, fb_msg_text(r->session ? button
                                                : FB_MSG_PAY_CHECK_AGAIN,
                                     r->lang));
        fb_html_raw(&w, "</a>\n");
    } else {
        fb_html_raw(&w, "<form method=\"post\" novalidate action=\"/");
        fb_html_attr(&w, r->f->slug);
        fb_html_raw(&w, "/payment\">\n<input type=\"hidden\" name=\""
                        FB_CSRF_FIELD "\" value=\"");
        fb_html_attr(&w, r->session->csrf);
        fb_html_raw(&w, "\">\n<button type=\"submit\" class=\"govuk-button\" "
                        "data-module=\"govuk-button\">");
        fb_html_text(&w, fb_msg_text(button, r->lang));
        fb_html_raw(&w, "</button>\n</form>\n");
    }
    fb_render_doc_close(&w, r->lang);
    fb_send_html(req, status, &w);
}

/* GET /SLUG/payment: the page for where the payment stands. */
static void
status_page(struct fb_request *req, struct pay_req *r)
{
    switch (fb_pay_stage_of(r->p.status)) {
    case FB_PAY_STAGE_PAID:
        redirect(req, r->f, "confirmation");
        return;
    case FB_PAY_STAGE_NEW:
        show(req, r, 200, FB_MSG_PAY_TITLE, FB_MSG_PAY_BODY,
             FB_MSG_PAY_CONTINUE);
        return;
    case FB_PAY_STAGE_PAYING:
        show(req, r, 200, FB_MSG_PAY_NOT_PAID_TITLE, FB_MSG_PAY_NOT_PAID_BODY,
             FB_MSG_PAY_CONTINUE);
        return;
    case FB_PAY_STAGE_CANCELLED:
        show(req, r, 200, FB_MSG_PAY_CANCELLED_TITLE,
             FB_MSG_PAY_CANCELLED_BODY, FB_MSG_PAY_AGAIN);
        return;
    case FB_PAY_STAGE_ABANDONED:
        show(req, r, 200, FB_MSG_PAY_ABANDONED_TITLE,
             FB_MSG_PAY_ABANDONED_BODY, FB_MSG_PAY_START_AGAIN);
        return;
    case FB_PAY_STAGE_FAILED:
        break;
    }
    show(req, r, 200, FB_MSG_PAY_FAILED_TITLE, FB_MSG_PAY_FAILED_BODY,
         FB_MSG_PAY_AGAIN);
}

/* The provider did not answer usefully: nothing was created here. */
static void
unavailable(struct fb_request *req, struct pay_req *r, const char *why)
{
    fb_log(FB_LOG_WARN, "payment %s: the provider: %s", r->p.reference, why);
    show(req, r, 503, FB_MSG_PAY_UNAVAILABLE_TITLE,
         FB_MSG_PAY_UNAVAILABLE_BODY, FB_MSG_PAY_AGAIN);
}

static void
not_recorded(struct fb_request *req, void *cls)
{
    struct pay_req *r = cls;
    show(req, r, 503, FB_MSG_PAY_UNAVAILABLE_TITLE, FB_MSG_PAY_CHECK_BODY,
         FB_MSG_PAY_CONTINUE);
}

/* Queues r->update and holds the response already set until it is
 * stored. */
static void
record(struct fb_request *req, struct pay_req *r)
{
    snprintf(r->update.reference, sizeof r->update.reference, "%s",
             r->p.reference);
    r->update.form = r->f;
    r->update.now = fb_clock_now();
    r->job.step = fb_pay_update_step;
    r->job.step_cls = &r->update;
    r->job.now = r->update.now;
    r->job.cls = r;
    fb_request_defer(req, &r->job, not_recorded);
}

/* The public address of the return page, with the payment's token. */
static void
return_url(char *buf, size_t cap, const struct pay_req *r)
{
    const struct fb_config *cfg = r->j->cfg;
    char base[600];
    if (cfg->base_url[0])
        snprintf(base, sizeof base, "%s", cfg->base_url);
    else
        snprintf(base, sizeof base, "http://%s:%u", cfg->listen, cfg->port);
    size_t n = strlen(base);
    while (n > 0 && base[n - 1] == '/')
        base[--n] = '\0';
    snprintf(buf, cap, "%s/%s/payment/return?token=%s", base, r->f->slug,
             r->p.return_token);
}

/* POST /SLUG/payment: on to the provider's page. A payment still open at
 * the provider is resumed; otherwise a new one is made, with an
 * Idempotency-Key of the submission and the attempt, so a repeat of
 * this request (a double click, a retry after a timeout) makes none. */
static void
go_to_provider(struct fb_request *req, struct pay_req *r)
{
    const struct fb_outbox_config *cfg = &r->j->cfg->outbox;
    enum fb_pay_stage stage = fb_pay_stage_of(r->p.status);
    if (stage == FB_PAY_STAGE_PAID) {
        redirect(req, r->f, "confirmation");
        return;
    }
    if (stage == FB_PAY_STAGE_ABANDONED) {
        redirect(req, r->f, "payment");
        return;
    }
    struct fb_pay_reply reply;
    if (stage == FB_PAY_STAGE_PAYING && r->p.provider_id[0]) {
        enum fb_pay_verdict v = fb_pay_get(cfg, r->p.provider_id, &reply);
        if (v != FB_PAY_ANSWERED) {
            unavailable(req, r, reply.error);
            return;
        }
        enum fb_pay_stage now = fb_pay_stage_of(reply.status);
        if (now == FB_PAY_STAGE_PAYING && r->p.next_url[0]) {
            fb_request_redirect(req, r->p.next_url);
            return;
        }
        if (now == FB_PAY_STAGE_PAID) {
            r->update.has_reply = true;
            r->update.reply = reply;
            redirect(req, r->f, "confirmation");
            record(req, r);
            return;
        }
    }
    int attempt = r->p.attempt + 1;
    char key[FB_REFERENCE_MAX + 40], url[1200], reference[FB_REFERENCE_MAX + 20];
    snprintf(key, sizeof key, "formbuilder-%s-%d", r->p.reference, attempt);
    return_url(url, sizeof url, r);
    const char *prefix = r->f->payment->reference_prefix;
    snprintf(reference, sizeof reference, "%s%s%s", prefix ? prefix : "",
             prefix ? "-" : "", r->p.reference);
    enum fb_pay_verdict v = fb_pay_create(
        cfg, r->p.amount, reference,
        fb_i18n_get(&r->f->payment->description, r->lang), url,
        fb_lang_code(r->lang), key, &reply);
    if (v != FB_PAY_ANSWERED) {
        unavailable(req, r, reply.error);
        return;
    }
    r->update.attempt = attempt;
    snprintf(r->update.provider_id, sizeof r->update.provider_id, "%s",
             reply.payment_id);
    snprintf(r->update.next_url, sizeof r->update.next_url, "%s",
             reply.next_url);
    fb_request_redirect(req, reply.next_url);
    record(req, r);
}

/* GET /SLUG/payment/return?token=T: the provider sent the resident back.
 * Whatever the address says, the state is the provider's. */
static void
returned(struct fb_request *req, struct pay_req *r)
{
    const char *token = fb_request_query(req, "token");
    struct fb_store *st = r->j->reader;
    int rc = token && fb_manage_token_valid(token)
                 ? st->ops->payment_by_token(st, token, &r->p)
                 : FB_STORE_NOT_FOUND;
    if (rc == FB_STORE_OK && strcmp(r->p.form, r->f->slug) != 0)
        rc = FB_STORE_NOT_FOUND;
    if (rc == FB_STORE_NOT_FOUND) {
        fb_send_not_found(req);
        return;
    }
    if (rc != FB_STORE_OK) {
        fb_journey_store_error(req, r->j);
        return;
    }
    if (r->p.language[0]) {
        int l = fb_lang_lookup(r->p.language);
        if (l >= 0 && fb_form_offers(r->f, (enum fb_lang)l))
            r->lang = (enum fb_lang)l;
    }
    snprintf(r->retry, sizeof r->retry, "/%s/payment/return?token=%s",
             r->f->slug, r->p.return_token);
    if (fb_pay_stage_of(r->p.status) == FB_PAY_STAGE_PAID) {
        redirect(req, r->f, "confirmation");   /* the return, again */
        return;
    }
    if (!r->p.provider_id[0]) {
        redirect(req, r->f, "payment");
        return;
    }
    struct fb_pay_reply reply;
    enum fb_pay_verdict v =
        fb_pay_get(&r->j->cfg->outbox, r->p.provider_id, &reply);
    if (v != FB_PAY_ANSWERED) {
        fb_log(FB_LOG_WARN, "payment %s: checking with the provider: %s",
               r->p.reference, reply.error);
        show(req, r, 503, FB_MSG_PAY_UNAVAILABLE_TITLE,
             FB_MSG_PAY_CHECK_BODY, FB_MSG_PAY_CONTINUE);
        return;
    }
    r->update.has_reply = true;
    r->update.reply = reply;
    bool paid = fb_pay_stage_of(reply.status) == FB_PAY_STAGE_PAID;
    redirect(req, r->f, paid ? "confirmation" : "payment");
    record(req, r);
}

void
fb_pay_pages(struct fb_request *req, const struct fb_journey *j,
             const struct fb_form_desc *f, const char *rest)
{
    const char *m = fb_request_method(req);
    bool get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
    bool post = strcmp(m, "POST") == 0;
    bool ret = strcmp(rest, "/return") == 0;
    if (!f->payment || (rest[0] && !ret)) {
        fb_send_not_found(req);
        return;
    }
    if (ret ? !get : !(get || post)) {
        fb_send_method_not_allowed(req, ret ? "GET, HEAD" : "GET, HEAD, POST");
        return;
    }
    struct pay_req *r = calloc(1, sizeof *r);
    if (!r) {
        fb_journey_server_error(req);
        return;
    }
    fb_request_set_state(req, r, pay_req_free);
    r->j = j;
    r->f = f;
    r->lang = fb_request_lang(req);
    if (j->preview) {
        /* formc serve takes no money: docs/integrations.md. */
        fb_send_not_found(req);
        return;
    }
    if (ret) {
        returned(req, r);
        return;
    }
    bool new_id = false;
    r->session = fb_journey_session(req, j, true, &new_id);
    if (!r->session)
        return;
    r->lang = fb_lang_of_request(req, r->session->lang, fb_lang_offered(f));
    fb_request_set_lang(req, r->lang);
    int rc = load_payment(r);
    if (rc == FB_STORE_NOT_FOUND) {
        redirect(req, f, "");
        return;
    }
    if (rc != FB_STORE_OK) {
        fb_journey_store_error(req, r->j);
        return;
    }
    if (get) {
        status_page(req, r);
        return;
    }
    struct fb_answers *fields = fb_journey_read_post(req, j, f, NULL,
                                                     r->session);
    if (!fields)
        return;
    fb_answers_free(fields);
    go_to_provider(req, r);
}
