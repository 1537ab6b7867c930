/* SPDX-License-Identifier: MIT */
/*
 * `formc test [--coverage] [--strict] [--today YYYY-MM-DD] FORM.yaml...`
 * (cmd_test.h). Exit 0 when every scenario passes (and, with --coverage
 * --strict, nothing is left unexercised), 1 when one fails or a form or
 * scenario file has errors, 2 on usage or I/O errors.
 */
#include "cmd_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cmd_patterns.h"
#include "compiler.h"
#include "coverage.h"
#include "formbuilder/driver.h"
#include "formbuilder/validate.h"
#include "frontend.h"
#include "lower.h"
#include "scenario.h"
#include "scenario_run.h"

struct test_opts {
    bool coverage;
    bool fields;               /* --fields: print what each scenario posts */
    bool strict;
    struct fb_date today;
    const char *patterns_dir;
    const char **files;
    int n_files;
};

static void
usage(FILE *out)
{
    fputs("usage: formc test [--coverage] [--strict] [--fields] "
          "[--today YYYY-MM-DD] [--patterns DIR] FORM.yaml...\n"
          "Runs the scenarios of NAME.test.yaml beside each form (or in\n"
          "scenarios/ beside it). --coverage reports the pages, branches,\n"
          "exits and options no scenario exercised; --strict makes those\n"
          "errors. --today is the day of scenarios that name none.\n"
          "--fields prints, instead of running them, what each scenario\n"
          "posts, as JSON (the a11y suite walks the server with it).\n",
          out);
}

static int
parse(int argc, char **argv, struct test_opts *o)
{
    o->today = fb_date_today();
    o->files = calloc((size_t)argc, sizeof *o->files);
    if (!o->files) {
        fputs("formc: out of memory\n", stderr);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = fb_patterns_option(argc, argv, &i, &o->patterns_dir);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (strcmp(a, "--coverage") == 0) {
            o->coverage = true;
        } else if (strcmp(a, "--fields") == 0) {
            o->fields = true;
        } else if (strcmp(a, "--strict") == 0) {
            o->strict = true;
        } else if (strcmp(a, "--today") == 0 && i + 1 < argc) {
            if (!fb_date_parse_iso(argv[++i], &o->today)) {
                fputs("formc: --today takes a date like 2026-12-01\n",
                      stderr);
                return 2;
            }
        } else if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return -1;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "formc: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else {
            o->files[o->n_files++] = a;
        }
    }
    if (o->n_files == 0) {
        fputs("formc: test needs at least one form file\n", stderr);
        usage(stderr);
        return 2;
    }
    return 0;
}

/* Prints the fields scenario @p s posts as one JSON object of a line:
 * {"form", "name", "today" (when the scenario names its day), "errors"
 * (true when it expects errors), "fields": [[name, value], ...]}; the
 * a11y walks set the server's clock to today, and a page refusing a
 * scenario that expects no errors is a failure there. */
static int
print_fields(struct fb_compiler *c, const struct fb_form_desc *f,
             const struct fb_scenario *s)
{
    struct fb_answers *raw = fb_answers_new();
    if (!raw)
        return -1;
    int rc = fb_scenario_post(c, f, s, raw);
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_puts(&b, "{\"form\": ");
    fb_buf_json_string(&b, f->slug);
    fb_buf_puts(&b, ", \"name\": ");
    fb_buf_json_string(&b, s->name);
    if (s->has_today) {
        char iso[FB_DATE_ISO_SIZE];
        fb_date_iso(&s->today, iso);
        fb_buf_puts(&b, ", \"today\": ");
        fb_buf_json_string(&b, iso);
    }
    if (s->errors)
        fb_buf_puts(&b, ", \"errors\": true");
    fb_buf_puts(&b, ", \"fields\": [");
    const char *name, *value;
    for (size_t i = 0; rc == 0 && fb_answers_at(raw, i, &name, &value); i++) {
        fb_buf_puts(&b, i ? ", [" : "[");
        fb_buf_json_string(&b, name);
        fb_buf_puts(&b, ", ");
        fb_buf_json_string(&b, value);
        fb_buf_putc(&b, ']');
    }
    fb_buf_puts(&b, "]}\n");
    if (rc == 0 && !b.failed)
        fputs(b.data, stdout);
    fb_buf_free(&b);
    fb_answers_free(raw);
    return rc < 0 || b.failed ? -1 : 0;
}

/* Runs the scenarios of the form at @p path. @returns -1 when out of
 * memory, else 0 (failures are diagnostics in @p c). */
static int
test_form(struct fb_compiler *c, const struct test_opts *o, const char *path)
{
    size_t errors = c->n_errors;
    struct fb_form *form = fb_front_end(c, path);
    if (!form || c->n_errors > errors)
        return 0;
    struct fb_lowered *lw = fb_lower_form(c, form);
    const char *file = fb_scenario_file(c, path);
    if (!file) {
        fb_diag(c, FB_ERROR, &form->slug_loc, "scenario-missing",
                "form '%s' has no scenarios: write %s.test.yaml beside it "
                "(or in scenarios/ beside it); docs/authoring.md shows how",
                form->slug, form->slug);
        return 0;
    }
    char why[256];
    if (fb_form_init(lw->desc, why, sizeof why) != 0) {
        fb_form_fini(lw->desc);
        fprintf(stderr, "formc: %s: %s\n", path, why);
        return -1;
    }
    struct fb_scenario *s;
    size_t n = fb_scenarios_read(c, file, lw->desc, &s);
    struct fb_coverage *cov = fb_coverage_new(c, lw->desc);
    size_t passed = 0;
    int rc = 0;
    if (o->fields) {
        for (size_t i = 0; i < n && rc == 0; i++)
            rc = print_fields(c, lw->desc, &s[i]);
        fb_form_fini(lw->desc);
        return rc;
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        int r = fb_scenario_run(c, lw->desc, &s[i], &o->today, cov);
        if (r < 0)
            rc = -1;
        passed += r > 0;
        printf("  %s %s\n", r > 0 ? "ok  " : "FAIL", s[i].name);
    }
    if (n)
        printf("%s: %zu scenario%s, %zu passed, %zu failed\n", file, n,
           n == 1 ? "" : "s", passed, n - passed);
    if (o->coverage && n && rc == 0)
        (void)fb_coverage_report(c, cov, lw, stdout);
    fb_form_fini(lw->desc);
    return rc;
}

int
fb_cmd_test(int argc, char **argv)
{
    struct test_opts o = {0};
    int status = parse(argc, argv, &o);
    if (status != 0) {
        free(o.files);
        return status < 0 ? 0 : status;
    }
    struct fb_compiler c;
    fb_compiler_init(&c);
    c.strict = o.strict;
    c.patterns_dir = o.patterns_dir;
    bool oom = false;
    for (int i = 0; i < o.n_files && !oom; i++)
        oom = test_form(&c, &o, o.files[i]) != 0;
    free(o.files);
    bool io_error = oom;
    for (size_t d = 0; d < c.n_diags; d++)
        if (strcmp(c.diags[d].id, "io") == 0)
            io_error = true;
    fb_diag_print_text(&c, stderr);
    status = io_error ? 2 : c.n_errors > 0 ? 1 : 0;
    fb_compiler_free(&c);
    return status;
}
