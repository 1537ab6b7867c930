/* SPDX-License-Identifier: MIT */
/*
 * iCalendar writer. Each content line is built whole, then folded: a
 * line longer than 75 octets continues after CRLF and one space, never
 * inside a UTF-8 sequence (RFC 5545 section 3.1).
 */
#include "booking_ics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clock.h"

#define FOLD_AT 75

/* Appends @p line folded, and its CRLF. */
static void
put_line(struct fb_buf *b, const char *line)
{
    size_t len = strlen(line), col = 0;
    for (size_t i = 0; i < len;) {
        size_t n = 1;   /* the octets of one character */
        while (i + n < len && ((unsigned char)line[i + n] & 0xC0) == 0x80)
            n++;
        if (col + n > FOLD_AT) {
            fb_buf_puts(b, "\r\n ");
            col = 1;
        }
        fb_buf_putn(b, line + i, n);
        col += n;
        i += n;
    }
    fb_buf_puts(b, "\r\n");
}

/* Appends NAME:VALUE with VALUE escaped as TEXT. */
static void
put_text(struct fb_buf *b, const char *name, const char *value)
{
    struct fb_buf line;
    fb_buf_init(&line);
    fb_buf_printf(&line, "%s:", name);
    for (const char *p = value; *p; p++) {
        if (*p == '\\' || *p == ';' || *p == ',')
            fb_buf_putc(&line, '\\');
        if (*p == '\n')
            fb_buf_puts(&line, "\\n");
        else if (*p != '\r')
            fb_buf_putc(&line, *p);
    }
    char *s = fb_buf_take(&line, NULL);
    if (s)
        put_line(b, s);
    else
        b->failed = true;
    free(s);
}

static void
put_local(struct fb_buf *b, const char *name, const struct fb_date *d,
          int minutes)
{
    char line[96];
    snprintf(line, sizeof line,
             "%s;TZID=Europe/London:%04d%02d%02dT%02d%02d00", name, d->year,
             d->month, d->day, minutes / 60, minutes % 60);
    put_line(b, line);
}

/* UK civil time: GMT, and BST from the last Sunday of March (01:00 UTC)
 * to the last Sunday of October (01:00 UTC). */
static const char *const vtimezone[] = {
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
};

/* returns the calendar file (caller frees). See booking_ics.h. */
char *
fb_ics_write(const struct fb_ics_event *e, size_t *out_len)
{
    struct fb_buf b;
    fb_buf_init(&b);
    put_line(&b, "BEGIN:VCALENDAR");
    put_line(&b, "VERSION:2.0");
    put_line(&b, "PRODID:-//Formbuilder//Booking//EN");
    put_line(&b, "CALSCALE:GREGORIAN");
    put_line(&b, "METHOD:PUBLISH");
    for (size_t i = 0; i < sizeof vtimezone / sizeof vtimezone[0]; i++)
        put_line(&b, vtimezone[i]);
    put_line(&b, "BEGIN:VEVENT");
    put_text(&b, "UID", e->uid);
    char stamp[FB_CLOCK_ISO_SIZE], line[64];
    fb_clock_iso(e->stamp, stamp);
    /* 2026-12-01T09:00:00Z as 20261201T090000Z */
    snprintf(line, sizeof line, "DTSTAMP:%.4s%.2s%.2sT%.2s%.2s%.2sZ", stamp,
             stamp + 5, stamp + 8, stamp + 11, stamp + 14, stamp + 17);
    put_line(&b, line);
    put_local(&b, "DTSTART", &e->day, e->start);
    put_local(&b, "DTEND", &e->day, e->end);
    put_text(&b, "SUMMARY", e->summary);
    if (e->description)
        put_text(&b, "DESCRIPTION", e->description);
    put_line(&b, "END:VEVENT");
    put_line(&b, "END:VCALENDAR");
    return fb_buf_take(&b, out_len);
}
