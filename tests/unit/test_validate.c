/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the single-value field readers (validate.h): text, email,
 * UK phone numbers, UK postcodes and numbers, table-driven, plus the UTF-8
 * checks every reader makes, the text helpers formc shares
 * (formbuilder/text.h) and very long fields.
 */
#include "formbuilder/validate.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define N(table) (sizeof(table) / sizeof *(table))

typedef enum fb_field_status (*reader_fn)(const struct fb_answers *,
                                          const char *, struct fb_answers *);

struct read_case {
    const char *in;   /* posted value; NULL posts nothing */
    enum fb_field_status want;
    const char *stored; /* normalised value, NULL when none is stored */
};

/* Posts @p value as "q", reads it with @p fn, checks status and store. */
static void
check_reader(reader_fn fn, const struct read_case *c)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    enum fb_field_status st;

    if (c->in)
        fb_answers_add(in, "q", c->in);
    fb_answers_set(out, "q", "stale"); /* must go unless replaced */
    st = fn(in, "q", out);
    ck_assert_msg(st == c->want, "'%s': status %d, want %d", c->in, st,
                  c->want);
    if (c->stored) {
        ck_assert_ptr_nonnull(fb_answers_get(out, "q"));
        ck_assert_str_eq(fb_answers_get(out, "q"), c->stored);
        ck_assert_uint_eq(fb_answers_count(out, "q"), 1);
    } else {
        ck_assert_msg(fb_answers_get(out, "q") == NULL,
                      "'%s': stored '%s'", c->in, fb_answers_get(out, "q"));
    }
    fb_answers_free(in);
    fb_answers_free(out);
}

/* ------------------------------------------------------------------ text */

static const struct read_case texts[] = {
    {"Ada Lovelace", FB_FIELD_OK, "Ada Lovelace"},
    {"  padded\t", FB_FIELD_OK, "padded"},
    {"\r\n  lines\r\n", FB_FIELD_OK, "lines"},
    {"\xc2\xa0nbsp\xc2\xa0", FB_FIELD_OK, "nbsp"},
    {"\xe2\x80\x83" "em space\xe3\x80\x80", FB_FIELD_OK, "em space"},
    {"\xef\xbb\xbf" "bom", FB_FIELD_OK, "bom"},
    {"inner  spaces kept", FB_FIELD_OK, "inner  spaces kept"},
    {"one\r\ntwo\rthree\nfour", FB_FIELD_OK, "one\ntwo\nthree\nfour"},
    {"Zo\xc3\xab \xf0\x9f\x98\x80", FB_FIELD_OK, "Zo\xc3\xab \xf0\x9f\x98\x80"},
    {"<b>&amp;</b>", FB_FIELD_OK, "<b>&amp;</b>"},
    {"", FB_FIELD_EMPTY, NULL},
    {"   ", FB_FIELD_EMPTY, NULL},
    {"\t\r\n\xc2\xa0", FB_FIELD_EMPTY, NULL},
    {NULL, FB_FIELD_EMPTY, NULL},
    {"bad \xff", FB_FIELD_BAD_UTF8, NULL},
    {"\xc0\x80", FB_FIELD_BAD_UTF8, NULL},
    {"\xed\xa0\x80", FB_FIELD_BAD_UTF8, NULL},
    {"\xf4\x90\x80\x80", FB_FIELD_BAD_UTF8, NULL},
    {"cut \xe2\x82", FB_FIELD_BAD_UTF8, NULL},
    {"  \xa0  ", FB_FIELD_BAD_UTF8, NULL},
};

START_TEST(text_table)
{
    check_reader(fb_read_text, &texts[_i]);
}
END_TEST

START_TEST(text_posted_twice_is_invalid)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();

    fb_answers_add(in, "q", "a");
    fb_answers_add(in, "q", "b");
    ck_assert_int_eq(fb_read_text(in, "q", out), FB_FIELD_INVALID);
    ck_assert_uint_eq(fb_answers_size(out), 0);
    fb_answers_add(in, "q", "\xff"); /* bad UTF-8 is reported first */
    ck_assert_int_eq(fb_read_text(in, "q", out), FB_FIELD_BAD_UTF8);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(text_ten_thousand_characters)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    /* 10 000 characters, 4 bytes each: emoji count as one character. */
    char *big = malloc(40001);

    for (int i = 0; i < 10000; i++)
        memcpy(big + 4 * i, "\xf0\x9f\x98\x80", 4);
    big[40000] = '\0';
    fb_answers_add(in, "q", big);
    ck_assert_int_eq(fb_read_text(in, "q", out), FB_FIELD_OK);
    ck_assert_uint_eq(fb_utf8_length(fb_answers_get(out, "q")), 10000);
    ck_assert_uint_eq(strlen(fb_answers_get(out, "q")), 40000);
    free(big);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(text_over_max_bytes_is_invalid)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    char *big = malloc(FB_FIELD_MAX_BYTES + 3);

    memset(big, 'a', FB_FIELD_MAX_BYTES + 2);
    big[0] = ' '; /* trimmed first: exactly the maximum is fine */
    big[FB_FIELD_MAX_BYTES + 1] = ' ';
    big[FB_FIELD_MAX_BYTES + 2] = '\0';
    fb_answers_add(in, "q", big);
    ck_assert_int_eq(fb_read_text(in, "q", out), FB_FIELD_OK);
    big[0] = 'a';
    fb_answers_set(in, "q", big);
    ck_assert_int_eq(fb_read_text(in, "q", out), FB_FIELD_INVALID);
    ck_assert_ptr_null(fb_answers_get(out, "q"));
    free(big);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(reader_in_and_out_same_set)
{
    struct fb_answers *a = fb_answers_new();

    fb_answers_add(a, "q", "  SK1 3xe ");
    ck_assert_int_eq(fb_read_postcode(a, "q", a), FB_FIELD_OK);
    ck_assert_str_eq(fb_answers_get(a, "q"), "SK1 3XE");
    fb_answers_free(a);
}
END_TEST

/* ----------------------------------------------------------------- email */

static const struct read_case emails[] = {
    {"name@example.com", FB_FIELD_OK, "name@example.com"},
    {"  First.Last@Example.CO.UK ", FB_FIELD_OK, "First.Last@Example.CO.UK"},
    {"a@b.co", FB_FIELD_OK, "a@b.co"},
    {"user+tag@sub.domain.org", FB_FIELD_OK, "user+tag@sub.domain.org"},
    {"o'brien@example.ie", FB_FIELD_OK, "o'brien@example.ie"},
    {"x_y-z@my-host.example", FB_FIELD_OK, "x_y-z@my-host.example"},
    {"1234@123.example.com", FB_FIELD_OK, "1234@123.example.com"},
    {"jos\xc3\xa9@exampl\xc3\xa9.fr", FB_FIELD_OK,
     "jos\xc3\xa9@exampl\xc3\xa9.fr"},
    {"user@xn--bcher-kva.example", FB_FIELD_OK, "user@xn--bcher-kva.example"},
    {"plainaddress", FB_FIELD_INVALID, NULL},
    {"@example.com", FB_FIELD_INVALID, NULL},
    {"name@", FB_FIELD_INVALID, NULL},
    {"name@localhost", FB_FIELD_INVALID, NULL},
    {"two@@example.com", FB_FIELD_INVALID, NULL},
    {"a@b@example.com", FB_FIELD_INVALID, NULL},
    {"with space@example.com", FB_FIELD_INVALID, NULL},
    {"name@exam ple.com", FB_FIELD_INVALID, NULL},
    {"nbsp\xc2\xa0in@example.com", FB_FIELD_INVALID, NULL},
    {".dot@example.com", FB_FIELD_INVALID, NULL},
    {"dot.@example.com", FB_FIELD_INVALID, NULL},
    {"two..dots@example.com", FB_FIELD_INVALID, NULL},
    {"name@-example.com", FB_FIELD_INVALID, NULL},
    {"name@example-.com", FB_FIELD_INVALID, NULL},
    {"name@example..com", FB_FIELD_INVALID, NULL},
    {"name@.example.com", FB_FIELD_INVALID, NULL},
    {"name@example.com.", FB_FIELD_INVALID, NULL},
    {"name@example.c", FB_FIELD_INVALID, NULL},
    {"name@1.2.3.4", FB_FIELD_INVALID, NULL},
    {"name@exa_mple.com", FB_FIELD_INVALID, NULL},
    {"<name>@example.com", FB_FIELD_INVALID, NULL},
    {"name,other@example.com", FB_FIELD_INVALID, NULL},
    {"\"quoted\"@example.com", FB_FIELD_INVALID, NULL},
    {"tab\tin@example.com", FB_FIELD_INVALID, NULL},
    {"", FB_FIELD_EMPTY, NULL},
    {"  ", FB_FIELD_EMPTY, NULL},
    {"bad\xfe@example.com", FB_FIELD_BAD_UTF8, NULL},
    /* 64-octet local part is the limit */
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "@example.com",
     FB_FIELD_OK,
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "@example.com"},
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "@example.com",
     FB_FIELD_INVALID, NULL},
    /* 64-octet DNS label */
    {"a@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com",
     FB_FIELD_INVALID, NULL},
};

START_TEST(email_table)
{
    check_reader(fb_read_email, &emails[_i]);
}
END_TEST

START_TEST(email_total_length_limit)
{
    /* 254 octets is the longest deliverable address. */
    char addr[300];
    struct read_case c = {addr, FB_FIELD_OK, addr};
    size_t n = 0;

    memcpy(addr, "me@", 3);
    n = 3;
    while (n + 4 <= 250) {
        memcpy(addr + n, "abc.", 4);
        n += 4;
    }
    while (n < 251)
        addr[n++] = 'x';
    memcpy(addr + n, ".uk", 4);
    ck_assert_uint_eq(strlen(addr), 254);
    check_reader(fb_read_email, &c);
    memmove(addr + 1, addr, 255);
    addr[0] = 'a';
    c.want = FB_FIELD_INVALID;
    c.stored = NULL;
    check_reader(fb_read_email, &c);
}
END_TEST

/* ----------------------------------------------------------------- phone */

static const struct read_case phones[] = {
    {"01614960000", FB_FIELD_OK, "01614960000"},
    {"0161 496 0000", FB_FIELD_OK, "01614960000"},
    {"(0161) 496-0000", FB_FIELD_OK, "01614960000"},
    {"0161.496.0000", FB_FIELD_OK, "01614960000"},
    {"020 7946 0000", FB_FIELD_OK, "02079460000"},
    {"07700 900982", FB_FIELD_OK, "07700900982"},
    {"07700-900-982", FB_FIELD_OK, "07700900982"},
    {"+44 7700 900982", FB_FIELD_OK, "07700900982"},
    {"+447700900982", FB_FIELD_OK, "07700900982"},
    {"+44 (0)7700 900982", FB_FIELD_OK, "07700900982"},
    {"+44 (0) 161 496 0000", FB_FIELD_OK, "01614960000"},
    {"+44 0161 496 0000", FB_FIELD_OK, "01614960000"},
    {"0044 161 496 0000", FB_FIELD_OK, "01614960000"},
    {"0044 (0)20 7946 0000", FB_FIELD_OK, "02079460000"},
    {"(+44) 20 7946 0000", FB_FIELD_OK, "02079460000"},
    {"0800 123 456", FB_FIELD_OK, "0800123456"},
    {"016977 3456", FB_FIELD_OK, "0169773456"},
    {"0300 123 4567", FB_FIELD_OK, "03001234567"},
    {" 0118 496 0000 ", FB_FIELD_OK, "01184960000"},
    {"0161\xc2\xa0" "496\xc2\xa0" "0000", FB_FIELD_OK, "01614960000"},
    {"0161 496 000", FB_FIELD_OK, "0161496000"},
    {"0161 496 00", FB_FIELD_INVALID, NULL},
    {"0161 496 00000", FB_FIELD_INVALID, NULL},
    {"07700 90098", FB_FIELD_INVALID, NULL},
    {"07700 9009821", FB_FIELD_INVALID, NULL},
    {"+44 7700 90098", FB_FIELD_INVALID, NULL},
    {"+44 161 496 00000", FB_FIELD_INVALID, NULL},
    {"1614960000", FB_FIELD_INVALID, NULL},
    {"7700900982", FB_FIELD_INVALID, NULL},
    {"+33 1 23 45 67 89", FB_FIELD_INVALID, NULL},
    {"+1 202 555 0100", FB_FIELD_INVALID, NULL},
    {"0033 123456789", FB_FIELD_INVALID, NULL},
    {"0161 CALL NOW", FB_FIELD_INVALID, NULL},
    {"07700 9OO982", FB_FIELD_INVALID, NULL},
    {"0161 496 0000 ext 12", FB_FIELD_INVALID, NULL},
    {"0161+4960000", FB_FIELD_INVALID, NULL},
    {"++44 7700 900982", FB_FIELD_INVALID, NULL},
    {"0412 345 678", FB_FIELD_INVALID, NULL},
    {"0612 345 6789", FB_FIELD_INVALID, NULL},
    {"+44 00 1234 5678", FB_FIELD_INVALID, NULL},
    {"---", FB_FIELD_INVALID, NULL},
    {"00000000000000000000000000000", FB_FIELD_INVALID, NULL},
    {"", FB_FIELD_EMPTY, NULL},
    {"   ", FB_FIELD_EMPTY, NULL},
    {"0161 \xff", FB_FIELD_BAD_UTF8, NULL},
};

START_TEST(phone_table)
{
    check_reader(fb_read_phone, &phones[_i]);
}
END_TEST

/* -------------------------------------------------------------- postcode */

static const struct read_case postcodes[] = {
    {"SK1 3XE", FB_FIELD_OK, "SK1 3XE"},
    {"sk13xe", FB_FIELD_OK, "SK1 3XE"},
    {"  sK1   3xE  ", FB_FIELD_OK, "SK1 3XE"},
    {"S K 1 3 X E", FB_FIELD_OK, "SK1 3XE"},
    {"M1 1AE", FB_FIELD_OK, "M1 1AE"},
    {"m11ae", FB_FIELD_OK, "M1 1AE"},
    {"B33 8TH", FB_FIELD_OK, "B33 8TH"},
    {"CR2 6XH", FB_FIELD_OK, "CR2 6XH"},
    {"DN55 1PT", FB_FIELD_OK, "DN55 1PT"},
    {"W1A 0AX", FB_FIELD_OK, "W1A 0AX"},
    {"EC1A 1BB", FB_FIELD_OK, "EC1A 1BB"},
    {"ec1a1bb", FB_FIELD_OK, "EC1A 1BB"},
    {"GIR 0AA", FB_FIELD_OK, "GIR 0AA"},
    {"gir0aa", FB_FIELD_OK, "GIR 0AA"},
    {"SW1A\xc2\xa0" "2AA", FB_FIELD_OK, "SW1A 2AA"},
    {"SW1A\t2AA", FB_FIELD_OK, "SW1A 2AA"},
    {"SK1", FB_FIELD_INVALID, NULL},
    {"SK1 3X", FB_FIELD_INVALID, NULL},
    {"SK1 3XEE", FB_FIELD_INVALID, NULL},
    {"SK1 XXE", FB_FIELD_INVALID, NULL},
    {"SK1 33E", FB_FIELD_INVALID, NULL},
    {"1K1 3XE", FB_FIELD_INVALID, NULL},
    {"SKK1 3XE", FB_FIELD_INVALID, NULL},
    {"SK123 3XE", FB_FIELD_INVALID, NULL},
    {"S1AA 3XE", FB_FIELD_INVALID, NULL},
    {"EC1A1 1BB", FB_FIELD_INVALID, NULL},
    {"GIR 0AB", FB_FIELD_INVALID, NULL},
    {"SK1-3XE", FB_FIELD_INVALID, NULL},
    {"12345", FB_FIELD_INVALID, NULL},
    {"SW1A 2AA UK", FB_FIELD_INVALID, NULL},
    {"S\xc3\x96" "1 3XE", FB_FIELD_INVALID, NULL},
    {"", FB_FIELD_EMPTY, NULL},
    {" \t ", FB_FIELD_EMPTY, NULL},
    {"SK1 \xc3", FB_FIELD_BAD_UTF8, NULL},
};

START_TEST(postcode_table)
{
    check_reader(fb_read_postcode, &postcodes[_i]);
}
END_TEST

/* ---------------------------------------------------------------- number */

struct number_case {
    const char *in;
    bool integer;
    enum fb_field_status want;
    const char *stored;
    double value;
};

static const struct number_case numbers[] = {
    {"42", false, FB_FIELD_OK, "42", 42},
    {" 42 ", true, FB_FIELD_OK, "42", 42},
    {"007", true, FB_FIELD_OK, "7", 7},
    {"0", true, FB_FIELD_OK, "0", 0},
    {"000", true, FB_FIELD_OK, "0", 0},
    {"-0", true, FB_FIELD_OK, "0", 0},
    {"+5", true, FB_FIELD_OK, "5", 5},
    {"-5", true, FB_FIELD_OK, "-5", -5},
    {"1,000", true, FB_FIELD_OK, "1000", 1000},
    {"12,345,678", true, FB_FIELD_OK, "12345678", 12345678},
    {"-1,000", true, FB_FIELD_OK, "-1000", -1000},
    {"1000000", true, FB_FIELD_OK, "1000000", 1000000},
    {"2.50", false, FB_FIELD_OK, "2.5", 2.5},
    {"2.0", false, FB_FIELD_OK, "2", 2},
    {"1,000.50", false, FB_FIELD_OK, "1000.5", 1000.5},
    {"+1,000.50", false, FB_FIELD_OK, "1000.5", 1000.5},
    {"-0.25", false, FB_FIELD_OK, "-0.25", -0.25},
    {"-0.00", false, FB_FIELD_OK, "0", 0},
    {".5", false, FB_FIELD_OK, "0.5", 0.5},
    {"00.10", false, FB_FIELD_OK, "0.1", 0.1},
    {"3.14159", false, FB_FIELD_OK, "3.14159", 3.14159},
    {"999999999999999999999", true, FB_FIELD_OK, "999999999999999999999",
     1e21},
    {"1,00", true, FB_FIELD_INVALID, NULL, 0},
    {"1,0000", true, FB_FIELD_INVALID, NULL, 0},
    {"1000,000", true, FB_FIELD_INVALID, NULL, 0},
    {",100", true, FB_FIELD_INVALID, NULL, 0},
    {"100,", true, FB_FIELD_INVALID, NULL, 0},
    {"0,500", true, FB_FIELD_INVALID, NULL, 0},
    {"1,5", false, FB_FIELD_INVALID, NULL, 0},
    {"1,,000", true, FB_FIELD_INVALID, NULL, 0},
    {"5.0", true, FB_FIELD_INVALID, NULL, 0},
    {"5.5", true, FB_FIELD_INVALID, NULL, 0},
    {"5.", false, FB_FIELD_INVALID, NULL, 0},
    {".", false, FB_FIELD_INVALID, NULL, 0},
    {"1.2.3", false, FB_FIELD_INVALID, NULL, 0},
    {"1e5", false, FB_FIELD_INVALID, NULL, 0},
    {"1E5", true, FB_FIELD_INVALID, NULL, 0},
    {"0x1F", true, FB_FIELD_INVALID, NULL, 0},
    {"inf", false, FB_FIELD_INVALID, NULL, 0},
    {"nan", false, FB_FIELD_INVALID, NULL, 0},
    {"-", true, FB_FIELD_INVALID, NULL, 0},
    {"+", true, FB_FIELD_INVALID, NULL, 0},
    {"--5", true, FB_FIELD_INVALID, NULL, 0},
    {"5-", true, FB_FIELD_INVALID, NULL, 0},
    {"- 5", true, FB_FIELD_INVALID, NULL, 0},
    {"1 000", true, FB_FIELD_INVALID, NULL, 0},
    {"\xc2\xa3" "5", true, FB_FIELD_INVALID, NULL, 0},
    {"5%", true, FB_FIELD_INVALID, NULL, 0},
    {"five", true, FB_FIELD_INVALID, NULL, 0},
    {"\xd9\xa5", true, FB_FIELD_INVALID, NULL, 0}, /* Arabic-Indic 5 */
    {"", true, FB_FIELD_EMPTY, NULL, 0},
    {"  ", false, FB_FIELD_EMPTY, NULL, 0},
    {"5\x80", true, FB_FIELD_BAD_UTF8, NULL, 0},
};

START_TEST(number_table)
{
    const struct number_case *c = &numbers[_i];
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    double value = -12345;
    enum fb_field_status st;

    fb_answers_add(in, "q", c->in);
    st = fb_read_number(in, "q", c->integer, out, &value);
    ck_assert_msg(st == c->want, "'%s': status %d, want %d", c->in, st,
                  c->want);
    if (c->stored) {
        ck_assert_str_eq(fb_answers_get(out, "q"), c->stored);
        ck_assert_msg(fabs(value - c->value) <= 1e-9 * fabs(c->value),
                      "'%s': value %g", c->in, value);
    } else {
        ck_assert_ptr_null(fb_answers_get(out, "q"));
    }
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(number_too_big_for_double_is_invalid)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    char big[1001];

    memset(big, '9', 1000);
    big[1000] = '\0';
    fb_answers_add(in, "q", big);
    ck_assert_int_eq(fb_read_number(in, "q", true, out, NULL),
                     FB_FIELD_INVALID);
    ck_assert_ptr_null(fb_answers_get(out, "q"));
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(number_huge_commas_and_tiny_decimals)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    char *s = malloc(60001);
    double v = -1;

    /* "0." then 59 998 zeros then "1": tiny but a number. */
    memcpy(s, "0.", 2);
    memset(s + 2, '0', 59997);
    s[59999] = '1';
    s[60000] = '\0';
    fb_answers_add(in, "q", s);
    ck_assert_int_eq(fb_read_number(in, "q", false, out, &v),
                     FB_FIELD_OK);
    ck_assert(v >= 0 && v < 1e-300);
    ck_assert_uint_eq(strlen(fb_answers_get(out, "q")), 60000);
    free(s);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(compare_numbers)
{
    int cmp = 99;

    ck_assert(fb_compare_numbers("10", 5, &cmp) && cmp > 0);
    ck_assert(fb_compare_numbers("5", 5, &cmp) && cmp == 0);
    ck_assert(fb_compare_numbers("-2.5", 0, &cmp) && cmp < 0);
    ck_assert(fb_compare_numbers("1,000", 999.5, &cmp) && cmp > 0);
    ck_assert(!fb_compare_numbers(NULL, 5, &cmp));
    ck_assert(!fb_compare_numbers("", 5, &cmp));
    ck_assert(!fb_compare_numbers("ten", 5, &cmp));
    ck_assert(!fb_compare_numbers("1e3", 5, &cmp));
    ck_assert(!fb_compare_numbers("5", NAN, &cmp));
}
END_TEST

/* ----------------------------------------------------------------- UTF-8 */

struct utf8_case {
    const char *s;
    bool valid;
    size_t length; /* characters, when valid */
};

static const struct utf8_case utf8s[] = {
    {"", true, 0},
    {"ascii", true, 5},
    {"caf\xc3\xa9", true, 4},
    {"\xe2\x82\xac", true, 1},             /* euro sign */
    {"\xf0\x9f\x98\x80", true, 1},         /* emoji */
    {"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", true, 3}, /* ZWJ seq */
    {"\xf4\x8f\xbf\xbf", true, 1},         /* U+10FFFF */
    {"\xef\xbf\xbf", true, 1},             /* U+FFFF */
    {"\xed\x9f\xbf", true, 1},             /* U+D7FF */
    {"\xee\x80\x80", true, 1},             /* U+E000 */
    {"\x80", false, 0},                    /* lone continuation */
    {"\xc0\xaf", false, 0},                /* overlong '/' */
    {"\xc1\xbf", false, 0},                /* overlong */
    {"\xe0\x80\xaf", false, 0},            /* overlong 3-byte */
    {"\xe0\x9f\xbf", false, 0},            /* overlong 3-byte max */
    {"\xf0\x80\x80\xaf", false, 0},        /* overlong 4-byte */
    {"\xf0\x8f\xbf\xbf", false, 0},        /* overlong 4-byte max */
    {"\xed\xa0\x80", false, 0},            /* U+D800 surrogate */
    {"\xed\xbf\xbf", false, 0},            /* U+DFFF surrogate */
    {"\xf4\x90\x80\x80", false, 0},        /* U+110000 */
    {"\xf5\x80\x80\x80", false, 0},
    {"\xff", false, 0},
    {"\xc3", false, 0},                    /* truncated 2-byte */
    {"\xe2\x82", false, 0},                /* truncated 3-byte */
    {"\xf0\x9f\x98", false, 0},            /* truncated 4-byte */
    {"\xe2\x28\xa1", false, 0},            /* bad continuation */
    {"a\xc3" "a", false, 0},
};

START_TEST(utf8_table)
{
    const struct utf8_case *c = &utf8s[_i];

    ck_assert_msg(fb_utf8_valid(c->s, strlen(c->s)) == c->valid, "case %d",
                  _i);
    if (c->valid)
        ck_assert_uint_eq(fb_utf8_length(c->s), c->length);
}
END_TEST

/* The one decoder (formbuilder/text.h) agrees with fb_utf8_valid() and
 * fb_utf8_length() on every case of the table. */
START_TEST(utf8_decode_walks_the_table)
{
    const struct utf8_case *c = &utf8s[_i];
    size_t n = strlen(c->s), i = 0, chars = 0;
    uint32_t cp;

    while (i < n) {
        size_t k = fb_utf8_decode(c->s + i, n - i, &cp);

        if (k == 0)
            break;
        i += k;
        chars++;
    }
    ck_assert_msg((i == n) == c->valid, "case %d", _i);
    if (c->valid) {
        ck_assert_uint_eq(chars, c->length);
        ck_assert_uint_eq(fb_utf8_count(c->s, n), c->length);
    }
}
END_TEST

START_TEST(utf8_decode_code_points)
{
    uint32_t cp = 7;

    ck_assert_uint_eq(fb_utf8_decode("A", 1, &cp), 1);
    ck_assert_uint_eq(cp, 0x41);
    ck_assert_uint_eq(fb_utf8_decode("\xc3\xa9!", 3, &cp), 2);
    ck_assert_uint_eq(cp, 0xe9);
    ck_assert_uint_eq(fb_utf8_decode("\xe2\x82\xac", 3, &cp), 3);
    ck_assert_uint_eq(cp, 0x20ac);
    ck_assert_uint_eq(fb_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
    ck_assert_uint_eq(cp, 0x1f600);
    /* too few bytes given: truncated, and *out_cp is left alone */
    cp = 7;
    ck_assert_uint_eq(fb_utf8_decode("\xe2\x82\xac", 2, &cp), 0);
    ck_assert_uint_eq(cp, 7);
    /* counting a slice counts its characters only */
    ck_assert_uint_eq(fb_utf8_count("caf\xc3\xa9s", 5), 4);
    ck_assert_uint_eq(fb_utf8_count("", 0), 0);
}
END_TEST

/* What formc checks option values with: white space as the readers trim
 * it, at either end. */
START_TEST(utf8_trimmed_uses_the_readers_white_space)
{
    ck_assert(fb_utf8_trimmed("damaged", 7));
    ck_assert(fb_utf8_trimmed("two words", 9));
    ck_assert(fb_utf8_trimmed("caf\xc3\xa9", 5));
    ck_assert(!fb_utf8_trimmed(" x", 2));
    ck_assert(!fb_utf8_trimmed("x\t", 2));
    ck_assert(!fb_utf8_trimmed("x\n", 2));
    ck_assert(!fb_utf8_trimmed("\xc2\xa0x", 3));        /* no-break space */
    ck_assert(!fb_utf8_trimmed("x\xe2\x80\xaf", 4));    /* narrow NBSP */
    ck_assert(!fb_utf8_trimmed("x\xe2\x80\x8b", 4));    /* zero width */
    ck_assert(!fb_utf8_trimmed("\xef\xbb\xbfx", 4));    /* BOM */
    ck_assert(!fb_utf8_trimmed("\xc2\xa0", 2));
}
END_TEST

START_TEST(hex_value_of_every_byte)
{
    for (int c = 0; c < 256; c++) {
        int want = c >= '0' && c <= '9'   ? c - '0'
                   : c >= 'a' && c <= 'f' ? c - 'a' + 10
                   : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                          : -1;

        ck_assert_int_eq(fb_hex_value((char)c), want);
    }
}
END_TEST

START_TEST(url_escape_byte_round_trips)
{
    char out[3];

    ck_assert_uint_eq(fb_url_escape_byte('a', out), 1);
    ck_assert_int_eq(out[0], 'a');
    ck_assert_uint_eq(fb_url_escape_byte('~', out), 1);
    ck_assert_uint_eq(fb_url_escape_byte(' ', out), 3);
    ck_assert(memcmp(out, "%20", 3) == 0);
    ck_assert_uint_eq(fb_url_escape_byte(0xc3, out), 3);
    ck_assert(memcmp(out, "%C3", 3) == 0);
    for (int c = 0; c < 256; c++) {
        size_t n = fb_url_escape_byte((unsigned char)c, out);

        if (n == 3)
            ck_assert_int_eq(fb_hex_value(out[1]) * 16 + fb_hex_value(out[2]),
                             c);
        else
            ck_assert(n == 1 && (unsigned char)out[0] == c && c != '%');
    }
}
END_TEST

START_TEST(utf8_length_counts_and_null)
{
    ck_assert_uint_eq(fb_utf8_length(NULL), 0);
    ck_assert(fb_utf8_valid(NULL, 0));
    /* A length that stops inside a character is truncated. */
    ck_assert(!fb_utf8_valid("\xc3\xa9", 1));
    ck_assert(fb_utf8_valid("a\0b", 3)); /* NUL is U+0000, valid */
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("validate");
    TCase *t = tcase_create("text");
    TCase *e = tcase_create("email");
    TCase *p = tcase_create("phone");
    TCase *pc = tcase_create("postcode");
    TCase *n = tcase_create("number");
    TCase *u = tcase_create("utf8");

    tcase_add_loop_test(t, text_table, 0, N(texts));
    tcase_add_test(t, text_posted_twice_is_invalid);
    tcase_add_test(t, text_ten_thousand_characters);
    tcase_add_test(t, text_over_max_bytes_is_invalid);
    tcase_add_test(t, reader_in_and_out_same_set);
    tcase_add_loop_test(e, email_table, 0, N(emails));
    tcase_add_test(e, email_total_length_limit);
    tcase_add_loop_test(p, phone_table, 0, N(phones));
    tcase_add_loop_test(pc, postcode_table, 0, N(postcodes));
    tcase_add_loop_test(n, number_table, 0, N(numbers));
    tcase_add_test(n, number_too_big_for_double_is_invalid);
    tcase_add_test(n, number_huge_commas_and_tiny_decimals);
    tcase_add_test(n, compare_numbers);
    tcase_add_loop_test(u, utf8_table, 0, N(utf8s));
    tcase_add_test(u, utf8_length_counts_and_null);
    tcase_add_loop_test(u, utf8_decode_walks_the_table, 0, N(utf8s));
    tcase_add_test(u, utf8_decode_code_points);
    tcase_add_test(u, utf8_trimmed_uses_the_readers_white_space);
    tcase_add_test(u, hex_value_of_every_byte);
    tcase_add_test(u, url_escape_byte_round_trips);
    suite_add_tcase(s, t);
    suite_add_tcase(s, e);
    suite_add_tcase(s, p);
    suite_add_tcase(s, pc);
    suite_add_tcase(s, n);
    suite_add_tcase(s, u);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
