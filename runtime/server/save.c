/* SPDX-License-Identifier: MIT */
/*
 * Save and return, and the session-timeout page: the routes and pages
 * of save.h. The link's email is sent by the outbox (save_link.c).
 */
#include "save.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "formbuilder/render.h"
#include "formbuilder/validate.h"
#include "formdata.h"
#include "journey_priv.h"
#include "lang.h"
#include "log.h"
#include "session.h"
#include "token.h"
#include "walk.h"

#define EMAIL_FIELD "email"

/* Everything one request needs; freed when libmicrohttpd is done. */
struct save {
    const struct fb_journey *j;
    const struct fb_form_desc *f;
    struct fb_session *session;
    char *record;                  /* the session being stored */
    char *saved_data;              /* the saved journey's record */
    struct fb_saved saved;
    struct fb_delivery delivery;
    struct fb_write_job job;
    char start[300];               /* the form's start page */
};

static void
save_free(void *p)
{
    struct save *sv = p;
    fb_session_free(sv->session);
    free(sv->record);
    free(sv->saved_data);
    free(sv);
}

static struct save *
new_save(struct fb_request *req, const struct fb_journey *j,
         const struct fb_form_desc *f)
{
    struct save *sv = calloc(1, sizeof *sv);
    if (!sv) {
        fb_journey_server_error(req);
        return NULL;
    }
    fb_request_set_state(req, sv, save_free);
    sv->j = j;
    sv->f = f;
    snprintf(sv->start, sizeof sv->start, "/%s/", f->slug);
    return sv;
}

/* new_save() with the resident's session (one not stored yet for a
 * browser without one: *out_new_id says to send its cookie). @returns
 * NULL after answering when either fails. */
static struct save *
new_save_session(struct fb_request *req, const struct fb_journey *j,
                 const struct fb_form_desc *f, bool *out_new_id)
{
    struct save *sv = new_save(req, j, f);
    if (sv && !(sv->session = fb_journey_session(req, j, true, out_new_id)))
        return NULL;
    return sv;
}

/* Minutes of session_idle, rounded up: what the pages tell residents. */
static long
idle_minutes(const struct fb_journey *j)
{
    long m = ((long)j->cfg->session_idle + 59) / 60;
    return m > 0 ? m : 1;
}

/* The page language for @p s (NULL: none yet); set on the request. */
static enum fb_lang
save_lang(struct fb_request *req, const struct fb_form_desc *f,
          const struct fb_session *s)
{
    enum fb_lang lang =
        fb_lang_of_request(req, s ? s->lang : -1, fb_lang_offered(f));
    fb_request_set_lang(req, lang);
    return lang;
}

/* Where @p prog's journey on @p f stops: its first unfinished page, the
 * exit page, or check your answers. @returns false when out of memory. */
static bool
resume_href(char *buf, size_t cap, const struct fb_form_desc *f,
            const struct fb_progress *prog)
{
    struct fb_date today = fb_clock_today();
    struct fb_walk w;
    if (fb_walk_run(&w, f, prog->raw, prog->seen, &today) != 0)
        return false;
    const struct fb_page_desc *p = w.incomplete ? w.incomplete : w.exit;
    snprintf(buf, cap, "/%s/%s", f->slug, p ? p->id : "check-answers");
    fb_walk_free(&w);
    return true;
}

/* The version of @p f that @p prog's journey is on: the one it is pinned
 * to while the server has it, else @p f. */
static const struct fb_form_desc *
journey_form(const struct fb_journey *j, const struct fb_form_desc *f,
             const struct fb_progress *prog)
{
    const struct fb_form_desc *v =
        prog->version[0] ? fb_forms_find_version(fb_registry_forms(j->forms),
                                                 f->slug, prog->version)
                         : NULL;
    return v ? v : f;
}

/* ---- page pieces ---- */

static void
doc_open(struct fb_html *w, struct fb_request *req,
         const struct fb_form_desc *f, enum fb_lang lang, const char *title,
         const char *back, bool error)
{
    char form_href[300], lang_href[700];
    snprintf(form_href, sizeof form_href, "/%s/", f->slug);
    struct fb_lang_link link = {
        .href = fb_lang_href(lang_href, sizeof lang_href, req, lang,
                             fb_lang_offered(f), false),
    };
    fb_render_doc_open(w, lang, error, title, fb_i18n_get(&f->title, lang),
                       "/assets/", form_href, back, &link);
}

static void
form_open(struct fb_html *w, const char *action, const char *csrf,
          enum fb_lang lang)
{
    fb_html_raw(w, "<form method=\"post\" novalidate action=\"");
    fb_html_attr(w, action);
    fb_html_raw(w, "\">\n<input type=\"hidden\" name=\"" FB_CSRF_FIELD
                   "\" value=\"");
    fb_html_attr(w, csrf);
    fb_html_raw(w, "\">\n<div class=\"govuk-visually-hidden\" "
                   "aria-hidden=\"true\"><label for=\"fb-honeypot\">");
    fb_html_text(w, fb_msg_text(FB_MSG_HONEYPOT, lang));
    fb_html_raw(w, "</label><input type=\"text\" id=\"fb-honeypot\" name=\""
                   FB_HONEYPOT_FIELD "\" value=\"\" tabindex=\"-1\" "
                   "autocomplete=\"off\"></div>\n");
}

static void
paragraph(struct fb_html *w, const char *text)
{
    fb_html_raw(w, "<p class=\"govuk-body\">");
    fb_html_text(w, text);
    fb_html_raw(w, "</p>\n");
}

/* The email page, with @p error (or none) about the address @p typed. */
static void
email_page(struct fb_request *req, struct save *sv, enum fb_lang lang,
           const char *typed, enum fb_msg error, const char *back)
{
    const struct fb_form_desc *f = sv->f;
    bool err = error != FB_MSG__COUNT;
    const char *title = fb_msg_text(FB_MSG_SAVE_TITLE, lang);
    char intro[600], action[300];
    struct fb_msg_args args = {.count = f->save_return->expires_days};
    snprintf(action, sizeof action, "/%s/save-and-return", f->slug);
    struct fb_html w;
    fb_html_init(&w);
    doc_open(&w, req, f, lang, title, back, err);
    if (err) {
        fb_render_error_summary_open(&w, lang);
        fb_render_error_summary_item(&w, EMAIL_FIELD,
                                     fb_msg_text(error, lang));
        fb_render_error_summary_close(&w);
    }
    fb_html_raw(&w, "<h1 class=\"govuk-heading-l\">");
    fb_html_text(&w, title);
    fb_html_raw(&w, "</h1>\n");
    paragraph(&w, fb_msg_format(intro, sizeof intro, FB_MSG_SAVE_INTRO,
                                &args, lang));
    form_open(&w, action, sv->session->csrf, lang);
    fb_html_raw(&w, err ? "<div class=\"govuk-form-group "
                          "govuk-form-group--error\">\n"
                        : "<div class=\"govuk-form-group\">\n");
    fb_html_raw(&w, "<label class=\"govuk-label govuk-label--m\" for=\""
                    EMAIL_FIELD "\">");
    fb_html_text(&w, fb_msg_text(FB_MSG_SAVE_EMAIL_LABEL, lang));
    fb_html_raw(&w, "</label>\n<div id=\"" EMAIL_FIELD "-hint\" "
                    "class=\"govuk-hint\">");
    fb_html_text(&w, fb_msg_text(FB_MSG_SAVE_EMAIL_HINT, lang));
    fb_html_raw(&w, "</div>\n");
    if (err) {
        fb_html_raw(&w, "<p id=\"" EMAIL_FIELD "-error\" class=\"govuk-error-"
                        "message\"><span class=\"govuk-visually-hidden\">");
        fb_html_text(&w, fb_msg_text(FB_MSG_ERROR_PREFIX, lang));
        fb_html_raw(&w, "</span> ");
        fb_html_text(&w, fb_msg_text(error, lang));
        fb_html_raw(&w, "</p>\n");
    }
    fb_html_raw(&w, "<input class=\"govuk-input");
    if (err)
        fb_html_raw(&w, " govuk-input--error");
    fb_html_raw(&w, "\" id=\"" EMAIL_FIELD "\" name=\"" EMAIL_FIELD "\" "
                    "type=\"email\" spellcheck=\"false\" "
                    "autocomplete=\"email\" aria-describedby=\""
                    EMAIL_FIELD "-hint");
    if (err)
        fb_html_raw(&w, " " EMAIL_FIELD "-error");
    fb_html_raw(&w, "\" value=\"");
    fb_html_attr(&w, typed ? typed : "");
    fb_html_raw(&w, "\">\n</div>\n<button type=\"submit\" "
                    "class=\"govuk-button\">");
    fb_html_text(&w, fb_msg_text(FB_MSG_SAVE_BUTTON, lang));
    fb_html_raw(&w, "</button>\n</form>\n");
    fb_render_doc_close(&w, lang);
    fb_send_html(req, err ? 422 : 200, &w);
}

/* ---- the email page and saving ---- */

/* The save job's step, in the writer's transaction: the saved journey
 * and its email's delivery are stored together, or neither is. */
static int
save_step(struct fb_store *s, struct fb_write_job *job)
{
    struct save *sv = job->step_cls;
    if (s->ops->saved_add(s, &sv->saved, sv->saved_data) != FB_STORE_OK)
        return FB_STORE_ERROR;
    return s->ops->delivery_add(s, &sv->delivery);
}

static void
save_failed(struct fb_request *req, void *p)
{
    (void)p;
    fb_send_message(req, 503, FB_MSG_NOT_SAVED_TITLE, FB_MSG_NOT_SAVED_BODY,
                    NULL);
}

/* The record of @p prog alone, as a session of its own would store it,
 * with the answers but not the submission or booking it may have made.
 * @returns it (caller frees) or NULL when out of memory. */
static char *
progress_record(const struct fb_session *s, struct fb_progress *prog)
{
    struct fb_progress copy = *prog;
    copy.submitted_token[0] = '\0';
    copy.booking_token[0] = '\0';
    struct fb_progress *one = &copy;
    struct fb_session alone = {.lang = s->lang, .forms = &one, .n_forms = 1};
    memcpy(alone.id, s->id, sizeof alone.id);
    if (fb_token_new(alone.csrf) != 0)
        return NULL;
    return fb_session_encode(&alone);
}

/* Reads the posted email page: CSRF token, honeypot, the address only.
 * @returns the fields (caller frees) or NULL when it answered. */
static struct fb_answers *
read_email_post(struct fb_request *req, const struct save *sv)
{
    size_t len;
    const char *body = fb_request_body(req, &len);
    struct fb_answers *fields = fb_answers_new();
    enum fb_formdata_status st =
        !fields ? FB_FORMDATA_NOMEM
                : fb_formdata_parse(body, len, sv->j->cfg->max_fields,
                                    fields);
    enum fb_msg why = FB_MSG__COUNT;
    if (st != FB_FORMDATA_OK)
        why = st == FB_FORMDATA_NOMEM ? FB_MSG__COUNT
                                      : fb_formdata_message(st);
    const char *honey = fields ? fb_answers_get(fields, FB_HONEYPOT_FIELD)
                               : NULL;
    if (st == FB_FORMDATA_OK && honey && honey[0])
        why = FB_MSG_HONEYPOT_FILLED;
    const char *name, *value;
    for (size_t i = 0; st == FB_FORMDATA_OK && why == FB_MSG__COUNT
                       && fb_answers_at(fields, i, &name, &value);
         i++)
        if (strcmp(name, FB_CSRF_FIELD) != 0
            && strcmp(name, FB_HONEYPOT_FIELD) != 0
            && strcmp(name, EMAIL_FIELD) != 0)
            why = FB_MSG_UNKNOWN_FIELD;
    if (st == FB_FORMDATA_OK && why == FB_MSG__COUNT
        && fb_answers_count(fields, FB_CSRF_FIELD) == 1
        && fb_token_equal(fb_answers_get(fields, FB_CSRF_FIELD),
                          sv->session->csrf))
        return fields;
    fb_answers_free(fields);
    if (st == FB_FORMDATA_NOMEM)
        fb_journey_server_error(req);
    else if (why != FB_MSG__COUNT)
        fb_send_message(req, 400, FB_MSG_NOT_ACCEPTED_TITLE, why, NULL);
    else
        fb_send_message(req, 403, FB_MSG_EXPIRED_TITLE, FB_MSG_EXPIRED_BODY,
                        sv->start);
    return NULL;
}

/* GET and POST /SLUG/save-and-return. */
static void
save_page(struct fb_request *req, const struct fb_journey *j,
          const struct fb_form_desc *f, bool post)
{
    bool new_id = false;
    struct save *sv = new_save_session(req, j, f, &new_id);
    if (!sv)
        return;
    enum fb_lang lang = save_lang(req, f, sv->session);
    struct fb_progress *prog =
        sv->session->is_new ? NULL
                            : fb_session_progress(sv->session, f->slug,
                                                  false);
    char back[512];
    if (!prog || fb_answers_size(prog->seen) == 0) {
        if (sv->session->timed_out || (post && sv->session->is_new)) {
            fb_save_timed_out(req, j, f, new_id ? sv->session : NULL);
            return;
        }
        fb_send_message(req, 200, FB_MSG_SAVE_TITLE,
                        FB_MSG_SAVE_NOTHING_BODY, sv->start);
        if (new_id && !fb_journey_send_cookie(req, j, sv->session))
            fb_journey_server_error(req);
        return;
    }
    /* A journey pinned to another version is saved with that version
     * (and walked on it); the saving itself is the form's as it is now. */
    if (!resume_href(back, sizeof back, journey_form(j, f, prog), prog)) {
        fb_journey_server_error(req);
        return;
    }
    if (!j->cfg->base_url[0]) {
        /* No address to write the link with: say so, lose nothing. */
        fb_log(FB_LOG_ERROR, "form %s: save and return needs base_url (the "
               "address links in emails start with); set it", f->slug);
        fb_send_message(req, 503, FB_MSG_SERVER_ERROR_TITLE,
                        FB_MSG_SAVE_UNAVAILABLE_BODY, back);
        return;
    }
    if (!post) {
        email_page(req, sv, lang, NULL, FB_MSG__COUNT, back);
        return;
    }
    struct fb_answers *fields = read_email_post(req, sv);
    if (!fields)
        return;
    struct fb_answers *out = fb_answers_new();
    enum fb_field_status st =
        out ? fb_read_email(fields, EMAIL_FIELD, out) : FB_FIELD_INVALID;
    const char *email = out ? fb_answers_get(out, EMAIL_FIELD) : NULL;
    if (!out || st != FB_FIELD_OK || !email
        || strlen(email) > FB_SAVED_EMAIL_MAX) {
        if (out)
            email_page(req, sv, lang, fb_answers_get(fields, EMAIL_FIELD),
                       st == FB_FIELD_EMPTY ? FB_MSG_SAVE_EMAIL_MISSING
                                            : FB_MSG_SAVE_EMAIL_INVALID,
                       back);
        else
            fb_journey_server_error(req);
        fb_answers_free(out);
        fb_answers_free(fields);
        return;
    }
    /* Each save sends an email: limited as a submission is. */
    if (!fb_journey_rate_allows(req, j, f, FB_LIMIT_SUBMIT,
                                FB_MSG_SAVE_TOO_MANY_BODY, back)) {
        fb_answers_free(out);
        fb_answers_free(fields);
        return;
    }
    long long now = fb_clock_now();
    struct fb_saved *s = &sv->saved;
    snprintf(s->email, sizeof s->email, "%s", email);
    fb_answers_free(out);
    fb_answers_free(fields);
    snprintf(s->form, sizeof s->form, "%s", f->slug);
    snprintf(s->form_version, sizeof s->form_version, "%s",
             prog->version[0] ? prog->version : f->version ? f->version : "");
    snprintf(s->language, sizeof s->language, "%s", fb_lang_code(lang));
    s->created_at = now;
    s->expires_at = now + 86400LL * f->save_return->expires_days;
    sv->saved_data = progress_record(sv->session, prog);
    if (fb_token_new(s->id) != 0 || !sv->saved_data) {
        fb_journey_server_error(req);
        return;
    }
    /* The email is a delivery of the saved journey: reference its id
     * (never the token, which the worker draws as it sends). */
    struct fb_delivery *d = &sv->delivery;
    snprintf(d->reference, sizeof d->reference, "%s", s->id);
    snprintf(d->form, sizeof d->form, "%s", f->slug);
    d->target = -2;
    snprintf(d->target_name, sizeof d->target_name, FB_SAVE_LINK_TARGET);
    snprintf(d->event, sizeof d->event, "saved");
    snprintf(d->language, sizeof d->language, "%s", s->language);
    d->created_at = d->next_at = now;
    sv->job.step = save_step;
    sv->job.step_cls = sv;
    /* The session is stored as it is, so it stays alive meanwhile. */
    if (!fb_journey_defer_session(req, sv->session, &sv->record, &sv->job,
                                  save_failed)
        || (new_id && !fb_journey_send_cookie(req, j, sv->session))) {
        fb_journey_server_error(req);
        return;
    }
    char sent[300];
    snprintf(sent, sizeof sent, "/%s/check-your-email", f->slug);
    fb_request_redirect(req, sent);
}

/* GET /SLUG/check-your-email. */
static void
sent_page(struct fb_request *req, const struct fb_journey *j,
          const struct fb_form_desc *f)
{
    bool new_id = false;
    struct save *sv = new_save_session(req, j, f, &new_id);
    if (!sv)
        return;
    save_lang(req, f, sv->session);
    struct fb_progress *prog =
        fb_session_progress(sv->session, f->slug, false);
    char back[512];
    snprintf(back, sizeof back, "%s", sv->start);
    if (prog
        && !resume_href(back, sizeof back, journey_form(j, f, prog), prog)) {
        fb_journey_server_error(req);
        return;
    }
    fb_send_message_count(req, 200, FB_MSG_SAVE_SENT_TITLE,
                          FB_MSG_SAVE_SENT_BODY,
                          f->save_return->expires_days, back);
}

/* ---- using the link ---- */

/* The saved journey for @p token of @p f in sv->saved (its record in
 * sv->saved_data when @p data), or a page saying why there is none (404
 * not found, 410 used or expired). @returns true when it is usable. */
static bool
find_saved(struct fb_request *req, struct save *sv, const char *token,
           bool data)
{
    unsigned char hash[FB_SAVED_HASH_LEN];
    struct fb_store *r = sv->j->reader;
    int rc = fb_manage_token_valid(token)
                     && fb_manage_token_hash(token, hash) == 0
                 ? r->ops->saved_find(r, hash, &sv->saved,
                                      data ? &sv->saved_data : NULL)
                 : FB_STORE_NOT_FOUND;
    if (rc == FB_STORE_ERROR) {
        fb_journey_store_error(req, sv->j);
        return false;
    }
    if (rc != FB_STORE_OK || strcmp(sv->saved.form, sv->f->slug) != 0) {
        fb_send_message(req, 404, FB_MSG_LINK_NOT_FOUND_TITLE,
                        FB_MSG_LINK_NOT_FOUND_BODY, sv->start);
        return false;
    }
    if (sv->saved.used) {
        fb_send_message(req, 410, FB_MSG_LINK_USED_TITLE,
                        FB_MSG_LINK_USED_BODY, sv->start);
        return false;
    }
    if (sv->saved.expires_at <= fb_clock_now()) {
        fb_send_message_count(req, 410, FB_MSG_LINK_EXPIRED_TITLE,
                              FB_MSG_LINK_EXPIRED_BODY,
                              sv->f->save_return->expires_days, sv->start);
        return false;
    }
    if (data && !sv->saved_data) {
        fb_journey_server_error(req);
        return false;
    }
    return true;
}

/* The version the journey was saved on, when this server still has it;
 * else the form as it is now. */
static const struct fb_form_desc *
saved_version(const struct save *sv)
{
    const struct fb_form_desc *v = fb_forms_find_version(
        fb_registry_forms(sv->j->forms), sv->f->slug,
        sv->saved.form_version);
    return v ? v : sv->f;
}

/* GET /SLUG/return/TOKEN: what using the link does, and a button. */
static void
continue_page(struct fb_request *req, struct save *sv, const char *token)
{
    bool new_id = false;
    sv->session = fb_journey_session(req, sv->j, true, &new_id);
    if (!sv->session)
        return;
    int code = fb_lang_lookup(sv->saved.language);
    if (sv->session->lang < 0 && code >= 0)
        sv->session->lang = code;   /* the language it was saved in */
    enum fb_lang lang = save_lang(req, sv->f, sv->session);
    const struct fb_form_desc *v = saved_version(sv);
    const char *version = v->version ? v->version : "";
    bool changed = strcmp(version, sv->saved.form_version) != 0;
    const char *title = fb_msg_text(FB_MSG_RESUME_TITLE, lang);
    char action[400];
    snprintf(action, sizeof action, "/%s/return/%s", sv->f->slug, token);
    struct fb_html w;
    fb_html_init(&w);
    doc_open(&w, req, sv->f, lang, title, NULL, false);
    fb_html_raw(&w, "<h1 class=\"govuk-heading-l\">");
    fb_html_text(&w, title);
    fb_html_raw(&w, "</h1>\n");
    paragraph(&w, fb_msg_text(FB_MSG_RESUME_BODY, lang));
    if (changed) {
        fb_html_raw(&w, "<div class=\"govuk-inset-text\">");
        fb_html_text(&w, fb_msg_text(FB_MSG_RESUME_CHANGED, lang));
        fb_html_raw(&w, "</div>\n");
    }
    form_open(&w, action, sv->session->csrf, lang);
    fb_html_raw(&w, "<button type=\"submit\" class=\"govuk-button\">");
    fb_html_text(&w, fb_msg_text(FB_MSG_CONTINUE, lang));
    fb_html_raw(&w, "</button>\n</form>\n");
    fb_render_doc_close(&w, lang);
    fb_send_html(req, 200, &w);
    if (new_id && !fb_journey_send_cookie(req, sv->j, sv->session))
        fb_journey_server_error(req);
}

/* The use job's step: the link is spent in the transaction that stores
 * the restored session, so of two uses at once only one restores. */
static int
use_step(struct fb_store *s, struct fb_write_job *job)
{
    struct save *sv = job->step_cls;
    int rc = s->ops->saved_use(s, sv->saved.id, job->now);
    return rc == FB_STORE_NOT_FOUND ? FB_STORE_REFUSED : rc;
}

static void
use_failed(struct fb_request *req, void *p)
{
    struct save *sv = p;
    if (sv->job.status == FB_STORE_REFUSED)
        fb_send_message(req, 410, FB_MSG_LINK_USED_TITLE,
                        FB_MSG_LINK_USED_BODY, sv->start);
    else
        fb_send_message(req, 503, FB_MSG_NOT_SAVED_TITLE,
                        FB_MSG_NOT_SAVED_BODY, NULL);
}

/* Moves the saved progress into the resident's session, pinned to
 * version @p v. @returns false when the record is damaged or memory ran
 * out. */
static bool
restore(struct save *sv, const struct fb_form_desc *v)
{
    struct fb_session *saved = fb_session_decode(sv->session->id,
                                                 sv->saved_data);
    struct fb_progress *from =
        saved ? fb_session_progress(saved, sv->f->slug, false) : NULL;
    struct fb_progress *to =
        from ? fb_session_progress(sv->session, sv->f->slug, true) : NULL;
    if (to) {
        /* Swap, so the session's old progress is freed with `saved`. */
        struct fb_progress old = *to;
        *to = *from;
        *from = old;
        to->submitted_token[0] = '\0';
        to->booking_token[0] = '\0';
        fb_progress_pin(to, v->version);
        if (sv->session->lang < 0)
            sv->session->lang = saved->lang;
    }
    fb_session_free(saved);
    return to != NULL;
}

/* POST /SLUG/return/TOKEN. */
static void
use_link(struct fb_request *req, struct save *sv)
{
    bool new_id = false;
    sv->session = fb_journey_session(req, sv->j, true, &new_id);
    if (!sv->session)
        return;
    save_lang(req, sv->f, sv->session);
    struct fb_answers *fields = new_id ? NULL : read_email_post(req, sv);
    if (new_id) {
        /* The page was shown with a session this request has not. */
        fb_send_message(req, 403, FB_MSG_EXPIRED_TITLE, FB_MSG_EXPIRED_BODY,
                        sv->start);
        return;
    }
    if (!fields)
        return;
    bool extra = fb_answers_get(fields, EMAIL_FIELD) != NULL;
    fb_answers_free(fields);
    if (extra) {
        fb_send_message(req, 400, FB_MSG_NOT_ACCEPTED_TITLE,
                        FB_MSG_UNKNOWN_FIELD, EMAIL_FIELD);
        return;
    }
    const struct fb_form_desc *v = saved_version(sv);
    char where[512];
    struct fb_progress *prog = NULL;
    if (!restore(sv, v)
        || !(prog = fb_session_progress(sv->session, v->slug, false))
        || !resume_href(where, sizeof where, v, prog)) {
        fb_log(FB_LOG_ERROR, "saved journey of %s: its record cannot be "
               "read back", sv->f->slug);
        fb_journey_server_error(req);
        return;
    }
    sv->job.step = use_step;
    sv->job.step_cls = sv;
    if (!fb_journey_defer_session(req, sv->session, &sv->record, &sv->job,
                                  use_failed)) {
        fb_journey_server_error(req);
        return;
    }
    fb_request_redirect(req, where);
}

/* /SLUG/return/TOKEN. */
static void
return_route(struct fb_request *req, const struct fb_journey *j,
             const struct fb_form_desc *f, const char *token, bool post)
{
    struct save *sv = new_save(req, j, f);
    if (!sv)
        return;
    /* Until a session is read, the page is in the language asked for. */
    save_lang(req, f, NULL);
    if (!find_saved(req, sv, token, post))
        return;
    if (post)
        use_link(req, sv);
    else
        continue_page(req, sv, token);
}

/* ---- the timeout page ---- */

void
fb_save_timed_out(struct fb_request *req, const struct fb_journey *j,
                  const struct fb_form_desc *f,
                  const struct fb_session *fresh)
{
    char url[300];
    snprintf(url, sizeof url, "/%s/session-timed-out", f->slug);
    fb_request_redirect(req, url);
    if (fresh && !fb_journey_send_cookie(req, j, fresh))
        fb_journey_server_error(req);
}

/* GET /SLUG/session-timed-out. */
static void
timeout_page(struct fb_request *req, const struct fb_journey *j,
             const struct fb_form_desc *f)
{
    char start[300];
    snprintf(start, sizeof start, "/%s/", f->slug);
    fb_send_message_count(req, 200, FB_MSG_TIMEOUT_TITLE,
                          f->save_return ? FB_MSG_TIMEOUT_SAVED_BODY
                                         : FB_MSG_TIMEOUT_BODY,
                          idle_minutes(j), start);
}

/* ---- routes and the question pages' part ---- */

bool
fb_save_route(struct fb_request *req, const struct fb_journey *j,
              const struct fb_form_desc *form, const char *rest)
{
    const char *m = fb_request_method(req);
    bool get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
    bool post = strcmp(m, "POST") == 0;
    bool saves = form->save_return != NULL;
    if (strcmp(rest, "session-timed-out") == 0) {
        if (get)
            timeout_page(req, j, form);
        else
            fb_send_method_not_allowed(req, "GET, HEAD");
    } else if (saves && strcmp(rest, "save-and-return") == 0) {
        if (get || post)
            save_page(req, j, form, post);
        else
            fb_send_method_not_allowed(req, "GET, HEAD, POST");
    } else if (saves && strcmp(rest, "check-your-email") == 0) {
        if (get)
            sent_page(req, j, form);
        else
            fb_send_method_not_allowed(req, "GET, HEAD");
    } else if (saves && strncmp(rest, "return/", 7) == 0) {
        if (get || post)
            return_route(req, j, form, rest + 7, post);
        else
            fb_send_method_not_allowed(req, "GET, HEAD, POST");
    } else {
        return false;
    }
    return true;
}

void
fb_save_render_ctx(struct fb_render_ctx *ctx, const struct fb_journey *j,
                   const struct fb_form_desc *f, char *href, size_t cap)
{
    ctx->idle_minutes = idle_minutes(j);
    if (f->save_return
        && (size_t)snprintf(href, cap, "/%s/save-and-return", f->slug) < cap)
        ctx->save_href = href;
}

/* How long an expired saved journey's row outlives its answers, so its
 * link says it expired rather than that it never worked. */
#define FORGET_AFTER (30LL * 86400)

int
fb_save_purge(struct fb_store *store, long long now, size_t *out_n)
{
    return store->ops->saved_expire(store, now, now - FORGET_AFTER, out_n);
}
