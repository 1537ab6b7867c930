/* SPDX-License-Identifier: MIT */
/*
 * Signed links (link_sign.h): the message is streamed into OpenSSL's HMAC
 * part by part, nothing is concatenated.
 */
#include "link_sign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "sign.h"
#include "token.h"

#define PREFIX "formbuilder-link-v1\n"
/* The prefix, then purpose, slug and expiry each with its line end. */
#define HEAD_PARTS 7

static bool
signable(const struct fb_link_pair *p)
{
    return p->name && p->value && *p->name && !strchr(p->name, '=')
           && !strpbrk(p->name, "\r\n") && !strpbrk(p->value, "\r\n");
}

static int
mac_of(const char *key, const char *purpose, const char *slug,
       const char *expires, const struct fb_link_pair *pairs, size_t n,
       unsigned char mac[32])
{
    if (n > FB_LINK_MAX_PAIRS || strpbrk(purpose, "\r\n")
        || strpbrk(slug, "\r\n"))
        return -1;
    const char *parts[HEAD_PARTS + 4 * FB_LINK_MAX_PAIRS];
    size_t lens[HEAD_PARTS + 4 * FB_LINK_MAX_PAIRS];
    size_t k = 0;
#define PART(s)                                                           \
    do {                                                                  \
        parts[k] = (s);                                                   \
        lens[k] = strlen(parts[k]);                                       \
        k++;                                                              \
    } while (0)
    PART(PREFIX);
    PART(purpose);
    PART("\n");
    PART(slug);
    PART("\n");
    PART(expires);
    PART("\n");
    for (size_t i = 0; i < n; i++) {
        if (!signable(&pairs[i]))
            return -1;
        PART(pairs[i].name);
        PART("=");
        PART(pairs[i].value);
        PART("\n");
    }
#undef PART
    return fb_hmac_sha256(key, parts, lens, k, mac);
}

int
fb_link_sign(const char *key, const char *purpose, const char *slug,
             long long expires, const struct fb_link_pair *pairs, size_t n,
             char out[FB_LINK_SIG_SIZE])
{
    char exp[24];
    snprintf(exp, sizeof exp, "%lld", expires);
    unsigned char mac[32];
    if (mac_of(key, purpose, slug, exp, pairs, n, mac) != 0)
        return -1;
    fb_hex_lower(mac, sizeof mac, out);
    return 0;
}

/* Reads 64 hex digits (either case) into @p out. */
static bool
unhex(const char *s, unsigned char out[32])
{
    if (strlen(s) != 64)
        return false;
    for (size_t i = 0; i < 32; i++) {
        unsigned v = 0;
        for (size_t j = 0; j < 2; j++) {
            char c = s[2 * i + j];
            unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                         : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                         : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                                : 16;
            if (d == 16)
                return false;
            v = v * 16 + d;
        }
        out[i] = (unsigned char)v;
    }
    return true;
}

/* Reads a whole decimal number of seconds. */
static bool
seconds(const char *s, long long *out)
{
    if (!*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s))
        return false;
    *out = strtoll(s, NULL, 10);
    return true;
}

enum fb_link_verdict
fb_link_verify(const char *key, const char *purpose, const char *slug,
               const char *expires, const char *sig,
               const struct fb_link_pair *pairs, size_t n, long long now)
{
    if (!expires && !sig)
        return FB_LINK_UNSIGNED;
    unsigned char want[32], got[32];
    long long until = 0;
    if (!expires || !sig || !key || !*key || !seconds(expires, &until)
        || !unhex(sig, got)
        || mac_of(key, purpose, slug, expires, pairs, n, want) != 0
        || CRYPTO_memcmp(want, got, sizeof want) != 0)
        return FB_LINK_BAD;
    /* Checked after the signature: an expiry is only believed signed. */
    return now < until ? FB_LINK_OK : FB_LINK_EXPIRED;
}
