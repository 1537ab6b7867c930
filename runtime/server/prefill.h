/* SPDX-License-Identifier: MIT */
/*
 * Prefilled answers from a signed link (a form's `prefill: {from: query,
 * sign_env}`), for links from My Account or a letter: the start page
 * reached as /SLUG/?NAME=VALUE...&expires=T&sig=HEX (link_sign.h).
 */
#pragma once

#include <stdbool.h>

#include "journey.h"

/**
 * Handles a GET of @p f's start page that carries a prefill link: when
 * its signature holds and it has not expired, the answers it names that
 * the resident has not given already are kept in the session (stored
 * now, a session made for it if there was none) as if typed, and the
 * resident is sent to the start page without the query. Each is read and
 * checked like any answer (fb_prefill_errors() shows a bad one on its
 * page at once); nothing is submitted without passing the pages'
 * validation. @returns false, answering
 * nothing, for any other request, and for a link unsigned, badly signed
 * or expired (logged, the start page shown as usual: a resident is not
 * told off for an old letter).
 */
bool
fb_prefill_link(struct fb_request *req, const struct fb_journey *j,
                const struct fb_form_desc *f);

struct fb_progress;
struct fb_errors;
struct fb_date;

/**
 * The errors page @p page of @p f would have if sent with the answers
 * @p prog holds, kept only for questions with an answer there: on a page
 * the resident has not sent, those can only be prefilled ones. So a bad
 * prefilled value is an error on its page when it is first shown, and a
 * question simply not answered yet is not. @returns the errors (caller
 * frees), or NULL when there are none, the page was sent already or
 * memory runs out.
 */
struct fb_errors *
fb_prefill_errors(const struct fb_form_desc *f,
                  const struct fb_page_desc *page,
                  const struct fb_progress *prog, const struct fb_date *today);

/** @returns whether @p name is a field some page of @p f posts, one a
 *  prefill link may set. */
bool
fb_prefill_field(const struct fb_form_desc *f, const char *name);
