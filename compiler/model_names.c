/* SPDX-License-Identifier: MIT */
/*
 * Names and small look-ups of the model: texts, the autocomplete tokens
 * HTML defines (each type's default token is in the type table,
 * formbuilder/qtype.h), and finding a question by id. Used by the model
 * pass and by everything that reads the model after it.
 */
#include "model_priv.h"

#include <string.h>

#include "formbuilder/qtype.h"

/* Linear search: forms have tens of questions. @returns NULL if absent. */
struct fb_question *
fb_form_question(const struct fb_form *form, const char *id)
{
    if (!form || !id)
        return NULL;
    for (size_t i = 0; i < form->n_questions; i++)
        if (form->questions[i]->id && strcmp(form->questions[i]->id, id) == 0)
            return form->questions[i];
    return NULL;
}

/* @returns the English string (owned by the model), or NULL. */
const char *
fb_text_en(const struct fb_text *t)
{
    return t ? t->lang[FB_LANG_EN] : NULL;
}

/* @returns a static or model-owned token, or NULL for no attribute. */
const char *
fb_question_autocomplete(const struct fb_question *q)
{
    if (q->autocomplete)
        return q->autocomplete;
    const struct fb_qtype_info *info = fb_qtype(q->type);
    return info ? info->autocomplete : NULL;
}

/* Lists the types of @p mask in table order; see model_priv.h. */
const char *
fb_model_type_list(struct fb_compiler *c, unsigned mask)
{
    const char *s = "";
    size_t total = 0, seen = 0;
    for (int t = 0; t < FB_Q__COUNT; t++)
        total += (mask >> t) & 1u;
    for (int t = 0; t < FB_Q__COUNT; t++) {
        if (!((mask >> t) & 1u))
            continue;
        seen++;
        const char *sep = seen == 1 ? "" : seen == total ? " and " : ", ";
        s = fb_arena_printf(&c->arena, "%s%s%s", s, sep,
                            fb_qtype_name((enum fb_qtype)t));
    }
    return s;
}

/* Autofill field names (HTML Living Standard, "Autofill"): these may
 * follow section-*, shipping or billing. */
static const char *const field_names[] = {
    "name", "honorific-prefix", "given-name", "additional-name",
    "family-name", "honorific-suffix", "nickname", "username",
    "new-password", "current-password", "one-time-code",
    "organization-title", "organization", "street-address",
    "address-line1", "address-line2", "address-line3", "address-level4",
    "address-level3", "address-level2", "address-level1", "country",
    "country-name", "postal-code", "cc-name", "cc-given-name",
    "cc-additional-name", "cc-family-name", "cc-number", "cc-exp",
    "cc-exp-month", "cc-exp-year", "cc-csc", "cc-type",
    "transaction-currency", "transaction-amount", "language", "bday",
    "bday-day", "bday-month", "bday-year", "sex", "url", "photo",
};
#define N_FIELDS (sizeof(field_names) / sizeof(field_names[0]))

/* Contact field names: these may also follow home, work, mobile, fax or
 * pager. */
static const char *const contact_names[] = {
    "tel", "tel-country-code", "tel-national", "tel-area-code",
    "tel-local", "tel-local-prefix", "tel-local-suffix", "tel-extension",
    "email", "impp",
};
#define N_CONTACTS (sizeof(contact_names) / sizeof(contact_names[0]))

static const char *const contact_kinds[] = {
    "home", "work", "mobile", "fax", "pager",
};

static bool
word_is(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(s, word, n) == 0;
}

/* @returns 1 for a field name [s, s+n), 2 for a contact field name, 0
 * for neither. */
static int
field_kind(const char *s, size_t n)
{
    for (size_t i = 0; i < N_FIELDS; i++)
        if (word_is(s, n, field_names[i]))
            return 1;
    for (size_t i = 0; i < N_CONTACTS; i++)
        if (word_is(s, n, contact_names[i]))
            return 2;
    return 0;
}

/* Validates one autocomplete attribute value; see model_priv.h. */
bool
fb_model_autocomplete_ok(const char *token, const char **out_suggest)
{
    if (out_suggest)
        *out_suggest = NULL;
    if (strcmp(token, "on") == 0 || strcmp(token, "off") == 0)
        return true;
    const char *words[4];
    size_t lens[4], n = 0;
    for (const char *p = token; *p;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        size_t len = strcspn(p, " ");
        if (n == 4)
            return false;
        words[n] = p;
        lens[n++] = len;
        p += len;
    }
    if (n == 0)
        return false;
    int field = field_kind(words[n - 1], lens[n - 1]);
    if (!field) {
        if (out_suggest && n == 1 && lens[0] < 64) {
            char buf[64];
            memcpy(buf, words[0], lens[0]);
            buf[lens[0]] = '\0';
            *out_suggest = fb_closest(buf, field_names, N_FIELDS);
            if (!*out_suggest)
                *out_suggest = fb_closest(buf, contact_names, N_CONTACTS);
        }
        return false;
    }
    size_t i = 0;
    if (i < n - 1 && lens[i] > 8 && memcmp(words[i], "section-", 8) == 0)
        i++;
    if (i < n - 1 && (word_is(words[i], lens[i], "shipping") ||
                      word_is(words[i], lens[i], "billing")))
        i++;
    if (i < n - 1 && field == 2) {
        for (size_t k = 0; k < 5; k++)
            if (word_is(words[i], lens[i], contact_kinds[k])) {
                i++;
                break;
            }
    }
    return i == n - 1;
}

bool
fb_question_required(const struct fb_question *q)
{
    const struct fb_qtype_info *info = fb_qtype(q->type);
    return q->rules[FB_RULE_REQUIRED].present ||
           (info && info->always_required);
}
