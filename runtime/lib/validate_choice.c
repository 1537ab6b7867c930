/* SPDX-License-Identifier: MIT */
/*
 * Readers for questions with fixed answers: radios, selects and yes/no
 * (one option), checkboxes (any options) and declarations (one box).
 * Option values are machine values written by the form's author, so a
 * posted value must equal one exactly; anything else was not offered and
 * is never stored.
 */
#include "validate-priv.h"

#include <stdlib.h>
#include <string.h>

/* Index of the option whose value is @p value, or n_options. */
static size_t
find_option(const struct fb_option_desc *options, size_t n_options,
            const char *value)
{
    size_t i;

    for (i = 0; i < n_options; i++)
        if (options[i].value && strcmp(options[i].value, value) == 0)
            break;
    return i;
}

/* Blank values come from an unchosen select or a hidden "nothing ticked"
 * input; they count as no answer rather than a wrong one. */
static bool
blank(const char *value)
{
    struct fb_span sp = {value, strlen(value)};

    fb_span_trim(&sp);
    return sp.n == 0;
}

/* The single posted value of @p name, UTF-8 checked but not trimmed. */
static enum fb_field_status
one_value(const struct fb_answers *in, const char *name, const char **out)
{
    size_t count = fb_answers_count(in, name);

    *out = NULL;
    if (count == 0)
        return FB_FIELD_EMPTY;
    for (size_t i = 0; i < count; i++) {
        *out = fb_answers_get_nth(in, name, i);
        if (!fb_utf8_valid(*out, strlen(*out)))
            return FB_FIELD_BAD_UTF8;
    }
    *out = fb_answers_get(in, name);
    if (count > 1)
        return FB_FIELD_INVALID;
    return blank(*out) ? FB_FIELD_EMPTY : FB_FIELD_OK;
}

enum fb_field_status
fb_read_choice(const struct fb_answers *in, const char *name,
               const struct fb_option_desc *options, size_t n_options,
               struct fb_answers *out)
{
    const char *value;
    enum fb_field_status st = one_value(in, name, &value);

    if (st == FB_FIELD_OK && find_option(options, n_options, value) ==
                                 n_options)
        st = FB_FIELD_INVALID;
    if (st == FB_FIELD_OK && fb_answers_set(out, name, value) != 0)
        st = FB_FIELD_INVALID;
    if (st != FB_FIELD_OK)
        fb_answers_remove(out, name);
    return st;
}

enum fb_field_status
fb_read_choices(const struct fb_answers *in, const char *name,
                const struct fb_option_desc *options, size_t n_options,
                struct fb_answers *out, size_t *out_count)
{
    size_t count = fb_answers_count(in, name), chosen = 0;
    enum fb_field_status st = FB_FIELD_EMPTY;
    bool *ticked = NULL;

    if (out_count)
        *out_count = 0;
    if (count > 0 && n_options > 0) {
        ticked = calloc(n_options, sizeof(*ticked));
        if (!ticked)
            st = FB_FIELD_INVALID;
    }
    for (size_t i = 0; i < count && st != FB_FIELD_BAD_UTF8; i++) {
        const char *value = fb_answers_get_nth(in, name, i);
        size_t k;

        if (!fb_utf8_valid(value, strlen(value)))
            st = FB_FIELD_BAD_UTF8;
        else if (st == FB_FIELD_INVALID || blank(value))
            continue;
        else if ((k = find_option(options, n_options, value)) == n_options)
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
        fb_answers_remove(out, name);
        for (size_t k = 0; k < n_options && st == FB_FIELD_OK; k++)
            if (ticked[k] && fb_answers_add(out, name, options[k].value) != 0)
                st = FB_FIELD_INVALID;
    }
    free(ticked);
    if (st != FB_FIELD_OK)
        fb_answers_remove(out, name);
    else if (out_count)
        *out_count = chosen;
    return st;
}

enum fb_field_status
fb_read_declaration(const struct fb_answers *in, const char *name,
                    struct fb_answers *out)
{
    const char *value;
    enum fb_field_status st = one_value(in, name, &value);

    if (st == FB_FIELD_OK && strcmp(value, "confirmed") != 0)
        st = FB_FIELD_INVALID;
    if (st == FB_FIELD_OK && fb_answers_set(out, name, "confirmed") != 0)
        st = FB_FIELD_INVALID;
    if (st != FB_FIELD_OK)
        fb_answers_remove(out, name);
    return st;
}
