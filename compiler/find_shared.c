/* SPDX-License-Identifier: MIT */
/*
 * The search for shared files of the pattern library (find_shared.h).
 * Names are checked by the callers ([a-z0-9-]), so a path built here
 * never leaves the directories searched.
 */
#include "find_shared.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fb_config.h"

/* The directory part of @p path ("forms" for "forms/x.yaml", "." for
 * "x.yaml"), in the arena. */
static const char *
dir_of(struct fb_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ".";
    if (slash == path)
        return "";
    return fb_arena_strndup(a, path, (size_t)(slash - path));
}

size_t
fb_shared_dirs(struct fb_compiler *c, const char *form_path,
               const char *out[FB_SHARED_DIRS])
{
    const char *dir = dir_of(&c->arena, form_path ? form_path : "x");
    size_t n = 0;

    if (c->patterns_dir)
        out[n++] = c->patterns_dir;
    out[n++] = fb_arena_printf(&c->arena, "%s/patterns", dir);
    out[n++] = fb_arena_printf(&c->arena, "%s/../patterns", dir);
    out[n++] = FB_PATTERNS_DIR;
    return n;
}

static bool
is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *
fb_find_shared(struct fb_compiler *c, const char *const *dirs, size_t n_dirs,
               const char *rel)
{
    for (size_t d = 0; d < n_dirs; d++) {
        const char *p = fb_arena_printf(&c->arena, "%s/%s", dirs[d], rel);
        if (is_file(p))
            return p;
    }
    return NULL;
}

static int
compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t
fb_shared_names(struct fb_compiler *c, const char *const *dirs,
                size_t n_dirs, const char *sub, const char **out, size_t cap)
{
    size_t n = 0;

    for (size_t d = 0; d < n_dirs; d++) {
        const char *path = *sub ? fb_arena_printf(&c->arena, "%s/%s",
                                                  dirs[d], sub)
                                : dirs[d];
        DIR *dp = opendir(path);
        if (!dp)
            continue;
        for (struct dirent *e; n < cap && (e = readdir(dp));) {
            size_t len = strlen(e->d_name);
            if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0)
                continue;
            const char *name = fb_arena_strndup(&c->arena, e->d_name,
                                                len - 5);
            bool seen = false;
            for (size_t k = 0; k < n && !seen; k++)
                seen = strcmp(out[k], name) == 0;
            if (!seen)
                out[n++] = name;
        }
        closedir(dp);
    }
    qsort(out, n, sizeof *out, compare_names);
    return n;
}

bool
fb_shared_name_ok(const char *s)
{
    /* As long as an id: a shared file's name is a file name, not a
     * sentence. */
    if (strlen(s) > 64 ||
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
    const char *dir = dir_of(a, path);
    return *dir ? dir : "/";
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

const char *
fb_shared_no_library(struct fb_compiler *c, const char *const *dirs,
                     size_t n_dirs)
{
    const char *s = "no pattern library in ";
    for (size_t i = 0; i < n_dirs; i++)
        s = fb_arena_printf(&c->arena, "%s%s%s", s,
                            i == 0 ? "" : i + 1 == n_dirs ? " or " : ", ",
                            dirs[i]);
    return fb_arena_printf(&c->arena, "%s; run formc where the forms' "
                           "patterns/ is, or give it with --patterns DIR",
                           s);
}
