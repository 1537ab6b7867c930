/* SPDX-License-Identifier: MIT */
/*
 * The journey's own pages: start, check your answers (GOV.UK summary list
 * with Change links), confirmation panel, plain message pages (400, 404,
 * 500) and the index of forms. Answers shown here are the normalised ones,
 * written for people: dates spelt out, options by their label.
 */
#include "formbuilder/render.h"

#include <stdlib.h>
#include <string.h>

#include "formbuilder/qtype.h"
#include "formbuilder/validate.h"
#include "formbuilder/filetype.h"
#include "render-priv.h"

/* Writes @p href escaped, then @p segment percent-encoded. */
static void
href_to(struct fb_html *w, const char *href, const char *segment)
{
    fb_html_attr(w, href ? href : "");
    fb_html_url_segment(w, segment);
}

/* The page the start button leads to: the first of the journey the caller
 * worked out, else the first page without a condition, else the first. */
static const struct fb_page_desc *
first_page(const struct fb_render_ctx *ctx)
{
    const struct fb_form_desc *f = ctx->form;

    if (ctx->journey && ctx->n_journey > 0)
        return ctx->journey[0];
    for (size_t i = 0; i < f->n_pages; i++)
        if (!f->pages[i].when)
            return &f->pages[i];
    return f->n_pages > 0 ? &f->pages[0] : NULL;
}

/* Writes the start page; see render.h. */
void
fb_render_start(struct fb_html *w, const struct fb_render_ctx *ctx)
{
    const char *title = fb_i18n_get(&ctx->form->title, ctx->lang);
    const struct fb_page_desc *first = first_page(ctx);

    fb_render_doc_open(w, ctx->lang, false, NULL, title, ctx->assets_href,
                       ctx->form_href, ctx->back_href, &ctx->lang_link);
    fb_render_assist_banner(w, ctx->lang, ctx->assist_channel,
                            ctx->assisted_by);
    fb_html_raw(w, "<h1 class=\"govuk-heading-xl\">");
    fb_render_i18n(w, &ctx->form->title, ctx->lang);
    fb_html_raw(w, "</h1>\n");
    fb_render_prose(w, fb_i18n_get(&ctx->form->start_body, ctx->lang),
                    "govuk-body");
    /* GOV.UK start button: a link styled as a button (no form needed). */
    fb_html_raw(w, "<a href=\"");
    href_to(w, ctx->form_href, first ? first->id : "");
    fb_html_raw(w, "\" role=\"button\" draggable=\"false\" "
                   "class=\"govuk-button govuk-button--start\">");
    fb_html_text(w, fb_msg_text(FB_MSG_START, ctx->lang));
    fb_html_raw(w, "</a>\n");
    char privacy_buf[128];
    const char *privacy =
        fb_render_privacy_href(ctx->form, privacy_buf, sizeof privacy_buf);
    if (privacy) {
        fb_html_raw(w, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                       "href=\"");
        fb_html_attr(w, privacy);
        fb_html_raw(w, "\">");
        fb_html_text(w, fb_msg_text(FB_MSG_PRIVACY_LINK, ctx->lang));
        fb_html_raw(w, "</a></p>\n");
    }
    fb_render_doc_close_form(w, ctx->lang, ctx->form);
}

/* A stored date "2024-02-29" as "29 February 2024", or with @p time a
 * stored "2024-02-29T14:30" as "29 February 2024, 2:30pm", in the page's
 * language (messages.h writes both); anything else as it is. */
static void
date_value(struct fb_html *w, enum fb_lang lang, const char *v, bool time,
           bool weekday)
{
    char iso[11], buf[64];
    struct fb_date d;
    int minutes = 0;
    bool ok = strlen(v) == (time ? 16u : 10u) && (!time || v[10] == 'T');

    if (ok) {
        memcpy(iso, v, 10);
        iso[10] = '\0';
        ok = fb_date_parse_iso(iso, &d) &&
             (!time || fb_time_parse_hhmm(v + 11, &minutes));
    }
    if (!ok) {
        fb_html_text(w, v);
        return;
    }
    fb_html_text(w, weekday ? fb_date_format_long(&d, lang, buf, sizeof buf)
                            : fb_date_format(&d, lang, buf, sizeof buf));
    if (time) {
        fb_html_raw(w, ", ");
        fb_html_text(w, fb_time_format(minutes, lang, buf, sizeof buf));
    }
}

/* An option's label for a stored value (yes/no built in). */
static const char *
option_label(const struct fb_question_desc *q, enum fb_lang lang,
             const char *v)
{
    for (size_t i = 0; i < q->n_options; i++)
        if (strcmp(q->options[i].value, v) == 0 &&
            fb_i18n_present(&q->options[i].label))
            return fb_i18n_get(&q->options[i].label, lang);
    if (q->type == FB_Q_YES_NO && strcmp(v, FB_YES) == 0)
        return fb_msg_text(FB_MSG_YES, lang);
    if (q->type == FB_Q_YES_NO && strcmp(v, FB_NO) == 0)
        return fb_msg_text(FB_MSG_NO, lang);
    return v;
}

/* Text with its line breaks kept as <br> (or, @p inline, as ", "). */
static void
lines_value(struct fb_html *w, const char *v, bool inline_)
{
    const char *nl;

    while ((nl = strchr(v, '\n')) != NULL) {
        size_t n = (size_t)(nl - v);
        char *line = malloc(n + 1);
        if (!line) {
            w->failed = true;
            return;
        }
        memcpy(line, v, n);
        line[n] = '\0';
        fb_html_text(w, line);
        fb_html_raw(w, inline_ ? ", " : "<br>");
        free(line);
        v = nl + 1;
    }
    fb_html_text(w, v);
}

/* @returns true when the question in parts had any part answered; writes
 * them on lines (an address) or joined by spaces (a name). */
static bool
parts_value(struct fb_html *w, const struct fb_answers *a,
            const struct fb_question_desc *q, const struct fb_qtype_info *t,
            bool inline_)
{
    bool any = false;

    for (size_t i = 0; i < t->n_parts; i++) {
        char *name = fb_render_name(w, q->id, '.', t->parts[i].suffix);
        const char *v = name ? fb_answers_get(a, name) : NULL;
        if (v && v[0]) {
            if (any)
                fb_html_raw(w, !t->parts_on_lines ? " "
                               : inline_ ? ", " : "<br>");
            fb_html_text(w, v);
            any = true;
        }
        free(name);
    }
    return any;
}

/* Several ticked boxes: a list, or @p inline_ joined by ", ". */
static void
checkbox_values(struct fb_html *w, const struct fb_render_ctx *ctx,
                const struct fb_answers *a, const struct fb_question_desc *q,
                size_t n, bool inline_)
{
    if (n == 1 || inline_) {
        for (size_t i = 0; i < n; i++) {
            if (i)
                fb_html_raw(w, ", ");
            fb_html_text(w, option_label(q, ctx->lang,
                                         fb_answers_get_nth(a, q->id, i)));
        }
        return;
    }
    fb_html_raw(w, "<ul class=\"govuk-list\">\n");
    for (size_t i = 0; i < n; i++) {
        fb_html_raw(w, "<li>");
        fb_html_text(w, option_label(q, ctx->lang,
                                     fb_answers_get_nth(a, q->id, i)));
        fb_html_raw(w, "</li>\n");
    }
    fb_html_raw(w, "</ul>\n");
}

/* Uploaded files: their names, a list or @p inline_ joined by ", ". */
static void
file_names(struct fb_html *w, const struct fb_answers *a,
           const struct fb_question_desc *q, bool inline_)
{
    size_t n = fb_answers_count(a, q->id);
    bool list = n > 1 && !inline_;
    if (list)
        fb_html_raw(w, "<ul class=\"govuk-list\">\n");
    for (size_t i = 0; i < n; i++) {
        const char *v = fb_answers_get_nth(a, q->id, i);
        struct fb_file_ref ref;
        const char *name = v && fb_file_ref_parse(v, strlen(v), &ref)
                               ? ref.name : "";
        fb_html_raw(w, list ? "<li>" : i ? ", " : "");
        fb_html_text(w, name);
        if (list)
            fb_html_raw(w, "</li>\n");
    }
    if (list)
        fb_html_raw(w, "</ul>\n");
}

/* Writes the answer to @p q in @p a for people; see render-priv.h. */
void
fb_render_answer(struct fb_html *w, const struct fb_render_ctx *ctx,
                 const struct fb_answers *a, const struct fb_question_desc *q,
                 bool inline_)
{
    const struct fb_qtype_info *t = fb_qtype(q->type);
    const char *v = a ? fb_answers_get(a, q->id) : NULL;
    char buf[64];
    int minutes;

    if (t->stored == FB_STORED_PARTS && a && parts_value(w, a, q, t, inline_))
        return;
    if (!v || !v[0]) {
        fb_html_text(w, fb_msg_text(FB_MSG_NOT_PROVIDED, ctx->lang));
        return;
    }
    switch (t->stored) {
    case FB_STORED_DATE:
        /* A booked day is named with its weekday, as it was chosen. */
        date_value(w, ctx->lang, v, false, q->type == FB_Q_BOOKING_DATE);
        break;
    case FB_STORED_DATETIME:
        if (option_label(q, ctx->lang, v) != v)
            fb_html_text(w, option_label(q, ctx->lang, v));
        else
            date_value(w, ctx->lang, v, true, false);
        break;
    case FB_STORED_CHOICE:
        fb_html_text(w, option_label(q, ctx->lang, v));
        break;
    case FB_STORED_CHOICES:
        checkbox_values(w, ctx, a, q, fb_answers_count(a, q->id), inline_);
        break;
    case FB_STORED_BOOLEAN:
        /* yes/no has its options; a declaration is ticked or not. */
        if (q->n_options)
            fb_html_text(w, option_label(q, ctx->lang, v));
        else
            fb_html_text(w, strcmp(v, FB_DECLARATION_VALUE) == 0
                                ? fb_msg_text(FB_MSG_CONFIRMED, ctx->lang)
                                : v);
        break;
    case FB_STORED_PENCE:
        fb_money_format(strtoll(v, NULL, 10), buf, sizeof buf);
        fb_html_text(w, buf);
        break;
    case FB_STORED_TIME:
        if (fb_time_parse_hhmm(v, &minutes))
            fb_html_text(w, fb_time_format(minutes, ctx->lang, buf,
                                           sizeof buf));
        else
            fb_html_text(w, v);
        break;
    case FB_STORED_TEXT:
        if (q->type == FB_Q_TEXTAREA)
            lines_value(w, v, inline_);
        else
            fb_html_text(w, v);
        break;
    case FB_STORED_FILES:
        file_names(w, a, q, inline_);
        break;
    case FB_STORED_NUMBER:
    case FB_STORED_PARTS:
        fb_html_text(w, v);
        break;
    }
}

static bool
row_applies(const struct fb_render_ctx *ctx, const struct fb_question_desc *q)
{
    struct fb_date day;

    if (ctx->summary)
        return fb_question_applies(q, ctx->summary,
                                   fb_render_today(ctx, &day));
    return !q->revealed_by && !q->when;
}

/* One summary-list row; the Change link names the question for screen
 * readers (WCAG 2.4.4 Link Purpose). */
static void
summary_row(struct fb_html *w, const struct fb_render_ctx *ctx,
            const struct fb_page_desc *p, const struct fb_question_desc *q)
{
    const char *key = fb_i18n_present(&q->summary_label)
                          ? fb_i18n_get(&q->summary_label, ctx->lang)
                          : fb_i18n_get(&q->label, ctx->lang);

    fb_html_raw(w, "<div class=\"govuk-summary-list__row\">\n"
                   "<dt class=\"govuk-summary-list__key\">");
    fb_html_text(w, key);
    fb_html_raw(w, "</dt>\n<dd class=\"govuk-summary-list__value\">");
    fb_render_answer(w, ctx, ctx->summary, q, false);
    fb_html_raw(w, "</dd>\n<dd class=\"govuk-summary-list__actions\">"
                   "<a class=\"govuk-link\" href=\"");
    href_to(w, ctx->form_href, p->id);
    fb_html_raw(w, "?change=1\">");
    fb_html_text(w, fb_msg_text(FB_MSG_CHANGE, ctx->lang));
    fb_html_raw(w, "<span class=\"govuk-visually-hidden\"> ");
    fb_html_text(w, key);
    fb_html_raw(w, "</span></a></dd>\n</div>\n");
}

/* Writes check your answers; see render.h. */
void
fb_render_check_answers(struct fb_html *w, const struct fb_render_ctx *ctx)
{
    const char *title =
        fb_form_text(ctx->form, FB_TEXT_CHECK_ANSWERS, ctx->lang);

    fb_render_doc_open(w, ctx->lang, false, title,
                       fb_i18n_get(&ctx->form->title, ctx->lang),
                       ctx->assets_href, ctx->form_href, ctx->back_href,
                       &ctx->lang_link);
    fb_render_assist_banner(w, ctx->lang, ctx->assist_channel,
                            ctx->assisted_by);
    fb_html_raw(w, "<h1 class=\"govuk-heading-l\">");
    fb_html_text(w, title);
    fb_html_raw(w, "</h1>\n<dl class=\"govuk-summary-list\">\n");
    for (size_t i = 0; ctx->journey && i < ctx->n_journey; i++) {
        const struct fb_page_desc *p = ctx->journey[i];
        if (p->exit)
            continue;
        if (p->repeat) {
            fb_render_repeat_rows(w, ctx, p);
            continue;
        }
        for (size_t k = 0; k < p->n_questions; k++)
            if (row_applies(ctx, p->questions[k]))
                summary_row(w, ctx, p, p->questions[k]);
    }
    fb_html_raw(w, "</dl>\n<h2 class=\"govuk-heading-m\">");
    fb_html_text(w, fb_form_text(ctx->form, FB_TEXT_SEND_HEADING, ctx->lang));
    fb_html_raw(w, "</h2>\n<p class=\"govuk-body\">");
    fb_html_text(w, fb_form_text(ctx->form, FB_TEXT_DECLARATION, ctx->lang));
    fb_html_raw(w, "</p>\n");
    fb_render_form_open(w, ctx);
    fb_html_raw(w, "<button type=\"submit\" class=\"govuk-button\">");
    fb_html_text(w, fb_form_text(ctx->form, FB_TEXT_SEND, ctx->lang));
    fb_html_raw(w, "</button>\n</form>\n");
    fb_render_start_again_link(w, ctx, "check-answers");
    fb_render_doc_close_form(w, ctx->lang, ctx->form);
}

/* Writes the confirmation page; see render.h. */
void
fb_render_confirmation(struct fb_html *w, const struct fb_render_ctx *ctx)
{
    const struct fb_form_desc *f = ctx->form;
    const char *title = fb_i18n_present(&f->confirmation_title)
                            ? fb_i18n_get(&f->confirmation_title, ctx->lang)
                            : fb_msg_text(FB_MSG_SUBMITTED, ctx->lang);

    fb_render_doc_open(w, ctx->lang, false, title,
                       fb_i18n_get(&f->title, ctx->lang), ctx->assets_href,
                       ctx->form_href, ctx->back_href, &ctx->lang_link);
    fb_render_assist_banner(w, ctx->lang, ctx->assist_channel,
                            ctx->assisted_by);
    fb_html_raw(w, "<div class=\"govuk-panel govuk-panel--confirmation\">\n"
                   "<h1 class=\"govuk-panel__title\">");
    fb_html_text(w, title);
    fb_html_raw(w, "</h1>\n");
    if (ctx->reference) {
        fb_html_raw(w, "<div class=\"govuk-panel__body\">");
        fb_html_text(w, fb_msg_text(FB_MSG_REFERENCE, ctx->lang));
        fb_html_raw(w, "<br><strong>");
        fb_html_text(w, ctx->reference);
        fb_html_raw(w, "</strong></div>\n");
    }
    fb_html_raw(w, "</div>\n");
    fb_render_booking_summary(w, ctx);
    fb_render_content_prose(w, ctx,
                            fb_i18n_get(&f->confirmation_body, ctx->lang),
                            "govuk-body");
    for (size_t i = 0; i < f->n_confirmation_blocks; i++)
        fb_render_block(w, ctx, &f->confirmation_blocks[i]);
    /* A form whose back office posts progress updates: where to follow
     * them, the reference filled in (runtime/server/track.c). */
    if (ctx->track_href) {
        fb_html_raw(w, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                       "href=\"");
        fb_html_attr(w, ctx->track_href);
        fb_html_raw(w, "\">");
        fb_html_text(w, fb_msg_text(FB_MSG_TRACK_LINK, ctx->lang));
        fb_html_raw(w, "</a></p>\n");
    }
    fb_render_doc_close_form(w, ctx->lang, ctx->form);
}

/* Writes a plain message page; see render.h. */
void
fb_render_message_page(struct fb_html *w, enum fb_lang lang,
                       const char *assets_href, const char *title,
                       const char *message)
{
    fb_render_doc_open(w, lang, false, title, NULL, assets_href, NULL, NULL,
                       NULL);
    fb_html_raw(w, "<h1 class=\"govuk-heading-l\">");
    fb_html_text(w, title);
    fb_html_raw(w, "</h1>\n");
    fb_render_prose(w, message, "govuk-body");
    fb_render_doc_close(w, lang);
}

/* Writes the index of forms; see render.h. */
void
fb_render_index(struct fb_html *w, enum fb_lang lang,
                const char *assets_href,
                const struct fb_form_desc *const *forms, size_t n_forms,
                const struct fb_lang_link *lang_link)
{
    const char *title = fb_msg_text(FB_MSG_INDEX_TITLE, lang);

    fb_render_doc_open(w, lang, false, title, NULL, assets_href, NULL, NULL,
                       lang_link);
    fb_html_raw(w, "<h1 class=\"govuk-heading-l\">");
    fb_html_text(w, title);
    fb_html_raw(w, "</h1>\n<ul class=\"govuk-list\">\n");
    for (size_t i = 0; i < n_forms; i++) {
        fb_html_raw(w, "<li><a class=\"govuk-link\" href=\"/");
        fb_html_url_segment(w, forms[i]->slug);
        /* A form offered in the index's language starts in it. */
        if (lang != FB_LANG_EN && fb_form_offers(forms[i], lang))
            fb_html_rawf(w, "/?lang=%s\">", fb_lang_code(lang));
        else
            fb_html_raw(w, "/\">");
        fb_render_i18n(w, &forms[i]->title, lang);
        fb_html_raw(w, "</a></li>\n");
    }
    fb_html_raw(w, "</ul>\n");
    fb_render_doc_close(w, lang);
}
