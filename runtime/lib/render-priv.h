/* SPDX-License-Identifier: MIT */
/*
 * Renderer internals shared by the render_*.c files: the fixed wording of
 * the page furniture in each language, the document frame (head, header,
 * footer), safe prose with links, and small helpers for field names.
 * Private to runtime/lib; render.h is the public interface.
 */
#pragma once

#include <stdbool.h>

#include "formbuilder/messages.h"
#include "formbuilder/render.h"

/* The renderer of each question type (named by the type table,
 * formbuilder/qtype.h), and the state they share. */
struct fb_question_render {
    struct fb_html *w;
    const struct fb_render_ctx *ctx;
    const struct fb_question_desc *q;
    const struct fb_error *err; /* its first error, or NULL */
    bool heading;               /* its label is the page's h1 */
    bool followup;              /* inside a conditional container */
};

void fb_render_input(const struct fb_question_render *s);
void fb_render_textarea(const struct fb_question_render *s);
void fb_render_select(const struct fb_question_render *s);
void fb_render_radios(const struct fb_question_render *s);
void fb_render_checkboxes(const struct fb_question_render *s);
void fb_render_date(const struct fb_question_render *s);
void fb_render_address(const struct fb_question_render *s);
void fb_render_declaration(const struct fb_question_render *s);
void fb_render_slot(const struct fb_question_render *s);
void fb_render_name_input(const struct fb_question_render *s);
void fb_render_listed(const struct fb_question_render *s);

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

/* @returns the day conditions are evaluated on: ctx->today, or else the
 * system's today, kept in @p buf. */
const struct fb_date *
fb_render_today(const struct fb_render_ctx *ctx, struct fb_date *buf);

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
