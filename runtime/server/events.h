/* SPDX-License-Identifier: MIT */
/*
 * Progress updates (issue 18): what a back office may post about a
 * submission, and how the server knows it is that back office. The rules
 * live here, once, apart from HTTP (events_api.c answers the route) and
 * from the store (which only keeps rows): the signature's check, the
 * body's fields, the statuses a form accepts and what the resident's
 * timeline calls them, and the staff listing of a submission's events.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "formbuilder/form.h"
#include "store.h"

#define FB_EVENTS_BODY_MAX 16384   /* bytes of one posted event */
#define FB_EVENT_ID_MAX 128        /* bytes of the back office's id */
#define FB_EVENT_STATUS_MAX 64     /* bytes of a status id */
#define FB_EVENT_MESSAGE_MAX 2000  /* characters of a message */
/* Seconds a signed timestamp may be from this server's clock, either
 * way: as docs/delivery.md asks back offices of outbound deliveries. */
#define FB_EVENTS_WINDOW 300

/* One event as posted: {id, status, message, public}. */
struct fb_event_input {
    char id[FB_EVENT_ID_MAX + 1];
    char status[FB_EVENT_STATUS_MAX + 1];
    char *message;            /* "" for none; fb_event_input_clear frees */
    bool public;
};

/* Why a body was refused; each has its HTTP status and its JSON code. */
enum fb_event_problem {
    FB_EVENT_FINE,
    FB_EVENT_NOT_UTF8,        /* 400 invalid_utf8 */
    FB_EVENT_NOT_JSON,        /* 400 invalid_json */
    FB_EVENT_BAD_FIELD,       /* 400 invalid_field: unknown, repeated,
                               * missing or of the wrong shape */
    FB_EVENT_UNKNOWN_STATUS,  /* 422 unknown_status */
};

/**
 * Reads @p body (@p len bytes) as an event for a submission of form
 * @p f into @p out. @returns FB_EVENT_FINE, or the problem with what is
 * wrong, for the back office's developer, in @p why.
 */
enum fb_event_problem
fb_event_parse(const struct fb_form_desc *f, const char *body, size_t len,
               struct fb_event_input *out, char *why, size_t whylen);

/* Frees what fb_event_parse() allocated; safe on a zeroed input. */
void
fb_event_input_clear(struct fb_event_input *in);

/**
 * Checks a Formbuilder-Signature header ("t=TIMESTAMP,v1=HEX", v1 given
 * once or more, as during a change of secret) over @p body with
 * @p secret: the timestamp within FB_EVENTS_WINDOW of @p now and some v1
 * equal, compared in constant time, to HMAC-SHA-256(secret,
 * "TIMESTAMP." + body). @returns true with the timestamp in *out_t.
 */
bool
fb_event_signature_ok(const char *secret, const char *header,
                      const char *body, size_t len, long long now,
                      long long *out_t);

/** @returns what the resident's timeline calls @p status in @p lang:
 *  the catalogue's words for a built-in status, the form's label for
 *  one of its own; NULL when @p f has no such status. */
const char *
fb_event_status_label(const struct fb_form_desc *f, const char *status,
                      enum fb_lang lang);

/**
 * Writes the events of submission @p reference to @p out for staff
 * (`formbuilder submission show`): one line each, oldest first, with the
 * back office's time, the status, whether the resident sees it, its id
 * and its message; "no progress updates" when there are none.
 * @returns 0, or -1 when the store cannot be read (its message is in
 * s->ops->errmsg()).
 */
int
fb_events_print(struct fb_store *s, const char *reference, FILE *out);

/**
 * Appends the events of @p reference to @p b for `formbuilder export`:
 * as a JSON array of {id, status, public, message, at} (@p json), else
 * as one CSV cell, the latest status. @returns 0, or -1 when the store
 * cannot be read.
 */
int
fb_events_export(struct fb_buf *b, struct fb_store *s, const char *reference,
                 bool json);
