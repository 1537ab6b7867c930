/* SPDX-License-Identifier: MIT */
/*
 * The server's one clock: every "now" and "today" it uses (session idle
 * times, booking holds and their expiry, submitted_at, the walk's today,
 * retention) comes from here, never from time() or fb_date_today()
 * directly, so tests can move the server through time.
 *
 * FB_TEST_NOW=2026-12-01T09:00:00Z in the environment at start sets the
 * clock to that instant, from which it then advances with real time;
 * without it the clock is the system's. Days are local days (the TZ the
 * server runs in, Europe/London for councils).
 */
#pragma once

#include <stddef.h>

#include "formbuilder/form.h"

/* Size of an ISO 8601 UTC stamp "2026-01-31T09:00:00Z" with its NUL. */
#define FB_CLOCK_ISO_SIZE 21

/**
 * Reads FB_TEST_NOW. Call once at start, before any thread asks the time.
 * @returns 0, or -1 with a message in @p err when it is set but not a
 * UTC stamp "YYYY-MM-DDTHH:MM:SSZ".
 */
int
fb_clock_init(char *err, size_t errlen);

/** @returns the time now, in Unix seconds. */
long long
fb_clock_now(void);

/** @returns the local day at Unix time @p t. */
struct fb_date
fb_clock_day_at(long long t);

/** @returns today, the local day now. */
struct fb_date
fb_clock_today(void);

/** Writes Unix time @p t as "YYYY-MM-DDTHH:MM:SSZ" into @p out. */
void
fb_clock_iso(long long t, char out[FB_CLOCK_ISO_SIZE]);

/** Parses "YYYY-MM-DDTHH:MM:SSZ" into Unix seconds.
 *  @returns 0, or -1 when @p s is not such a stamp. */
int
fb_clock_parse_iso(const char *s, long long *out);
