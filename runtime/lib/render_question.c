/* SPDX-License-Identifier: MIT */
/*
 * One question in GOV.UK Design System markup: text inputs, textarea,
 * select, radios and checkboxes (follow-ups always shown inside the
 * option's conditional container, as there is no script), date input,
 * address and declaration. Values come back from the raw answers, and every
 * value and label goes through the HTML writer's escaping.
 */
#include "formbuilder/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/filetype.h"
#include "formbuilder/qtype.h"
#include "render-priv.h"

/* The state of one question while it is written (render-priv.h). */
typedef struct fb_question_render qs_t;

/* Input attributes of the single-line types. */
struct input_kind {
    const char *type;
    const char *autocomplete; /* default token, or NULL */
    const char *inputmode;
    const char *width;        /* govuk-input--width-N, or NULL */
    bool no_spellcheck;
};

static void question(struct fb_html *w, const struct fb_render_ctx *ctx,
                     const struct fb_question_desc *q, bool followup);

static const char *
raw_value(const qs_t *s, const char *name)
{
    return s->ctx->answers ? fb_answers_get(s->ctx->answers, name) : NULL;
}

static bool
has_hint(const qs_t *s)
{
    return fb_i18n_present(&s->q->hint);
}

/* Writes ` aria-describedby="q-hint q-error"` (either part optional).
 * WCAG 1.3.1, 3.3.2: hint and message are read with the control. */
static void
described_by(const qs_t *s, const char *extra)
{
    bool any = false;

    if (!has_hint(s) && !s->err && !extra)
        return;
    fb_html_raw(s->w, " aria-describedby=\"");
    if (extra) {
        fb_html_attr(s->w, extra);
        any = true;
    }
    if (has_hint(s)) {
        fb_html_rawf(s->w, "%s", any ? " " : "");
        fb_html_attr(s->w, s->q->id);
        fb_html_raw(s->w, "-hint");
        any = true;
    }
    if (s->err) {
        fb_html_rawf(s->w, "%s", any ? " " : "");
        fb_html_attr(s->w, s->q->id);
        fb_html_raw(s->w, "-error");
    }
    fb_html_raw(s->w, "\"");
}

static void
hint_and_error(const qs_t *s)
{
    char message[1024];

    if (has_hint(s)) {
        fb_html_raw(s->w, "<div id=\"");
        fb_html_attr(s->w, s->q->id);
        fb_html_raw(s->w, "-hint\" class=\"govuk-hint\">");
        fb_render_prose(s->w, fb_i18n_get(&s->q->hint, s->ctx->lang), NULL);
        fb_html_raw(s->w, "</div>\n");
    }
    if (s->err) {
        /* WCAG 3.3.1: the message says "Error:" to screen readers too. */
        fb_html_raw(s->w, "<p id=\"");
        fb_html_attr(s->w, s->q->id);
        fb_html_raw(s->w, "-error\" class=\"govuk-error-message\">"
                          "<span class=\"govuk-visually-hidden\">");
        fb_html_text(s->w, fb_msg_text(FB_MSG_ERROR_PREFIX, s->ctx->lang));
        fb_html_raw(s->w, "</span> ");
        fb_html_text(s->w, fb_error_message(s->err, s->ctx->lang, message,
                                            sizeof message));
        fb_html_raw(s->w, "</p>\n");
    }
}

static void
label_text(const qs_t *s)
{
    fb_render_i18n(s->w, &s->q->label, s->ctx->lang);
    if (!s->q->required) {
        fb_html_raw(s->w, " ");
        fb_html_text(s->w, fb_msg_text(FB_MSG_OPTIONAL, s->ctx->lang));
    }
}

static void
group_open(const qs_t *s)
{
    fb_html_raw(s->w, s->err ? "<div class=\"govuk-form-group "
                               "govuk-form-group--error\">\n"
                             : "<div class=\"govuk-form-group\">\n");
}

/* A label for the control with id @p s->q->id, as the h1 when the
 * question is the page heading (GOV.UK "label as page heading"). */
static void
label(const qs_t *s)
{
    if (s->heading)
        fb_html_raw(s->w, "<h1 class=\"govuk-label-wrapper\">"
                          "<label class=\"govuk-label govuk-label--l\" "
                          "for=\"");
    else if (s->followup)
        fb_html_raw(s->w, "<label class=\"govuk-label\" for=\"");
    else
        fb_html_raw(s->w, "<label class=\"govuk-label govuk-label--s\" "
                          "for=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\">");
    label_text(s);
    fb_html_raw(s->w, s->heading ? "</label></h1>\n" : "</label>\n");
}

/* Opens a fieldset whose legend is the question (WCAG 1.3.1: grouped
 * controls have a group name). */
static void
fieldset_open_described(const qs_t *s, const char *extra)
{
    fb_html_raw(s->w, "<fieldset class=\"govuk-fieldset\"");
    described_by(s, extra);
    if (s->heading)
        fb_html_raw(s->w, ">\n<legend class=\"govuk-fieldset__legend "
                          "govuk-fieldset__legend--l\">"
                          "<h1 class=\"govuk-fieldset__heading\">");
    else if (s->followup)
        fb_html_raw(s->w, ">\n<legend class=\"govuk-fieldset__legend\">");
    else
        fb_html_raw(s->w, ">\n<legend class=\"govuk-fieldset__legend "
                          "govuk-fieldset__legend--s\">");
    label_text(s);
    fb_html_raw(s->w, s->heading ? "</h1></legend>\n" : "</legend>\n");
}

static void
fieldset_open(const qs_t *s)
{
    fieldset_open_described(s, NULL);
}

/* Opens a question of grouped controls; see render-priv.h. */
void
fb_render_fieldset_question_open(const qs_t *s, const char *described)
{
    group_open(s);
    fieldset_open_described(s, described);
    hint_and_error(s);
}

/* The width class for an input holding up to @p max characters. */
static const char *
width_for(long max)
{
    static const struct {
        long max;
        const char *cls;
    } widths[] = {
        {2, "govuk-input--width-2"},   {3, "govuk-input--width-3"},
        {4, "govuk-input--width-4"},   {5, "govuk-input--width-5"},
        {10, "govuk-input--width-10"}, {20, "govuk-input--width-20"},
        {30, "govuk-input--width-30"},
    };

    if (max <= 0)
        return NULL;
    for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
        if (max <= widths[i].max)
            return widths[i].cls;
    return NULL;
}

/* Writes "<input" and its attributes, all but aria-describedby, for the
 * input named and identified @p name. @p error adds the error class. */
static void
input_open(const qs_t *s, const char *name, const struct input_kind *k,
           const char *extra_class, const char *autocomplete, bool error)
{
    const char *value = raw_value(s, name);

    fb_html_raw(s->w, "<input class=\"govuk-input");
    if (extra_class)
        fb_html_rawf(s->w, " %s", extra_class);
    if (k->width)
        fb_html_rawf(s->w, " %s", k->width);
    if (error)
        fb_html_raw(s->w, " govuk-input--error");
    fb_html_raw(s->w, "\" id=\"");
    fb_html_attr(s->w, name);
    fb_html_raw(s->w, "\" name=\"");
    fb_html_attr(s->w, name);
    fb_html_rawf(s->w, "\" type=\"%s\"", k->type);
    /* WCAG 1.3.5 Identify Input Purpose. */
    if (autocomplete) {
        fb_html_raw(s->w, " autocomplete=\"");
        fb_html_attr(s->w, autocomplete);
        fb_html_raw(s->w, "\"");
    }
    if (k->no_spellcheck)
        fb_html_raw(s->w, " spellcheck=\"false\"");
    if (k->inputmode)
        fb_html_rawf(s->w, " inputmode=\"%s\"", k->inputmode);
    if (value) {
        fb_html_raw(s->w, " value=\"");
        fb_html_attr(s->w, value);
        fb_html_raw(s->w, "\"");
    }
}

/* One <input>; @p describe adds the question's aria-describedby. */
static void
input(const qs_t *s, const char *name, const struct input_kind *k,
      const char *extra_class, const char *autocomplete, bool error,
      bool describe)
{
    input_open(s, name, k, extra_class, autocomplete, error);
    if (describe)
        described_by(s, NULL);
    fb_html_raw(s->w, ">\n");
}

/* One <input> of a part, described by its own error @p error_id if any. */
static void
input_described(const qs_t *s, const char *name, const struct input_kind *k,
                const char *autocomplete, bool error, const char *error_id)
{
    input_open(s, name, k, NULL, autocomplete, error);
    if (error_id) {
        fb_html_raw(s->w, " aria-describedby=\"");
        fb_html_attr(s->w, error_id);
        fb_html_raw(s->w, "\"");
    }
    fb_html_raw(s->w, ">\n");
}

/* The input's width: the type's, else sized by max_length. */
static const char *
input_width(const struct fb_question_desc *q)
{
    const char *w = width_for(q->max_length);
    switch (q->type) {
    case FB_Q_PHONE:
    case FB_Q_SLOT:
        return "govuk-input--width-20";
    case FB_Q_POSTCODE:
    case FB_Q_NI_NUMBER: /* GOV.UK National Insurance number pattern */
    case FB_Q_TIME:
        return "govuk-input--width-10";
    case FB_Q_MONEY: /* GOV.UK prefix pattern: a short box after the "£" */
    case FB_Q_NUMBER:
        return w ? w : "govuk-input--width-10";
    default:
        return w;
    }
}

/* A single-line input, its attributes from the type table. */
void
fb_render_input(const qs_t *s)
{
    const struct fb_qtype_info *t = fb_qtype(s->q->type);
    struct input_kind k = {t->input_type ? t->input_type : "text",
                           t->autocomplete, t->inputmode,
                           input_width(s->q), t->no_spellcheck};

    if (s->q->type == FB_Q_NUMBER && s->q->integer)
        k.inputmode = "numeric";
    group_open(s);
    label(s);
    hint_and_error(s);
    /* GOV.UK prefix ("£"): shown, but not read out twice. */
    if (t->prefix) {
        fb_html_raw(s->w, "<div class=\"govuk-input__wrapper\">"
                          "<div class=\"govuk-input__prefix\" "
                          "aria-hidden=\"true\">");
        fb_html_text(s->w, t->prefix);
        fb_html_raw(s->w, "</div>\n");
    }
    input(s, s->q->id, &k, NULL,
          s->q->autocomplete ? s->q->autocomplete : k.autocomplete,
          s->err != NULL, true);
    if (t->prefix)
        fb_html_raw(s->w, "</div>\n");
    fb_html_raw(s->w, "</div>\n");
}

/* A choice from a long list: a text input offering the list's labels
 * through a <datalist> (no script needed; the reader accepts only listed
 * values), or a plain select when the author asks for one. */
void
fb_render_listed(const qs_t *s)
{
    const char *value = raw_value(s, s->q->id);

    if (s->q->display_select) {
        fb_render_select(s);
        return;
    }
    group_open(s);
    label(s);
    hint_and_error(s);
    fb_html_raw(s->w, s->err ? "<input class=\"govuk-input "
                               "govuk-input--error\""
                             : "<input class=\"govuk-input\"");
    fb_html_raw(s->w, " id=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\" name=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\" type=\"text\" list=\"");
    fb_html_attr(s->w, s->q->id);
    /* The browser's own suggestions would hide the list's, unless the
     * author says what the answer is (country-name: WCAG 1.3.5). */
    fb_html_raw(s->w, "-list\" autocomplete=\"");
    fb_html_attr(s->w, s->q->autocomplete ? s->q->autocomplete : "off");
    fb_html_raw(s->w, "\"");
    if (value) {
        fb_html_raw(s->w, " value=\"");
        fb_html_attr(s->w, value);
        fb_html_raw(s->w, "\"");
    }
    described_by(s, NULL);
    fb_html_raw(s->w, ">\n<datalist id=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "-list\">\n");
    for (size_t i = 0; i < s->q->n_options; i++) {
        fb_html_raw(s->w, "<option value=\"");
        fb_html_attr(s->w, fb_i18n_get(&s->q->options[i].label,
                                       s->ctx->lang));
        fb_html_raw(s->w, "\">\n");
    }
    fb_html_raw(s->w, "</datalist>\n</div>\n");
}

void
fb_render_textarea(const qs_t *s)
{
    const char *value = raw_value(s, s->q->id);

    group_open(s);
    label(s);
    hint_and_error(s);
    fb_html_raw(s->w, s->err ? "<textarea class=\"govuk-textarea "
                               "govuk-textarea--error\""
                             : "<textarea class=\"govuk-textarea\"");
    fb_html_raw(s->w, " id=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\" name=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\" rows=\"5\"");
    if (s->q->autocomplete) {
        fb_html_raw(s->w, " autocomplete=\"");
        fb_html_attr(s->w, s->q->autocomplete);
        fb_html_raw(s->w, "\"");
    }
    described_by(s, NULL);
    /* The newline keeps a value's own leading newline: parsers drop one. */
    fb_html_raw(s->w, ">\n");
    fb_html_text(s->w, value);
    fb_html_raw(s->w, "</textarea>\n</div>\n");
}

void
fb_render_select(const qs_t *s)
{
    const char *value = raw_value(s, s->q->id);
    enum fb_lang lang = s->ctx->lang;

    group_open(s);
    label(s);
    hint_and_error(s);
    fb_html_raw(s->w, s->err ? "<select class=\"govuk-select "
                               "govuk-select--error\""
                             : "<select class=\"govuk-select\"");
    fb_html_raw(s->w, " id=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\" name=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\"");
    described_by(s, NULL);
    fb_html_raw(s->w, ">\n<option value=\"\">");
    fb_html_text(s->w, fb_msg_text(FB_MSG_CHOOSE, lang));
    fb_html_raw(s->w, "</option>\n");
    for (size_t i = 0; i < s->q->n_options; i++) {
        const struct fb_option_desc *o = &s->q->options[i];
        fb_html_raw(s->w, "<option value=\"");
        fb_html_attr(s->w, o->value);
        fb_html_raw(s->w, "\"");
        if (value && strcmp(value, o->value) == 0)
            fb_html_raw(s->w, " selected");
        fb_html_raw(s->w, ">");
        fb_render_i18n(s->w, &o->label, lang);
        fb_html_raw(s->w, "</option>\n");
    }
    fb_html_raw(s->w, "</select>\n</div>\n");
}

/* Writes the id of option @p i: the question id for the first (so the
 * error summary's "#q" lands on it), "q-2", "q-3" ... after. */
static void
option_id(const qs_t *s, size_t i)
{
    fb_html_attr(s->w, s->q->id);
    if (i > 0)
        fb_html_rawf(s->w, "-%zu", i + 1);
}

static bool
option_chosen(const qs_t *s, const char *value, bool multiple)
{
    const char *v;

    if (!s->ctx->answers)
        return false;
    if (multiple)
        return fb_answers_has(s->ctx->answers, s->q->id, value);
    v = fb_answers_get(s->ctx->answers, s->q->id);
    return v && strcmp(v, value) == 0;
}

/*
 * One radio or checkbox with its label, hint and follow-ups. @p kind is
 * "radios" or "checkboxes" (the GOV.UK block name). The follow-ups stay
 * visible: without script nothing could reveal them.
 */
static void
choice_item(const qs_t *s, size_t i, const char *value,
            const char *text, const struct fb_option_desc *o,
            const char *kind)
{
    fb_render_choice_item(s, i, value, text,
                          o && fb_i18n_present(&o->hint)
                              ? fb_i18n_get(&o->hint, s->ctx->lang)
                              : NULL,
                          kind);
    if (o && o->n_reveal > 0) {
        fb_html_rawf(s->w, "<div class=\"govuk-%s__conditional\" "
                           "id=\"conditional-", kind);
        option_id(s, i);
        fb_html_raw(s->w, "\">\n");
        for (size_t k = 0; k < o->n_reveal; k++)
            question(s->w, s->ctx, o->reveal[k], true);
        fb_html_raw(s->w, "</div>\n");
    }
}

/* Writes one radio or checkbox; see render-priv.h. */
void
fb_render_choice_item(const qs_t *s, size_t i, const char *value,
                      const char *text, const char *hint_text,
                      const char *kind)
{
    bool hint = hint_text != NULL;

    fb_html_rawf(s->w, "<div class=\"govuk-%s__item\">\n"
                       "<input class=\"govuk-%s__input\" id=\"",
                 kind, kind);
    option_id(s, i);
    fb_html_raw(s->w, "\" name=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_rawf(s->w, "\" type=\"%s\" value=\"",
                 kind[0] == 'r' ? "radio" : "checkbox");
    fb_html_attr(s->w, value);
    fb_html_raw(s->w, "\"");
    if (option_chosen(s, value, kind[0] == 'c'))
        fb_html_raw(s->w, " checked");
    if (hint) {
        fb_html_raw(s->w, " aria-describedby=\"");
        option_id(s, i);
        fb_html_raw(s->w, "-item-hint\"");
    }
    fb_html_rawf(s->w, ">\n<label class=\"govuk-label govuk-%s__label\" "
                       "for=\"", kind);
    option_id(s, i);
    fb_html_raw(s->w, "\">");
    fb_html_text(s->w, text);
    fb_html_raw(s->w, "</label>\n");
    if (hint) {
        fb_html_raw(s->w, "<div id=\"");
        option_id(s, i);
        fb_html_rawf(s->w, "-item-hint\" class=\"govuk-hint govuk-%s__hint\">",
                     kind);
        fb_render_prose(s->w, hint_text, NULL);
        fb_html_raw(s->w, "</div>\n");
    }
    fb_html_raw(s->w, "</div>\n");
}

static bool
any_reveal(const struct fb_question_desc *q)
{
    for (size_t i = 0; i < q->n_options; i++)
        if (q->options[i].n_reveal > 0)
            return true;
    return false;
}

/* Radios, checkboxes, yes/no and offered slots. */
static void
choices(const qs_t *s, const char *kind)
{
    enum fb_lang lang = s->ctx->lang;
    const struct fb_question_desc *q = s->q;
    bool yes_no = q->type == FB_Q_YES_NO;

    group_open(s);
    fieldset_open(s);
    hint_and_error(s);
    fb_html_rawf(s->w, "<div class=\"govuk-%s%s\">\n", kind,
                 yes_no && !any_reveal(q) ? " govuk-radios--inline" : "");
    if (yes_no && q->n_options == 0) {
        choice_item(s, 0, FB_YES, fb_msg_text(FB_MSG_YES, lang), NULL, kind);
        choice_item(s, 1, FB_NO, fb_msg_text(FB_MSG_NO, lang), NULL, kind);
    }
    for (size_t i = 0; i < q->n_options; i++) {
        const struct fb_option_desc *o = &q->options[i];
        const char *text = fb_i18n_get(&o->label, lang);
        if (!text[0] && yes_no)
            text = fb_msg_text(strcmp(o->value, FB_YES) == 0 ? FB_MSG_YES
                                                             : FB_MSG_NO,
                               lang);
        choice_item(s, i, o->value, text, o, kind);
    }
    fb_html_raw(s->w, "</div>\n</fieldset>\n</div>\n");
}

/* @returns true when part @p i of the question is in error: the error
 * names it, or names no part at all. */
static bool
part_in_error(const struct fb_error *err, size_t i)
{
    return err && (err->parts == 0 || (err->parts >> i) & 1u);
}

/* GOV.UK date input: three labelled boxes in a fieldset; "bday" on the
 * question becomes bday-day/-month/-year (WCAG 1.3.5). Only the boxes
 * in error are marked ("must include a year" marks the year). */
void
fb_render_date(const qs_t *s)
{
    const struct fb_qtype_info *t = fb_qtype(s->q->type);
    bool bday = s->q->autocomplete && strcmp(s->q->autocomplete, "bday") == 0;

    group_open(s);
    fieldset_open(s);
    hint_and_error(s);
    fb_html_raw(s->w, "<div class=\"govuk-date-input\">\n");
    for (size_t i = 0; i < t->n_parts; i++) {
        const struct fb_part_info *part = &t->parts[i];
        struct input_kind k = {"text", NULL, "numeric", part->width, false};
        char *name = fb_render_name(s->w, s->q->id, '-', part->suffix);
        char *ac = bday ? fb_render_name(s->w, "bday", '-', part->suffix)
                        : NULL;
        if (!name || (bday && !ac)) {
            free(name);
            free(ac);
            return;
        }
        fb_html_raw(s->w, "<div class=\"govuk-date-input__item\">\n"
                          "<div class=\"govuk-form-group\">\n"
                          "<label class=\"govuk-label "
                          "govuk-date-input__label\" for=\"");
        fb_html_attr(s->w, name);
        fb_html_raw(s->w, "\">");
        fb_html_text(s->w, fb_msg_text(part->label, s->ctx->lang));
        fb_html_raw(s->w, "</label>\n");
        input(s, name, &k, "govuk-date-input__input", ac,
              part_in_error(s->err, i), false);
        fb_html_raw(s->w, "</div>\n</div>\n");
        free(name);
        free(ac);
    }
    fb_html_raw(s->w, "</div>\n</fieldset>\n</div>\n");
}

/* The error message of one part, with the id its input points at. */
static void
part_error(const qs_t *s, const char *name, const struct fb_error *err)
{
    char message[1024];

    fb_html_raw(s->w, "<p id=\"");
    fb_html_attr(s->w, name);
    fb_html_raw(s->w, "-error\" class=\"govuk-error-message\">"
                      "<span class=\"govuk-visually-hidden\">");
    fb_html_text(s->w, fb_msg_text(FB_MSG_ERROR_PREFIX, s->ctx->lang));
    fb_html_raw(s->w, "</span> ");
    fb_html_text(s->w, fb_error_message(err, s->ctx->lang, message,
                                        sizeof message));
    fb_html_raw(s->w, "</p>\n");
}

/* A question in labelled parts in a fieldset (GOV.UK address pattern, a
 * name in parts). An error on one part sits in that part's group, linked
 * by its own aria-describedby, so every missing part is named where it
 * is; an error on the whole question is shown above them all. */
static void
parts(const qs_t *s)
{
    const struct fb_qtype_info *t = fb_qtype(s->q->type);
    const struct fb_errors *errs = s->ctx->errors;
    qs_t whole = *s;

    whole.err = errs ? fb_errors_find_part(errs, s->q->id, -1) : NULL;
    group_open(s);
    fieldset_open(&whole);
    hint_and_error(&whole);
    for (size_t i = 0; i < t->n_parts; i++) {
        const struct fb_part_info *part = &t->parts[i];
        if (t->parts_chosen && !((s->q->parts >> i) & 1u))
            continue;
        const struct fb_error *err =
            errs ? fb_errors_find_part(errs, s->q->id, (int)i) : NULL;
        /* Postcodes and names are not words to spell-check. */
        struct input_kind k = {"text", part->autocomplete, NULL, part->width,
                               t->parts_chosen || i + 1 == t->n_parts};
        char *name = fb_render_name(s->w, s->q->id, '-', part->suffix);
        char *error_id = err ? fb_render_name(s->w, name ? name : "", '-',
                                              "error") : NULL;
        if (!name || (err && !error_id)) {
            free(name);
            free(error_id);
            return;
        }
        fb_html_raw(s->w, err ? "<div class=\"govuk-form-group "
                                "govuk-form-group--error\">\n"
                              : "<div class=\"govuk-form-group\">\n");
        fb_html_raw(s->w, "<label class=\"govuk-label\" for=\"");
        fb_html_attr(s->w, name);
        fb_html_raw(s->w, "\">");
        fb_html_text(s->w, fb_msg_text(part->label, s->ctx->lang));
        fb_html_raw(s->w, "</label>\n");
        if (err)
            part_error(s, name, err);
        input_described(s, name, &k, part->autocomplete,
                        err != NULL || whole.err != NULL, error_id);
        fb_html_raw(s->w, "</div>\n");
        free(name);
        free(error_id);
    }
    fb_html_raw(s->w, "</fieldset>\n</div>\n");
}

void
fb_render_address(const qs_t *s)
{
    if (fb_render_address_step(s))
        return;
    parts(s);
    fb_render_address_find_link(s);
}

/* A name: one input, or its chosen parts (given and family names ...). */
void
fb_render_name_input(const qs_t *s)
{
    if (s->q->parts)
        parts(s);
    else
        fb_render_input(s);
}

/* A declaration: one box, ticked to agree, posting "confirmed". */
void
fb_render_declaration(const qs_t *s)
{
    group_open(s);
    hint_and_error(s);
    fb_html_raw(s->w, "<div class=\"govuk-checkboxes\">\n"
                      "<div class=\"govuk-checkboxes__item\">\n"
                      "<input class=\"govuk-checkboxes__input\" id=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\" name=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\" type=\"checkbox\" value=\"confirmed\"");
    if (option_chosen(s, FB_DECLARATION_VALUE, false))
        fb_html_raw(s->w, " checked");
    described_by(s, NULL);
    fb_html_raw(s->w, ">\n<label class=\"govuk-label "
                      "govuk-checkboxes__label\" for=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\">");
    label_text(s);
    fb_html_raw(s->w, "</label>\n</div>\n</div>\n</div>\n");
}

void
fb_render_radios(const qs_t *s)
{
    choices(s, "radios");
}

void
fb_render_checkboxes(const qs_t *s)
{
    choices(s, "checkboxes");
}

/* A slot: the calendar's offered times as radios, else typed in. */
void
fb_render_slot(const qs_t *s)
{
    if (s->q->n_options > 0)
        choices(s, "radios");
    else
        fb_render_input(s);
}

static void
question(struct fb_html *w, const struct fb_render_ctx *ctx,
         const struct fb_question_desc *q, bool followup)
{
    const struct fb_qtype_info *t = fb_qtype(q->type);
    qs_t s = {w, ctx, q, NULL, false, followup};

    if (!t || !fb_render_question_shown(ctx, q))
        return;
    if (ctx->errors)
        s.err = fb_errors_find(ctx->errors, q->id);
    s.heading = !followup && fb_render_heading_question(ctx) == q;
    t->render(&s);
}

/* Writes one top-level question; see render.h. */
void
fb_render_question(struct fb_html *w, const struct fb_render_ctx *ctx,
                   const struct fb_question_desc *q)
{
    /* A follow-up is written by the option that reveals it. */
    if (q->revealed_by)
        return;
    question(w, ctx, q, false);
}

/* ---- file questions ---- */

/* One uploaded file of the answer: its name, size and kind, and a
 * button that removes it (a submit button of the page's own form, so it
 * works without script; the server keeps the other files). */
static void
file_row(const qs_t *s, const struct fb_file_ref *ref)
{
    enum fb_lang lang = s->ctx->lang;
    char size[64];
    fb_html_raw(s->w, "<div class=\"govuk-summary-list__row\">\n"
                      "<dt class=\"govuk-summary-list__key\">");
    fb_html_text(s->w, ref->name);
    fb_html_raw(s->w, "</dt>\n<dd class=\"govuk-summary-list__value\">");
    if (ref->size >= 1024LL * 1024)
        snprintf(size, sizeof size, "%.1fMB", fb_file_megabytes(ref->size));
    else
        snprintf(size, sizeof size, "%lldKB",
                 (ref->size + 1023) / 1024);
    fb_html_text(s->w, fb_file_kind(ref->kind)->label);
    fb_html_raw(s->w, ", ");
    fb_html_text(s->w, size);
    fb_html_raw(s->w, "</dd>\n<dd class=\"govuk-summary-list__actions\">"
                      "<button type=\"submit\" class=\"govuk-button "
                      "govuk-button--secondary govuk-!-margin-bottom-0\" "
                      "data-module=\"govuk-button\" name=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, FB_FILE_REMOVE_SUFFIX "\" value=\"");
    fb_html_attr(s->w, ref->hash);
    fb_html_raw(s->w, "\">");
    fb_html_text(s->w, fb_msg_text(FB_MSG_FILE_REMOVE, lang));
    fb_html_raw(s->w, "<span class=\"govuk-visually-hidden\"> ");
    fb_html_text(s->w, ref->name);
    fb_html_raw(s->w, "</span></button></dd>\n</div>\n");
}

/* GOV.UK file upload: the files uploaded so far, each with a remove
 * button, then the file input (several files at once, up to the
 * question's limit) and its hint saying what is accepted; Continue
 * uploads what was chosen. The page's form is multipart
 * (fb_render_form_open()). No button of its own comes before a file is
 * listed, so the page's first submit button, the one Enter presses, is
 * Continue until there is a file to remove. */
void
fb_render_file(const qs_t *s)
{
    enum fb_lang lang = s->ctx->lang;
    const struct fb_file_desc *fd = s->q->file;
    unsigned accept = fd ? fd->accept : (1u << FB_FILE__COUNT) - 1;
    unsigned max_files = fd ? fd->max_files : 1;
    size_t n = s->ctx->answers ? fb_answers_count(s->ctx->answers, s->q->id)
                               : 0;
    char types[128], attr[128], message[512];

    fb_file_accept_text(accept, lang, types, sizeof types);
    if (n > 0) {
        fb_html_raw(s->w, "<h2 class=\"govuk-heading-m\">");
        fb_html_text(s->w, fb_msg_text(FB_MSG_FILE_UPLOADED, lang));
        fb_html_raw(s->w, "</h2>\n<dl class=\"govuk-summary-list\">\n");
        for (size_t i = 0; i < n; i++) {
            const char *v = fb_answers_get_nth(s->ctx->answers, s->q->id, i);
            struct fb_file_ref ref;
            if (v && fb_file_ref_parse(v, strlen(v), &ref))
                file_row(s, &ref);
        }
        fb_html_raw(s->w, "</dl>\n");
    }
    group_open(s);
    label(s);
    fb_html_raw(s->w, "<div id=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "-hint\" class=\"govuk-hint\">");
    if (fb_i18n_present(&s->q->hint))
        fb_render_prose(s->w, fb_i18n_get(&s->q->hint, lang), NULL);
    struct fb_msg_args args = {
        .count = (long)max_files,
        .text = types,
        .number = fb_file_megabytes(fd ? fd->max_size : 0),
    };
    fb_html_raw(s->w, "<p class=\"govuk-hint govuk-!-margin-bottom-0\">");
    fb_html_text(s->w, fb_msg_format(message, sizeof message,
                                     FB_MSG_FILE_HINT, &args, lang));
    fb_html_raw(s->w, "</p></div>\n");
    if (s->err) {
        fb_html_raw(s->w, "<p id=\"");
        fb_html_attr(s->w, s->q->id);
        fb_html_raw(s->w, "-error\" class=\"govuk-error-message\">"
                          "<span class=\"govuk-visually-hidden\">");
        fb_html_text(s->w, fb_msg_text(FB_MSG_ERROR_PREFIX, lang));
        fb_html_raw(s->w, "</span> ");
        fb_html_text(s->w, fb_error_message(s->err, lang, message,
                                            sizeof message));
        fb_html_raw(s->w, "</p>\n");
    }
    fb_html_raw(s->w, s->err ? "<input class=\"govuk-file-upload "
                               "govuk-file-upload--error\""
                             : "<input class=\"govuk-file-upload\"");
    fb_html_raw(s->w, " id=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\" name=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\" type=\"file\"");
    if (max_files > 1)
        fb_html_raw(s->w, " multiple");
    fb_html_raw(s->w, " accept=\"");
    fb_html_attr(s->w, fb_file_accept_attr(accept, attr, sizeof attr));
    fb_html_raw(s->w, "\" aria-describedby=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "-hint");
    if (s->err) {
        fb_html_raw(s->w, " ");
        fb_html_attr(s->w, s->q->id);
        fb_html_raw(s->w, "-error");
    }
    fb_html_raw(s->w, "\">\n</div>\n");
}
