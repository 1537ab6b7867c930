/* SPDX-License-Identifier: MIT */
/*
 * The `when:` condition parser (compiler/cond.c) on any text, quoted or
 * not, with its syntax errors printed (the caret is drawn from the
 * condition's own text). Every test of a tree it accepts names a question
 * and, but for `answered`, a value (`in [...]`: one or more values).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "cond.h"
#include "fuzz.h"

static FILE *devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    devnull = fopen("/dev/null", "w");
    if (!devnull)
        fuzz_fail(__FILE__, __LINE__, "cannot open /dev/null");
    return 0;
}

static void
check_test(struct fb_cond *t, void *ctx)
{
    (void)ctx;
    FUZZ_ASSERT(t->question && *t->question, "a test without a question");
    bool listed = t->kind == FB_COND_IN || t->kind == FB_COND_POSTCODE_IN;
    FUZZ_ASSERT(t->kind == FB_COND_ANSWERED || listed || t->value,
                "a test without a value");
    FUZZ_ASSERT(!listed || t->n_values > 0, "a list test without values");
    for (size_t i = 0; listed && i < t->n_values; i++)
        FUZZ_ASSERT(t->values[i], "a list test with a missing value");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The condition is a scalar's value: a C string, here with the rest of
     * the input's bytes after the first NUL ignored. */
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    bool quoted = size > 0 && (data[0] & 1);

    struct fb_compiler c;
    fb_compiler_init(&c);
    /* The scalar's location, in a source that is the text itself, so a
     * caret under a column past the line's end would be caught. */
    struct fb_source *src = fb_arena_alloc(&c.arena, sizeof *src);
    src->path = "fuzz.yaml";
    src->text = text;
    src->len = strlen(text);
    struct fb_loc where = {src, 1, 1, 0};
    struct fb_cond *cond = fb_cond_parse(&c, text, &where, quoted);
    if (cond)
        fb_cond_each_test(cond, check_test, NULL);
    else
        FUZZ_ASSERT(c.n_errors > 0, "refused without an error");
    fb_diag_print_text(&c, devnull);
    fb_compiler_free(&c);
    free(text);
    return 0;
}
