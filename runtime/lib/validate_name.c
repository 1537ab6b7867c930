/* SPDX-License-Identifier: MIT */
/*
 * Reader for people's names, in one field ("Full name") or in parts
 * (title, given names, family name) as the GOV.UK Design System names
 * pattern describes. Names are not checked against any idea of what a name
 * looks like; only white space is tidied (runs made one space, so "Ada
 * \t Lovelace" is stored as "Ada Lovelace") and control characters, which
 * no text input can produce, are refused.
 */
#include "validate-priv.h"

#include "formbuilder/qtype.h"

#include <stdlib.h>
#include <string.h>

enum { TITLE, GIVEN, FAMILY, N_PARTS };

static const unsigned part_bits[N_PARTS] = {
    FB_NAME_TITLE, FB_NAME_GIVEN, FB_NAME_FAMILY,
};

/* True when s[0..n) holds a C0 or C1 control or DEL; the white space ones
 * (tab, line breaks) are collapsed before this is asked. */
static bool
has_control(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = fb_utf8_decode(s + i, n - i, &cp);

        if (k == 0 || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
            return true;
        i += k;
    }
    return false;
}

/* Tidies the trimmed @p sp into a new string (*@p out_copy, the caller
 * frees it) and points @p sp at it. */
static enum fb_field_status
tidy(struct fb_answers *out, struct fb_span *sp, char **out_copy)
{
    char *copy = malloc(sp->n + 1);

    *out_copy = copy;
    if (!copy)
        return fb_field_nomem(out);
    sp->n = fb_span_collapse(*sp, copy);
    sp->s = copy;
    return has_control(sp->s, sp->n) ? FB_FIELD_INVALID : FB_FIELD_OK;
}

static enum fb_field_status
read_whole(const struct fb_answers *in, const char *name,
           struct fb_answers *out)
{
    struct fb_span sp;
    enum fb_field_status st = fb_field_get(in, name, &sp);
    char *copy = NULL;

    if (st == FB_FIELD_OK)
        st = tidy(out, &sp, &copy);
    if (st == FB_FIELD_OK)
        st = fb_field_store(out, name, sp);
    free(copy);
    if (st != FB_FIELD_OK)
        fb_answers_remove(out, name);
    return st;
}

/* Removes NAME.title, NAME.given and NAME.family (@p stored: their
 * names). */
static void
remove_parts(struct fb_answers *out, const struct fb_name stored[N_PARTS])
{
    for (int i = 0; i < N_PARTS; i++)
        fb_answers_removenh(out, stored[i].s, stored[i].n, stored[i].hash);
}

/* Replaces the stored parts by the non-empty ones of @p sp. */
static enum fb_field_status
store_parts(struct fb_answers *out, const struct fb_name stored[N_PARTS],
            const struct fb_span sp[N_PARTS])
{
    remove_parts(out, stored);
    for (int i = 0; i < N_PARTS; i++) {
        enum fb_field_status st;

        if (sp[i].n == 0)
            continue; /* an empty or unasked title */
        st = fb_field_storeh(out, stored[i].s, stored[i].n, stored[i].hash,
                             sp[i]);
        if (st != FB_FIELD_OK)
            return st;
    }
    return FB_FIELD_OK;
}

static enum fb_field_status
read_parts(const struct fb_answers *in, const char *name, unsigned mask,
           struct fb_answers *out, unsigned *out_missing)
{
    const struct fb_qtype_info *t = fb_qtype(FB_Q_NAME);
    struct fb_span sp[N_PARTS] = {{"", 0}, {"", 0}, {"", 0}};
    char *copy[N_PARTS] = {NULL, NULL, NULL};
    enum fb_field_status st = FB_FIELD_OK;
    unsigned missing = 0;
    int asked = 0, empty = 0;
    struct fb_name nm = fb_name_of(name);
    struct fb_part_names parts;

    parts.heap = NULL;
    /* "NAME-title" ... as posted, then "NAME.title" ... as stored. */
    if (t->n_parts != N_PARTS ||
        !fb_part_names_build(&parts, &nm, t->parts, t->n_parts)) {
        fb_part_names_done(&parts);
        if (out_missing)
            *out_missing = 0;
        return fb_field_nomem(out);
    }
    for (int i = 0; i < N_PARTS; i++) {
        const struct fb_name *posted = &parts.names[i];
        enum fb_field_status part;

        if (!(mask & part_bits[i]))
            continue;
        asked++;
        part = fb_field_geth(in, posted->s, posted->n, posted->hash, &sp[i]);
        if (part == FB_FIELD_OK)
            part = tidy(out, &sp[i], &copy[i]);
        if (fb_part_status(part, &st)) {
            if (i != TITLE)
                missing |= part_bits[i];
            empty++;
            sp[i].n = 0;
        }
    }
    if (st == FB_FIELD_BAD_UTF8 || empty == asked)
        missing = 0;
    if (empty == asked && st != FB_FIELD_BAD_UTF8)
        st = FB_FIELD_EMPTY;
    else if (missing != 0)
        st = FB_FIELD_INVALID;
    /* The spans point at copies, so storing is safe when @p out is @p in. */
    if (st == FB_FIELD_OK)
        st = store_parts(out, parts.names + N_PARTS, sp);
    for (int i = 0; i < N_PARTS; i++)
        free(copy[i]);
    if (out_missing)
        *out_missing = missing;
    if (st != FB_FIELD_OK)
        remove_parts(out, parts.names + N_PARTS);
    fb_part_names_done(&parts);
    return st;
}

enum fb_field_status
fb_read_name(const struct fb_answers *in, const char *name,
             unsigned parts_mask, struct fb_answers *out,
             unsigned *out_missing)
{
    parts_mask &= FB_NAME_TITLE | FB_NAME_GIVEN | FB_NAME_FAMILY;
    if (parts_mask == 0) {
        if (out_missing)
            *out_missing = 0;
        return read_whole(in, name, out);
    }
    /* Given and family names are what make a name; the title is extra. */
    return read_parts(in, name, parts_mask | FB_NAME_GIVEN | FB_NAME_FAMILY,
                      out, out_missing);
}

enum fb_field_status
fb_read_name_question(const struct fb_question_desc *q,
                      const struct fb_answers *in, struct fb_answers *out,
                      struct fb_read_result *res)
{
    return fb_read_name(in, q->id, q->parts, out, &res->missing);
}
