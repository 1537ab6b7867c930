/* SPDX-License-Identifier: MIT */
/*
 * Regular expressions for `pattern` rules: PCRE2 patterns compiled once by
 * a form's init function, anchored at both ends so they match whole
 * answers, JIT-compiled where the platform allows. One compiled regex
 * serves every request thread: each thread matches with match data of its
 * own, made on its first match and freed when it exits. The commonest
 * pattern, one character class repeated ("[0-9]{6,8}", "(?i)[A-Z0-9 ]+"),
 * is also kept as a bitmap that checks an ASCII answer without PCRE2.
 * Every match runs under explicit match and depth limits; a match that
 * hits one is "could not decide" (FB_REGEX_LIMIT), counted for the server.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "formbuilder/validate.h"

#include <limits.h>
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8-priv.h"
#include "validate-priv.h"

/*
 * Resident input is up to FB_FIELD_MAX_BYTES, and a pattern such as
 * (a+)+b backtracks exponentially on it; these limits stop a runaway match
 * within milliseconds instead of a stuck request. They are set on every
 * regex's match context, which both the JIT and the interpreter are given,
 * rather than left to PCRE2's build-time defaults (10 million, and a depth
 * as deep as the heap limit allows). The match limit bounds backtracking
 * (the interpreter's internal match() calls, the JIT's equivalent); the
 * depth limit (the interpreter only) bounds its backtracking frames. A
 * legitimate whole-answer match of a form's pattern needs a few thousand.
 */
#define MATCH_LIMIT 1000000u
#define DEPTH_LIMIT 10000u

/* Matches stopped by a limit since the process started. */
static atomic_ulong limit_hits;

/* struct fb_regex.cls */
enum { IN_CLASS = 1, NOT_ASCII = 2 };

struct fb_regex {
    pcre2_code *code;
    pcre2_match_context *mctx; /* limits only; read-only once made */
    bool jit;                  /* JIT-compiled: pcre2_jit_match() works */
    /* The pattern is one class of ASCII characters repeated min to max
     * times (simple_class()): byte c of cls is IN_CLASS for a character of
     * the class, NOT_ASCII for bytes above 0x7F, else 0 (NUL included). */
    bool simple;
    unsigned char cls[256];
    unsigned long min, max;
};

/*
 * The calling thread's match data, for pcre2_jit_match(): one pair of
 * offsets is all a whole-answer match needs, so one serves every regex.
 * Making and freeing it per match was most of a short match's cost. The
 * key only frees it when the thread exits.
 */
static pthread_key_t match_data_key;
static pthread_once_t match_data_once = PTHREAD_ONCE_INIT;
static bool match_data_keyed;
static _Thread_local pcre2_match_data *thread_md;

static void
free_match_data(void *md)
{
    pcre2_match_data_free(md);
    thread_md = NULL; /* the exiting thread's own */
}

static void
make_key(void)
{
    match_data_keyed = pthread_key_create(&match_data_key,
                                          free_match_data) == 0;
}

/* @returns this thread's match data, or NULL when it cannot be made. */
static pcre2_match_data *
thread_match_data(void)
{
    pcre2_match_data *md = thread_md;

    if (md)
        return md;
    if (pthread_once(&match_data_once, make_key) != 0 || !match_data_keyed)
        return NULL;
    md = pcre2_match_data_create(1, NULL);
    if (md && pthread_setspecific(match_data_key, md) != 0) {
        pcre2_match_data_free(md);
        md = NULL;
    }
    thread_md = md;
    return md;
}

static void
add_char(struct fb_regex *re, unsigned c, bool caseless)
{
    re->cls[c] = IN_CLASS;
    if (caseless && c >= 'a' && c <= 'z')
        add_char(re, c - 'a' + 'A', false);
    else if (caseless && c >= 'A' && c <= 'Z')
        add_char(re, c - 'A' + 'a', false);
}

/* Two ends of a range of the same kind: digits, or letters of one case. */
static bool
same_kind(unsigned char a, unsigned char b)
{
    return a <= b && ((a >= '0' && b <= '9') || (a >= 'a' && b <= 'z') ||
                      (a >= 'A' && b <= 'Z'));
}

/* Reads a bound of a {m,n} quantifier. @returns false when none. */
static bool
bound(const char **p, unsigned long *out)
{
    unsigned long v = 0;
    const char *s = *p;

    if (*s < '0' || *s > '9')
        return false;
    for (; *s >= '0' && *s <= '9'; s++)
        if ((v = v * 10 + (unsigned long)(*s - '0')) > 65535)
            return false;
    *p = s;
    *out = v;
    return true;
}

/*
 * Recognises a pattern that is an optional "(?i)", one class of printable
 * ASCII characters and ranges (0-9, a-z, A-Z kinds only; no escapes,
 * negation or POSIX names; '-' first or last) and an optional quantifier
 * (+ * ? {m} {m,} {m,n}), filling re->cls, min and max. On an ASCII
 * answer such a pattern means exactly "min to max characters of the
 * set", caseless or not. Anything else is left to PCRE2 alone.
 */
static bool
simple_class(struct fb_regex *re, const char *p)
{
    bool caseless = strncmp(p, "(?i)", 4) == 0, first = true;

    memset(re->cls + 0x80, NOT_ASCII, 0x80);
    if (caseless)
        p += 4;
    if (*p++ != '[' || *p == '^' || *p == ']')
        return false;
    for (; *p != ']'; first = false) {
        unsigned char c = (unsigned char)*p;

        if (c < 0x20 || c >= 0x7f || c == '\\' || c == '[')
            return false; /* NUL, controls, escapes, POSIX classes */
        if (p[1] == '-' && p[2] != ']') {
            if (!same_kind(c, (unsigned char)p[2]))
                return false;
            for (unsigned k = c; k <= (unsigned char)p[2]; k++)
                add_char(re, k, caseless);
            p += 3;
            continue;
        }
        if (c == '-' && !first && p[1] != ']')
            return false;
        add_char(re, c, caseless);
        p++;
    }
    p++;
    re->min = re->max = 1;
    if (*p == '+' || *p == '*') {
        re->min = *p == '+';
        re->max = ULONG_MAX;
        p++;
    } else if (*p == '?') {
        re->min = 0;
        p++;
    } else if (*p == '{') {
        p++;
        if (!bound(&p, &re->min))
            return false;
        re->max = re->min;
        if (*p == ',') {
            p++;
            re->max = ULONG_MAX;
            if (*p != '}' && !bound(&p, &re->max))
                return false;
        }
        if (*p++ != '}' || re->max < re->min)
            return false;
    }
    return *p == '\0';
}

/* Matches @p s[0..n) against a simple class. @returns 1 or 0, or -1 when
 * @p s is not all ASCII and PCRE2 must decide. The classes of all bytes
 * are ANDed, four at a time: IN_CLASS survives only when every byte is in
 * the class, and a NUL (no class) or a byte above 0x7F clears it. */
static int
simple_match(const struct fb_regex *re, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned all = IN_CLASS, any = 0;
    size_t i = 0;

    for (; i + 4 <= n; i += 4) {
        unsigned a = re->cls[u[i]], b = re->cls[u[i + 1]],
                 c = re->cls[u[i + 2]], d = re->cls[u[i + 3]];
        all &= a & b & c & d;
        any |= a | b | c | d;
    }
    for (; i < n; i++) {
        all &= re->cls[u[i]];
        any |= re->cls[u[i]];
    }
    if (any & NOT_ASCII)
        return -1;
    return all == IN_CLASS && n >= re->min && n <= re->max;
}

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
    re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
    re->simple = simple_class(re, pattern);
    return re;
}

/* What a PCRE2 match's return code says. */
static enum fb_regex_result
result(int rc)
{
    if (rc >= 0) /* 0: a match, with no room for groups */
        return FB_REGEX_MATCH;
    switch (rc) {
    case PCRE2_ERROR_NOMATCH:
    case PCRE2_ERROR_PARTIAL:
        return FB_REGEX_NO_MATCH;
    case PCRE2_ERROR_MATCHLIMIT:
    case PCRE2_ERROR_DEPTHLIMIT:
    case PCRE2_ERROR_HEAPLIMIT:
        atomic_fetch_add_explicit(&limit_hits, 1, memory_order_relaxed);
        return FB_REGEX_LIMIT;
    default:
        /* Out of memory, or another error that says nothing about the
         * answer. */
        return FB_REGEX_ERROR;
    }
}

enum fb_regex_result
fb_regex_test(const struct fb_regex *re, const char *s)
{
    if (!re || !s)
        return FB_REGEX_NO_MATCH;
    return fb_regex_testn(re, s, strlen(s));
}

enum fb_regex_result
fb_regex_testn(const struct fb_regex *re, const char *s, size_t n)
{
    pcre2_match_data *md;
    int rc;

    if (re->simple && (rc = simple_match(re, s, n)) >= 0)
        return rc ? FB_REGEX_MATCH : FB_REGEX_NO_MATCH;
    /* Invalid UTF-8 never matches. Checked here, faster than PCRE2 does
     * it, so neither match below checks again. */
    if (!fb_utf8_valid(s, n))
        return FB_REGEX_NO_MATCH;
    if (re->jit && (md = thread_match_data())) {
        rc = pcre2_jit_match(re->code, (PCRE2_SPTR)s, n, 0, 0, md, re->mctx);
        if (rc != PCRE2_ERROR_JIT_STACKLIMIT)
            return result(rc);
    }
    /* No JIT, or a pattern too deep for the JIT stack: interpret it,
     * under the same match context and so the same limits. */
    md = pcre2_match_data_create(1, NULL);
    if (!md)
        return FB_REGEX_ERROR;
    rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, 0,
                     PCRE2_NO_JIT | PCRE2_NO_UTF_CHECK, md, re->mctx);
    pcre2_match_data_free(md);
    return result(rc);
}

bool
fb_regex_match(const struct fb_regex *re, const char *s)
{
    return fb_regex_test(re, s) == FB_REGEX_MATCH;
}

unsigned long
fb_regex_limit_hits(void)
{
    return atomic_load_explicit(&limit_hits, memory_order_relaxed);
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
