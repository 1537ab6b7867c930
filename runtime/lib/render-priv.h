/* SPDX-License-Identifier: MIT */
/*
 * Renderer internals shared by the render_*.c files: the fixed wording of
 * the page furniture in each language, the document frame (head, header,
 * footer), safe prose with links, and small helpers for field names.
 * Private to runtime/lib; render.h is the public interface.
 */
#pragma once

#include <stdbool.h>

#include "formbuilder/render.h"

/* The site name that ends every <title> and heads every page. */
#define FB_RENDER_SITE_NAME "Council services"

/* Fixed wording of the page furniture; fb_render_str() gives the text. */
enum fb_render_str {
    FB_STR_SKIP,          /* skip link */
    FB_STR_BACK,
    FB_STR_ERROR_PREFIX,  /* "Error:" before each message and the title */
    FB_STR_PROBLEM,       /* error summary heading */
    FB_STR_CONTINUE,
    FB_STR_START,
    FB_STR_CHANGE,
    FB_STR_CHECK_TITLE,
    FB_STR_SEND_HEADING,
    FB_STR_SEND_BODY,
    FB_STR_SEND,
    FB_STR_DAY,
    FB_STR_MONTH,
    FB_STR_YEAR,
    FB_STR_LINE1,
    FB_STR_LINE2,
    FB_STR_TOWN,
    FB_STR_POSTCODE,
    FB_STR_YES,
    FB_STR_NO,
    FB_STR_WARNING,
    FB_STR_REFERENCE,
    FB_STR_SUBMITTED,     /* default confirmation title */
    FB_STR_NOT_PROVIDED,
    FB_STR_CHOOSE,        /* first, empty option of a select */
    FB_STR_HONEYPOT,      /* label of the honeypot field */
    FB_STR_CONFIRMED,     /* a ticked declaration on check answers */
    FB_STR_ALL_FORMS,
    FB_STR_OPTIONAL,      /* after the label of an optional question */
    FB_STR__COUNT
};

/* @returns the wording of @p s in @p lang (English when out of range). */
const char *
fb_render_str(enum fb_render_str s, enum fb_lang lang);

/* @returns the English or Welsh name of month @p m (1-12), or "". */
const char *
fb_render_month_name(int m, enum fb_lang lang);

/*
 * Writes "<!DOCTYPE html>" up to the opening of the main column: head with
 * the title "[Error: ]@p page_title - @p form_title - site", skip link,
 * header naming the form (linked to @p form_href when not NULL), the back
 * link when @p back_href is set and the opening of <main>. Either title
 * may be NULL.
 */
void
fb_render_doc_open(struct fb_html *w, enum fb_lang lang, bool error,
                   const char *page_title, const char *form_title,
                   const char *assets_href, const char *form_href,
                   const char *back_href);

/* Closes what fb_render_doc_open() opened and writes the footer. */
void
fb_render_doc_close(struct fb_html *w, enum fb_lang lang);

/*
 * Writes author text as prose: blank-line separated paragraphs become
 * <p class="@p p_class"> (inline, joined by <br>, when @p p_class is
 * NULL), and [text](url) becomes a link when url is https:, http:,
 * mailto:, tel: or starts with '/'; anything else stays plain text.
 * Everything is escaped.
 */
void
fb_render_prose(struct fb_html *w, const char *text, const char *p_class);

/*
 * Writes the opening of a <form>: method post, novalidate, the action,
 * the CSRF token and the honeypot field.
 */
void
fb_render_form_open(struct fb_html *w, const struct fb_render_ctx *ctx);

/* @returns true when the ctx has at least one error. */
bool
fb_render_has_errors(const struct fb_render_ctx *ctx);

/*
 * @returns the question of ctx->page whose label is the page heading
 * (GOV.UK "label as page heading"): the only top-level question shown,
 * its label equal to the page title, on a page without content blocks.
 * NULL when the page needs its own h1.
 */
const struct fb_question_desc *
fb_render_heading_question(const struct fb_render_ctx *ctx);

/* @returns true when top-level question @p q is shown on its page: it has
 * no `when`, or there are answers to test it on and it holds. */
bool
fb_render_question_shown(const struct fb_render_ctx *ctx,
                         const struct fb_question_desc *q);

/*
 * @returns a new string "@p id@p sep@p suffix" (e.g. "dob-day" or
 * "home.line1") that the caller frees, or NULL when out of memory (the
 * writer is then marked failed).
 */
char *
fb_render_name(struct fb_html *w, const char *id, char sep,
               const char *suffix);

/* The bytes of runtime/assets/formbuilder.css (NUL-terminated) and their
 * number, generated at build time by tools/embed.c. */
extern const char fb_render_css[];
extern const size_t fb_render_css_len;
