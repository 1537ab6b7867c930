/* SPDX-License-Identifier: MIT */
/*
 * The JSON reader (runtime/server/json.c, which export reads stored
 * submissions with) on any text. What it reads, written again by the
 * writer submissions are stored with, reads back as as many answers, and
 * from then on writing and reading change nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "formbuilder/answers.h"
#include "fuzz.h"
#include "json.h"

/* Writes @p a as JSON. @returns the text (caller frees) or NULL. */
static char *
write_json(const struct fb_answers *a)
{
    struct fb_buf b;
    fb_buf_init(&b);
    fb_json_answers(&b, a, NULL, NULL);
    return fb_buf_take(&b, NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    struct fb_answers *first = fb_answers_new();
    struct fb_answers *second = fb_answers_new();
    struct fb_answers *third = fb_answers_new();
    char *written = NULL, *rewritten = NULL;
    if (!text || !first || !second || !third)
        goto done;
    memcpy(text, data, size);
    text[size] = '\0';
    if (fb_json_flatten(text, first) != 0 || fb_answers_failed(first))
        goto done;

    written = write_json(first);
    if (!written)
        goto done;
    FUZZ_ASSERT(fb_json_flatten(written, second) == 0,
                "the reader refused what the writer wrote");
    FUZZ_ASSERT(fb_answers_size(second) == fb_answers_size(first),
                "writing and reading again lost or added answers");
    rewritten = write_json(second);
    FUZZ_ASSERT(!rewritten || fb_json_flatten(rewritten, third) == 0,
                "the reader refused its second writing");
    FUZZ_ASSERT(!rewritten || strcmp(written, rewritten) == 0,
                "a second writing differs from the first");
done:
    free(rewritten);
    free(written);
    fb_answers_free(third);
    fb_answers_free(second);
    fb_answers_free(first);
    free(text);
    return 0;
}
