/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the readers of the name, time, ni_number, money and
 * autocomplete question types (validate.h), table-driven: what residents
 * may type, how it is stored, the missing-part bits of names, the time and
 * money helpers, and the shared contract (bad UTF-8, repeated fields,
 * stale answers removed, reading into the set being read).
 */
#include "formbuilder/validate.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(table) (sizeof(table) / sizeof *(table))

/* A reader of one field "q" with its extra output, if any, as a long. */
typedef enum fb_field_status (*reader_fn)(const struct fb_answers *in,
                                          struct fb_answers *out,
                                          long long *out_extra);

struct read_case {
    const char *in;     /* posted value; NULL posts nothing */
    enum fb_field_status want;
    const char *stored; /* normalised value, NULL when none is stored */
    long long extra;    /* minutes or pence, when stored */
};

/* Posts @p c->in as "q", reads it, checks status, store and extra. */
static void
check_reader(reader_fn fn, const struct read_case *c)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    long long extra = -12345;
    enum fb_field_status st;

    if (c->in)
        fb_answers_add(in, "q", c->in);
    fb_answers_set(out, "q", "stale"); /* must go unless replaced */
    st = fn(in, out, &extra);
    ck_assert_msg(st == c->want, "'%s': status %d, want %d", c->in, st,
                  c->want);
    if (c->stored) {
        ck_assert_ptr_nonnull(fb_answers_get(out, "q"));
        ck_assert_str_eq(fb_answers_get(out, "q"), c->stored);
        ck_assert_uint_eq(fb_answers_count(out, "q"), 1);
        ck_assert_msg(extra == c->extra, "'%s': extra %lld, want %lld",
                      c->in, extra, c->extra);
    } else {
        ck_assert_msg(fb_answers_get(out, "q") == NULL,
                      "'%s': stored '%s'", c->in, fb_answers_get(out, "q"));
        ck_assert_msg(extra == -12345, "'%s': extra set on failure", c->in);
    }
    fb_answers_free(in);
    fb_answers_free(out);
}

/* Posts "q" twice, and a bad value after them: the shared contract. */
static void
check_posted_twice(reader_fn fn, const char *good)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();

    fb_answers_add(in, "q", good);
    fb_answers_add(in, "q", good);
    fb_answers_set(out, "q", "stale");
    ck_assert_int_eq(fn(in, out, NULL), FB_FIELD_INVALID);
    ck_assert_ptr_null(fb_answers_get(out, "q"));
    fb_answers_add(in, "q", "\xff"); /* bad UTF-8 is reported first */
    ck_assert_int_eq(fn(in, out, NULL), FB_FIELD_BAD_UTF8);
    fb_answers_free(in);
    fb_answers_free(out);
}

/* Reads "q" from and into the same set. @returns the stored value's copy
 * in @p buf. */
static enum fb_field_status
read_in_place(reader_fn fn, const char *value, char *buf, size_t cap)
{
    struct fb_answers *a = fb_answers_new();
    enum fb_field_status st;

    fb_answers_add(a, "q", value);
    st = fn(a, a, NULL);
    snprintf(buf, cap, "%s", fb_answers_get(a, "q") ? fb_answers_get(a, "q")
                                                    : "(none)");
    fb_answers_free(a);
    return st;
}

/* ------------------------------------------------------------ name, whole */

static enum fb_field_status
read_whole_name(const struct fb_answers *in, struct fb_answers *out,
                long long *extra)
{
    unsigned missing = 99;
    enum fb_field_status st = fb_read_name(in, "q", 0, out, &missing);

    ck_assert_uint_eq(missing, 0);
    if (st == FB_FIELD_OK && extra)
        *extra = 0;
    return st;
}

static const struct read_case whole_names[] = {
    {"Ada Lovelace", FB_FIELD_OK, "Ada Lovelace", 0},
    {"  Ada   Lovelace  ", FB_FIELD_OK, "Ada Lovelace", 0},
    {"Ada\tKing\r\nLovelace", FB_FIELD_OK, "Ada King Lovelace", 0},
    {"Ada\xc2\xa0\xe2\x80\x83 Lovelace", FB_FIELD_OK, "Ada Lovelace", 0},
    {"Si\xc3\xa2n Llewelyn-Jones", FB_FIELD_OK, "Si\xc3\xa2n Llewelyn-Jones",
     0},
    {"Ng\xc5\xa9y\xe1\xbb\x85n Th\xe1\xbb\x8b", FB_FIELD_OK,
     "Ng\xc5\xa9y\xe1\xbb\x85n Th\xe1\xbb\x8b", 0},
    {"\xe5\xbc\xa0\xe4\xbc\x9f", FB_FIELD_OK, "\xe5\xbc\xa0\xe4\xbc\x9f", 0},
    {"O'Brien", FB_FIELD_OK, "O'Brien", 0},
    {"X \xc3\x86 A-12", FB_FIELD_OK, "X \xc3\x86 A-12", 0},
    {"Prince", FB_FIELD_OK, "Prince", 0},
    {"<script>", FB_FIELD_OK, "<script>", 0}, /* escaped when shown */
    {"Ada\x01Lovelace", FB_FIELD_INVALID, NULL, 0},
    {"Ada\x7f", FB_FIELD_INVALID, NULL, 0},
    {"Ada\xc2\x85" "x", FB_FIELD_OK, "Ada x", 0}, /* NEL is white space */
    {"Ada\xc2\x9b", FB_FIELD_INVALID, NULL, 0},   /* C1 control */
    {"", FB_FIELD_EMPTY, NULL, 0},
    {" \t\r\n ", FB_FIELD_EMPTY, NULL, 0},
    {NULL, FB_FIELD_EMPTY, NULL, 0},
    {"Ada \xff", FB_FIELD_BAD_UTF8, NULL, 0},
    {"\xc0\x80", FB_FIELD_BAD_UTF8, NULL, 0},
};

START_TEST(name_whole_table)
{
    check_reader(read_whole_name, &whole_names[_i]);
}
END_TEST

START_TEST(name_whole_contract)
{
    char buf[64];

    check_posted_twice(read_whole_name, "Ada");
    ck_assert_int_eq(read_in_place(read_whole_name, "  Ada   L ", buf,
                                   sizeof buf),
                     FB_FIELD_OK);
    ck_assert_str_eq(buf, "Ada L");
}
END_TEST

START_TEST(name_whole_max_bytes)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    char *big = malloc(FB_FIELD_MAX_BYTES + 2);

    memset(big, 'a', FB_FIELD_MAX_BYTES + 1);
    big[FB_FIELD_MAX_BYTES] = '\0';
    fb_answers_add(in, "q", big);
    ck_assert_int_eq(fb_read_name(in, "q", 0, out, NULL), FB_FIELD_OK);
    ck_assert_uint_eq(strlen(fb_answers_get(out, "q")), FB_FIELD_MAX_BYTES);
    big[FB_FIELD_MAX_BYTES] = 'a';
    big[FB_FIELD_MAX_BYTES + 1] = '\0';
    fb_answers_set(in, "q", big);
    ck_assert_int_eq(fb_read_name(in, "q", 0, out, NULL), FB_FIELD_INVALID);
    ck_assert_ptr_null(fb_answers_get(out, "q"));
    free(big);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

/* ------------------------------------------------------------ name, parts */

#define T FB_NAME_TITLE
#define G FB_NAME_GIVEN
#define F FB_NAME_FAMILY

struct name_case {
    unsigned mask;
    const char *title, *given, *family; /* NULL posts nothing */
    enum fb_field_status want;
    unsigned missing;
    const char *s_title, *s_given, *s_family; /* stored, NULL = none */
};

static const struct name_case part_names[] = {
    {G | F, NULL, "Ada", "Lovelace", FB_FIELD_OK, 0, NULL, "Ada",
     "Lovelace"},
    {G | F, NULL, "  Ada  Augusta ", " King  ", FB_FIELD_OK, 0, NULL,
     "Ada Augusta", "King"},
    {T | G | F, "Dr", "Ada", "Lovelace", FB_FIELD_OK, 0, "Dr", "Ada",
     "Lovelace"},
    {T | G | F, " ", "Ada", "Lovelace", FB_FIELD_OK, 0, NULL, "Ada",
     "Lovelace"},
    {T | G | F, NULL, "Ada", "Lovelace", FB_FIELD_OK, 0, NULL, "Ada",
     "Lovelace"},
    /* A title is read only when asked for. */
    {G | F, "Dr", "Ada", "Lovelace", FB_FIELD_OK, 0, NULL, "Ada",
     "Lovelace"},
    /* Any parts mean given and family parts. */
    {T, "Dr", "Ada", "Lovelace", FB_FIELD_OK, 0, "Dr", "Ada", "Lovelace"},
    {G, NULL, "Ada", "Lovelace", FB_FIELD_OK, 0, NULL, "Ada", "Lovelace"},
    {G | F | 8 | 16, NULL, "Ada", "Lovelace", FB_FIELD_OK, 0, NULL, "Ada",
     "Lovelace"},
    {G | F, NULL, "", "Lovelace", FB_FIELD_INVALID, G, NULL, NULL, NULL},
    {G | F, NULL, "Ada", NULL, FB_FIELD_INVALID, F, NULL, NULL, NULL},
    {T | G | F, "Dr", "", "", FB_FIELD_INVALID, G | F, NULL, NULL, NULL},
    {T | G | F, "Dr", NULL, "Lovelace", FB_FIELD_INVALID, G, NULL, NULL,
     NULL},
    {G | F, NULL, "", "", FB_FIELD_EMPTY, 0, NULL, NULL, NULL},
    {G | F, NULL, NULL, NULL, FB_FIELD_EMPTY, 0, NULL, NULL, NULL},
    {T | G | F, "  ", "\t", "\xc2\xa0", FB_FIELD_EMPTY, 0, NULL, NULL, NULL},
    {G | F, NULL, "Ada\x02", "Lovelace", FB_FIELD_INVALID, 0, NULL, NULL,
     NULL},
    {T | G | F, "D\x1br", "Ada", "Lovelace", FB_FIELD_INVALID, 0, NULL, NULL,
     NULL},
    {G | F, NULL, "Ada\x02", "", FB_FIELD_INVALID, F, NULL, NULL, NULL},
    {G | F, NULL, "Ada", "Love\xff", FB_FIELD_BAD_UTF8, 0, NULL, NULL, NULL},
    {T | G | F, "\xc3", "", "", FB_FIELD_BAD_UTF8, 0, NULL, NULL, NULL},
};

static void
check_part(const struct fb_answers *out, const char *key, const char *want)
{
    const char *got = fb_answers_get(out, key);

    if (want) {
        ck_assert_msg(got != NULL, "%s not stored", key);
        ck_assert_str_eq(got, want);
        ck_assert_uint_eq(fb_answers_count(out, key), 1);
    } else {
        ck_assert_msg(got == NULL, "%s stored as '%s'", key, got);
    }
}

START_TEST(name_parts_table)
{
    const struct name_case *c = &part_names[_i];
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    unsigned missing = 99;
    enum fb_field_status st;

    if (c->title)
        fb_answers_add(in, "n-title", c->title);
    if (c->given)
        fb_answers_add(in, "n-given", c->given);
    if (c->family)
        fb_answers_add(in, "n-family", c->family);
    fb_answers_set(out, "n.title", "stale");
    fb_answers_set(out, "n.given", "stale");
    fb_answers_set(out, "n.family", "stale");
    st = fb_read_name(in, "n", c->mask, out, &missing);
    ck_assert_msg(st == c->want, "case %d: status %d, want %d", _i, st,
                  c->want);
    ck_assert_msg(missing == c->missing, "case %d: missing %u, want %u", _i,
                  missing, c->missing);
    check_part(out, "n.title", c->s_title);
    check_part(out, "n.given", c->s_given);
    check_part(out, "n.family", c->s_family);
    ck_assert_ptr_null(fb_answers_get(out, "n"));
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(name_part_posted_twice_is_invalid)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    unsigned missing = 99;

    fb_answers_add(in, "n-given", "Ada");
    fb_answers_add(in, "n-given", "Ada");
    fb_answers_add(in, "n-family", "Lovelace");
    ck_assert_int_eq(fb_read_name(in, "n", G | F, out, &missing),
                     FB_FIELD_INVALID);
    ck_assert_uint_eq(missing, 0);
    ck_assert_uint_eq(fb_answers_size(out), 0);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(name_parts_same_set_in_and_out)
{
    struct fb_answers *a = fb_answers_new();

    fb_answers_add(a, "n-title", " Ms ");
    fb_answers_add(a, "n-given", "Ada  Augusta");
    fb_answers_add(a, "n-family", "King");
    ck_assert_int_eq(fb_read_name(a, "n", T | G | F, a, NULL), FB_FIELD_OK);
    ck_assert_str_eq(fb_answers_get(a, "n.title"), "Ms");
    ck_assert_str_eq(fb_answers_get(a, "n.given"), "Ada Augusta");
    ck_assert_str_eq(fb_answers_get(a, "n.family"), "King");
    ck_assert_str_eq(fb_answers_get(a, "n-given"), "Ada  Augusta");
    /* Read again: the stored parts are replaced, not added to. */
    ck_assert_int_eq(fb_read_name(a, "n", T | G | F, a, NULL), FB_FIELD_OK);
    ck_assert_uint_eq(fb_answers_count(a, "n.given"), 1);
    fb_answers_free(a);
}
END_TEST

START_TEST(name_parts_clear_title_removes_stored_one)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();

    fb_answers_add(in, "n-title", "Dr");
    fb_answers_add(in, "n-given", "Ada");
    fb_answers_add(in, "n-family", "Lovelace");
    ck_assert_int_eq(fb_read_name(in, "n", T | G | F, out, NULL),
                     FB_FIELD_OK);
    ck_assert_str_eq(fb_answers_get(out, "n.title"), "Dr");
    fb_answers_set(in, "n-title", "");
    ck_assert_int_eq(fb_read_name(in, "n", T | G | F, out, NULL),
                     FB_FIELD_OK);
    ck_assert_ptr_null(fb_answers_get(out, "n.title"));
    ck_assert_uint_eq(fb_answers_size(out), 2);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(name_part_over_max_bytes_is_invalid)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    char *big = malloc(FB_FIELD_MAX_BYTES + 2);
    unsigned missing = 99;

    memset(big, 'a', FB_FIELD_MAX_BYTES + 1);
    big[FB_FIELD_MAX_BYTES + 1] = '\0';
    fb_answers_add(in, "n-given", "Ada");
    fb_answers_add(in, "n-family", big);
    ck_assert_int_eq(fb_read_name(in, "n", G | F, out, &missing),
                     FB_FIELD_INVALID);
    ck_assert_uint_eq(missing, 0);
    ck_assert_uint_eq(fb_answers_size(out), 0);
    free(big);
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

/* ------------------------------------------------------------------ time */

static enum fb_field_status
read_time(const struct fb_answers *in, struct fb_answers *out,
          long long *extra)
{
    int minutes = -12345;
    enum fb_field_status st = fb_read_time(in, "q", out, &minutes);

    if (extra && minutes != -12345)
        *extra = minutes;
    return st;
}

#define HM(h, m) ((h) * 60 + (m))

static const struct read_case times[] = {
    /* 24-hour */
    {"14:30", FB_FIELD_OK, "14:30", HM(14, 30)},
    {"09:05", FB_FIELD_OK, "09:05", HM(9, 5)},
    {"9:05", FB_FIELD_OK, "09:05", HM(9, 5)},
    {"14.30", FB_FIELD_OK, "14:30", HM(14, 30)},
    {"1430", FB_FIELD_OK, "14:30", HM(14, 30)},
    {"0930", FB_FIELD_OK, "09:30", HM(9, 30)},
    {"930", FB_FIELD_OK, "09:30", HM(9, 30)},
    {"00:00", FB_FIELD_OK, "00:00", 0},
    {"0:00", FB_FIELD_OK, "00:00", 0},
    {"0000", FB_FIELD_OK, "00:00", 0},
    {"23:59", FB_FIELD_OK, "23:59", HM(23, 59)},
    {"12:00", FB_FIELD_OK, "12:00", HM(12, 0)},
    {"  17:00\t", FB_FIELD_OK, "17:00", HM(17, 0)},
    /* 12-hour */
    {"2:30pm", FB_FIELD_OK, "14:30", HM(14, 30)},
    {"2.30 pm", FB_FIELD_OK, "14:30", HM(14, 30)},
    {"2pm", FB_FIELD_OK, "14:00", HM(14, 0)},
    {"2 PM", FB_FIELD_OK, "14:00", HM(14, 0)},
    {"2 Pm", FB_FIELD_OK, "14:00", HM(14, 0)},
    {"9:30am", FB_FIELD_OK, "09:30", HM(9, 30)},
    {"9:30AM", FB_FIELD_OK, "09:30", HM(9, 30)},
    {"09:30 am", FB_FIELD_OK, "09:30", HM(9, 30)},
    {"930am", FB_FIELD_OK, "09:30", HM(9, 30)},
    {"1130pm", FB_FIELD_OK, "23:30", HM(23, 30)},
    {"12am", FB_FIELD_OK, "00:00", 0},
    {"12pm", FB_FIELD_OK, "12:00", HM(12, 0)},
    {"12:15am", FB_FIELD_OK, "00:15", HM(0, 15)},
    {"12:15pm", FB_FIELD_OK, "12:15", HM(12, 15)},
    {"11:59pm", FB_FIELD_OK, "23:59", HM(23, 59)},
    {"1am", FB_FIELD_OK, "01:00", HM(1, 0)},
    {"2 p.m.", FB_FIELD_OK, "14:00", HM(14, 0)},
    {"2p.m.", FB_FIELD_OK, "14:00", HM(14, 0)},
    {"10.15 a.m.", FB_FIELD_OK, "10:15", HM(10, 15)},
    {"10.15 A.M.", FB_FIELD_OK, "10:15", HM(10, 15)},
    {"10.15 a.m", FB_FIELD_OK, "10:15", HM(10, 15)},
    {"10.15 am.", FB_FIELD_OK, "10:15", HM(10, 15)},
    {"4\xc2\xa0pm", FB_FIELD_OK, "16:00", HM(16, 0)},
    {"4   pm", FB_FIELD_OK, "16:00", HM(16, 0)},
    {"2:30\xe2\x80\xafpm", FB_FIELD_OK, "14:30", HM(14, 30)}, /* NNBSP */
    /* words */
    {"midday", FB_FIELD_OK, "12:00", HM(12, 0)},
    {"Midday", FB_FIELD_OK, "12:00", HM(12, 0)},
    {"noon", FB_FIELD_OK, "12:00", HM(12, 0)},
    {"NOON", FB_FIELD_OK, "12:00", HM(12, 0)},
    {"midnight", FB_FIELD_OK, "00:00", 0},
    {" MidNight ", FB_FIELD_OK, "00:00", 0},
    {"12 noon", FB_FIELD_OK, "12:00", HM(12, 0)},
    {"12 midnight", FB_FIELD_OK, "00:00", 0},
    {"12:00 midday", FB_FIELD_OK, "12:00", HM(12, 0)},
    {"12midnight", FB_FIELD_OK, "00:00", 0},
    /* refused */
    {"24:00", FB_FIELD_INVALID, NULL, 0},
    {"2400", FB_FIELD_INVALID, NULL, 0},
    {"25:00", FB_FIELD_INVALID, NULL, 0},
    {"13pm", FB_FIELD_INVALID, NULL, 0},
    {"13:30pm", FB_FIELD_INVALID, NULL, 0},
    {"14:30 pm", FB_FIELD_INVALID, NULL, 0},
    {"0am", FB_FIELD_INVALID, NULL, 0},
    {"0:30am", FB_FIELD_INVALID, NULL, 0},
    {"00pm", FB_FIELD_INVALID, NULL, 0},
    {"12:60", FB_FIELD_INVALID, NULL, 0},
    {"9:75", FB_FIELD_INVALID, NULL, 0},
    {"975", FB_FIELD_INVALID, NULL, 0},
    {"2:3", FB_FIELD_INVALID, NULL, 0},
    {"2:3pm", FB_FIELD_INVALID, NULL, 0},
    {"2:345", FB_FIELD_INVALID, NULL, 0},
    {"14:30:00", FB_FIELD_INVALID, NULL, 0},
    {"14", FB_FIELD_INVALID, NULL, 0},
    {"2", FB_FIELD_INVALID, NULL, 0},
    {"12345", FB_FIELD_INVALID, NULL, 0},
    {"123:00", FB_FIELD_INVALID, NULL, 0},
    {":30", FB_FIELD_INVALID, NULL, 0},
    {"14:", FB_FIELD_INVALID, NULL, 0},
    {"14 : 30", FB_FIELD_INVALID, NULL, 0},
    {"14h30", FB_FIELD_INVALID, NULL, 0},
    {"-1:00", FB_FIELD_INVALID, NULL, 0},
    {"+9:00", FB_FIELD_INVALID, NULL, 0},
    {"2 pmx", FB_FIELD_INVALID, NULL, 0},
    {"2 p m", FB_FIELD_INVALID, NULL, 0},
    {"2 pm pm", FB_FIELD_INVALID, NULL, 0},
    {"2pm.x", FB_FIELD_INVALID, NULL, 0},
    {"am", FB_FIELD_INVALID, NULL, 0},
    {"pm 2", FB_FIELD_INVALID, NULL, 0},
    {"2 o'clock", FB_FIELD_INVALID, NULL, 0},
    {"afternoon", FB_FIELD_INVALID, NULL, 0},
    {"mid day", FB_FIELD_INVALID, NULL, 0},
    {"11 noon", FB_FIELD_INVALID, NULL, 0},
    {"12:30 midnight", FB_FIELD_INVALID, NULL, 0},
    {"noon noon", FB_FIELD_INVALID, NULL, 0},
    {"half past two", FB_FIELD_INVALID, NULL, 0},
    {"\xd9\xa2:30", FB_FIELD_INVALID, NULL, 0}, /* Arabic-Indic 2 */
    {"\xef\xbc\x92:30", FB_FIELD_INVALID, NULL, 0}, /* fullwidth 2 */
    {"1:00 am and a very long tail of text", FB_FIELD_INVALID, NULL, 0},
    {"", FB_FIELD_EMPTY, NULL, 0},
    {"  ", FB_FIELD_EMPTY, NULL, 0},
    {NULL, FB_FIELD_EMPTY, NULL, 0},
    {"14:3\xff", FB_FIELD_BAD_UTF8, NULL, 0},
};

START_TEST(time_table)
{
    check_reader(read_time, &times[_i]);
}
END_TEST

START_TEST(time_contract)
{
    char buf[16];

    check_posted_twice(read_time, "14:30");
    ck_assert_int_eq(read_in_place(read_time, "2pm", buf, sizeof buf),
                     FB_FIELD_OK);
    ck_assert_str_eq(buf, "14:00");
}
END_TEST

START_TEST(time_every_minute_round_trips)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    char typed[16];

    for (int m = 0; m < 24 * 60; m++) {
        int got = -1, h12 = (m / 60) % 12 == 0 ? 12 : (m / 60) % 12;

        /* 24-hour as stored, and the same minute in 12-hour. */
        snprintf(typed, sizeof typed, "%02d:%02d", m / 60, m % 60);
        fb_answers_set(in, "q", typed);
        ck_assert_int_eq(fb_read_time(in, "q", out, &got), FB_FIELD_OK);
        ck_assert_int_eq(got, m);
        ck_assert_str_eq(fb_answers_get(out, "q"), typed);
        ck_assert(fb_time_parse_hhmm(fb_answers_get(out, "q"), &got));
        ck_assert_int_eq(got, m);
        snprintf(typed, sizeof typed, "%d:%02d%s", h12, m % 60,
                 m < 12 * 60 ? "am" : "pm");
        fb_answers_set(in, "q", typed);
        ck_assert_int_eq(fb_read_time(in, "q", out, &got), FB_FIELD_OK);
        ck_assert_msg(got == m, "'%s': %d, want %d", typed, got, m);
    }
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

struct hhmm_case {
    const char *s;
    bool ok;
    int minutes;
};

static const struct hhmm_case hhmms[] = {
    {"17:00", true, HM(17, 0)},
    {"00:00", true, 0},
    {"23:59", true, HM(23, 59)},
    {"09:05", true, HM(9, 5)},
    {"24:00", false, 0},
    {"12:60", false, 0},
    {"9:05", false, 0},
    {"09:5", false, 0},
    {"0905", false, 0},
    {"09.05", false, 0},
    {" 09:05", false, 0},
    {"09:05 ", false, 0},
    {"9am", false, 0},
    {"noon", false, 0},
    {"", false, 0},
    {"ab:cd", false, 0},
    {"09:05:00", false, 0},
};

START_TEST(time_parse_hhmm)
{
    const struct hhmm_case *c = &hhmms[_i];
    int got = -1;

    ck_assert_msg(fb_time_parse_hhmm(c->s, &got) == c->ok, "'%s'", c->s);
    if (c->ok)
        ck_assert_int_eq(got, c->minutes);
    else
        ck_assert_int_eq(got, -1);
    ck_assert(fb_time_parse_hhmm("12:00", NULL));
    ck_assert(!fb_time_parse_hhmm(NULL, &got));
}
END_TEST

/* ------------------------------------------------------------- ni_number */

static enum fb_field_status
read_ni(const struct fb_answers *in, struct fb_answers *out,
        long long *extra)
{
    enum fb_field_status st = fb_read_ni_number(in, "q", out);

    if (st == FB_FIELD_OK && extra)
        *extra = 0;
    return st;
}

static const struct read_case ninos[] = {
    {"AB123456C", FB_FIELD_OK, "AB123456C", 0},
    {"AB 12 34 56 C", FB_FIELD_OK, "AB123456C", 0},
    {"ab 12 34 56 c", FB_FIELD_OK, "AB123456C", 0},
    {"  aB123456c ", FB_FIELD_OK, "AB123456C", 0},
    {"AB-12-34-56-C", FB_FIELD_OK, "AB123456C", 0},
    {"AB.12.34.56.C", FB_FIELD_OK, "AB123456C", 0},
    {"AB 123 456 C", FB_FIELD_OK, "AB123456C", 0},
    {"A B 1 2 3 4 5 6 C", FB_FIELD_OK, "AB123456C", 0},
    {"AB\xc2\xa0" "12\xc2\xa0" "34\xc2\xa0" "56\xc2\xa0" "C", FB_FIELD_OK,
     "AB123456C", 0},
    {"AB\t123456\tC", FB_FIELD_OK, "AB123456C", 0},
    {"(AB123456C)", FB_FIELD_OK, "AB123456C", 0},
    {"JG103759A", FB_FIELD_OK, "JG103759A", 0},
    {"ZY000000B", FB_FIELD_OK, "ZY000000B", 0},
    {"OA123456D", FB_FIELD_OK, "OA123456D", 0},   /* O may be first */
    {"AZ123456A", FB_FIELD_OK, "AZ123456A", 0},
    {"NA123456A", FB_FIELD_OK, "NA123456A", 0},
    {"GA123456A", FB_FIELD_OK, "GA123456A", 0},
    {"ZA123456A", FB_FIELD_OK, "ZA123456A", 0},
    /* GOV.UK's example is not a real prefix: refused, as intended. */
    {"QQ 12 34 56 C", FB_FIELD_INVALID, NULL, 0},
    {"QQ123456C", FB_FIELD_INVALID, NULL, 0},
    /* first letter D, F, I, Q, U, V */
    {"DA123456A", FB_FIELD_INVALID, NULL, 0},
    {"FA123456A", FB_FIELD_INVALID, NULL, 0},
    {"IA123456A", FB_FIELD_INVALID, NULL, 0},
    {"QA123456A", FB_FIELD_INVALID, NULL, 0},
    {"UA123456A", FB_FIELD_INVALID, NULL, 0},
    {"VA123456A", FB_FIELD_INVALID, NULL, 0},
    /* second letter D, F, I, O, Q, U, V */
    {"AD123456A", FB_FIELD_INVALID, NULL, 0},
    {"AF123456A", FB_FIELD_INVALID, NULL, 0},
    {"AI123456A", FB_FIELD_INVALID, NULL, 0},
    {"AO123456A", FB_FIELD_INVALID, NULL, 0},
    {"AQ123456A", FB_FIELD_INVALID, NULL, 0},
    {"AU123456A", FB_FIELD_INVALID, NULL, 0},
    {"AV123456A", FB_FIELD_INVALID, NULL, 0},
    /* unallocated prefixes */
    {"BG123456A", FB_FIELD_INVALID, NULL, 0},
    {"GB123456A", FB_FIELD_INVALID, NULL, 0},
    {"KN123456A", FB_FIELD_INVALID, NULL, 0},
    {"NK123456A", FB_FIELD_INVALID, NULL, 0},
    {"NT123456A", FB_FIELD_INVALID, NULL, 0},
    {"tn123456a", FB_FIELD_INVALID, NULL, 0},
    {"ZZ123456A", FB_FIELD_INVALID, NULL, 0},
    /* suffix */
    {"AB123456", FB_FIELD_INVALID, NULL, 0}, /* the suffix is required */
    {"AB123456E", FB_FIELD_INVALID, NULL, 0},
    {"AB123456Z", FB_FIELD_INVALID, NULL, 0},
    {"AB1234567", FB_FIELD_INVALID, NULL, 0},
    /* shape */
    {"AB12345C", FB_FIELD_INVALID, NULL, 0},
    {"AB1234567C", FB_FIELD_INVALID, NULL, 0},
    {"AB123456CC", FB_FIELD_INVALID, NULL, 0},
    {"A1123456C", FB_FIELD_INVALID, NULL, 0},
    {"1B123456C", FB_FIELD_INVALID, NULL, 0},
    {"ABC23456C", FB_FIELD_INVALID, NULL, 0},
    {"AB12O456C", FB_FIELD_INVALID, NULL, 0}, /* letter O, not zero */
    {"AB", FB_FIELD_INVALID, NULL, 0},
    {"---", FB_FIELD_INVALID, NULL, 0},
    {"\xc3\x81" "B123456C", FB_FIELD_INVALID, NULL, 0},
    {"AB\xef\xbc\x91" "23456C", FB_FIELD_INVALID, NULL, 0}, /* fullwidth 1 */
    {"AB 12 34 56 C and more text after it", FB_FIELD_INVALID, NULL, 0},
    {"", FB_FIELD_EMPTY, NULL, 0},
    {" ", FB_FIELD_EMPTY, NULL, 0},
    {NULL, FB_FIELD_EMPTY, NULL, 0},
    {"AB 12 \xff", FB_FIELD_BAD_UTF8, NULL, 0},
};

START_TEST(ni_table)
{
    check_reader(read_ni, &ninos[_i]);
}
END_TEST

START_TEST(ni_contract)
{
    char buf[16];

    check_posted_twice(read_ni, "AB123456C");
    ck_assert_int_eq(read_in_place(read_ni, "ab 12 34 56 c", buf, sizeof buf),
                     FB_FIELD_OK);
    ck_assert_str_eq(buf, "AB123456C");
}
END_TEST

/* ----------------------------------------------------------------- money */

static enum fb_field_status
read_money(const struct fb_answers *in, struct fb_answers *out,
           long long *extra)
{
    long long pence = -12345;
    enum fb_field_status st = fb_read_money(in, "q", out, &pence);

    if (extra && pence != -12345)
        *extra = pence;
    return st;
}

static const struct read_case moneys[] = {
    {"12", FB_FIELD_OK, "1200", 1200},
    {"12.50", FB_FIELD_OK, "1250", 1250},
    {"12.5", FB_FIELD_OK, "1250", 1250},
    {"12.05", FB_FIELD_OK, "1205", 1205},
    {"0.99", FB_FIELD_OK, "99", 99},
    {".50", FB_FIELD_OK, "50", 50},
    {".5", FB_FIELD_OK, "50", 50},
    {"0", FB_FIELD_OK, "0", 0},
    {"0.00", FB_FIELD_OK, "0", 0},
    {"007", FB_FIELD_OK, "700", 700},
    {"1,234.50", FB_FIELD_OK, "123450", 123450},
    {"1,234", FB_FIELD_OK, "123400", 123400},
    {"1234.50", FB_FIELD_OK, "123450", 123450},
    {"12,345,678.90", FB_FIELD_OK, "1234567890", 1234567890},
    {"\xc2\xa3" "12", FB_FIELD_OK, "1200", 1200},
    {"\xc2\xa3" "1,234.50", FB_FIELD_OK, "123450", 123450},
    {"\xc2\xa3 12.50", FB_FIELD_OK, "1250", 1250},
    {"  \xc2\xa3\xc2\xa0" "75  ", FB_FIELD_OK, "7500", 7500},
    {"99999999999.99", FB_FIELD_OK, "9999999999999", 9999999999999LL},
    {"99,999,999,999", FB_FIELD_OK, "9999999999900", 9999999999900LL},
    {"00000000000000000000001", FB_FIELD_OK, "100", 100},
    {"100000000000", FB_FIELD_INVALID, NULL, 0},   /* 10^11 pounds */
    {"999999999999999999999999", FB_FIELD_INVALID, NULL, 0},
    {"92233720368547758.07", FB_FIELD_INVALID, NULL, 0},
    {"12.505", FB_FIELD_INVALID, NULL, 0},
    {"12.500", FB_FIELD_INVALID, NULL, 0},
    {"12.", FB_FIELD_INVALID, NULL, 0},
    {".", FB_FIELD_INVALID, NULL, 0},
    {"1,23.4", FB_FIELD_INVALID, NULL, 0},
    {"1,2345", FB_FIELD_INVALID, NULL, 0},
    {"12,34", FB_FIELD_INVALID, NULL, 0},
    {"1234,567", FB_FIELD_INVALID, NULL, 0},
    {",123", FB_FIELD_INVALID, NULL, 0},
    {"123,", FB_FIELD_INVALID, NULL, 0},
    {"0,500", FB_FIELD_INVALID, NULL, 0},
    {"1,,234", FB_FIELD_INVALID, NULL, 0},
    {"12,50", FB_FIELD_INVALID, NULL, 0}, /* decimal comma: not guessed */
    {"1.234,50", FB_FIELD_INVALID, NULL, 0},
    {"1 234", FB_FIELD_INVALID, NULL, 0},
    {"-5", FB_FIELD_INVALID, NULL, 0},
    {"-0", FB_FIELD_INVALID, NULL, 0},
    {"\xc2\xa3-5", FB_FIELD_INVALID, NULL, 0},
    {"-\xc2\xa3" "5", FB_FIELD_INVALID, NULL, 0},
    {"+5", FB_FIELD_INVALID, NULL, 0},
    {"\xc2\xa3", FB_FIELD_INVALID, NULL, 0},
    {"\xc2\xa3\xc2\xa3" "5", FB_FIELD_INVALID, NULL, 0},
    {"5\xc2\xa3", FB_FIELD_INVALID, NULL, 0},
    {"GBP 5", FB_FIELD_INVALID, NULL, 0},
    {"5 GBP", FB_FIELD_INVALID, NULL, 0},
    {"50p", FB_FIELD_INVALID, NULL, 0},
    {"\xe2\x82\xac" "5", FB_FIELD_INVALID, NULL, 0}, /* euro */
    {"$5", FB_FIELD_INVALID, NULL, 0},
    {"1e3", FB_FIELD_INVALID, NULL, 0},
    {"0x10", FB_FIELD_INVALID, NULL, 0},
    {"five pounds", FB_FIELD_INVALID, NULL, 0},
    {"12.5.0", FB_FIELD_INVALID, NULL, 0},
    {"\xd9\xa5", FB_FIELD_INVALID, NULL, 0},
    {"", FB_FIELD_EMPTY, NULL, 0},
    {"  ", FB_FIELD_EMPTY, NULL, 0},
    {NULL, FB_FIELD_EMPTY, NULL, 0},
    {"\xc2", FB_FIELD_BAD_UTF8, NULL, 0},
    {"12\x80", FB_FIELD_BAD_UTF8, NULL, 0},
};

START_TEST(money_table)
{
    check_reader(read_money, &moneys[_i]);
}
END_TEST

START_TEST(money_contract)
{
    char buf[16];

    check_posted_twice(read_money, "12");
    ck_assert_int_eq(read_in_place(read_money, "\xc2\xa3" "1,000", buf,
                                   sizeof buf),
                     FB_FIELD_OK);
    ck_assert_str_eq(buf, "100000");
}
END_TEST

struct format_case {
    long long pence;
    const char *text;
};

static const struct format_case formats[] = {
    {0, "\xc2\xa3" "0"},
    {1, "\xc2\xa3" "0.01"},
    {50, "\xc2\xa3" "0.50"},
    {7500, "\xc2\xa3" "75"},
    {7550, "\xc2\xa3" "75.50"},
    {7505, "\xc2\xa3" "75.05"},
    {100000, "\xc2\xa3" "1,000"},
    {123450, "\xc2\xa3" "1,234.50"},
    {99999, "\xc2\xa3" "999.99"},
    {1234567890, "\xc2\xa3" "12,345,678.90"},
    {FB_MONEY_MAX_PENCE, "\xc2\xa3" "99,999,999,999.99"},
    {-150, "-\xc2\xa3" "1.50"},
    {LLONG_MAX, "\xc2\xa3" "92,233,720,368,547,758.07"},
    {LLONG_MIN, "-\xc2\xa3" "92,233,720,368,547,758.08"},
};

START_TEST(money_format_table)
{
    const struct format_case *c = &formats[_i];
    char buf[32];

    memset(buf, 'x', sizeof buf);
    fb_money_format(c->pence, buf, sizeof buf);
    ck_assert_str_eq(buf, c->text);
}
END_TEST

START_TEST(money_format_fits_twenty_bytes)
{
    char buf[20];

    fb_money_format(FB_MONEY_MAX_PENCE, buf, sizeof buf);
    ck_assert_str_eq(buf, "\xc2\xa3" "99,999,999,999.99");
}
END_TEST

START_TEST(money_format_truncates_at_characters)
{
    char buf[8];

    memset(buf, 'x', sizeof buf);
    fb_money_format(123450, buf, 6);
    ck_assert_str_eq(buf, "\xc2\xa3" "1,2");
    ck_assert_int_eq(buf[6], 'x'); /* nothing written past cap */
    fb_money_format(123450, buf, 3);
    ck_assert_str_eq(buf, "\xc2\xa3");
    fb_money_format(123450, buf, 2); /* half a pound sign is dropped */
    ck_assert_str_eq(buf, "");
    fb_money_format(-150, buf, 3);
    ck_assert_str_eq(buf, "-");
    fb_money_format(123450, buf, 1);
    ck_assert_str_eq(buf, "");
    buf[0] = 'x';
    fb_money_format(123450, buf, 0);
    ck_assert_int_eq(buf[0], 'x');
}
END_TEST

START_TEST(money_read_then_format)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    long long pence = 0;
    char buf[32];

    fb_answers_add(in, "q", "  \xc2\xa3 1234.5 ");
    ck_assert_int_eq(fb_read_money(in, "q", out, &pence), FB_FIELD_OK);
    fb_money_format(pence, buf, sizeof buf);
    ck_assert_str_eq(buf, "\xc2\xa3" "1,234.50");
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

/* ---------------------------------------------------------- autocomplete */

static const struct fb_option_desc countries[] = {
    {.value = "GB", .label = {{"United Kingdom", "Y Deyrnas Unedig"}}},
    {.value = "FR", .label = {{"France", "Ffrainc"}}},
    {.value = "CI", .label = {{"C\xc3\xb4te d\xe2\x80\x99Ivoire", NULL}}},
    {.value = "AX", .label = {{"\xc3\x85land Islands", NULL}}},
    {.value = "PL-LDZ", .label = {{"\xc5\x81\xc3\xb3" "d\xc5\xba", NULL}}},
    {.value = "GB-WLS", .label = {{"Wales", "Cymru"}}},
    {.value = "llanwrtyd",
     .label = {{"Llanwrtyd  Wells", "Llanwrtyd"}}},
    {.value = "dwr", .label = {{"D\xc5\xb4R", NULL}}}, /* capital W^ */
    {.value = "france", .label = {{"Somewhere else", NULL}}},
    {.value = "US", .label = {{"United States", NULL}}},
    {.value = "UM", .label = {{"united states", NULL}}}, /* lint warns */
    {.value = "nolabel", .label = {{NULL, NULL}}},
    {.value = NULL, .label = {{"Ghost", NULL}}},
    {.value = "ff", .label = {{"Finland", "France"}}},
};

struct listed_case {
    const char *in; /* NULL posts nothing */
    enum fb_field_status want;
    const char *stored;
};

static const struct listed_case listed[] = {
    /* the value, exactly (a select posts it) */
    {"GB", FB_FIELD_OK, "GB"},
    {"  GB ", FB_FIELD_OK, "GB"},
    {"nolabel", FB_FIELD_OK, "nolabel"},
    {"GB-WLS", FB_FIELD_OK, "GB-WLS"},
    /* an exact value wins over another option's label */
    {"france", FB_FIELD_OK, "france"},
    /* the label, as a datalist posts it, or typed */
    {"United Kingdom", FB_FIELD_OK, "GB"},
    {"united kingdom", FB_FIELD_OK, "GB"},
    {"UNITED KINGDOM", FB_FIELD_OK, "GB"},
    {"  United   Kingdom ", FB_FIELD_OK, "GB"},
    {"United\xc2\xa0Kingdom", FB_FIELD_OK, "GB"},
    {"United\tKingdom", FB_FIELD_OK, "GB"},
    {"France", FB_FIELD_OK, "FR"},
    {"FRANCE", FB_FIELD_OK, "FR"},
    {"C\xc3\xb4te d\xe2\x80\x99Ivoire", FB_FIELD_OK, "CI"},
    {"C\xc3\x94TE D\xe2\x80\x99IVOIRE", FB_FIELD_OK, "CI"},
    {"\xc3\xa5land islands", FB_FIELD_OK, "AX"},
    {"\xc5\x82\xc3\xb3" "d\xc5\xba", FB_FIELD_OK, "PL-LDZ"},
    {"\xc5\x81\xc3\x93" "D\xc5\xb9", FB_FIELD_OK, "PL-LDZ"},
    {"d\xc5\xb5r", FB_FIELD_OK, "dwr"},
    /* the label's own spacing is collapsed too */
    {"Llanwrtyd Wells", FB_FIELD_OK, "llanwrtyd"},
    {"llanwrtyd  wells", FB_FIELD_OK, "llanwrtyd"},
    /* Welsh labels, after every English one */
    {"Ffrainc", FB_FIELD_OK, "FR"},
    {"cymru", FB_FIELD_OK, "GB-WLS"},
    {"Y Deyrnas Unedig", FB_FIELD_OK, "GB"},
    {"Llanwrtyd", FB_FIELD_OK, "llanwrtyd"},
    /* "France" is ff's Welsh label, but FR's English one comes first */
    {"France", FB_FIELD_OK, "FR"},
    {"finland", FB_FIELD_OK, "ff"},
    /* labels equal but for case: the first option wins */
    {"united states", FB_FIELD_OK, "US"},
    {"UM", FB_FIELD_OK, "UM"},
    /* not on the list */
    {"gb", FB_FIELD_INVALID, NULL},
    {"Fr", FB_FIELD_INVALID, NULL},
    {"Franc", FB_FIELD_INVALID, NULL},
    {"Francee", FB_FIELD_INVALID, NULL},
    {"United", FB_FIELD_INVALID, NULL},
    {"UnitedKingdom", FB_FIELD_INVALID, NULL},
    {"United Kingdom of Great Britain", FB_FIELD_INVALID, NULL},
    {"Cote d'Ivoire", FB_FIELD_INVALID, NULL},
    {"Ghost", FB_FIELD_INVALID, NULL},
    {"Narnia", FB_FIELD_INVALID, NULL},
    {"-", FB_FIELD_INVALID, NULL},
    {"", FB_FIELD_EMPTY, NULL},
    {"   ", FB_FIELD_EMPTY, NULL},
    {NULL, FB_FIELD_EMPTY, NULL},
    {"Fran\xe7" "e", FB_FIELD_BAD_UTF8, NULL},
};

START_TEST(listed_table)
{
    const struct listed_case *c = &listed[_i];
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    enum fb_field_status st;

    if (c->in)
        fb_answers_add(in, "c", c->in);
    fb_answers_set(out, "c", "stale");
    st = fb_read_listed(in, "c", countries, N(countries), out);
    ck_assert_msg(st == c->want, "'%s': status %d, want %d", c->in, st,
                  c->want);
    if (c->stored) {
        ck_assert_str_eq(fb_answers_get(out, "c"), c->stored);
        ck_assert_uint_eq(fb_answers_count(out, "c"), 1);
    } else {
        ck_assert_ptr_null(fb_answers_get(out, "c"));
    }
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(listed_contract)
{
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();

    fb_answers_add(in, "c", "France");
    fb_answers_add(in, "c", "France");
    fb_answers_set(out, "c", "stale");
    ck_assert_int_eq(fb_read_listed(in, "c", countries, N(countries), out),
                     FB_FIELD_INVALID);
    ck_assert_ptr_null(fb_answers_get(out, "c"));
    fb_answers_add(in, "c", "\xff");
    ck_assert_int_eq(fb_read_listed(in, "c", countries, N(countries), out),
                     FB_FIELD_BAD_UTF8);
    /* No options: nothing is on the list. */
    fb_answers_set(in, "c", "France");
    ck_assert_int_eq(fb_read_listed(in, "c", NULL, 0, out),
                     FB_FIELD_INVALID);
    /* Into the set being read. */
    ck_assert_int_eq(fb_read_listed(in, "c", countries, N(countries), in),
                     FB_FIELD_OK);
    ck_assert_str_eq(fb_answers_get(in, "c"), "FR");
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

START_TEST(listed_label_with_bad_utf8_matches_nothing)
{
    /* Descriptors come from formc and are UTF-8; a broken one must still
     * not match or loop. */
    static const struct fb_option_desc broken[] = {
        {.value = "x", .label = {{"Fran\xe7" "e", NULL}}},
        {.value = "y", .label = {{"Franc\xc3", NULL}}},
        {.value = "z", .label = {{"France", NULL}}},
    };
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();

    fb_answers_add(in, "c", "france");
    ck_assert_int_eq(fb_read_listed(in, "c", broken, N(broken), out),
                     FB_FIELD_OK);
    ck_assert_str_eq(fb_answers_get(out, "c"), "z");
    fb_answers_free(in);
    fb_answers_free(out);
}
END_TEST

/* Many options with long shared label prefixes: each read stays one pass
 * over the list (a quadratic reader would take minutes here). */
#define MANY 20000
#define PREFIX_LEN 200

START_TEST(listed_many_options)
{
    struct fb_option_desc *opts = calloc(MANY, sizeof *opts);
    char (*values)[16] = calloc(MANY, sizeof *values);
    char (*labels)[PREFIX_LEN + 24] = calloc(MANY, sizeof *labels);
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    char typed[PREFIX_LEN + 24];

    for (int i = 0; i < MANY; i++) {
        snprintf(values[i], sizeof values[i], "v%d", i);
        memset(labels[i], 'a', PREFIX_LEN);
        snprintf(labels[i] + PREFIX_LEN, 24, " Place %d", i);
        opts[i].value = values[i];
        opts[i].label.text[FB_LANG_EN] = labels[i];
    }
    memset(typed, 'A', PREFIX_LEN);
    snprintf(typed + PREFIX_LEN, 24, " place %d", MANY - 1);
    for (int round = 0; round < 5; round++) {
        fb_answers_set(in, "c", typed);
        ck_assert_int_eq(fb_read_listed(in, "c", opts, MANY, out),
                         FB_FIELD_OK);
        ck_assert_str_eq(fb_answers_get(out, "c"), values[MANY - 1]);
        fb_answers_set(in, "c", "v12345");
        ck_assert_int_eq(fb_read_listed(in, "c", opts, MANY, out),
                         FB_FIELD_OK);
        ck_assert_str_eq(fb_answers_get(out, "c"), "v12345");
        fb_answers_set(in, "c", "not a place");
        ck_assert_int_eq(fb_read_listed(in, "c", opts, MANY, out),
                         FB_FIELD_INVALID);
    }
    fb_answers_free(in);
    fb_answers_free(out);
    free(labels);
    free(values);
    free(opts);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("validate_newtypes");
    TCase *nm = tcase_create("name");
    TCase *tm = tcase_create("time");
    TCase *ni = tcase_create("ni_number");
    TCase *mo = tcase_create("money");
    TCase *li = tcase_create("autocomplete");

    tcase_add_loop_test(nm, name_whole_table, 0, N(whole_names));
    tcase_add_test(nm, name_whole_contract);
    tcase_add_test(nm, name_whole_max_bytes);
    tcase_add_loop_test(nm, name_parts_table, 0, N(part_names));
    tcase_add_test(nm, name_part_posted_twice_is_invalid);
    tcase_add_test(nm, name_parts_same_set_in_and_out);
    tcase_add_test(nm, name_parts_clear_title_removes_stored_one);
    tcase_add_test(nm, name_part_over_max_bytes_is_invalid);
    tcase_add_loop_test(tm, time_table, 0, N(times));
    tcase_add_test(tm, time_contract);
    tcase_add_test(tm, time_every_minute_round_trips);
    tcase_add_loop_test(tm, time_parse_hhmm, 0, N(hhmms));
    tcase_add_loop_test(ni, ni_table, 0, N(ninos));
    tcase_add_test(ni, ni_contract);
    tcase_add_loop_test(mo, money_table, 0, N(moneys));
    tcase_add_test(mo, money_contract);
    tcase_add_loop_test(mo, money_format_table, 0, N(formats));
    tcase_add_test(mo, money_format_fits_twenty_bytes);
    tcase_add_test(mo, money_format_truncates_at_characters);
    tcase_add_test(mo, money_read_then_format);
    tcase_add_loop_test(li, listed_table, 0, N(listed));
    tcase_add_test(li, listed_contract);
    tcase_add_test(li, listed_label_with_bad_utf8_matches_nothing);
    tcase_add_test(li, listed_many_options);
    suite_add_tcase(s, nm);
    suite_add_tcase(s, tm);
    suite_add_tcase(s, ni);
    suite_add_tcase(s, mo);
    suite_add_tcase(s, li);
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
