/* SPDX-License-Identifier: MIT */
/*
 * Descriptor helpers: strings in several languages, the format check,
 * look-ups.
 */
#include "formbuilder/form.h"

#include <stdio.h>
#include <string.h>

#include "formbuilder/messages.h"
#include "formbuilder/qtype.h"
#include "formbuilder/routes.h"
#include "formbuilder/validate.h"

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

/* The fixed texts a form may reword: their key under `texts:` and the
 * catalogue's message used otherwise. formc reads the keys from here. */
static const struct {
    const char *key;
    enum fb_msg fallback;
} form_texts[FB_TEXT__COUNT] = {
    [FB_TEXT_CONTINUE] = {"continue", FB_MSG_CONTINUE},
    [FB_TEXT_CHECK_ANSWERS] = {"check_answers", FB_MSG_CHECK_TITLE},
    [FB_TEXT_SEND_HEADING] = {"send_heading", FB_MSG_SEND_HEADING},
    [FB_TEXT_DECLARATION] = {"declaration", FB_MSG_SEND_BODY},
    [FB_TEXT_SEND] = {"send", FB_MSG_SEND},
};

const char *
fb_form_text_key(enum fb_form_text t)
{
    return (unsigned)t < FB_TEXT__COUNT ? form_texts[t].key : NULL;
}

const char *
fb_form_text(const struct fb_form_desc *form, enum fb_form_text t,
             enum fb_lang lang)
{
    if ((unsigned)t >= FB_TEXT__COUNT)
        return "";
    const char *own = form && (unsigned)lang < FB_LANG__COUNT
                          ? form->texts[t].text[lang] : NULL;
    return own && own[0] ? own : fb_msg_text(form_texts[t].fallback, lang);
}

/* @returns true when the lengths and hashes formc wrote for @p q's id
 * and part names are what this runtime computes: a formc whose hash
 * differs (another version, another byte order) is refused, not misread
 * as answers never found. */
static bool
names_agree(const struct fb_question_desc *q, const struct fb_qtype_info *t)
{
    if (q->id_len && (q->id_len != strlen(q->id) ||
                      q->id_hash != fb_name_hash(q->id, q->id_len)))
        return false;
    for (size_t k = 0; q->part_names && k < 2 * t->n_parts; k++) {
        const struct fb_name *nm = &q->part_names[k];
        if (!nm->s || nm->n != strlen(nm->s) ||
            nm->hash != fb_name_hash(nm->s, nm->n))
            return false;
    }
    return true;
}

int
fb_form_check(const struct fb_form_desc *form, char *why, size_t cap)
{
    if (form->format != FB_FORMAT) {
        snprintf(why, cap, "form %s was built for descriptor format %d, "
                 "but this runtime reads format %d: rebuild it with this "
                 "version of formc", form->slug ? form->slug : "(unnamed)",
                 form->format, FB_FORMAT);
        return -1;
    }
    if (!form->slug || fb_slug_reserved(form->slug)) {
        snprintf(why, cap, "form %s is named after one of the server's own "
                 "addresses: rename it (formc check reports reserved-slug)",
                 form->slug ? form->slug : "(unnamed)");
        return -1;
    }
    for (size_t i = 0; i < form->n_questions; i++) {
        if (!fb_qtype(form->questions[i]->type)) {
            snprintf(why, cap, "form %s: question %s has a type this "
                     "runtime does not know", form->slug,
                     form->questions[i]->id);
            return -1;
        }
        if (!names_agree(form->questions[i],
                         fb_qtype(form->questions[i]->type))) {
            snprintf(why, cap, "form %s: the name lengths or hashes of "
                     "question %s are not this runtime's: rebuild it with "
                     "this version of formc", form->slug,
                     form->questions[i]->id);
            return -1;
        }
    }
    return 0;
}

struct fb_date
fb_date_ref_resolve(const struct fb_date_ref *r, const struct fb_date *today)
{
    return r->relative ? fb_date_add_days(*today, r->offset_days) : r->date;
}

const struct fb_question_desc *
fb_form_find_question(const struct fb_form_desc *form, const char *id)
{
    for (size_t i = 0; i < form->n_questions; i++)
        if (strcmp(form->questions[i]->id, id) == 0)
            return form->questions[i];
    return NULL;
}

const struct fb_rule_desc *
fb_question_rule(const struct fb_question_desc *q, enum fb_rule_kind k)
{
    for (size_t i = 0; i < q->n_rules; i++)
        if (q->rules[i].kind == k)
            return &q->rules[i];
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
