/* SPDX-License-Identifier: MIT */
/*
 * The track page's HTML (track_page.h).
 */
#include "track_page.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "formbuilder/render.h"
#include "lang.h"

static void
doc_open(struct fb_html *w, const struct fb_track_view *v, const char *title,
         bool error)
{
    char form_href[256];
    snprintf(form_href, sizeof form_href, "/%s/", v->form->slug);
    char lang_href[700];
    struct fb_lang_link link = {
        .href = fb_lang_href(lang_href, sizeof lang_href, v->req, v->lang,
                             fb_lang_offered(v->form), false),
    };
    fb_render_doc_open(w, v->lang, error, title,
                       fb_i18n_get(&v->form->title, v->lang), "/assets/",
                       form_href, NULL, &link);
    fb_html_raw(w, "<div class=\"govuk-grid-row\">\n"
                   "<div class=\"govuk-grid-column-two-thirds\">\n");
}

static void
doc_close(struct fb_html *w, const struct fb_track_view *v)
{
    fb_html_raw(w, "</div>\n</div>\n");
    fb_render_doc_close(w, v->lang);
}

/* The track page's address, keeping a language other than English (the
 * page has no session to keep it in). */
static void
track_href(struct fb_html *w, const struct fb_track_view *v)
{
    fb_html_raw(w, "/");
    fb_html_attr(w, v->form->slug);
    fb_html_raw(w, "/track");
    if (v->lang != FB_LANG_EN) {
        fb_html_raw(w, "?lang=");
        fb_html_attr(w, fb_lang_code(v->lang));
    }
}

static void
heading(struct fb_html *w, const char *text)
{
    fb_html_raw(w, "<h1 class=\"govuk-heading-l\">");
    fb_html_text(w, text);
    fb_html_raw(w, "</h1>\n");
}

/* The GOV.UK error summary (render.h). */
static void
error_summary(struct fb_html *w, const struct fb_track_view *v)
{
    fb_render_error_summary_open(w, v->lang);
    if (v->reference_error != FB_MSG__COUNT)
        fb_render_error_summary_item(w, "reference",
                                     fb_msg_text(v->reference_error, v->lang));
    if (v->contact_error != FB_MSG__COUNT)
        fb_render_error_summary_item(w, "contact",
                                     fb_msg_text(v->contact_error, v->lang));
    fb_render_error_summary_close(w);
}

/* One text input with its label, hint and error. @p id is a literal. */
static void
field(struct fb_html *w, const struct fb_track_view *v, const char *id,
      enum fb_msg label, enum fb_msg hint, enum fb_msg error,
      const char *value, const char *width)
{
    bool bad = error != FB_MSG__COUNT;
    fb_html_rawf(w, "<div class=\"govuk-form-group%s\">\n"
                    "<label class=\"govuk-label govuk-label--s\" "
                    "for=\"%s\">",
                 bad ? " govuk-form-group--error" : "", id);
    fb_html_text(w, fb_msg_text(label, v->lang));
    fb_html_rawf(w, "</label>\n<div id=\"%s-hint\" class=\"govuk-hint\">",
                 id);
    fb_html_text(w, fb_msg_text(hint, v->lang));
    fb_html_raw(w, "</div>\n");
    if (bad) {
        fb_html_rawf(w, "<p id=\"%s-error\" class=\"govuk-error-message\">"
                        "<span class=\"govuk-visually-hidden\">", id);
        fb_html_text(w, fb_msg_text(FB_MSG_ERROR_PREFIX, v->lang));
        fb_html_raw(w, "</span> ");
        fb_html_text(w, fb_msg_text(error, v->lang));
        fb_html_raw(w, "</p>\n");
    }
    fb_html_rawf(w, "<input class=\"govuk-input%s%s\" id=\"%s\" "
                    "name=\"%s\" type=\"text\" spellcheck=\"false\" "
                    "autocomplete=\"off\" aria-describedby=\"%s-hint%s%s%s\" "
                    "value=\"",
                 width, bad ? " govuk-input--error" : "", id, id, id,
                 bad ? " " : "", bad ? id : "", bad ? "-error" : "");
    fb_html_attr(w, value ? value : "");
    fb_html_raw(w, "\">\n</div>\n");
}

void
fb_track_form_page(struct fb_html *w, const struct fb_track_view *v)
{
    bool error = v->reference_error != FB_MSG__COUNT
                 || v->contact_error != FB_MSG__COUNT;
    const char *title = fb_msg_text(FB_MSG_TRACK_TITLE, v->lang);
    doc_open(w, v, title, error);
    if (error)
        error_summary(w, v);
    heading(w, title);
    fb_html_raw(w, "<p class=\"govuk-body\">");
    fb_html_text(w, fb_msg_text(FB_MSG_TRACK_INTRO, v->lang));
    fb_html_raw(w, "</p>\n<form method=\"post\" novalidate action=\"");
    track_href(w, v);
    fb_html_raw(w, "\">\n");
    field(w, v, "reference", FB_MSG_TRACK_REFERENCE_LABEL,
          FB_MSG_TRACK_REFERENCE_HINT, v->reference_error, v->reference,
          " govuk-input--width-20");
    field(w, v, "contact", FB_MSG_TRACK_CONTACT_LABEL,
          FB_MSG_TRACK_CONTACT_HINT, v->contact_error, v->contact, "");
    fb_html_raw(w, "<button type=\"submit\" class=\"govuk-button\" "
                   "data-module=\"govuk-button\">");
    fb_html_text(w, fb_msg_text(FB_MSG_TRACK_BUTTON, v->lang));
    fb_html_raw(w, "</button>\n</form>\n");
    doc_close(w, v);
}

/* "2 December 2026 at 10:15am", in the server's local time. */
static void
when_text(long long t, enum fb_lang lang, char *out, size_t cap)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm)) {
        snprintf(out, cap, "-");
        return;
    }
    struct fb_msg_args args = {
        .date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday},
        .minutes = tm.tm_hour * 60 + tm.tm_min,
    };
    fb_msg_format(out, cap, FB_MSG_TRACK_WHEN, &args, lang);
}

static void
timeline_item(struct fb_html *w, const struct fb_track_view *v,
              const char *label, const char *message, long long at)
{
    char iso[FB_CLOCK_ISO_SIZE], when[160];
    fb_clock_iso(at, iso);
    when_text(at, v->lang, when, sizeof when);
    fb_html_raw(w, "<li class=\"fb-timeline__item\">\n"
                   "<h2 class=\"govuk-heading-s govuk-!-margin-bottom-1\">");
    fb_html_text(w, label);
    fb_html_raw(w, "</h2>\n<p class=\"govuk-body-s fb-timeline__date\">"
                   "<time datetime=\"");
    fb_html_attr(w, iso);
    fb_html_raw(w, "\">");
    fb_html_text(w, when);
    fb_html_raw(w, "</time></p>\n");
    if (message && *message) {
        fb_html_raw(w, "<p class=\"govuk-body\">");
        fb_html_text(w, message);
        fb_html_raw(w, "</p>\n");
    }
    fb_html_raw(w, "</li>\n");
}

void
fb_track_timeline_page(struct fb_html *w, const struct fb_track_view *v,
                       const struct fb_track_item *items, size_t n_items,
                       long long submitted_at)
{
    char title[200];
    struct fb_msg_args args = {.reference = v->reference};
    fb_msg_format(title, sizeof title, FB_MSG_TRACK_PROGRESS_TITLE, &args,
                  v->lang);
    doc_open(w, v, title, false);
    heading(w, title);
    if (n_items == 0) {
        fb_html_raw(w, "<p class=\"govuk-body\">");
        fb_html_text(w, fb_msg_text(FB_MSG_TRACK_NO_UPDATES, v->lang));
        fb_html_raw(w, "</p>\n");
    }
    fb_html_raw(w, "<ol class=\"govuk-list fb-timeline\" reversed>\n");
    for (size_t i = 0; i < n_items; i++)
        timeline_item(w, v, items[i].status_label, items[i].message,
                      items[i].at);
    timeline_item(w, v, fb_msg_text(FB_MSG_TRACK_SENT, v->lang), NULL,
                  submitted_at);
    fb_html_raw(w, "</ol>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
                   "href=\"");
    track_href(w, v);
    fb_html_raw(w, "\">");
    fb_html_text(w, fb_msg_text(FB_MSG_TRACK_ANOTHER, v->lang));
    fb_html_raw(w, "</a></p>\n");
    doc_close(w, v);
}

void
fb_track_stop_page(struct fb_html *w, const struct fb_track_view *v,
                   const char *token, bool done)
{
    char title[200], body[300];
    struct fb_msg_args args = {.reference = v->reference};
    fb_msg_format(title, sizeof title,
                  done ? FB_MSG_EMAIL_UPDATE_STOPPED_TITLE
                       : FB_MSG_EMAIL_STOP_TITLE, &args, v->lang);
    fb_msg_format(body, sizeof body,
                  done ? FB_MSG_EMAIL_UPDATE_STOPPED_BODY
                       : FB_MSG_EMAIL_STOP_BODY, &args, v->lang);
    doc_open(w, v, title, false);
    heading(w, title);
    fb_html_raw(w, "<p class=\"govuk-body\">");
    fb_html_text(w, body);
    fb_html_raw(w, "</p>\n");
    if (!done) {
        fb_html_raw(w, "<form method=\"post\" novalidate action=\"/");
        fb_html_attr(w, v->form->slug);
        fb_html_raw(w, "/track-stop");
        if (v->lang != FB_LANG_EN) {
            fb_html_raw(w, "?lang=");
            fb_html_attr(w, fb_lang_code(v->lang));
        }
        fb_html_raw(w, "\">\n<input type=\"hidden\" name=\"reference\" "
                       "value=\"");
        fb_html_attr(w, v->reference);
        fb_html_raw(w, "\">\n<input type=\"hidden\" name=\"t\" value=\"");
        fb_html_attr(w, token);
        fb_html_raw(w, "\">\n<button type=\"submit\" class=\"govuk-button\" "
                       "data-module=\"govuk-button\">");
        fb_html_text(w, fb_msg_text(FB_MSG_EMAIL_STOP_BUTTON, v->lang));
        fb_html_raw(w, "</button>\n</form>\n");
    } else {
        fb_html_raw(w, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                       "href=\"");
        track_href(w, v);
        fb_html_raw(w, "\">");
        fb_html_text(w, fb_msg_text(FB_MSG_TRACK_LINK, v->lang));
        fb_html_raw(w, "</a></p>\n");
    }
    doc_close(w, v);
}
