/* SPDX-License-Identifier: MIT */
/*
 * The steps of an address question found by postcode (`lookup:`), on the
 * question's own page and without script: the postcode (GET, or after a
 * failed search), the addresses found to choose from (the answer to a
 * search: shown, nothing stored), then the chosen address stored with its
 * UPRN as though its parts had been typed; "I cannot find my address in
 * the list", a provider that fails, times out or is not configured all
 * lead to the parts typed in. journey.c asks this file which step a page
 * shows and what a POST means; libfbrt's render_address.c writes it.
 */
#pragma once

#include <stdbool.h>

#include "formbuilder/answers.h"
#include "formbuilder/errors.h"
#include "formbuilder/form.h"
#include "formbuilder/render.h"

#include "address_lookup.h"

struct fb_address_page {
    struct fb_address_view view;   /* view.q NULL: no such question */
    struct fb_address_list *found; /* the search's answer, or NULL */
    struct fb_address_choice *choices;
    char postcode[12];             /* searched, normalised */
    char typed_href[600], find_href[600];
    char anchor[300];              /* of the step's error */
    struct fb_errors *errs;        /* the step's error, or NULL */
    struct fb_address_work *work;  /* a call needed (LOOKUP), or NULL */
    unsigned status;               /* of the page a POST shows */
};

/** Starts @p ap empty (fb_address_page_done() frees what it gets). */
void
fb_address_page_init(struct fb_address_page *ap);

void
fb_address_page_done(struct fb_address_page *ap);

/** @returns the view to render page @p ap is for, or NULL for none. */
const struct fb_address_view *
fb_address_page_view(const struct fb_address_page *ap);

/**
 * The step page @p p of form @p f shows on a GET, with the session's
 * answers @p saved and the ?address= parameter @p asked (NULL, "find" or
 * "typed"). @returns 0, or -1 out of memory.
 */
int
fb_address_page_get(struct fb_address_page *ap, const struct fb_form_desc *f,
                    const struct fb_page_desc *p,
                    const struct fb_answers *saved, const char *asked,
                    bool changing);

/* A call to the provider made off the polling thread for a POST, which
 * is then handled again with it (http.h's fb_request_defer_work()). */
struct fb_address_work {
    char postcode[12];
    bool ran;                      /* false: its reservation is unused */
    enum fb_address_status status; /* FAILED until it ran */
    struct fb_address_list list;
};

/** The work's thread: the call (address_lookup.h). */
void
fb_address_work_run(void *work);

/** Frees @p work, giving back its reservation when it never ran. */
void
fb_address_work_free(void *work);

enum fb_address_post {
    FB_ADDRESS_POST_GO_ON,  /* answers to validate and store as usual */
    FB_ADDRESS_POST_SHOW,   /* a step to show (ap->status), nothing stored */
    FB_ADDRESS_POST_FAILED, /* out of memory */
    FB_ADDRESS_POST_LOOKUP, /* a call is needed: defer ap->work, then
                               handle the POST again with it */
};

/**
 * What a POST of page @p p means for its address found by postcode:
 * @p posted (the page's fields, edited in place) searched for a postcode
 * (SHOW the choice, or the postcode again with an error, or the typed
 * parts when the provider failed), chose an address (its parts and UPRN
 * put in @p posted: GO_ON) or typed the parts (GO_ON; a UPRN kept only
 * when the parts are the chosen address's, as @p saved holds them).
 * @p done: the call made for this POST, or NULL; when one is needed,
 * LOOKUP with ap->work (the caller's to defer) holding the postcode.
 */
enum fb_address_post
fb_address_page_post(struct fb_address_page *ap,
                     const struct fb_form_desc *f,
                     const struct fb_page_desc *p, struct fb_answers *posted,
                     const struct fb_answers *saved, bool changing,
                     const struct fb_address_work *done);
