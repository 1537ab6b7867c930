/* SPDX-License-Identifier: MIT */
/*
 * Tokens and references from getrandom(2). The reference alphabet is
 * libfbrt's (formbuilder/form.h), which the payload schemas check.
 */
#include "token.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "formbuilder/form.h"

/* One random byte, masked to 5 bits, picks one character without bias. */
_Static_assert(sizeof FB_REFERENCE_ALPHABET - 1 == 32,
               "the reference alphabet has 32 characters");

static int
fill_random(unsigned char *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        got += (size_t)r;
    }
    return 0;
}

/* Writes 128 random bits as 32 lower-case hex digits and a NUL into out (at
 * least FB_TOKEN_HEX_LEN + 1 bytes). See token.h. */
int
fb_token_new(char *out)
{
    unsigned char raw[FB_TOKEN_HEX_LEN / 2];
    if (fill_random(raw, sizeof raw) != 0)
        return -1;
    fb_hex_lower(raw, sizeof raw, out);
    return 0;
}

/* Writes in[0..n) as lower-case hex and a NUL. See token.h. */
void
fb_hex_lower(const unsigned char *in, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[in[i] >> 4];
        out[2 * i + 1] = hex[in[i] & 15];
    }
    out[2 * n] = '\0';
}

/* returns true when s is exactly FB_TOKEN_HEX_LEN lower-case hex digits. See
 * token.h. */
bool
fb_token_valid(const char *s)
{
    if (!s)
        return false;
    size_t i = 0;
    for (; s[i]; i++) {
        char c = s[i];
        if (i >= FB_TOKEN_HEX_LEN
            || !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return i == FB_TOKEN_HEX_LEN;
}

/* returns true when a and b are equal, in time that does not depend on where
 * they differ (token comparison). See token.h. */
bool
fb_token_equal(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < la; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

/* Writes prefix, '-' and FB_REFERENCE_LENGTH random characters from
 * FB_REFERENCE_ALPHABET into out (cap bytes); an empty or NULL prefix
 * writes only the random part. See token.h. */
int
fb_reference_new(const char *prefix, char *out, size_t cap)
{
    static const char alphabet[] = FB_REFERENCE_ALPHABET;
    size_t plen = prefix ? strlen(prefix) : 0;
    size_t need = plen + (plen ? 1 : 0) + FB_REFERENCE_LENGTH + 1;
    if (need > cap)
        return -1;
    unsigned char raw[FB_REFERENCE_LENGTH];
    if (fill_random(raw, sizeof raw) != 0)
        return -1;
    size_t n = 0;
    if (plen) {
        memcpy(out, prefix, plen);
        n = plen;
        out[n++] = '-';
    }
    for (size_t i = 0; i < sizeof raw; i++)
        out[n++] = alphabet[raw[i] & 31];
    out[n] = '\0';
    return 0;
}

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Writes a new manage token. See token.h. */
int
fb_manage_token_new(char out[FB_MANAGE_TOKEN_LEN + 1])
{
    unsigned char raw[33];   /* 32 random bytes and one zero pad byte */
    if (fill_random(raw, 32) != 0)
        return -1;
    raw[32] = 0;
    size_t o = 0;
    for (size_t i = 0; i < 33; i += 3) {
        unsigned v = (unsigned)raw[i] << 16 | (unsigned)raw[i + 1] << 8
                     | raw[i + 2];
        for (int k = 18; k >= 0 && o < FB_MANAGE_TOKEN_LEN; k -= 6)
            out[o++] = b64url[(v >> k) & 63];
    }
    out[FB_MANAGE_TOKEN_LEN] = '\0';
    return 0;
}

/* returns true when s has the shape of a manage token. See token.h. */
bool
fb_manage_token_valid(const char *s)
{
    if (!s || strlen(s) != FB_MANAGE_TOKEN_LEN)
        return false;
    return strspn(s, b64url) == FB_MANAGE_TOKEN_LEN;
}

/* Writes SHA-256 of token. See token.h. */
int
fb_manage_token_hash(const char *token, unsigned char out[FB_MANAGE_HASH_LEN])
{
    unsigned int len = 0;
    return EVP_Digest(token, strlen(token), out, &len, EVP_sha256(), NULL)
                   && len == FB_MANAGE_HASH_LEN
               ? 0
               : -1;
}

/* returns true when the hashes are equal, in constant time. See token.h. */
bool
fb_manage_hash_equal(const unsigned char a[FB_MANAGE_HASH_LEN],
                     const unsigned char b[FB_MANAGE_HASH_LEN])
{
    return CRYPTO_memcmp(a, b, FB_MANAGE_HASH_LEN) == 0;
}
