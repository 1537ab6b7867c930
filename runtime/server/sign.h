/* SPDX-License-Identifier: MIT */
/*
 * The outbox's cryptography, all HMAC-SHA-256 from OpenSSL: the
 * Formbuilder-Signature header back offices verify (docs/delivery.md) and
 * the JWT GOV.UK Notify authenticates requests with.
 */
#pragma once

#include <stddef.h>

/**
 * Writes the HMAC-SHA-256, with key @p key, of the @p n byte strings
 * @p parts (lengths @p lens) one after another into @p out: the one
 * HMAC of the server (bodies, Notify, signed links: link_sign.c).
 * @returns 0, or -1 when OpenSSL fails.
 */
int
fb_hmac_sha256(const char *key, const char *const *parts, const size_t *lens,
               size_t n, unsigned char out[32]);

/* "t=" + 20 digits + ",v1=" + 64 hex digits + NUL, with room to spare. */
#define FB_SIGNATURE_SIZE 128

/**
 * Writes "t=@p timestamp,v1=HEX" into @p out, HEX being HMAC-SHA-256 with
 * key @p secret over "TIMESTAMP." followed by the @p len bytes of
 * @p body. @returns 0, or -1 when OpenSSL fails.
 */
int
fb_sign_body(const char *secret, long long timestamp, const char *body,
             size_t len, char out[FB_SIGNATURE_SIZE]);

/* A Notify API key is "NAME-SERVICEID-SECRET", both ids UUIDs. */
#define FB_UUID_LEN 36

/**
 * Splits a GOV.UK Notify API key into its service id and secret (each
 * FB_UUID_LEN characters and a NUL). @returns 0, or -1 when @p key does
 * not end "-UUID-UUID".
 */
int
fb_notify_key_split(const char *key, char service_id[FB_UUID_LEN + 1],
                    char secret[FB_UUID_LEN + 1]);

/**
 * Writes the bearer token Notify expects into @p out (@p cap bytes): a
 * JWT signed HS256 with @p secret whose claims are {"iss": SERVICE_ID,
 * "iat": @p now}. @returns 0, or -1 when it does not fit or OpenSSL
 * fails.
 */
int
fb_notify_jwt(const char *service_id, const char *secret, long long now,
              char *out, size_t cap);
