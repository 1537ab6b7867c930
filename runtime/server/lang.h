/* SPDX-License-Identifier: MIT */
/*
 * Which language a page is written in (docs/welsh.md, "The runtime"):
 * `?lang=cy|en` on the request, else the language the session chose,
 * else the best the browser's Accept-Language asks for, else English;
 * always one the form offers. Parsing only: the journey stores the
 * choice in the session and writes the language link.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/form.h"

struct fb_request;

/* Every language the runtime's catalogue has: the offer of the server's
 * own pages (the index, error pages). */
#define FB_LANG_ALL ((1u << FB_LANG__COUNT) - 1u)

/** @returns the languages @p f is offered in, 1u << FB_LANG_x. */
unsigned
fb_lang_offered(const struct fb_form_desc *f);

/** @returns true when @p f is offered in more than English. */
bool
fb_lang_bilingual(const struct fb_form_desc *f);

/**
 * Reads an Accept-Language header (RFC 9110 12.5.4): comma-separated
 * language ranges, each with an optional ";q=" weight from 0 to 1; a
 * range matches a language by its primary subtag ("cy-GB" is Welsh), "*"
 * matches English. @returns the offered language (in the @p offered
 * mask) of the highest weight, the first listed of equal weights, or -1
 * when none is acceptable or @p header is NULL.
 */
int
fb_lang_accept(const char *header, unsigned offered);

/**
 * Chooses the page language: @p param (a ?lang= value) when it names an
 * offered language, else @p chosen (the session's, -1 for none) when
 * offered, else fb_lang_accept(@p accept), else English.
 */
enum fb_lang
fb_lang_choose(const char *param, int chosen, const char *accept,
               unsigned offered);

/** fb_lang_choose() with @p req's ?lang= and Accept-Language. */
enum fb_lang
fb_lang_of_request(const struct fb_request *req, int chosen,
                   unsigned offered);

/**
 * Writes into @p buf the link to @p req's page in the other language
 * than @p lang: "PATH?lang=cy", keeping its ?change= and ?month= so the
 * resident stays where they are, and with @p post "&switch=1" (the page's
 * form posted to show what was typed in the other language).
 * @returns @p buf, or NULL when @p offered has no second language (no
 * link) or @p cap is too small.
 */
const char *
fb_lang_href(char *buf, size_t cap, const struct fb_request *req,
             enum fb_lang lang, unsigned offered, bool post);

/** Writes @p req's path with its ?change= and ?month= but not ?lang=
 *  into @p buf: where a language switch returns to. @returns @p buf, or
 *  NULL when @p cap is too small. */
const char *
fb_lang_return(char *buf, size_t cap, const struct fb_request *req);
