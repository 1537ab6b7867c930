/* SPDX-License-Identifier: MIT */
/*
 * Booking rules over the store, written once for every backend: which
 * places are left (capacity less bookings and unexpired holds), whether
 * a day can be booked (the calendar's rules and the days staff closed),
 * holds (a holder keeps at most one place per calendar; choosing again
 * releases the old one), confirmation with a submission, cancel, change
 * (the booking moves to the holder's new place, the old one freed only
 * then), quotas, and the events each records.
 *
 * Every write below runs on the writer thread inside its transaction
 * (writer.h), so counting and inserting cannot race: capacity and quotas
 * are exact under any number of residents. The month read runs on the
 * polling thread's read handle.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/booking.h"
#include "store.h"

/* Why a booking write said no. */
enum fb_booking_verdict {
    FB_BOOKING_OK,
    FB_BOOKING_NOT_OFFERED, /* not a day or window the calendar offers */
    FB_BOOKING_FULL,        /* no place left in the window */
    FB_BOOKING_QUOTA,       /* the quota key has used its bookings */
    FB_BOOKING_GONE,        /* the hold expired and the place was taken */
    FB_BOOKING_NO_HOLD,     /* nothing held to confirm or move to */
    FB_BOOKING_CANCELLED    /* the booking is cancelled already */
};

/* One booking write: inputs filled by the caller, verdict and place by
 * the rule. Strings are borrowed until the write is done. */
struct fb_booking_write {
    const struct fb_calendar_desc *cal;
    const char *form;
    const char *holder;      /* who holds the place: session and form */
    struct fb_date day;      /* hold: the day chosen */
    const char *window;      /* hold: the window's id */
    const char *quota_key;   /* NULL or "": not known (yet) */
    long long now;           /* from the clock (clock.h) */
    struct fb_date today;
    unsigned char token_hash[FB_PLACE_HASH_LEN]; /* confirm, cancel, move */
    const char *reference;   /* confirm: the submission's */
    enum fb_booking_verdict verdict;           /* out */
    struct fb_place place;                     /* out: the place written */
};

/**
 * Places a hold for w->holder on w->day, w->window, releasing any place
 * the holder held in the calendar. Refuses a day or window not offered,
 * a full window and a used-up quota (w->verdict says which).
 * @returns FB_STORE_OK, FB_STORE_REFUSED or FB_STORE_ERROR.
 */
int
fb_booking_hold(struct fb_store *s, struct fb_booking_write *w);

/**
 * Books w->day, w->window (the submitted answers) for w->reference with
 * manage token hash w->token_hash: w->holder's hold of that place, or,
 * when the hold ran out or was for another choice, the place itself if
 * it is free now; otherwise FB_BOOKING_GONE. The quota is checked again
 * with w->quota_key. Records a "booked" event.
 */
int
fb_booking_confirm(struct fb_store *s, struct fb_booking_write *w);

/**
 * Cancels the booking with manage token hash w->token_hash, freeing its
 * place; a second cancel is FB_BOOKING_CANCELLED and changes nothing.
 * Records a "cancelled" event. FB_STORE_NOT_FOUND for an unknown hash.
 */
int
fb_booking_cancel(struct fb_store *s, struct fb_booking_write *w);

/**
 * Moves the booking with w->token_hash to the place w->holder holds
 * (which must still be free if its hold expired), in one step: the old
 * place is freed only because the new one is taken. FB_BOOKING_NO_HOLD
 * when nothing is held (a change replayed). Records a "changed" event.
 */
int
fb_booking_move(struct fb_store *s, struct fb_booking_write *w);

/**
 * Reads the booking with manage token hash @p hash into @p out, checking
 * the hash in constant time. FB_STORE_NOT_FOUND when there is none.
 */
int
fb_booking_find(struct fb_store *s,
                const unsigned char hash[FB_PLACE_HASH_LEN],
                struct fb_place *out);

/* Places left in each window of each day of one month, read in one
 * query; its places_left() answers struct fb_availability. */
struct fb_booking_month {
    const struct fb_calendar_desc *cal;
    struct fb_date first;     /* day 1 of the month */
    int *taken;               /* [day - 1][window] */
    bool closed[31];          /* closed by staff */
    struct fb_availability availability;
};

/**
 * Reads the counts of @p month (its day is ignored) of @p cal at @p now
 * into @p out and points out->availability at them, showing that month.
 * The place @p holder holds (NULL: none) counts as free: it is theirs to
 * choose again. @returns FB_STORE_OK or FB_STORE_ERROR; free with
 * fb_booking_month_free() either way.
 */
int
fb_booking_month_load(struct fb_store *s, const struct fb_calendar_desc *cal,
                      struct fb_date month, long long now, const char *holder,
                      struct fb_booking_month *out);

/** @returns the places left on @p day in @p m, every window added up. */
int
fb_booking_month_day_left(const struct fb_booking_month *m,
                          const struct fb_date *day);

void
fb_booking_month_free(struct fb_booking_month *m);

/** @returns places left in window @p window of @p day in @p m: capacity
 *  less what is taken, 0 on a day closed by staff; never below 0. */
int
fb_booking_month_left(const struct fb_booking_month *m,
                      const struct fb_date *day, size_t window);

/** @returns the number of days in the month of @p d. */
int
fb_booking_month_days(struct fb_date d);
