/* SPDX-License-Identifier: MIT */
/*
 * Booking rules on top of the store's row operations. A place is taken
 * while it is booked or held with an expiry still ahead; capacity comes
 * from the calendar descriptor; a day is offered by the calendar's rules
 * (libfbrt) and not closed by staff. Nothing here knows SQL.
 */
#include "booking_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "formbuilder/validate.h"
#include "token.h"

static int
refuse(struct fb_booking_write *w, enum fb_booking_verdict why)
{
    w->verdict = why;
    return FB_STORE_REFUSED;
}

/* Marks a day closed by staff; used with days_closed. */
static void
mark_found(const char *day, void *cls)
{
    (void)day;
    *(bool *)cls = true;
}

/* Whether w->day can be booked today: the calendar offers it and staff
 * have not closed it. @returns FB_STORE_OK or FB_STORE_ERROR. */
static int
day_offered(struct fb_store *s, const struct fb_booking_write *w,
            const struct fb_date *day, bool *out)
{
    *out = false;
    if (!fb_calendar_offers(w->cal, day, &w->today))
        return FB_STORE_OK;
    char iso[FB_DATE_ISO_SIZE];
    fb_date_iso(day, iso);
    bool closed = false;
    if (s->ops->days_closed(s, w->cal->name, iso, iso, mark_found, &closed)
        != FB_STORE_OK)
        return FB_STORE_ERROR;
    *out = !closed;
    return FB_STORE_OK;
}

/* Whether the place (day, window) is offered and has room, with
 * w->verdict saying why not. */
static int
place_free(struct fb_store *s, struct fb_booking_write *w, const char *day,
           const char *window, bool *out)
{
    *out = false;
    struct fb_date d;
    const struct fb_booking_window *win = fb_calendar_window(w->cal, window);
    bool offered = false;
    if (!win || !fb_date_parse_iso(day, &d)) {
        w->verdict = FB_BOOKING_NOT_OFFERED;
        return FB_STORE_OK;
    }
    if (day_offered(s, w, &d, &offered) != FB_STORE_OK)
        return FB_STORE_ERROR;
    if (!offered) {
        w->verdict = FB_BOOKING_NOT_OFFERED;
        return FB_STORE_OK;
    }
    int taken = 0;
    if (s->ops->place_taken(s, w->cal->name, day, window, w->now, &taken)
        != FB_STORE_OK)
        return FB_STORE_ERROR;
    if (taken >= win->capacity) {
        w->verdict = FB_BOOKING_FULL;
        return FB_STORE_OK;
    }
    *out = true;
    return FB_STORE_OK;
}

/* Whether the day of a place still held is offered: staff may have
 * closed it since, or it may have come inside the lead. */
static int
still_offered(struct fb_store *s, const struct fb_booking_write *w,
              const char *day, bool *out)
{
    struct fb_date d;
    *out = false;
    if (!fb_date_parse_iso(day, &d))
        return FB_STORE_OK;
    return day_offered(s, w, &d, out);
}

/* Why a place that is not free is refused at confirmation or move: taken
 * by someone else (the hold ran out), or its day no longer offered. */
static enum fb_booking_verdict
gone(const struct fb_booking_write *w)
{
    return w->verdict == FB_BOOKING_FULL ? FB_BOOKING_GONE : w->verdict;
}

/* Whether the quota key may make one more booking; @p self is a place
 * already counted among its uses (a hold being confirmed), or NULL. */
static int
quota_allows(struct fb_store *s, const struct fb_booking_write *w,
             const struct fb_place *self, bool *out)
{
    *out = true;
    const struct fb_booking_limit *lim = w->cal->limit;
    if (!lim || !w->quota_key || !*w->quota_key)
        return FB_STORE_OK;
    long long since = w->now - (long long)lim->period_days * 86400;
    int used = 0;
    if (s->ops->place_quota_used(s, w->cal->name, w->quota_key, since,
                                 w->now, &used)
        != FB_STORE_OK)
        return FB_STORE_ERROR;
    if (self && self->state == FB_PLACE_HELD && self->expires_at > w->now
        && self->made_at >= since
        && strcmp(self->quota_key, w->quota_key) == 0)
        used--;
    *out = used < lim->count;
    return FB_STORE_OK;
}

static void
copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

/* Places a hold for w->holder. See booking_store.h. */
int
fb_booking_hold(struct fb_store *s, struct fb_booking_write *w)
{
    w->verdict = FB_BOOKING_OK;
    /* Choosing again gives the old place back first, so it does not
     * count against the new choice (the same window chosen again). */
    if (s->ops->place_release(s, w->holder, w->cal->name) != FB_STORE_OK)
        return FB_STORE_ERROR;
    char day[FB_DATE_ISO_SIZE];
    fb_date_iso(&w->day, day);
    bool ok = false;
    if (place_free(s, w, day, w->window, &ok) != FB_STORE_OK)
        return FB_STORE_ERROR;
    if (!ok)
        return FB_STORE_REFUSED;
    if (quota_allows(s, w, NULL, &ok) != FB_STORE_OK)
        return FB_STORE_ERROR;
    if (!ok)
        return refuse(w, FB_BOOKING_QUOTA);
    struct fb_place *p = &w->place;
    memset(p, 0, sizeof *p);
    copy(p->calendar, sizeof p->calendar, w->cal->name);
    copy(p->day, sizeof p->day, day);
    copy(p->window, sizeof p->window, w->window);
    p->state = FB_PLACE_HELD;
    copy(p->form, sizeof p->form, w->form);
    copy(p->holder, sizeof p->holder, w->holder);
    p->expires_at = w->now + w->cal->hold_seconds;
    copy(p->quota_key, sizeof p->quota_key, w->quota_key);
    p->made_at = w->now;
    return s->ops->place_insert(s, p);
}

static int
add_event(struct fb_store *s, const struct fb_booking_write *w,
          enum fb_place_event kind, const char *detail)
{
    char at[FB_CLOCK_ISO_SIZE];
    fb_clock_iso(w->now, at);
    return s->ops->place_event_add(s, w->place.id, w->place.reference, kind,
                                   at, detail);
}

/* Confirms the place w->day, w->window for w->holder. See
 * booking_store.h. */
int
fb_booking_confirm(struct fb_store *s, struct fb_booking_write *w)
{
    w->verdict = FB_BOOKING_OK;
    struct fb_place *p = &w->place;
    char day[FB_DATE_ISO_SIZE];
    fb_date_iso(&w->day, day);
    int rc = s->ops->place_held(s, w->holder, w->cal->name, p);
    if (rc == FB_STORE_ERROR)
        return FB_STORE_ERROR;
    bool held = rc == FB_STORE_OK && p->expires_at > w->now
                && strcmp(p->day, day) == 0
                && strcmp(p->window, w->window) == 0;
    bool ok = true;
    if (held) {
        if (still_offered(s, w, day, &ok) != FB_STORE_OK)
            return FB_STORE_ERROR;
        if (!ok)
            return refuse(w, FB_BOOKING_NOT_OFFERED);
    } else {
        /* The hold ran out (or is for another choice): the place is the
         * resident's only if it is free now, as for a new hold; an
         * expired hold no longer counts as taken. */
        if (s->ops->place_release(s, w->holder, w->cal->name) != FB_STORE_OK
            || place_free(s, w, day, w->window, &ok) != FB_STORE_OK)
            return FB_STORE_ERROR;
        if (!ok)
            return refuse(w, gone(w));
    }
    if (quota_allows(s, w, held ? p : NULL, &ok) != FB_STORE_OK)
        return FB_STORE_ERROR;
    if (!ok)
        return refuse(w, FB_BOOKING_QUOTA);
    if (!held) {
        memset(p, 0, sizeof *p);
        copy(p->calendar, sizeof p->calendar, w->cal->name);
        copy(p->day, sizeof p->day, day);
        copy(p->window, sizeof p->window, w->window);
        copy(p->form, sizeof p->form, w->form);
    }
    p->state = FB_PLACE_BOOKED;
    p->holder[0] = '\0';
    p->expires_at = 0;
    copy(p->reference, sizeof p->reference, w->reference);
    memcpy(p->token_hash, w->token_hash, sizeof p->token_hash);
    p->has_token = true;
    copy(p->quota_key, sizeof p->quota_key, w->quota_key);
    p->made_at = w->now;
    rc = held ? s->ops->place_update(s, p) : s->ops->place_insert(s, p);
    char detail[FB_PLACE_NAME_MAX + 16];
    snprintf(detail, sizeof detail, "%s %s", p->day, p->window);
    if (rc != FB_STORE_OK
        || add_event(s, w, FB_EVENT_BOOKED, detail) != FB_STORE_OK)
        return FB_STORE_ERROR;
    return FB_STORE_OK;
}

/* Reads the booking with hash, compared in constant time. See
 * booking_store.h. */
int
fb_booking_find(struct fb_store *s,
                const unsigned char hash[FB_PLACE_HASH_LEN],
                struct fb_place *out)
{
    int rc = s->ops->place_by_token(s, hash, out);
    if (rc != FB_STORE_OK)
        return rc;
    /* The index found it by equality; the comparison that decides is
     * the constant-time one. */
    if (!out->has_token || !fb_manage_hash_equal(out->token_hash, hash))
        return FB_STORE_NOT_FOUND;
    return FB_STORE_OK;
}

/* Reads the booking w->token_hash names into w->place; a cancelled one
 * is refused (FB_BOOKING_CANCELLED). */
static int
live_booking(struct fb_store *s, struct fb_booking_write *w)
{
    w->verdict = FB_BOOKING_OK;
    int rc = fb_booking_find(s, w->token_hash, &w->place);
    if (rc != FB_STORE_OK)
        return rc;
    if (w->place.state == FB_PLACE_CANCELLED)
        return refuse(w, FB_BOOKING_CANCELLED);
    return FB_STORE_OK;
}

/* Cancels the booking with w->token_hash. See booking_store.h. */
int
fb_booking_cancel(struct fb_store *s, struct fb_booking_write *w)
{
    struct fb_place *p = &w->place;
    int rc = live_booking(s, w);
    if (rc != FB_STORE_OK)
        return rc;
    p->state = FB_PLACE_CANCELLED;
    char detail[FB_PLACE_NAME_MAX + 16];
    snprintf(detail, sizeof detail, "%s %s", p->day, p->window);
    if (s->ops->place_update(s, p) != FB_STORE_OK
        || add_event(s, w, FB_EVENT_CANCELLED, detail) != FB_STORE_OK)
        return FB_STORE_ERROR;
    return FB_STORE_OK;
}

/* Moves the booking with w->token_hash to w->holder's hold. See
 * booking_store.h. */
int
fb_booking_move(struct fb_store *s, struct fb_booking_write *w)
{
    struct fb_place *p = &w->place;
    int rc = live_booking(s, w);
    if (rc != FB_STORE_OK)
        return rc;
    struct fb_place hold;
    rc = s->ops->place_held(s, w->holder, w->cal->name, &hold);
    if (rc == FB_STORE_NOT_FOUND)
        return refuse(w, FB_BOOKING_NO_HOLD);
    if (rc != FB_STORE_OK)
        return FB_STORE_ERROR;
    bool ok = false;
    if (hold.expires_at > w->now) {
        if (still_offered(s, w, hold.day, &ok) != FB_STORE_OK)
            return FB_STORE_ERROR;
        if (!ok)
            return refuse(w, FB_BOOKING_NOT_OFFERED);
    } else {
        if (place_free(s, w, hold.day, hold.window, &ok) != FB_STORE_OK)
            return FB_STORE_ERROR;
        if (!ok)
            return refuse(w, gone(w));
    }
    /* The hold becomes the booking's place: release it, then move the
     * booking there, in the one transaction the writer runs. */
    if (s->ops->place_release(s, w->holder, w->cal->name) != FB_STORE_OK)
        return FB_STORE_ERROR;
    char detail[2 * FB_PLACE_NAME_MAX + 32];
    snprintf(detail, sizeof detail, "%s %s to %s %s", p->day, p->window,
             hold.day, hold.window);
    copy(p->day, sizeof p->day, hold.day);
    copy(p->window, sizeof p->window, hold.window);
    if (s->ops->place_update(s, p) != FB_STORE_OK
        || add_event(s, w, FB_EVENT_CHANGED, detail) != FB_STORE_OK)
        return FB_STORE_ERROR;
    return FB_STORE_OK;
}

/* ---- one month's availability ---- */

/* returns the number of days in the month of d. See booking_store.h. */
int
fb_booking_month_days(struct fb_date d)
{
    int n = 28;
    while (n < 31 && fb_date_valid(d.year, d.month, n + 1))
        n++;
    return n;
}

static void
add_count(const char *day, const char *window, int taken, void *cls)
{
    struct fb_booking_month *m = cls;
    struct fb_date d;
    if (!fb_date_parse_iso(day, &d) || d.month != m->first.month
        || d.year != m->first.year)
        return;
    for (size_t i = 0; i < m->cal->n_windows; i++)
        if (strcmp(m->cal->windows[i].id, window) == 0)
            m->taken[(size_t)(d.day - 1) * m->cal->n_windows + i] += taken;
}

static void
add_closed(const char *day, void *cls)
{
    struct fb_booking_month *m = cls;
    struct fb_date d;
    if (fb_date_parse_iso(day, &d) && d.month == m->first.month
        && d.year == m->first.year)
        m->closed[d.day - 1] = true;
}

/* The availability callback renderers call. */
static int
places_left(void *cls, const struct fb_date *day, size_t window)
{
    return fb_booking_month_left(cls, day, window);
}

/* returns places left in a window of a day. See booking_store.h. */
int
fb_booking_month_left(const struct fb_booking_month *m,
                      const struct fb_date *day, size_t window)
{
    if (window >= m->cal->n_windows || day->year != m->first.year
        || day->month != m->first.month || day->day < 1 || day->day > 31
        || !m->taken || m->closed[day->day - 1])
        return 0;
    int left = m->cal->windows[window].capacity
               - m->taken[(size_t)(day->day - 1) * m->cal->n_windows
                          + window];
    return left > 0 ? left : 0;
}

/* Reads one month's counts. See booking_store.h. */
int
fb_booking_month_load(struct fb_store *s, const struct fb_calendar_desc *cal,
                      struct fb_date month, long long now, const char *holder,
                      struct fb_booking_month *out)
{
    memset(out, 0, sizeof *out);
    out->cal = cal;
    out->first = (struct fb_date){ month.year, month.month, 1 };
    out->availability = (struct fb_availability){
        .places_left = places_left, .cls = out, .month = out->first };
    size_t n = 31 * (cal->n_windows ? cal->n_windows : 1);
    out->taken = calloc(n, sizeof *out->taken);
    if (!out->taken)
        return FB_STORE_ERROR;
    struct fb_date last = out->first;
    last.day = fb_booking_month_days(month);
    char a[FB_DATE_ISO_SIZE], b[FB_DATE_ISO_SIZE];
    fb_date_iso(&out->first, a);
    fb_date_iso(&last, b);
    if (s->ops->place_taken_days(s, cal->name, a, b, now, add_count, out)
            != FB_STORE_OK
        || s->ops->days_closed(s, cal->name, a, b, add_closed, out)
               != FB_STORE_OK)
        return FB_STORE_ERROR;
    /* The holder's own place is theirs to choose again. */
    struct fb_place own;
    int rc = holder ? s->ops->place_held(s, holder, cal->name, &own)
                    : FB_STORE_NOT_FOUND;
    if (rc == FB_STORE_ERROR)
        return FB_STORE_ERROR;
    if (rc == FB_STORE_OK && own.expires_at > now)
        add_count(own.day, own.window, -1, out);
    return FB_STORE_OK;
}

void
fb_booking_month_free(struct fb_booking_month *m)
{
    free(m->taken);
    m->taken = NULL;
}

/* returns the places left on a day. See booking_store.h. */
int
fb_booking_month_day_left(const struct fb_booking_month *m,
                          const struct fb_date *day)
{
    int left = 0;
    for (size_t i = 0; i < m->cal->n_windows; i++)
        left += fb_booking_month_left(m, day, i);
    return left;
}
