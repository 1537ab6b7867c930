/* SPDX-License-Identifier: MIT */
/*
 * Reading author test scenarios (scenario.h).
 */
#include "scenario.h"

#include <string.h>
#include <sys/stat.h>

#include "formbuilder/validate.h"

#define INVALID "scenario-invalid"

static bool
exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *
fb_scenario_file(struct fb_compiler *c, const char *form_path)
{
    const char *slash = strrchr(form_path, '/');
    int dir = slash ? (int)(slash - form_path + 1) : 0;
    const char *base = form_path + dir;
    size_t stem = strlen(base);
    if (stem > 5 && strcmp(base + stem - 5, ".yaml") == 0)
        stem -= 5;
    else if (stem > 4 && strcmp(base + stem - 4, ".yml") == 0)
        stem -= 4;
    const char *beside = fb_arena_printf(&c->arena, "%.*s%.*s.test.yaml",
                                         dir, form_path, (int)stem, base);
    if (exists(beside))
        return beside;
    const char *under = fb_arena_printf(&c->arena,
                                        "%.*sscenarios/%.*s.test.yaml", dir,
                                        form_path, (int)stem, base);
    return exists(under) ? under : NULL;
}

/* Reports an unknown key of @p map (the keys allowed are @p keys). */
static bool
known_keys(struct fb_compiler *c, const struct fb_node *map,
           const char *const *keys, size_t n, const char *what)
{
    bool ok = true;
    for (size_t i = 0; i < map->n_pairs; i++) {
        const struct fb_node *k = map->pairs[i].key;
        bool known = false;
        for (size_t j = 0; j < n && !known; j++)
            known = strcmp(k->value, keys[j]) == 0;
        if (known)
            continue;
        const char *near = fb_closest(k->value, keys, n);
        fb_diag(c, FB_ERROR, &k->loc, INVALID,
                "unknown key '%s' in %s%s%s%s", k->value, what,
                near ? ": did you mean '" : "", near ? near : "",
                near ? "'?" : "");
        ok = false;
    }
    return ok;
}

static bool
is_kind(struct fb_compiler *c, const struct fb_node *n, enum fb_node_kind k,
        const char *what)
{
    if (!n || n->kind == k)
        return true;
    fb_diag(c, FB_ERROR, &n->loc, INVALID, "%s must be a %s, not a %s",
            what, fb_node_kind_name(k), fb_node_kind_name(n->kind));
    return false;
}

/* The question ids of @p f, for did-you-mean. */
static const char **
question_ids(struct fb_compiler *c, const struct fb_form_desc *f)
{
    const char **ids = fb_arena_alloc(&c->arena,
                                      (f->n_questions + 1) * sizeof *ids);
    for (size_t i = 0; i < f->n_questions; i++)
        ids[i] = f->questions[i]->id;
    return ids;
}

/* Every key of @p map must name a question of @p f. */
static bool
question_keys(struct fb_compiler *c, const struct fb_node *map,
              const struct fb_form_desc *f, const char *what)
{
    bool ok = true;
    for (size_t i = 0; map && i < map->n_pairs; i++) {
        const struct fb_node *k = map->pairs[i].key;
        const struct fb_page_desc *g = fb_form_find_page(f, k->value);
        if (fb_form_find_question(f, k->value) || (g && g->repeat))
            continue;           /* a repeating page takes a list of items */
        const char *near = fb_closest(k->value, question_ids(c, f),
                                      f->n_questions);
        fb_diag(c, FB_ERROR, &k->loc, INVALID,
                "%s names '%s', which is not a question of the form%s%s%s",
                what, k->value, near ? ": did you mean '" : "",
                near ? near : "", near ? "'?" : "");
        ok = false;
    }
    return ok;
}

static const struct fb_page_desc *
find_page(const struct fb_form_desc *f, const char *id)
{
    for (size_t i = 0; i < f->n_pages; i++)
        if (strcmp(f->pages[i].id, id) == 0)
            return &f->pages[i];
    return NULL;
}

/* A page id written in an expectation: a page of the form, or
 * "check-answers" where @p allow_check; an exit page where @p exit. */
static bool
page_ref(struct fb_compiler *c, const struct fb_node *n,
         const struct fb_form_desc *f, bool allow_check, bool exit)
{
    if (!is_kind(c, n, FB_NODE_SCALAR, "a page id"))
        return false;
    if (allow_check && strcmp(n->value, "check-answers") == 0)
        return true;
    const struct fb_page_desc *p = find_page(f, n->value);
    if (p && (!exit || p->exit))
        return true;
    const char **ids = fb_arena_alloc(&c->arena,
                                      (f->n_pages + 1) * sizeof *ids);
    size_t n_ids = 0;
    for (size_t i = 0; i < f->n_pages; i++)
        if (!exit || f->pages[i].exit)
            ids[n_ids++] = f->pages[i].id;
    const char *near = fb_closest(n->value, ids, n_ids);
    const char *what = p ? "a page but not an exit page"
                       : exit ? "not an exit page of the form"
                              : "not a page of the form";
    fb_diag(c, FB_ERROR, &n->loc, INVALID, "'%s' is %s%s%s%s", n->value,
            what, near ? ": did you mean '" : "", near ? near : "",
            near ? "'?" : "");
    return false;
}

static const char *const scenario_keys[] = {"name", "today", "answers",
                                            "expect"};
static const char *const expect_keys[] = {
    "exit", "pages", "confirmation_contains", "payload", "errors"};

static bool
read_expect(struct fb_compiler *c, const struct fb_node *e,
            const struct fb_form_desc *f, struct fb_scenario *s)
{
    if (!is_kind(c, e, FB_NODE_MAPPING, "expect"))
        return false;
    bool ok = known_keys(c, e, expect_keys, 5, "expect");
    s->exit = fb_node_get(e, "exit");
    s->pages = fb_node_get(e, "pages");
    s->confirmation_contains = fb_node_get(e, "confirmation_contains");
    s->payload = fb_node_get(e, "payload");
    s->errors = fb_node_get(e, "errors");
    if (s->exit && !page_ref(c, s->exit, f, false, true))
        ok = false;
    if (!is_kind(c, s->pages, FB_NODE_SEQUENCE, "pages"))
        ok = false;
    else
        for (size_t i = 0; s->pages && i < s->pages->n_items; i++)
            if (!page_ref(c, s->pages->items[i], f, true, false))
                ok = false;
    if (!is_kind(c, s->confirmation_contains, FB_NODE_SEQUENCE,
                 "confirmation_contains"))
        ok = false;
    else
        for (size_t i = 0; s->confirmation_contains &&
                           i < s->confirmation_contains->n_items; i++)
            if (!is_kind(c, s->confirmation_contains->items[i],
                         FB_NODE_SCALAR, "a text to find"))
                ok = false;
    if (!is_kind(c, s->payload, FB_NODE_MAPPING, "payload") ||
        !is_kind(c, s->errors, FB_NODE_MAPPING, "errors") ||
        !question_keys(c, s->errors, f, "errors"))
        ok = false;
    for (size_t i = 0; s->errors && i < s->errors->n_pairs; i++)
        if (!is_kind(c, s->errors->pairs[i].value, FB_NODE_SCALAR,
                     "an error message"))
            ok = false;
    if (ok && !s->exit && !s->pages && !s->confirmation_contains &&
        !s->payload && !s->errors) {
        fb_diag(c, FB_ERROR, &e->loc, INVALID,
                "expect says nothing to check: give exit, pages, "
                "confirmation_contains, payload or errors");
        ok = false;
    }
    return ok;
}

static bool
read_one(struct fb_compiler *c, const struct fb_node *n,
         const struct fb_form_desc *f, struct fb_scenario *s)
{
    memset(s, 0, sizeof *s);
    if (!is_kind(c, n, FB_NODE_MAPPING, "a scenario"))
        return false;
    s->loc = n->loc;
    bool ok = known_keys(c, n, scenario_keys, 4, "a scenario");
    const struct fb_node *name = fb_node_get(n, "name");
    const struct fb_node *today = fb_node_get(n, "today");
    const struct fb_node *expect = fb_node_get(n, "expect");
    s->answers = fb_node_get(n, "answers");
    if (!name || name->kind != FB_NODE_SCALAR || !name->value[0]) {
        fb_diag(c, FB_ERROR, name ? &name->loc : &n->loc, INVALID,
                "a scenario needs a name: say what it shows, e.g. "
                "'name: a dangerous fault ends the journey'");
        ok = false;
    } else {
        s->name = name->value;
    }
    if (today) {
        s->has_today = today->kind == FB_NODE_SCALAR &&
                       fb_date_parse_iso(today->value, &s->today);
        if (!s->has_today) {
            fb_diag(c, FB_ERROR, &today->loc, INVALID,
                    "today must be a date like 2026-12-01");
            ok = false;
        }
    }
    if (!is_kind(c, s->answers, FB_NODE_MAPPING, "answers") ||
        !question_keys(c, s->answers, f, "answers"))
        ok = false;
    if (!expect) {
        fb_diag(c, FB_ERROR, &n->loc, INVALID,
                "scenario '%s' has no expect: say what should happen",
                s->name ? s->name : "");
        ok = false;
    } else if (!read_expect(c, expect, f, s)) {
        ok = false;
    }
    return ok;
}

size_t
fb_scenarios_read(struct fb_compiler *c, const char *path,
                  const struct fb_form_desc *f, struct fb_scenario **out)
{
    *out = NULL;
    struct fb_node *root = fb_load_file(c, path);
    if (!root)
        return 0;
    if (!is_kind(c, root, FB_NODE_MAPPING, "a scenario file"))
        return 0;
    static const char *const top[] = {"scenarios"};
    bool ok = known_keys(c, root, top, 1, "a scenario file");
    const struct fb_node *list = fb_node_get(root, "scenarios");
    if (!list || list->kind != FB_NODE_SEQUENCE || list->n_items == 0) {
        fb_diag(c, FB_ERROR, list ? &list->loc : &root->loc, INVALID,
                "a scenario file needs 'scenarios:', a list of scenarios "
                "each with a name, answers and expect");
        return 0;
    }
    struct fb_scenario *s =
        fb_arena_alloc(&c->arena, list->n_items * sizeof *s);
    for (size_t i = 0; i < list->n_items; i++)
        if (!read_one(c, list->items[i], f, &s[i]))
            ok = false;
    for (size_t i = 0; ok && i < list->n_items; i++)
        for (size_t k = 0; k < i; k++)
            if (strcmp(s[i].name, s[k].name) == 0) {
                fb_diag(c, FB_ERROR, &s[i].loc, INVALID,
                        "two scenarios are called '%s': give each its "
                        "own name", s[i].name);
                ok = false;
                break;
            }
    if (!ok)
        return 0;
    *out = s;
    return list->n_items;
}
