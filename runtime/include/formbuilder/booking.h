/* SPDX-License-Identifier: MIT */
/*
 * Booking calendars: the `booking:` of a form (the `booking` parameter of
 * the book-something pattern), lowered by formc into constant data, and
 * the date rules every part of the system shares: which days a calendar
 * offers, and which windows (named sessions or regular slots) a day has.
 *
 * What is pure lives here, in libfbrt: a day is offered by the calendar's
 * rules alone (weekday, closed dates and holidays, lead and horizon from
 * "today"). How many places are left is the store's business: the server
 * counts bookings and unexpired holds and tells the renderers through
 * struct fb_availability; formc's static pages pass none and show every
 * place free.
 *
 * Two question types use a calendar, the form's only one:
 *  - booking_date: a day, stored "YYYY-MM-DD"; the driver refuses a day
 *    the calendar does not offer;
 *  - booking_time: a window of the day chosen on the form's booking_date
 *    question, stored as the window's id ("am", or "09:30" for a slot);
 *    the driver refuses an id the calendar does not have.
 * Places left (full days and windows) are checked by the server when it
 * places the hold, in the store's single-writer transaction.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/form.h"

/* Weekdays as bits of fb_calendar_desc.days: Monday is bit 0. */
enum fb_weekday {
    FB_MONDAY,
    FB_TUESDAY,
    FB_WEDNESDAY,
    FB_THURSDAY,
    FB_FRIDAY,
    FB_SATURDAY,
    FB_SUNDAY
};

/* A bookable window of a day: a named session ("am", "Morning (7am to
 * 12pm)") or one of a calendar's regular slots (id "09:30", label
 * written by the renderer from the start time). */
struct fb_booking_window {
    const char *id;
    struct fb_i18n label;      /* sessions; all NULL for a slot */
    int start;                 /* minutes since midnight */
    int end;                   /* minutes since midnight, after start */
    int capacity;              /* places, at least 1 */
};

/* An optional quota: at most `count` bookings of the calendar per value
 * of the question `per` (its normalised answer, e.g. an address's lines
 * and postcode) made in the `period_days` before a new one. */
struct fb_booking_limit {
    const struct fb_question_desc *per;
    int count;
    int period_days;
};

struct fb_calendar_desc {
    /* Places are shared by every form naming the same calendar; the
     * server refuses to start when two forms describe one differently. */
    const char *name;
    unsigned days;             /* bit (1u << FB_MONDAY) ... offered */
    bool slots;                /* windows are regular slots */
    const struct fb_booking_window *windows; /* in time order */
    size_t n_windows;
    int lead_days;             /* earliest bookable day: today + lead */
    int horizon_days;          /* latest bookable day: today + horizon */
    /* Days never offered: `closed:` plus the `holidays:` list, sorted and
     * without repeats (formc reads the list, so the runtime needs no
     * files). */
    const struct fb_date *closed;
    size_t n_closed;
    const char *holidays;      /* name of the holidays list, or NULL */
    int hold_seconds;          /* how long a chosen place is held */
    const struct fb_booking_limit *limit; /* NULL: no quota */
};

/** @returns the weekday of @p d. */
enum fb_weekday
fb_weekday_of(const struct fb_date *d);

/** @returns true when @p cal offers @p day when today is @p today: an
 *  offered weekday, not closed, between today + lead and today + horizon
 *  inclusive. */
bool
fb_calendar_offers(const struct fb_calendar_desc *cal,
                   const struct fb_date *day, const struct fb_date *today);

/** @returns the window of @p cal with @p id, or NULL. */
const struct fb_booking_window *
fb_calendar_window(const struct fb_calendar_desc *cal, const char *id);

/** @returns the places one day of @p cal has: its windows' capacities
 *  added up. */
int
fb_calendar_day_capacity(const struct fb_calendar_desc *cal);

/** @returns the first day @p cal offers when today is @p today, in
 *  @p out, or false when it offers none between lead and horizon. */
bool
fb_calendar_first_day(const struct fb_calendar_desc *cal,
                      const struct fb_date *today, struct fb_date *out);

/** @returns the first and last days @p cal could offer when today is
 *  @p today (today + lead and today + horizon), in @p out_first and
 *  @p out_last. */
void
fb_calendar_range(const struct fb_calendar_desc *cal,
                  const struct fb_date *today, struct fb_date *out_first,
                  struct fb_date *out_last);

/** Writes the label of window @p win in @p lang into @p buf (@p cap
 *  bytes): a session's own label, or a slot's start time as the
 *  catalogue writes times ("9:30am"). @returns @p buf. */
const char *
fb_booking_window_label(const struct fb_booking_window *win,
                        enum fb_lang lang, char *buf, size_t cap);

/** @returns the question of @p form of type @p type (FB_Q_BOOKING_DATE or
 *  FB_Q_BOOKING_TIME; formc allows one of each), or NULL. */
const struct fb_question_desc *
fb_form_booking_question(const struct fb_form_desc *form, enum fb_qtype type);

/* Places left, as the store counts them. The server fills one for a
 * booking page; NULL in fb_render_ctx (formc's static pages) shows every
 * offered place as free. */
struct fb_availability {
    /* Places left in window @p window (an index into cal->windows) of
     * @p day: capacity less bookings and unexpired holds, never below
     * 0. */
    int (*places_left)(void *cls, const struct fb_date *day, size_t window);
    void *cls;
    /* The month the date page shows (day ignored): the server takes it
     * from the page's ?month=YYYY-MM, defaulting to the month of the
     * first offered day. */
    struct fb_date month;
};
