/* SPDX-License-Identifier: MIT */
/*
 * Shared lists: `list: NAME` on an autocomplete question names a file of
 * options that many forms use (countries, councils, wards). This file of
 * the model pass finds it, loads it with the loader and reads its options
 * as if they were written on the question, so every later pass sees plain
 * options. A problem inside the list file is reported at the form's
 * `list:` value, with a note where it is in the list (fb_diag_fold()).
 *
 * Where lists are looked for (docs/form-language.md, section 8): for a
 * form in directory DIR, DIR/lists/NAME.yaml, then DIR/../forms/lists/
 * NAME.yaml, the project's shared lists (left out when DIR is forms/
 * itself, whose lists/ was looked in first).
 */
#include "model_priv.h"

#include <string.h>

#include "find_shared.h"

/* Enough list names to suggest a near one from. */
#define MAX_SUGGEST 256

/* Fills @p out with the directories lists are looked for in, for the
 * form at @p form_path. @returns how many (1 or 2). */
static size_t
list_dirs(struct fb_arena *a, const char *form_path, const char *out[2])
{
    const char *dir = fb_shared_dir_of(a, form_path);
    const char *slash = strrchr(dir, '/');
    const char *last = slash ? slash + 1 : dir;
    out[0] = strcmp(dir, "/") == 0 ? "/lists"
                                   : fb_arena_printf(a, "%s/lists", dir);
    if (strcmp(last, "forms") == 0)
        return 1;
    out[1] = fb_shared_beside(a, dir, "forms/lists");
    return 2;
}

/* Checks what a list file's options cannot have: reveals, which only a
 * form's radios and checkboxes can make (the hints are reported as on any
 * autocomplete option, model.c). */
static void
no_reveals(struct fb_compiler *c, struct fb_question *q)
{
    for (size_t i = 0; i < q->n_options; i++) {
        struct fb_option *o = &q->options[i];
        if (o->n_reveal)
            fb_diag(c, FB_ERROR, &o->loc, "reveal-not-supported",
                    "an option of a shared list cannot reveal follow-up "
                    "questions; ask them on a later page with 'when'");
        if (o->hint.lang[FB_LANG_EN])
            fb_diag(c, FB_ERROR, &o->hint.loc, "key-not-applicable",
                    "an option of a shared list cannot have a 'hint': the "
                    "list it is chosen from has no room for one; remove it");
        o->n_reveal = 0;
    }
}

static const char *const list_keys[] = {"options"};

/* Reads the loaded list file @p root into q->options, reporting (at the
 * file's own lines) what is wrong with it. */
static void
read_list(struct fb_compiler *c, struct fb_question *q,
          const struct fb_node *root)
{
    if (!fb_model_mapping(c, root, "a list file"))
        return;
    const struct fb_keyset ks = {"a list file", list_keys, 1};
    const struct fb_node *keys[1], *vals[1];
    unsigned long sugg = fb_model_keys(c, root, &ks, keys, vals, NULL);
    if (!fb_model_need(c, root, vals[0], "a list file", "options", sugg, 0))
        return;
    if (vals[0]->kind == FB_NODE_SEQUENCE && vals[0]->n_items == 0) {
        fb_diag(c, FB_ERROR, &vals[0]->loc, "no-options",
                "a list needs at least one option");
        return;
    }
    if (fb_model_is_null(vals[0])) {
        fb_model_wrong_type(c, vals[0], "'options'", "a list");
        return;
    }
    fb_model_options(c, q, vals[0]);
    no_reveals(c, q);
}

/* Reads the shared list @p n names into q->options; see model_priv.h. */
void
fb_model_shared_list(struct fb_compiler *c, struct fb_question *q,
                     const struct fb_node *n)
{
    q->list_loc = n->loc;
    const char *name = fb_model_string(c, n, "list");
    if (!name)
        return;
    if (!fb_shared_name_ok(name)) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'list' names a list file, lists/NAME.yaml: lower-case "
                "letters, digits, '-' and '_', starting with a letter or "
                "digit, at most 64 characters; not '%.40s'", name);
        return;
    }
    q->list = name;
    const char *dirs[2];
    size_t n_dirs = list_dirs(&c->arena, n->loc.src->path, dirs);
    const char *path = fb_find_shared(
        c, dirs, n_dirs, fb_arena_printf(&c->arena, "%s.yaml", name));
    if (!path) {
        const char *names[MAX_SUGGEST];
        size_t n_names = fb_shared_names(c, dirs, n_dirs, "", names,
                                         MAX_SUGGEST);
        const char *near = fb_closest(name, names, n_names);
        const char *tried = n_dirs == 1
            ? fb_arena_printf(&c->arena, "%s/%s.yaml does not exist",
                              dirs[0], name)
            : fb_arena_printf(&c->arena, "neither %s/%s.yaml nor %s/%s.yaml "
                              "exists", dirs[0], name, dirs[1], name);
        if (near)
            fb_diag(c, FB_ERROR, &n->loc, "unknown-list",
                    "no list '%s': %s; did you mean '%s'?", name, tried,
                    near);
        else
            fb_diag(c, FB_ERROR, &n->loc, "unknown-list",
                    "no list '%s': %s; write the list %s, as 'options:' "
                    "and a list of {value, label}", name, tried,
                    n_dirs == 1 ? "there" : "in one of them");
        return;
    }
    size_t mark = fb_diag_mark(c);
    const struct fb_node *root = fb_load_file(c, path);
    if (root)
        read_list(c, q, root);
    fb_diag_fold(c, mark, &n->loc, "bad-list",
                 "list '%s' (%s) is not a usable list; the notes say what "
                 "is wrong in it", name, path);
}
