/* SPDX-License-Identifier: MIT */
/*
 * `formc new` (cmd_new.h).
 */
#include "cmd_new.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cmd_patterns.h"
#include "compiler.h"
#include "coverage.h"
#include "emit_yaml.h"
#include "find_shared.h"
#include "formbuilder/driver.h"
#include "formbuilder/qtype.h"
#include "formbuilder/validate.h"
#include "frontend.h"
#include "lower.h"
#include "model.h"
#include "pattern.h"
#include "sample.h"
#include "scenario.h"
#include "scenario_run.h"

struct new_opts {
    const char *pattern;
    const char *dir;
    const char *name;
    const char *patterns_dir;
    struct fb_date today;
};

static int
usage(void)
{
    fputs("usage: formc new --pattern PATTERN [--dir DIR] "
          "[--today YYYY-MM-DD] [--patterns DIR] NAME\n"
          "Writes DIR/NAME.yaml, a starter form on PATTERN (formc patterns\n"
          "lists them), and DIR/NAME.test.yaml, its scenarios.\n",
          stderr);
    return 2;
}

/* ---- the form ---------------------------------------------------------- */

/* "book-a-bulky-waste-collection" -> "Book a bulky waste collection". */
static char *
title_of(struct fb_arena *a, const char *slug)
{
    char *t = fb_arena_strdup(a, slug);
    for (char *p = t; *p; p++)
        if (*p == '-')
            *p = ' ';
    if (t[0] >= 'a' && t[0] <= 'z')
        t[0] = (char)(t[0] - 'a' + 'A');
    return t;
}

/* Appends "NAME: VALUE" as YAML, each line indented by @p indent and
 * started with @p prefix ("# " for a parameter left at its default). */
static void
put_param(struct fb_buf *b, const char *name, const struct fb_node *v,
          const char *prefix)
{
    struct fb_node key = {.kind = FB_NODE_SCALAR, .value = name,
                          .value_len = strlen(name), .plain = true};
    struct fb_pair pair = {&key, (struct fb_node *)v};
    struct fb_node map = {.kind = FB_NODE_MAPPING, .pairs = &pair,
                          .n_pairs = 1};
    struct fb_buf one;
    fb_buf_init(&one);
    fb_emit_yaml(&one, &map);
    char *text = fb_buf_take(&one, NULL);
    for (char *line = text; line && *line;) {
        char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        fb_buf_printf(b, "  %s%.*s\n", prefix, (int)n, line);
        line += n + (end ? 1 : 0);
    }
    free(text);
}

/* The starter form's text. @returns false when a parameter the pattern
 * needs has no example (reported). */
static bool
starter_form(struct fb_buf *b, struct fb_arena *a, const struct new_opts *o,
             const struct fb_pattern *p)
{
    fb_buf_printf(b,
                  "# %s: a form on the %s pattern. %s\n"
                  "# Written by `formc new`. Edit the title, the values "
                  "under `with:` and the\n"
                  "# pages, then check and test it:\n"
                  "#   formc check %s.yaml\n"
                  "#   formc test --coverage %s.yaml\n"
                  "# docs/authoring.md walks through the whole loop; "
                  "`formc patterns` and\n"
                  "# docs/patterns.md list every parameter, "
                  "docs/form-language.md every key.\n"
                  "form: %s\n"
                  "title: %s\n"
                  "pattern: %s\n"
                  "with:\n",
                  o->name, p->name, p->description, o->name, o->name,
                  o->name, title_of(a, o->name), p->name);
    bool ok = true;
    for (size_t i = 0; i < p->n_params; i++) {
        const struct fb_pattern_param *pp = &p->params[i];
        if (!pp->def && !pp->example) {
            fprintf(stderr, "formc: pattern '%s' gives no example for its "
                            "parameter '%s': add 'example:' to it in %s\n",
                    p->name, pp->name, p->path);
            ok = false;
            continue;
        }
        fb_buf_printf(b, "  # %s%s\n", pp->description,
                      pp->def ? " (leave it out for the default below)"
                              : "");
        put_param(b, pp->name, pp->def ? pp->def : pp->example,
                  pp->def ? "# " : "");
    }
    fb_buf_puts(b,
                "# The form's own pages, placed where the pattern "
                "leaves room for them.\n"
                "pages:\n"
                "  - id: details\n"
                "    title: Tell us more\n"
                "    questions:\n"
                "      - id: details\n"
                "        type: textarea\n"
                "        label: Tell us more\n"
                "        hint: Anything that will help us deal with it\n"
                "        validate: {max_length: 500}\n");
    return ok;
}

/* ---- its scenarios ------------------------------------------------------ */

static void
put_quoted(struct fb_buf *b, const char *s)
{
    fb_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fb_buf_putc(b, '\\');
        if (*s == '\n')
            fb_buf_puts(b, "\\n");
        else
            fb_buf_putc(b, *s);
    }
    fb_buf_putc(b, '"');
}

/* Writes @p q's answer in @p out as a scenario answer; @returns false when
 * it has none. */
static bool
put_answer(struct fb_buf *b, const struct fb_question_desc *q,
           const struct fb_answers *out)
{
    const struct fb_qtype_info *t = fb_qtype(q->type);
    const char *v = fb_answers_get(out, q->id);
    if (t->is_list) {
        size_t n = fb_answers_count(out, q->id);
        if (!n)
            return false;
        fb_buf_printf(b, "      %s: [", q->id);
        for (size_t i = 0; i < n; i++) {
            fb_buf_puts(b, i ? ", " : "");
            put_quoted(b, fb_answers_get_nth(out, q->id, i));
        }
        fb_buf_puts(b, "]\n");
        return true;
    }
    if (!v && t->n_parts) {
        size_t n = 0;
        for (size_t i = 0; i < t->n_parts; i++) {
            char name[256];
            snprintf(name, sizeof name, "%s.%s", q->id, t->parts[i].suffix);
            const char *part = fb_answers_get(out, name);
            if (!part)
                continue;
            if (n++ == 0)
                fb_buf_printf(b, "      %s: {", q->id);
            else
                fb_buf_puts(b, ", ");
            fb_buf_printf(b, "%s: ", t->parts[i].suffix);
            put_quoted(b, part);
        }
        if (n)
            fb_buf_puts(b, "}\n");
        return n > 0;
    }
    if (!v)
        return false;
    fb_buf_printf(b, "      %s: ", q->id);
    if (q->type == FB_Q_DECLARATION) {
        fb_buf_puts(b, "true\n");
    } else if (t->stored == FB_STORED_PENCE) {
        long pence = strtol(v, NULL, 10);
        fb_buf_printf(b, "\"%ld.%02ld\"\n", pence / 100, pence % 100);
    } else {
        put_quoted(b, v);
        fb_buf_putc(b, '\n');
    }
    return true;
}

static void
starter_scenarios(struct fb_buf *b, const struct fb_form_desc *f,
                  const struct fb_sample *s, const struct fb_date *today)
{
    char iso[FB_DATE_ISO_SIZE];
    fb_buf_printf(b,
                  "# Scenarios of %s.yaml, run by `formc test`: each gives "
                  "the answers a\n"
                  "# resident types and what should happen "
                  "(docs/authoring.md). Add one for\n"
                  "# every branch and exit page; `formc test --coverage` "
                  "lists what none covers.\n"
                  "scenarios:\n"
                  "  - name: the whole journey is sent\n"
                  "    today: %s\n"
                  "    answers:\n",
                  f->slug, fb_date_iso(today, iso));
    for (size_t i = 0; i < s->n_journey; i++)
        for (size_t k = 0; !s->journey[i]->exit &&
                           k < s->journey[i]->n_questions; k++)
            (void)put_answer(b, s->journey[i]->questions[k], s->out);
    fb_buf_puts(b, "    expect:\n      pages: [");
    for (size_t i = 0; i < s->n_journey; i++)
        fb_buf_printf(b, "%s%s", i ? ", " : "", s->journey[i]->id);
    if (!s->exit)
        fb_buf_printf(b, "%scheck-answers", s->n_journey ? ", " : "");
    fb_buf_puts(b, "]\n");
    /* The first page sent empty: what each of its required questions
     * says, as the driver words it. */
    if (!f->n_pages || f->pages[0].exit)
        return;
    struct fb_answers *empty = fb_answers_new(), *out = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    if (empty && out && errs &&
        fb_validate_page(&f->pages[0], empty, today, out, errs) &&
        fb_errors_count(errs)) {
        fb_buf_printf(b, "  - name: the first page sent empty\n"
                         "    today: %s\n"
                         "    answers: {}\n"
                         "    expect:\n"
                         "      errors:\n", iso);
        char msg[1024];
        for (size_t i = 0; i < fb_errors_count(errs); i++) {
            const struct fb_error *e = fb_errors_at(errs, i);
            fb_buf_printf(b, "        %s: ", e->question);
            put_quoted(b, fb_error_message(e, FB_LANG_EN, msg, sizeof msg));
            fb_buf_putc(b, '\n');
        }
    }
    fb_errors_free(errs);
    fb_answers_free(empty);
    fb_answers_free(out);
}

/* ---- writing them -------------------------------------------------------- */

/* Creates @p path with @p b's text; never replaces a file. */
static int
create(const char *path, const struct fb_buf *b)
{
    FILE *f = fopen(path, "wx");
    if (!f) {
        fprintf(stderr, "formc: cannot create %s: %s%s\n", path,
                strerror(errno),
                errno == EEXIST ? " (formc new does not overwrite)" : "");
        return -1;
    }
    size_t n = fwrite(b->data, 1, b->len, f);
    if (fclose(f) != 0 || n != b->len) {
        fprintf(stderr, "formc: cannot write %s\n", path);
        unlink(path);
        return -1;
    }
    return 0;
}

static int
parse(int argc, char **argv, struct new_opts *o)
{
    o->dir = ".";
    o->today = fb_date_today();
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = fb_patterns_option(argc, argv, &i, &o->patterns_dir);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (strcmp(a, "--pattern") == 0 && i + 1 < argc)
            o->pattern = argv[++i];
        else if (strcmp(a, "--dir") == 0 && i + 1 < argc)
            o->dir = argv[++i];
        else if (strcmp(a, "--today") == 0 && i + 1 < argc) {
            if (!fb_date_parse_iso(argv[++i], &o->today)) {
                fputs("formc: --today takes a date like 2026-12-01\n",
                      stderr);
                return 2;
            }
        } else if (a[0] != '-' && !o->name)
            o->name = a;
        else
            return usage();
    }
    if (!o->pattern || !o->name)
        return usage();
    if (!fb_model_slug_ok(o->name)) {
        fprintf(stderr, "formc: '%s' cannot name a form: use lower-case "
                        "letters, digits and hyphens, starting with a "
                        "letter, such as book-a-bulky-waste-collection\n",
                o->name);
        return 2;
    }
    return 0;
}

/* Checks the written form and runs its written scenarios. @returns 0, 1
 * when either has errors (reported), -1 when out of memory. */
static int
verify(struct fb_compiler *c, const char *form_path,
       const struct new_opts *o, struct fb_buf *tests, const char *test_path)
{
    struct fb_form *form = fb_front_end(c, form_path);
    if (!form || c->n_errors || c->n_warnings)
        return 1;
    struct fb_lowered *lw = fb_lower_form(c, form);
    char why[256];
    if (fb_form_init(lw->desc, why, sizeof why) != 0) {
        fprintf(stderr, "formc: %s: %s\n", form_path, why);
        fb_form_fini(lw->desc);
        return 1;
    }
    struct fb_sample s;
    int rc = fb_sample_journey(c, lw->desc, &o->today, &s);
    if (rc == 0) {
        starter_scenarios(tests, lw->desc, &s, &o->today);
        rc = tests->failed ? -1 : create(test_path, tests) != 0 ? 1 : 0;
    }
    fb_sample_free(&s);
    struct fb_scenario *sc;
    size_t n = rc == 0 ? fb_scenarios_read(c, test_path, lw->desc, &sc) : 0;
    struct fb_coverage *cov = fb_coverage_new(c, lw->desc);
    for (size_t i = 0; i < n && rc == 0; i++) {
        int r = fb_scenario_run(c, lw->desc, &sc[i], &o->today, cov);
        rc = r < 0 ? -1 : r == 0 ? 1 : 0;
    }
    if (rc == 0 && (n == 0 || c->n_errors))
        rc = 1;
    fb_form_fini(lw->desc);
    return rc;
}

int
fb_cmd_new(int argc, char **argv)
{
    struct new_opts o = {0};
    int status = parse(argc, argv, &o);
    if (status != 0)
        return status;
    struct fb_compiler c;
    fb_compiler_init(&c);
    c.patterns_dir = o.patterns_dir;
    const char *form_path = fb_arena_printf(&c.arena, "%s/%s.yaml", o.dir,
                                            o.name);
    /* Where formc test looks (scenario.h): a directory of forms that
     * keeps its scenarios in scenarios/ (forms/ does: every .yaml there
     * is a form) gets the new one there too. */
    struct stat st;
    const char *sdir = fb_arena_printf(&c.arena, "%s/scenarios", o.dir);
    bool keep_apart = stat(sdir, &st) == 0 && S_ISDIR(st.st_mode);
    const char *test_path = fb_arena_printf(&c.arena, "%s/%s.test.yaml",
                                            keep_apart ? sdir : o.dir,
                                            o.name);
    const char *dirs[FB_SHARED_DIRS];
    size_t n_dirs = fb_shared_dirs(&c, form_path, dirs);
    const char *path = fb_shared_name_ok(o.pattern)
        ? fb_find_shared(&c, dirs, n_dirs,
                         fb_arena_printf(&c.arena, "%s.yaml", o.pattern))
        : NULL;
    const struct fb_pattern *p = path ? fb_pattern_load(&c, path, o.pattern)
                                      : NULL;
    struct fb_buf form, tests;
    fb_buf_init(&form);
    fb_buf_init(&tests);
    status = 2;
    const char *there = stat(form_path, &st) == 0   ? form_path
                        : stat(test_path, &st) == 0 ? test_path
                                                    : NULL;
    if (there) {
        fprintf(stderr, "formc: %s exists; formc new does not overwrite: "
                        "choose another name or --dir\n", there);
    } else if (!path) {
        const char *names[64];
        size_t n = fb_shared_names(&c, dirs, n_dirs, "", names, 64);
        fprintf(stderr, "formc: no pattern '%s'; %s%s\n", o.pattern,
                n ? "the patterns are: " : "",
                n ? fb_shared_names_text(&c, names, n)
                  : fb_shared_no_library(&c, dirs, n_dirs));
    } else if (p && starter_form(&form, &c.arena, &o, p) && !form.failed &&
               create(form_path, &form) == 0) {
        int rc = verify(&c, form_path, &o, &tests, test_path);
        if (rc == 0) {
            printf("wrote %s and %s\nnext: edit them, then\n"
                   "  formc check %s\n  formc test --coverage %s\n",
                   form_path, test_path, form_path, form_path);
            status = 0;
        } else {
            /* Nothing half-written: a starter that does not check clean
             * or pass is the pattern's fault, reported above. */
            fprintf(stderr, "formc: the starter form on '%s' %s; nothing "
                            "was written\n", o.pattern,
                    rc < 0 ? "ran out of memory"
                           : "does not check clean or pass its scenarios");
            unlink(form_path);
            unlink(test_path);
            status = rc < 0 ? 2 : 1;
        }
    }
    fb_diag_print_text(&c, stderr);
    fb_buf_free(&form);
    fb_buf_free(&tests);
    fb_compiler_free(&c);
    return status;
}
