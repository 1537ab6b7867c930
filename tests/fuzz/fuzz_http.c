/* SPDX-License-Identifier: MIT */
/*
 * Header and cookie handling (runtime/server/request_head.c, session.c) on
 * any request head: the input is a request line, header lines
 * "Key: value" and, optionally, a blank line. The path is percent-decoded
 * as the server decodes it; the headers are counted and judged for
 * ambiguous framing; each Content-Type is judged urlencoded or not; the
 * session cookie's value is checked as the server checks it and, when it
 * is a token, gets the session the server would give it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz.h"
#include "request_head.h"
#include "session.h"

static struct fb_session_key key;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (fb_session_key_new(&key) != 0)
        fuzz_fail(__FILE__, __LINE__, "no randomness for the session key");
    return 0;
}

static void
check_path(char *path)
{
    size_t before = strlen(path);
    bool escapes = strchr(path, '%') != NULL;
    char *copy = strdup(path);
    size_t after = fb_head_unescape(path);
    FUZZ_ASSERT(after == strlen(path), "a NUL decoded into the path");
    FUZZ_ASSERT(after <= before, "decoding made the path longer");
    FUZZ_ASSERT(escapes || !copy || strcmp(copy, path) == 0,
                "a path without escapes changed");
    free(copy);
}

static void
check_content_type(const char *value)
{
    static const char want[] = "application/x-www-form-urlencoded";
    if (fb_head_is_urlencoded(value)) {
        value += strspn(value, " \t");
        FUZZ_ASSERT(strncasecmp(value, want, sizeof want - 1) == 0,
                    "another type was taken for urlencoded");
    }
}

/* The session cookie's value in a Cookie header, cut at ';'. */
static void
check_cookie(const char *value)
{
    const char *at = strstr(value, FB_SESSION_COOKIE "=");
    if (!at)
        return;
    at += strlen(FB_SESSION_COOKIE "=");
    char *id = strndup(at, strcspn(at, "; "));
    if (!id)
        return;
    if (fb_token_valid(id)) {
        struct fb_session *a = fb_session_new(&key, id);
        struct fb_session *b = fb_session_new(&key, id);
        if (a && b) {
            FUZZ_ASSERT(strcmp(a->id, id) == 0, "the cookie's id changed");
            FUZZ_ASSERT(fb_token_valid(a->csrf), "a bad CSRF token");
            FUZZ_ASSERT(strcmp(a->csrf, b->csrf) == 0,
                        "one id got two CSRF tokens");
        }
        fb_session_free(a);
        fb_session_free(b);
    } else {
        FUZZ_ASSERT(!fb_session_new(&key, id), "a bad id got a session");
    }
    free(id);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    /* The request line: METHOD PATH VERSION. */
    char *line = text, *next = strchr(line, '\n');
    if (next)
        *next++ = '\0';
    char *path = strchr(line, ' ');
    bool http11 = true;
    if (path) {
        *path++ = '\0';
        char *version = strrchr(path, ' ');
        if (version) {
            *version++ = '\0';
            http11 = strncmp(version, "HTTP/1.1", 8) == 0;
        }
        check_path(path);
    }

    struct fb_head_counts counts = {0};
    unsigned hosts = 0, lengths = 0, encodings = 0;
    for (line = next; line && *line && *line != '\r'; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *colon = strchr(line, ':');
        if (!colon)
            continue;
        *colon = '\0';
        char *value = colon + 1 + strspn(colon + 1, " \t");
        value[strcspn(value, "\r")] = '\0';
        fb_head_count(&counts, line, value);
        hosts += strcasecmp(line, "host") == 0;
        lengths += strcasecmp(line, "content-length") == 0;
        encodings += strcasecmp(line, "transfer-encoding") == 0;
        if (strcasecmp(line, "content-type") == 0)
            check_content_type(value);
        if (strcasecmp(line, "cookie") == 0)
            check_cookie(value);
    }
    if (fb_head_unambiguous(&counts, http11)) {
        FUZZ_ASSERT(!(lengths && encodings),
                    "Content-Length with Transfer-Encoding was let through");
        FUZZ_ASSERT(!http11 || hosts == 1,
                    "HTTP/1.1 without exactly one Host was let through");
        FUZZ_ASSERT(encodings <= 1, "two Transfer-Encodings let through");
    }
    free(text);
    return 0;
}
