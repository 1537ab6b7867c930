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

/* Room for the part names of the type table ("family"). */
#define MAX_SUFFIX 6

/* The part names are the type table's (formbuilder/qtype.h). */
static const char *
part_name(int i)
{
    return fb_qtype(FB_Q_NAME)->parts[i].suffix;
}

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

static void
remove_parts(struct fb_answers *out, const char *name)
{
    for (int i = 0; i < N_PARTS; i++) {
        char *full = fb_field_join(name, '.', part_name(i));

        if (full)
            fb_answers_remove(out, full);
        free(full);
    }
}

/* Replaces the stored parts by the non-empty ones of @p sp. */
static enum fb_field_status
store_parts(struct fb_answers *out, const char *name,
            const struct fb_span sp[N_PARTS])
{
    remove_parts(out, name);
    for (int i = 0; i < N_PARTS; i++) {
        char *full;
        enum fb_field_status st;

        if (sp[i].n == 0)
            continue; /* an empty or unasked title */
        full = fb_field_join(name, '.', part_name(i));
        if (!full)
            return fb_field_nomem(out);
        st = fb_field_store(out, full, sp[i]);
        free(full);
        if (st != FB_FIELD_OK)
            return st;
    }
    return FB_FIELD_OK;
}

static enum fb_field_status
read_parts(const struct fb_answers *in, const char *name, unsigned mask,
           struct fb_answers *out, unsigned *out_missing)
{
    struct fb_span sp[N_PARTS] = {{"", 0}, {"", 0}, {"", 0}};
    char *copy[N_PARTS] = {NULL, NULL, NULL};
    enum fb_field_status st = FB_FIELD_OK;
    unsigned missing = 0;
    int asked = 0, empty = 0;
    struct fb_part_name pn;
    bool named = fb_part_name_init(&pn, name, MAX_SUFFIX);

    for (int i = 0; i < N_PARTS; i++) {
        enum fb_field_status part;

        if (!(mask & part_bits[i]))
            continue;
        asked++;
        part = named && fb_part_name_set(&pn, '-', part_name(i),
                                         strlen(part_name(i)))
                   ? fb_field_getn(in, pn.s, pn.n, &sp[i])
                   : fb_field_nomem(out);
        if (part == FB_FIELD_OK)
            part = tidy(out, &sp[i], &copy[i]);
        if (part == FB_FIELD_EMPTY) {
            if (i != TITLE)
                missing |= part_bits[i];
            empty++;
            sp[i].n = 0;
        } else if (part == FB_FIELD_BAD_UTF8) {
            st = FB_FIELD_BAD_UTF8;
        } else if (part == FB_FIELD_INVALID && st == FB_FIELD_OK) {
            st = FB_FIELD_INVALID;
        }
    }
    fb_part_name_done(&pn);
    if (st == FB_FIELD_BAD_UTF8 || empty == asked)
        missing = 0;
    if (empty == asked && st != FB_FIELD_BAD_UTF8)
        st = FB_FIELD_EMPTY;
    else if (missing != 0)
        st = FB_FIELD_INVALID;
    /* The spans point at copies, so storing is safe when @p out is @p in. */
    if (st == FB_FIELD_OK)
        st = store_parts(out, name, sp);
    for (int i = 0; i < N_PARTS; i++)
        free(copy[i]);
    if (out_missing)
        *out_missing = missing;
    if (st != FB_FIELD_OK)
        remove_parts(out, name);
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
