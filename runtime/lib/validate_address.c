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

#include <stdio.h>
#include <string.h>

#include "formbuilder/qtype.h"

enum { LINE1, LINE2, TOWN, POSTCODE, N_PARTS };

/* The missing-part bit of each part; line 2 is optional. */
static const unsigned part_bits[N_PARTS] = {
    FB_PART_LINE1, 0, FB_PART_TOWN, FB_PART_POSTCODE,
};

/* Removes NAME.line1 ... NAME.postcode (@p stored: their names). */
static void
remove_parts(struct fb_answers *out, const struct fb_name *name,
             const struct fb_name stored[N_PARTS])
{
    /* Usually there are none: a set of this page's answers. */
    if (!fb_answers_may_have_prefix(out, stored[0].s, name->n + 1))
        return;
    for (int i = 0; i < N_PARTS; i++)
        fb_answers_removenh(out, stored[i].s, stored[i].n, stored[i].hash);
}

/* Stores every given part; @returns FB_FIELD_INVALID when out of memory. */
static enum fb_field_status
store_parts(struct fb_answers *out, const struct fb_name stored[N_PARTS],
            const struct fb_span sp[N_PARTS])
{
    for (int i = 0; i < N_PARTS; i++) {
        enum fb_field_status st;

        if (sp[i].n == 0)
            continue; /* an empty line 2 is not stored */
        st = fb_field_storeh(out, stored[i].s, stored[i].n, stored[i].hash,
                             sp[i]);
        if (st != FB_FIELD_OK)
            return st;
    }
    return FB_FIELD_OK;
}

static inline enum fb_field_status
read_addressn(const struct fb_answers *in, const struct fb_name *name,
              const struct fb_name *parts, struct fb_answers *out,
              unsigned *out_missing)
{
    struct fb_span sp[N_PARTS] = {{"", 0}, {"", 0}, {"", 0}, {"", 0}};
    struct fb_part_names built;
    enum fb_field_status st = FB_FIELD_OK;
    unsigned missing = 0;
    int empty = 0;
    char postcode[FB_POSTCODE_SIZE];

    built.heap = NULL;
    if (!parts) {
        const struct fb_qtype_info *t = fb_qtype(FB_Q_ADDRESS);

        if (t->n_parts != N_PARTS ||
            !fb_part_names_build(&built, name, t->parts, t->n_parts)) {
            /* Too long a name to hold, with no memory: nothing is stored
             * under it either. */
            fb_part_names_done(&built);
            if (out_missing)
                *out_missing = 0;
            return fb_field_nomem(out);
        }
        parts = built.names;
    }
    for (int i = 0; i < N_PARTS; i++) {
        enum fb_field_status part = fb_field_geth(in, parts[i].s, parts[i].n,
                                                  parts[i].hash, &sp[i]);

        if (fb_part_status(part, &st)) {
            missing |= part_bits[i];
            empty++;
            sp[i].n = 0;
        }
    }
    if (st == FB_FIELD_BAD_UTF8)
        missing = 0;
    else if (empty == N_PARTS)
        st = FB_FIELD_EMPTY;
    else if (missing != 0 || (st == FB_FIELD_OK &&
                              !fb_postcode_normalise(sp[POSTCODE], postcode)))
        st = FB_FIELD_INVALID;
    if (st == FB_FIELD_OK) {
        /* The spans point at the raw NAME-part values, which replacing the
         * dotted NAME.part values leaves alone even when @p out is @p in. */
        sp[POSTCODE] = (struct fb_span){postcode, strlen(postcode)};
        remove_parts(out, name, parts + N_PARTS);
        st = store_parts(out, parts + N_PARTS, sp);
    }
    if (out_missing)
        *out_missing = missing;
    if (st != FB_FIELD_OK)
        remove_parts(out, name, parts + N_PARTS);
    fb_part_names_done(&built);
    return st;
}

enum fb_field_status
fb_read_address(const struct fb_answers *in, const char *name,
                struct fb_answers *out, unsigned *out_missing)
{
    struct fb_name nm = fb_name_of(name);

    return read_addressn(in, &nm, NULL, out, out_missing);
}

/* A UPRN: 1 to 12 digits. */
static bool
uprn_ok(struct fb_span sp)
{
    if (sp.n == 0 || sp.n > 12)
        return false;
    for (size_t i = 0; i < sp.n; i++)
        if (sp.s[i] < '0' || sp.s[i] > '9')
            return false;
    return true;
}

/* An address found by a lookup keeps the UPRN the server put beside the
 * parts it filled ("ID-uprn"), as "ID.uprn"; an address typed in has
 * none. */
static enum fb_field_status
read_uprn(const struct fb_question_desc *q, const struct fb_answers *in,
          struct fb_answers *out, enum fb_field_status st)
{
    char posted[256], stored[256];
    struct fb_span sp;

    if (snprintf(posted, sizeof posted, "%s-" FB_UPRN_SUFFIX, q->id)
            >= (int)sizeof posted)
        return st;
    snprintf(stored, sizeof stored, "%s." FB_UPRN_SUFFIX, q->id);
    fb_answers_remove(out, stored);
    if (st != FB_FIELD_OK || fb_field_get(in, posted, &sp) != FB_FIELD_OK
        || !uprn_ok(sp))
        return st;
    return fb_field_store(out, stored, sp);
}

enum fb_field_status
fb_read_address_question(const struct fb_question_desc *q,
                         const struct fb_answers *in, struct fb_answers *out,
                         struct fb_read_result *res)
{
    struct fb_name nm = fb_question_name(q);
    enum fb_field_status st = read_addressn(in, &nm, q->part_names, out,
                                            &res->missing);

    return q->address_lookup ? read_uprn(q, in, out, st) : st;
}
