/* SPDX-License-Identifier: MIT */
/*
 * Table-driven tests of the generated tables run by libfbrt's driver: the
 * form validator-cases.yaml is compiled by the build, and each row below
 * posts raw answers to one of its pages, runs fb_validate_page() with
 * "today" fixed at 15 June 2025, and checks the one question's outcome:
 * the exact error message in English (and anchor), or no error and the
 * normalised value stored.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/answers.h"
#include "formbuilder/driver.h"
#include "formbuilder/errors.h"
#include "formbuilder/form.h"
#include "formbuilder/validate.h"
#include "validator-cases.h"

#define FORM fbg_validator_cases_form

/* What must be stored when there is no error: a value, or nothing. */
#define NOTHING "\x01nothing"

struct vcase {
    const char *page;
    /* name, value, name, value ... NULL. A value "@N*TEXT" (N digits) is
     * TEXT repeated N times. */
    const char *fields[14];
    const char *question;
    const char *error;         /* expected message; NULL: no error */
    const char *stored;        /* no error: value stored, NOTHING, or NULL
                                  (not checked) */
    const char *anchor;        /* expected anchor, or NULL (not checked) */
};

static const struct fb_date today = {2025, 6, 15};

/* Dates as the three posted parts. */
#define DATE(q, d, m, y) q "-day", d, q "-month", m, q "-year", y

static const struct vcase cases[] = {
    /* --- text: required, min_length 2, max_length 10 --- */
    {"text", {NULL}, "full_name", "Enter full name", NULL, "full_name"},
    {"text", {"full_name", ""}, "full_name", "Enter full name", NULL, NULL},
    {"text", {"full_name", "   "}, "full_name", "Enter full name", NULL, NULL},
    {"text", {"full_name", "\t\n"}, "full_name", "Enter full name", NULL,
     NULL},
    {"text", {"full_name", "Al"}, "full_name", NULL, "Al", NULL},
    {"text", {"full_name", "  Al  "}, "full_name", NULL, "Al", NULL},
    {"text", {"full_name", "\tAl\n"}, "full_name", NULL, "Al", NULL},
    {"text", {"full_name", "A"}, "full_name",
     "Full name must be 2 characters or more", NULL, "full_name"},
    {"text", {"full_name", " A "}, "full_name",
     "Full name must be 2 characters or more", NULL, NULL},
    {"text", {"full_name", "Abcdefghij"}, "full_name", NULL, "Abcdefghij",
     NULL},
    {"text", {"full_name", "Abcdefghijk"}, "full_name",
     "Full name must be 10 characters or less", NULL, NULL},
    {"text", {"full_name", "Zo\xc3\xab"}, "full_name", NULL, "Zo\xc3\xab",
     NULL},
    /* 10 characters, 13 bytes: lengths count characters. */
    {"text", {"full_name", "Zo\xc3\xab Zo\xc3\xab Zo"}, "full_name", NULL,
     "Zo\xc3\xab Zo\xc3\xab Zo", NULL},
    {"text", {"full_name", "Jos\xc3\xa9 N\xc3\xba\xc3\xb1\x65z"}, "full_name",
     NULL, NULL, NULL},
    {"text", {"full_name", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                           "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"},
     "full_name", "Full name must be 10 characters or less", NULL, NULL},
    /* Emoji: one character each (4 bytes). */
    {"text", {"full_name", "\xf0\x9f\x98\x80\xf0\x9f\x98\x80"}, "full_name",
     NULL, "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", NULL},
    {"text", {"full_name", "\xf0\x9f\x98\x80"}, "full_name",
     "Full name must be 2 characters or more", NULL, NULL},
    /* Around where the byte length alone decides (at most max bytes, or
     * at least 4 * min): 4 bytes of 2 characters, 5 bytes of 2, 11 bytes
     * of 10, 12 bytes of 11. */
    {"text", {"full_name", "\xc3\xa9\xc3\xa9"}, "full_name", NULL,
     "\xc3\xa9\xc3\xa9", NULL},
    {"text", {"full_name", "\xf0\x9f\x98\x80z"}, "full_name", NULL,
     "\xf0\x9f\x98\x80z", NULL},
    {"text", {"full_name", "Zo\xc3\xab Zoe Zo"}, "full_name", NULL,
     "Zo\xc3\xab Zoe Zo", NULL},
    {"text", {"full_name", "Zo\xc3\xab Zoe Zoe"}, "full_name",
     "Full name must be 10 characters or less", NULL, NULL},
    {"text", {"full_name", "@10*\xf0\x9f\x98\x80"}, "full_name", NULL, NULL,
     NULL},
    {"text", {"full_name", "@11*\xf0\x9f\x98\x80"}, "full_name",
     "Full name must be 10 characters or less", NULL, NULL},
    /* Invalid UTF-8: bad bytes, an overlong '/', a surrogate, a cut-off
     * sequence, a code point above U+10FFFF. Never stored. */
    {"text", {"full_name", "\xff\xfe"}, "full_name",
     "Full name must only include characters you can type", NOTHING,
     "full_name"},
    {"text", {"full_name", "Ab\xc0\xaf"}, "full_name",
     "Full name must only include characters you can type", NOTHING, NULL},
    {"text", {"full_name", "A\xed\xa0\x80"}, "full_name",
     "Full name must only include characters you can type", NOTHING, NULL},
    {"text", {"full_name", "Abc\xe2\x82"}, "full_name",
     "Full name must only include characters you can type", NOTHING, NULL},
    {"text", {"full_name", "A\xf4\x90\x80\x80"}, "full_name",
     "Full name must only include characters you can type", NOTHING, NULL},
    /* --- text without rules: optional, 65,536 bytes at most --- */
    {"text", {NULL}, "nickname", NULL, NOTHING, NULL},
    {"text", {"nickname", ""}, "nickname", NULL, NOTHING, NULL},
    {"text", {"nickname", "Bob"}, "nickname", NULL, "Bob", NULL},
    {"text", {"nickname", "\xff"}, "nickname",
     "Nickname must only include characters you can type", NOTHING, NULL},
    {"text", {"nickname", "@65536*a"}, "nickname", NULL, NULL, NULL},
    {"text", {"nickname", "@65537*a"}, "nickname", "Nickname is too long",
     NOTHING, NULL},
    {"text", {"nickname", "@70000*a"}, "nickname", "Nickname is too long",
     NOTHING, NULL},
    /* --- pattern: the whole (trimmed) answer must match --- */
    {"text", {"reg", "AB12 CDE"}, "reg", NULL, "AB12 CDE", NULL},
    {"text", {"reg", "AB12CDE"}, "reg", NULL, "AB12CDE", NULL},
    {"text", {"reg", "  AB12 CDE  "}, "reg", NULL, "AB12 CDE", NULL},
    {"text", {"reg", "ab12 cde"}, "reg", "Enter a registration like AB12 CDE",
     NOTHING, "reg"},
    {"text", {"reg", "AB12 CDEF"}, "reg",
     "Enter a registration like AB12 CDE", NOTHING, NULL},
    {"text", {"reg", "XAB12 CDE"}, "reg",
     "Enter a registration like AB12 CDE", NOTHING, NULL},
    {"text", {"reg", "AB12  CDE"}, "reg",
     "Enter a registration like AB12 CDE", NOTHING, NULL},
    {"text", {"reg", "AB12 CDE\nX"}, "reg",
     "Enter a registration like AB12 CDE", NOTHING, NULL},
    {"text", {"reg", ""}, "reg", NULL, NOTHING, NULL},
    /* --- max_length 3 on emoji: code points are counted --- */
    {"text", {"emoji", "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"},
     "emoji", NULL, NULL, NULL},
    {"text", {"emoji", "@4*\xf0\x9f\x98\x80"}, "emoji",
     "Favourite emoji must be 3 characters or less", NOTHING, NULL},
    /* thumbs up with a skin tone: 2 code points */
    {"text", {"emoji", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"}, "emoji", NULL,
     NULL, NULL},
    /* a family: 5 code points joined by ZWJ */
    {"text", {"emoji", "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80"
                       "\x8d\xf0\x9f\x91\xa7"}, "emoji",
     "Favourite emoji must be 3 characters or less", NULL, NULL},
    {"text", {"emoji", "abc"}, "emoji", NULL, "abc", NULL},
    {"text", {"emoji", "abcd"}, "emoji",
     "Favourite emoji must be 3 characters or less", NULL, NULL},
    /* --- textarea, max_length 10,000 --- */
    {"text", {"story", "@10000*x"}, "story", NULL, NULL, NULL},
    {"text", {"story", "@10001*x"}, "story",
     "Your story must be 10,000 characters or less", NOTHING, "story"},
    {"text", {"story", "@10000*\xe2\x82\xac"}, "story", NULL, NULL, NULL},
    {"text", {"story", "@10001*\xe2\x82\xac"}, "story",
     "Your story must be 10,000 characters or less", NOTHING, NULL},
    {"text", {"story", "@10000*\xf0\x9f\x98\x80"}, "story", NULL, NULL, NULL},
    {"text", {"story", "@10001*\xf0\x9f\x98\x80"}, "story",
     "Your story must be 10,000 characters or less", NULL, NULL},
    {"text", {"story", "@20000*x"}, "story",
     "Your story must be 10,000 characters or less", NULL, NULL},
    {"text", {"story", "line one\nline two"}, "story", NULL,
     "line one\nline two", NULL},
    {"text", {"story", "\xff"}, "story",
     "Your story must only include characters you can type", NOTHING, NULL},
    /* --- textarea without max_length; author messages --- */
    {"text_more", {"notes", "@65537*n"}, "notes", "Notes is too long", NULL,
     NULL},
    {"text_more", {"notes", "@1000*n"}, "notes", NULL, NULL, NULL},
    {"text_more", {NULL}, "code", "Enter the code from your letter", NULL,
     "code"},
    {"text_more", {"code", "abc"}, "code",
     "The code has 4 characters or more", NULL, NULL},
    {"text_more", {"code", "abcd"}, "code", NULL, "abcd", NULL},
    {"text_more", {"code", "@1000*c"}, "code", NULL, NULL, NULL},
    {"text_more", {"code", "@1001*c"}, "code",
     "The code has 1,000 characters or less", NULL, NULL},
    /* Beyond what the reader takes: still the max_length message. */
    {"text_more", {"code", "@70000*c"}, "code",
     "The code has 1,000 characters or less", NOTHING, NULL},

    /* --- email --- */
    {"contact", {NULL}, "email", "Enter email address", NULL, "email"},
    {"contact", {"email", "  "}, "email", "Enter email address", NULL, NULL},
    {"contact", {"email", "name@example.com"}, "email", NULL,
     "name@example.com", NULL},
    {"contact", {"email", " name@example.com "}, "email", NULL,
     "name@example.com", NULL},
    {"contact", {"email", "name@Example.COM"}, "email", NULL,
     "name@Example.COM", NULL},
    {"contact", {"email", "first.last+tag@sub.example.co.uk"}, "email", NULL,
     NULL, NULL},
    {"contact", {"email", "name@example"}, "email",
     "Enter an email address in the correct format, like name@example.com",
     NOTHING, "email"},
    {"contact", {"email", "name.example.com"}, "email",
     "Enter an email address in the correct format, like name@example.com",
     NULL, NULL},
    {"contact", {"email", "na me@example.com"}, "email",
     "Enter an email address in the correct format, like name@example.com",
     NULL, NULL},
    {"contact", {"email", "a@b@example.com"}, "email",
     "Enter an email address in the correct format, like name@example.com",
     NULL, NULL},
    {"contact", {"email", "@example.com"}, "email",
     "Enter an email address in the correct format, like name@example.com",
     NULL, NULL},
    {"contact", {"email", "\xff@example.com"}, "email",
     "Email address must only include characters you can type", NOTHING,
     NULL},
    /* --- matches: compared normalised, only when both answered --- */
    {"contact", {"email", "a@example.com", "email_again", "a@example.com"},
     "email_again", NULL, "a@example.com", NULL},
    {"contact", {"email", "a@example.com", "email_again", " a@example.com "},
     "email_again", NULL, "a@example.com", NULL},
    {"contact", {"email", "a@example.com", "email_again", "b@example.com"},
     "email_again", "Confirm email address must match email address",
     NOTHING, "email_again"},
    {"contact", {"email", "a@example.com", "email_again", "A@example.com"},
     "email_again", "Confirm email address must match email address", NULL,
     NULL},
    {"contact", {"email", "a@example.com"}, "email_again", NULL, NOTHING,
     NULL},
    {"contact", {"email_again", "a@example.com"}, "email_again", NULL,
     "a@example.com", NULL},
    {"contact", {"email", "bad", "email_again", "a@example.com"},
     "email_again", NULL, "a@example.com", NULL},
    {"contact", {"email", "bad", "email_again", "bad"}, "email_again",
     "Enter an email address in the correct format, like name@example.com",
     NULL, NULL},
    /* --- phone --- */
    {"contact", {"phone", "01614960000"}, "phone", NULL, "01614960000", NULL},
    {"contact", {"phone", "0161 496 0000"}, "phone", NULL, "01614960000",
     NULL},
    {"contact", {"phone", "(0161) 496-0000"}, "phone", NULL, "01614960000",
     NULL},
    {"contact", {"phone", "0161.496.0000"}, "phone", NULL, "01614960000",
     NULL},
    {"contact", {"phone", "07700 900982"}, "phone", NULL, "07700900982",
     NULL},
    {"contact", {"phone", "0161496000"}, "phone", NULL, "0161496000", NULL},
    {"contact", {"phone", "+44 161 496 0000"}, "phone", NULL, NULL, NULL},
    {"contact", {"phone", "+447700900982"}, "phone", NULL, NULL, NULL},
    {"contact", {"phone", "12345"}, "phone",
     "Enter a telephone number, like 01632 960 001 or 07700 900 982",
     NOTHING, "phone"},
    {"contact", {"phone", "01614960000000"}, "phone",
     "Enter a telephone number, like 01632 960 001 or 07700 900 982", NULL,
     NULL},
    {"contact", {"phone", "016149600"}, "phone",
     "Enter a telephone number, like 01632 960 001 or 07700 900 982", NULL,
     NULL},
    {"contact", {"phone", "call me"}, "phone",
     "Enter a telephone number, like 01632 960 001 or 07700 900 982", NULL,
     NULL},
    {"contact", {"phone", ""}, "phone", NULL, NOTHING, NULL},
    {"contact", {"phone", "07700 900982", "phone_again", "07700900982"},
     "phone_again", NULL, "07700900982", NULL},
    {"contact", {"phone", "07700900982", "phone_again", "07700900983"},
     "phone_again", "Confirm phone number must match phone number", NOTHING,
     NULL},
    /* --- postcode: any case and spacing, stored with one space --- */
    {"contact", {NULL}, "postcode", "Enter postcode", NULL, "postcode"},
    {"contact", {"postcode", "sk13xe"}, "postcode", NULL, "SK1 3XE", NULL},
    {"contact", {"postcode", "SK1  3XE"}, "postcode", NULL, "SK1 3XE", NULL},
    {"contact", {"postcode", " sk1 3xe "}, "postcode", NULL, "SK1 3XE",
     NULL},
    {"contact", {"postcode", "S K 1 3 X E"}, "postcode", NULL, "SK1 3XE",
     NULL},
    {"contact", {"postcode", "SW1A1AA"}, "postcode", NULL, "SW1A 1AA", NULL},
    {"contact", {"postcode", "m1 1ae"}, "postcode", NULL, "M1 1AE", NULL},
    {"contact", {"postcode", "B338TH"}, "postcode", NULL, "B33 8TH", NULL},
    {"contact", {"postcode", "cr26xh"}, "postcode", NULL, "CR2 6XH", NULL},
    {"contact", {"postcode", "DN551PT"}, "postcode", NULL, "DN55 1PT", NULL},
    {"contact", {"postcode", "W1A0AX"}, "postcode", NULL, "W1A 0AX", NULL},
    {"contact", {"postcode", "gir0aa"}, "postcode", NULL, "GIR 0AA", NULL},
    {"contact", {"postcode", "SK1"}, "postcode", "Enter a real postcode",
     NOTHING, "postcode"},
    {"contact", {"postcode", "12345"}, "postcode", "Enter a real postcode",
     NULL, NULL},
    {"contact", {"postcode", "SK1 3XEE"}, "postcode", "Enter a real postcode",
     NULL, NULL},
    {"contact", {"postcode", "SKK1 3XE"}, "postcode",
     "Enter a real postcode", NULL, NULL},
    {"contact", {"postcode", "SK1 XXE"}, "postcode", "Enter a real postcode",
     NULL, NULL},
    {"contact", {"postcode", "sk1-3xe"}, "postcode", "Enter a real postcode",
     NULL, NULL},
    /* pattern on a postcode sees the normalised value */
    {"contact", {"outward", "sk1 3xe"}, "outward", NULL, "SK1 3XE", NULL},
    {"contact", {"outward", "SK14 1AB"}, "outward", NULL, "SK14 1AB", NULL},
    {"contact", {"outward", "M1 1AE"}, "outward",
     "Enter a postcode in Stockport", NOTHING, NULL},
    {"contact", {"outward", "bad"}, "outward", "Enter a real postcode", NULL,
     NULL},

    /* --- number: integer, 1 to 10 --- */
    {"numbers", {NULL}, "people", "Enter number of people", NULL, "people"},
    {"numbers", {"people", "5"}, "people", NULL, "5", NULL},
    {"numbers", {"people", "1"}, "people", NULL, "1", NULL},
    {"numbers", {"people", "10"}, "people", NULL, "10", NULL},
    {"numbers", {"people", " 7 "}, "people", NULL, "7", NULL},
    {"numbers", {"people", "007"}, "people", NULL, "7", NULL},
    {"numbers", {"people", "3.0"}, "people", NULL, "3", NULL},
    {"numbers", {"people", "0"}, "people",
     "Number of people must be 1 or more", NOTHING, NULL},
    {"numbers", {"people", "-1"}, "people",
     "Number of people must be 1 or more", NULL, NULL},
    {"numbers", {"people", "11"}, "people",
     "Number of people must be 10 or less", NOTHING, NULL},
    {"numbers", {"people", "1,000"}, "people",
     "Number of people must be 10 or less", NULL, NULL},
    {"numbers", {"people", "2.5"}, "people",
     "Number of people must be a whole number", NOTHING, NULL},
    {"numbers", {"people", "0.5"}, "people",
     "Number of people must be a whole number", NULL, NULL},
    /* Above 2^53 every double is whole: the rule reads the text. */
    {"numbers", {"people", "9007199254740993.5"}, "people",
     "Number of people must be a whole number", NULL, NULL},
    {"numbers", {"people", "five"}, "people",
     "Number of people must be a number", NOTHING, NULL},
    {"numbers", {"people", "1e3"}, "people",
     "Number of people must be a number", NULL, NULL},
    {"numbers", {"people", "1,0"}, "people",
     "Number of people must be a number", NULL, NULL},
    {"numbers", {"people", "0x10"}, "people",
     "Number of people must be a number", NULL, NULL},
    {"numbers", {"people", "inf"}, "people",
     "Number of people must be a number", NULL, NULL},
    {"numbers", {"people", "nan"}, "people",
     "Number of people must be a number", NULL, NULL},
    {"numbers", {"people", "5 people"}, "people",
     "Number of people must be a number", NULL, NULL},
    /* --- number: decimals, -5.5 to 1,000,000 --- */
    {"numbers", {NULL}, "amount", NULL, NOTHING, NULL},
    {"numbers", {"amount", "1,000"}, "amount", NULL, "1000", NULL},
    {"numbers", {"amount", "1,000,000"}, "amount", NULL, "1000000", NULL},
    {"numbers", {"amount", "1000000.01"}, "amount",
     "Amount must be 1,000,000 or less", NOTHING, NULL},
    {"numbers", {"amount", "1,000,001"}, "amount",
     "Amount must be 1,000,000 or less", NULL, NULL},
    {"numbers", {"amount", "-5.5"}, "amount", NULL, "-5.5", NULL},
    {"numbers", {"amount", "-5.6"}, "amount", "Amount must be -5.5 or more",
     NOTHING, NULL},
    {"numbers", {"amount", "12.50"}, "amount", NULL, "12.5", NULL},
    {"numbers", {"amount", "1,000.5"}, "amount", NULL, "1000.5", NULL},
    {"numbers", {"amount", "1,00"}, "amount", "Amount must be a number",
     NULL, NULL},
    {"numbers", {"amount", "\xff"}, "amount",
     "Amount must only include characters you can type", NOTHING, NULL},

    /* --- dates; today is 15 June 2025 --- */
    {"dates", {NULL}, "born", "Enter date of birth", NULL, "born-day"},
    {"dates", {DATE("born", "29", "2", "2024")}, "born", NULL, "2024-02-29",
     NULL},
    {"dates", {DATE("born", "29", "2", "2023")}, "born",
     "Date of birth must be a real date", NOTHING, "born-day"},
    {"dates", {DATE("born", "29", "2", "2000")}, "born", NULL, "2000-02-29",
     NULL},
    {"dates", {DATE("born", "29", "2", "1900")}, "born",
     "Date of birth must be a real date", NULL, NULL},
    {"dates", {DATE("born", "31", "4", "2020")}, "born",
     "Date of birth must be a real date", NULL, NULL},
    {"dates", {DATE("born", "30", "4", "2020")}, "born", NULL, "2020-04-30",
     NULL},
    {"dates", {DATE("born", "31", "12", "1999")}, "born", NULL, "1999-12-31",
     NULL},
    {"dates", {DATE("born", "1", "1", "1970")}, "born", NULL, "1970-01-01",
     NULL},
    {"dates", {DATE("born", " 7 ", " 3 ", " 1990 ")}, "born", NULL,
     "1990-03-07", NULL},
    {"dates", {DATE("born", "07", "03", "1990")}, "born", NULL, "1990-03-07",
     NULL},
    {"dates", {DATE("born", "29", "Feb", "2024")}, "born", NULL, "2024-02-29",
     NULL},
    {"dates", {DATE("born", "29", "february", "2024")}, "born", NULL,
     "2024-02-29", NULL},
    {"dates", {DATE("born", "", "3", "1990")}, "born",
     "Date of birth must include a day", NULL, "born-day"},
    {"dates", {DATE("born", "7", "", "1990")}, "born",
     "Date of birth must include a month", NULL, "born-month"},
    {"dates", {DATE("born", "7", "3", "")}, "born",
     "Date of birth must include a year", NULL, "born-year"},
    {"dates", {DATE("born", "", "", "1990")}, "born",
     "Date of birth must include a day and month", NULL, "born-day"},
    {"dates", {DATE("born", "7", "", "")}, "born",
     "Date of birth must include a month and year", NULL, "born-month"},
    {"dates", {DATE("born", "", "3", "")}, "born",
     "Date of birth must include a day and year", NULL, "born-day"},
    {"dates", {DATE("born", "", "", "")}, "born", "Enter date of birth", NULL,
     "born-day"},
    {"dates", {DATE("born", "7", "3", "90")}, "born",
     "Date of birth must be a real date", NULL, NULL},
    {"dates", {DATE("born", "32", "1", "1990")}, "born",
     "Date of birth must be a real date", NULL, NULL},
    {"dates", {DATE("born", "0", "1", "1990")}, "born",
     "Date of birth must be a real date", NULL, NULL},
    {"dates", {DATE("born", "1", "13", "1990")}, "born",
     "Date of birth must be a real date", NULL, NULL},
    {"dates", {DATE("born", "x", "1", "1990")}, "born",
     "Date of birth must be a real date", NULL, NULL},
    {"dates", {DATE("born", "\xff", "2", "2020")}, "born",
     "Date of birth must only include characters you can type", NOTHING,
     NULL},
    {"dates", {DATE("born", "15", "6", "2025")}, "born",
     "Date of birth must be in the past", NOTHING, "born-day"},
    {"dates", {DATE("born", "16", "6", "2025")}, "born",
     "Date of birth must be in the past", NULL, NULL},
    {"dates", {DATE("born", "14", "6", "2025")}, "born", NULL, "2025-06-14",
     NULL},
    /* future excludes today */
    {"dates", {DATE("visit", "15", "6", "2025")}, "visit",
     "Visit date must be in the future", NOTHING, NULL},
    {"dates", {DATE("visit", "16", "6", "2025")}, "visit", NULL, "2025-06-16",
     NULL},
    {"dates", {DATE("visit", "1", "1", "2020")}, "visit",
     "Visit date must be in the future", NULL, NULL},
    {"dates", {DATE("visit", "29", "2", "2028")}, "visit", NULL, "2028-02-29",
     NULL},
    {"dates", {DATE("visit", "29", "2", "2027")}, "visit",
     "Visit date must be a real date", NULL, NULL},
    /* fixed before and after, both strict */
    {"dates", {DATE("moved", "31", "12", "1990")}, "moved",
     "Date you moved must be after 31 December 1990", NOTHING, NULL},
    {"dates", {DATE("moved", "1", "1", "1991")}, "moved", NULL, "1991-01-01",
     NULL},
    {"dates", {DATE("moved", "31", "12", "2019")}, "moved", NULL,
     "2019-12-31", NULL},
    {"dates", {DATE("moved", "1", "1", "2020")}, "moved",
     "Date you moved must be before 1 January 2020", NOTHING, NULL},
    {"dates", {DATE("moved", "5", "5", "2025")}, "moved",
     "Date you moved must be before 1 January 2020", NULL, NULL},
    /* after today+14d: the message names the day worked out */
    {"dates", {DATE("start", "29", "6", "2025")}, "start",
     "Start date must be after 29 June 2025", NOTHING, "start-day"},
    {"dates", {DATE("start", "30", "6", "2025")}, "start", NULL, "2025-06-30",
     NULL},
    {"dates", {DATE("start", "1", "1", "2025")}, "start",
     "Start date must be after 29 June 2025", NULL, NULL},
    /* before today-1d, with the author's message */
    {"dates", {DATE("end", "14", "6", "2025")}, "end",
     "The end date must be before yesterday", NOTHING, NULL},
    {"dates", {DATE("end", "13", "6", "2025")}, "end", NULL, "2025-06-13",
     NULL},
    {"dates", {DATE("end", "15", "6", "2025")}, "end",
     "The end date must be before yesterday", NULL, NULL},

    /* --- radios, with a revealed follow-up --- */
    {"choices", {NULL}, "colour", "Select colour", NULL, "colour"},
    {"choices", {"colour", "red"}, "colour", NULL, "red", NULL},
    {"choices", {"colour", "blue"}, "colour", NULL, "blue", NULL},
    {"choices", {"colour", "green"}, "colour", "Select colour", NOTHING,
     "colour"},
    {"choices", {"colour", "RED"}, "colour", "Select colour", NOTHING, NULL},
    {"choices", {"colour", "other"}, "colour_other", "Enter other colour",
     NULL, "colour_other"},
    {"choices", {"colour", "other", "colour_other", "Teal"}, "colour_other",
     NULL, "Teal", NULL},
    {"choices", {"colour", "red", "colour_other", "Teal"}, "colour_other",
     NULL, NOTHING, NULL},
    {"choices", {"colour", "red"}, "colour_other", NULL, NOTHING, NULL},
    /* --- select --- */
    {"choices", {NULL}, "size", NULL, NOTHING, NULL},
    {"choices", {"size", "small"}, "size", NULL, "small", NULL},
    {"choices", {"size", "large"}, "size", NULL, "large", NULL},
    {"choices", {"size", "huge"}, "size", "Select size", NOTHING, "size"},
    {"choices", {"size", "\xff"}, "size",
     "Size must only include characters you can type", NOTHING, NULL},
    /* --- yes_no --- */
    {"choices", {NULL}, "agree", "Select agreement", NULL, "agree"},
    {"choices", {"agree", "yes"}, "agree", NULL, "yes", NULL},
    {"choices", {"agree", "no"}, "agree", NULL, "no", NULL},
    {"choices", {"agree", "maybe"}, "agree", "Select agreement", NOTHING,
     NULL},
    {"choices", {"agree", "Yes"}, "agree", "Select agreement", NOTHING, NULL},
    /* --- checkboxes: 2 to 3 of 5 --- */
    {"choices", {NULL}, "items", NULL, NOTHING, NULL},
    {"choices", {"items", "sofa"}, "items", "Select at least 2 options",
     NOTHING, "items"},
    {"choices", {"items", "sofa", "items", "bed"}, "items", NULL, "sofa",
     NULL},
    {"choices", {"items", "bed", "items", "sofa"}, "items", NULL, "sofa",
     NULL},
    {"choices", {"items", "sofa", "items", "sofa"}, "items",
     "Select at least 2 options", NULL, NULL},
    {"choices", {"items", "sofa", "items", "sofa", "items", "bed"}, "items",
     NULL, "sofa", NULL},
    {"choices", {"items", "sofa", "items", "bed", "items", "chair"}, "items",
     NULL, "sofa", NULL},
    {"choices", {"items", "sofa", "items", "bed", "items", "chair", "items",
                 "table"}, "items", "Select no more than 3 options", NOTHING,
     NULL},
    {"choices", {"items", "sofa", "items", "car"}, "items", "Select items",
     NOTHING, NULL},
    {"choices", {"items", "Sofa", "items", "bed"}, "items", "Select items",
     NULL, NULL},
    /* --- declaration --- */
    {"choices", {NULL}, "confirm",
     "Select the box to confirm the declaration", NULL, "confirm"},
    {"choices", {"confirm", "confirmed"}, "confirm", NULL, "confirmed", NULL},
    {"choices", {"confirm", "yes"}, "confirm",
     "Select the box to confirm the declaration", NOTHING, NULL},
    {"choices", {"confirm", "on"}, "confirm",
     "Select the box to confirm the declaration", NULL, NULL},

    /* --- address --- */
    {"place", {NULL}, "home", "Enter home address", NULL, "home-line1"},
    {"place", {"home-line1", "1 High Street", "home-town", "Stockport",
               "home-postcode", "sk13xe"}, "home", NULL, NULL, NULL},
    {"place", {"home-town", "Stockport", "home-postcode", "SK1 3XE"}, "home",
     "Enter address line 1, typically the building and street", NULL,
     "home-line1"},
    {"place", {"home-line1", "1 High Street", "home-postcode", "SK1 3XE"},
     "home", "Enter town or city", NULL, "home-town"},
    {"place", {"home-line1", "1 High Street", "home-town", "Stockport"},
     "home", "Enter postcode", NULL, "home-postcode"},
    {"place", {"home-line1", "1 High Street", "home-town", "Stockport",
               "home-postcode", "nowhere"}, "home", "Enter a real postcode",
     NULL, "home-postcode"},
    {"place", {"home-line2", "Flat 2"}, "home",
     "Enter address line 1, typically the building and street", NULL,
     "home-line1"},
    {"place", {"home-line1", "  ", "home-town", " ", "home-postcode", " "},
     "home", "Enter home address", NULL, NULL},
    {"place", {NULL}, "work", NULL, NOTHING, NULL},
    {"place", {"work-line2", "Unit 4"}, "work",
     "Enter address line 1, typically the building and street", NULL,
     "work-line1"},
    {"place", {"work-line1", "2 Mill Lane", "work-town", "Hyde",
               "work-postcode", "SK14 1AB"}, "work", NULL, NULL, NULL},

    /* --- a question with a `when`: detail only when people >= 5 --- */
    {"follow", {"people", "5"}, "detail", "Enter detail", NULL, "detail"},
    {"follow", {"people", "9"}, "detail", "Enter detail", NULL, NULL},
    {"follow", {"people", "4"}, "detail", NULL, NOTHING, NULL},
    {"follow", {"people", "4", "detail", "More"}, "detail", NULL, NOTHING,
     NULL},
    {"follow", {"people", "6", "detail", "More"}, "detail", NULL, "More",
     NULL},
    {"follow", {NULL}, "detail", NULL, NOTHING, NULL},
    {"follow", {NULL}, "reason", "Enter reason", NULL, "reason"},
    {"follow", {"reason", "Because"}, "reason", NULL, "Because", NULL},

    /* --- name in one input: white space tidied, any letters --- */
    {"names", {NULL}, "whole_name", "Enter full name", NULL, "whole_name"},
    {"names", {"whole_name", "  "}, "whole_name", "Enter full name", NULL,
     NULL},
    {"names", {"whole_name", "Ada Lovelace"}, "whole_name", NULL,
     "Ada Lovelace", NULL},
    {"names", {"whole_name", "  Ada \t  Lovelace\n"}, "whole_name", NULL,
     "Ada Lovelace", NULL},
    {"names", {"whole_name", "Si\xc3\xa2n O'Brien-Jones"}, "whole_name", NULL,
     "Si\xc3\xa2n O'Brien-Jones", NULL},
    {"names", {"whole_name", "\xe7\x8e\x8b\xe8\x8a\xb3"}, "whole_name", NULL,
     "\xe7\x8e\x8b\xe8\x8a\xb3", NULL},
    {"names", {"whole_name", "X \xc3\x86 A-12"}, "whole_name", NULL,
     "X \xc3\x86 A-12", NULL},
    {"names", {"whole_name", "\xff"}, "whole_name",
     "Full name must only include characters you can type", NOTHING, NULL},
    {"names", {"whole_name", "@65537*a"}, "whole_name",
     "Full name is too long", NOTHING, "whole_name"},
    /* --- name in parts: given and family needed, title optional,
     * max_length 35 on each part --- */
    {"names", {NULL}, "your_name", "Enter your name", NULL, "your_name-title"},
    {"names", {"your_name-title", "", "your_name-given", " ",
               "your_name-family", ""}, "your_name", "Enter your name",
     NULL, NULL},
    {"names", {"your_name-given", "Ada", "your_name-family", "Lovelace"},
     "your_name", NULL, NOTHING, NULL},
    {"names", {"your_name-given", "Ada"}, "your_name",
     "Enter your last name", NULL, "your_name-family"},
    {"names", {"your_name-family", "Lovelace"}, "your_name",
     "Enter your first name", NULL, "your_name-given"},
    {"names", {"your_name-title", "Dr"}, "your_name",
     "Enter your first name", NULL, "your_name-given"},
    {"names", {"your_name-given", "@35*a", "your_name-family", "Lovelace"},
     "your_name", NULL, NULL, NULL},
    {"names", {"your_name-given", "@36*a", "your_name-family", "Lovelace"},
     "your_name", "Your name must be 35 characters or less", NULL,
     "your_name-given"},
    {"names", {"your_name-given", "Ada", "your_name-family", "@36*b"},
     "your_name", "Your name must be 35 characters or less", NULL,
     "your_name-family"},
    {"names", {"your_name-title", "@36*c", "your_name-given", "Ada",
               "your_name-family", "Lovelace"},
     "your_name", "Your name must be 35 characters or less", NULL,
     "your_name-title"},
    {"names", {"your_name-given", "\xff", "your_name-family", "Lovelace"},
     "your_name", "Your name must only include characters you can type",
     NULL, NULL},
    /* optional, with the author's message for its rule */
    {"names", {NULL}, "carer", NULL, NOTHING, NULL},
    {"names", {"carer-given", "Jo", "carer-family", "Bloggs"}, "carer", NULL,
     NOTHING, NULL},
    {"names", {"carer-given", "J", "carer-family", "Bloggs"}, "carer",
     "Each part of the carer's name must be 2 characters or more", NULL,
     "carer-given"},
    {"names", {"carer-family", "Bloggs"}, "carer", "Enter your first name",
     NULL, "carer-given"},

    /* --- time: after 08:00, before 17:00, both strict --- */
    {"times", {NULL}, "arrival", "Enter arrival time", NULL, "arrival"},
    {"times", {"arrival", "9:30am"}, "arrival", NULL, "09:30", NULL},
    {"times", {"arrival", "9.30 a.m."}, "arrival", NULL, "09:30", NULL},
    {"times", {"arrival", "14:30"}, "arrival", NULL, "14:30", NULL},
    {"times", {"arrival", "14.30"}, "arrival", NULL, "14:30", NULL},
    {"times", {"arrival", "1430"}, "arrival", NULL, "14:30", NULL},
    {"times", {"arrival", "930"}, "arrival", NULL, "09:30", NULL},
    {"times", {"arrival", "9:05"}, "arrival", NULL, "09:05", NULL},
    {"times", {"arrival", "2pm"}, "arrival", NULL, "14:00", NULL},
    {"times", {"arrival", "2:30 PM"}, "arrival", NULL, "14:30", NULL},
    {"times", {"arrival", " 12pm "}, "arrival", NULL, "12:00", NULL},
    {"times", {"arrival", "Noon"}, "arrival", NULL, "12:00", NULL},
    {"times", {"arrival", "midday"}, "arrival", NULL, "12:00", NULL},
    {"times", {"arrival", "12 noon"}, "arrival", NULL, "12:00", NULL},
    {"times", {"arrival", "08:01"}, "arrival", NULL, "08:01", NULL},
    {"times", {"arrival", "16:59"}, "arrival", NULL, "16:59", NULL},
    {"times", {"arrival", "17:00"}, "arrival",
     "Arrival time must be before 5pm", NOTHING, "arrival"},
    {"times", {"arrival", "5pm"}, "arrival",
     "Arrival time must be before 5pm", NOTHING, NULL},
    {"times", {"arrival", "11:45pm"}, "arrival",
     "Arrival time must be before 5pm", NULL, NULL},
    {"times", {"arrival", "8am"}, "arrival", "Arrival time must be after 8am",
     NOTHING, NULL},
    {"times", {"arrival", "midnight"}, "arrival",
     "Arrival time must be after 8am", NOTHING, NULL},
    {"times", {"arrival", "12am"}, "arrival",
     "Arrival time must be after 8am", NULL, NULL},
    {"times", {"arrival", "24:00"}, "arrival",
     "Arrival time must be a real time, like 9:30am or 14:30", NOTHING,
     "arrival"},
    {"times", {"arrival", "25:00"}, "arrival",
     "Arrival time must be a real time, like 9:30am or 14:30", NULL, NULL},
    {"times", {"arrival", "13pm"}, "arrival",
     "Arrival time must be a real time, like 9:30am or 14:30", NULL, NULL},
    {"times", {"arrival", "0am"}, "arrival",
     "Arrival time must be a real time, like 9:30am or 14:30", NULL, NULL},
    {"times", {"arrival", "14:60"}, "arrival",
     "Arrival time must be a real time, like 9:30am or 14:30", NULL, NULL},
    {"times", {"arrival", "2:3"}, "arrival",
     "Arrival time must be a real time, like 9:30am or 14:30", NULL, NULL},
    {"times", {"arrival", "14"}, "arrival",
     "Arrival time must be a real time, like 9:30am or 14:30", NULL, NULL},
    {"times", {"arrival", "half past two"}, "arrival",
     "Arrival time must be a real time, like 9:30am or 14:30", NULL, NULL},
    {"times", {"arrival", "\xff"}, "arrival",
     "Arrival time must only include characters you can type", NOTHING,
     NULL},
    /* the author's messages */
    {"times", {NULL}, "collection", NULL, NOTHING, NULL},
    {"times", {"collection", "7am"}, "collection", NULL, "07:00", NULL},
    {"times", {"collection", "6:59am"}, "collection",
     "Enter a time from 7am", NOTHING, NULL},
    {"times", {"collection", "12:00"}, "collection",
     "Enter a time before midday", NOTHING, NULL},
    {"times", {"collection", "11:59"}, "collection", NULL, "11:59", NULL},

    /* --- National Insurance number --- */
    {"ni", {NULL}, "nino", "Enter your National Insurance number", NULL,
     "nino"},
    {"ni", {"nino", "AB123456C"}, "nino", NULL, "AB123456C", NULL},
    {"ni", {"nino", "ab 12 34 56 c"}, "nino", NULL, "AB123456C", NULL},
    {"ni", {"nino", " AB-12-34-56-C "}, "nino", NULL, "AB123456C", NULL},
    {"ni", {"nino", "ab.12.34.56.d"}, "nino", NULL, "AB123456D", NULL},
    {"ni", {"nino", "ZA 00 00 00 A"}, "nino", NULL, "ZA000000A", NULL},
    {"ni", {"nino", "QQ 12 34 56 C"}, "nino",
     "Enter a National Insurance number in the correct format", NOTHING,
     "nino"},
    {"ni", {"nino", "AB123456"}, "nino",
     "Enter a National Insurance number in the correct format", NULL, NULL},
    {"ni", {"nino", "AB123456E"}, "nino",
     "Enter a National Insurance number in the correct format", NULL, NULL},
    {"ni", {"nino", "DA123456C"}, "nino",
     "Enter a National Insurance number in the correct format", NULL, NULL},
    {"ni", {"nino", "AO123456C"}, "nino",
     "Enter a National Insurance number in the correct format", NULL, NULL},
    {"ni", {"nino", "GB123456A"}, "nino",
     "Enter a National Insurance number in the correct format", NULL, NULL},
    {"ni", {"nino", "AB12345C"}, "nino",
     "Enter a National Insurance number in the correct format", NULL, NULL},
    {"ni", {"nino", "AB1234567C"}, "nino",
     "Enter a National Insurance number in the correct format", NULL, NULL},
    {"ni", {"nino", "\xff"}, "nino",
     "National Insurance number must only include characters you can type",
     NOTHING, NULL},
    {"ni", {NULL}, "partner_nino", NULL, NOTHING, NULL},
    {"ni", {"partner_nino", "AB 12 34 56 A"}, "partner_nino", NULL,
     "AB123456A", NULL},
    {"ni", {"partner_nino", "12345678"}, "partner_nino",
     "Enter a National Insurance number in the correct format", NOTHING,
     NULL},

    /* --- money: £1 to £500, stored as pence --- */
    {"money", {NULL}, "payment", "Enter amount", NULL, "payment"},
    {"money", {"payment", "12.50"}, "payment", NULL, "1250", NULL},
    {"money", {"payment", "\xc2\xa3" "12.50"}, "payment", NULL, "1250", NULL},
    {"money", {"payment", "\xc2\xa3 12.50"}, "payment", NULL, "1250", NULL},
    {"money", {"payment", "12.5"}, "payment", NULL, "1250", NULL},
    {"money", {"payment", " 75 "}, "payment", NULL, "7500", NULL},
    {"money", {"payment", "1"}, "payment", NULL, "100", NULL},
    {"money", {"payment", "500"}, "payment", NULL, "50000", NULL},
    {"money", {"payment", "500.00"}, "payment", NULL, "50000", NULL},
    {"money", {"payment", "500.01"}, "payment",
     "Amount must be \xc2\xa3" "500 or less", NOTHING, "payment"},
    {"money", {"payment", "1,234.50"}, "payment",
     "Amount must be \xc2\xa3" "500 or less", NOTHING, NULL},
    {"money", {"payment", "0.99"}, "payment",
     "Amount must be \xc2\xa3" "1 or more", NOTHING, NULL},
    {"money", {"payment", ".50"}, "payment",
     "Amount must be \xc2\xa3" "1 or more", NULL, NULL},
    {"money", {"payment", "0"}, "payment",
     "Amount must be \xc2\xa3" "1 or more", NULL, NULL},
    {"money", {"payment", "12.505"}, "payment",
     "Amount must be an amount of money, like 12.50 or 1,200", NOTHING,
     "payment"},
    {"money", {"payment", "-5"}, "payment",
     "Amount must be an amount of money, like 12.50 or 1,200", NULL, NULL},
    {"money", {"payment", "12p"}, "payment",
     "Amount must be an amount of money, like 12.50 or 1,200", NULL, NULL},
    {"money", {"payment", "GBP 12"}, "payment",
     "Amount must be an amount of money, like 12.50 or 1,200", NULL, NULL},
    {"money", {"payment", "1,23.4"}, "payment",
     "Amount must be an amount of money, like 12.50 or 1,200", NULL, NULL},
    {"money", {"payment", "12,50"}, "payment",
     "Amount must be an amount of money, like 12.50 or 1,200", NULL, NULL},
    {"money", {"payment", "ten pounds"}, "payment",
     "Amount must be an amount of money, like 12.50 or 1,200", NULL, NULL},
    {"money", {"payment", "\xff"}, "payment",
     "Amount must only include characters you can type", NOTHING, NULL},
    /* £0.50 to £99.99; the author's message for max */
    {"money", {NULL}, "refund", NULL, NOTHING, NULL},
    {"money", {"refund", "0.50"}, "refund", NULL, "50", NULL},
    {"money", {"refund", "99.99"}, "refund", NULL, "9999", NULL},
    {"money", {"refund", "0.49"}, "refund",
     "Refund must be \xc2\xa3" "0.50 or more", NOTHING, NULL},
    {"money", {"refund", "100"}, "refund",
     "The refund must be \xc2\xa3" "99.99 or less", NOTHING, NULL},
    {"money", {"refund", "1,000"}, "refund",
     "The refund must be \xc2\xa3" "99.99 or less", NULL, NULL},

    /* --- autocomplete: an option's value, or its label in any case --- */
    {"lists", {NULL}, "council", "Select council", NULL, "council"},
    {"lists", {"council", "bury"}, "council", NULL, "bury", NULL},
    {"lists", {"council", "Bury"}, "council", NULL, "bury", NULL},
    {"lists", {"council", "  BOLTON "}, "council", NULL, "bolton", NULL},
    {"lists", {"council", "isle of   anglesey"}, "council", NULL, "ynys-mon",
     NULL},
    {"lists", {"council", "Ynys M\xc3\xb4n"}, "council", NULL, "ynys-mon",
     NULL},
    {"lists", {"council", "YNYS M\xc3\x94N"}, "council", NULL, "ynys-mon",
     NULL},
    {"lists", {"council", "Leeds"}, "council",
     "Select council from the list", NOTHING, "council"},
    {"lists", {"council", "Bur"}, "council", "Select council from the list",
     NULL, NULL},
    {"lists", {"council", "\xff"}, "council",
     "Council must only include characters you can type", NOTHING, NULL},
    /* from the shared list tests/validators/lists/test-countries.yaml */
    {"lists", {NULL}, "country", NULL, NOTHING, NULL},
    {"lists", {"country", "FR"}, "country", NULL, "FR", NULL},
    {"lists", {"country", "france"}, "country", NULL, "FR", NULL},
    {"lists", {"country", "Yr Almaen"}, "country", NULL, "DE", NULL},
    {"lists", {"country", "Ireland"}, "country", NULL, "Ireland", NULL},
    {"lists", {"country", "United Kingdom"}, "country", NULL, "GB", NULL},
    {"lists", {"country", "fr"}, "country", "Select country from the list",
     NOTHING, NULL},
    {"lists", {"country", "Narnia"}, "country",
     "Select country from the list", NOTHING, NULL},
};

static const size_t n_cases = sizeof cases / sizeof cases[0];

/* Expands "@N*TEXT" into TEXT repeated N times (the caller frees it); any
 * other value is copied. */
static char *
expand(const char *v)
{
    if (v[0] != '@' || !(v[1] >= '0' && v[1] <= '9'))
        return strdup(v);
    char *star;
    long n = strtol(v + 1, &star, 10);
    ck_assert(*star == '*' && n > 0);
    const char *unit = star + 1;
    size_t len = strlen(unit);
    char *s = malloc((size_t)n * len + 1);
    ck_assert_ptr_nonnull(s);
    for (long i = 0; i < n; i++)
        memcpy(s + (size_t)i * len, unit, len);
    s[(size_t)n * len] = '\0';
    return s;
}

/* Validates page @p id of the form with the driver. */
static void
validate(const char *id, const struct fb_answers *in, struct fb_answers *out,
         struct fb_errors *errs)
{
    const struct fb_page_desc *page = fb_form_find_page(&FORM, id);
    ck_assert_ptr_nonnull(page);
    ck_assert(fb_validate_page(page, in, &today, out, errs));
}

/* The words of @p e in English, in a buffer of the caller's. */
static const char *
words(const struct fb_error *e, char buf[1024])
{
    return e ? fb_error_message(e, FB_LANG_EN, buf, 1024) : "";
}

static struct fb_answers *
raw_answers(const struct vcase *c)
{
    struct fb_answers *in = fb_answers_new();
    ck_assert_ptr_nonnull(in);
    for (size_t i = 0; c->fields[i]; i += 2) {
        char *v = expand(c->fields[i + 1]);
        ck_assert_int_eq(fb_answers_add(in, c->fields[i], v), 0);
        free(v);
    }
    return in;
}

START_TEST(test_case)
{
    const struct vcase *c = &cases[_i];
    const struct fb_page_desc *page = fb_form_find_page(&FORM, c->page);
    ck_assert_msg(page && page->n_questions, "case %d: no page %s", _i,
                  c->page);
    struct fb_answers *in = raw_answers(c);
    struct fb_answers *out = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(errs);

    ck_assert(fb_validate_page(page, in, &today, out, errs));

    const struct fb_error *e = fb_errors_find(errs, c->question);
    char buf[1024];
    if (c->error) {
        ck_assert_msg(e != NULL, "case %d (%s): expected \"%s\", got no error",
                      _i, c->question, c->error);
        ck_assert_msg(strcmp(words(e, buf), c->error) == 0,
                      "case %d (%s): expected \"%s\", got \"%s\"", _i,
                      c->question, c->error, words(e, buf));
        if (c->anchor)
            ck_assert_str_eq(e->anchor, c->anchor);
    } else {
        ck_assert_msg(e == NULL, "case %d (%s): unexpected error \"%s\"", _i,
                      c->question, words(e, buf));
    }
    /* A question with an error stores nothing; a valid answer is stored
     * normalised. Dotted parts (address) count as stored too. */
    const char *got = fb_answers_get(out, c->question);
    if (c->stored == NULL) {
        /* not checked */
    } else if (strcmp(c->stored, NOTHING) == 0) {
        ck_assert_msg(got == NULL, "case %d (%s): stored \"%s\"", _i,
                      c->question, got);
    } else {
        ck_assert_msg(got && strcmp(got, c->stored) == 0,
                      "case %d (%s): stored \"%s\", expected \"%s\"", _i,
                      c->question, got ? got : "(nothing)", c->stored);
    }
    if (c->error) {
        size_t n = strlen(c->question);
        for (size_t i = 0; i < fb_answers_size(out); i++) {
            const char *name;
            ck_assert(fb_answers_at(out, i, &name, NULL));
            ck_assert_msg(!(strncmp(name, c->question, n) == 0 &&
                            (name[n] == '\0' || name[n] == '.')),
                          "case %d: failed question %s left %s stored", _i,
                          c->question, name);
        }
    }
    fb_answers_free(in);
    fb_answers_free(out);
    fb_errors_free(errs);
}
END_TEST

START_TEST(test_table_is_large)
{
    ck_assert_uint_ge(n_cases, 200);
}
END_TEST

START_TEST(test_address_parts_stored)
{
    struct vcase c = {"place", {"home-line1", " 1 High Street ", "home-line2",
                                "", "home-town", "Stockport",
                                "home-postcode", "sk13xe"},
                      "home", NULL, NULL, NULL};
    struct fb_answers *in = raw_answers(&c);
    struct fb_answers *out = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    validate("place", in, out, errs);
    ck_assert_ptr_null(fb_errors_find(errs, "home"));
    ck_assert_str_eq(fb_answers_get(out, "home.line1"), "1 High Street");
    ck_assert_str_eq(fb_answers_get(out, "home.town"), "Stockport");
    ck_assert_str_eq(fb_answers_get(out, "home.postcode"), "SK1 3XE");
    fb_answers_free(in);
    fb_answers_free(out);
    fb_errors_free(errs);
}
END_TEST

START_TEST(test_name_parts_stored)
{
    struct vcase c = {"names", {"your_name-title", " ", "your_name-given",
                                " Ada  King ", "your_name-family",
                                "Lovelace"},
                      "your_name", NULL, NULL, NULL};
    struct fb_answers *in = raw_answers(&c);
    struct fb_answers *out = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    validate("names", in, out, errs);
    ck_assert_ptr_null(fb_errors_find(errs, "your_name"));
    ck_assert_ptr_null(fb_answers_get(out, "your_name"));
    ck_assert_ptr_null(fb_answers_get(out, "your_name.title"));
    ck_assert_str_eq(fb_answers_get(out, "your_name.given"), "Ada King");
    ck_assert_str_eq(fb_answers_get(out, "your_name.family"), "Lovelace");
    fb_answers_set(in, "your_name-title", "Dr");
    fb_answers_clear(out);
    validate("names", in, out, errs);
    ck_assert_str_eq(fb_answers_get(out, "your_name.title"), "Dr");
    fb_answers_free(in);
    fb_answers_free(out);
    fb_errors_free(errs);
}
END_TEST

/* Conditions on the new types: money compares in pence with the pounds
 * written, a time and an NI number as stored, autocomplete by value. */
START_TEST(test_conditions_on_new_types)
{
    const struct fb_page_desc *p = fb_form_find_page(&FORM, "large_payment");
    struct fb_answers *a = fb_answers_new();
    ck_assert(!fb_page_applies(p, a, &today));
    fb_answers_set(a, "payment", "10050");
    ck_assert(!fb_page_applies(p, a, &today));
    fb_answers_set(a, "payment", "10051");
    ck_assert(fb_page_applies(p, a, &today));
    fb_answers_set(a, "payment", "900");
    fb_answers_set(a, "council", "wigan");
    ck_assert(fb_page_applies(p, a, &today));
    fb_answers_set(a, "council", "Wigan");
    ck_assert(!fb_page_applies(p, a, &today));
    fb_answers_set(a, "arrival", "09:30");
    ck_assert(!fb_page_applies(p, a, &today));
    fb_answers_set(a, "nino", "AB123456C");
    ck_assert(fb_page_applies(p, a, &today));
    fb_answers_free(a);
}
END_TEST

START_TEST(test_checkboxes_stored_in_option_order)
{
    struct vcase c = {"choices", {"items", "chair", "items", "sofa", "items",
                                  "chair"},
                      "items", NULL, NULL, NULL};
    struct fb_answers *in = raw_answers(&c);
    struct fb_answers *out = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    validate("choices", in, out, errs);
    ck_assert_ptr_null(fb_errors_find(errs, "items"));
    ck_assert_uint_eq(fb_answers_count(out, "items"), 2);
    ck_assert_str_eq(fb_answers_get_nth(out, "items", 0), "sofa");
    ck_assert_str_eq(fb_answers_get_nth(out, "items", 1), "chair");
    fb_answers_free(in);
    fb_answers_free(out);
    fb_errors_free(errs);
}
END_TEST

START_TEST(test_errors_in_page_order)
{
    struct vcase c = {"contact", {"email", "bad", "postcode", "x"}, "email",
                      NULL, NULL, NULL};
    struct fb_answers *in = raw_answers(&c);
    struct fb_answers *out = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    validate("contact", in, out, errs);
    ck_assert_uint_eq(fb_errors_count(errs), 2);
    ck_assert_str_eq(fb_errors_at(errs, 0)->question, "email");
    ck_assert_str_eq(fb_errors_at(errs, 1)->question, "postcode");
    fb_answers_free(in);
    fb_answers_free(out);
    fb_errors_free(errs);
}
END_TEST

START_TEST(test_page_condition)
{
    const struct fb_page_desc *p = fb_form_find_page(&FORM, "follow");
    struct fb_answers *a = fb_answers_new();
    ck_assert(p->when != NULL);
    ck_assert(!fb_page_applies(p, a, &today));
    fb_answers_set(a, "agree", "no");
    ck_assert(!fb_page_applies(p, a, &today));
    fb_answers_set(a, "agree", "yes");
    ck_assert(fb_page_applies(p, a, &today));
    ck_assert(fb_form_find_page(&FORM, "text")->when == NULL);
    fb_answers_free(a);
}
END_TEST

START_TEST(test_question_condition)
{
    const struct fb_question_desc *q = fb_form_find_question(&FORM, "detail");
    struct fb_answers *a = fb_answers_new();
    ck_assert(!fb_question_applies(q, a, &today));
    fb_answers_set(a, "people", "4.5");
    ck_assert(!fb_question_applies(q, a, &today));
    fb_answers_set(a, "people", "5");
    ck_assert(fb_question_applies(q, a, &today));
    fb_answers_free(a);
}
END_TEST

START_TEST(test_reveal_links)
{
    const struct fb_question_desc *q =
        fb_form_find_question(&FORM, "colour_other");
    const struct fb_question_desc *colour =
        fb_form_find_question(&FORM, "colour");
    ck_assert_ptr_eq(q->revealed_by, colour);
    ck_assert_str_eq(q->reveal_value, "other");
    ck_assert_uint_eq(colour->options[2].n_reveal, 1);
    ck_assert_ptr_eq(colour->options[2].reveal[0], q);
}
END_TEST

START_TEST(test_descriptor)
{
    ck_assert_str_eq(FORM.slug, "validator-cases");
    ck_assert_uint_eq(strlen(FORM.version), 16);
    ck_assert_uint_eq(strspn(FORM.version, "0123456789abcdef"), 16);
    ck_assert_str_eq(FORM.reference_prefix, "REF");
    ck_assert_int_eq(FORM.format, FB_FORMAT);
    const struct fb_question_desc *people =
        fb_form_find_question(&FORM, "people");
    ck_assert(people->required && people->integer);
    ck_assert_int_eq(fb_form_find_question(&FORM, "story")->max_length,
                     10000);
    ck_assert_uint_eq(fb_form_find_question(&FORM, "agree")->n_options, 2);
    ck_assert(fb_form_find_page(&FORM, "text")->when == NULL);
    ck_assert_uint_eq(fb_form_find_question(&FORM, "your_name")->parts,
                      FB_NAME_TITLE | FB_NAME_GIVEN | FB_NAME_FAMILY);
    ck_assert_uint_eq(fb_form_find_question(&FORM, "carer")->parts,
                      FB_NAME_GIVEN | FB_NAME_FAMILY);
    ck_assert_uint_eq(fb_form_find_question(&FORM, "whole_name")->parts, 0);
    const struct fb_question_desc *country =
        fb_form_find_question(&FORM, "country");
    ck_assert(country->display_select);
    ck_assert_uint_eq(country->n_options, 4);
    ck_assert_str_eq(country->options[3].value, "Ireland");
    ck_assert_str_eq(country->options[1].label.text[FB_LANG_CY], "Ffrainc");
    ck_assert(!fb_form_find_question(&FORM, "council")->display_select);
}
END_TEST

/* Without fb_form_init() the regexes do not exist: a pattern fails
 * closed. */
START_TEST(test_pattern_without_init_fails_closed)
{
    char why[256];
    fb_form_fini(&FORM);
    struct vcase c = {"text", {"reg", "AB12 CDE"}, "reg", NULL, NULL, NULL};
    struct fb_answers *in = raw_answers(&c);
    struct fb_answers *out = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    validate("text", in, out, errs);
    ck_assert_ptr_nonnull(fb_errors_find(errs, "reg"));
    ck_assert_int_eq(fb_form_init(&FORM, why, sizeof why), 0);
    fb_errors_clear(errs);
    fb_answers_clear(out);
    validate("text", in, out, errs);
    ck_assert_ptr_null(fb_errors_find(errs, "reg"));
    fb_answers_free(in);
    fb_answers_free(out);
    fb_errors_free(errs);
}
END_TEST

static void
setup(void)
{
    char why[256];
    ck_assert_msg(fb_form_init(&FORM, why, sizeof why) == 0, "%s", why);
}

static void
teardown(void)
{
    fb_form_fini(&FORM);
}

int
main(void)
{
    Suite *s = suite_create("validators");
    TCase *t = tcase_create("cases");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_loop_test(t, test_case, 0, (int)n_cases);
    tcase_add_test(t, test_table_is_large);
    tcase_add_test(t, test_address_parts_stored);
    tcase_add_test(t, test_name_parts_stored);
    tcase_add_test(t, test_conditions_on_new_types);
    tcase_add_test(t, test_checkboxes_stored_in_option_order);
    tcase_add_test(t, test_errors_in_page_order);
    tcase_add_test(t, test_page_condition);
    tcase_add_test(t, test_question_condition);
    tcase_add_test(t, test_reveal_links);
    tcase_add_test(t, test_descriptor);
    tcase_add_test(t, test_pattern_without_init_fails_closed);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
