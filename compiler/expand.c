/* SPDX-License-Identifier: MIT */
/*
 * The expand pass (expand.h): finds the pattern a form names, binds the
 * form's `with:` values to the pattern's parameters, substitutes them into
 * a copy of the pattern's form keys, and merges the form into it: the
 * form's pages at the pattern's slot (or before/after a pattern page),
 * `replace:` and `remove:` applied to pattern pages, the form's own
 * top-level keys over the pattern's. The result carries
 * `expanded_from: NAME`, which the model records as the form's pattern.
 */
#include "expand.h"

#include <string.h>

#include "buf.h"
#include "find_shared.h"
#include "lang.h"
#include "pattern.h"

struct expander {
    struct fb_compiler *c;
    const struct fb_pattern *p;
    const struct fb_node **values;     /* per parameter: bound value */
    const struct fb_node **pages;      /* the pattern's, substituted */
    const char **page_ids;             /* their ids, NULL for none */
    size_t n_pages;
    bool bilingual;                    /* the form has `languages: [.., cy]` */
    bool *no_welsh_told;               /* per parameter: reported once */
    size_t no_welsh_errors;            /* those reported as errors: the
                                          form is still expanded */
};

static struct fb_node *
new_node(struct fb_compiler *c, const struct fb_node *like)
{
    struct fb_node *n = fb_arena_alloc(&c->arena, sizeof(*n));
    *n = *like;
    return n;
}

static struct fb_node *
new_scalar(struct fb_compiler *c, const char *value, const struct fb_loc *loc)
{
    struct fb_node *n = fb_arena_alloc(&c->arena, sizeof(*n));
    n->kind = FB_NODE_SCALAR;
    n->loc = *loc;
    n->value = value;
    n->value_len = strlen(value);
    n->plain = true;
    return n;
}

/* ---- substitution ------------------------------------------------------ */

static const struct fb_node *
bound(const struct expander *x, const char *name, size_t len)
{
    const struct fb_pattern_param *param = fb_pattern_param(x->p, name, len);
    return param ? x->values[param - x->p->params] : NULL;
}

/* The text of bound value @p v in language @p lang (FB_LANG__COUNT: no
 * language, as in a plain English text), or NULL when it is not text. A
 * bilingual value is {en: ..., cy: ...}; one without @p lang gives its
 * English. */
static const struct fb_node *
in_lang(const struct fb_node *v, enum fb_lang lang)
{
    if (v->kind == FB_NODE_SCALAR)
        return v;
    if (v->kind != FB_NODE_MAPPING || !fb_lang_is_text_map(v))
        return NULL;
    const struct fb_node *t = lang < FB_LANG__COUNT ?
                                  fb_node_get(v, fb_lang_codes[lang]) : NULL;
    return t ? t : fb_node_get(v, fb_lang_codes[FB_LANG_EN]);
}

/* A Welsh text of the pattern at @p where uses parameter @p name, whose
 * value @p v has no Welsh: the English goes in, and a bilingual form is
 * told once per parameter, at the value (the form's `with:`, or the
 * pattern's default). */
static void
no_welsh(struct expander *x, const char *name, size_t len,
         const struct fb_node *v, const struct fb_loc *where)
{
    const struct fb_pattern_param *param = fb_pattern_param(x->p, name, len);
    if (!x->bilingual || !param || x->no_welsh_told[param - x->p->params])
        return;
    x->no_welsh_told[param - x->p->params] = true;
    bool allow = x->c->allow_missing_translations;
    if (!allow)
        x->no_welsh_errors++;
    fb_diag(x->c, allow ? FB_WARNING : FB_ERROR, &v->loc,
            "missing-translation",
            "parameter '%s' has no Welsh text, but pattern '%s' uses it in "
            "Welsh text%s; give it as {en: ..., cy: ...}", param->name,
            x->p->name, allow ? " (the English is shown)" : "");
    fb_diag(x->c, FB_NOTE, where, "missing-translation",
            "'%s' is used in Welsh here", param->name);
}

/* @returns @p n with its placeholders replaced; the pattern was checked,
 * so each names a bound parameter, and only a whole-value one a list or
 * mapping. @p lang is the language of the text @p n is in (under `cy:`
 * of a text's mapping), or FB_LANG__COUNT. Unchanged nodes are shared. */
static const struct fb_node *
subst(struct expander *x, const struct fb_node *n, enum fb_lang lang)
{
    if (n->kind == FB_NODE_SCALAR) {
        size_t pos = 0, start, len;
        if (!fb_placeholder_next(n->value, &pos, &start, &len))
            return n;
        /* A parameter left unbound was reported (perhaps past the error
         * cap, which stops the count): its placeholder stays as written. */
        if (start == 0 && pos == n->value_len) {
            const struct fb_node *v = bound(x, n->value + 1, len);
            /* A pattern's default in languages, for an English-only
             * form: its English, as for the pattern's own texts. */
            if (v && !x->bilingual && lang == FB_LANG__COUNT &&
                v->loc.src == x->p->root->loc.src && in_lang(v, FB_LANG_EN))
                return in_lang(v, FB_LANG_EN);
            if (!v || lang == FB_LANG__COUNT)
                return v ? v : n;
            const struct fb_node *t = in_lang(v, lang);
            if (t && lang == FB_LANG_CY && !fb_pattern_has_welsh(v))
                no_welsh(x, n->value + 1, len, v, &n->loc);
            return t ? t : v;
        }
        struct fb_buf b;
        fb_buf_init(&b);
        size_t done = 0;
        do {
            const struct fb_node *v = bound(x, n->value + start + 1, len);
            const struct fb_node *t = v ? in_lang(v, lang) : NULL;
            fb_buf_putn(&b, n->value + done, start - done);
            if (t && t->kind == FB_NODE_SCALAR)
                fb_buf_puts(&b, t->value);
            else
                fb_buf_putn(&b, n->value + start, pos - start);
            if (t && lang == FB_LANG_CY && !fb_pattern_has_welsh(v))
                no_welsh(x, n->value + start + 1, len, v, &n->loc);
            done = pos;
        } while (fb_placeholder_next(n->value, &pos, &start, &len));
        fb_buf_puts(&b, n->value + done);
        struct fb_node *out = new_node(x->c, n);
        out->value = b.failed ? "" : fb_arena_strdup(&x->c->arena, b.data);
        out->value_len = strlen(out->value);
        fb_buf_free(&b);
        return out;
    }
    bool text = fb_lang_is_text_map(n);
    const struct fb_node *en = text ? fb_node_get(n, "en") : NULL;
    /* An English-only form gets the pattern's English only: its expansion
     * and descriptors are what the same form written in English are. */
    if (en && !x->bilingual)
        return subst(x, en, FB_LANG_EN);
    struct fb_node *out = new_node(x->c, n);
    if (n->kind == FB_NODE_MAPPING) {
        out->pairs = fb_arena_alloc(&x->c->arena,
                                    (n->n_pairs + 1) * sizeof(*out->pairs));
        for (size_t i = 0; i < n->n_pairs; i++) {
            out->pairs[i].key = n->pairs[i].key;
            out->pairs[i].value = (struct fb_node *)subst(
                x, n->pairs[i].value,
                text ? fb_lang_from_code(n->pairs[i].key->value) : lang);
        }
    } else {
        out->items = fb_arena_alloc(&x->c->arena,
                                    (n->n_items + 1) * sizeof(*out->items));
        for (size_t i = 0; i < n->n_items; i++)
            out->items[i] = (struct fb_node *)subst(x, n->items[i], lang);
    }
    return out;
}

/* ---- parameters -------------------------------------------------------- */

static const char **
param_names(struct fb_compiler *c, const struct fb_pattern *p)
{
    const char **names = fb_arena_alloc(&c->arena, (p->n_params + 1) *
                                                       sizeof(*names));
    for (size_t i = 0; i < p->n_params; i++)
        names[i] = p->params[i].name;
    return names;
}

/* Binds `with:` (@p with_key, @p with; either may be NULL) to the
 * parameters, defaults filling the rest. @p at is where a missing one is
 * reported when there is no `with:`. */
static void
bind_params(struct expander *x, const struct fb_node *with_key,
            const struct fb_node *with, const struct fb_loc *at)
{
    struct fb_compiler *c = x->c;
    const struct fb_pattern *p = x->p;
    x->values = fb_arena_alloc(&c->arena, (p->n_params + 1) *
                                              sizeof(*x->values));
    if (with && !(with->kind == FB_NODE_SCALAR && with->plain &&
                  with->value_len == 0)) {
        if (with->kind != FB_NODE_MAPPING) {
            fb_diag(c, FB_ERROR, &with->loc, "wrong-type",
                    "'with' must be a mapping of parameter names and "
                    "values, such as {thing: a faulty street light}");
            with = NULL;
        }
    } else {
        with = NULL;
    }
    const char **names = param_names(c, p);
    for (size_t i = 0; with && i < with->n_pairs; i++) {
        const struct fb_pair *pair = &with->pairs[i];
        const struct fb_pattern_param *param =
            fb_pattern_param(p, pair->key->value, pair->key->value_len);
        if (!param) {
            const char *near = fb_closest(pair->key->value, names,
                                          p->n_params);
            if (near)
                fb_diag(c, FB_ERROR, &pair->key->loc, "unknown-param",
                        "pattern '%s' has no parameter '%s'; did you mean "
                        "'%s'?", p->name, pair->key->value, near);
            else
                fb_diag(c, FB_ERROR, &pair->key->loc, "unknown-param",
                        "pattern '%s' has no parameter '%s'; its "
                        "parameters are %s", p->name, pair->key->value,
                        fb_shared_names_text(c, names, p->n_params));
            fb_diag(c, FB_NOTE, &p->params_loc, "unknown-param",
                    "the parameters of '%s' are declared here", p->name);
            continue;
        }
        if (fb_pattern_value_ok(c, param, pair->value, true))
            x->values[param - p->params] = pair->value;
    }
    for (size_t i = 0; i < p->n_params; i++) {
        const struct fb_pattern_param *param = &p->params[i];
        if (x->values[i])
            continue;
        if (with && fb_node_get(with, param->name))
            continue; /* given, but of the wrong type: reported */
        if (param->def) {
            x->values[i] = param->def;
            continue;
        }
        fb_diag(c, FB_ERROR, with_key ? &with_key->loc : at, "missing-param",
                "pattern '%s' needs parameter '%s' (%s): add it to "
                "'with'", p->name, param->name, param->description);
        fb_diag(c, FB_NOTE, &param->loc, "missing-param",
                "'%s' is declared here, with no default", param->name);
    }
}

/* ---- pages ------------------------------------------------------------- */

static const char *
page_id(const struct fb_node *page)
{
    const struct fb_node *id = page->kind == FB_NODE_MAPPING
                                   ? fb_node_get(page, "id") : NULL;
    return id && id->kind == FB_NODE_SCALAR ? id->value : NULL;
}

/* @returns the index of the pattern page @p n names, or -1 after reporting
 * "unknown-pattern-page" for @p what ("replace", "after"). */
static long
target(struct expander *x, const struct fb_node *n, const char *what)
{
    struct fb_compiler *c = x->c;
    if (n->kind != FB_NODE_SCALAR || n->value_len == 0) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-type",
                "'%s' names a page of pattern '%s' by its id", what,
                x->p->name);
        return -1;
    }
    for (size_t i = 0; i < x->n_pages; i++)
        if (x->page_ids[i] && strcmp(x->page_ids[i], n->value) == 0)
            return (long)i;
    const char **ids = fb_arena_alloc(&c->arena,
                                      (x->n_pages + 1) * sizeof(*ids));
    size_t n_ids = 0;
    for (size_t i = 0; i < x->n_pages; i++)
        if (x->page_ids[i])
            ids[n_ids++] = x->page_ids[i];
    const char *near = fb_closest(n->value, ids, n_ids);
    if (near)
        fb_diag(c, FB_ERROR, &n->loc, "unknown-pattern-page",
                "'%s': pattern '%s' has no page '%s'; did you mean '%s'?",
                what, x->p->name, n->value, near);
    else
        fb_diag(c, FB_ERROR, &n->loc, "unknown-pattern-page",
                "'%s': pattern '%s' has no page '%s'; its pages are %s",
                what, x->p->name, n->value,
                fb_shared_names_text(c, ids, n_ids));
    fb_diag(c, FB_NOTE, &x->p->pages->loc, "unknown-pattern-page",
            "the pages of '%s' are here", x->p->name);
    return -1;
}

/* @returns mapping @p map without its pair @p key (shared when absent). */
static struct fb_node *
without(struct fb_compiler *c, struct fb_node *map, const char *key)
{
    if (map->kind != FB_NODE_MAPPING || !fb_node_get(map, key))
        return map;
    struct fb_node *out = new_node(c, map);
    out->pairs = fb_arena_alloc(&c->arena, map->n_pairs * sizeof(*out->pairs));
    out->n_pairs = 0;
    for (size_t i = 0; i < map->n_pairs; i++)
        if (strcmp(map->pairs[i].key->value, key) != 0)
            out->pairs[out->n_pairs++] = map->pairs[i];
    return out;
}

/* @returns a copy of mapping @p map with the value of @p key replaced. */
static struct fb_node *
replaced(struct fb_compiler *c, const struct fb_node *map, const char *key,
         struct fb_node *value)
{
    struct fb_node *out = new_node(c, map);
    out->pairs = fb_arena_alloc(&c->arena, map->n_pairs * sizeof(*out->pairs));
    memcpy(out->pairs, map->pairs, map->n_pairs * sizeof(*out->pairs));
    for (size_t i = 0; i < out->n_pairs; i++)
        if (strcmp(out->pairs[i].key->value, key) == 0)
            out->pairs[i].value = value;
    return out;
}

/* A form page and where it goes. */
struct placed {
    struct fb_node *page;
    long target;               /* pattern page index; -1: the slot */
    int side;                  /* -1 before the target, +1 after */
};

/* Reads the form's pages (@p pages may be NULL) with their before:/after:
 * keys taken off. */
static struct placed *
place_pages(struct expander *x, const struct fb_node *pages, size_t *out_n)
{
    struct fb_compiler *c = x->c;
    size_t n = pages && pages->kind == FB_NODE_SEQUENCE ? pages->n_items : 0;
    struct placed *out = fb_arena_alloc(&c->arena, (n + 1) * sizeof(*out));
    for (size_t i = 0; i < n; i++) {
        struct fb_node *page = pages->items[i];
        out[i] = (struct placed){page, -1, 0};
        if (page->kind != FB_NODE_MAPPING)
            continue;
        const struct fb_node *before = fb_node_get(page, "before");
        const struct fb_node *after = fb_node_get(page, "after");
        if (before && after) {
            fb_diag(c, FB_ERROR, &after->loc, "pattern-page-conflict",
                    "a page goes either 'before' or 'after' a pattern page, "
                    "not both");
        } else if (before || after) {
            long t = target(x, before ? before : after,
                            before ? "before" : "after");
            if (t >= 0)
                out[i] = (struct placed){page, t, before ? -1 : 1};
        }
        out[i].page = without(c, without(c, page, "before"), "after");
    }
    *out_n = n;
    return out;
}

/* Reads `replace:` into @p repl (per pattern page). */
static void
read_replace(struct expander *x, const struct fb_node *n,
             const struct fb_node **repl)
{
    struct fb_compiler *c = x->c;
    if (n->kind != FB_NODE_MAPPING) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-type",
                "'replace' must be a mapping of pattern page ids to pages, "
                "such as {your_details: {title: ..., questions: [...]}}");
        return;
    }
    for (size_t i = 0; i < n->n_pairs; i++) {
        const struct fb_pair *pair = &n->pairs[i];
        long t = target(x, pair->key, "replace");
        if (t < 0)
            continue;
        if (pair->value->kind != FB_NODE_MAPPING) {
            fb_diag(c, FB_ERROR, &pair->value->loc, "wrong-type",
                    "the page replacing '%s' must be a mapping, as a page "
                    "in 'pages' is", pair->key->value);
            continue;
        }
        if (fb_node_get(pair->value, "id")) {
            repl[t] = pair->value;
            continue;
        }
        /* The id defaults to the replaced page's, written at its key. */
        struct fb_node *page = new_node(c, pair->value);
        page->pairs = fb_arena_alloc(&c->arena, (pair->value->n_pairs + 1) *
                                                    sizeof(*page->pairs));
        page->pairs[0].key = new_scalar(c, "id", &pair->key->loc);
        page->pairs[0].value = pair->key;
        memcpy(page->pairs + 1, pair->value->pairs,
               pair->value->n_pairs * sizeof(*page->pairs));
        page->n_pairs++;
        repl[t] = page;
    }
}

static void
read_remove(struct expander *x, const struct fb_node *n, bool *removed,
            const struct fb_node **repl)
{
    if (n->kind != FB_NODE_SEQUENCE) {
        fb_diag(x->c, FB_ERROR, &n->loc, "wrong-type",
                "'remove' must be a list of pattern page ids, such as "
                "[your_details]");
        return;
    }
    for (size_t i = 0; i < n->n_items; i++) {
        long t = target(x, n->items[i], "remove");
        if (t < 0)
            continue;
        if (repl[t])
            fb_diag(x->c, FB_ERROR, &n->items[i]->loc,
                    "pattern-page-conflict",
                    "page '%s' is both replaced and removed; keep one",
                    x->page_ids[t]);
        removed[t] = true;
    }
}

/* @returns the pages of the expanded form: the pattern's, with the form's
 * at the slot or beside their targets. */
static struct fb_node *
merge_pages(struct expander *x, const struct fb_node *form_pages,
            const struct fb_node *replace, const struct fb_node *remove)
{
    struct fb_compiler *c = x->c;
    const struct fb_node **repl = fb_arena_alloc(
        &c->arena, (x->n_pages + 1) * sizeof(*repl));
    bool *removed = fb_arena_alloc(&c->arena, x->n_pages + 1);
    size_t n_form;
    struct placed *placed = place_pages(x, form_pages, &n_form);
    if (replace)
        read_replace(x, replace, repl);
    if (remove)
        read_remove(x, remove, removed, repl);

    struct fb_node *out = new_node(c, x->p->pages);
    out->items = fb_arena_alloc(&c->arena, (x->n_pages + n_form + 1) *
                                               sizeof(*out->items));
    out->n_items = 0;
    for (size_t i = 0; i < x->n_pages; i++) {
        if (fb_pattern_is_slot(x->pages[i])) {
            for (size_t f = 0; f < n_form; f++)
                if (placed[f].target < 0)
                    out->items[out->n_items++] = placed[f].page;
            continue;
        }
        for (size_t f = 0; f < n_form; f++)
            if (placed[f].target == (long)i && placed[f].side < 0)
                out->items[out->n_items++] = placed[f].page;
        if (!removed[i])
            out->items[out->n_items++] =
                (struct fb_node *)(repl[i] ? repl[i] : x->pages[i]);
        for (size_t f = 0; f < n_form; f++)
            if (placed[f].target == (long)i && placed[f].side > 0)
                out->items[out->n_items++] = placed[f].page;
    }
    return out;
}

/* ---- the form ---------------------------------------------------------- */

static bool
is_own_key(const char *k)
{
    for (size_t i = 0; i < sizeof(fb_pattern_own_keys) /
                                sizeof(fb_pattern_own_keys[0]); i++)
        if (strcmp(k, fb_pattern_own_keys[i]) == 0)
            return true;
    return false;
}

static bool
is_use_key(const char *k)
{
    return strcmp(k, "pattern") == 0 || strcmp(k, "with") == 0 ||
           strcmp(k, "replace") == 0 || strcmp(k, "remove") == 0;
}

/* A form with no pattern: the keys that only make sense with one are
 * reported and taken off, so the model does not report them again. */
static struct fb_node *
no_pattern(struct fb_compiler *c, struct fb_node *root)
{
    struct fb_node *out = root;
    for (size_t i = 0; i < root->n_pairs; i++) {
        const struct fb_pair *pair = &root->pairs[i];
        const char *k = pair->key->value;
        if (strcmp(k, "with") == 0)
            fb_diag(c, FB_ERROR, &pair->key->loc, "with-without-pattern",
                    "'with' gives parameters to a pattern, but the form has "
                    "no 'pattern'");
        else if (strcmp(k, "replace") == 0 || strcmp(k, "remove") == 0)
            fb_diag(c, FB_ERROR, &pair->key->loc, "needs-pattern",
                    "'%s' changes the pages of a pattern, but the form has "
                    "no 'pattern'", k);
        else
            continue;
        out = without(c, out, k);
    }
    const struct fb_node *pages = fb_node_get(root, "pages");
    if (!pages || pages->kind != FB_NODE_SEQUENCE)
        return out;
    struct fb_node *new_pages = NULL;
    for (size_t i = 0; i < pages->n_items; i++) {
        struct fb_node *page = pages->items[i];
        const char *side = NULL;
        const struct fb_node *v;
        if ((v = fb_node_get(page, "before")) != NULL)
            side = "before";
        else if ((v = fb_node_get(page, "after")) != NULL)
            side = "after";
        if (!side || page->kind != FB_NODE_MAPPING)
            continue;
        fb_diag(c, FB_ERROR, &v->loc, "needs-pattern",
                "'%s' places a page among a pattern's pages, but the form "
                "has no 'pattern'", side);
        if (!new_pages) {
            new_pages = new_node(c, pages);
            new_pages->items = fb_arena_alloc(
                &c->arena, pages->n_items * sizeof(*new_pages->items));
            memcpy(new_pages->items, pages->items,
                   pages->n_items * sizeof(*new_pages->items));
        }
        new_pages->items[i] = without(c, without(c, page, "before"), "after");
    }
    if (new_pages)
        out = replaced(c, out, "pages", new_pages);
    return out;
}

/* Enough pattern names to list or suggest from; a project has a few. */
#define MAX_PATTERNS 256

/* Finds pattern @p name for the form @p n is in, reporting
 * "unknown-pattern" at @p n when there is none. */
static const char *
find_pattern(struct fb_compiler *c, const struct fb_node *n, const char *name)
{
    const char *dirs[FB_SHARED_DIRS];
    size_t n_dirs = fb_shared_dirs(c, n->loc.src->path, dirs);
    const char *path = fb_find_shared(
        c, dirs, n_dirs, fb_arena_printf(&c->arena, "%s.yaml", name));
    if (path)
        return path;
    const char *names[MAX_PATTERNS];
    size_t n_names = fb_shared_names(c, dirs, n_dirs, "", names,
                                     MAX_PATTERNS);
    const char *near = fb_closest(name, names, n_names);
    if (near)
        fb_diag(c, FB_ERROR, &n->loc, "unknown-pattern",
                "unknown pattern '%s'; did you mean '%s'? (the patterns "
                "are %s)", name, near,
                fb_shared_names_text(c, names, n_names));
    else if (n_names)
        fb_diag(c, FB_ERROR, &n->loc, "unknown-pattern",
                "unknown pattern '%s'; the patterns are %s", name,
                fb_shared_names_text(c, names, n_names));
    else
        fb_diag(c, FB_ERROR, &n->loc, "unknown-pattern",
                "unknown pattern '%s': %s", name,
                fb_shared_no_library(c, dirs, n_dirs));
    return NULL;
}

/* Loads the pattern @p n names; NULL after reporting. */
static const struct fb_pattern *
load_pattern(struct fb_compiler *c, const struct fb_node *n)
{
    if (n->kind != FB_NODE_SCALAR || n->value_len == 0 ||
        !fb_shared_name_ok(n->value)) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'pattern' names a pattern, patterns/NAME.yaml: lower-case "
                "letters, digits, '-' and '_', such as report-something");
        return NULL;
    }
    const char *path = find_pattern(c, n, n->value);
    if (!path)
        return NULL;
    size_t mark = fb_diag_mark(c);
    const struct fb_pattern *p = fb_pattern_load(c, path, n->value);
    if (fb_diag_fold(c, mark, &n->loc, "bad-pattern",
                     "pattern '%s' (%s) is not usable; the notes say what is "
                     "wrong in it", n->value, path) || !p)
        return NULL;
    return p;
}

struct fb_node *
fb_expand_form(struct fb_compiler *c, struct fb_node *root)
{
    if (!root || root->kind != FB_NODE_MAPPING)
        return root;
    const struct fb_node *pattern = fb_node_get(root, "pattern");
    if (!pattern)
        return no_pattern(c, root);
    size_t errors = c->n_errors;
    const struct fb_node *expanded_from = fb_node_get(root, "expanded_from");
    if (expanded_from)
        fb_diag(c, FB_ERROR, &expanded_from->loc, "pattern-key",
                "'expanded_from' is written by formc expand in place of "
                "'pattern'; a form has one or the other");
    const struct fb_pattern *p = load_pattern(c, pattern);
    if (!p)
        return NULL;

    struct expander x = {.c = c, .p = p};
    x.bilingual = fb_lang_peek_list(fb_node_get(root, "languages")) &
                  FB_LANG_BIT(FB_LANG_CY);
    x.no_welsh_told = fb_arena_alloc(&c->arena, p->n_params + 1);
    const struct fb_node *with_key = NULL, *with = NULL, *pattern_key = NULL;
    for (size_t i = 0; i < root->n_pairs; i++) {
        if (strcmp(root->pairs[i].key->value, "with") == 0) {
            with_key = root->pairs[i].key;
            with = root->pairs[i].value;
        } else if (strcmp(root->pairs[i].key->value, "pattern") == 0) {
            pattern_key = root->pairs[i].key;
        }
    }
    bind_params(&x, with_key, with, &pattern->loc);
    if (c->n_errors != errors)
        return NULL;

    const struct fb_node *pages = subst(&x, p->pages, FB_LANG__COUNT);
    x.pages = (const struct fb_node **)pages->items;
    x.n_pages = pages->n_items;
    x.page_ids = fb_arena_alloc(&c->arena, (x.n_pages + 1) *
                                               sizeof(*x.page_ids));
    for (size_t i = 0; i < x.n_pages; i++)
        x.page_ids[i] = page_id(x.pages[i]);
    struct fb_node *merged = merge_pages(&x, fb_node_get(root, "pages"),
                                         fb_node_get(root, "replace"),
                                         fb_node_get(root, "remove"));
    /* A parameter without Welsh leaves a usable form: check the rest. */
    if (c->n_errors != errors + x.no_welsh_errors)
        return NULL;

    /* The form's keys in its order, then the pattern's it does not set. */
    struct fb_node *out = new_node(c, root);
    out->pairs = fb_arena_alloc(&c->arena, (root->n_pairs +
                                            p->root->n_pairs + 1) *
                                               sizeof(*out->pairs));
    out->n_pairs = 0;
    bool have_pages = false;
    for (size_t i = 0; i < root->n_pairs; i++) {
        struct fb_pair pair = root->pairs[i];
        const char *k = pair.key->value;
        if (strcmp(k, "pattern") == 0) {
            pair.key = new_scalar(c, "expanded_from", &pattern_key->loc);
        } else if (is_use_key(k)) {
            continue;
        } else if (strcmp(k, "pages") == 0) {
            pair.value = merged;
            have_pages = true;
        }
        out->pairs[out->n_pairs++] = pair;
    }
    for (size_t i = 0; i < p->root->n_pairs; i++) {
        struct fb_pair pair = p->root->pairs[i];
        const char *k = pair.key->value;
        if (is_own_key(k) || (fb_node_get(root, k) && strcmp(k, "pages") != 0))
            continue;
        if (strcmp(k, "pages") == 0) {
            if (have_pages)
                continue;
            pair.value = merged;
        } else {
            pair.value = (struct fb_node *)subst(&x, pair.value, FB_LANG__COUNT);
        }
        out->pairs[out->n_pairs++] = pair;
    }
    return out;
}
