/* SPDX-License-Identifier: MIT */
/*
 * `formc explain` (cmd_explain.h).
 */
#include "cmd_explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "diag_registry.h"

static const char *const kind_words[] = {
    [FB_DIAG_ERROR] = "error",
    [FB_DIAG_WARNING] = "warning",
    [FB_DIAG_LINT] = "warning (an error with --strict)",
};

/* Writes @p text with each line indented by four spaces. */
static void
indented(FILE *out, const char *text)
{
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        fprintf(out, "    %.*s\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

static void
explain(FILE *out, const struct fb_diag_info *d)
{
    fprintf(out, "%s: %s\n\n%s\n\n%s\n\nFor example:\n\n", d->id,
            kind_words[d->kind], d->summary, d->explanation);
    indented(out, d->example);
    fprintf(out, "\nAll diagnostics: docs/diagnostics.md, or formc explain "
                 "--list.\n");
}

/* @p intro, then the ids of section @p s as a sentence, wrapped at 72
 * columns. */
static void
ids_list(FILE *out, const char *intro, size_t s)
{
    size_t col = (size_t)fprintf(out, "%s", intro);
    const char *sep = "";
    for (size_t i = 0; i < fb_diag_n_registry; i++) {
        if (fb_diag_registry[i].section != s)
            continue;
        size_t w = strlen(fb_diag_registry[i].id) + 4;
        fputs(sep, out);
        col += strlen(sep);
        if (col + w > 72) {
            fputc('\n', out);
            col = 0;
        } else {
            fputc(' ', out);
            col++;
        }
        col += (size_t)fprintf(out, "`%s`", fb_diag_registry[i].id);
        sep = ",";
    }
    fputs(".\n", out);
}

/* docs/diagnostics.md: the intro, then each section's table. */
static void
markdown(FILE *out)
{
    fprintf(out, "%s\n\nEvery id has a long explanation with a corrected "
                 "example: `formc explain ID`.\nThis file is generated from "
                 "compiler/diag_registry.c by `formc explain\n--markdown`; "
                 "edit the registry, not this file.\n",
            fb_diag_doc_intro);
    for (size_t s = 0; s < fb_diag_n_sections; s++) {
        const struct fb_diag_section *sec = &fb_diag_sections[s];
        fprintf(out, "\n## %s\n\n", sec->title);
        if (sec->ids_only) {
            ids_list(out, sec->intro, s);
            continue;
        }
        if (sec->intro[0])
            fprintf(out, "%s\n\n", sec->intro);
        fputs("| id | what is wrong |\n| --- | --- |\n", out);
        for (size_t i = 0; i < fb_diag_n_registry; i++)
            if (fb_diag_registry[i].section == s)
                fprintf(out, "| `%s` | %s |\n", fb_diag_registry[i].id,
                        fb_diag_registry[i].summary);
        if (sec->after)
            fprintf(out, "\n%s\n", sec->after);
    }
}

int
fb_cmd_explain(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: formc explain ID | --list | --markdown\n", stderr);
        return 2;
    }
    const char *id = argv[1];
    if (strcmp(id, "--markdown") == 0) {
        markdown(stdout);
        return 0;
    }
    if (strcmp(id, "--list") == 0) {
        for (size_t i = 0; i < fb_diag_n_registry; i++)
            printf("%s\t%s\n", fb_diag_registry[i].id,
                   kind_words[fb_diag_registry[i].kind]);
        return 0;
    }
    const struct fb_diag_info *d = fb_diag_info_find(id);
    if (d) {
        explain(stdout, d);
        return 0;
    }
    const char **ids = malloc(fb_diag_n_registry * sizeof *ids);
    if (!ids) {
        fputs("formc: out of memory\n", stderr);
        return 2;
    }
    for (size_t i = 0; i < fb_diag_n_registry; i++)
        ids[i] = fb_diag_registry[i].id;
    const char *near = fb_closest(id, ids, fb_diag_n_registry);
    fprintf(stderr, "formc: no diagnostic '%s'%s%s%s formc explain --list "
                    "lists them\n",
            id, near ? "; did you mean '" : "", near ? near : "",
            near ? "'?" : ";");
    free(ids);
    return 2;
}
