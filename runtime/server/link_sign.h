/* SPDX-License-Identifier: MIT */
/*
 * Signed links: the one recipe for every link the council makes and the
 * server trusts without a session (prefill links from My Account or a
 * letter, staff's assisted digital links). A link's query carries
 * name=value pairs, `expires` (Unix seconds) and `sig`, the lowercase hex
 * HMAC-SHA-256 (sign.c, OpenSSL) over
 *
 *     "formbuilder-link-v1\n" PURPOSE "\n" SLUG "\n" EXPIRES "\n"
 *
 * followed by "NAME=VALUE\n" for each other pair in the order of the
 * link, names and values percent-decoded. docs/integrations.md, Prefill,
 * gives the recipe to councils; the purpose keeps a link made for one use
 * from being accepted for another.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* 64 hex digits and a NUL. */
#define FB_LINK_SIG_SIZE 65
/* At most this many pairs in a link (a form's prefilled answers). */
#define FB_LINK_MAX_PAIRS 64

struct fb_link_pair {
    const char *name;
    const char *value;
};

enum fb_link_verdict {
    FB_LINK_OK,
    FB_LINK_UNSIGNED,   /* no sig or expires: an ordinary visit */
    FB_LINK_BAD,        /* a signature that does not match, or a pair
                         * that cannot be signed */
    FB_LINK_EXPIRED,
};

/**
 * Writes the signature of a link for @p purpose ("prefill", "assist") to
 * form @p slug, valid until @p expires, carrying the @p n pairs, into
 * @p out. @returns 0, or -1 when a name is empty or holds '=', a name or
 * value holds a line break, there are more than FB_LINK_MAX_PAIRS pairs,
 * or OpenSSL fails.
 */
int
fb_link_sign(const char *key, const char *purpose, const char *slug,
             long long expires, const struct fb_link_pair *pairs, size_t n,
             char out[FB_LINK_SIG_SIZE]);

/**
 * Checks a link's @p sig and @p expires (the query's text, NULL when
 * absent) over its other @p n pairs, as of @p now. The comparison takes
 * the same time wherever the signatures differ (CRYPTO_memcmp).
 */
enum fb_link_verdict
fb_link_verify(const char *key, const char *purpose, const char *slug,
               const char *expires, const char *sig,
               const struct fb_link_pair *pairs, size_t n, long long now);
