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
