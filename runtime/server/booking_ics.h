/* SPDX-License-Identifier: MIT */
/*
 * "Add to calendar": a booking as an iCalendar file (RFC 5545): one
 * VEVENT in local time with TZID Europe/London and the VTIMEZONE that
 * defines it, text escaped, lines folded at 75 octets, CRLF endings.
 */
#pragma once

#include <stddef.h>

#include "formbuilder/form.h"

struct fb_ics_event {
    const char *uid;          /* unique and stable: reference@host */
    long long stamp;          /* DTSTAMP, Unix seconds */
    struct fb_date day;
    int start, end;           /* minutes since midnight, local time */
    const char *summary;      /* plain text */
    const char *description;  /* plain text, may have newlines; or NULL */
};

/** @returns the calendar file (caller frees) with its length in
 *  *out_len, or NULL when out of memory. */
char *
fb_ics_write(const struct fb_ics_event *e, size_t *out_len);
