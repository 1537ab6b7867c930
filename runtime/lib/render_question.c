/* SPDX-License-Identifier: MIT */
/*
 * One question in GOV.UK Design System markup: text inputs, textarea,
 * select, radios and checkboxes (follow-ups always shown inside the
 * option's conditional container, as there is no script), date input,
 * address and declaration. Values come back from the raw answers, and every
 * value and label goes through the HTML writer's escaping.
 */
#include "formbuilder/render.h"

#include <stdlib.h>
#include <string.h>

#include "render-priv.h"

/* What one question needs while it is written. */
struct qs {
    struct fb_html *w;
    const struct fb_render_ctx *ctx;
    const struct fb_question_desc *q;
    const struct fb_error *err; /* its error, or NULL */
    bool heading;               /* its label is the page's h1 */
    bool followup;              /* inside a conditional container */
};

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
raw_value(const struct qs *s, const char *name)
{
    return s->ctx->answers ? fb_answers_get(s->ctx->answers, name) : NULL;
}

static bool
has_hint(const struct qs *s)
{
    return fb_i18n_present(&s->q->hint);
}

/* Writes ` aria-describedby="q-hint q-error"` (either part optional).
 * WCAG 1.3.1, 3.3.2: hint and message are read with the control. */
static void
described_by(const struct qs *s, const char *extra)
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
hint_and_error(const struct qs *s)
{
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
        fb_html_text(s->w, fb_render_str(FB_STR_ERROR_PREFIX, s->ctx->lang));
        fb_html_raw(s->w, "</span> ");
        fb_html_text(s->w, s->err->message);
        fb_html_raw(s->w, "</p>\n");
    }
}

static void
label_text(const struct qs *s)
{
    fb_html_text(s->w, fb_i18n_get(&s->q->label, s->ctx->lang));
    if (!s->q->required) {
        fb_html_raw(s->w, " ");
        fb_html_text(s->w, fb_render_str(FB_STR_OPTIONAL, s->ctx->lang));
    }
}

static void
group_open(const struct qs *s)
{
    fb_html_raw(s->w, s->err ? "<div class=\"govuk-form-group "
                               "govuk-form-group--error\">\n"
                             : "<div class=\"govuk-form-group\">\n");
}

/* A label for the control with id @p s->q->id, as the h1 when the
 * question is the page heading (GOV.UK "label as page heading"). */
static void
label(const struct qs *s)
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
fieldset_open(const struct qs *s)
{
    fb_html_raw(s->w, "<fieldset class=\"govuk-fieldset\"");
    described_by(s, NULL);
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

/*
 * Writes one <input> named and identified @p name. @p error adds the error
 * class; @p describe writes the question's aria-describedby.
 */
static void
input(const struct qs *s, const char *name, const struct input_kind *k,
      const char *extra_class, const char *autocomplete, bool error,
      bool describe)
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
    if (describe)
        described_by(s, NULL);
    fb_html_raw(s->w, ">\n");
}

static void
single_input(const struct qs *s)
{
    struct input_kind k = {"text", NULL, NULL, NULL, false};

    switch (s->q->type) {
    case FB_Q_EMAIL:
        k = (struct input_kind){"email", "email", NULL, NULL, true};
        break;
    case FB_Q_PHONE:
        k = (struct input_kind){"tel", "tel", NULL, "govuk-input--width-20",
                                true};
        break;
    case FB_Q_POSTCODE:
        k = (struct input_kind){"text", "postal-code", NULL,
                                "govuk-input--width-10", true};
        break;
    case FB_Q_NUMBER:
        /* GOV.UK: type text with an input mode, not type number. */
        k = (struct input_kind){"text", NULL,
                                s->q->integer ? "numeric" : "decimal",
                                width_for(s->q->max_length), true};
        if (!k.width)
            k.width = "govuk-input--width-10";
        break;
    case FB_Q_SLOT:
        k = (struct input_kind){"text", NULL, NULL, "govuk-input--width-20",
                                true};
        break;
    default:
        k.width = width_for(s->q->max_length);
        break;
    }
    group_open(s);
    label(s);
    hint_and_error(s);
    input(s, s->q->id, &k, NULL,
          s->q->autocomplete ? s->q->autocomplete : k.autocomplete,
          s->err != NULL, true);
    fb_html_raw(s->w, "</div>\n");
}

static void
textarea(const struct qs *s)
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

static void
select_box(const struct qs *s)
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
    fb_html_text(s->w, fb_render_str(FB_STR_CHOOSE, lang));
    fb_html_raw(s->w, "</option>\n");
    for (size_t i = 0; i < s->q->n_options; i++) {
        const struct fb_option_desc *o = &s->q->options[i];
        fb_html_raw(s->w, "<option value=\"");
        fb_html_attr(s->w, o->value);
        fb_html_raw(s->w, "\"");
        if (value && strcmp(value, o->value) == 0)
            fb_html_raw(s->w, " selected");
        fb_html_raw(s->w, ">");
        fb_html_text(s->w, fb_i18n_get(&o->label, lang));
        fb_html_raw(s->w, "</option>\n");
    }
    fb_html_raw(s->w, "</select>\n</div>\n");
}

/* Writes the id of option @p i: the question id for the first (so the
 * error summary's "#q" lands on it), "q-2", "q-3" ... after. */
static void
option_id(const struct qs *s, size_t i)
{
    fb_html_attr(s->w, s->q->id);
    if (i > 0)
        fb_html_rawf(s->w, "-%zu", i + 1);
}

static bool
option_chosen(const struct qs *s, const char *value, bool multiple)
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
choice_item(const struct qs *s, size_t i, const char *value,
            const char *text, const struct fb_option_desc *o,
            const char *kind)
{
    bool hint = o && fb_i18n_present(&o->hint);

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
        fb_render_prose(s->w, fb_i18n_get(&o->hint, s->ctx->lang), NULL);
        fb_html_raw(s->w, "</div>\n");
    }
    fb_html_raw(s->w, "</div>\n");
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
choices(const struct qs *s, const char *kind)
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
        choice_item(s, 0, "yes", fb_render_str(FB_STR_YES, lang), NULL, kind);
        choice_item(s, 1, "no", fb_render_str(FB_STR_NO, lang), NULL, kind);
    }
    for (size_t i = 0; i < q->n_options; i++) {
        const struct fb_option_desc *o = &q->options[i];
        const char *text = fb_i18n_get(&o->label, lang);
        if (!text[0] && yes_no)
            text = fb_render_str(strcmp(o->value, "yes") == 0 ? FB_STR_YES
                                                               : FB_STR_NO,
                                 lang);
        choice_item(s, i, o->value, text, o, kind);
    }
    fb_html_raw(s->w, "</div>\n</fieldset>\n</div>\n");
}

/* GOV.UK date input: three labelled boxes in a fieldset; "bday" on the
 * question becomes bday-day/-month/-year (WCAG 1.3.5). */
static void
date_input(const struct qs *s)
{
    static const struct {
        const char *part;
        enum fb_render_str label;
        const char *width;
    } parts[] = {
        {"day", FB_STR_DAY, "govuk-input--width-2"},
        {"month", FB_STR_MONTH, "govuk-input--width-2"},
        {"year", FB_STR_YEAR, "govuk-input--width-4"},
    };
    bool bday = s->q->autocomplete && strcmp(s->q->autocomplete, "bday") == 0;

    group_open(s);
    fieldset_open(s);
    hint_and_error(s);
    fb_html_raw(s->w, "<div class=\"govuk-date-input\">\n");
    for (size_t i = 0; i < 3; i++) {
        struct input_kind k = {"text", NULL, "numeric", parts[i].width, false};
        char *name = fb_render_name(s->w, s->q->id, '-', parts[i].part);
        char *ac = bday ? fb_render_name(s->w, "bday", '-', parts[i].part)
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
        fb_html_text(s->w, fb_render_str(parts[i].label, s->ctx->lang));
        fb_html_raw(s->w, "</label>\n");
        input(s, name, &k, "govuk-date-input__input", ac, s->err != NULL,
              false);
        fb_html_raw(s->w, "</div>\n</div>\n");
        free(name);
        free(ac);
    }
    fb_html_raw(s->w, "</div>\n</fieldset>\n</div>\n");
}

/* GOV.UK address pattern: four labelled inputs in a fieldset. Only the
 * part the error points at is marked, unless it points at the whole. */
static void
address(const struct qs *s)
{
    static const struct {
        const char *part;
        enum fb_render_str label;
        struct input_kind kind;
    } parts[] = {
        {"line1", FB_STR_LINE1,
         {"text", "address-line1", NULL, NULL, false}},
        {"line2", FB_STR_LINE2,
         {"text", "address-line2", NULL, NULL, false}},
        {"town", FB_STR_TOWN,
         {"text", "address-level2", NULL, "govuk-input--width-20", false}},
        {"postcode", FB_STR_POSTCODE,
         {"text", "postal-code", NULL, "govuk-input--width-10", true}},
    };

    group_open(s);
    fieldset_open(s);
    hint_and_error(s);
    for (size_t i = 0; i < 4; i++) {
        char *name = fb_render_name(s->w, s->q->id, '-', parts[i].part);
        bool marked;
        if (!name)
            return;
        marked = s->err && (!s->err->anchor ||
                            strcmp(s->err->anchor, name) == 0 ||
                            strcmp(s->err->anchor, s->q->id) == 0);
        fb_html_raw(s->w, "<div class=\"govuk-form-group\">\n"
                          "<label class=\"govuk-label\" for=\"");
        fb_html_attr(s->w, name);
        fb_html_raw(s->w, "\">");
        fb_html_text(s->w, fb_render_str(parts[i].label, s->ctx->lang));
        fb_html_raw(s->w, "</label>\n");
        input(s, name, &parts[i].kind, NULL, parts[i].kind.autocomplete,
              marked, false);
        fb_html_raw(s->w, "</div>\n");
        free(name);
    }
    fb_html_raw(s->w, "</fieldset>\n</div>\n");
}

/* A declaration: one box, ticked to agree, posting "confirmed". */
static void
declaration(const struct qs *s)
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
    if (option_chosen(s, "confirmed", false))
        fb_html_raw(s->w, " checked");
    described_by(s, NULL);
    fb_html_raw(s->w, ">\n<label class=\"govuk-label "
                      "govuk-checkboxes__label\" for=\"");
    fb_html_attr(s->w, s->q->id);
    fb_html_raw(s->w, "\">");
    label_text(s);
    fb_html_raw(s->w, "</label>\n</div>\n</div>\n</div>\n");
}

static void
question(struct fb_html *w, const struct fb_render_ctx *ctx,
         const struct fb_question_desc *q, bool followup)
{
    struct qs s = {w, ctx, q, NULL, false, followup};

    if (!fb_render_question_shown(ctx, q))
        return;
    if (ctx->errors)
        s.err = fb_errors_find(ctx->errors, q->id);
    s.heading = !followup && fb_render_heading_question(ctx) == q;
    switch (q->type) {
    case FB_Q_TEXTAREA:
        textarea(&s);
        break;
    case FB_Q_SELECT:
        select_box(&s);
        break;
    case FB_Q_RADIOS:
    case FB_Q_YES_NO:
        choices(&s, "radios");
        break;
    case FB_Q_CHECKBOXES:
        choices(&s, "checkboxes");
        break;
    case FB_Q_SLOT:
        if (q->n_options > 0)
            choices(&s, "radios");
        else
            single_input(&s);
        break;
    case FB_Q_DATE:
        date_input(&s);
        break;
    case FB_Q_ADDRESS:
        address(&s);
        break;
    case FB_Q_DECLARATION:
        declaration(&s);
        break;
    case FB_Q_TEXT:
    case FB_Q_EMAIL:
    case FB_Q_PHONE:
    case FB_Q_NUMBER:
    case FB_Q_POSTCODE:
    case FB_Q__COUNT:
        single_input(&s);
        break;
    }
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
