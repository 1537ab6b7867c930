/* SPDX-License-Identifier: MIT */
/*
 * The steps of an address found by postcode (render.h's
 * fb_address_view), in GOV.UK Design System markup that needs no
 * script: a postcode with a Find address button, then a select of the
 * addresses found with "I cannot find my address in the list", else the
 * address typed in, with a notice when the lookup failed.
 */
#include "render-priv.h"

#include <stdio.h>

#include "formbuilder/errors.h"
#include "formbuilder/qtype.h"

typedef struct fb_question_render qs_t;

static const struct fb_address_view *
view_of(const qs_t *s)
{
    const struct fb_address_view *v = s->ctx->address_view;
    return v && v->q == s->q ? v : NULL;
}

/* The id of one of the question's controls: "ID-SUFFIX". */
static void
control_id(const qs_t *s, const char *suffix)
{
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "-");
    fb_html_raw(s->w, suffix);
}

static void
link(const qs_t *s, const char *href, enum fb_msg text)
{
    if (!href)
        return;
    fb_html_raw(s->w, "<p class=\"govuk-body\"><a class=\"govuk-link\" "
                      "href=\"");
    fb_html_attr(s->w, href);
    fb_html_raw(s->w, "\">");
    fb_html_text(s->w, fb_msg_text(text, s->ctx->lang));
    fb_html_raw(s->w, "</a></p>\n");
}

/* The control's own aria-describedby: the question's error, if any. */
static void
described_by_error(const qs_t *s)
{
    if (!s->err)
        return;
    fb_html_raw(s->w, " aria-describedby=\"");
    control_id(s, "error");
    fb_html_raw(s->w, "\"");
}

static void
find_step(const qs_t *s, const struct fb_address_view *v)
{
    char name[256];
    snprintf(name, sizeof name, "%s-" FB_ADDRESS_FIND_SUFFIX, s->q->id);
    const char *value =
        s->ctx->answers ? fb_answers_get(s->ctx->answers, name) : NULL;

    fb_render_fieldset_question_open(s, NULL);
    fb_html_raw(s->w, "<div class=\"govuk-form-group\">\n"
                      "<label class=\"govuk-label\" for=\"");
    control_id(s, FB_ADDRESS_FIND_SUFFIX);
    fb_html_raw(s->w, "\">");
    fb_html_text(s->w, fb_msg_text(FB_MSG_ADDRESS_FIND_LABEL, s->ctx->lang));
    fb_html_raw(s->w, "</label>\n<input class=\"govuk-input "
                      "govuk-input--width-10");
    if (s->err)
        fb_html_raw(s->w, " govuk-input--error");
    fb_html_raw(s->w, "\" id=\"");
    control_id(s, FB_ADDRESS_FIND_SUFFIX);
    fb_html_raw(s->w, "\" name=\"");
    control_id(s, FB_ADDRESS_FIND_SUFFIX);
    fb_html_raw(s->w, "\" type=\"text\" autocomplete=\"postal-code\" "
                      "spellcheck=\"false\"");
    if (value) {
        fb_html_raw(s->w, " value=\"");
        fb_html_attr(s->w, value);
        fb_html_raw(s->w, "\"");
    }
    described_by_error(s);
    fb_html_raw(s->w, ">\n</div>\n<button type=\"submit\" "
                      "class=\"govuk-button govuk-button--secondary\" "
                      "data-module=\"govuk-button\">");
    fb_html_text(s->w, fb_msg_text(FB_MSG_ADDRESS_FIND_BUTTON, s->ctx->lang));
    fb_html_raw(s->w, "</button>\n");
    link(s, v->typed_href, FB_MSG_ADDRESS_MANUAL_LINK);
    fb_html_raw(s->w, "</fieldset>\n</div>\n");
}

static void
choose_step(const qs_t *s, const struct fb_address_view *v)
{
    char found[256];
    struct fb_msg_args args = {.count = (long)v->n_choices,
                               .text = v->postcode};

    fb_render_fieldset_question_open(s, NULL);
    fb_html_raw(s->w, "<p class=\"govuk-body\">");
    fb_html_text(s->w, fb_msg_format(found, sizeof found,
                                     FB_MSG_ADDRESS_FOUND, &args,
                                     s->ctx->lang));
    fb_html_raw(s->w, "</p>\n");
    link(s, v->find_href, FB_MSG_ADDRESS_CHANGE_POSTCODE);
    /* The postcode searched goes back with the choice, so the server
     * finds the chosen address in the same answer. */
    fb_html_raw(s->w, "<input type=\"hidden\" name=\"");
    control_id(s, FB_ADDRESS_FIND_SUFFIX);
    fb_html_raw(s->w, "\" value=\"");
    fb_html_attr(s->w, v->postcode);
    fb_html_raw(s->w, "\">\n<div class=\"govuk-form-group\">\n"
                      "<label class=\"govuk-label\" for=\"");
    control_id(s, FB_UPRN_SUFFIX);
    fb_html_raw(s->w, "\">");
    fb_html_text(s->w,
                 fb_msg_text(FB_MSG_ADDRESS_SELECT_LABEL, s->ctx->lang));
    fb_html_raw(s->w, "</label>\n<select class=\"govuk-select");
    if (s->err)
        fb_html_raw(s->w, " govuk-select--error");
    fb_html_raw(s->w, "\" id=\"");
    control_id(s, FB_UPRN_SUFFIX);
    fb_html_raw(s->w, "\" name=\"");
    control_id(s, FB_UPRN_SUFFIX);
    fb_html_raw(s->w, "\"");
    described_by_error(s);
    fb_html_raw(s->w, ">\n<option value=\"\">");
    fb_html_text(s->w,
                 fb_msg_text(FB_MSG_ADDRESS_SELECT_PROMPT, s->ctx->lang));
    fb_html_raw(s->w, "</option>\n");
    for (size_t i = 0; i < v->n_choices; i++) {
        fb_html_raw(s->w, "<option value=\"");
        fb_html_attr(s->w, v->choices[i].uprn);
        fb_html_raw(s->w, "\">");
        fb_html_text(s->w, v->choices[i].label);
        fb_html_raw(s->w, "</option>\n");
    }
    fb_html_raw(s->w, "</select>\n</div>\n");
    link(s, v->typed_href, FB_MSG_ADDRESS_NOT_LISTED);
    fb_html_raw(s->w, "</fieldset>\n</div>\n");
}

bool
fb_render_address_step(const qs_t *s)
{
    const struct fb_address_view *v = view_of(s);

    if (!v)
        return false;
    switch (v->step) {
    case FB_ADDRESS_STEP_FIND:
        find_step(s, v);
        return true;
    case FB_ADDRESS_STEP_CHOOSE:
        choose_step(s, v);
        return true;
    case FB_ADDRESS_STEP_TYPED:
        break;
    }
    if (v->unavailable) {
        fb_html_raw(s->w, "<div class=\"govuk-inset-text\">");
        fb_html_text(s->w,
                     fb_msg_text(FB_MSG_ADDRESS_UNAVAILABLE, s->ctx->lang));
        fb_html_raw(s->w, "</div>\n");
    }
    return false;
}

void
fb_render_address_find_link(const qs_t *s)
{
    const struct fb_address_view *v = view_of(s);
    char name[256];
    const char *uprn;

    if (!v)
        return;
    /* An address chosen from the list and shown again keeps its UPRN
     * while its parts are sent back as they were (the server checks). */
    snprintf(name, sizeof name, "%s-" FB_UPRN_SUFFIX, s->q->id);
    uprn = s->ctx->answers ? fb_answers_get(s->ctx->answers, name) : NULL;
    if (uprn) {
        fb_html_raw(s->w, "<input type=\"hidden\" name=\"");
        fb_html_attr(s->w, name);
        fb_html_raw(s->w, "\" value=\"");
        fb_html_attr(s->w, uprn);
        fb_html_raw(s->w, "\">\n");
    }
    link(s, v->find_href, FB_MSG_ADDRESS_FIND_AGAIN);
}
