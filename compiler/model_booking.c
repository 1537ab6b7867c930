/* SPDX-License-Identifier: MIT */
/*
 * The `booking:` of a form (the `booking` parameter of the book-something
 * pattern, or written directly): a calendar's name, weekdays, windows
 * (named sessions, or regular slots expanded here into windows "HH:MM"),
 * lead and horizon, closed days, a shared holidays list
 * (patterns/holidays/NAME.yaml, found by find_shared.c and merged into
 * the closed days), the hold and an optional quota. Every mistake is
 * reported where it is written; the checks resolve `limit.per`.
 */
#include "model_priv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "find_shared.h"
#include "formbuilder/booking.h"
#include "formbuilder/validate.h"

/* Places in one window, at most: a day of a calendar, not a stadium. */
#define MAX_CAPACITY 10000
/* Days ahead a calendar may offer: the holiday lists run three years. */
#define MAX_HORIZON_DAYS (3L * 365)
#define MAX_HOLD_SECONDS (24L * 3600)
#define DEFAULT_HOLD_SECONDS (15L * 60)
#define MAX_WINDOWS 288        /* five-minute slots all day */
#define MAX_NAME 64
#define MAX_HOLIDAY_NAMES 64

enum {
    B_CALENDAR, B_DAYS, B_SESSIONS, B_SLOTS, B_LEAD, B_HORIZON, B_CLOSED,
    B_HOLIDAYS, B_HOLD, B_LIMIT, B__COUNT
};
static const char *const booking_keys[B__COUNT] = {
    "calendar", "days", "sessions", "slots", "lead", "horizon", "closed",
    "holidays", "hold", "limit",
};

/* ---- values -------------------------------------------------------------- */

/* A file-like name: [a-z0-9][a-z0-9-]*, at most MAX_NAME characters. */
static bool
name_ok(const char *s)
{
    if (strlen(s) > MAX_NAME || !((*s >= 'a' && *s <= 'z') ||
                                  (*s >= '0' && *s <= '9')))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '-'))
            return false;
    return true;
}

/* A duration unit and how many of the kind it counts: days or seconds. */
static const struct {
    char unit;
    bool days;
    long size;
} units[] = {
    {'m', false, 60}, {'h', false, 3600},
    {'d', true, 1},   {'w', true, 7},   {'y', true, 365},
};

/*
 * Reads duration @p n ("3d", "15m") of key @p key: a whole number and a
 * unit. @p in_days: lead, horizon and period (d, w, y), counted in days;
 * else minutes or hours, counted in seconds. @returns false after
 * reporting "booking-bad-duration".
 */
static bool
duration(struct fb_compiler *c, const struct fb_node *n, const char *key,
         bool in_days, long *out)
{
    const char *kinds = in_days ? "days, weeks or years, such as 3d, 8w or "
                                  "1y"
                                : "minutes or hours, such as 15m or 1h";
    const char *s = fb_model_string(c, n, key);
    char *end;
    long v;

    if (!s)
        return false;
    v = strtol(s, &end, 10);
    if (end == s || s[0] < '0' || s[0] > '9' || end[0] == '\0' ||
        end[1] != '\0' || v > 100000) {
        fb_diag(c, FB_ERROR, &n->loc, "booking-bad-duration",
                "'%s' is a whole number and a unit (m minutes, h hours, d "
                "days, w weeks, y years): write %s, not '%s'", key, kinds,
                s);
        return false;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (units[i].unit != end[0])
            continue;
        if (units[i].days != in_days) {
            fb_diag(c, FB_ERROR, &n->loc, "booking-bad-duration",
                    "'%s' is counted in %s; write %s, not '%s'", key,
                    in_days ? "days" : "minutes or hours", kinds, s);
            return false;
        }
        *out = v * units[i].size;
        return true;
    }
    fb_diag(c, FB_ERROR, &n->loc, "booking-bad-duration",
            "'%c' is not a unit of time; '%s' is %s", end[0], key, kinds);
    return false;
}

/* Reads a time of day "HH:MM" (24-hour) into minutes since midnight.
 * @returns false after reporting "booking-bad-time". */
static bool
time_of_day(struct fb_compiler *c, const struct fb_node *n, const char *key,
            int *out)
{
    const char *s = fb_model_string(c, n, key);
    if (!s)
        return false;
    if (!fb_time_parse_hhmm(s, out) || strlen(s) != 5) {
        fb_diag(c, FB_ERROR, &n->loc, "booking-bad-time",
                "'%s' is a time of day on the 24-hour clock, written "
                "\"HH:MM\" such as \"09:30\" or \"17:00\", not '%s'", key, s);
        return false;
    }
    return true;
}

static bool
capacity(struct fb_compiler *c, const struct fb_node *n, int *out)
{
    long v;
    if (!fb_model_whole(c, n, "capacity", &v))
        return false;
    if (v < 1 || v > MAX_CAPACITY) {
        fb_diag(c, FB_ERROR, &n->loc, "booking-bad-capacity",
                "'capacity' is how many places a window has: from 1 to %d, "
                "not %ld", MAX_CAPACITY, v);
        return false;
    }
    *out = (int)v;
    return true;
}

/* ---- days ---------------------------------------------------------------- */

static const char *const weekdays[7] = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
};

static void
read_days(struct fb_compiler *c, struct fb_booking *b,
          const struct fb_node *n)
{
    if (!fb_model_list(c, n, "'days'"))
        return;
    for (size_t i = 0; i < n->n_items; i++) {
        const char *s = fb_model_string(c, n->items[i], "days");
        size_t d = 0;
        if (!s)
            continue;
        while (d < 7 && strcmp(s, weekdays[d]) != 0)
            d++;
        if (d < 7) {
            b->days |= 1u << d;
            continue;
        }
        /* "Monday", "tues": the first three letters say which. */
        const char *near = fb_closest(s, weekdays, 7);
        for (size_t k = 0; !near && k < 7; k++)
            if (strncasecmp(s, weekdays[k], 3) == 0)
                near = weekdays[k];
        fb_diag(c, FB_ERROR, &n->items[i]->loc, "booking-bad-weekday",
                "'%s' is not a weekday; write mon, tue, wed, thu, fri, sat "
                "or sun%s%s%s", s, near ? " (did you mean '" : "",
                near ? near : "", near ? "'?)" : "");
    }
    if (n->n_items == 0)
        fb_diag(c, FB_ERROR, &n->loc, "booking-no-days",
                "'days' lists the weekdays the calendar is open, such as "
                "[mon, tue, wed, thu, fri]; it needs at least one");
}

/* ---- windows ------------------------------------------------------------- */

enum { S_ID, S_LABEL, S_START, S_END, S_CAPACITY, S__COUNT };
static const char *const session_keys[S__COUNT] = {
    "id", "label", "start", "end", "capacity",
};

/* Reads session @p n into @p w. @returns false after reporting. */
static bool
read_session(struct fb_compiler *c, const struct fb_node *n,
             struct fb_window *w)
{
    if (!fb_model_mapping(c, n, "each session"))
        return false;
    const struct fb_keyset ks = {"a session", session_keys, S__COUNT};
    const struct fb_node *k[S__COUNT], *v[S__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    bool ok = true;

    memset(w, 0, sizeof *w);
    w->loc = n->loc;
    for (unsigned i = 0; i < S__COUNT; i++)
        ok = fb_model_need(c, n, v[i], "a session", session_keys[i], sugg,
                           i) && ok;
    if (v[S_ID])
        ok = (w->id = fb_model_id(c, v[S_ID], "session")) != NULL && ok;
    if (v[S_LABEL])
        ok = fb_model_text(c, v[S_LABEL], "label", &w->label) && ok;
    if (v[S_START])
        ok = time_of_day(c, v[S_START], "start", &w->start) && ok;
    if (v[S_END])
        ok = time_of_day(c, v[S_END], "end", &w->end) && ok;
    if (v[S_CAPACITY])
        ok = capacity(c, v[S_CAPACITY], &w->capacity) && ok;
    if (ok && w->end <= w->start) {
        fb_diag(c, FB_ERROR, &v[S_END]->loc, "booking-time-order",
                "session '%s' must end after it starts; its 'end' is not "
                "after its 'start'", w->id);
        ok = false;
    }
    return ok;
}

static int
compare_windows(const void *pa, const void *pb)
{
    const struct fb_window *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->loc.line < b->loc.line ? -1 : a->loc.line > b->loc.line;
}

static void
read_sessions(struct fb_compiler *c, struct fb_booking *b,
              const struct fb_node *n)
{
    if (!fb_model_list(c, n, "'sessions'"))
        return;
    b->windows = fb_arena_alloc(&c->arena, (n->n_items + 1) *
                                               sizeof *b->windows);
    for (size_t i = 0; i < n->n_items; i++) {
        struct fb_window *w = &b->windows[b->n_windows];
        if (!read_session(c, n->items[i], w))
            continue;
        bool twice = false;
        for (size_t k = 0; k < b->n_windows && !twice; k++)
            if (strcmp(b->windows[k].id, w->id) == 0) {
                fb_diag(c, FB_ERROR, &n->items[i]->loc, "duplicate-session",
                        "session id '%s' is used twice (first on line %u); "
                        "each session needs its own id", w->id,
                        b->windows[k].loc.line);
                twice = true;
            }
        if (!twice)
            b->n_windows++;
    }
    qsort(b->windows, b->n_windows, sizeof *b->windows, compare_windows);
    if (n->n_items == 0)
        fb_diag(c, FB_ERROR, &n->loc, "booking-no-windows",
                "'sessions' needs at least one session: {id, label, start, "
                "end, capacity}");
}

enum { L_FROM, L_TO, L_EVERY, L_CAPACITY, L__COUNT };
static const char *const slot_keys[L__COUNT] = {
    "from", "to", "every", "capacity",
};

/* Expands `slots: {from, to, every, capacity}` into windows "HH:MM", one
 * every `every` from `from`, the last ending at `to`. */
static void
read_slots(struct fb_compiler *c, struct fb_booking *b,
           const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "'slots'"))
        return;
    const struct fb_keyset ks = {"'slots'", slot_keys, L__COUNT};
    const struct fb_node *k[L__COUNT], *v[L__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    int from = 0, to = 0, cap = 0;
    long every = 0;
    bool ok = true;

    b->slots = true;
    for (unsigned i = 0; i < L__COUNT; i++)
        ok = fb_model_need(c, n, v[i], "'slots'", slot_keys[i], sugg, i) &&
             ok;
    if (v[L_FROM])
        ok = time_of_day(c, v[L_FROM], "from", &from) && ok;
    if (v[L_TO])
        ok = time_of_day(c, v[L_TO], "to", &to) && ok;
    if (v[L_EVERY])
        ok = duration(c, v[L_EVERY], "every", false, &every) && ok;
    if (v[L_CAPACITY])
        ok = capacity(c, v[L_CAPACITY], &cap) && ok;
    if (!ok)
        return;
    every /= 60;
    if (to <= from) {
        fb_diag(c, FB_ERROR, &v[L_TO]->loc, "booking-time-order",
                "the slots must end after they start; 'to' is not after "
                "'from'");
        return;
    }
    if (every < 5 || (to - from) % every != 0) {
        fb_diag(c, FB_ERROR, &v[L_EVERY]->loc, "booking-slots-uneven",
                "slots every %ld minutes do not fill the %d minutes from "
                "'from' to 'to' exactly; choose an 'every' of at least 5 "
                "minutes that divides %d, or move 'to'", every, to - from,
                to - from);
        return;
    }
    size_t count = (size_t)((to - from) / every);
    if (count > MAX_WINDOWS) {
        fb_diag(c, FB_ERROR, &v[L_EVERY]->loc, "booking-slots-uneven",
                "that makes %zu slots a day; a calendar has at most %d",
                count, MAX_WINDOWS);
        return;
    }
    b->windows = fb_arena_alloc(&c->arena, count * sizeof *b->windows);
    for (size_t i = 0; i < count; i++) {
        struct fb_window *w = &b->windows[i];
        w->start = from + (int)(i * (size_t)every);
        w->end = w->start + (int)every;
        w->capacity = cap;
        w->loc = n->loc;
        w->id = fb_arena_printf(&c->arena, "%02d:%02d", w->start / 60,
                                w->start % 60);
    }
    b->n_windows = count;
}

/* ---- closed days and holidays ------------------------------------------ */

/* Appends @p d to b->closed (room was made by the caller). */
static void
close_day(struct fb_booking *b, struct fb_date d)
{
    b->closed[b->n_closed++] = d;
}

static bool
read_date(struct fb_compiler *c, const struct fb_node *n, const char *key,
          struct fb_date *out)
{
    const char *s = fb_model_string(c, n, key);
    if (!s)
        return false;
    if (!fb_date_parse_iso(s, out)) {
        fb_diag(c, FB_ERROR, &n->loc, "booking-bad-date",
                "'%s' is not a real date; write dates as YYYY-MM-DD, such "
                "as 2026-12-24", s);
        return false;
    }
    return true;
}

enum { H_TITLE, H_DAYS, H__COUNT };
static const char *const holiday_keys[H__COUNT] = {"title", "days"};
enum { D_DATE, D_NAME, D__COUNT };
static const char *const day_keys[D__COUNT] = {"date", "name"};

/* Reads the loaded holidays file @p root into b->closed (room for
 * @p room more days is made here). */
static void
read_holiday_file(struct fb_compiler *c, struct fb_booking *b,
                  const struct fb_node *root)
{
    if (!fb_model_mapping(c, root, "a holidays file"))
        return;
    const struct fb_keyset ks = {"a holidays file", holiday_keys, H__COUNT};
    const struct fb_node *k[H__COUNT], *v[H__COUNT];
    unsigned long sugg = fb_model_keys(c, root, &ks, k, v, NULL);
    struct fb_text title;
    if (v[H_TITLE])
        fb_model_text(c, v[H_TITLE], "title", &title);
    if (!fb_model_need(c, root, v[H_DAYS], "a holidays file", "days", sugg,
                       H_DAYS) ||
        !fb_model_list(c, v[H_DAYS], "'days'"))
        return;
    const struct fb_node *days = v[H_DAYS];
    struct fb_date *more = fb_arena_alloc(
        &c->arena, (b->n_closed + days->n_items + 1) * sizeof *more);
    if (b->n_closed)
        memcpy(more, b->closed, b->n_closed * sizeof *more);
    b->closed = more;
    for (size_t i = 0; i < days->n_items; i++) {
        const struct fb_node *d = days->items[i];
        if (!fb_model_mapping(c, d, "each holiday"))
            continue;
        const struct fb_keyset dks = {"a holiday", day_keys, D__COUNT};
        const struct fb_node *dk[D__COUNT], *dv[D__COUNT];
        unsigned long dsugg = fb_model_keys(c, d, &dks, dk, dv, NULL);
        struct fb_date day;
        fb_model_need(c, d, dv[D_NAME], "a holiday", "name", dsugg, D_NAME);
        if (fb_model_need(c, d, dv[D_DATE], "a holiday", "date", dsugg,
                          D_DATE) &&
            read_date(c, dv[D_DATE], "date", &day))
            close_day(b, day);
    }
}

static void
read_holidays(struct fb_compiler *c, struct fb_booking *b,
              const struct fb_node *n)
{
    const char *name = fb_model_string(c, n, "holidays");
    const char *dirs[FB_SHARED_DIRS];
    const char *names[MAX_HOLIDAY_NAMES];
    size_t n_dirs, n_names;

    if (!name)
        return;
    n_dirs = fb_shared_dirs(c, n->loc.src ? n->loc.src->path : NULL, dirs);
    const char *path = name_ok(name)
        ? fb_find_shared(c, dirs, n_dirs,
                         fb_arena_printf(&c->arena, "holidays/%s.yaml", name))
        : NULL;
    if (!path) {
        n_names = fb_shared_names(c, dirs, n_dirs, "holidays", names,
                                  MAX_HOLIDAY_NAMES);
        const char *near = fb_closest(name, names, n_names);
        const char *list = "";
        for (size_t i = 0; i < n_names; i++)
            list = fb_arena_printf(&c->arena, "%s%s%s", list,
                                   i == 0 ? "" : i + 1 == n_names ? " and "
                                                                  : ", ",
                                   names[i]);
        if (n_names)
            fb_diag(c, FB_ERROR, &n->loc, "unknown-holidays",
                    "no holidays list '%.40s'%s%s%s; the lists in "
                    "patterns/holidays/ are %s", name,
                    near ? " (did you mean '" : "", near ? near : "",
                    near ? "'?)" : "", list);
        else
            fb_diag(c, FB_ERROR, &n->loc, "unknown-holidays",
                    "no holidays list '%.40s': there is no "
                    "patterns/holidays/ next to the form, above it or "
                    "installed (%s)", name, dirs[n_dirs - 1]);
        return;
    }
    b->holidays = name;
    size_t mark = fb_diag_mark(c);
    const struct fb_node *root = fb_load_file(c, path);
    if (root)
        read_holiday_file(c, b, root);
    fb_diag_fold(c, mark, &n->loc, "bad-holidays",
                 "holidays list '%s' (%s) is not usable; the notes say "
                 "what is wrong in it", name, path);
}

static void
read_closed(struct fb_compiler *c, struct fb_booking *b,
            const struct fb_node *n)
{
    if (!fb_model_list(c, n, "'closed'"))
        return;
    b->closed = fb_arena_alloc(&c->arena, (n->n_items + 1) *
                                              sizeof *b->closed);
    for (size_t i = 0; i < n->n_items; i++) {
        struct fb_date d;
        if (read_date(c, n->items[i], "closed", &d))
            close_day(b, d);
    }
}

static int
compare_dates(const void *a, const void *b)
{
    return fb_date_cmp(a, b);
}

/* Sorts b->closed and drops repeats (a closed day that is a holiday). */
static void
sort_closed(struct fb_booking *b)
{
    size_t kept = 0;

    if (b->n_closed == 0)
        return; /* b->closed may be NULL, which qsort() must not get */
    qsort(b->closed, b->n_closed, sizeof *b->closed, compare_dates);
    for (size_t i = 0; i < b->n_closed; i++)
        if (kept == 0 || fb_date_cmp(&b->closed[kept - 1], &b->closed[i]))
            b->closed[kept++] = b->closed[i];
    b->n_closed = kept;
}

/* ---- the quota ----------------------------------------------------------- */

enum { Q_PER, Q_COUNT, Q_PERIOD, Q__COUNT };
static const char *const limit_keys[Q__COUNT] = {"per", "count", "period"};

static void
read_limit(struct fb_compiler *c, struct fb_booking *b,
           const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "'limit'"))
        return;
    const struct fb_keyset ks = {"'limit'", limit_keys, Q__COUNT};
    const struct fb_node *k[Q__COUNT], *v[Q__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    long count = 0, period = 0;
    bool ok = true;

    for (unsigned i = 0; i < Q__COUNT; i++)
        ok = fb_model_need(c, n, v[i], "'limit'", limit_keys[i], sugg, i) &&
             ok;
    if (v[Q_PER]) {
        b->limit_per_loc = v[Q_PER]->loc;
        ok = (b->limit_per = fb_model_string(c, v[Q_PER], "per")) && ok;
    }
    if (v[Q_COUNT] && fb_model_whole(c, v[Q_COUNT], "count", &count)) {
        if (count < 1 || count > MAX_CAPACITY) {
            fb_diag(c, FB_ERROR, &v[Q_COUNT]->loc, "booking-bad-capacity",
                    "'count' is how many bookings one answer may make in "
                    "the period: from 1 to %d, not %ld", MAX_CAPACITY,
                    count);
            ok = false;
        }
    } else if (v[Q_COUNT]) {
        ok = false;
    }
    if (v[Q_PERIOD])
        ok = duration(c, v[Q_PERIOD], "period", true, &period) && ok;
    if (!ok)
        return;
    b->has_limit = true;
    b->limit_count = (int)count;
    b->limit_period_days = (int)period;
}

/* ---- the mapping --------------------------------------------------------- */

static void
read_calendar(struct fb_compiler *c, struct fb_booking *b,
              const struct fb_node *n)
{
    const char *s = fb_model_string(c, n, "calendar");
    if (s && !name_ok(s))
        fb_diag(c, FB_ERROR, &n->loc, "booking-bad-calendar",
                "calendar name '%.40s' must be lower-case letters, digits "
                "and hyphens, at most %d characters, such as bulky-waste: "
                "every form naming it shares its places", s, MAX_NAME);
    else
        b->calendar = s;
}

/* Lead and horizon: days from today, the horizon not before the lead
 * and within the holiday lists' three years. */
static void
read_range(struct fb_compiler *c, struct fb_booking *b,
           const struct fb_node *lead, const struct fb_node *horizon)
{
    long l = 0, h = 0;
    bool ok = true;

    if (lead)
        ok = duration(c, lead, "lead", true, &l);
    if (horizon && !duration(c, horizon, "horizon", true, &h))
        return;
    if (!ok || !horizon)
        return;
    if (h > MAX_HORIZON_DAYS) {
        fb_diag(c, FB_ERROR, &horizon->loc, "booking-bad-duration",
                "'horizon' is at most 3y (%ld days) ahead", MAX_HORIZON_DAYS);
        return;
    }
    if (h < l) {
        fb_diag(c, FB_ERROR, &horizon->loc, "booking-horizon-before-lead",
                "the 'horizon' (%ld days) is before the 'lead' (%ld days), "
                "so no day could be booked; make the horizon later", h, l);
        return;
    }
    b->lead_days = (int)l;
    b->horizon_days = (int)h;
}

void
fb_model_booking(struct fb_compiler *c, struct fb_form *form,
                 const struct fb_node *key, const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "'booking'"))
        return;
    const struct fb_keyset ks = {"'booking'", booking_keys, B__COUNT};
    const struct fb_node *k[B__COUNT], *v[B__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    struct fb_booking *b = fb_arena_alloc(&c->arena, sizeof *b);
    long hold = DEFAULT_HOLD_SECONDS;

    b->loc = n->loc;
    b->key_loc = key->loc;
    fb_model_need(c, n, v[B_CALENDAR], "'booking'", "calendar", sugg,
                  B_CALENDAR);
    fb_model_need(c, n, v[B_DAYS], "'booking'", "days", sugg, B_DAYS);
    fb_model_need(c, n, v[B_HORIZON], "'booking'", "horizon", sugg,
                  B_HORIZON);
    if (v[B_CALENDAR])
        read_calendar(c, b, v[B_CALENDAR]);
    if (v[B_DAYS])
        read_days(c, b, v[B_DAYS]);
    if (k[B_SESSIONS] && k[B_SLOTS])
        fb_diag(c, FB_ERROR, &k[B_SLOTS]->loc, "booking-sessions-and-slots",
                "a calendar has named 'sessions' or regular 'slots', not "
                "both; remove one of them");
    else if (v[B_SESSIONS])
        read_sessions(c, b, v[B_SESSIONS]);
    else if (v[B_SLOTS])
        read_slots(c, b, v[B_SLOTS]);
    else if (!(sugg & ((1ul << B_SESSIONS) | (1ul << B_SLOTS))))
        fb_diag(c, FB_ERROR, &n->loc, "booking-no-windows",
                "'booking' needs 'sessions' (named windows, such as {id: "
                "am, label: Morning, start: \"09:00\", end: \"12:00\", "
                "capacity: 20}) or 'slots' ({from: \"09:00\", to: "
                "\"16:30\", every: 30m, capacity: 2})");
    read_range(c, b, v[B_LEAD], v[B_HORIZON]);
    if (v[B_CLOSED])
        read_closed(c, b, v[B_CLOSED]);
    if (v[B_HOLIDAYS])
        read_holidays(c, b, v[B_HOLIDAYS]);
    sort_closed(b);
    if (v[B_HOLD] && duration(c, v[B_HOLD], "hold", false, &hold) &&
        (hold < 60 || hold > MAX_HOLD_SECONDS)) {
        fb_diag(c, FB_ERROR, &v[B_HOLD]->loc, "booking-bad-duration",
                "'hold' is from 1m to 24h: long enough to finish the form, "
                "short enough not to keep places from others");
        hold = DEFAULT_HOLD_SECONDS;
    }
    b->hold_seconds = (int)hold;
    if (v[B_LIMIT])
        read_limit(c, b, v[B_LIMIT]);
    form->booking = b;
}
