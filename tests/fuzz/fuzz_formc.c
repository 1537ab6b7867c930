/* SPDX-License-Identifier: MIT */
/*
 * The whole of formc from bytes: the input is a form file, run through the
 * front end (load, model, checks, lint), its diagnostics printed as text
 * and JSON, and, when it has no errors, lowered and given to every
 * emitter: the C header and source, the JSON Schema and XSD (into
 * memory) and the static review pages (into a temporary folder emptied
 * after each input). Shared lists are looked up as for forms/fuzz.yaml,
 * so run it from the source tree to reach forms/lists/.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "compiler.h"
#include "emit_c.h"
#include "emit_html.h"
#include "emit_schema.h"
#include "frontend.h"
#include "fuzz.h"
#include "lower.h"
#include "version.h"

static char html_dir[] = "/tmp/fb-fuzz-formc-XXXXXX";
static FILE *devnull;

static int
remove_entry(const char *path, const struct stat *st, int flag,
             struct FTW *ftw)
{
    (void)st;
    (void)flag;
    if (ftw->level > 0)
        remove(path);
    return 0;
}

static void
empty_html_dir(void)
{
    nftw(html_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
remove_html_dir(void)
{
    empty_html_dir();
    rmdir(html_dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    devnull = fopen("/dev/null", "w");
    if (!devnull || !mkdtemp(html_dir))
        fuzz_fail(__FILE__, __LINE__, "cannot set up the output folder");
    atexit(remove_html_dir);
    return 0;
}

/* Every emitter over @p lw; the output must be a real document. */
static void
emit_all(struct fb_compiler *c, struct fb_lowered *lw)
{
    static const struct fb_date today = {2025, 6, 15};
    const char *src = fb_emit_source_name(&c->arena, "forms/fuzz.yaml");
    struct fb_buf b;
    fb_buf_init(&b);
    fb_emit_c_header(&b, lw, src);
    fb_emit_c_source(c, &b, lw, src);
    fb_emit_json_schema(c, &b, lw, src);
    fb_emit_xsd(c, &b, lw, src);
    FUZZ_ASSERT(!b.failed && b.len > 0, "an emitter wrote nothing");
    FUZZ_ASSERT(strlen(b.data) == b.len, "an emitter wrote a NUL byte");
    fb_buf_free(&b);
    FUZZ_ASSERT(fb_emit_html_form(c, lw, html_dir, &today) == 0,
                "the static pages could not be written");
    FUZZ_ASSERT(fb_emit_html_index(c, &lw, 1, html_dir) == 0,
                "the index page could not be written");
    empty_html_dir();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fb_compiler c;
    fb_compiler_init(&c);
    struct fb_form *form =
        fb_front_end_string(&c, "forms/fuzz.yaml", (const char *)data, size);
    fb_diag_print_text(&c, devnull);
    fb_diag_print_json(&c, devnull);
    if (form && c.n_errors == 0) {
        struct fb_lowered *lw = fb_lower_form(&c, form);
        lw->desc->version = fb_form_version(&c, lw);
        emit_all(&c, lw);
    }
    fb_compiler_free(&c);
    return 0;
}
