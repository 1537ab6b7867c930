/* SPDX-License-Identifier: MIT */
/*
 * Running a live service (docs/runtime.md): when a form takes
 * submissions (`opens:`, `closes:`, `max_submissions:`), its privacy
 * notice page, and maintenance mode, which `formbuilder maintenance on`
 * sets in the database (migration 9) and every instance on it reads at
 * most a second after, so several instances on one PostgreSQL database
 * go into maintenance together.
 */
#pragma once

#include <stdbool.h>

#include "formbuilder/form.h"
#include "http.h"

struct fb_journey;

/* The forms in maintenance as this instance last read them; used on the
 * polling thread only, like the journey's reader. */
struct fb_live {
    long long read_at_ms;  /* monotonic ms of the last read; 0: never */
    bool all;              /* every form ("" in the table) */
    char *slugs;           /* "\n" + each slug + "\n", or NULL */
};

/* Seconds after `closes:` that a journey begun before it may still be
 * finished and sent; new journeys are refused at `closes:` itself. */
#define FB_LIVE_GRACE_SECONDS 900

/* How often an instance rereads the maintenance table, in ms. */
#define FB_LIVE_POLL_MS 1000

void
fb_live_free(struct fb_live *live);

/**
 * Answers 503 "Sorry, the service is unavailable" with Retry-After when
 * maintenance is on for @p form (NULL: a site page such as the index,
 * which only "every form" closes). @returns true when it answered.
 */
bool
fb_live_maintenance(struct fb_request *req, const struct fb_journey *j,
                    const struct fb_form_desc *form);

/**
 * Answers the closed page (403) when @p form does not take the journey
 * route @p rest now: before `opens:`, after `closes:` (a journey begun
 * before it: after the grace), or, on the start page and check your
 * answers, once `max_submissions:` are taken. @returns true when it
 * answered (or answered 500 because the store could not be read).
 */
bool
fb_live_refused(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *form, const char *rest);

/* The page of a submission refused at the cap (the writer's job said
 * cap_reached): nothing was stored. */
void
fb_live_send_full(struct fb_request *req, const struct fb_form_desc *form);

/* GET /SLUG/privacy-notice: the form's privacy notice in its text (404
 * for a form whose notice is elsewhere or that has none). */
void
fb_live_privacy_page(struct fb_request *req, const struct fb_form_desc *form);

/**
 * Parses a local time "YYYY-MM-DDTHH:MM" (the server's time zone) into
 * Unix seconds. @returns false when @p s is not one.
 */
bool
fb_live_local_time(const char *s, long long *out);
