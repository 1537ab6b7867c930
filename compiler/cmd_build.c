/* SPDX-License-Identifier: MIT */
/*
 * `formc build` and `formc registry`. build runs the same front end as
 * `formc check` over every file; when no form has an error it lowers each
 * form and writes its generated C, header, JSON Schema and XSD, and with
 * --html its static review pages. Any form error means nothing is
 * written. registry writes the C table of the forms the server links.
 */
#include "cmd_build.h"

#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "compiler.h"
#include "emit_c.h"
#include "emit_html.h"
#include "emit_schema.h"
#include "fb_config.h"
#include "frontend.h"
#include "cmd_patterns.h"
#include "load.h"
#include "lower.h"
#include "version.h"

struct build_opts {
    const char **files;
    size_t n_files;
    const char *out;           /* -o */
    const char *html;          /* --html, or NULL */
    struct fb_date today;
    bool json;
    bool strict;
    bool allow_missing_translations;
    size_t max_errors;
    const char *patterns_dir;  /* --patterns, or NULL */
};

static void
build_usage(FILE *out)
{
    fputs("usage: formc build [--strict] [--allow-missing-translations] "
          "[--diagnostics=text|json] "
          "FORM.yaml... -o DIR\n"
          "                   [--html HTMLDIR] [--today YYYY-MM-DD] "
          "[--patterns DIR]\n"
          "       formc registry FORM.yaml... -o FILE.c\n",
          out);
}

/* The value of an option given as "--opt VALUE" or "--opt=VALUE". */
static const char *
option_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    assert(*i < argc && argv[*i]);
    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        fprintf(stderr, "formc: %s needs a value\n", name);
        return "";
    }
    return argv[++*i];
}

/* @returns 0, or 2 after printing a usage error. */
static int
parse_args(int argc, char **argv, struct build_opts *o, bool registry)
{
    o->files = calloc((size_t)argc, sizeof *o->files);
    if (!o->files) {
        fputs("formc: out of memory\n", stderr);
        return 2;
    }
    o->today = fb_date_today();
    o->max_errors = FB_MAX_ERRORS_DEFAULT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int r = fb_patterns_option(argc, argv, &i, &o->patterns_dir);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if ((v = option_value(argc, argv, &i, "-o")) != NULL) {
            o->out = v;
        } else if (!registry &&
                   (v = option_value(argc, argv, &i, "--html")) != NULL) {
            o->html = v;
        } else if (!registry &&
                   (v = option_value(argc, argv, &i, "--today")) != NULL) {
            if (!fb_date_parse_iso(v, &o->today)) {
                fprintf(stderr, "formc: --today takes a date like "
                                "2025-01-31, not '%s'\n", v);
                return 2;
            }
        } else if (strcmp(a, "--strict") == 0) {
            o->strict = true;
        } else if (strcmp(a, "--allow-missing-translations") == 0) {
            o->allow_missing_translations = true;
        } else if (strcmp(a, "--diagnostics=json") == 0) {
            o->json = true;
        } else if (strcmp(a, "--diagnostics=text") == 0) {
            o->json = false;
        } else if (strncmp(a, "--max-errors=", 13) == 0) {
            char *end;
            long n = strtol(a + 13, &end, 10);
            if (a[13] == '\0' || *end || n < 1 || n > 10000) {
                fputs("formc: --max-errors takes a number from 1 to "
                      "10000\n", stderr);
                return 2;
            }
            o->max_errors = (size_t)n;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "formc: unknown option '%s'\n", a);
            build_usage(stderr);
            return 2;
        } else {
            o->files[o->n_files++] = a;
        }
    }
    if (o->out && !*o->out) {
        build_usage(stderr);
        return 2;
    }
    if (o->html && !*o->html)
        return 2;
    if (o->n_files == 0 || !o->out) {
        fprintf(stderr, "formc: %s needs form files and -o %s\n",
                registry ? "registry" : "build", registry ? "FILE.c" : "DIR");
        build_usage(stderr);
        return 2;
    }
    return 0;
}

/* "forms/report-x.yaml" -> "report-x"; in the arena. */
static const char *
file_stem(struct fb_arena *a, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".yaml") == 0)
        n -= 5;
    else if (n > 4 && strcmp(base + n - 4, ".yml") == 0)
        n -= 4;
    return fb_arena_strndup(a, base, n);
}

/* The generated files are named after the slug, and the server's URL is
 * the slug: a file named otherwise would confuse whoever looks for it. */
static void
check_file_names(struct fb_compiler *c, struct fb_form **forms,
                 const char **files, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct fb_form *f = forms[i];
        if (!f || !f->slug)
            continue;
        const char *stem = file_stem(&c->arena, files[i]);
        if (strcmp(stem, f->slug) != 0)
            fb_diag(c, FB_ERROR, &f->slug_loc, "file-name",
                    "form '%s' is in a file named '%s': rename the file to "
                    "'%s.yaml' (generated files and URLs are named after "
                    "the form)", f->slug, files[i], f->slug);
        for (size_t k = 0; k < i; k++)
            if (forms[k] && forms[k]->slug &&
                strcmp(forms[k]->slug, f->slug) == 0)
                fb_diag(c, FB_ERROR, &f->slug_loc, "duplicate-form",
                        "form '%s' is also defined in %s", f->slug,
                        files[k]);
    }
}

/* Creates @p path and missing parents. @returns 0 or -1 (errno set). */
static int
make_dirs(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    int rc = 0;
    for (char *s = p + 1; rc == 0; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char saved = *s;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *s = saved;
        if (saved == '\0')
            break;
    }
    free(p);
    return rc;
}

static int
write_buf(struct fb_buf *b, const char *path)
{
    if (b->failed) {
        fprintf(stderr, "formc: %s: out of memory\n", path);
        return -1;
    }
    if (fb_buf_write_file(b, path) != 0) {
        fprintf(stderr, "formc: cannot write %s: %s\n", path,
                strerror(errno));
        return -1;
    }
    return 0;
}

/* Writes the four generated files of one form. @returns 0 or -1. */
static int
emit_form(struct fb_compiler *c, const struct fb_lowered *lw,
          const char *file, const char *dir)
{
    struct fb_arena *a = &c->arena;
    const char *src = fb_emit_source_name(a, file);
    const char *slug = lw->form->slug;
    struct fb_buf b;
    int rc = 0;

    fb_buf_init(&b);
    fb_emit_c_header(&b, lw, src);
    rc |= write_buf(&b, fb_arena_printf(a, "%s/%s.h", dir, slug));
    fb_buf_free(&b);
    fb_emit_c_source(c, &b, lw, src);
    rc |= write_buf(&b, fb_arena_printf(a, "%s/%s.c", dir, slug));
    fb_buf_free(&b);
    fb_emit_json_schema(c, &b, lw, src);
    rc |= write_buf(&b, fb_arena_printf(a, "%s/%s.schema.json", dir, slug));
    fb_buf_free(&b);
    fb_emit_xsd(c, &b, lw, src);
    rc |= write_buf(&b, fb_arena_printf(a, "%s/%s.xsd", dir, slug));
    fb_buf_free(&b);
    return rc ? -1 : 0;
}

/* Prints the diagnostics. @returns 2 for an unreadable file, 1 for form
 * errors, 0 when the forms may be emitted. */
static int
report(struct fb_compiler *c, bool json)
{
    bool io_error = false;
    for (size_t d = 0; d < c->n_diags; d++)
        if (strcmp(c->diags[d].id, "io") == 0)
            io_error = true;
    if (json)
        fb_diag_print_json(c, stdout);
    else
        fb_diag_print_text(c, stderr);
    return io_error ? 2 : c->n_errors > 0 ? 1 : 0;
}

/* The front end over every file; @returns the models (NULL entries for
 * files that could not be read) and the exit status so far. */
static int
front_end_all(struct fb_compiler *c, const struct build_opts *o,
              struct fb_form ***out_forms)
{
    struct fb_form **forms =
        fb_arena_alloc(&c->arena, o->n_files * sizeof *forms);
    for (size_t i = 0; i < o->n_files; i++)
        forms[i] = fb_front_end(c, o->files[i]);
    check_file_names(c, forms, o->files, o->n_files);
    *out_forms = forms;
    int status = report(c, o->json);
    for (size_t i = 0; status == 0 && i < o->n_files; i++)
        if (!forms[i])
            status = 1;
    return status;
}

static int
build(struct fb_compiler *c, const struct build_opts *o)
{
    struct fb_form **forms;
    int status = front_end_all(c, o, &forms);
    if (status != 0)
        return status;

    struct fb_lowered **lowered =
        fb_arena_alloc(&c->arena, o->n_files * sizeof *lowered);
    for (size_t i = 0; i < o->n_files; i++) {
        lowered[i] = fb_lower_form(c, forms[i]);
        /* Every emitter prints the version: work it out once, from what
         * the driver will read. */
        lowered[i]->desc->version = fb_form_version(c, lowered[i]);
    }

    if (make_dirs(o->out) != 0) {
        fprintf(stderr, "formc: cannot create %s: %s\n", o->out,
                strerror(errno));
        return 2;
    }
    for (size_t i = 0; i < o->n_files; i++)
        if (emit_form(c, lowered[i], o->files[i], o->out) != 0)
            return 2;
    if (!o->html)
        return 0;
    if (make_dirs(o->html) != 0) {
        fprintf(stderr, "formc: cannot create %s: %s\n", o->html,
                strerror(errno));
        return 2;
    }
    for (size_t i = 0; i < o->n_files; i++)
        if (fb_emit_html_form(c, lowered[i], o->html, &o->today) != 0)
            return 2;
    if (fb_emit_html_index(c, lowered, o->n_files, o->html) != 0)
        return 2;
    return 0;
}

int
fb_cmd_build(int argc, char **argv)
{
    struct build_opts o = {0};
    int status = parse_args(argc, argv, &o, false);
    if (status == 0) {
        struct fb_compiler c;
        fb_compiler_init(&c);
        c.strict = o.strict;
        c.allow_missing_translations = o.allow_missing_translations;
        c.max_errors = o.max_errors;
        c.patterns_dir = o.patterns_dir;
        status = build(&c, &o);
        fb_compiler_free(&c);
    }
    free(o.files);
    return status;
}

/* --- registry ---------------------------------------------------------- */

static bool
slug_ok(const char *s)
{
    if (!(*s >= 'a' && *s <= 'z'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '-'))
            return false;
    return true;
}

/* Reads the slug of each file. @returns them in the arena, or NULL after
 * reporting (errors in c). */
static const char **
read_slugs(struct fb_compiler *c, const struct build_opts *o)
{
    const char **slugs =
        fb_arena_alloc(&c->arena, o->n_files * sizeof *slugs);
    for (size_t i = 0; i < o->n_files; i++) {
        struct fb_node *root = fb_load_file(c, o->files[i]);
        if (!root)
            continue;
        const struct fb_node *n =
            root->kind == FB_NODE_MAPPING ? fb_node_get(root, "form") : NULL;
        if (!n || n->kind != FB_NODE_SCALAR || !slug_ok(n->value)) {
            fb_diag(c, FB_ERROR, n ? &n->loc : &root->loc, "bad-slug",
                    "the form needs 'form: SLUG' with a slug of lower-case "
                    "letters, digits and hyphens");
            continue;
        }
        for (size_t k = 0; k < i; k++)
            if (slugs[k] && strcmp(slugs[k], n->value) == 0)
                fb_diag(c, FB_ERROR, &n->loc, "duplicate-form",
                        "form '%s' is also defined in %s", n->value,
                        o->files[k]);
        slugs[i] = n->value;
    }
    return slugs;
}

int
fb_cmd_registry(int argc, char **argv)
{
    struct build_opts o = {0};
    int status = parse_args(argc, argv, &o, true);
    if (status != 0) {
        free(o.files);
        return status;
    }
    struct fb_compiler c;
    fb_compiler_init(&c);
    c.max_errors = o.max_errors;
    c.patterns_dir = o.patterns_dir;
    const char **slugs = read_slugs(&c, &o);
    status = report(&c, o.json);
    if (status == 0) {
        struct fb_buf b;
        fb_buf_init(&b);
        fb_buf_printf(&b,
                      "/* Generated by formc %s registry. Do not edit. */\n"
                      "/*\n"
                      " * The forms this server hosts, in the order formc "
                      "was given them.\n"
                      " */\n"
                      "#include <stddef.h>\n\n"
                      "#include \"formbuilder/form.h\"\n\n",
                      FB_VERSION);
        for (size_t i = 0; i < o.n_files; i++)
            fb_buf_printf(&b, "extern const struct fb_form_desc "
                              "fbg_%s_form;\n",
                          fb_c_ident(&c.arena, slugs[i]));
        fb_buf_puts(&b, "\nextern const struct fb_form_desc *const "
                        "fb_registered_forms[];\n"
                        "extern const size_t fb_n_registered_forms;\n\n"
                        "const struct fb_form_desc *const "
                        "fb_registered_forms[] = {\n");
        for (size_t i = 0; i < o.n_files; i++)
            fb_buf_printf(&b, "    &fbg_%s_form,\n",
                          fb_c_ident(&c.arena, slugs[i]));
        fb_buf_printf(&b, "};\n\nconst size_t fb_n_registered_forms = "
                          "%zu;\n", o.n_files);
        if (write_buf(&b, o.out) != 0)
            status = 2;
        fb_buf_free(&b);
    }
    fb_compiler_free(&c);
    free(o.files);
    return status;
}
