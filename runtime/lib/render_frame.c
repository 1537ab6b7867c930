/* SPDX-License-Identifier: MIT */
/*
 * The frame every page shares: the GOV.UK template (html lang, title, skip
 * link, header, width container, back link, main wrapper, footer) and the
 * opening of a form with its CSRF token and honeypot. No script and no
 * external resources: one stylesheet from the project.
 */
#include "formbuilder/filetype.h"
#include "render-priv.h"

#include "formbuilder/driver.h"
#include "formbuilder/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct fb_site default_site;
static const struct fb_site *site = &default_site;

void
fb_render_set_site(const struct fb_site *s)
{
    site = s ? s : &default_site;
}

const struct fb_site *
fb_render_site(void)
{
    return site;
}

const char *
fb_render_site_name(enum fb_lang lang)
{
    if ((unsigned)lang < FB_LANG__COUNT && site->name[lang])
        return site->name[lang];
    if (site->name[FB_LANG_EN] && lang == FB_LANG_EN)
        return site->name[FB_LANG_EN];
    /* A council named in English only keeps its name on Welsh pages. */
    return site->name[FB_LANG_EN] ? site->name[FB_LANG_EN]
                                  : fb_msg_text(FB_MSG_SITE_NAME, lang);
}

/* GOV.UK's phase banner: the phase tag and, with a feedback link, the
 * sentence asking for feedback. */
static void
phase_banner(struct fb_html *w, enum fb_lang lang)
{
    bool beta = strcmp(site->phase, "beta") == 0;
    fb_html_raw(w, "<div class=\"govuk-phase-banner\">\n"
                   "<p class=\"govuk-phase-banner__content\"><strong "
                   "class=\"govuk-tag govuk-phase-banner__content__tag\">");
    fb_html_text(w, fb_msg_text(beta ? FB_MSG_PHASE_BETA : FB_MSG_PHASE_ALPHA,
                                lang));
    fb_html_raw(w, "</strong> <span class=\"govuk-phase-banner__text\">");
    fb_html_text(w, fb_msg_text(FB_MSG_PHASE_NEW, lang));
    if (site->feedback_url) {
        fb_html_raw(w, " ");
        fb_html_text(w, fb_msg_text(FB_MSG_PHASE_HELP, lang));
        fb_html_raw(w, " <a class=\"govuk-link\" href=\"");
        fb_html_attr(w, site->feedback_url);
        fb_html_raw(w, "\">");
        fb_html_text(w, fb_msg_text(FB_MSG_PHASE_FEEDBACK, lang));
        fb_html_raw(w, "</a>.");
    }
    fb_html_raw(w, "</span></p>\n</div>\n");
}

/* Writes the title text: "[Error: ]page - form - site", leaving out empty
 * parts and a page title that only repeats the form's. */
static void
title_text(struct fb_html *w, bool error, enum fb_lang lang,
                     const char *page, const char *form)
{
    /* WCAG 2.4.2 Page Titled; GOV.UK: "Error: " first when there are
     * errors, so screen readers announce it at once. */
    if (error) {
        fb_html_text(w, fb_msg_text(FB_MSG_ERROR_PREFIX, lang));
        fb_html_raw(w, " ");
    }
    if (page && page[0] && !(form && strcmp(page, form) == 0)) {
        fb_html_text(w, page);
        fb_html_raw(w, " - ");
    }
    if (form && form[0]) {
        fb_html_text(w, form);
        fb_html_raw(w, " - ");
    }
    fb_html_text(w, fb_render_site_name(lang));
}

/* The language link of a bilingual form: the other language's name in
 * that language, so it carries its own lang (WCAG 3.1.2 Language of
 * Parts) and hreflang. With two languages the other one is the one not
 * shown. */
static void
language_link(struct fb_html *w, enum fb_lang lang,
              const struct fb_lang_link *link)
{
    enum fb_lang other = lang == FB_LANG_EN ? FB_LANG_CY : FB_LANG_EN;
    const char *code = fb_lang_code(other);
    fb_html_raw(w, "<p class=\"govuk-body-s fb-language\">");
    if (link->post) {
        /* Outside the form, so it names it (form=); formaction keeps the
         * page's own action for Continue. */
        fb_html_raw(w, "<button type=\"submit\" form=\"" FB_FORM_ID "\" "
                       "formaction=\"");
        fb_html_attr(w, link->href);
        fb_html_rawf(w, "\" class=\"fb-link-button\" lang=\"%s\">", code);
        fb_html_text(w, fb_msg_text(FB_MSG_LANGUAGE_NAME, other));
        fb_html_raw(w, "</button></p>\n");
        return;
    }
    fb_html_raw(w, "<a href=\"");
    fb_html_attr(w, link->href);
    fb_html_rawf(w, "\" class=\"govuk-link\" lang=\"%s\" hreflang=\"%s\">",
                 code, code);
    fb_html_text(w, fb_msg_text(FB_MSG_LANGUAGE_NAME, other));
    fb_html_raw(w, "</a></p>\n");
}

/* Writes the document up to the main column; see render-priv.h. */
void
fb_render_doc_open(struct fb_html *w, enum fb_lang lang, bool error,
                   const char *page_title, const char *form_title,
                   const char *assets_href, const char *form_href,
                   const char *back_href,
                   const struct fb_lang_link *lang_link)
{
    fb_html_rawf(w,
                 "<!DOCTYPE html>\n<html lang=\"%s\" class=\"govuk-template\">"
                 "\n<head>\n<meta charset=\"utf-8\">\n<title>",
                 fb_lang_code(lang));
    title_text(w, error, lang, page_title, form_title);
    fb_html_raw(w, "</title>\n<meta name=\"viewport\" "
                   "content=\"width=device-width, initial-scale=1\">\n"
                   "<link rel=\"stylesheet\" href=\"");
    fb_html_attr(w, assets_href ? assets_href : "/assets/");
    fb_html_raw(w, "formbuilder.css\">\n");
    if (site->stylesheet) {
        fb_html_raw(w, "<link rel=\"stylesheet\" href=\"");
        fb_html_attr(w, site->stylesheet);
        fb_html_raw(w, "\">\n");
    }
    fb_html_raw(w, "</head>\n<body class=\"govuk-template__body\">\n");
    /* WCAG 2.4.1 Bypass Blocks: the GOV.UK skip link. */
    fb_html_raw(w, "<a href=\"#main-content\" class=\"govuk-skip-link\">");
    fb_html_text(w, fb_msg_text(FB_MSG_SKIP, lang));
    fb_html_raw(w, "</a>\n<header class=\"govuk-header\">\n"
                   "<div class=\"govuk-header__container "
                   "govuk-width-container\">\n"
                   "<div class=\"govuk-header__logo\">"
                   "<a href=\"/\" class=\"govuk-header__link "
                   "govuk-header__link--homepage\">");
    if (site->logo_url) {
        /* The name follows, so the logo is decoration to a screen
         * reader (WCAG 1.1.1): alt="". */
        fb_html_raw(w, "<img class=\"fb-header__logo\" src=\"");
        fb_html_attr(w, site->logo_url);
        fb_html_raw(w, "\" alt=\"\" height=\"30\"> ");
    }
    fb_html_text(w, fb_render_site_name(lang));
    fb_html_raw(w, "</a></div>\n");
    if (form_title && form_title[0]) {
        fb_html_raw(w, "<div class=\"govuk-header__content\">");
        if (form_href) {
            fb_html_raw(w, "<a href=\"");
            fb_html_attr(w, form_href);
            fb_html_raw(w, "\" class=\"govuk-header__link "
                           "govuk-header__service-name\">");
            fb_html_text(w, form_title);
            fb_html_raw(w, "</a>");
        } else {
            fb_html_raw(w, "<span class=\"govuk-header__service-name\">");
            fb_html_text(w, form_title);
            fb_html_raw(w, "</span>");
        }
        fb_html_raw(w, "</div>\n");
    }
    fb_html_raw(w, "</div>\n</header>\n<div class=\"govuk-width-container\">"
                   "\n");
    if (site->phase)
        phase_banner(w, lang);
    if (lang_link && lang_link->href)
        language_link(w, lang, lang_link);
    if (back_href) {
        fb_html_raw(w, "<a href=\"");
        fb_html_attr(w, back_href);
        fb_html_raw(w, "\" class=\"govuk-back-link\">");
        fb_html_text(w, fb_msg_text(FB_MSG_BACK, lang));
        fb_html_raw(w, "</a>\n");
    }
    fb_html_raw(w, "<main class=\"govuk-main-wrapper\" id=\"main-content\">"
                   "\n<div class=\"govuk-grid-row\">\n"
                   "<div class=\"govuk-grid-column-two-thirds\">\n");
}

/* One footer link, an item of the footer's list when @p item. */
static void
footer_link(struct fb_html *w, bool item, const char *href, const char *text)
{
    if (item)
        fb_html_raw(w, "<li class=\"govuk-footer__inline-list-item\">");
    fb_html_raw(w, "<a class=\"govuk-footer__link\" href=\"");
    fb_html_attr(w, href);
    fb_html_raw(w, "\">");
    fb_html_text(w, text);
    fb_html_raw(w, item ? "</a></li>\n" : "</a>\n");
}

/* Closes the document; see render-priv.h. */
void
fb_render_doc_close(struct fb_html *w, enum fb_lang lang)
{
    fb_render_doc_close_form(w, lang, NULL);
}

/* Closes a form's document; see render.h. */
void
fb_render_doc_close_form(struct fb_html *w, enum fb_lang lang,
                         const struct fb_form_desc *form)
{
    char buf[128];
    const char *privacy = form ? fb_render_privacy_href(form, buf, sizeof buf)
                               : NULL;
    fb_html_raw(w, "</div>\n</div>\n</main>\n</div>\n"
                   "<footer class=\"govuk-footer\">\n"
                   "<div class=\"govuk-width-container\">\n");
    bool list = site->n_links || site->accessibility || privacy;
    /* GOV.UK's footer list when there are several links, so each wraps
     * whole at 200% text (WCAG 1.4.4). */
    if (list)
        fb_html_raw(w, "<ul class=\"govuk-footer__inline-list\">\n");
    footer_link(w, list, "/", fb_msg_text(FB_MSG_ALL_FORMS, lang));
    for (size_t i = 0; i < site->n_links; i++)
        footer_link(w, list, site->link_url[i], site->link_text[i]);
    if (site->accessibility)
        footer_link(w, list, "/accessibility",
                    fb_msg_text(FB_MSG_ACCESSIBILITY_LINK, lang));
    if (privacy)
        footer_link(w, list, privacy, fb_msg_text(FB_MSG_PRIVACY, lang));
    if (list)
        fb_html_raw(w, "</ul>\n");
    fb_html_raw(w, "</div>\n</footer>\n</body>\n</html>\n");
}

/* Where the privacy notice is; see render.h. */
const char *
fb_render_privacy_href(const struct fb_form_desc *form, char *buf,
                       size_t cap)
{
    if (form->privacy_url)
        return form->privacy_url;
    if (!form->privacy.text[FB_LANG_EN])
        return NULL;
    snprintf(buf, cap, "/%s/privacy-notice", form->slug);
    return buf;
}

/* Opens a form; see render-priv.h. */
void
fb_render_form_open(struct fb_html *w, const struct fb_render_ctx *ctx)
{
    /* novalidate: the server's messages, in the GOV.UK style, replace
     * the browser's own pop-ups. */
    fb_html_raw(w, "<form method=\"post\" novalidate");
    if (ctx->action) {
        fb_html_raw(w, " action=\"");
        fb_html_attr(w, ctx->action);
        fb_html_raw(w, "\"");
    }
    if (ctx->lang_link.post && ctx->lang_link.href)
        fb_html_raw(w, " id=\"" FB_FORM_ID "\"");
    if (fb_page_file_question(ctx->page))
        fb_html_raw(w, " enctype=\"multipart/form-data\"");
    fb_html_raw(w, ">\n");
    if (ctx->csrf_token) {
        fb_html_raw(w, "<input type=\"hidden\" name=\"" FB_CSRF_FIELD
                       "\" value=\"");
        fb_html_attr(w, ctx->csrf_token);
        fb_html_raw(w, "\">\n");
    }
    /* The honeypot: hidden from sight and from assistive technology, out
     * of the tab order, so only a bot fills it in. */
    fb_html_raw(w, "<div class=\"govuk-visually-hidden\" aria-hidden=\"true\">"
                   "<label for=\"fb-honeypot\">");
    fb_html_text(w, fb_msg_text(FB_MSG_HONEYPOT, ctx->lang));
    fb_html_raw(w, "</label><input type=\"text\" id=\"fb-honeypot\" name=\""
                   FB_HONEYPOT_FIELD "\" value=\"\" tabindex=\"-1\" "
                   "autocomplete=\"off\"></div>\n");
}

/* Author text, its English fallback marked; see render-priv.h. */
void
fb_render_i18n(struct fb_html *w, const struct fb_i18n *t, enum fb_lang lang)
{
    bool fallback = lang != FB_LANG_EN && t && !t->text[lang]
                    && t->text[FB_LANG_EN];
    if (fallback)
        fb_html_raw(w, "<span lang=\"en\">");
    fb_html_text(w, fb_i18n_get(t, lang));
    if (fallback)
        fb_html_raw(w, "</span>");
}

/* True when the ctx carries errors. */
bool
fb_render_has_errors(const struct fb_render_ctx *ctx)
{
    return ctx->errors && fb_errors_count(ctx->errors) > 0;
}

/* Whether a top-level question shows; see render-priv.h. */
bool
fb_render_question_shown(const struct fb_render_ctx *ctx,
                         const struct fb_question_desc *q)
{
    struct fb_date day;

    const struct fb_answers *known = ctx->known ? ctx->known : ctx->answers;

    if (!q->when || !known)
        return true;
    return fb_cond_eval(q->when, known, fb_render_today(ctx, &day));
}

/* The day conditions are evaluated on; see render-priv.h. */
const struct fb_date *
fb_render_today(const struct fb_render_ctx *ctx, struct fb_date *buf)
{
    if (ctx->today)
        return ctx->today;
    *buf = fb_date_today();
    return buf;
}

/* Finds the question whose label is the heading; see render-priv.h. */
const struct fb_question_desc *
fb_render_heading_question(const struct fb_render_ctx *ctx)
{
    const struct fb_page_desc *p = ctx->page;
    const struct fb_question_desc *found = NULL;
    const char *title;

    if (!p)
        return NULL;
    for (size_t i = 0; i < p->n_items; i++)
        if (p->items[i].block)
            return NULL;
    for (size_t i = 0; i < p->n_questions; i++) {
        const struct fb_question_desc *q = p->questions[i];
        if (q->revealed_by || !fb_render_question_shown(ctx, q))
            continue;
        if (found)
            return NULL;
        found = q;
    }
    /* A declaration's label belongs to its one checkbox, not a heading. */
    if (!found || found->type == FB_Q_DECLARATION)
        return NULL;
    title = fb_i18n_get(&p->title, ctx->lang);
    if (strcmp(fb_i18n_get(&found->label, ctx->lang), title) != 0)
        return NULL;
    return found;
}

/* Joins a field name; see render-priv.h. */
char *
fb_render_name(struct fb_html *w, const char *id, char sep,
               const char *suffix)
{
    size_t a = strlen(id), b = strlen(suffix);
    char *s = malloc(a + b + 2);

    if (!s) {
        w->failed = true;
        return NULL;
    }
    snprintf(s, a + b + 2, "%s%c%s", id, sep, suffix);
    return s;
}

/* Writes the assisted digital banner; see render.h. */
void
fb_render_assist_banner(struct fb_html *w, enum fb_lang lang,
                        const char *assist_channel, const char *assisted_by)
{
    if (!assist_channel)
        return;
    /* GOV.UK inset text: set apart from the form, styled already. */
    fb_html_raw(w, "<div class=\"govuk-inset-text\" id=\"fb-assisted\">\n"
                   "<p class=\"govuk-body\"><strong>");
    fb_html_text(w, fb_msg_text(FB_MSG_ASSIST_BANNER, lang));
    fb_html_raw(w, "</strong></p>\n<p class=\"govuk-body\">");
    fb_html_text(w, fb_msg_text(strcmp(assist_channel, "phone") == 0
                                    ? FB_MSG_ASSIST_BY_PHONE
                                    : FB_MSG_ASSIST_FACE_TO_FACE, lang));
    if (assisted_by && *assisted_by) {
        char by[400];
        struct fb_msg_args args = {.text = assisted_by};
        fb_html_raw(w, ". ");
        fb_html_text(w, fb_msg_format(by, sizeof by, FB_MSG_ASSIST_BANNER_BY,
                                      &args, lang));
    }
    fb_html_raw(w, "</p>\n</div>\n");
}
