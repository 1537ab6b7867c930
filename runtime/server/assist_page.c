/* SPDX-License-Identifier: MIT */
/*
 * The staff name page of an assisted journey (assist.h): one GOV.UK text
 * input, required, at most FB_ASSIST_STAFF_MAX characters, asked before
 * the form's first page. Its POST goes through the journey's own reading
 * (CSRF token, honeypot, no unknown field) and its name is kept in the
 * session.
 */
#include "assist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/html.h"
#include "formbuilder/messages.h"
#include "formbuilder/text.h"
#include "journey_priv.h"
#include "lang.h"
#include "writer.h"

/* The page's one field, as the journey's POST reader knows fields. */
#define FIELD "fb-assisted-by"
static const struct fb_question_desc staff_question = {
    .id = FIELD,
    .type = FB_Q_TEXT,
};
static const struct fb_question_desc *const staff_questions[] = {
    &staff_question,
};
static const struct fb_page_desc staff_page = {
    .id = "assist-staff",
    .questions = staff_questions,
    .n_questions = 1,
};

static void
render(struct fb_request *req, const struct fb_form_desc *f,
       const struct fb_session *s, const struct fb_progress *p,
       const char *value, int error, unsigned status)
{
    enum fb_lang lang = fb_lang_of_request(req, s->lang,
                                           fb_lang_offered(f));
    fb_request_set_lang(req, lang);
    char form_href[256], message[200] = "";
    snprintf(form_href, sizeof form_href, "/%s/", f->slug);
    if (error >= 0) {
        struct fb_msg_args args = {.count = FB_ASSIST_STAFF_MAX};
        fb_msg_format(message, sizeof message, (enum fb_msg)error, &args,
                      lang);
    }
    const char *title = fb_msg_text(FB_MSG_ASSIST_STAFF_TITLE, lang);
    struct fb_html w;
    fb_html_init(&w);
    fb_render_doc_open(&w, lang, error >= 0, title,
                       fb_i18n_get(&f->title, lang), "/assets/", form_href,
                       NULL, NULL);
    if (error >= 0) {
        fb_render_error_summary_open(&w, lang);
        fb_render_error_summary_item(&w, FIELD, message);
        fb_render_error_summary_close(&w);
    }
    fb_render_assist_banner(&w, lang, p->assist_channel, NULL);
    fb_html_raw(&w, "<form method=\"post\" novalidate action=\"/");
    fb_html_attr(&w, f->slug);
    fb_html_raw(&w, "/assist-staff\">\n<input type=\"hidden\" name=\""
                    FB_CSRF_FIELD "\" value=\"");
    fb_html_attr(&w, s->csrf);
    fb_html_raw(&w, "\">\n<div class=\"govuk-visually-hidden\" "
                    "aria-hidden=\"true\"><label for=\"fb-honeypot\">");
    fb_html_text(&w, fb_msg_text(FB_MSG_HONEYPOT, lang));
    fb_html_raw(&w, "</label><input type=\"text\" id=\"fb-honeypot\" name=\""
                    FB_HONEYPOT_FIELD "\" value=\"\" tabindex=\"-1\" "
                    "autocomplete=\"off\"></div>\n");
    fb_html_raw(&w, error >= 0 ? "<div class=\"govuk-form-group "
                                 "govuk-form-group--error\">\n"
                               : "<div class=\"govuk-form-group\">\n");
    fb_html_raw(&w, "<h1 class=\"govuk-label-wrapper\"><label class=\""
                    "govuk-label govuk-label--l\" for=\"" FIELD "\">");
    fb_html_text(&w, title);
    fb_html_raw(&w, "</label></h1>\n<div id=\"" FIELD "-hint\" class=\""
                    "govuk-hint\">");
    fb_html_text(&w, fb_msg_text(FB_MSG_ASSIST_STAFF_HINT, lang));
    fb_html_raw(&w, "</div>\n");
    if (error >= 0) {
        fb_html_raw(&w, "<p id=\"" FIELD "-error\" class=\""
                        "govuk-error-message\"><span class=\""
                        "govuk-visually-hidden\">");
        fb_html_text(&w, fb_msg_text(FB_MSG_ERROR_PREFIX, lang));
        fb_html_raw(&w, "</span> ");
        fb_html_text(&w, message);
        fb_html_raw(&w, "</p>\n");
    }
    fb_html_raw(&w, error >= 0 ? "<input class=\"govuk-input "
                                 "govuk-input--error\""
                               : "<input class=\"govuk-input\"");
    fb_html_raw(&w, " id=\"" FIELD "\" name=\"" FIELD "\" type=\"text\" "
                    "autocomplete=\"name\" spellcheck=\"false\" "
                    "aria-describedby=\"" FIELD "-hint");
    fb_html_raw(&w, error >= 0 ? " " FIELD "-error\"" : "\"");
    fb_html_raw(&w, " value=\"");
    fb_html_attr(&w, value ? value : "");
    fb_html_raw(&w, "\">\n</div>\n<button type=\"submit\" class=\""
                    "govuk-button\" data-module=\"govuk-button\">");
    fb_html_text(&w, fb_msg_text(FB_MSG_CONTINUE, lang));
    fb_html_raw(&w, "</button>\n</form>\n");
    fb_render_doc_close(&w, lang);
    fb_send_html(req, status, &w);
}

/* @returns the message id of what is wrong with @p name, or -1. */
static int
check(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0)
        return FB_MSG_ASSIST_STAFF_MISSING;
    if (!fb_utf8_valid(name, n))
        return FB_MSG_ASSIST_STAFF_BAD;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            return FB_MSG_ASSIST_STAFF_BAD;
    if (fb_utf8_count(name, n) > FB_ASSIST_STAFF_MAX)
        return FB_MSG_ASSIST_STAFF_TOO_LONG;
    return -1;
}

/* Copies @p s without the spaces around it (@p s is valid UTF-8). */
static char *
trimmed(const char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    return strndup(s, n);
}

struct staff_state {
    struct fb_session *session;
    char *record;
    struct fb_write_job job;
};

static void
staff_free(void *p)
{
    struct staff_state *st = p;
    fb_session_free(st->session);
    free(st->record);
    free(st);
}

void
fb_assist_staff_page(struct fb_request *req, const struct fb_journey *j,
                     const struct fb_form_desc *f, bool post)
{
    struct staff_state *st = calloc(1, sizeof *st);
    if (!st) {
        fb_journey_server_error(req);
        return;
    }
    fb_request_set_state(req, st, staff_free);
    bool failed = false;
    st->session = fb_journey_session_stored(req, j, &failed);
    if (failed)
        return;
    struct fb_progress *p =
        (struct fb_progress *)fb_assist_progress(st->session, f);
    if (!p) {
        /* No link opened in this browser: nothing to name. */
        fb_send_message(req, 404, FB_MSG_ASSIST_NONE_TITLE,
                        FB_MSG_ASSIST_NONE_BODY, NULL);
        return;
    }
    if (!post) {
        render(req, f, st->session, p, p->assist_staff, -1, 200);
        return;
    }
    struct fb_answers *fields =
        fb_journey_read_post(req, j, f, &staff_page, st->session);
    if (!fields)
        return;
    char *name = trimmed(fb_answers_get(fields, FIELD)
                             ? fb_answers_get(fields, FIELD) : "");
    int error = !name ? -2
                : fb_answers_count(fields, FIELD) > 1 ? FB_MSG_ASSIST_STAFF_BAD
                                                      : check(name);
    fb_answers_free(fields);
    if (error == -2) {
        free(name);
        fb_journey_server_error(req);
        return;
    }
    if (error >= 0) {
        render(req, f, st->session, p, name, error, 400);
        free(name);
        return;
    }
    if (!fb_journey_rate_allows(req, j, f, FB_LIMIT_POST,
                                FB_MSG_NOT_SAVED_BODY, NULL)) {
        free(name);
        return;
    }
    free(p->assist_staff);
    p->assist_staff = name;
    char start[300];
    snprintf(start, sizeof start, "/%s/", f->slug);
    if (!fb_journey_defer_session(req, st->session, &st->record, &st->job,
                                  NULL)) {
        fb_journey_server_error(req);
        return;
    }
    fb_request_redirect(req, start);
}
