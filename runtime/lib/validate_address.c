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

/* The part names are the type table's (formbuilder/qtype.h). */
static const char *
part_name(int i)
{
    return fb_qtype(FB_Q_ADDRESS)->parts[i].suffix;
}

/* The missing-part bit of each part; line 2 is optional. */
static const unsigned part_bits[N_PARTS] = {
    FB_PART_LINE1, 0, FB_PART_TOWN, FB_PART_POSTCODE,
};

static void
remove_parts(struct fb_answers *out, const char *name)
{
    for (int i = 0; i < N_PARTS; i++) {
        struct fb_part_name pn;

        if (fb_part_name_make(&pn, name, '.', part_name(i)))
            fb_answers_removen(out, pn.s, pn.n);
        fb_part_name_done(&pn);
    }
}

/* Stores every given part; @returns FB_FIELD_INVALID when out of memory. */
static enum fb_field_status
store_parts(struct fb_answers *out, const char *name,
            const struct fb_span sp[N_PARTS])
{
    for (int i = 0; i < N_PARTS; i++) {
        struct fb_part_name pn;
        enum fb_field_status st = FB_FIELD_INVALID;

        if (sp[i].n == 0)
            continue; /* an empty line 2 is not stored */
        if (fb_part_name_make(&pn, name, '.', part_name(i)))
            st = fb_field_store_part(out, &pn, sp[i]);
        fb_part_name_done(&pn);
        if (st != FB_FIELD_OK)
            return st;
    }
    return FB_FIELD_OK;
}

enum fb_field_status
fb_read_address(const struct fb_answers *in, const char *name,
                struct fb_answers *out, unsigned *out_missing)
{
    struct fb_span sp[N_PARTS];
    enum fb_field_status st = FB_FIELD_OK;
    unsigned missing = 0;
    int empty = 0;
    char postcode[FB_POSTCODE_SIZE];

    for (int i = 0; i < N_PARTS; i++) {
        enum fb_field_status part = fb_field_get_part(in, name,
                                                      part_name(i), &sp[i]);

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
        remove_parts(out, name);
        st = store_parts(out, name, sp);
    }
    if (out_missing)
        *out_missing = missing;
    if (st != FB_FIELD_OK)
        remove_parts(out, name);
    return st;
}
