/* SPDX-License-Identifier: MIT */
/*
 * `formc translations FORM [--format po|csv] [-o FILE]` writes every text
 * of the form (texts.h) with its id, source line, English and Welsh;
 * `formc translations FORM --merge FILE` reads the Welsh back and writes
 * the texts' Welsh that is not in the form itself to NAME.cy.yaml, the
 * sidecar the front end merges (sidecar.h). Nothing is written when the
 * file names a text the form does not have.
 */
#include "cmd_translations.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cmd_patterns.h"
#include "compiler.h"
#include "emit_yaml.h"
#include "frontend.h"
#include "sidecar.h"
#include "texts.h"
#include "translations_file.h"

struct collect {
    struct fb_compiler *c;
    const struct fb_form *form;
    struct fb_translation *t;
    struct fb_text **texts;    /* the model's, per entry */
    size_t n;
    size_t cap;
    size_t cap_texts;
};

static void
collect(void *ctx, const struct fb_text_ref *ref)
{
    struct collect *k = ctx;
    k->t = fb_arena_grow(&k->c->arena, k->t, sizeof(*k->t), &k->cap,
                         k->n + 1);
    k->texts = fb_arena_grow(&k->c->arena, k->texts, sizeof(*k->texts),
                             &k->cap_texts, k->n + 1);
    struct fb_translation *t = &k->t[k->n];
    t->id = ref->id;
    t->source = fb_arena_printf(&k->c->arena, "%s:%u",
                                ref->loc.src ? ref->loc.src->path : "?",
                                ref->loc.line);
    t->en = ref->text->lang[FB_LANG_EN];
    t->cy = ref->text->lang[FB_LANG_CY] ? ref->text->lang[FB_LANG_CY] : "";
    t->loc = ref->loc;
    k->texts[k->n++] = ref->text;
}

static struct fb_node *
scalar(struct fb_compiler *c, const char *value)
{
    struct fb_node *n = fb_arena_alloc(&c->arena, sizeof(*n));
    n->kind = FB_NODE_SCALAR;
    n->value = value;
    n->value_len = strlen(value);
    n->plain = true;
    n->block = strchr(value, '\n') != NULL;
    return n;
}

/* Writes the sidecar: every text whose Welsh is not in the form's own
 * files (or the pattern's), in form order. @returns the exit status. */
static int
write_sidecar(struct fb_compiler *c, const struct collect *k,
              const char *form_path)
{
    struct fb_node root = {.kind = FB_NODE_MAPPING};
    root.pairs = fb_arena_alloc(&c->arena, (k->n + 1) * sizeof(*root.pairs));
    for (size_t i = 0; i < k->n; i++) {
        const struct fb_text *t = k->texts[i];
        if (!t->lang[FB_LANG_CY] ||
            (t->at[FB_LANG_CY].src && t->at[FB_LANG_CY].src != k->form->sidecar))
            continue;
        root.pairs[root.n_pairs].key = scalar(c, k->t[i].id);
        root.pairs[root.n_pairs].value = scalar(c, t->lang[FB_LANG_CY]);
        root.n_pairs++;
    }
    const char *path = fb_sidecar_path(c, form_path);
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_printf(&b, "# Welsh for %s, merged by formc translations: text "
                      "id -> Welsh.\n", form_path);
    if (root.n_pairs)
        fb_emit_yaml(&b, &root);
    else
        fb_buf_puts(&b, "{}\n");
    int status = 0;
    if (b.failed || fb_buf_write_file(&b, path) != 0) {
        fprintf(stderr, "formc: cannot write '%s': %s\n", path,
                b.failed ? "out of memory" : strerror(errno));
        status = 2;
    } else {
        fprintf(stderr, "formc: wrote %zu Welsh text%s to %s\n",
                root.n_pairs, root.n_pairs == 1 ? "" : "s", path);
    }
    fb_buf_free(&b);
    return status;
}

/* Takes the Welsh of @p in (@p n entries) into the model's texts.
 * @returns false when an entry names no text (reported). */
static bool
take(struct fb_compiler *c, struct collect *k,
     const struct fb_translation *in, long n)
{
    const char **ids = fb_arena_alloc(&c->arena, (k->n + 1) * sizeof(*ids));
    for (size_t i = 0; i < k->n; i++)
        ids[i] = k->t[i].id;
    bool ok = true;
    for (long j = 0; j < n; j++) {
        size_t i;
        for (i = 0; i < k->n; i++)
            if (strcmp(k->t[i].id, in[j].id) == 0)
                break;
        if (i == k->n) {
            const char *near = fb_closest(in[j].id, ids, k->n);
            fb_diag(c, FB_ERROR, &in[j].loc, "unknown-translation",
                    "the form has no text '%.80s'%s%s%s; export the file "
                    "again with formc translations", in[j].id,
                    near ? " (did you mean '" : "", near ? near : "",
                    near ? "'?)" : "");
            ok = false;
            continue;
        }
        struct fb_text *t = k->texts[i];
        if (!in[j].cy[0])
            continue;
        const struct fb_source *at = t->at[FB_LANG_CY].src;
        if (t->lang[FB_LANG_CY] && at && at != k->form->sidecar) {
            if (strcmp(t->lang[FB_LANG_CY], in[j].cy) != 0)
                fb_diag(c, FB_WARNING, &t->at[FB_LANG_CY],
                        "translation-twice",
                        "'%s' has its Welsh written here, which the "
                        "merge leaves as it is; edit it here", in[j].id);
            continue;
        }
        t->lang[FB_LANG_CY] = in[j].cy;
        t->at[FB_LANG_CY].src = k->form->sidecar;
    }
    return ok;
}

static int
usage(void)
{
    fputs("usage: formc translations FORM.yaml [--format po|csv] "
          "[-o FILE] [--patterns DIR]\n"
          "       formc translations FORM.yaml --merge FILE.po|FILE.csv "
          "[--patterns DIR]\n", stderr);
    return 2;
}

int
fb_cmd_translations(int argc, char **argv)
{
    const char *file = NULL, *out = NULL, *merge = NULL, *patterns = NULL;
    enum fb_translations_format format = FB_TRANSLATIONS_PO;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = fb_patterns_option(argc, argv, &i, &patterns);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if ((strcmp(a, "--format") == 0 || strcmp(a, "-o") == 0 ||
             strcmp(a, "--merge") == 0) && i + 1 >= argc) {
            fprintf(stderr, "formc: %s needs a value\n", a);
            return usage();
        }
        if (strcmp(a, "--format") == 0) {
            const char *f = argv[++i];
            if (strcmp(f, "po") == 0)
                format = FB_TRANSLATIONS_PO;
            else if (strcmp(f, "csv") == 0)
                format = FB_TRANSLATIONS_CSV;
            else {
                fprintf(stderr, "formc: --format is po or csv, not '%s'\n",
                        f);
                return 2;
            }
        } else if (strcmp(a, "-o") == 0) {
            out = argv[++i];
        } else if (strcmp(a, "--merge") == 0) {
            merge = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "formc: unknown option '%s'\n", a);
            return usage();
        } else if (file) {
            fputs("formc: translations takes one form file\n", stderr);
            return usage();
        } else {
            file = a;
        }
    }
    if (!file || (merge && out))
        return usage();

    struct fb_compiler c;
    fb_compiler_init(&c);
    c.patterns_dir = patterns;
    /* Texts without Welsh are what this command is for. */
    c.allow_missing_translations = true;
    struct fb_form *form = fb_front_end(&c, file);
    int status = 0;
    struct collect k = {&c, form, NULL, NULL, 0, 0, 0};
    if (form && !c.n_errors)
        fb_texts_walk(&c, form, collect, &k);
    if (!form || c.n_errors) {
        status = 1;
    } else if (merge) {
        struct fb_translation *in = NULL;
        long n = fb_translations_read(&c, merge, &in);
        if (n < 0)
            status = 1;
        else if (!take(&c, &k, in, n))
            status = 1;
        else
            status = write_sidecar(&c, &k, file);
    } else {
        struct fb_buf b;
        fb_buf_init(&b);
        fb_translations_write(&b, format, file, k.t, k.n);
        if (b.failed) {
            fputs("formc: out of memory\n", stderr);
            status = 2;
        } else if (out && fb_buf_write_file(&b, out) != 0) {
            fprintf(stderr, "formc: cannot write '%s': %s\n", out,
                    strerror(errno));
            status = 2;
        } else if (!out) {
            fputs(b.data ? b.data : "", stdout);
        }
        fb_buf_free(&b);
    }
    /* The missing Welsh the command lists is not news: only problems. */
    size_t kept = 0;
    for (size_t d = 0; d < c.n_diags; d++) {
        if (strcmp(c.diags[d].id, "io") == 0)
            status = 2;
        if (strcmp(c.diags[d].id, "missing-translation") != 0)
            c.diags[kept++] = c.diags[d];
    }
    c.n_diags = kept;
    fb_diag_print_text(&c, stderr);
    fb_compiler_free(&c);
    return status;
}
