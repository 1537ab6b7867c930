/* SPDX-License-Identifier: MIT */
/*
 * Text primitives formc, the runtime library and the server all need:
 * strict UTF-8 decoding and validation, counting characters, the white
 * space the field readers trim, hex digits and percent-encoding. One copy
 * of each lives here (runtime/lib/utf8.c, text.c), so the compiler's idea
 * of a character, a space or a digit is the runtime's.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * Decodes the UTF-8 character at @p s.
 * @param n bytes available at @p s; at least 1.
 * @param out_cp set to the code point; left alone on error.
 * @returns the character's length in bytes (1-4), or 0 when the bytes are
 *          not a valid character (RFC 3629): overlong, a surrogate, above
 *          U+10FFFF, truncated, or a stray continuation byte.
 */
size_t
fb_utf8_decode(const char *s, size_t n, uint32_t *out_cp);

/** @returns true when @p s[0..len) is valid UTF-8 (no overlongs, no
 *  surrogates, nothing above U+10FFFF). */
bool
fb_utf8_valid(const char *s, size_t len);

/** @returns the number of characters (code points) in valid UTF-8
 *  @p s[0..n); each byte that is not a continuation byte counts one. */
size_t
fb_utf8_count(const char *s, size_t n);

/** @returns the number of characters (code points) in UTF-8 @p s (NUL-
 *  terminated; NULL counts 0). */
size_t
fb_utf8_length(const char *s);

/**
 * @returns true when @p s[0..n) neither starts nor ends with white space
 *          that the field readers trim (ASCII space and controls \\t-\\r,
 *          the Unicode White_Space characters, U+200B and U+FEFF), so a
 *          value written in a form (an option's value) survives trimming.
 */
bool
fb_utf8_trimmed(const char *s, size_t n);

/** @returns the value (0-15) of the hex digit @p c in either case, or -1
 *  when @p c is not one. */
int
fb_hex_value(char c);

/**
 * Writes byte @p c as a URL path segment or form field carries it (RFC
 * 3986): itself when unreserved (letters, digits, "-._~"), else "%XX" in
 * upper-case hex. fb_hex_value() reads it back.
 * @returns the number of bytes written to @p out (1 or 3).
 */
size_t
fb_url_escape_byte(unsigned char c, char out[3]);
