/* SPDX-License-Identifier: MIT */
/*
 * Question pages: the opening (title, error summary, heading, form), the
 * page's items (questions and content blocks, in the order formc decided)
 * and the closing (continue button).
 */
#include "formbuilder/render.h"

#include "render-priv.h"

/*
 * GOV.UK error summary: first thing in main, announced (role alert) and
 * focused on load without script (autofocus on a tabindex=-1 element);
 * each message links to the field it is about. WCAG 3.3.1 Error
 * Identification, 3.3.3 Error Suggestion. See render.h.
 */
void
fb_render_error_summary_open(struct fb_html *w, enum fb_lang lang)
{
    fb_html_raw(w, "<div class=\"govuk-error-summary\" role=\"alert\" "
                   "aria-labelledby=\"error-summary-title\" tabindex=\"-1\" "
                   "autofocus>\n<h2 class=\"govuk-error-summary__title\" "
                   "id=\"error-summary-title\">");
    fb_html_text(w, fb_msg_text(FB_MSG_PROBLEM, lang));
    fb_html_raw(w, "</h2>\n<div class=\"govuk-error-summary__body\">\n"
                   "<ul class=\"govuk-list govuk-error-summary__list\">\n");
}

void
fb_render_error_summary_item(struct fb_html *w, const char *anchor,
                             const char *message)
{
    fb_html_raw(w, "<li><a href=\"#");
    fb_html_attr(w, anchor);
    fb_html_raw(w, "\">");
    fb_html_text(w, message);
    fb_html_raw(w, "</a></li>\n");
}

void
fb_render_error_summary_close(struct fb_html *w)
{
    fb_html_raw(w, "</ul>\n</div>\n</div>\n");
}

/* A question page's summary, from its errors. */
void
fb_render_error_summary(struct fb_html *w, const struct fb_render_ctx *ctx)
{
    size_t n = fb_errors_count(ctx->errors);

    fb_render_error_summary_open(w, ctx->lang);
    for (size_t i = 0; i < n; i++) {
        const struct fb_error *e = fb_errors_at(ctx->errors, i);
        const char *anchor = e->anchor && e->anchor[0] ? e->anchor
                                                       : e->question;
        char message[1024];
        fb_render_error_summary_item(w, anchor,
                                     fb_error_message(e, ctx->lang, message,
                                                      sizeof message));
    }
    fb_render_error_summary_close(w);
}

/* Writes the page up to its first question; see render.h. */
void
fb_render_page_open(struct fb_html *w, const struct fb_render_ctx *ctx)
{
    const struct fb_page_desc *p = ctx->page;
    const char *title = p ? fb_i18n_get(&p->title, ctx->lang) : "";
    bool errors = fb_render_has_errors(ctx);

    fb_render_doc_open(w, ctx->lang, errors, title,
                       fb_i18n_get(&ctx->form->title, ctx->lang),
                       ctx->assets_href, ctx->form_href, ctx->back_href,
                       &ctx->lang_link);
    if (errors)
        fb_render_error_summary(w, ctx);
    fb_render_assist_banner(w, ctx->lang, ctx->assist_channel,
                            ctx->assisted_by);
    /* WCAG 1.3.1, 2.4.6: one h1 naming the page; a single question
     * whose label is the page title becomes the heading itself. */
    if (ctx->caption) {
        /* A repeating page's item: which one ("Person 2"). */
        fb_html_raw(w, "<span class=\"govuk-caption-l\">");
        fb_html_text(w, ctx->caption);
        fb_html_raw(w, "</span>\n");
    }
    if (!fb_render_heading_question(ctx)) {
        fb_html_raw(w, "<h1 class=\"govuk-heading-l\">");
        if (p)
            fb_render_i18n(w, &p->title, ctx->lang);
        fb_html_raw(w, "</h1>\n");
    }
    if (p && !p->exit)
        fb_render_form_open(w, ctx);
}

/* The save link and the idle note under a question page's form (the
 * server's; see fb_render_ctx). */
static void
save_and_idle(struct fb_html *w, const struct fb_render_ctx *ctx)
{
    if (ctx->save_href) {
        fb_html_raw(w, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                       "href=\"");
        fb_html_attr(w, ctx->save_href);
        fb_html_raw(w, "\">");
        fb_html_text(w, fb_msg_text(FB_MSG_SAVE_LINK, ctx->lang));
        fb_html_raw(w, "</a></p>\n");
    }
    if (ctx->idle_minutes > 0) {
        char note[300];
        struct fb_msg_args args = {.count = ctx->idle_minutes};
        fb_html_raw(w, "<p class=\"govuk-body-s\">");
        fb_html_text(w, fb_msg_format(note, sizeof note, FB_MSG_IDLE_NOTE,
                                      &args, ctx->lang));
        fb_html_raw(w, "</p>\n");
    }
}

/* Writes the continue button and closes the page; see render.h. */
void
fb_render_page_close(struct fb_html *w, const struct fb_render_ctx *ctx)
{
    if (ctx->page && !ctx->page->exit) {
        fb_html_raw(w, "<button type=\"submit\" class=\"govuk-button\">");
        fb_html_text(w, fb_form_text(ctx->form, FB_TEXT_CONTINUE, ctx->lang));
        fb_html_raw(w, "</button>\n</form>\n");
        save_and_idle(w, ctx);
        fb_render_start_again_link(w, ctx, ctx->page->id);
    }
    fb_render_doc_close_form(w, ctx->lang, ctx->form);
}

static void
list_block(struct fb_html *w, const struct fb_render_ctx *ctx,
           const struct fb_block_desc *b)
{
    fb_html_raw(w, "<ul class=\"govuk-list govuk-list--bullet\">\n");
    for (size_t i = 0; i < b->n_items; i++) {
        fb_html_raw(w, "<li>");
        fb_render_content_prose(w, ctx, fb_i18n_get(&b->items[i], ctx->lang),
                                NULL);
        fb_html_raw(w, "</li>\n");
    }
    fb_html_raw(w, "</ul>\n");
}

/* Writes one content block; see render.h. */
void
fb_render_block(struct fb_html *w, const struct fb_render_ctx *ctx,
                const struct fb_block_desc *b)
{
    const char *text = fb_i18n_get(&b->text, ctx->lang);

    if (!fb_render_block_shown(ctx, b))
        return;
    switch (b->kind) {
    case FB_BLOCK_PARAGRAPH:
        fb_render_content_prose(w, ctx, text, "govuk-body");
        break;
    case FB_BLOCK_INSET:
        fb_html_raw(w, "<div class=\"govuk-inset-text\">\n");
        fb_render_content_prose(w, ctx, text, "govuk-body");
        fb_html_raw(w, "</div>\n");
        break;
    case FB_BLOCK_WARNING:
        /* The "!" icon is decoration; the hidden word says what it is. */
        fb_html_raw(w, "<div class=\"govuk-warning-text\">\n"
                       "<span class=\"govuk-warning-text__icon\" "
                       "aria-hidden=\"true\">!</span>\n"
                       "<strong class=\"govuk-warning-text__text\">"
                       "<span class=\"govuk-visually-hidden\">");
        fb_html_text(w, fb_msg_text(FB_MSG_WARNING, ctx->lang));
        fb_html_raw(w, "</span> ");
        fb_render_content_prose(w, ctx, text, NULL);
        fb_html_raw(w, "</strong>\n</div>\n");
        break;
    case FB_BLOCK_DETAILS:
        /* Native <details>: opens with no script at all. */
        fb_html_raw(w, "<details class=\"govuk-details\">\n"
                       "<summary class=\"govuk-details__summary\">"
                       "<span class=\"govuk-details__summary-text\">");
        fb_render_content_text(w, ctx, fb_i18n_get(&b->summary, ctx->lang));
        fb_html_raw(w, "</span></summary>\n"
                       "<div class=\"govuk-details__text\">\n");
        fb_render_content_prose(w, ctx, text, "govuk-body");
        fb_html_raw(w, "</div>\n</details>\n");
        break;
    case FB_BLOCK_LIST:
        list_block(w, ctx, b);
        break;
    }
}

/* Writes a whole page from the tables; see render.h. */
void
fb_render_page(struct fb_html *w, const struct fb_render_ctx *ctx)
{
    const struct fb_page_desc *p = ctx->page;

    fb_render_page_open(w, ctx);
    for (size_t i = 0; p && i < p->n_items; i++) {
        if (p->items[i].block)
            fb_render_block(w, ctx, p->items[i].block);
        else
            fb_render_question(w, ctx, p->items[i].question);
    }
    fb_render_page_close(w, ctx);
}
