/* SPDX-License-Identifier: MIT */
/*
 * Booking calendars (formbuilder/booking.h): which days a calendar offers
 * on a given "today" and what its windows are called. Pure rules from the
 * descriptor only; places left are the store's (struct fb_availability).
 * The driver, the booking renderers, formc's sample answers and the server
 * all ask here, so "offered" means one thing everywhere.
 */
#include "formbuilder/booking.h"

#include <stdio.h>
#include <string.h>

#include "formbuilder/messages.h"
#include "formbuilder/validate.h"

enum fb_weekday
fb_weekday_of(const struct fb_date *d)
{
    /* Sakamoto's method for the Gregorian calendar: 0 is Sunday. */
    static const int month_offset[12] = {0, 3, 2, 5, 0, 3,
                                         5, 1, 4, 6, 2, 4};
    int m = d->month >= 1 && d->month <= 12 ? d->month : 1;
    long y = d->year - (m < 3);
    long sunday0 = (y + y / 4 - y / 100 + y / 400 + month_offset[m - 1] +
                    d->day) % 7;

    if (sunday0 < 0)
        sunday0 += 7;
    return (enum fb_weekday)((sunday0 + 6) % 7);
}

/* @returns true when @p day is one of the calendar's closed days (a
 * sorted array: binary search, holidays lists run to dozens). */
static bool
closed(const struct fb_calendar_desc *cal, const struct fb_date *day)
{
    size_t lo = 0, hi = cal->n_closed;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = fb_date_cmp(&cal->closed[mid], day);
        if (cmp == 0)
            return true;
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

void
fb_calendar_range(const struct fb_calendar_desc *cal,
                  const struct fb_date *today, struct fb_date *out_first,
                  struct fb_date *out_last)
{
    *out_first = fb_date_add_days(*today, cal->lead_days);
    *out_last = fb_date_add_days(*today, cal->horizon_days);
}

bool
fb_calendar_offers(const struct fb_calendar_desc *cal,
                   const struct fb_date *day, const struct fb_date *today)
{
    struct fb_date first, last;

    if (!cal || !day || !today ||
        !fb_date_valid(day->year, day->month, day->day))
        return false;
    fb_calendar_range(cal, today, &first, &last);
    if (fb_date_cmp(day, &first) < 0 || fb_date_cmp(day, &last) > 0)
        return false;
    if (!((cal->days >> fb_weekday_of(day)) & 1u))
        return false;
    return !closed(cal, day);
}

bool
fb_calendar_first_day(const struct fb_calendar_desc *cal,
                      const struct fb_date *today, struct fb_date *out)
{
    struct fb_date first, last;

    fb_calendar_range(cal, today, &first, &last);
    for (struct fb_date d = first; fb_date_cmp(&d, &last) <= 0;
         d = fb_date_add_days(d, 1))
        if (fb_calendar_offers(cal, &d, today)) {
            *out = d;
            return true;
        }
    return false;
}

const struct fb_booking_window *
fb_calendar_window(const struct fb_calendar_desc *cal, const char *id)
{
    if (!cal || !id)
        return NULL;
    for (size_t i = 0; i < cal->n_windows; i++)
        if (strcmp(cal->windows[i].id, id) == 0)
            return &cal->windows[i];
    return NULL;
}

int
fb_calendar_day_capacity(const struct fb_calendar_desc *cal)
{
    int places = 0;

    for (size_t i = 0; cal && i < cal->n_windows; i++)
        places += cal->windows[i].capacity;
    return places;
}

const char *
fb_booking_window_label(const struct fb_booking_window *win,
                        enum fb_lang lang, char *buf, size_t cap)
{
    if (fb_i18n_present(&win->label)) {
        snprintf(buf, cap, "%s", fb_i18n_get(&win->label, lang));
        return buf;
    }
    return fb_time_format(win->start, lang, buf, cap);
}

const struct fb_question_desc *
fb_form_booking_question(const struct fb_form_desc *form, enum fb_qtype type)
{
    for (size_t i = 0; form && i < form->n_questions; i++)
        if (form->questions[i]->type == type)
            return form->questions[i];
    return NULL;
}
