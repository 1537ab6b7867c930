/* SPDX-License-Identifier: MIT */
/*
 * Reader for answers picked from a long list (countries, schools, wards):
 * the autocomplete question type. Shown as a text input with a <datalist>,
 * which works without JavaScript, the browser posts whatever is in the box:
 * usually an option's label, sometimes text the resident typed in another
 * case or spacing. Shown as a select, it posts an option's value. Either
 * way the answer must be on the list and is stored as the option's value.
 */
#include "validate-priv.h"

#include <string.h>

/* Marks a byte that is not UTF-8 in a label: equal to no typed character,
 * since typed text is checked first. */
#define NOT_A_CHARACTER 0xffffffffu

/* Lower case for the letters of English and Welsh place and people's names:
 * ASCII, Latin-1 and Latin Extended-A (Ŵ, Ŷ, Ł...). Full Unicode case
 * folding would need tables for little gain in UK lists. */
static uint32_t
fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 0x20;
    if (c >= 0xc0 && c <= 0xde && c != 0xd7)
        return c + 0x20;
    if (c < 0x100 || c > 0x17f)
        return c;
    if (c == 0x130)
        return 'i'; /* I with dot above */
    if (c == 0x178)
        return 0xff; /* Y with diaeresis */
    /* Latin Extended-A pairs capitals with the next code point, even
     * capitals in these ranges and odd ones in the others. */
    if ((c <= 0x12f) || (c >= 0x132 && c <= 0x137) ||
        (c >= 0x14a && c <= 0x177))
        return c % 2 == 0 ? c + 1 : c;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
        return c % 2 == 1 ? c + 1 : c;
    return c;
}

/* Walks a string as folded characters with white space trimmed and each
 * run of it made one space. */
struct walk {
    const char *s;
    size_t n, i;
    bool started;
};

/* @returns the next character, or 0 at the end (answers hold no NULs). */
static uint32_t
walk_next(struct walk *w)
{
    bool space = false;
    uint32_t cp;
    size_t k;

    while ((k = fb_utf8_space_at(w->s + w->i, w->n - w->i)) > 0) {
        w->i += k;
        space = true;
    }
    if (w->i >= w->n)
        return 0;
    if (space && w->started)
        return ' '; /* the character after it comes next time */
    w->started = true;
    k = fb_utf8_decode(w->s + w->i, w->n - w->i, &cp);
    if (k == 0) {
        w->i++;
        return NOT_A_CHARACTER;
    }
    w->i += k;
    return fold(cp);
}

/* True when @p label reads as the typed @p sp, ignoring case and spacing.
 * Stops at the first difference, so a long list costs one pass over it. */
static bool
same_text(struct fb_span sp, const char *label)
{
    struct walk a = {sp.s, sp.n, 0, false};
    struct walk b = {label, strlen(label), 0, false};

    for (;;) {
        uint32_t x = walk_next(&a), y = walk_next(&b);

        if (x != y)
            return false;
        if (x == 0)
            return true;
    }
}

/* Index of the option @p sp names by value or label, or n_options. */
static size_t
find_listed(const struct fb_option_desc *options, size_t n_options,
            struct fb_span sp)
{
    for (size_t i = 0; i < n_options; i++)
        if (options[i].value && strlen(options[i].value) == sp.n &&
            memcmp(options[i].value, sp.s, sp.n) == 0)
            return i;
    /* English labels first: a Welsh label equal to another option's
     * English one must not win. */
    for (int lang = FB_LANG_EN; lang < FB_LANG__COUNT; lang++)
        for (size_t i = 0; i < n_options; i++) {
            const char *label = options[i].label.text[lang];

            if (options[i].value && label && same_text(sp, label))
                return i;
        }
    return n_options;
}

enum fb_field_status
fb_read_listed(const struct fb_answers *in, const char *name,
               const struct fb_option_desc *options, size_t n_options,
               struct fb_answers *out)
{
    struct fb_span sp;
    enum fb_field_status st = fb_field_get(in, name, &sp);
    size_t k;

    if (st == FB_FIELD_OK) {
        k = find_listed(options, n_options, sp);
        /* The value belongs to the descriptor, so this is safe when @p in
         * is @p out. */
        if (k == n_options || fb_answers_set(out, name, options[k].value) != 0)
            st = FB_FIELD_INVALID;
    }
    if (st != FB_FIELD_OK)
        fb_answers_remove(out, name);
    return st;
}

enum fb_field_status
fb_read_listed_question(const struct fb_question_desc *q,
                        const struct fb_answers *in, struct fb_answers *out,
                        struct fb_read_result *res)
{
    (void)res;
    return fb_read_listed(in, q->id, q->options, q->n_options, out);
}
