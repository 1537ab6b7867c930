/* SPDX-License-Identifier: MIT */
/*
 * Field readers and rule helpers that generated page validators call. A
 * reader takes a question's raw value(s) from the posted answers, trims and
 * normalises them (UK postcodes and phone numbers, dates from day/month/
 * year parts), rejects invalid UTF-8, and stores the normalised value in
 * the output answers. Rules (lengths, ranges, patterns) are then checked by
 * the generated code against the stored value; the messages live in the
 * generated code.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/answers.h"
#include "formbuilder/form.h"

enum fb_field_status {
    FB_FIELD_OK,       /* a value, stored normalised in out */
    FB_FIELD_EMPTY,    /* nothing (or only spaces) was entered */
    FB_FIELD_BAD_UTF8, /* not valid UTF-8: never stored */
    FB_FIELD_INVALID   /* present but not in the right format */
};

/* Every reader: a field (or date/address part) posted more than once is
 * FB_FIELD_INVALID, except checkboxes; on any result but FB_FIELD_OK the
 * reader removes what @p out held under the question's name, so an answer
 * the resident has cleared does not linger. */

/* Longest answer a reader accepts, in bytes; longer is FB_FIELD_INVALID
 * unless a max_length rule says otherwise first. */
#define FB_FIELD_MAX_BYTES 65536

/* text and textarea: trims white space at both ends; line breaks (CR LF,
 * CR) are stored as LF so lengths count what the resident saw. */
enum fb_field_status
fb_read_text(const struct fb_answers *in, const char *name,
             struct fb_answers *out);

/* email: trims; one @, a dotted domain, no spaces; stored as typed. */
enum fb_field_status
fb_read_email(const struct fb_answers *in, const char *name,
              struct fb_answers *out);

/* UK phone: spaces, dashes, dots and brackets dropped; +44, 0044 (either
 * with an optional trunk 0, as in "+44 (0)") or 0, then 9 or 10 digits (07
 * numbers 10). Stored as national digits with the leading 0 however it was
 * typed, e.g. "01614960000", so one number is always stored the same. */
enum fb_field_status
fb_read_phone(const struct fb_answers *in, const char *name,
              struct fb_answers *out);

/* UK postcode: any case and spacing; stored upper case with one space
 * before the inward code, e.g. "SK1 3XE". */
enum fb_field_status
fb_read_postcode(const struct fb_answers *in, const char *name,
                 struct fb_answers *out);

/* number: optional sign, digits with optional thousands commas, optional
 * decimals; @p integer rejects decimals. Stored canonical ("1000.5"). */
enum fb_field_status
fb_read_number(const struct fb_answers *in, const char *name, bool integer,
               struct fb_answers *out, double *out_value);

/* Parts of a date or address that are missing, as bits. */
enum {
    FB_PART_DAY = 1,
    FB_PART_MONTH = 2,
    FB_PART_YEAR = 4,
    FB_PART_LINE1 = 1,
    FB_PART_TOWN = 2,
    FB_PART_POSTCODE = 4
};

/* date: reads NAME-day, NAME-month, NAME-year. Month may be a number or an
 * English month name. FB_FIELD_INVALID with *out_missing set when some
 * parts are missing, or 0 when the date is not a real one (31 April, a
 * two-digit year). Stored as ISO "YYYY-MM-DD" under NAME. */
enum fb_field_status
fb_read_date(const struct fb_answers *in, const char *name,
             struct fb_answers *out, struct fb_date *out_date,
             unsigned *out_missing);

/* radios, select, yes_no: the one value must be one of @p options. */
enum fb_field_status
fb_read_choice(const struct fb_answers *in, const char *name,
               const struct fb_option_desc *options, size_t n_options,
               struct fb_answers *out);

/* checkboxes: every value must be one of @p options; duplicates dropped;
 * stored in option order. *out_count is how many were chosen. */
enum fb_field_status
fb_read_choices(const struct fb_answers *in, const char *name,
                const struct fb_option_desc *options, size_t n_options,
                struct fb_answers *out, size_t *out_count);

/* declaration: one box whose value must be "confirmed". */
enum fb_field_status
fb_read_declaration(const struct fb_answers *in, const char *name,
                    struct fb_answers *out);

/* address: NAME-line1, NAME-line2, NAME-town, NAME-postcode; stored as
 * NAME.line1 ... NAME.postcode. FB_FIELD_INVALID with *out_missing set
 * for missing required parts, or 0 when the postcode is not valid. */
enum fb_field_status
fb_read_address(const struct fb_answers *in, const char *name,
                struct fb_answers *out, unsigned *out_missing);

/* slot: an ISO local date-time "YYYY-MM-DDTHH:MM" offered by a calendar. */
enum fb_field_status
fb_read_slot(const struct fb_answers *in, const char *name,
             struct fb_answers *out);

/** @returns the number of characters (code points) in UTF-8 @p s. */
size_t
fb_utf8_length(const char *s);

/** @returns true when @p s[0..len) is valid UTF-8 (no overlongs, no
 *  surrogates, nothing above U+10FFFF). */
bool
fb_utf8_valid(const char *s, size_t len);

/** @returns true when @p y-@p m-@p d is a real Gregorian date. */
bool
fb_date_valid(int y, int m, int d);

/** @returns <0, 0 or >0 as @p a is before, equal to or after @p b. */
int
fb_date_cmp(const struct fb_date *a, const struct fb_date *b);

/** @returns @p d moved by @p days (negative goes back). */
struct fb_date
fb_date_add_days(struct fb_date d, int days);

/** Parses "YYYY-MM-DD". @returns false if it is not a real date. */
bool
fb_date_parse_iso(const char *s, struct fb_date *out);

/** @returns today's date in the local time zone. */
struct fb_date
fb_date_today(void);

/** Compares two answers as numbers (either may be NULL = unanswered).
 *  @returns false when either is missing or not a number; else sets
 *  *out_cmp to <0, 0, >0. Used by generated conditions. */
bool
fb_compare_numbers(const char *a, double b, int *out_cmp);

/** Like fb_compare_numbers for an answer stored as an ISO date. */
bool
fb_compare_dates(const char *a, const struct fb_date *b, int *out_cmp);

/* A compiled, anchored, UTF-8 regular expression (PCRE2, JIT when the
 * platform has it). */
struct fb_regex;

/** Compiles @p pattern to match whole answers.
 *  @returns the regex (free with fb_regex_free()), or NULL on error. */
struct fb_regex *
fb_regex_compile(const char *pattern);

/** @returns true when @p re matches the whole of @p s. Thread-safe. */
bool
fb_regex_match(const struct fb_regex *re, const char *s);

/** Frees @p re; NULL is a no-op. */
void
fb_regex_free(struct fb_regex *re);
