/* SPDX-License-Identifier: MIT */
/*
 * Reader for UK postal addresses typed into the GOV.UK Design System
 * address pattern: two address lines, town and postcode. The parts are
 * stored under dotted names (NAME.line1 ... NAME.postcode) so that the
 * submission nests them; the postcode is normalised as for a postcode
 * question.
 */
#include "validate-priv.h"
#include "answers-priv.h"

#include <string.h>

#include "formbuilder/qtype.h"

enum { LINE1, LINE2, TOWN, POSTCODE, N_PARTS };

/* The part names, from the type table (formbuilder/qtype.h). */
struct suffixes {
    const char *s[N_PARTS];
    size_t n[N_PARTS];
};

static void
get_suffixes(struct suffixes *sx)
{
    const struct fb_part_info *parts = fb_qtype(FB_Q_ADDRESS)->parts;

    for (int i = 0; i < N_PARTS; i++) {
        sx->s[i] = parts[i].suffix;
        sx->n[i] = strlen(parts[i].suffix);
    }
}

/* Room for the part names of the type table ("postcode"); a longer one
 * would only cost a malloc. */
#define MAX_SUFFIX 8

/* The missing-part bit of each part; line 2 is optional. */
static const unsigned part_bits[N_PARTS] = {
    FB_PART_LINE1, 0, FB_PART_TOWN, FB_PART_POSTCODE,
};

/* Removes NAME.line1 ... NAME.postcode (@p pn holds NAME). */
static void
remove_parts(struct fb_answers *out, struct fb_part_name *pn,
             const struct suffixes *sx)
{
    /* Usually there are none: a set of this page's answers. */
    pn->s[pn->stem] = '.';
    if (!fb_answers_may_have_prefix(out, pn->s, pn->stem + 1))
        return;
    for (int i = 0; i < N_PARTS; i++)
        if (fb_part_name_set(pn, '.', sx->s[i], sx->n[i]))
            fb_answers_removen(out, pn->s, pn->n);
}

/* Stores every given part; @returns FB_FIELD_INVALID when out of memory. */
static enum fb_field_status
store_parts(struct fb_answers *out, struct fb_part_name *pn,
            const struct suffixes *sx, const struct fb_span sp[N_PARTS])
{
    for (int i = 0; i < N_PARTS; i++) {
        enum fb_field_status st;

        if (sp[i].n == 0)
            continue; /* an empty line 2 is not stored */
        if (!fb_part_name_set(pn, '.', sx->s[i], sx->n[i]))
            return fb_field_nomem(out);
        st = fb_field_storen(out, pn->s, pn->n, sp[i]);
        if (st != FB_FIELD_OK)
            return st;
    }
    return FB_FIELD_OK;
}

enum fb_field_status
fb_read_addressn(const struct fb_answers *in, const char *name, size_t len,
                 struct fb_answers *out, unsigned *out_missing)
{
    struct fb_span sp[N_PARTS] = {{"", 0}, {"", 0}, {"", 0}, {"", 0}};
    struct fb_part_name pn;
    struct suffixes sx;
    enum fb_field_status st = FB_FIELD_OK;
    unsigned missing = 0;
    int empty = 0;
    char postcode[FB_POSTCODE_SIZE];

    get_suffixes(&sx);
    if (!fb_part_name_initn(&pn, name, len, MAX_SUFFIX)) {
        /* Too long a name to hold, with no memory: nothing is stored
         * under it either. */
        if (out_missing)
            *out_missing = 0;
        return fb_field_nomem(out);
    }
    for (int i = 0; i < N_PARTS; i++) {
        enum fb_field_status part =
            fb_part_name_set(&pn, '-', sx.s[i], sx.n[i])
                ? fb_field_getn(in, pn.s, pn.n, &sp[i])
                : fb_field_nomem(out);

        if (part == FB_FIELD_EMPTY) {
            missing |= part_bits[i];
            empty++;
            sp[i].n = 0;
        } else if (part == FB_FIELD_BAD_UTF8) {
            st = FB_FIELD_BAD_UTF8;
        } else if (part == FB_FIELD_INVALID && st == FB_FIELD_OK) {
            st = FB_FIELD_INVALID;
        }
    }
    if (st == FB_FIELD_BAD_UTF8)
        missing = 0;
    else if (empty == N_PARTS)
        st = FB_FIELD_EMPTY;
    else if (missing != 0)
        st = FB_FIELD_INVALID;
    else if (st == FB_FIELD_OK && !fb_postcode_normalise(sp[POSTCODE],
                                                        postcode))
        st = FB_FIELD_INVALID;
    if (st == FB_FIELD_OK) {
        /* The spans point at the raw NAME-part values, which replacing the
         * dotted NAME.part values leaves alone even when @p out is @p in. */
        sp[POSTCODE] = (struct fb_span){postcode, strlen(postcode)};
        remove_parts(out, &pn, &sx);
        st = store_parts(out, &pn, &sx, sp);
    }
    if (out_missing)
        *out_missing = missing;
    if (st != FB_FIELD_OK)
        remove_parts(out, &pn, &sx);
    fb_part_name_done(&pn);
    return st;
}

enum fb_field_status
fb_read_address(const struct fb_answers *in, const char *name,
                struct fb_answers *out, unsigned *out_missing)
{
    return fb_read_addressn(in, name, strlen(name), out, out_missing);
}
