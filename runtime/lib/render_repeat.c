/* SPDX-License-Identifier: MIT */
/*
 * The pages of a repeating group (GOV.UK "add another" pattern): the
 * summary of the items added, the confirmation before removing one, and
 * the group's rows on check your answers. Every sentence is the message
 * catalogue's, with the group's item label as {object}.
 */
#include "formbuilder/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/repeat.h"
#include "render-priv.h"

/* The item label for @p count items: singular for one, else plural. */
static const struct fb_i18n *
label_for(const struct fb_repeat_desc *r, size_t count)
{
    return count == 1 ? &r->item_one : &r->item_other;
}

static const char *
say(char *buf, size_t cap, const struct fb_render_ctx *ctx, enum fb_msg m,
    const struct fb_i18n *noun, size_t count)
{
    struct fb_msg_args a = {.noun = noun, .count = (long)count};
    return fb_msg_format(buf, cap, m, &a, ctx->lang);
}

/* @returns the question of @p p with the @p n characters at @p id. */
static const struct fb_question_desc *
group_question(const struct fb_page_desc *p, const char *id, size_t n)
{
    for (size_t i = 0; i < p->n_questions; i++)
        if (strlen(p->questions[i]->id) == n
            && strncmp(p->questions[i]->id, id, n) == 0)
            return p->questions[i];
    return NULL;
}

/* @returns true when @p item has an answer to question @p id, whole or
 * in parts ("name.first"). */
static bool
has_answer(const struct fb_answers *item, const char *id)
{
    size_t n = strlen(id);
    const char *name, *value;
    for (size_t i = 0; fb_answers_at(item, i, &name, &value); i++)
        if (strncmp(name, id, n) == 0 && (!name[n] || name[n] == '.')
            && value[0])
            return true;
    return false;
}

/* The line standing for an item whose answers (no prefix) are @p item:
 * the group's summary with its {placeholders} answered, else the answers
 * given, joined by ", ". */
static void
item_line(struct fb_html *w, const struct fb_render_ctx *ctx,
          const struct fb_page_desc *p, const struct fb_answers *item)
{
    const char *t = fb_i18n_get(&p->repeat->summary, ctx->lang);
    if (!t[0]) {
        bool any = false;
        for (size_t i = 0; i < p->n_questions; i++) {
            const struct fb_question_desc *q = p->questions[i];
            if (!has_answer(item, q->id))
                continue;
            if (any)
                fb_html_raw(w, ", ");
            fb_render_answer(w, ctx, item, q, true);
            any = true;
        }
        return;
    }
    while (*t) {
        const char *open = strchr(t, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        const struct fb_question_desc *q =
            close ? group_question(p, open + 1, (size_t)(close - open - 1))
                  : NULL;
        size_t n = q ? (size_t)(open - t) : strlen(t);
        char *lit = malloc(n + 1);
        if (!lit) {
            w->failed = true;
            return;
        }
        memcpy(lit, t, n);
        lit[n] = '\0';
        fb_html_text(w, lit);
        free(lit);
        if (!q)
            return;
        fb_render_answer(w, ctx, item, q, true);
        t = close + 1;
    }
}

/* A link under /SLUG/PAGE/N[/tail]. */
static void
item_href(struct fb_html *w, const struct fb_render_ctx *ctx,
          const struct fb_page_desc *p, size_t i, const char *tail)
{
    fb_html_attr(w, ctx->form_href ? ctx->form_href : "");
    fb_html_url_segment(w, p->id);
    fb_html_rawf(w, "/%zu%s", i, tail);
}

/* One item's summary-list row; @p remove adds its Remove link. Link
 * text names the item for screen readers (WCAG 2.4.4). */
static void
item_row(struct fb_html *w, const struct fb_render_ctx *ctx,
         const struct fb_page_desc *p, const struct fb_answers *all,
         size_t i, bool remove)
{
    char key[256];
    say(key, sizeof key, ctx, FB_MSG_REPEAT_ITEM, &p->repeat->item_one,
        i + 1);
    struct fb_answers *item = fb_answers_new();
    if (!item || fb_repeat_item(p, all, i, item) != 0) {
        fb_answers_free(item);
        w->failed = true;
        return;
    }
    fb_html_raw(w, "<div class=\"govuk-summary-list__row\">\n"
                   "<dt class=\"govuk-summary-list__key\">");
    fb_html_text(w, key);
    fb_html_raw(w, "</dt>\n<dd class=\"govuk-summary-list__value\">");
    item_line(w, ctx, p, item);
    fb_html_raw(w, "</dd>\n<dd class=\"govuk-summary-list__actions\">\n"
                   "<ul class=\"govuk-summary-list__actions-list\">\n"
                   "<li class=\"govuk-summary-list__actions-list-item\">"
                   "<a class=\"govuk-link\" href=\"");
    item_href(w, ctx, p, i, remove ? "" : "?change=1");
    fb_html_raw(w, "\">");
    fb_html_text(w, fb_msg_text(FB_MSG_CHANGE, ctx->lang));
    fb_html_raw(w, "<span class=\"govuk-visually-hidden\"> ");
    fb_html_text(w, key);
    fb_html_raw(w, "</span></a></li>\n");
    if (remove) {
        fb_html_raw(w, "<li class=\"govuk-summary-list__actions-list-item\">"
                       "<a class=\"govuk-link\" href=\"");
        item_href(w, ctx, p, i, "/remove");
        fb_html_raw(w, "\">");
        fb_html_text(w, fb_msg_text(FB_MSG_REPEAT_REMOVE, ctx->lang));
        fb_html_raw(w, "<span class=\"govuk-visually-hidden\"> ");
        fb_html_text(w, key);
        fb_html_raw(w, "</span></a></li>\n");
    }
    fb_html_raw(w, "</ul>\n</dd>\n</div>\n");
    fb_answers_free(item);
}

/* The first error of @p field, or NULL. */
static const struct fb_error *
field_error(const struct fb_render_ctx *ctx, const char *field)
{
    size_t n = ctx->errors ? fb_errors_count(ctx->errors) : 0;
    for (size_t i = 0; i < n; i++) {
        const struct fb_error *e = fb_errors_at(ctx->errors, i);
        if (e->anchor && strcmp(e->anchor, field) == 0)
            return e;
    }
    return NULL;
}

/* GOV.UK inline yes/no radios named @p field (the first radio's id is
 * the field, which errors link to), the question as the legend: the
 * page's h1 with @p heading, else an m-sized legend. @p hint (or NULL)
 * says what the question is about. */
static void
yes_no(struct fb_html *w, const struct fb_render_ctx *ctx, const char *field,
       const char *legend, bool heading, const struct fb_page_desc *p,
       const struct fb_answers *hint_item)
{
    const struct fb_error *e = field_error(ctx, field);
    char message[1024];
    fb_html_rawf(w, "<div class=\"govuk-form-group%s\">\n"
                    "<fieldset class=\"govuk-fieldset\"",
                 e ? " govuk-form-group--error" : "");
    if (hint_item || e) {
        fb_html_raw(w, " aria-describedby=\"");
        if (hint_item)
            fb_html_rawf(w, "%s-hint%s", field, e ? " " : "");
        if (e)
            fb_html_rawf(w, "%s-error", field);
        fb_html_raw(w, "\"");
    }
    fb_html_rawf(w, ">\n<legend class=\"govuk-fieldset__legend "
                    "govuk-fieldset__legend--%s\">\n%s",
                 heading ? "l" : "m",
                 heading ? "<h1 class=\"govuk-fieldset__heading\">"
                         : "<h2 class=\"govuk-fieldset__heading\">");
    fb_html_text(w, legend);
    fb_html_rawf(w, "</h%d>\n</legend>\n", heading ? 1 : 2);
    if (hint_item) {
        fb_html_rawf(w, "<div id=\"%s-hint\" class=\"govuk-hint\">", field);
        item_line(w, ctx, p, hint_item);
        fb_html_raw(w, "</div>\n");
    }
    if (e) {
        fb_html_rawf(w, "<p id=\"%s-error\" class=\"govuk-error-message\">"
                        "<span class=\"govuk-visually-hidden\">",
                     field);
        fb_html_text(w, fb_msg_text(FB_MSG_ERROR_PREFIX, ctx->lang));
        fb_html_raw(w, "</span> ");
        fb_html_text(w, fb_error_message(e, ctx->lang, message,
                                         sizeof message));
        fb_html_raw(w, "</p>\n");
    }
    fb_html_raw(w, "<div class=\"govuk-radios govuk-radios--inline\" "
                   "data-module=\"govuk-radios\">\n");
    for (int i = 0; i < 2; i++) {
        fb_html_rawf(w, "<div class=\"govuk-radios__item\">"
                        "<input class=\"govuk-radios__input\" id=\"%s%s\" "
                        "name=\"%s\" type=\"radio\" value=\"%s\">"
                        "<label class=\"govuk-label govuk-radios__label\" "
                        "for=\"%s%s\">",
                     field, i ? "-no" : "", field, i ? FB_NO : FB_YES, field,
                     i ? "-no" : "");
        fb_html_text(w, fb_msg_text(i ? FB_MSG_NO : FB_MSG_YES, ctx->lang));
        fb_html_raw(w, "</label></div>\n");
    }
    fb_html_raw(w, "</div>\n</fieldset>\n</div>\n");
}

static void
continue_button(struct fb_html *w, const struct fb_render_ctx *ctx)
{
    fb_html_raw(w, "<button type=\"submit\" class=\"govuk-button\">");
    fb_html_text(w, fb_form_text(ctx->form, FB_TEXT_CONTINUE, ctx->lang));
    fb_html_raw(w, "</button>\n</form>\n");
}

/* Opens a page of the group titled @p title, with its error summary. */
static void
page_open(struct fb_html *w, const struct fb_render_ctx *ctx,
          const char *title)
{
    bool errors = fb_render_has_errors(ctx);
    fb_render_doc_open(w, ctx->lang, errors, title,
                       fb_i18n_get(&ctx->form->title, ctx->lang),
                       ctx->assets_href, ctx->form_href, ctx->back_href,
                       &ctx->lang_link);
    if (errors)
        fb_render_error_summary(w, ctx);
}

void
fb_render_repeat_summary(struct fb_html *w, const struct fb_render_ctx *ctx,
                         size_t n)
{
    const struct fb_page_desc *p = ctx->page;
    const struct fb_repeat_desc *r = p->repeat;
    char heading[512], ask[512];
    if (n)
        say(heading, sizeof heading, ctx, FB_MSG_REPEAT_ADDED,
            label_for(r, n), n);
    else
        say(heading, sizeof heading, ctx, FB_MSG_REPEAT_NONE,
            &r->item_other, 0);
    page_open(w, ctx, heading);
    fb_html_raw(w, "<h1 class=\"govuk-heading-l\">");
    fb_html_text(w, heading);
    fb_html_raw(w, "</h1>\n");
    if (n) {
        fb_html_raw(w, "<dl class=\"govuk-summary-list\" "
                       "id=\"" FB_REPEAT_ITEMS_ID "\">\n");
        for (size_t i = 0; i < n; i++)
            item_row(w, ctx, p, ctx->summary, i, true);
        fb_html_raw(w, "</dl>\n");
    }
    fb_render_form_open(w, ctx);
    if (n < r->max) {
        if (n)
            say(ask, sizeof ask, ctx, FB_MSG_REPEAT_ASK_ANOTHER,
                &r->item_one, 1);
        else
            say(ask, sizeof ask, ctx, FB_MSG_REPEAT_ASK_FIRST,
                &r->item_other, 0);
        yes_no(w, ctx, FB_REPEAT_ADD_FIELD, ask, false, p, NULL);
    } else {
        fb_html_raw(w, "<div class=\"govuk-inset-text\">");
        fb_html_text(w, say(ask, sizeof ask, ctx, FB_MSG_REPEAT_FULL,
                            &r->item_other, r->max));
        fb_html_raw(w, "</div>\n");
    }
    continue_button(w, ctx);
    fb_render_doc_close(w, ctx->lang);
}

void
fb_render_repeat_remove(struct fb_html *w, const struct fb_render_ctx *ctx,
                        size_t item)
{
    const struct fb_page_desc *p = ctx->page;
    char ask[512];
    say(ask, sizeof ask, ctx, FB_MSG_REPEAT_REMOVE_ASK, &p->repeat->item_one,
        item + 1);
    page_open(w, ctx, ask);
    fb_render_form_open(w, ctx);
    yes_no(w, ctx, FB_REPEAT_REMOVE_FIELD, ask, true, p, ctx->summary);
    continue_button(w, ctx);
    fb_render_doc_close(w, ctx->lang);
}

void
fb_render_repeat_rows(struct fb_html *w, const struct fb_render_ctx *ctx,
                      const struct fb_page_desc *p)
{
    const struct fb_answers *all = ctx->known ? ctx->known : ctx->summary;
    size_t n = all ? fb_repeat_count(p, all) : 0;
    char value[512];
    if (n)
        say(value, sizeof value, ctx, FB_MSG_REPEAT_ADDED,
            label_for(p->repeat, n), n);
    else
        say(value, sizeof value, ctx, FB_MSG_REPEAT_NONE,
            &p->repeat->item_other, 0);
    const char *key = fb_i18n_get(&p->title, ctx->lang);
    fb_html_raw(w, "<div class=\"govuk-summary-list__row\">\n"
                   "<dt class=\"govuk-summary-list__key\">");
    fb_html_text(w, key);
    fb_html_raw(w, "</dt>\n<dd class=\"govuk-summary-list__value\">");
    fb_html_text(w, value);
    fb_html_raw(w, "</dd>\n<dd class=\"govuk-summary-list__actions\">"
                   "<a class=\"govuk-link\" href=\"");
    fb_html_attr(w, ctx->form_href ? ctx->form_href : "");
    fb_html_url_segment(w, p->id);
    fb_html_raw(w, "?change=1\">");
    fb_html_text(w, fb_msg_text(FB_MSG_CHANGE, ctx->lang));
    fb_html_raw(w, "<span class=\"govuk-visually-hidden\"> ");
    fb_html_text(w, key);
    fb_html_raw(w, "</span></a></dd>\n</div>\n");
    for (size_t i = 0; i < n; i++)
        item_row(w, ctx, p, ctx->summary, i, false);
}
