/* SPDX-License-Identifier: MIT */
/*
 * Reading a pattern file (pattern.h): its name, description and typed
 * parameters, and what must hold before it can be applied to any form:
 * exactly one slot for the form's pages, and placeholders that name its
 * parameters. The form keys it holds are the model's to check, at the
 * pattern's lines, once a form has been expanded with it.
 */
#include "pattern.h"

#include <string.h>

#include "find_shared.h"
#include "formbuilder/validate.h"
#include "lang.h"
#include "model_priv.h"

/* `languages` says which languages the pattern's texts carry; each form
 * says its own (a bilingual pattern serves English-only forms too). */
const char *const fb_pattern_own_keys[4] = {"pattern", "description",
                                            "params", "languages"};

/* Keys of a form that a pattern cannot set: each form says them itself. */
static const char *const form_only_keys[] = {
    "form", "with", "replace", "remove", "expanded_from",
};

static const char *const type_names[FB_PARAM__COUNT] = {
    "text", "number", "duration", "date", "list", "booking",
};

static const char *const type_expected[FB_PARAM__COUNT] = {
    "text, or text in languages {en: ..., cy: ...}",
    "a number, such as 3 or 2.5",
    "a whole number and m, h, d, w or y, such as 15m, 3d or 6w",
    "a date written YYYY-MM-DD, such as 2026-12-24",
    "a list, such as [mon, tue]",
    "a mapping of booking keys (calendar, days, sessions ...)",
};

const char *
fb_param_type_name(enum fb_param_type t)
{
    return t < FB_PARAM__COUNT ? type_names[t] : "?";
}

static bool
all_digits(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* @returns true when scalar text @p s reads as a value of type @p t. */
static bool
scalar_fits(enum fb_param_type t, const struct fb_node *n)
{
    const char *s = n->value;
    size_t len = n->value_len;
    struct fb_date d;
    switch (t) {
    case FB_PARAM_TEXT:
        return len > 0;
    case FB_PARAM_NUMBER: {
        if (!n->plain)
            return false;
        size_t i = s[0] == '-' ? 1 : 0;
        const char *dot = memchr(s, '.', len);
        if (!dot)
            return all_digits(s + i, len - i);
        return all_digits(s + i, (size_t)(dot - s) - i) &&
               all_digits(dot + 1, len - (size_t)(dot - s) - 1);
    }
    case FB_PARAM_DURATION:
        return len >= 2 && strchr("mhdwy", s[len - 1]) &&
               all_digits(s, len - 1);
    case FB_PARAM_DATE:
        return len == 10 && fb_date_parse_iso(s, &d);
    default:
        return false;
    }
}

bool
fb_pattern_has_welsh(const struct fb_node *v)
{
    return fb_lang_is_text_map(v) &&
           fb_node_get(v, fb_lang_codes[FB_LANG_CY]) != NULL;
}

/* @returns true for {en: TEXT, cy: TEXT}: a text parameter in languages,
 * English included. */
static bool
text_in_languages(const struct fb_node *v)
{
    if (!fb_lang_is_text_map(v) ||
        !fb_node_get(v, fb_lang_codes[FB_LANG_EN]))
        return false;
    for (size_t i = 0; i < v->n_pairs; i++)
        if (v->pairs[i].value->kind != FB_NODE_SCALAR ||
            !scalar_fits(FB_PARAM_TEXT, v->pairs[i].value))
            return false;
    return true;
}

bool
fb_pattern_value_ok(struct fb_compiler *c,
                    const struct fb_pattern_param *param,
                    const struct fb_node *value, bool note)
{
    bool ok;
    if (param->type == FB_PARAM_LIST)
        ok = value->kind == FB_NODE_SEQUENCE;
    else if (param->type == FB_PARAM_BOOKING)
        ok = value->kind == FB_NODE_MAPPING;
    else if (param->type == FB_PARAM_TEXT && value->kind == FB_NODE_MAPPING)
        ok = text_in_languages(value);
    else
        ok = value->kind == FB_NODE_SCALAR && !fb_model_is_null(value) &&
             scalar_fits(param->type, value);
    if (ok)
        return true;
    fb_diag(c, FB_ERROR, &value->loc, "param-type",
            "parameter '%s' is %s %s: give %s", param->name,
            fb_article(type_names[param->type]), type_names[param->type],
            type_expected[param->type]);
    if (note)
        fb_diag(c, FB_NOTE, &param->loc, "param-type",
                "'%s' is declared here", param->name);
    return false;
}

const struct fb_pattern_param *
fb_pattern_param(const struct fb_pattern *p, const char *name, size_t len)
{
    for (size_t i = 0; i < p->n_params; i++)
        if (strlen(p->params[i].name) == len &&
            memcmp(p->params[i].name, name, len) == 0)
            return &p->params[i];
    return NULL;
}

bool
fb_placeholder_next(const char *s, size_t *pos, size_t *out_start,
                    size_t *out_len)
{
    size_t i = *pos;
    while (s[i]) {
        if ((s[i] == '{' && s[i + 1] == '{') ||
            (s[i] == '}' && s[i + 1] == '}')) {
            i += 2;
            continue;
        }
        if (s[i] != '{' || !(s[i + 1] >= 'a' && s[i + 1] <= 'z')) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= '0' && s[j] <= '9') ||
               s[j] == '_')
            j++;
        if (s[j] != '}') {
            i = j;
            continue;
        }
        *out_start = i;
        *out_len = j - i - 1;
        *pos = j + 1;
        return true;
    }
    *pos = i;
    return false;
}

bool
fb_pattern_is_slot(const struct fb_node *n)
{
    return n->kind == FB_NODE_MAPPING && fb_node_get(n, "slot") != NULL;
}

/* ---- parameters ------------------------------------------------------- */

enum { P_TYPE, P_DEFAULT, P_DESCRIPTION, P_EXAMPLE, P__COUNT };
static const char *const param_keys[P__COUNT] = {"type", "default",
                                                 "description", "example"};

static bool
read_param(struct fb_compiler *c, const struct fb_pair *pair,
           struct fb_pattern_param *out)
{
    out->name = pair->key->value;
    out->loc = pair->key->loc;
    if (!fb_model_is_snake(out->name)) {
        fb_diag(c, FB_ERROR, &pair->key->loc, "bad-id",
                "parameter name '%.40s' must be snake_case: lower-case "
                "letters, digits and '_', starting with a letter",
                out->name);
        return false;
    }
    if (!fb_model_mapping(c, pair->value, "each parameter"))
        return false;
    const struct fb_keyset ks = {"a parameter", param_keys, P__COUNT};
    const struct fb_node *k[P__COUNT], *v[P__COUNT];
    unsigned long sugg = fb_model_keys(c, pair->value, &ks, k, v, NULL);
    bool ok = fb_model_need(c, pair->value, v[P_TYPE], "a parameter",
                            "type", sugg, P_TYPE);
    ok &= fb_model_need(c, pair->value, v[P_DESCRIPTION], "a parameter",
                        "description", sugg, P_DESCRIPTION);
    if (v[P_DESCRIPTION] &&
        !(out->description = fb_model_string(c, v[P_DESCRIPTION],
                                             "description")))
        ok = false;
    if (!v[P_TYPE])
        return false;
    const char *type = fb_model_string(c, v[P_TYPE], "type");
    if (!type)
        return false;
    size_t t;
    for (t = 0; t < FB_PARAM__COUNT; t++)
        if (strcmp(type, type_names[t]) == 0)
            break;
    if (t == FB_PARAM__COUNT) {
        const char *near = fb_closest(type, type_names, FB_PARAM__COUNT);
        fb_diag(c, FB_ERROR, &v[P_TYPE]->loc, "unknown-param-type",
                "unknown parameter type '%.40s'; %s%s%s", type,
                near ? "did you mean '" : "the types are text, number, "
                       "duration, date, list and booking",
                near ? near : "", near ? "'?" : "");
        return false;
    }
    out->type = (enum fb_param_type)t;
    if (v[P_DEFAULT]) {
        out->def = v[P_DEFAULT];
        ok &= fb_pattern_value_ok(c, out, v[P_DEFAULT], false);
    }
    if (v[P_EXAMPLE]) {
        out->example = v[P_EXAMPLE];
        ok &= fb_pattern_value_ok(c, out, v[P_EXAMPLE], false);
    }
    return ok;
}

static void
read_params(struct fb_compiler *c, struct fb_pattern *p,
            const struct fb_node *key, const struct fb_node *n)
{
    p->params_loc = key->loc;
    if (fb_model_is_null(n) || !fb_model_mapping(c, n, "'params'"))
        return;
    p->params = fb_arena_alloc(&c->arena, (n->n_pairs + 1) *
                                              sizeof(*p->params));
    for (size_t i = 0; i < n->n_pairs; i++)
        if (read_param(c, &n->pairs[i], &p->params[p->n_params]))
            p->n_params++;
}

/* ---- placeholders ------------------------------------------------------ */

static const char **
param_names(struct fb_compiler *c, const struct fb_pattern *p)
{
    const char **names = fb_arena_alloc(&c->arena, (p->n_params + 1) *
                                                       sizeof(*names));
    for (size_t i = 0; i < p->n_params; i++)
        names[i] = p->params[i].name;
    return names;
}

static void
unknown_placeholder(struct fb_compiler *c, const struct fb_pattern *p,
                    const struct fb_node *n, const char *name, size_t len)
{
    const char *word = fb_arena_strndup(&c->arena, name, len);
    const char *near = fb_closest(word, param_names(c, p), p->n_params);
    if (near)
        fb_diag(c, FB_ERROR, &n->loc, "unknown-placeholder",
                "placeholder '{%s}' names no parameter; did you mean "
                "'{%s}'?", word, near);
    else
        fb_diag(c, FB_ERROR, &n->loc, "unknown-placeholder",
                "placeholder '{%s}' names no parameter; declare it in "
                "'params' or write '{{%s}}' for the braces themselves",
                word, word);
}

/* Checks the placeholders in scalar @p n. */
static void
check_scalar(struct fb_compiler *c, const struct fb_pattern *p,
             const struct fb_node *n)
{
    size_t pos = 0, start, len;
    bool whole = true;
    while (fb_placeholder_next(n->value, &pos, &start, &len)) {
        whole = start == 0 && pos == n->value_len;
        const struct fb_pattern_param *param =
            fb_pattern_param(p, n->value + start + 1, len);
        if (!param)
            unknown_placeholder(c, p, n, n->value + start + 1, len);
        else if (!whole && (param->type == FB_PARAM_LIST ||
                            param->type == FB_PARAM_BOOKING))
            fb_diag(c, FB_ERROR, &n->loc, "param-not-text",
                    "parameter '%s' is %s %s, which cannot go inside "
                    "text; place it as a whole value: \"{%s}\"",
                    param->name, fb_article(type_names[param->type]),
                    type_names[param->type], param->name);
    }
}

/* Checks every placeholder under @p n. An unquoted {name} is a mapping to
 * YAML, the commonest slip in a pattern: say so. */
static void
check_placeholders(struct fb_compiler *c, const struct fb_pattern *p,
                   const struct fb_node *n)
{
    switch (n->kind) {
    case FB_NODE_SCALAR:
        check_scalar(c, p, n);
        break;
    case FB_NODE_MAPPING:
        if (n->n_pairs == 1 && fb_model_is_null(n->pairs[0].value) &&
            n->pairs[0].value->loc.len == 0 &&
            fb_pattern_param(p, n->pairs[0].key->value,
                             n->pairs[0].key->value_len)) {
            fb_diag(c, FB_ERROR, &n->loc, "unquoted-placeholder",
                    "write \"{%s}\" in quotes: unquoted, YAML reads "
                    "{%s} as a mapping", n->pairs[0].key->value,
                    n->pairs[0].key->value);
            break;
        }
        for (size_t i = 0; i < n->n_pairs; i++)
            check_placeholders(c, p, n->pairs[i].value);
        break;
    case FB_NODE_SEQUENCE:
        for (size_t i = 0; i < n->n_items; i++)
            check_placeholders(c, p, n->items[i]);
        break;
    }
}

/* ---- the file ---------------------------------------------------------- */

/* Checks the pages have exactly one slot, `- slot: form-pages`. */
static void
check_slot(struct fb_compiler *c, const struct fb_node *root,
           const struct fb_node *pages_key, const struct fb_node *pages)
{
    if (!pages) {
        fb_diag(c, FB_ERROR, &root->loc, "pattern-no-slot",
                "a pattern needs 'pages' with one '- slot: form-pages', "
                "where the form's own pages go");
        return;
    }
    if (!fb_model_list(c, pages, "'pages'"))
        return;
    const struct fb_node *first = NULL;
    for (size_t i = 0; i < pages->n_items; i++) {
        const struct fb_node *item = pages->items[i];
        if (!fb_pattern_is_slot(item))
            continue;
        const struct fb_node *v = fb_node_get(item, "slot");
        if (item->n_pairs != 1)
            fb_diag(c, FB_ERROR, &item->loc, "pattern-slot",
                    "the slot is a list item of its own, "
                    "'- slot: form-pages', with no other keys");
        else if (v->kind != FB_NODE_SCALAR ||
                 strcmp(v->value, "form-pages") != 0)
            fb_diag(c, FB_ERROR, &v->loc, "pattern-slot",
                    "the only slot is 'form-pages', where the form's own "
                    "pages go");
        if (first) {
            fb_diag(c, FB_ERROR, &item->loc, "pattern-two-slots",
                    "a pattern has one slot for the form's pages; remove "
                    "this one");
            fb_diag(c, FB_NOTE, &first->loc, "pattern-two-slots",
                    "the first slot is here");
        } else {
            first = item;
        }
    }
    if (!first)
        fb_diag(c, FB_ERROR, &pages_key->loc, "pattern-no-slot",
                "a pattern's pages need one '- slot: form-pages', where "
                "the form's own pages go");
}

static void
read_pattern(struct fb_compiler *c, struct fb_pattern *p, const char *name)
{
    const struct fb_node *root = p->root;
    const struct fb_node *pages_key = NULL;
    const struct fb_node *name_val = NULL, *desc_val = NULL;
    for (size_t i = 0; i < root->n_pairs; i++) {
        const struct fb_pair *pair = &root->pairs[i];
        const char *k = pair->key->value;
        if (strcmp(k, "pattern") == 0) {
            name_val = pair->value;
        } else if (strcmp(k, "description") == 0) {
            desc_val = pair->value;
        } else if (strcmp(k, "params") == 0) {
            read_params(c, p, pair->key, pair->value);
        } else if (strcmp(k, "languages") == 0) {
            p->languages = fb_lang_read_list(c, pair->value);
        } else if (strcmp(k, "pages") == 0) {
            pages_key = pair->key;
            p->pages = pair->value;
        }
        for (size_t j = 0; j < sizeof(form_only_keys) /
                                   sizeof(*form_only_keys); j++)
            if (strcmp(k, form_only_keys[j]) == 0)
                fb_diag(c, FB_ERROR, &pair->key->loc, "pattern-key",
                        "a pattern cannot have '%s': each form using it "
                        "writes its own", k);
    }
    if (!name_val) {
        fb_diag(c, FB_ERROR, &root->loc, "missing-key",
                "a pattern needs 'pattern': its name, '%s'", name);
    } else if ((p->name = fb_model_string(c, name_val, "pattern")) &&
               strcmp(p->name, name) != 0) {
        fb_diag(c, FB_ERROR, &name_val->loc, "pattern-name",
                "this file declares pattern '%.40s', but forms find it as "
                "'%s' by its file name; make them the same", p->name, name);
    }
    p->name = name;
    if (!desc_val)
        fb_diag(c, FB_ERROR, &root->loc, "missing-key",
                "a pattern needs 'description': a sentence on what it is "
                "for, shown by formc patterns");
    else
        p->description = fb_model_string(c, desc_val, "description");
    check_slot(c, root, pages_key, p->pages);
    for (size_t i = 0; i < root->n_pairs; i++) {
        const char *k = root->pairs[i].key->value;
        if (strcmp(k, "pattern") != 0 && strcmp(k, "description") != 0 &&
            strcmp(k, "params") != 0 && strcmp(k, "languages") != 0)
            check_placeholders(c, p, root->pairs[i].value);
    }
}

struct fb_pattern *
fb_pattern_load(struct fb_compiler *c, const char *path, const char *name)
{
    size_t errors = c->n_errors;
    const struct fb_node *root = fb_load_file(c, path);
    if (!root)
        return NULL;
    if (!fb_model_mapping(c, root, "a pattern file"))
        return NULL;
    struct fb_pattern *p = fb_arena_alloc(&c->arena, sizeof(*p));
    p->path = path;
    p->root = root;
    p->params_loc = root->loc;
    p->languages = FB_LANG_BIT(FB_LANG_EN);
    read_pattern(c, p, name);
    return c->n_errors == errors ? p : NULL;
}
