/* SPDX-License-Identifier: MIT */
/*
 * formc, the form compiler's command line: `check` runs the front end and
 * prints diagnostics; `build` and `registry` (cmd_build.c) also write the
 * generated C, HTML and schemas. Exit 0 clean, 1 form errors, 2 usage or
 * I/O errors.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_build.h"
#include "cmd_explain.h"
#include "cmd_graph.h"
#include "cmd_new.h"
#include "cmd_patterns.h"
#include "cmd_serve.h"
#include "cmd_test.h"
#include "cmd_translations.h"
#include "compiler.h"
#include "fb_config.h"
#include "frontend.h"
#include "sidecar.h"

static void
usage(FILE *out)
{
    fputs("usage: formc check [--strict] [--allow-missing-translations] "
          "[--diagnostics=text|json] [--max-errors=N] FORM.yaml...\n"
          "       formc build [--strict] [--allow-missing-translations] "
          "FORM.yaml... -o DIR "
          "[--html DIR] [--today YYYY-MM-DD]\n"
          "                   [--module]\n"
          "       formc registry FORM.yaml... -o FILE.c\n"
          "       formc serve [--port P] [--watch] [--today YYYY-MM-DD] "
          "DIR|FORM.yaml...\n"
          "       formc patterns\n"
          "       formc expand FORM.yaml\n"
          "       formc translations FORM.yaml [--format po|csv] [-o FILE]"
          " | --merge FILE\n"
          "       formc test [--coverage] [--strict] FORM.yaml...\n"
          "       formc graph [--svg] FORM.yaml\n"
          "       formc new --pattern PATTERN [--dir DIR] NAME\n"
          "       formc explain ID | --list | --markdown\n"
          "       formc --help | --version\n"
          "\n"
          "check     check form files and report problems, gcc-style\n"
          "build     check, then write generated C, static HTML pages and\n"
          "          submission schemas\n"
          "registry  write the C table of forms the runtime serves\n"
          "patterns  list the service patterns and their parameters\n"
          "expand    print a form with its pattern applied, as YAML\n"
          "translations  export a form's texts for translators (PO, CSV);\n"
          "          --merge writes their Welsh to FORM.cy.yaml\n"
          "serve     preview forms in the real server on 127.0.0.1, with\n"
          "          --watch rebuilding each form when it is saved\n"
          "test      run each form's scenarios (NAME.test.yaml) on the\n"
          "          server's driver; --coverage: what none exercised\n"
          "graph     print the journey as a Graphviz digraph\n"
          "new       start a form on a pattern, with its scenarios\n"
          "explain   what a diagnostic means, with a corrected example\n"
          "\n"
          "Every command takes --patterns DIR: look for patterns there\n"
          "first, then in patterns/ beside the form and above it, then\n"
          "in the installed ones.\n"
          "\n"
          "Exit status: 0 no errors, 1 errors in a form, "
          "2 usage or I/O error.\n",
          out);
}

/* Reads a --max-errors value; @returns false when it is not 1..10000. */
static bool
parse_max_errors(const char *s, size_t *out)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || n < 1 || n > 10000)
        return false;
    *out = (size_t)n;
    return true;
}

static int
cmd_check(int argc, char **argv)
{
    bool json = false, strict = false, allow_missing = false;
    size_t max_errors = FB_MAX_ERRORS_DEFAULT;
    int n_files = 0;
    const char *patterns_dir = NULL;
    /* The form files, in order: at most every argument. */
    const char **files = calloc((size_t)argc, sizeof(*files));
    if (!files) {
        fputs("formc: out of memory\n", stderr);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = fb_patterns_option(argc, argv, &i, &patterns_dir);
        if (r < 0) {
            free(files);
            return 2;
        }
        if (r > 0)
            continue;
        if (strcmp(a, "--strict") == 0) {
            strict = true;
        } else if (strcmp(a, "--allow-missing-translations") == 0) {
            allow_missing = true;
        } else if (strcmp(a, "--diagnostics=json") == 0) {
            json = true;
        } else if (strcmp(a, "--diagnostics=text") == 0) {
            json = false;
        } else if (strncmp(a, "--max-errors=", 13) == 0) {
            if (!parse_max_errors(a + 13, &max_errors)) {
                fprintf(stderr, "formc: --max-errors takes a number "
                                "from 1 to 10000\n");
                free(files);
                return 2;
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "formc: unknown option '%s'\n", a);
            usage(stderr);
            free(files);
            return 2;
        } else if (!fb_sidecar_is(a)) {
            /* A translation sidecar is read with its form. */
            files[n_files++] = a;
        }
    }
    if (n_files == 0) {
        fputs("formc: check needs at least one form file\n", stderr);
        usage(stderr);
        free(files);
        return 2;
    }

    struct fb_compiler c;
    fb_compiler_init(&c);
    c.strict = strict;
    c.allow_missing_translations = allow_missing;
    c.max_errors = max_errors;
    c.patterns_dir = patterns_dir;
    for (int i = 0; i < n_files; i++)
        fb_front_end(&c, files[i]);
    free(files);
    /* An unreadable file is a usage problem, not a form problem. */
    bool io_error = false;
    for (size_t d = 0; d < c.n_diags; d++)
        if (strcmp(c.diags[d].id, "io") == 0)
            io_error = true;
    if (json)
        fb_diag_print_json(&c, stdout);
    else
        fb_diag_print_text(&c, stderr);
    int status = io_error ? 2 : c.n_errors > 0 ? 1 : 0;
    fb_compiler_free(&c);
    return status;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("formc %s\n", FB_VERSION);
        return 0;
    }
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "build") == 0)
        return fb_cmd_build(argc - 1, argv + 1);
    if (strcmp(cmd, "registry") == 0)
        return fb_cmd_registry(argc - 1, argv + 1);
    if (strcmp(cmd, "patterns") == 0)
        return fb_cmd_patterns(argc - 1, argv + 1);
    if (strcmp(cmd, "expand") == 0)
        return fb_cmd_expand(argc - 1, argv + 1);
    if (strcmp(cmd, "translations") == 0)
        return fb_cmd_translations(argc - 1, argv + 1);
    if (strcmp(cmd, "serve") == 0)
        return fb_cmd_serve(argc - 1, argv + 1);
    if (strcmp(cmd, "test") == 0)
        return fb_cmd_test(argc - 1, argv + 1);
    if (strcmp(cmd, "graph") == 0)
        return fb_cmd_graph(argc - 1, argv + 1);
    if (strcmp(cmd, "new") == 0)
        return fb_cmd_new(argc - 1, argv + 1);
    if (strcmp(cmd, "explain") == 0)
        return fb_cmd_explain(argc - 1, argv + 1);
    fprintf(stderr, "formc: unknown command '%s'\n", cmd);
    usage(stderr);
    return 2;
}
