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

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

/* As long as an id: a list name is a file name, not a sentence. */
#define MAX_LIST_NAME 64
/* Enough list names to suggest a near one from. */
#define MAX_SUGGEST 256

/* A list name: [a-z0-9][a-z0-9_-]*, so it can only name a file in the
 * lists directories (no "/", no ".."). */
static bool
list_name_ok(const char *s)
{
    if (strlen(s) > MAX_LIST_NAME ||
        !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_'))
            return false;
    return true;
}

/* The directory part of @p path ("forms" for "forms/x.yaml", "." for
 * "x.yaml", "/" for "/x.yaml"), in the arena. */
static const char *
dir_of(struct fb_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ".";
    if (slash == path)
        return "/";
    return fb_arena_strndup(a, path, (size_t)(slash - path));
}

/* @returns the last component of directory @p dir. */
static const char *
last_component(const char *dir)
{
    const char *slash = strrchr(dir, '/');
    return slash ? slash + 1 : dir;
}

/* Fills @p out with the directories lists are looked for in, for the
 * form at @p form_path. @returns how many (1 or 2). */
static size_t
list_dirs(struct fb_arena *a, const char *form_path, const char *out[2])
{
    const char *dir = dir_of(a, form_path);
    const char *last = last_component(dir);
    out[0] = strcmp(dir, "/") == 0 ? "/lists"
                                   : fb_arena_printf(a, "%s/lists", dir);
    if (strcmp(last, "forms") == 0)
        return 1;
    /* DIR/../forms/lists, written without the "X/.." where X is a plain
     * directory name, so messages show paths as an author would. */
    if (strcmp(dir, ".") == 0)
        out[1] = "../forms/lists";
    else if (strcmp(last, "..") == 0 || strcmp(last, ".") == 0 || !*last)
        out[1] = fb_arena_printf(a, "%s/../forms/lists", dir);
    else if (last == dir)
        out[1] = "forms/lists";
    else if (last == dir + 1)
        out[1] = "/forms/lists";
    else
        out[1] = fb_arena_printf(a, "%.*s/forms/lists",
                                 (int)(last - dir - 1), dir);
    return 2;
}

static bool
is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The list name in @p dirs nearest to @p name, or NULL. */
static const char *
nearest_list(struct fb_compiler *c, const char *name,
             const char *const *dirs, size_t n_dirs)
{
    const char *names[MAX_SUGGEST];
    size_t n = 0;
    for (size_t d = 0; d < n_dirs; d++) {
        DIR *dp = opendir(dirs[d]);
        if (!dp)
            continue;
        for (struct dirent *e; n < MAX_SUGGEST && (e = readdir(dp));) {
            size_t len = strlen(e->d_name);
            if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0)
                names[n++] = fb_arena_strndup(&c->arena, e->d_name, len - 5);
        }
        closedir(dp);
    }
    return fb_closest(name, names, n);
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
    if (!list_name_ok(name)) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'list' names a list file, lists/NAME.yaml: lower-case "
                "letters, digits, '-' and '_', starting with a letter or "
                "digit, at most %d characters; not '%.40s'",
                MAX_LIST_NAME, name);
        return;
    }
    q->list = name;
    const char *dirs[2];
    size_t n_dirs = list_dirs(&c->arena, n->loc.src->path, dirs);
    const char *path = NULL;
    for (size_t d = 0; d < n_dirs && !path; d++) {
        const char *p = fb_arena_printf(&c->arena, "%s/%s.yaml", dirs[d],
                                        name);
        if (is_file(p))
            path = p;
    }
    if (!path) {
        const char *near = nearest_list(c, name, dirs, n_dirs);
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
