/* SPDX-License-Identifier: MIT */
/*
 * Descriptor helpers: strings in several languages, type names, look-ups.
 */
#include "formbuilder/form.h"

#include <string.h>

const char *
fb_i18n_get(const struct fb_i18n *s, enum fb_lang lang)
{
    if (!s)
        return "";
    if ((unsigned)lang < FB_LANG__COUNT && s->text[lang])
        return s->text[lang];
    return s->text[FB_LANG_EN] ? s->text[FB_LANG_EN] : "";
}

bool
fb_i18n_present(const struct fb_i18n *s)
{
    return s && s->text[FB_LANG_EN] && s->text[FB_LANG_EN][0];
}

static const char *const qtype_names[FB_Q__COUNT] = {
    [FB_Q_TEXT] = "text",
    [FB_Q_TEXTAREA] = "textarea",
    [FB_Q_EMAIL] = "email",
    [FB_Q_PHONE] = "phone",
    [FB_Q_NUMBER] = "number",
    [FB_Q_DATE] = "date",
    [FB_Q_RADIOS] = "radios",
    [FB_Q_CHECKBOXES] = "checkboxes",
    [FB_Q_SELECT] = "select",
    [FB_Q_YES_NO] = "yes_no",
    [FB_Q_POSTCODE] = "postcode",
    [FB_Q_ADDRESS] = "address",
    [FB_Q_DECLARATION] = "declaration",
    [FB_Q_SLOT] = "slot",
};

const char *
fb_qtype_name(enum fb_qtype t)
{
    return (unsigned)t < FB_Q__COUNT ? qtype_names[t] : NULL;
}

const struct fb_question_desc *
fb_form_find_question(const struct fb_form_desc *form, const char *id)
{
    for (size_t i = 0; i < form->n_questions; i++)
        if (strcmp(form->questions[i]->id, id) == 0)
            return form->questions[i];
    return NULL;
}

const struct fb_page_desc *
fb_form_find_page(const struct fb_form_desc *form, const char *id)
{
    for (size_t i = 0; i < form->n_pages; i++)
        if (strcmp(form->pages[i].id, id) == 0)
            return &form->pages[i];
    return NULL;
}

bool
fb_question_applies(const struct fb_question_desc *q,
                    const struct fb_answers *answers)
{
    if (q->revealed_by) {
        if (!fb_question_applies(q->revealed_by, answers))
            return false;
        if (!fb_answers_has(answers, q->revealed_by->id, q->reveal_value))
            return false;
    }
    return !q->applies || q->applies(answers);
}
