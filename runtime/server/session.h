/* SPDX-License-Identifier: MIT */
/*
 * Sessions: a resident's progress through each form, kept server-side and
 * found by a random 128-bit id in a cookie. A session holds a CSRF token
 * and the language the resident chose (docs/welsh.md) and, per form, the
 * raw answers, the page last shown, the submit token
 * of the current journey, the pages sent so far and the token of the
 * last submission. Sessions
 * are saved as one urlencoded record, so the store sees only text.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/answers.h"
#include "token.h"

/* Room for a form version (fb_form_desc.version: formc's hash, in hex). */
#define FB_FORM_VERSION_MAX 64

/* Name of the session cookie. */
#define FB_SESSION_COOKIE "fb_session"

struct fb_progress {
    char *slug;                    /* form this progress belongs to */
    struct fb_answers *raw;        /* answers as posted, every page */
    char *position;                /* id of the page last shown, or NULL */
    /* Ids of the pages the resident has sent (each once), so the walk can
     * tell a page never shown from one answered with every optional
     * question left empty. */
    struct fb_answers *seen;
    char submit_token[FB_TOKEN_HEX_LEN + 1];    /* this journey's key */
    char submitted_token[FB_TOKEN_HEX_LEN + 1]; /* "" until submitted */
    /* The manage token of the booking that submission made ("" for
     * none): the confirmation links to it. The store keeps only its
     * hash; this copy goes when the session does. */
    char booking_token[FB_MANAGE_TOKEN_LEN + 1];
    /* The form version this journey began on ("" before its first page
     * is sent): the journey stays on it until it is submitted, however
     * often the form is reloaded meanwhile (journey.c). */
    char version[FB_FORM_VERSION_MAX + 1];
    /* Assisted digital (assist.c): the channel of the staff link that
     * opened this journey ("" for none: the resident's own) and the
     * staff member's name (NULL until given on its page). Kept when the
     * journey is submitted: the confirmation still shows the banner. */
    char assist_channel[16];
    char *assist_staff;
};

struct fb_session {
    char id[FB_TOKEN_HEX_LEN + 1];
    char csrf[FB_TOKEN_HEX_LEN + 1];
    int lang;                      /* FB_LANG_x chosen, -1 for none yet */
    struct fb_progress **forms;    /* each stays put while the session
                                    * lives, so pointers to it stay valid */
    size_t n_forms;
    bool is_new;                   /* not stored yet */
    /* Not stored: the cookie named a session idle past session_idle, so
     * this new one replaces it (journey.c shows the timeout page). */
    bool timed_out;
};

/* The server's secret for the CSRF tokens of sessions not stored yet:
 * 256 random bits, drawn at start, kept as hex. */
struct fb_session_key {
    char hex[2 * FB_TOKEN_HEX_LEN + 1];
};

/** Draws a new random key into @p out.
 *  @returns 0, or -1 when the kernel gives no randomness. */
int
fb_session_key_new(struct fb_session_key *out);

/* The shortest FORMBUILDER_SESSION_KEY taken (128 bits as hex). */
#define FB_SESSION_KEY_MIN 32

/** Takes @p secret (FORMBUILDER_SESSION_KEY: the same on every instance
 *  sharing a database, so a page one shows is accepted by the others) as
 *  the key. @returns 0, or -1 when it is shorter than FB_SESSION_KEY_MIN
 *  or longer than the key holds (64). */
int
fb_session_key_from(struct fb_session_key *out, const char *secret);

/**
 * Creates a session that is not stored (is_new): id @p id (a valid token;
 * NULL draws a random one) and the CSRF token HMAC-SHA-256(@p key,
 * "csrf:" id), cut to FB_TOKEN_HEX_LEN hex digits. The same id always gets
 * the same token under one key, so a page can be shown with nothing
 * stored and its POST still checked; the record saved on that POST keeps
 * the token, so the key matters only until then.
 * @returns the session (free with fb_session_free()), or NULL when @p id
 * is not a token or randomness, hashing or memory fails.
 */
struct fb_session *
fb_session_new(const struct fb_session_key *key, const char *id);

/**
 * Rebuilds session @p id from its stored @p record.
 * @returns the session, or NULL when the record is damaged or memory runs
 * out (the caller then starts a new session).
 */
struct fb_session *
fb_session_decode(const char *id, const char *record);

/** @returns the record to store for @p s (caller frees), or NULL when out
 *  of memory. */
char *
fb_session_encode(const struct fb_session *s);

/** Writes into @p out (@p cap bytes) the text every record on version
 *  @p version of form @p form holds, so a store can find them
 *  (version_pinned). @returns false when it does not fit. */
bool
fb_session_version_needle(char *out, size_t cap, const char *form,
                          const char *version);

/** Frees @p s; NULL is a no-op. */
void
fb_session_free(struct fb_session *s);

/**
 * @returns the progress of form @p slug, or NULL when there is none and
 * @p create is false (or memory runs out). New progress has no answers
 * and a fresh submit token.
 */
struct fb_progress *
fb_session_progress(struct fb_session *s, const char *slug, bool create);

/** Records that the resident has sent page @p page_id.
 *  @returns 0, or -1 when out of memory. */
int
fb_progress_mark_seen(struct fb_progress *p, const char *page_id);

/** Pins the journey of @p p to form version @p version (copied; NULL or
 *  one too long for FB_FORM_VERSION_MAX, or not lower-case hex, unpins). */
void
fb_progress_pin(struct fb_progress *p, const char *version);

/** Clears the answers, pages seen, position and pinned version of @p p and draws a new submit token.
 *  @returns 0, or -1 when no randomness is available. */
int
fb_progress_reset(struct fb_progress *p);

/** Sets the page last shown (copied). @returns 0, or -1 on no memory. */
int
fb_progress_set_position(struct fb_progress *p, const char *page_id);
