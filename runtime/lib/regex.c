/* SPDX-License-Identifier: MIT */
/*
 * Regular expressions for `pattern` rules: PCRE2 patterns compiled once by
 * a form's init function, anchored at both ends so they match whole
 * answers, JIT-compiled where the platform allows. Matching allocates its
 * own match data, so one compiled regex serves every request thread.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "formbuilder/validate.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

/*
 * Resident input is up to FB_FIELD_MAX_BYTES, and a pattern such as
 * (a+)+b backtracks exponentially on it; these limits turn a runaway match
 * into "no match" within milliseconds instead of a stuck request.
 */
#define MATCH_LIMIT 1000000u
#define DEPTH_LIMIT 10000u

struct fb_regex {
    pcre2_code *code;
    pcre2_match_context *mctx; /* limits only; read-only once made */
};

struct fb_regex *
fb_regex_compile(const char *pattern)
{
    struct fb_regex *re;
    int err;
    PCRE2_SIZE off;

    if (!pattern)
        return NULL;
    re = calloc(1, sizeof(*re));
    if (!re)
        return NULL;
    re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                             PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED,
                             &err, &off, NULL);
    re->mctx = pcre2_match_context_create(NULL);
    if (!re->code || !re->mctx) {
        fb_regex_free(re);
        return NULL;
    }
    pcre2_set_match_limit(re->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(re->mctx, DEPTH_LIMIT);
    /* Without JIT (unsupported platform, no executable memory) the
     * interpreter matches the same strings, only slower. */
    (void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
    return re;
}

bool
fb_regex_match(const struct fb_regex *re, const char *s)
{
    pcre2_match_data *md;
    size_t n;
    int rc;

    if (!re || !s)
        return false;
    md = pcre2_match_data_create_from_pattern(re->code, NULL);
    if (!md)
        return false;
    n = strlen(s);
    rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, 0, 0, md, re->mctx);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT) /* deep pattern: interpret it */
        rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, 0, PCRE2_NO_JIT, md,
                         re->mctx);
    pcre2_match_data_free(md);
    return rc >= 0;
}

void
fb_regex_free(struct fb_regex *re)
{
    if (!re)
        return;
    pcre2_code_free(re->code);
    pcre2_match_context_free(re->mctx);
    free(re);
}
