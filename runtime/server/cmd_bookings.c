/* SPDX-License-Identifier: MIT */
/*
 * The bookings command. Rows come from the store's place listing, which
 * leaves out holds (nothing is booked until a submission confirms it).
 */
#include "cmd_bookings.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clock.h"
#include "export.h"
#include "formbuilder/booking.h"
#include "formbuilder/validate.h"

static const char *const state_words[] = {
    [FB_PLACE_HELD] = "held",
    [FB_PLACE_BOOKED] = "booked",
    [FB_PLACE_CANCELLED] = "cancelled",
};

struct listing {
    struct fb_buf b;
    bool json;
    bool booked_only;   /* --close: what needs following up */
    size_t n;
};

static int
on_place(const struct fb_place *p, void *cls)
{
    struct listing *l = cls;
    if (l->booked_only && p->state != FB_PLACE_BOOKED)
        return 0;
    const char *cells[] = { p->reference, p->day, p->window,
                            state_words[p->state], p->form, p->quota_key };
    static const char *const keys[] = { "reference", "date", "window",
                                        "state", "form", "quota_key" };
    if (l->json) {
        fb_buf_puts(&l->b, l->n ? ",\n  {" : "\n  {");
        for (size_t i = 0; i < 6; i++) {
            fb_buf_printf(&l->b, "%s\"%s\": ", i ? ", " : "", keys[i]);
            fb_buf_json_string(&l->b, cells[i]);
        }
        fb_buf_putc(&l->b, '}');
    } else {
        for (size_t i = 0; i < 6; i++) {
            if (i)
                fb_buf_putc(&l->b, ',');
            fb_csv_cell(&l->b, cells[i]);
        }
        fb_buf_puts(&l->b, "\r\n");
    }
    l->n++;
    return 0;
}

static const struct fb_calendar_desc *
find_calendar(const struct fb_form_desc *const *forms, size_t n,
              const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (forms[i]->booking && strcmp(forms[i]->booking->name, name) == 0)
            return forms[i]->booking;
    return NULL;
}

static bool
is_day(const char *s)
{
    struct fb_date d;
    return s && fb_date_parse_iso(s, &d);
}

/* Runs the command. See cmd_bookings.h. */
int
fb_cmd_bookings(const struct fb_bookings_args *a, struct fb_store *store,
                const struct fb_form_desc *const *forms, size_t n_forms,
                FILE *out)
{
    if (!a->calendar) {
        fprintf(stderr, "formbuilder bookings: --calendar is required\n");
        return 2;
    }
    if (!find_calendar(forms, n_forms, a->calendar)) {
        fprintf(stderr, "formbuilder bookings: no form books in a calendar "
                        "'%s'; the calendars are:", a->calendar);
        for (size_t i = 0; i < n_forms; i++)
            if (forms[i]->booking)
                fprintf(stderr, " %s (%s)", forms[i]->booking->name,
                        forms[i]->slug);
        fputc('\n', stderr);
        return 2;
    }
    const char *format = a->format ? a->format : "csv";
    if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "formbuilder bookings: --format must be csv or "
                        "json, not '%s'\n", format);
        return 2;
    }
    const char *bad = a->date && !is_day(a->date)     ? a->date
                      : a->close && !is_day(a->close) ? a->close
                                                      : NULL;
    if (bad) {
        fprintf(stderr, "formbuilder bookings: a day is written YYYY-MM-DD, "
                        "not '%s'\n", bad);
        return 2;
    }
    const char *day = a->close ? a->close : a->date;
    if (a->close) {
        char at[FB_CLOCK_ISO_SIZE];
        fb_clock_iso(fb_clock_now(), at);
        if (store->ops->day_close(store, a->calendar, a->close, at)
            != FB_STORE_OK) {
            fprintf(stderr, "formbuilder bookings: %s\n",
                    store->ops->errmsg(store));
            return 1;
        }
    }
    struct listing l = { .json = strcmp(format, "json") == 0,
                         .booked_only = a->close != NULL };
    fb_buf_init(&l.b);
    if (l.json)
        fb_buf_putc(&l.b, '[');
    else
        fb_buf_puts(&l.b, "reference,date,window,state,form,quota_key\r\n");
    int rc = store->ops->place_each(store, a->calendar, day, on_place, &l);
    if (l.json)
        fb_buf_puts(&l.b, l.n ? "\n]\n" : "]\n");
    size_t len = 0;
    char *text = fb_buf_take(&l.b, &len);
    if (rc != FB_STORE_OK || !text) {
        fprintf(stderr, "formbuilder bookings: %s\n",
                text ? store->ops->errmsg(store) : "out of memory");
        free(text);
        return 1;
    }
    if (a->close)
        fprintf(stderr, "formbuilder bookings: %s closed in %s to new "
                "bookings; %zu bookings on that day are listed for "
                "follow-up\n", a->close, a->calendar, l.n);
    bool ok = fwrite(text, 1, len, out) == len && fflush(out) == 0;
    free(text);
    return ok ? 0 : 1;
}
