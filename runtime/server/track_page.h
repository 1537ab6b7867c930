/* SPDX-License-Identifier: MIT */
/*
 * The track page's HTML (track.c answers the route): the form asking for
 * the reference and the email address or postcode, with its errors, and
 * the timeline of a request's public events, in GOV.UK Design System
 * markup that works without JavaScript.
 */
#pragma once

#include "formbuilder/html.h"
#include "formbuilder/messages.h"
#include "http.h"

/* One entry of the timeline, newest first. */
struct fb_track_item {
    const char *status_label;  /* in the page's language */
    const char *message;       /* the back office's, or "" */
    long long at;              /* Unix seconds */
};

struct fb_track_view {
    struct fb_request *req;
    const struct fb_form_desc *form;
    enum fb_lang lang;
    const char *reference;     /* as typed, or given by ?reference= */
    const char *contact;       /* as typed */
    /* The form's errors; FB_MSG__COUNT for none. */
    enum fb_msg reference_error;
    enum fb_msg contact_error;
};

/* The form page into @p w. */
void
fb_track_form_page(struct fb_html *w, const struct fb_track_view *v);

/* The timeline of request v->reference into @p w: @p items, then the
 * submission itself, sent at @p submitted_at. */
void
fb_track_timeline_page(struct fb_html *w, const struct fb_track_view *v,
                       const struct fb_track_item *items, size_t n_items,
                       long long submitted_at);

/* The page a stop link opens (@p done false: asking, with a button
 * posting @p token back; true: stopped) for request v->reference. */
void
fb_track_stop_page(struct fb_html *w, const struct fb_track_view *v,
                   const char *token, bool done);
