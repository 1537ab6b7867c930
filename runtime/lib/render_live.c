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
