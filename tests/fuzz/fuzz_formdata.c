/* SPDX-License-Identifier: MIT */
/*
 * The urlencoded body parser (runtime/server/formdata.c) on any body.
 * What it accepts has only non-empty, valid UTF-8 names and valid UTF-8
 * values, and encoding those pairs again (as session records are saved)
 * reads back as the very same pairs.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "formbuilder/answers.h"
#include "formbuilder/text.h"
#include "formdata.h"
#include "fuzz.h"

/* The server's limit is configurable; a small one here also reaches the
 * TOO_MANY path. */
#define MAX_FIELDS 64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fb_answers *pairs = fb_answers_new();
    struct fb_answers *again = fb_answers_new();
    if (!pairs || !again)
        goto done;
    enum fb_formdata_status st =
        fb_formdata_parse((const char *)data, size, MAX_FIELDS, pairs);
    if (st != FB_FORMDATA_OK)
        goto done;
    FUZZ_ASSERT(fb_answers_size(pairs) <= MAX_FIELDS, "too many fields");

    struct fb_buf b;
    fb_buf_init(&b);
    for (size_t i = 0; i < fb_answers_size(pairs); i++) {
        const char *name, *value;
        fb_answers_at(pairs, i, &name, &value);
        FUZZ_ASSERT(*name, "an empty name was accepted");
        FUZZ_ASSERT(fb_utf8_valid(name, strlen(name)), "a bad UTF-8 name");
        FUZZ_ASSERT(fb_utf8_valid(value, strlen(value)), "a bad UTF-8 value");
        fb_formdata_append(&b, name, value);
    }
    if (!b.failed) {
        st = fb_formdata_parse(b.data ? b.data : "", b.len, MAX_FIELDS,
                               again);
        FUZZ_ASSERT(st == FB_FORMDATA_OK, "its own encoding was refused");
        FUZZ_ASSERT(fb_answers_size(again) == fb_answers_size(pairs),
                    "the encoding lost or added a pair");
        for (size_t i = 0; i < fb_answers_size(pairs); i++) {
            const char *n1, *v1, *n2, *v2;
            fb_answers_at(pairs, i, &n1, &v1);
            fb_answers_at(again, i, &n2, &v2);
            FUZZ_ASSERT(strcmp(n1, n2) == 0 && strcmp(v1, v2) == 0,
                        "a pair changed when encoded and read back");
        }
    }
    fb_buf_free(&b);
done:
    fb_answers_free(pairs);
    fb_answers_free(again);
    return 0;
}
