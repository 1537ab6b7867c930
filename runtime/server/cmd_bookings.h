/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder bookings`: staff's view of a calendar. Lists its bookings
 * (reference, date, window, state, form, quota key) as CSV or JSON, all
 * of them or one day's; with --close DAY closes that day to new bookings
 * and lists the bookings already on it, which staff must follow up.
 */
#pragma once

#include <stdio.h>

#include "formbuilder/form.h"
#include "store.h"

struct fb_bookings_args {
    const char *calendar;      /* required */
    const char *date;          /* list one day, or NULL */
    const char *close;         /* day to close, or NULL */
    const char *format;        /* "csv" (default) or "json" */
};

/**
 * Runs the command over @p store for the calendars of @p forms.
 * @returns the exit status: 0, 1 when the store fails, 2 for a usage
 * error (an unknown calendar, a malformed day or format), with the
 * reason on stderr.
 */
int
fb_cmd_bookings(const struct fb_bookings_args *a, struct fb_store *store,
                const struct fb_form_desc *const *forms, size_t n_forms,
                FILE *out);
