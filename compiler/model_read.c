/* SPDX-License-Identifier: MIT */
/*
 * Typed reads for the model pass: keys of a mapping, texts, booleans,
 * numbers, dates and ids out of loaded nodes. Each reader reports what is
 * wrong with the node (wrong type, empty, malformed) in words a service
 * designer can act on, and tells its caller so it can carry on.
 */
#include "model_priv.h"

#include "formbuilder/validate.h"
#include "lang.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_ID_LEN 64
/* A relative date further out than a century is a typo, not a rule. */
#define MAX_OFFSET_DAYS 36600

/* Lists the names of @p ks as "a, b, c" in the arena. */
static const char *
key_list(struct fb_compiler *c, const struct fb_keyset *ks)
{
    size_t len = 1;
    for (size_t i = 0; i < ks->n; i++)
        len += strlen(ks->names[i]) + 2;
    char *s = fb_arena_alloc(&c->arena, len);
    char *p = s;
    for (size_t i = 0; i < ks->n; i++) {
        size_t n = strlen(ks->names[i]);
        if (i) {
            memcpy(p, ", ", 2);
            p += 2;
        }
        memcpy(p, ks->names[i], n);
        p += n;
    }
    *p = '\0';
    return s;
}

/* Sorts a mapping's pairs into key slots; see model_priv.h. */
unsigned long
fb_model_keys(struct fb_compiler *c, const struct fb_node *map,
              const struct fb_keyset *ks, const struct fb_node **out_keys,
              const struct fb_node **out_vals, fb_unknown_key_fn unknown)
{
    unsigned long suggested = 0;
    for (size_t i = 0; i < ks->n; i++) {
        out_keys[i] = NULL;
        out_vals[i] = NULL;
    }
    if (!map || map->kind != FB_NODE_MAPPING)
        return 0;
    for (size_t p = 0; p < map->n_pairs; p++) {
        const struct fb_pair *pair = &map->pairs[p];
        const char *name = pair->key->value ? pair->key->value : "";
        size_t i;
        for (i = 0; i < ks->n; i++)
            if (strcmp(name, ks->names[i]) == 0)
                break;
        if (i < ks->n) {
            out_keys[i] = pair->key;
            out_vals[i] = pair->value;
            continue;
        }
        if (unknown && unknown(c, pair))
            continue;
        const char *near = fb_closest(name, ks->names, ks->n);
        for (size_t j = 0; near && j < ks->n && j < 64; j++)
            if (ks->names[j] == near)
                suggested |= 1ul << j;
        if (near)
            fb_diag(c, FB_ERROR, &pair->key->loc, "unknown-key",
                    "unknown key '%s' in %s; did you mean '%s'?", name,
                    ks->where, near);
        else
            fb_diag(c, FB_ERROR, &pair->key->loc, "unknown-key",
                    "unknown key '%s' in %s; the keys are %s", name,
                    ks->where, key_list(c, ks));
    }
    return suggested;
}

/* Reports a missing required key; see model_priv.h. */
bool
fb_model_need(struct fb_compiler *c, const struct fb_node *map,
              const struct fb_node *val, const char *where, const char *key,
              unsigned long suggested, unsigned bit)
{
    if (val)
        return true;
    if (bit < 64 && (suggested >> bit) & 1ul)
        return false;
    fb_diag(c, FB_ERROR, &map->loc, "missing-key", "%s needs '%s'", where,
            key);
    return false;
}

/* @returns true for an unquoted empty, ~ or null scalar. */
bool
fb_model_is_null(const struct fb_node *n)
{
    if (n->kind != FB_NODE_SCALAR || !n->plain)
        return false;
    const char *v = n->value ? n->value : "";
    return !v[0] || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
           strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

/* Describes what @p n is, for "must be X, not Y". */
static const char *
describe(struct fb_compiler *c, const struct fb_node *n)
{
    if (n->kind == FB_NODE_MAPPING)
        return "a mapping";
    if (n->kind == FB_NODE_SEQUENCE)
        return "a list";
    if (fb_model_is_null(n))
        return "empty";
    if (!n->plain)
        return fb_arena_printf(&c->arena, "the quoted text \"%.40s\"",
                               n->value);
    return fb_arena_printf(&c->arena, "'%.40s'", n->value);
}

/* Reports "wrong-type" naming what @p n is instead. */
void
fb_model_wrong_type(struct fb_compiler *c, const struct fb_node *n,
                    const char *subject, const char *expected)
{
    fb_diag(c, FB_ERROR, &n->loc, "wrong-type", "%s must be %s, not %s",
            subject, expected, describe(c, n));
}

/* @returns true for a mapping; reports anything else. */
bool
fb_model_mapping(struct fb_compiler *c, const struct fb_node *n,
                 const char *subject)
{
    if (n->kind == FB_NODE_MAPPING)
        return true;
    fb_model_wrong_type(c, n, subject, "a mapping of keys and values");
    return false;
}

/* @returns true for a list; reports anything else. */
bool
fb_model_list(struct fb_compiler *c, const struct fb_node *n,
              const char *subject)
{
    if (n->kind == FB_NODE_SEQUENCE)
        return true;
    fb_model_wrong_type(c, n, subject, "a list");
    return false;
}

/* "'name'" in the arena, the subject of most messages. */
static const char *
quoted(struct fb_compiler *c, const char *name)
{
    return fb_arena_printf(&c->arena, "'%s'", name);
}

/* @returns the scalar's text (loader-owned, in the arena) or NULL after
 * reporting. */
const char *
fb_model_string(struct fb_compiler *c, const struct fb_node *n,
                const char *name)
{
    if (n->kind != FB_NODE_SCALAR || fb_model_is_null(n)) {
        fb_model_wrong_type(c, n, quoted(c, name), "text");
        return NULL;
    }
    if (!n->value[0]) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'%s' must not be empty", name);
        return NULL;
    }
    return n->value;
}

/* Reads one language's string; block scalars lose trailing newlines. */
static const char *
text_string(struct fb_compiler *c, const struct fb_node *n, const char *name)
{
    const char *s = fb_model_string(c, n, name);
    if (!s || !n->block)
        return s;
    size_t len = n->value_len;
    while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
        len--;
    if (!len) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'%s' must not be empty", name);
        return NULL;
    }
    return fb_arena_strndup(&c->arena, s, len);
}

/* Reads a text in one or more languages into @p out (arena strings). */
bool
fb_model_text(struct fb_compiler *c, const struct fb_node *n,
              const char *name, struct fb_text *out)
{
    memset(out, 0, sizeof(*out));
    out->loc = n->loc;
    if (n->kind == FB_NODE_SCALAR) {
        out->at[FB_LANG_EN] = n->loc;
        out->lang[FB_LANG_EN] = text_string(c, n, name);
        return out->lang[FB_LANG_EN] != NULL;
    }
    if (n->kind != FB_NODE_MAPPING) {
        fb_model_wrong_type(c, n, quoted(c, name),
                            "text, or a mapping of languages {en: ..., "
                            "cy: ...}");
        return false;
    }
    const struct fb_keyset ks = {
        fb_arena_printf(&c->arena, "the languages of '%s'", name),
        fb_lang_codes, FB_LANG__COUNT
    };
    const struct fb_node *keys[FB_LANG__COUNT], *vals[FB_LANG__COUNT];
    fb_model_keys(c, n, &ks, keys, vals, NULL);
    bool ok = true;
    for (int l = 0; l < FB_LANG__COUNT; l++) {
        if (!vals[l])
            continue;
        out->at[l] = vals[l]->loc;
        out->lang[l] = text_string(c, vals[l], name);
        ok = ok && out->lang[l];
    }
    if (!vals[FB_LANG_EN]) {
        fb_diag(c, FB_ERROR, &n->loc, "missing-key",
                "'%s' needs its English text under 'en'", name);
        return false;
    }
    return ok;
}

/* @returns true for yes/no/on/off and friends, written unquoted. */
bool
fb_model_is_yaml11_bool(const struct fb_node *n)
{
    static const char *const words[] = {
        "y", "yes", "n", "no", "on", "off", "true", "false",
    };
    if (n->kind != FB_NODE_SCALAR || !n->plain)
        return false;
    if (strcmp(n->value, "true") == 0 || strcmp(n->value, "false") == 0)
        return false;
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strcasecmp(n->value, words[i]) == 0)
            return true;
    return false;
}

/* @returns 1 for true, 0 for false, -1 after reporting. */
int
fb_model_bool(struct fb_compiler *c, const struct fb_node *n,
              const char *name)
{
    if (n->kind == FB_NODE_SCALAR && n->plain) {
        if (strcmp(n->value, "true") == 0)
            return 1;
        if (strcmp(n->value, "false") == 0)
            return 0;
    }
    if (fb_model_is_yaml11_bool(n)) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-type",
                "'%s' must be true or false; '%s' is not a boolean in "
                "form files, write true or false", name, n->value);
        return -1;
    }
    fb_model_wrong_type(c, n, quoted(c, name), "true or false");
    return -1;
}

/* Reports a quoted number: "remove the quotes". */
static void
quoted_number(struct fb_compiler *c, const struct fb_node *n,
              const char *name, const char *expected)
{
    fb_diag(c, FB_ERROR, &n->loc, "wrong-type",
            "'%s' must be %s, not the quoted text \"%.40s\"; remove the "
            "quotes", name, expected, n->value);
}

/* Tells whether @p s is a number literal; see model.h. */
bool
fb_number_literal(const char *s, bool decimal)
{
    if (*s == '-')
        s++;
    if (*s < '0' || *s > '9')
        return false;
    while (*s >= '0' && *s <= '9')
        s++;
    if (decimal && *s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

/* Reads a whole number; @returns false after reporting. */
bool
fb_model_whole(struct fb_compiler *c, const struct fb_node *n,
               const char *name, long *out)
{
    if (n->kind == FB_NODE_SCALAR && !n->plain && fb_number_literal(n->value, true)) {
        quoted_number(c, n, name, "a whole number");
        return false;
    }
    if (n->kind != FB_NODE_SCALAR || !n->plain || !fb_number_literal(n->value, false)) {
        fb_model_wrong_type(c, n, quoted(c, name), "a whole number");
        return false;
    }
    errno = 0;
    long v = strtol(n->value, NULL, 10);
    if (errno == ERANGE) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'%s' is too large a number", name);
        return false;
    }
    *out = v;
    return true;
}

/* Reads an integer or decimal; @returns false after reporting. */
bool
fb_model_number(struct fb_compiler *c, const struct fb_node *n,
                const char *name, double *out)
{
    if (n->kind == FB_NODE_SCALAR && !n->plain && fb_number_literal(n->value, true)) {
        quoted_number(c, n, name, "a number");
        return false;
    }
    if (n->kind != FB_NODE_SCALAR || !n->plain || !fb_number_literal(n->value, true)) {
        fb_model_wrong_type(c, n, quoted(c, name), "a number");
        return false;
    }
    double v = strtod(n->value, NULL);
    if (!isfinite(v) || fabs(v) > 1e15) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'%s' is too large a number", name);
        return false;
    }
    *out = v;
    return true;
}

/* Reads exactly @p n digits at @p s. @returns the value, or -1. */
static int
digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Parses a date reference without reporting; see model.h. */
bool
fb_date_ref_parse(const char *s, struct fb_date_ref *out)
{
    memset(out, 0, sizeof(*out));
    if (strncmp(s, "today", 5) == 0) {
        s += 5;
        out->relative = true;
        if (!*s)
            return true;
        int sign = *s == '+' ? 1 : *s == '-' ? -1 : 0;
        if (!sign)
            return false;
        s++;
        size_t nd = strspn(s, "0123456789");
        if (nd == 0 || nd > 5 || strcmp(s + nd, "d") != 0)
            return false;
        int days = digits(s, (int)nd);
        if (days > MAX_OFFSET_DAYS)
            return false;
        out->offset_days = sign * days;
        return true;
    }
    /* The runtime's own strict reader, so formc and the validators agree
     * on what a real date is. */
    return fb_date_parse_iso(s, &out->date);
}

/* Reads a date reference; @returns false after reporting "bad-date". */
bool
fb_model_date_ref(struct fb_compiler *c, const struct fb_node *n,
                  const char *name, struct fb_date_ref *out)
{
    if (n->kind != FB_NODE_SCALAR || fb_model_is_null(n)) {
        fb_model_wrong_type(c, n, quoted(c, name),
                            "a date (YYYY-MM-DD, today or today+14d)");
        return false;
    }
    if (fb_date_ref_parse(n->value, out))
        return true;
    fb_diag(c, FB_ERROR, &n->loc, "bad-date",
            "'%s' must be a real date written YYYY-MM-DD, or today, "
            "today+14d, today-7d; not '%.40s'", name, n->value);
    return false;
}

/* @returns true for [a-z][a-z0-9_]*. */
bool
fb_model_is_snake(const char *s)
{
    if (*s < 'a' || *s > 'z')
        return false;
    for (s++; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return false;
    return true;
}

/* Suggests a snake_case spelling of @p s ("FullName", "full-name" ->
 * "full_name"), or NULL when there is no obvious one. */
static const char *
snake_suggestion(struct fb_compiler *c, const char *s)
{
    size_t n = strlen(s);
    if (n > MAX_ID_LEN)
        return NULL;
    char *out = fb_arena_alloc(&c->arena, 2 * n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch >= 'A' && ch <= 'Z') {
            if (i && o && out[o - 1] != '_' &&
                ((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
                 (s[i - 1] >= '0' && s[i - 1] <= '9')))
                out[o++] = '_';
            out[o++] = (char)(ch - 'A' + 'a');
        } else if (ch == '-' || ch == ' ' || ch == '.') {
            if (o && out[o - 1] != '_')
                out[o++] = '_';
        } else {
            out[o++] = ch;
        }
    }
    while (o && out[o - 1] == '_')
        o--;
    out[o] = '\0';
    if (!fb_model_is_snake(out) || strcmp(out, s) == 0 || o > MAX_ID_LEN)
        return NULL;
    return out;
}

/* Reads and checks an id; see model_priv.h. */
const char *
fb_model_id(struct fb_compiler *c, const struct fb_node *n,
            const char *what)
{
    const char *id = fb_model_string(c, n, "id");
    if (!id)
        return NULL;
    if (strlen(id) > MAX_ID_LEN) {
        fb_diag(c, FB_ERROR, &n->loc, "bad-id",
                "%s id '%.20s...' is longer than %d characters", what, id,
                MAX_ID_LEN);
        return id;
    }
    if (fb_model_is_snake(id))
        return id;
    const char *fix = snake_suggestion(c, id);
    if (fix)
        fb_diag(c, FB_ERROR, &n->loc, "bad-id",
                "%s id '%s' must be snake_case (lower-case letters, digits "
                "and _, starting with a letter); did you mean '%s'?", what,
                id, fix);
    else
        fb_diag(c, FB_ERROR, &n->loc, "bad-id",
                "%s id '%s' must be snake_case (lower-case letters, digits "
                "and _, starting with a letter)", what, id);
    return id;
}
