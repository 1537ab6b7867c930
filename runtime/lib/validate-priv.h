/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by the field readers (validate_*.c, phone.c,
 * postcode.c) and the UTF-8 helpers: fetching one posted value as a
 * checked, trimmed span, ASCII case mapping, and the normalisers more than
 * one reader needs.
 * Private to runtime/lib; generated code sees only validate.h.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "formbuilder/answers.h"
#include "formbuilder/qtype.h"
#include "formbuilder/validate.h"
#include "answers-priv.h"
#include "utf8-priv.h"

/* A piece of a posted value: not NUL-terminated, owned by the answers. */
struct fb_span {
    const char *s;
    size_t n;
};

/* Longest normalised postcode: "AA9A 9AA" plus the NUL. */
#define FB_POSTCODE_SIZE 9

/* Narrows @p sp to drop white space at both ends. */
void
fb_span_trim(struct fb_span *sp);

/* An ASCII character that is not white space (nor a control): where most
 * answers start and end, so there is nothing to trim. */
static inline bool
fb_ascii_solid(char c)
{
    return (unsigned char)c > ' ' && (unsigned char)c < 0x80;
}

/* fb_span_trim(), inline when there is nothing to trim. */
static inline void
fb_span_trim_fast(struct fb_span *sp)
{
    if (sp->n == 0 || !fb_ascii_solid(sp->s[0]) ||
        !fb_ascii_solid(sp->s[sp->n - 1]))
        fb_span_trim(sp);
}

/*
 * Copies @p sp into @p buf (at least sp.n + 1 bytes, NUL-terminated) with
 * every run of white space made one ASCII space; a trimmed span stays
 * trimmed. @returns the length written, at most sp.n.
 */
size_t
fb_span_collapse(struct fb_span sp, char *buf);

/* ASCII-only case mapping: the formats readers check (postcodes, months,
 * times, National Insurance numbers) are ASCII, and <ctype.h> would follow
 * the process locale. */
static inline char
fb_ascii_lower(char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

static inline char
fb_ascii_upper(char c)
{
    return (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
}

/* ASCII digit and capital letter, for the same reason. */
static inline bool
ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline bool
ascii_capital(char c)
{
    return c >= 'A' && c <= 'Z';
}

/*
 * Reads the value posted as @p name in @p in: FB_FIELD_BAD_UTF8 when any
 * value posted under the name is not UTF-8 (checked first),
 * FB_FIELD_INVALID when the name was posted more than once or the trimmed
 * value is longer than FB_FIELD_MAX_BYTES, FB_FIELD_EMPTY when absent or
 * only white space, else FB_FIELD_OK with the trimmed value in @p out
 * (pointing into @p in).
 */
enum fb_field_status
fb_field_get(const struct fb_answers *in, const char *name,
             struct fb_span *out);

/* fb_field_get() for the name @p name[0..name_len), which need not be
 * NUL-terminated, whose fb_answers_hash() is @p h. */
static inline enum fb_field_status
fb_field_geth(const struct fb_answers *in, const char *name, size_t name_len,
              uint32_t h, struct fb_span *out)
{
    size_t count;
    uint32_t i = fb_answers_findh(in, name, name_len, h, &count);
    const struct fb_answer *p;

    out->s = "";
    out->n = 0;
    if (i == FB_ANSWERS_NONE)
        return FB_FIELD_EMPTY;
    /* One input posts one value; more means a tampered or broken form,
     * but invalid UTF-8 in any of them is reported first. */
    if (count > 1) {
        for (; i != FB_ANSWERS_NONE; i = fb_answers_next(in, i)) {
            p = fb_answers_entry(in, i);
            if (!fb_utf8_ok(p->value, p->value_len))
                return FB_FIELD_BAD_UTF8;
        }
        return FB_FIELD_INVALID;
    }
    p = fb_answers_entry(in, i);
    if (!fb_utf8_ok(p->value, p->value_len))
        return FB_FIELD_BAD_UTF8;
    out->s = p->value;
    out->n = p->value_len;
    fb_span_trim_fast(out);
    if (out->n == 0)
        return FB_FIELD_EMPTY;
    if (out->n > FB_FIELD_MAX_BYTES)
        return FB_FIELD_INVALID;
    return FB_FIELD_OK;
}

/* fb_field_geth() for a name not yet hashed. */
static inline enum fb_field_status
fb_field_getn(const struct fb_answers *in, const char *name, size_t name_len,
              struct fb_span *out)
{
    return fb_field_geth(in, name, name_len, fb_answers_hash(name, name_len),
                         out);
}

/* fb_field_store() for the name @p name[0..name_len) whose
 * fb_answers_hash() is @p h. */
static inline enum fb_field_status
fb_field_storeh(struct fb_answers *out, const char *name, size_t name_len,
                uint32_t h, struct fb_span sp)
{
    if (fb_answers_setnnh(out, name, name_len, h, sp.s, sp.n) != 0)
        return FB_FIELD_INVALID;
    return FB_FIELD_OK;
}

/* fb_field_storeh() for a name not yet hashed. */
static inline enum fb_field_status
fb_field_storen(struct fb_answers *out, const char *name, size_t name_len,
                struct fb_span sp)
{
    return fb_field_storeh(out, name, name_len,
                           fb_answers_hash(name, name_len), sp);
}

/* Stores a copy of @p sp as the only value of @p name in @p out.
 * @returns FB_FIELD_OK, or FB_FIELD_INVALID when out of memory (and
 * @p out remembers the failure, see fb_answers_failed()). */
enum fb_field_status
fb_field_store(struct fb_answers *out, const char *name, struct fb_span sp);

/* For every other allocation a reader makes: marks @p out failed, as a
 * failed store does, so the driver fails the page (a 500) rather than call
 * the answer wrong. @returns FB_FIELD_INVALID, for the reader to return. */
static inline enum fb_field_status
fb_field_nomem(struct fb_answers *out)
{
    out->failed = true;
    return FB_FIELD_INVALID;
}

/* Most parts a question type has (an address: four). */
#define FB_PARTS_MAX 4

/* The names of a question's parts built at run time, as formc writes them
 * into fb_question_desc.part_names ("NAME-SUFFIX" for each part, then
 * "NAME.SUFFIX"), for a descriptor written by hand. */
struct fb_part_names {
    struct fb_name names[2 * FB_PARTS_MAX];
    char *heap;                /* the strings when buf is too short */
    char buf[256];
};

/* Builds in @p pn the names of the @p n_parts (at most FB_PARTS_MAX)
 * @p parts of the question named @p name. @returns false when out of
 * memory; call fb_part_names_done() after either result. */
bool
fb_part_names_build(struct fb_part_names *pn, const struct fb_name *name,
                    const struct fb_part_info *parts, size_t n_parts);

/* Frees what fb_part_names_build() allocated, if anything: inline, since
 * a descriptor from formc never needs it. */
static inline void
fb_part_names_done(struct fb_part_names *pn)
{
    if (pn->heap) {
        free(pn->heap);
        pn->heap = NULL;
    }
}

/* Folds the status @p part of one part of a question into the
 * question's @p st: bad UTF-8 in any part wins, then any invalid part.
 * @returns true when the part is empty (whether that makes it missing is
 * the reader's to say). */
static inline bool
fb_part_status(enum fb_field_status part, enum fb_field_status *st)
{
    if (part == FB_FIELD_EMPTY)
        return true;
    if (part == FB_FIELD_BAD_UTF8)
        *st = FB_FIELD_BAD_UTF8;
    else if (part == FB_FIELD_INVALID && *st == FB_FIELD_OK)
        *st = FB_FIELD_INVALID;
    return false;
}

/* Ends a reader: on anything but FB_FIELD_OK the answer @p out held
 * under @p name[0..name_len) is removed, so a cleared one does not
 * linger. @returns @p st. */
static inline enum fb_field_status
fb_field_finish(struct fb_answers *out, const char *name, size_t name_len,
                enum fb_field_status st)
{
    if (st != FB_FIELD_OK)
        fb_answers_removen(out, name, name_len);
    return st;
}

/* fb_field_finish() for a name whose fb_answers_hash() is @p h. */
static inline enum fb_field_status
fb_field_finishh(struct fb_answers *out, const char *name, size_t name_len,
                 uint32_t h, enum fb_field_status st)
{
    if (st != FB_FIELD_OK)
        fb_answers_removenh(out, name, name_len, h);
    return st;
}

/* The name of @p s, measured and hashed. */
static inline struct fb_name
fb_name_of(const char *s)
{
    size_t n = strlen(s);

    return (struct fb_name){s, n, fb_answers_hash(s, n)};
}

/* The id of @p q as a name: from the descriptor, or measured and hashed
 * when formc did not fill it (a descriptor written by hand). */
static inline struct fb_name
fb_question_name(const struct fb_question_desc *q)
{
    if (q->id_len)
        return (struct fb_name){q->id, q->id_len, q->id_hash};
    return fb_name_of(q->id);
}

/*
 * Normalises a UK postcode in any case and spacing into @p out ("SK1 3XE",
 * NUL-terminated). @returns its length, or 0 (with @p out unspecified)
 * when @p sp is not a postcode.
 */
size_t
fb_postcode_normalise(struct fb_span sp, char out[FB_POSTCODE_SIZE]);

/*
 * Parses a number as typed by a resident (sign, thousands commas,
 * decimals). On success sets *@p out_canon to a new canonical string the
 * caller frees (NULL allowed to skip it) and *@p out_value.
 * @returns 1 on success, 0 when @p sp is not a number (or has decimals and
 * @p integer is set, or is too large for a double), -1 out of memory.
 */
int
fb_number_parse(struct fb_span sp, bool integer, char **out_canon,
                double *out_value);

/*
 * Checks the whole-number part @p s[0..n) of a number or an amount of
 * money (no sign, no decimals): plain digits, or 1-3 digits not starting
 * with 0 then groups of ",ddd". An empty part is plain digits too.
 */
bool
fb_number_grouping_ok(const char *s, size_t n);

/* fb_regex_test() of @p s[0..n), which has no NUL in it: the driver
 * knows the stored answer's length. */
enum fb_regex_result
fb_regex_testn(const struct fb_regex *re, const char *s, size_t n);

/* Declares fb_read_T_question(), the type table's reader
 * (fb_qtype_info.read) of type T, defined beside T's reader. First the
 * types whose posted names formc measures and hashes: each reads question
 * @p q by the descriptor's own name (fb_question_name()) and part names,
 * with the same inline body as validate.h's reader, so a row calls no
 * adapter. */
#define FB_QUESTION_READER(t)                                            \
    enum fb_field_status fb_read_##t##_question(                         \
        const struct fb_question_desc *q, const struct fb_answers *in,  \
        struct fb_answers *out, struct fb_read_result *res)

FB_QUESTION_READER(text);
FB_QUESTION_READER(email);
FB_QUESTION_READER(phone);
FB_QUESTION_READER(postcode);
FB_QUESTION_READER(number);
FB_QUESTION_READER(date);
FB_QUESTION_READER(choice);
FB_QUESTION_READER(choices);
FB_QUESTION_READER(address);
/* ... and of the types whose readers take the question's id. */
FB_QUESTION_READER(declaration);
FB_QUESTION_READER(slot);
FB_QUESTION_READER(name);
FB_QUESTION_READER(time);
FB_QUESTION_READER(ni_number);
FB_QUESTION_READER(money);
FB_QUESTION_READER(listed);
FB_QUESTION_READER(booking_date);
FB_QUESTION_READER(file);
