/* SPDX-License-Identifier: MIT */
/*
 * Random values from the kernel (getrandom): session ids, CSRF and submit
 * tokens as hex, and submission references such as "SLR-7KQ2M9XD" drawn
 * from an alphabet without look-alike characters.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Hex characters in a 128-bit token, without the terminating NUL. */
#define FB_TOKEN_HEX_LEN 32
/* Longest reference including prefix, dash and NUL. */
#define FB_REFERENCE_MAX 48

/**
 * Writes 128 random bits as 32 lower-case hex digits and a NUL into
 * @p out (at least FB_TOKEN_HEX_LEN + 1 bytes).
 * @returns 0, or -1 when the kernel gives no randomness.
 */
int
fb_token_new(char *out);

/** Writes the @p n bytes at @p in as 2 * @p n lower-case hex digits and a
 *  NUL into @p out. */
void
fb_hex_lower(const unsigned char *in, size_t n, char *out);

/** @returns true when @p s is exactly FB_TOKEN_HEX_LEN lower-case hex
 *  digits. */
bool
fb_token_valid(const char *s);

/** @returns true when @p a and @p b are equal, in time that does not
 *  depend on where they differ (token comparison). */
bool
fb_token_equal(const char *a, const char *b);

/**
 * Writes @p prefix, '-' and FB_REFERENCE_LENGTH random characters from
 * FB_REFERENCE_ALPHABET (formbuilder/form.h) into @p out (@p cap bytes);
 * an empty or NULL prefix writes only the random part.
 * @returns 0, or -1 when @p cap is too small or randomness fails.
 */
int
fb_reference_new(const char *prefix, char *out, size_t cap);

/* Characters of a booking's manage token: 32 random bytes in URL-safe
 * base64 without padding (RFC 4648 section 5). */
#define FB_MANAGE_TOKEN_LEN 43
/* Bytes of its SHA-256, the only form the store keeps. */
#define FB_MANAGE_HASH_LEN 32

/**
 * Writes a new manage token (FB_MANAGE_TOKEN_LEN characters and a NUL)
 * into @p out. @returns 0, or -1 when the kernel gives no randomness.
 */
int
fb_manage_token_new(char out[FB_MANAGE_TOKEN_LEN + 1]);

/** @returns true when @p s has the shape of a manage token (length and
 *  alphabet); says nothing of whether one was issued. */
bool
fb_manage_token_valid(const char *s);

/** Writes SHA-256 of @p token into @p out. @returns 0, or -1 when
 *  hashing fails. */
int
fb_manage_token_hash(const char *token, unsigned char out[FB_MANAGE_HASH_LEN]);

/** @returns true when the hashes @p a and @p b are equal, in constant
 *  time. */
bool
fb_manage_hash_equal(const unsigned char a[FB_MANAGE_HASH_LEN],
                     const unsigned char b[FB_MANAGE_HASH_LEN]);
