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
#include "formbuilder/text.h"

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

/* Parts of a date or address that are missing, as bits: bit i is part i
 * of the type's row in the question-type table (formbuilder/qtype.h). */
enum {
    FB_PART_DAY = 1,
    FB_PART_MONTH = 2,
    FB_PART_YEAR = 4,
    FB_PART_LINE1 = 1,
    FB_PART_TOWN = 4,
    FB_PART_POSTCODE = 8
};

/* date: reads NAME-day, NAME-month, NAME-year. Month may be a number or a
 * month's name in English (or its first three letters) or Welsh, in any
 * case. FB_FIELD_INVALID with *out_missing set when some
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

/* booking_date: a day posted as "YYYY-MM-DD" (the value of the radio
 * chosen), a real date, stored as it is and returned in @p out_date.
 * Whether the calendar offers it is the driver's check: it needs today. */
enum fb_field_status
fb_read_booking_date(const struct fb_answers *in, const char *name,
                     struct fb_answers *out, struct fb_date *out_date);

/* slot: an ISO local date-time "YYYY-MM-DDTHH:MM" offered by a calendar. */
enum fb_field_status
fb_read_slot(const struct fb_answers *in, const char *name,
             struct fb_answers *out);

/* fb_utf8_length() and fb_utf8_valid() are in formbuilder/text.h. */

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

/* Room for an ISO date and its NUL: "2025-06-15". */
#define FB_DATE_ISO_SIZE 11

/** Writes @p d (year 0-9999) as "YYYY-MM-DD" into @p out.
 *  @returns @p out. */
char *
fb_date_iso(const struct fb_date *d, char out[FB_DATE_ISO_SIZE]);

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

/** What matching a regex found out. */
enum fb_regex_result {
    FB_REGEX_NO_MATCH, /* the answer does not match (invalid UTF-8 too) */
    FB_REGEX_MATCH,    /* the whole answer matches */
    FB_REGEX_LIMIT,    /* undecided: the match hit PCRE2's match or depth
                          limit (runaway backtracking); counted by
                          fb_regex_limit_hits() */
    FB_REGEX_ERROR     /* undecided: memory ran out (or PCRE2 failed
                          otherwise) */
};

/**
 * Matches @p re against the whole of @p s under the runtime's match and
 * depth limits. Thread-safe.
 * @returns FB_REGEX_MATCH or FB_REGEX_NO_MATCH; FB_REGEX_LIMIT or
 *          FB_REGEX_ERROR when it could not decide, which says nothing
 *          about the answer: the caller must fail the request, never tell
 *          the resident their answer is wrong. NULL @p re or @p s is
 *          FB_REGEX_NO_MATCH.
 */
enum fb_regex_result
fb_regex_test(const struct fb_regex *re, const char *s);

/** @returns true when fb_regex_test() says FB_REGEX_MATCH: an undecided
 *  match is false. Thread-safe. */
bool
fb_regex_match(const struct fb_regex *re, const char *s);

/** @returns how many matches in this process have stopped at a limit
 *  (FB_REGEX_LIMIT), for the server's logs and metrics. Thread-safe. */
unsigned long
fb_regex_limit_hits(void);

/** Frees @p re; NULL is a no-op. */
void
fb_regex_free(struct fb_regex *re);

/* ---------------------------------------------------------------------
 * Readers for the name, time, ni_number, money and autocomplete question
 * types. Same contract as the readers above: trimmed, invalid UTF-8 is
 * FB_FIELD_BAD_UTF8, a field posted twice is FB_FIELD_INVALID, and on any
 * result but FB_FIELD_OK what @p out held under the question's name (or
 * its dotted parts) is removed.
 */

/* Parts of a name question: bits of parts_mask and of *out_missing. */
enum {
    FB_NAME_TITLE = 1,
    FB_NAME_GIVEN = 2,
    FB_NAME_FAMILY = 4
};

/**
 * Reads a person's name.
 *
 * With @p parts_mask 0: one field NAME, trimmed, each run of white space
 * inside made one space, stored as NAME. With parts: NAME-given and
 * NAME-family (always read, both required once parts are used) and, with
 * FB_NAME_TITLE, NAME-title (optional), stored as NAME.given, NAME.family
 * and NAME.title (an empty title is not stored). A name or part longer than
 * FB_FIELD_MAX_BYTES after trimming, or with a control character in it, is
 * FB_FIELD_INVALID.
 *
 * @param parts_mask FB_NAME_* bits; any non-zero mask means given and
 *        family parts, FB_NAME_TITLE adds the title; other bits ignored.
 * @param out_missing set to the FB_NAME_GIVEN / FB_NAME_FAMILY bits of
 *        required parts left empty (0 without parts, when all are empty, or
 *        on FB_FIELD_BAD_UTF8); may be NULL.
 * @returns FB_FIELD_EMPTY when every part is empty; FB_FIELD_INVALID with
 *          missing bits when only some are.
 */
enum fb_field_status
fb_read_name(const struct fb_answers *in, const char *name,
             unsigned parts_mask, struct fb_answers *out,
             unsigned *out_missing);

/**
 * Reads a time of day from one field NAME: 24-hour "14:30", "9:05",
 * "14.30", "1430"; 12-hour "2:30pm", "2.30 pm", "2pm", "12am" (midnight),
 * "12pm" (noon), with "am"/"a.m."/"pm"/"p.m." in any case; "midday",
 * "noon", "midnight" (also after "12"). Stored as 24-hour "HH:MM".
 *
 * @param out_minutes set to the minutes since midnight (0-1439) on
 *        FB_FIELD_OK; may be NULL.
 * @returns FB_FIELD_INVALID for anything else, e.g. "24:00", "13pm",
 *          "0am", "2:3", "14" (an hour without am/pm needs minutes).
 */
enum fb_field_status
fb_read_time(const struct fb_answers *in, const char *name,
             struct fb_answers *out, int *out_minutes);

/**
 * Parses a strict 24-hour "HH:MM" (two digits each, 00:00 to 23:59), as
 * written in `before`/`after` rules and as fb_read_time() stores it.
 * @param out_minutes minutes since midnight; may be NULL.
 * @returns false when @p s is NULL or not in that form.
 */
bool
fb_time_parse_hhmm(const char *s, int *out_minutes);

/* Room for a time and its NUL: "14:30". */
#define FB_TIME_HHMM_SIZE 6

/** Writes @p minutes since midnight (0-1439) as 24-hour "HH:MM", the form
 *  fb_read_time() stores. @returns @p out. */
char *
fb_time_hhmm(int minutes, char out[FB_TIME_HHMM_SIZE]);

/**
 * Reads a National Insurance number from one field NAME. White space and
 * ASCII punctuation (hyphens, dots, slashes...) anywhere are ignored and
 * letters may be any case, as the GOV.UK pattern asks. Then two prefix
 * letters, six digits and a suffix letter A-D (required) must remain; the
 * prefix follows HMRC's allocation rules (first letter not D F I Q U V,
 * second not D F I O Q U V, and not BG GB KN NK NT TN ZZ), so the GOV.UK
 * example "QQ 12 34 56 C" is refused. Stored upper case without spaces,
 * "AB123456C".
 */
enum fb_field_status
fb_read_ni_number(const struct fb_answers *in, const char *name,
                  struct fb_answers *out);

/* Largest amount a money question accepts, in pence: just under
 * £100,000,000,000, far above any council payment and far below where a
 * long long or a double (JSON) loses pence. */
#define FB_MONEY_MAX_PENCE 9999999999999LL

/**
 * Reads an amount of money in pounds from one field NAME: an optional "£"
 * (with or without a space after it), whole pounds with thousands commas
 * in the right places or none ("1,234", "1234"), and optionally a point
 * and one or two decimals ("12.5" is £12.50, ".50" is 50p). No sign, no
 * "p", no "GBP". Stored as whole pence in decimal, "123450".
 *
 * @param out_pence set to the amount in pence on FB_FIELD_OK; may be NULL.
 * @returns FB_FIELD_INVALID for anything else, including three decimals,
 *          "1,23.4", negative amounts and more than FB_MONEY_MAX_PENCE.
 */
enum fb_field_status
fb_read_money(const struct fb_answers *in, const char *name,
              struct fb_answers *out, long long *out_pence);

/**
 * Writes @p pence for display as GOV.UK style asks: "£75" for whole pounds,
 * "£1,234.50" otherwise (a negative amount gets a leading "-"). Always
 * NUL-terminates when @p cap > 0, cutting a longer result at a character
 * boundary; 20 bytes hold any amount fb_read_money() accepts and 32 any
 * long long.
 */
void
fb_money_format(long long pence, char *buf, size_t cap);

/** @returns @p pounds (as authors write money: min, max, conditions) in
 *  the whole pence money answers are stored in, rounded to the nearest. */
long long
fb_pounds_to_pence(double pounds);

/**
 * Reads an answer chosen from a long list (autocomplete: a text input with
 * a datalist, or a select) from one field NAME. The trimmed text must equal
 * an option's value exactly, or else equal an option's label after
 * collapsing white space, ignoring case (ASCII and Latin letters such as
 * "Å", "Ŵ"); English labels are tried before Welsh ones, and the first
 * option in list order wins. Stored as that option's value.
 *
 * @param options the list; options without a value are skipped. The work
 *        is linear in the total length of the values and labels.
 * @returns FB_FIELD_INVALID when the text is not in the list.
 */
enum fb_field_status
fb_read_listed(const struct fb_answers *in, const char *name,
               const struct fb_option_desc *options, size_t n_options,
               struct fb_answers *out);
