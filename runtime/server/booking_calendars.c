/* SPDX-License-Identifier: MIT */
/*
 * Comparing two descriptions of one calendar, field by field, so the
 * message can say what differs.
 */
#include "booking_calendars.h"

#include <stdio.h>
#include <string.h>

#include "formbuilder/booking.h"
#include "formbuilder/validate.h"

static bool
same_window(const struct fb_booking_window *a,
            const struct fb_booking_window *b)
{
    return strcmp(a->id, b->id) == 0 && a->start == b->start
           && a->end == b->end && a->capacity == b->capacity;
}

/* @returns what differs between @p a and @p b, or NULL. */
static const char *
difference(const struct fb_calendar_desc *a, const struct fb_calendar_desc *b)
{
    if (a->days != b->days)
        return "days";
    if (a->slots != b->slots || a->n_windows != b->n_windows)
        return "sessions or slots";
    for (size_t i = 0; i < a->n_windows; i++)
        if (!same_window(&a->windows[i], &b->windows[i]))
            return "sessions or slots";
    if (a->lead_days != b->lead_days)
        return "lead";
    if (a->horizon_days != b->horizon_days)
        return "horizon";
    if (a->n_closed != b->n_closed)
        return "closed days or holidays";
    for (size_t i = 0; i < a->n_closed; i++)
        if (fb_date_cmp(&a->closed[i], &b->closed[i]) != 0)
            return "closed days or holidays";
    if (a->hold_seconds != b->hold_seconds)
        return "hold";
    if (!a->limit != !b->limit
        || (a->limit
            && (a->limit->count != b->limit->count
                || a->limit->period_days != b->limit->period_days
                || strcmp(a->limit->per->id, b->limit->per->id) != 0)))
        return "limit";
    return NULL;
}

/* Checks that each calendar name is described one way. See
 * booking_calendars.h. */
int
fb_booking_calendars_check(const struct fb_form_desc *const *forms,
                           size_t n_forms, char *err, size_t errlen)
{
    for (size_t i = 0; i < n_forms; i++) {
        const struct fb_calendar_desc *a = forms[i]->booking;
        for (size_t k = 0; a && k < i; k++) {
            const struct fb_calendar_desc *b = forms[k]->booking;
            if (!b || b == a || strcmp(a->name, b->name) != 0)
                continue;
            const char *what = difference(a, b);
            if (what) {
                snprintf(err, errlen, "forms %s and %s both book in "
                         "calendar '%s' but describe its %s differently; "
                         "places are shared, so give them the same "
                         "booking: or different calendar names",
                         forms[k]->slug, forms[i]->slug, a->name, what);
                return -1;
            }
        }
    }
    return 0;
}
