/* SPDX-License-Identifier: MIT */
/*
 * Signatures with OpenSSL's HMAC (never a hand-written one): the body
 * signature of every HTTP delivery, and Notify's JWT (RFC 7519, HS256,
 * base64url without padding).
 */
#include "sign.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "token.h"

/* HMAC-SHA-256 of the @p n parts in @p parts (lengths @p lens). See
 * sign.h. */
int
fb_hmac_sha256(const char *key, const char *const *parts, const size_t *lens,
           size_t n, unsigned char out[32])
{
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string("digest", digest, 0),
        OSSL_PARAM_construct_end(),
    };
    size_t outlen = 0;
    int ok = ctx && EVP_MAC_init(ctx, (const unsigned char *)key,
                                 strlen(key), params);
    for (size_t i = 0; ok && i < n; i++)
        ok = EVP_MAC_update(ctx, (const unsigned char *)parts[i], lens[i]);
    ok = ok && EVP_MAC_final(ctx, out, &outlen, 32) && outlen == 32;
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
    return ok ? 0 : -1;
}

int
fb_sign_body(const char *secret, long long timestamp, const char *body,
             size_t len, char out[FB_SIGNATURE_SIZE])
{
    char ts[32];
    int tn = snprintf(ts, sizeof ts, "%lld.", timestamp);
    const char *parts[] = {ts, body};
    const size_t lens[] = {(size_t)tn, len};
    unsigned char mac[32];
    if (fb_hmac_sha256(secret, parts, lens, 2, mac) != 0)
        return -1;
    int n = snprintf(out, FB_SIGNATURE_SIZE, "t=%lld,v1=", timestamp);
    fb_hex_lower(mac, sizeof mac, out + n);
    return 0;
}

static bool
uuid_at(const char *s)
{
    for (int i = 0; i < FB_UUID_LEN; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !strchr("0123456789abcdefABCDEF", s[i]))
            return false;
    }
    return true;
}

int
fb_notify_key_split(const char *key, char service_id[FB_UUID_LEN + 1],
                    char secret[FB_UUID_LEN + 1])
{
    size_t n = strlen(key);
    /* ...-SERVICE-SECRET: two UUIDs and the dash before each. */
    if (n < 2 * (FB_UUID_LEN + 1) + 1)
        return -1;
    const char *sec = key + n - FB_UUID_LEN;
    const char *svc = sec - 1 - FB_UUID_LEN;
    if (sec[-1] != '-' || svc[-1] != '-' || !uuid_at(sec) || !uuid_at(svc))
        return -1;
    memcpy(service_id, svc, FB_UUID_LEN);
    service_id[FB_UUID_LEN] = '\0';
    memcpy(secret, sec, FB_UUID_LEN);
    secret[FB_UUID_LEN] = '\0';
    return 0;
}

/* Appends base64url of @p in (no padding) at out + *pos. */
static bool
base64url(const unsigned char *in, size_t n, char *out, size_t cap,
          size_t *pos)
{
    static const char abc[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        size_t k = n - i >= 3 ? 4 : n - i + 1;
        if (i + 1 < n)
            v |= (unsigned)in[i + 1] << 8;
        if (i + 2 < n)
            v |= in[i + 2];
        if (*pos + k >= cap)
            return false;
        for (size_t j = 0; j < k; j++)
            out[(*pos)++] = abc[(v >> (18 - 6 * j)) & 63];
    }
    out[*pos] = '\0';
    return true;
}

int
fb_notify_jwt(const char *service_id, const char *secret, long long now,
              char *out, size_t cap)
{
    static const char header[] = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";
    char claims[128];
    int cn = snprintf(claims, sizeof claims, "{\"iss\":\"%s\",\"iat\":%lld}",
                      service_id, now);
    if (cn < 0 || (size_t)cn >= sizeof claims)
        return -1;
    size_t pos = 0;
    if (!base64url((const unsigned char *)header, sizeof header - 1, out,
                   cap, &pos) || pos + 1 >= cap)
        return -1;
    out[pos++] = '.';
    if (!base64url((const unsigned char *)claims, (size_t)cn, out, cap,
                   &pos))
        return -1;
    const char *parts[] = {out};
    const size_t lens[] = {pos};
    unsigned char mac[32];
    if (fb_hmac_sha256(secret, parts, lens, 1, mac) != 0 || pos + 1 >= cap)
        return -1;
    out[pos++] = '.';
    return base64url(mac, 32, out, cap, &pos) ? 0 : -1;
}
