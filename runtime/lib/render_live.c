/* SPDX-License-Identifier: MIT */
/*
 * The page of a form's privacy notice written in its `privacy:` text
 * (docs/form-language.md, "Running a live service"), in the form's frame.
 */
#include "render-priv.h"

#include <stdio.h>

void
fb_render_privacy(struct fb_html *w, enum fb_lang lang,
                  const struct fb_form_desc *form)
{
    const char *title = fb_msg_text(FB_MSG_PRIVACY, lang);
    char href[128];
    snprintf(href, sizeof href, "/%s/", form->slug);
    fb_render_doc_open(w, lang, false, title, fb_i18n_get(&form->title, lang),
                       "/assets/", href, NULL, NULL);
    fb_html_raw(w, "<h1 class=\"govuk-heading-l\">");
    fb_html_text(w, title);
    fb_html_raw(w, "</h1>\n");
    /* A Welsh page of a notice written only in English says so. */
    bool fallback = lang != FB_LANG_EN && !form->privacy.text[lang];
    if (fallback)
        fb_html_raw(w, "<div lang=\"en\">\n");
    fb_render_prose(w, fb_i18n_get(&form->privacy, lang), "govuk-body");
    if (fallback)
        fb_html_raw(w, "</div>\n");
    fb_render_doc_close_form(w, lang, form);
}

static void
heading(struct fb_html *w, enum fb_msg id, enum fb_lang lang)
{
    fb_html_raw(w, "<h2 class=\"govuk-heading-m\">");
    fb_html_text(w, fb_msg_text(id, lang));
    fb_html_raw(w, "</h2>\n");
}

static void
prose(struct fb_html *w, enum fb_msg id, const char *text, enum fb_lang lang)
{
    char buf[2048];
    struct fb_msg_args a = {.text = text};
    fb_render_prose(w, fb_msg_format(buf, sizeof buf, id, &a, lang),
                    "govuk-body");
}

void
fb_render_accessibility(struct fb_html *w, enum fb_lang lang,
                        const char *email, const char *phone)
{
    char title[512];
    const char *name = fb_render_site_name(lang);
    struct fb_msg_args a = {.text = name};
    fb_msg_format(title, sizeof title, FB_MSG_A11Y_TITLE, &a, lang);
    fb_render_doc_open(w, lang, false, title, NULL, "/assets/", NULL, NULL,
                       NULL);
    fb_html_raw(w, "<h1 class=\"govuk-heading-l\">");
    fb_html_text(w, title);
    fb_html_raw(w, "</h1>\n");
    prose(w, FB_MSG_A11Y_INTRO, name, lang);
    heading(w, FB_MSG_A11Y_TESTED_HEADING, lang);
    prose(w, FB_MSG_A11Y_TESTED, NULL, lang);
    heading(w, FB_MSG_A11Y_CONTACT_HEADING, lang);
    prose(w, FB_MSG_A11Y_CONTACT, NULL, lang);
    if (email)
        prose(w, FB_MSG_A11Y_EMAIL, email, lang);
    if (phone)
        prose(w, FB_MSG_A11Y_PHONE, phone, lang);
    heading(w, FB_MSG_A11Y_ENFORCEMENT_HEADING, lang);
    prose(w, FB_MSG_A11Y_ENFORCEMENT, NULL, lang);
    fb_render_doc_close(w, lang);
}

void
fb_render_start_again_link(struct fb_html *w, const struct fb_render_ctx *ctx,
                           const char *page_id)
{
    if (!ctx->form_href)
        return;
    fb_html_raw(w, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"");
    fb_html_attr(w, ctx->form_href);
    fb_html_raw(w, "start-again");
    if (page_id) {
        fb_html_raw(w, "?from=");
        fb_html_attr(w, page_id);
    }
    fb_html_raw(w, "\">");
    fb_html_text(w, fb_msg_text(FB_MSG_START_AGAIN, ctx->lang));
    fb_html_raw(w, "</a></p>\n");
}

void
fb_render_start_again(struct fb_html *w, const struct fb_render_ctx *ctx)
{
    const char *title = fb_msg_text(FB_MSG_START_AGAIN_TITLE, ctx->lang);
    fb_render_doc_open(w, ctx->lang, false, title,
                       fb_i18n_get(&ctx->form->title, ctx->lang),
                       ctx->assets_href, ctx->form_href, ctx->back_href,
                       &ctx->lang_link);
    fb_html_raw(w, "<h1 class=\"govuk-heading-l\">");
    fb_html_text(w, title);
    fb_html_raw(w, "</h1>\n<p class=\"govuk-body\">");
    fb_html_text(w, fb_msg_text(FB_MSG_START_AGAIN_BODY, ctx->lang));
    fb_html_raw(w, "</p>\n");
    fb_render_form_open(w, ctx);
    fb_html_raw(w, "<div class=\"govuk-button-group\">\n"
                   "<button type=\"submit\" class=\"govuk-button "
                   "govuk-button--warning\">");
    fb_html_text(w, fb_msg_text(FB_MSG_START_AGAIN_YES, ctx->lang));
    fb_html_raw(w, "</button>\n");
    if (ctx->back_href) {
        fb_html_raw(w, "<a class=\"govuk-link\" href=\"");
        fb_html_attr(w, ctx->back_href);
        fb_html_raw(w, "\">");
        fb_html_text(w, fb_msg_text(FB_MSG_START_AGAIN_NO, ctx->lang));
        fb_html_raw(w, "</a>\n");
    }
    fb_html_raw(w, "</div>\n</form>\n");
    fb_render_doc_close_form(w, ctx->lang, ctx->form);
}
