/* SPDX-License-Identifier: MIT */
/*
 * The session decoder (runtime/server/session.c) on any stored record and
 * cookie value. The input is the session id as the cookie carried it, a
 * newline, then the record. A session it rebuilds encodes to a record
 * that decodes to the same session: encoding that again gives the same
 * bytes, so a saved session never drifts.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "session.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Both are C strings where the server meets them: cut at a NUL. */
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *record = strchr(text, '\n');
    if (record)
        *record++ = '\0';
    else
        record = text + strlen(text);

    struct fb_session *s = fb_session_decode(text, record);
    if (s) {
        FUZZ_ASSERT(strcmp(s->id, text) == 0, "the session id changed");
        FUZZ_ASSERT(fb_token_valid(s->csrf), "a session without a token");
        char *first = fb_session_encode(s);
        if (first) {
            struct fb_session *back = fb_session_decode(s->id, first);
            FUZZ_ASSERT(back, "its own record was refused");
            FUZZ_ASSERT(back->n_forms == s->n_forms, "forms were lost");
            char *second = fb_session_encode(back);
            FUZZ_ASSERT(!second || strcmp(first, second) == 0,
                        "the record changed when read back");
            free(second);
            fb_session_free(back);
        }
        free(first);
        fb_session_free(s);
    }
    free(text);
    return 0;
}
