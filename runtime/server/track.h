/* SPDX-License-Identifier: MIT */
/*
 * /SLUG/track, where a resident follows their request's progress updates
 * (track.c; the events themselves come from events_api.c).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "journey.h"

/**
 * Answers @p req when @p rest (what follows "/SLUG/") is a track page of
 * @p form and the form takes progress updates.
 * @returns false, having done nothing, otherwise.
 */
bool
fb_track_handle(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *form, const char *rest);

/**
 * Writes the track page of @p form for @p reference, in @p lang, into
 * @p buf (the confirmation page's and emails' link; relative).
 * @returns @p buf, or NULL when the form takes no progress updates or
 * @p cap is too small.
 */
const char *
fb_track_href(char *buf, size_t cap, const struct fb_form_desc *form,
              const char *reference, enum fb_lang lang);

struct fb_track_view;

/* The stop link's page (track_stop.c), for fb_track_handle(). */
void
fb_track_stop(struct fb_request *req, const struct fb_journey *j,
              const struct fb_form_desc *f, struct fb_track_view *v);

/* Copies a submission row's form slug into @p cls (FB_PLACE_NAME_MAX
 * bytes): a submission_by_reference callback. */
int
fb_track_copy_form(const struct fb_submission_row *row, void *cls);
