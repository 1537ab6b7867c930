/* SPDX-License-Identifier: MIT */
/*
 * Readers for questions with fixed answers: radios, selects and yes/no
 * (one option), checkboxes (any options) and declarations (one box).
 * Option values are machine values written by the form's author, so a
 * posted value must equal one exactly; anything else was not offered and
 * is never stored.
 */
#include "validate-priv.h"
#include "answers-priv.h"

#include <stdlib.h>
#include <string.h>

/* @returns true when the option value @p o is exactly @p value[0..n) (a
 * posted value with a NUL in it is none). Option values are short: no
 * call. */
static inline bool
is_value(const char *o, const char *value, size_t n)
{
    size_t i = 0;

    while (i < n && o[i] != '\0' && o[i] == value[i])
        i++;
    return i == n && o[i] == '\0';
}

/* Index of the option whose value is @p value[0..n), or n_options. */
static size_t
find_option(const struct fb_option_desc *options, size_t n_options,
            const char *value, size_t n)
{
    size_t i;

    /* The first byte rules out most options at once. */
    for (i = 0; i < n_options; i++)
        if (options[i].value && options[i].value[0] == value[0] &&
            is_value(options[i].value, value, n))
            break;
    return i;
}

/* Blank values come from an unchosen select or a hidden "nothing ticked"
 * input; they count as no answer rather than a wrong one. */
static bool
blank(const struct fb_answer *p)
{
    struct fb_span sp = {p->value, p->value_len};

    fb_span_trim_fast(&sp);
    return sp.n == 0;
}

/* The single posted value of @p name[0..len) (hash @p h), UTF-8 checked
 * but not trimmed. */
static enum fb_field_status
one_value(const struct fb_answers *in, const char *name, size_t len,
          uint32_t h, const struct fb_answer **out)
{
    size_t count;
    uint32_t first = fb_answers_findh(in, name, len, h, &count);
    const struct fb_answer *p;

    *out = NULL;
    if (count == 0)
        return FB_FIELD_EMPTY;
    for (uint32_t i = first; i != FB_ANSWERS_NONE;
         i = fb_answers_next(in, i)) {
        p = fb_answers_entry(in, i);
        *out = p;
        if (!fb_utf8_ok(p->value, p->value_len))
            return FB_FIELD_BAD_UTF8;
    }
    p = fb_answers_entry(in, first);
    *out = p;
    if (count > 1)
        return FB_FIELD_INVALID;
    return blank(p) ? FB_FIELD_EMPTY : FB_FIELD_OK;
}

static inline enum fb_field_status
read_choicen(const struct fb_answers *in, const struct fb_name *nm,
             const struct fb_option_desc *options, size_t n_options,
             struct fb_answers *out)
{
    const char *name = nm->s;
    size_t len = nm->n;
    uint32_t h = nm->hash;
    const struct fb_answer *p;
    enum fb_field_status st = one_value(in, name, len, h, &p);

    if (st == FB_FIELD_OK &&
        find_option(options, n_options, p->value, p->value_len) == n_options)
        st = FB_FIELD_INVALID;
    if (st == FB_FIELD_OK &&
        fb_answers_setnnh(out, name, len, h, p->value, p->value_len) != 0)
        st = FB_FIELD_INVALID;
    return fb_field_finishh(out, name, len, h, st);
}

enum fb_field_status
fb_read_choice(const struct fb_answers *in, const char *name,
               const struct fb_option_desc *options, size_t n_options,
               struct fb_answers *out)
{
    struct fb_name nm = fb_name_of(name);

    return read_choicen(in, &nm, options, n_options, out);
}

enum fb_field_status
fb_read_choice_question(const struct fb_question_desc *q,
                        const struct fb_answers *in, struct fb_answers *out,
                        struct fb_read_result *res)
{
    struct fb_name nm = fb_question_name(q);

    (void)res;
    return read_choicen(in, &nm, q->options, q->n_options, out);
}

/* Options a list of ticks fits on the stack for; forms have far fewer. */
#define STACK_OPTIONS 64

static inline enum fb_field_status
read_choicesn(const struct fb_answers *in, const struct fb_name *nm,
              const struct fb_option_desc *options, size_t n_options,
              struct fb_answers *out, size_t *out_count)
{
    const char *name = nm->s;
    size_t name_len = nm->n;
    uint32_t h = nm->hash;
    size_t count, chosen = 0;
    uint32_t first = fb_answers_findh(in, name, name_len, h, &count);
    enum fb_field_status st = FB_FIELD_EMPTY;
    bool stack_ticked[STACK_OPTIONS] = {false}, *ticked = stack_ticked;

    if (out_count)
        *out_count = 0;
    if (count > 0 && n_options > STACK_OPTIONS) {
        ticked = calloc(n_options, sizeof(*ticked));
        if (!ticked)
            st = fb_field_nomem(out);
    }
    for (uint32_t i = first; i != FB_ANSWERS_NONE && st != FB_FIELD_BAD_UTF8;
         i = fb_answers_next(in, i)) {
        const struct fb_answer *p = fb_answers_entry(in, i);
        size_t k;

        if (!fb_utf8_ok(p->value, p->value_len))
            st = FB_FIELD_BAD_UTF8;
        else if (st == FB_FIELD_INVALID || blank(p))
            continue;
        else if ((k = find_option(options, n_options, p->value,
                                  p->value_len)) == n_options)
            st = FB_FIELD_INVALID;
        else
            ticked[k] = true; /* a repeated value is one choice */
    }
    if (st == FB_FIELD_EMPTY) {
        for (size_t k = 0; k < n_options; k++)
            chosen += ticked && ticked[k];
        st = chosen > 0 ? FB_FIELD_OK : FB_FIELD_EMPTY;
    }
    /* In option order; the values belong to the descriptor, not to @p in,
     * so this is safe even when @p in and @p out are the same set. */
    if (st == FB_FIELD_OK) {
        fb_answers_removenh(out, name, name_len, h);
        for (size_t k = 0; k < n_options && st == FB_FIELD_OK; k++)
            if (ticked[k] &&
                fb_answers_addnh(out, name, name_len, h, options[k].value,
                                strlen(options[k].value)) != 0)
                st = FB_FIELD_INVALID;
    }
    if (ticked != stack_ticked)
        free(ticked);
    if (st != FB_FIELD_OK)
        fb_answers_removenh(out, name, name_len, h);
    else if (out_count)
        *out_count = chosen;
    return st;
}

enum fb_field_status
fb_read_choices(const struct fb_answers *in, const char *name,
                const struct fb_option_desc *options, size_t n_options,
                struct fb_answers *out, size_t *out_count)
{
    struct fb_name nm = fb_name_of(name);

    return read_choicesn(in, &nm, options, n_options, out, out_count);
}

enum fb_field_status
fb_read_choices_question(const struct fb_question_desc *q,
                         const struct fb_answers *in, struct fb_answers *out,
                         struct fb_read_result *res)
{
    struct fb_name nm = fb_question_name(q);

    return read_choicesn(in, &nm, q->options, q->n_options, out,
                         &res->count);
}

enum fb_field_status
fb_read_declaration(const struct fb_answers *in, const char *name,
                    struct fb_answers *out)
{
    size_t len = strlen(name);
    const struct fb_answer *p;
    enum fb_field_status st =
        one_value(in, name, len, fb_answers_hash(name, len), &p);

    if (st == FB_FIELD_OK && strcmp(p->value, FB_DECLARATION_VALUE) != 0)
        st = FB_FIELD_INVALID;
    if (st == FB_FIELD_OK &&
        fb_answers_setnn(out, name, len, FB_DECLARATION_VALUE,
                         sizeof FB_DECLARATION_VALUE - 1) != 0)
        st = FB_FIELD_INVALID;
    return fb_field_finish(out, name, len, st);
}

enum fb_field_status
fb_read_declaration_question(const struct fb_question_desc *q,
                             const struct fb_answers *in,
                             struct fb_answers *out,
                             struct fb_read_result *res)
{
    (void)res;
    return fb_read_declaration(in, q->id, out);
}
