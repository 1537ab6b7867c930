/* SPDX-License-Identifier: MIT */
/*
 * Readers for dates typed as day, month and year boxes (the GOV.UK Design
 * System date input) and for appointment slots picked from a calendar.
 * A date reports which boxes are empty so the message can name them, and
 * is stored in ISO form ("2024-02-29") under the question's name.
 */
#include "validate-priv.h"

#include <string.h>

#include "formbuilder/messages.h"
#include "formbuilder/qtype.h"

/* The value of 1 to @p max_len ASCII digits, or -1. */
static int
number(struct fb_span sp, size_t max_len)
{
    int v = 0;

    if (sp.n == 0 || sp.n > max_len)
        return -1;
    for (size_t i = 0; i < sp.n; i++) {
        if (sp.s[i] < '0' || sp.s[i] > '9')
            return -1;
        v = v * 10 + (sp.s[i] - '0');
    }
    return v;
}

/* True when @p sp is @p word in any ASCII case. */
static bool
same_word(struct fb_span sp, const char *word)
{
    size_t k;

    if (sp.n != strlen(word))
        return false;
    for (k = 0; k < sp.n && fb_ascii_lower(sp.s[k]) == fb_ascii_lower(word[k]);
         k++)
        ;
    return k == sp.n;
}

/* A month as 1-12 from digits, or its name or short name in any language
 * the catalogue has (fb_month_name(), fb_month_abbr(): "March", "Mar",
 * "Mawrth", "Maw"), in any ASCII case, and "Sept". @returns 0 when it is
 * none of those. */
static int
month(struct fb_span sp)
{
    int m = number(sp, 2);

    if (m >= 0)
        return m >= 1 && m <= 12 ? m : 0;
    if (same_word(sp, "sept"))
        return 9;
    for (int lang = 0; lang < FB_LANG__COUNT; lang++)
        for (m = 1; m <= 12; m++)
            if (same_word(sp, fb_month_name(m, (enum fb_lang)lang))
                || same_word(sp, fb_month_abbr(m, (enum fb_lang)lang)))
                return m;
    return 0;
}

static inline enum fb_field_status
read_daten(const struct fb_answers *in, const struct fb_name *name,
           const struct fb_name *parts, struct fb_answers *out,
           struct fb_date *out_date, unsigned *out_missing)
{
    static const unsigned bits[3] = {FB_PART_DAY, FB_PART_MONTH,
                                     FB_PART_YEAR};
    struct fb_span sp[3] = {{"", 0}, {"", 0}, {"", 0}};
    struct fb_part_names built;
    enum fb_field_status st = FB_FIELD_OK;
    unsigned missing = 0;
    int d, m, y;
    char iso[FB_DATE_ISO_SIZE];

    built.heap = NULL;
    if (!parts) {
        const struct fb_qtype_info *t = fb_qtype(FB_Q_DATE);

        if (!fb_part_names_build(&built, name, t->parts, t->n_parts)) {
            st = fb_field_nomem(out);
            goto done;
        }
        parts = built.names;
    }
    for (int i = 0; i < 3; i++) {
        /* parts is the caller's or the built names: the build's failure
         * jumped to done. */
        /* cppcheck-suppress nullPointerRedundantCheck */
        const struct fb_name *pn = &parts[i];
        enum fb_field_status part =
            fb_field_geth(in, pn->s, pn->n, pn->hash, &sp[i]);

        if (fb_part_status(part, &st))
            missing |= bits[i];
    }
    if (st == FB_FIELD_BAD_UTF8)
        missing = 0;
    else if (missing == (FB_PART_DAY | FB_PART_MONTH | FB_PART_YEAR))
        st = FB_FIELD_EMPTY;
    else if (missing != 0)
        st = FB_FIELD_INVALID;
    if (st == FB_FIELD_OK) {
        d = number(sp[0], 2);
        m = month(sp[1]);
        y = number(sp[2], 4); /* "24" is not 2024: ask for all four */
        if (sp[2].n != 4 || !fb_date_valid(y, m, d)) {
            st = FB_FIELD_INVALID;
        } else {
            struct fb_date date = {.year = y, .month = m, .day = d};
            st = fb_field_storeh(out, name->s, name->n, name->hash,
                                 (struct fb_span){fb_date_iso(&date, iso), 10});
            if (st == FB_FIELD_OK && out_date)
                *out_date = date;
        }
    }
done:
    fb_part_names_done(&built);
    if (out_missing)
        *out_missing = missing;
    if (st != FB_FIELD_OK)
        fb_answers_removenh(out, name->s, name->n, name->hash);
    return st;
}

enum fb_field_status
fb_read_date(const struct fb_answers *in, const char *name,
             struct fb_answers *out, struct fb_date *out_date,
             unsigned *out_missing)
{
    struct fb_name nm = fb_name_of(name);

    return read_daten(in, &nm, NULL, out, out_date, out_missing);
}

enum fb_field_status
fb_read_date_question(const struct fb_question_desc *q,
                      const struct fb_answers *in, struct fb_answers *out,
                      struct fb_read_result *res)
{
    struct fb_name nm = fb_question_name(q);

    return read_daten(in, &nm, q->part_names, out, &res->date,
                      &res->missing);
}

enum fb_field_status
fb_read_slot(const struct fb_answers *in, const char *name,
             struct fb_answers *out)
{
    struct fb_span sp;
    enum fb_field_status st = fb_field_get(in, name, &sp);
    struct fb_span hour, minute;
    char date[11];

    if (st == FB_FIELD_OK) {
        /* "YYYY-MM-DDTHH:MM", nothing more or less. */
        st = FB_FIELD_INVALID;
        if (sp.n == 16 && sp.s[10] == 'T' && sp.s[13] == ':') {
            memcpy(date, sp.s, 10);
            date[10] = '\0';
            hour = (struct fb_span){sp.s + 11, 2};
            minute = (struct fb_span){sp.s + 14, 2};
            if (fb_date_parse_iso(date, NULL) && number(hour, 2) >= 0 &&
                number(hour, 2) <= 23 && number(minute, 2) >= 0 &&
                number(minute, 2) <= 59)
                st = fb_field_store(out, name, sp);
        }
    }
    if (st != FB_FIELD_OK)
        fb_answers_remove(out, name);
    return st;
}

enum fb_field_status
fb_read_booking_date(const struct fb_answers *in, const char *name,
                     struct fb_answers *out, struct fb_date *out_date)
{
    struct fb_span sp;
    enum fb_field_status st = fb_field_get(in, name, &sp);
    char iso[FB_DATE_ISO_SIZE];
    struct fb_date d;

    if (st == FB_FIELD_OK) {
        /* Exactly the value of a day's radio: "YYYY-MM-DD", a real day. */
        st = FB_FIELD_INVALID;
        if (sp.n == 10) {
            memcpy(iso, sp.s, 10);
            iso[10] = '\0';
            if (fb_date_parse_iso(iso, &d)) {
                st = fb_field_store(out, name, sp);
                if (st == FB_FIELD_OK && out_date)
                    *out_date = d;
            }
        }
    }
    if (st != FB_FIELD_OK)
        fb_answers_remove(out, name);
    return st;
}

enum fb_field_status
fb_read_slot_question(const struct fb_question_desc *q,
                      const struct fb_answers *in, struct fb_answers *out,
                      struct fb_read_result *res)
{
    (void)res;
    return fb_read_slot(in, q->id, out);
}

enum fb_field_status
fb_read_booking_date_question(const struct fb_question_desc *q,
                              const struct fb_answers *in,
                              struct fb_answers *out,
                              struct fb_read_result *res)
{
    return fb_read_booking_date(in, q->id, out, &res->date);
}
