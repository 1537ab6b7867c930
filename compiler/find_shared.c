/* SPDX-License-Identifier: MIT */
/*
 * Finding shared files by name (find_shared.h): the search directories of
 * patterns and of what they share (holiday lists), and the look-up,
 * listing and naming every reader of such a file uses.
 */
#include "find_shared.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fb_config.h"

/* As long as an id: a shared file's name is a file name, not a sentence. */
#define MAX_NAME 64
/* Enough names to list or suggest from; a project has a handful. */
#define MAX_LISTED 256

bool
fb_shared_name_ok(const char *s)
{
    if (strlen(s) > MAX_NAME ||
        !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_'))
            return false;
    return true;
}

const char *
fb_shared_dir_of(struct fb_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ".";
    if (slash == path)
        return "/";
    return fb_arena_strndup(a, path, (size_t)(slash - path));
}

const char *
fb_shared_beside(struct fb_arena *a, const char *dir, const char *sub)
{
    const char *slash = strrchr(dir, '/');
    const char *last = slash ? slash + 1 : dir;
    /* Drop "X/.." where X is a plain directory name, so messages show
     * paths as an author would write them. */
    if (strcmp(dir, ".") == 0)
        return fb_arena_printf(a, "../%s", sub);
    if (strcmp(last, "..") == 0 || strcmp(last, ".") == 0 || !*last)
        return fb_arena_printf(a, "%s/../%s", dir, sub);
    if (last == dir)
        return sub;
    if (last == dir + 1)
        return fb_arena_printf(a, "/%s", sub);
    return fb_arena_printf(a, "%.*s/%s", (int)(last - dir - 1), dir, sub);
}

static void
add_dir(struct fb_compiler *c, struct fb_shared_dirs *out, const char *dir,
        const char *sub)
{
    if (out->n == FB_SHARED_MAX_DIRS)
        return;
    out->dirs[out->n++] = sub ? fb_arena_printf(&c->arena, "%s/%s", dir, sub)
                              : dir;
}

void
fb_shared_pattern_dirs(struct fb_compiler *c, const char *form_path,
                       const char *sub, struct fb_shared_dirs *out)
{
    out->n = 0;
    if (c->patterns_dir)
        add_dir(c, out, c->patterns_dir, sub);
    if (form_path) {
        const char *dir = fb_shared_dir_of(&c->arena, form_path);
        add_dir(c, out, strcmp(dir, "/") == 0
                            ? "/patterns"
                            : fb_arena_printf(&c->arena, "%s/patterns", dir),
                sub);
        add_dir(c, out, fb_shared_beside(&c->arena, dir, "patterns"), sub);
    } else {
        add_dir(c, out, "patterns", sub);
    }
    add_dir(c, out, FB_PATTERNS_DATADIR, sub);
}

static bool
is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *
fb_shared_find(struct fb_compiler *c, const struct fb_shared_dirs *dirs,
               const char *name)
{
    for (size_t d = 0; d < dirs->n; d++) {
        const char *p = fb_arena_printf(&c->arena, "%s/%s.yaml",
                                        dirs->dirs[d], name);
        if (is_file(p))
            return p;
    }
    return NULL;
}

struct named {
    const char *name;
    const char *path;
};

static int
compare_named(const void *pa, const void *pb)
{
    return strcmp(((const struct named *)pa)->name,
                  ((const struct named *)pb)->name);
}

size_t
fb_shared_list(struct fb_compiler *c, const struct fb_shared_dirs *dirs,
               const char ***out_names, const char ***out_paths)
{
    struct named found[MAX_LISTED];
    size_t n = 0;
    for (size_t d = 0; d < dirs->n; d++) {
        DIR *dp = opendir(dirs->dirs[d]);
        if (!dp)
            continue;
        for (struct dirent *e; n < MAX_LISTED && (e = readdir(dp));) {
            size_t len = strlen(e->d_name);
            if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0)
                continue;
            const char *name = fb_arena_strndup(&c->arena, e->d_name,
                                                len - 5);
            const char *path = fb_arena_printf(&c->arena, "%s/%s",
                                               dirs->dirs[d], e->d_name);
            bool seen = false;
            for (size_t i = 0; i < n && !seen; i++)
                seen = strcmp(found[i].name, name) == 0;
            if (!seen && fb_shared_name_ok(name) && is_file(path))
                found[n++] = (struct named){name, path};
        }
        closedir(dp);
    }
    qsort(found, n, sizeof(*found), compare_named);
    const char **names = fb_arena_alloc(&c->arena, (n + 1) * sizeof(*names));
    const char **paths = fb_arena_alloc(&c->arena, (n + 1) * sizeof(*paths));
    for (size_t i = 0; i < n; i++) {
        names[i] = found[i].name;
        paths[i] = found[i].path;
    }
    *out_names = names;
    if (out_paths)
        *out_paths = paths;
    return n;
}

const char *
fb_shared_names_text(struct fb_compiler *c, const char *const *names,
                     size_t n)
{
    if (n == 0)
        return "none";
    const char *s = fb_arena_printf(&c->arena, "'%s'", names[0]);
    for (size_t i = 1; i < n; i++)
        s = fb_arena_printf(&c->arena, "%s%s'%s'", s,
                            i + 1 == n ? " and " : ", ", names[i]);
    return s;
}
