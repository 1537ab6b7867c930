/* SPDX-License-Identifier: MIT */
/*
 * `formc patterns` and `formc expand` (cmd_patterns.h). Both search for
 * patterns as the front end does (find_shared.h); `expand` runs load and
 * expand only, then writes the expanded form with the YAML writer, so
 * what it prints is exactly what the model pass would read.
 */
#include "cmd_patterns.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "compiler.h"
#include "emit_yaml.h"
#include "expand.h"
#include "find_shared.h"
#include "lang.h"
#include "load.h"
#include "pattern.h"

/* Enough pattern names to list; a project has a handful. */
#define MAX_PATTERNS 256

int
fb_patterns_option(int argc, char **argv, int *i, const char **out)
{
    const char *a = argv[*i];
    if (strncmp(a, "--patterns=", 11) == 0 && a[11]) {
        *out = a + 11;
        return 1;
    }
    if (strcmp(a, "--patterns") != 0 && strcmp(a, "--patterns=") != 0)
        return 0;
    if (strcmp(a, "--patterns") != 0 || *i + 1 >= argc) {
        fputs("formc: --patterns needs a directory\n", stderr);
        return -1;
    }
    *out = argv[++*i];
    return 1;
}

/* A default value as one line of text. */
static const char *
default_text(struct fb_compiler *c, const struct fb_node *def)
{
    if (!def)
        return "required";
    if (def->kind == FB_NODE_SCALAR)
        return fb_arena_printf(&c->arena, "default \"%s\"", def->value);
    if (def->kind == FB_NODE_SEQUENCE)
        return def->n_items ? fb_arena_printf(&c->arena, "default: a list "
                                              "of %zu", def->n_items)
                            : "default []";
    /* A text in languages shows its English, and says it has Welsh. */
    const struct fb_node *en = fb_lang_is_text_map(def) ?
                                   fb_node_get(def, "en") : NULL;
    if (en && en->kind == FB_NODE_SCALAR)
        return fb_arena_printf(&c->arena, "default \"%s\"%s", en->value,
                               fb_pattern_has_welsh(def) ? " (and Welsh)" :
                                                           "");
    return "default: a mapping";
}

static void
print_pattern(struct fb_compiler *c, const struct fb_pattern *p, FILE *out)
{
    fprintf(out, "%s (%s)\n    %s\n", p->name, p->path, p->description);
    if (p->languages & FB_LANG_BIT(FB_LANG_CY))
        fputs("    in English and Welsh\n", out);
    for (size_t i = 0; i < p->n_params; i++) {
        const struct fb_pattern_param *q = &p->params[i];
        fprintf(out, "    %-18s %-9s %s: %s\n", q->name,
                fb_param_type_name(q->type), default_text(c, q->def),
                q->description);
    }
}

int
fb_cmd_patterns(int argc, char **argv)
{
    struct fb_compiler c;
    fb_compiler_init(&c);
    int status = 0;
    for (int i = 1; i < argc && status == 0; i++) {
        int r = fb_patterns_option(argc, argv, &i, &c.patterns_dir);
        if (r == 0) {
            fprintf(stderr, "formc: patterns takes only --patterns DIR, "
                            "not '%s'\n", argv[i]);
            status = 2;
        } else if (r < 0) {
            status = 2;
        }
    }
    if (status) {
        fb_compiler_free(&c);
        return status;
    }
    const char *dirs[FB_SHARED_DIRS];
    size_t n_dirs = fb_shared_dirs(&c, NULL, dirs);
    const char *names[MAX_PATTERNS];
    size_t n = fb_shared_names(&c, dirs, n_dirs, "", names, MAX_PATTERNS);
    if (n == 0) {
        fputs("formc: no patterns found in", stderr);
        for (size_t d = 0; d < n_dirs; d++)
            fprintf(stderr, "%s %s", d ? "," : "", dirs[d]);
        fputc('\n', stderr);
    }
    for (size_t i = 0; i < n; i++) {
        const char *path = fb_find_shared(
            &c, dirs, n_dirs, fb_arena_printf(&c.arena, "%s.yaml", names[i]));
        const struct fb_pattern *p =
            path ? fb_pattern_load(&c, path, names[i]) : NULL;
        if (p) {
            print_pattern(&c, p, stdout);
            if (i + 1 < n)
                fputc('\n', stdout);
        }
    }
    if (c.n_diags)
        fb_diag_print_text(&c, stderr);
    status = c.n_errors ? 1 : 0;
    fb_compiler_free(&c);
    return status;
}

int
fb_cmd_expand(int argc, char **argv)
{
    struct fb_compiler c;
    fb_compiler_init(&c);
    const char *file = NULL;
    int status = 0;
    for (int i = 1; i < argc && status == 0; i++) {
        int r = fb_patterns_option(argc, argv, &i, &c.patterns_dir);
        if (r < 0) {
            status = 2;
        } else if (r == 0 && argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "formc: unknown option '%s'\n", argv[i]);
            status = 2;
        } else if (r == 0 && file) {
            fputs("formc: expand takes one form file\n", stderr);
            status = 2;
        } else if (r == 0) {
            file = argv[i];
        }
    }
    if (!status && !file) {
        fputs("usage: formc expand [--patterns DIR] FORM.yaml\n", stderr);
        status = 2;
    }
    if (status) {
        fb_compiler_free(&c);
        return status;
    }
    struct fb_node *root = fb_load_file(&c, file);
    if (root)
        root = fb_expand_form(&c, root);
    if (root && c.n_errors == 0) {
        struct fb_buf b;
        fb_buf_init(&b);
        const struct fb_node *from = fb_node_get(root, "expanded_from");
        if (from)
            fb_buf_printf(&b, "# %s with pattern %s, expanded by formc "
                              "expand: review it here, edit %s.\n",
                          file, from->value, file);
        fb_emit_yaml(&b, root);
        if (b.failed) {
            fputs("formc: out of memory\n", stderr);
            status = 2;
        } else {
            fputs(b.data, stdout);
        }
        fb_buf_free(&b);
    }
    fb_diag_print_text(&c, stderr);
    bool io_error = false;
    for (size_t d = 0; d < c.n_diags; d++)
        if (strcmp(c.diags[d].id, "io") == 0)
            io_error = true;
    if (!status)
        status = io_error ? 2 : c.n_errors || !root ? 1 : 0;
    fb_compiler_free(&c);
    return status;
}
