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
void fb_render_booking_date(const struct fb_question_render *s);
void fb_render_booking_time(const struct fb_question_render *s);
void fb_render_file(const struct fb_question_render *s);

/* An address found by postcode (render_address.c): writes its postcode
 * or choose step and @returns true; at the typed step writes the notice
 * of a failed lookup, if any, and @returns false for the parts to be
 * written, then fb_render_address_find_link() after them. */
bool fb_render_address_step(const struct fb_question_render *s);
void fb_render_address_find_link(const struct fb_question_render *s);

/* Opens question @p s as a group of controls: the form group, a fieldset
 * whose legend is its label, described by its hint, error and the element
 * ids @p described (space separated, or NULL), then hint and error. */
void
fb_render_fieldset_question_open(const struct fb_question_render *s,
                                 const char *described);

/* Writes radio or checkbox @p i of @p s (@p kind "radios" or
 * "checkboxes"): id "ID" for the first, "ID-2", "ID-3" ... after, posting
 * @p value, labelled @p text, with the prose @p hint_text under it (or
 * NULL), checked when it is the answer. */
void
fb_render_choice_item(const struct fb_question_render *s, size_t i,
                      const char *value, const char *text,
                      const char *hint_text, const char *kind);

/* fb_render_doc_open() and fb_render_doc_close() are in
 * formbuilder/render.h: the server's booking pages use them too. */

/*
 * Writes author text as prose: blank-line separated paragraphs become
 * <p class="@p p_class"> (inline, joined by <br>, when @p p_class is
 * NULL), and [text](url) becomes a link when url is https:, http:,
 * mailto:, tel: or starts with '/'; anything else stays plain text.
 * Everything is escaped.
 */
void
fb_render_prose(struct fb_html *w, const char *text, const char *p_class);

/* fb_render_prose() for content blocks and the confirmation: the
 * placeholders {answers.ID}, {booking.date} and {booking.time} are filled
 * in from the answers (fb_render_content_answers()), escaped and never
 * read as links; "{{" and "}}" write one brace. */
void
fb_render_content_prose(struct fb_html *w, const struct fb_render_ctx *ctx,
                        const char *text, const char *p_class);

/* One line of content text (a details summary), escaped, with its
 * placeholders filled in but no paragraphs or links. */
void
fb_render_content_text(struct fb_html *w, const struct fb_render_ctx *ctx,
                       const char *text);

/* @returns the answers content is written from and its conditions are
 * tested on: the normalised answers of the journey (ctx->summary on check
 * answers and the confirmation), else those of the pages before
 * (ctx->known), else the raw ones; NULL when there are none. */
const struct fb_answers *
fb_render_content_answers(const struct fb_render_ctx *ctx);

/* @returns true when @p name[0..n) is a placeholder of the form in @p ctx:
 * "answers.ID" of one of its questions, or "booking.date" /
 * "booking.time" of a booking form. */
bool
fb_render_placeholder_known(const struct fb_render_ctx *ctx,
                            const char *name, size_t n);

/* Writes placeholder @p name[0..n) (known, see above): the answer as
 * check your answers shows it, on one line, escaped. */
void
fb_render_placeholder(struct fb_html *w, const struct fb_render_ctx *ctx,
                      const char *name, size_t n);

/* Writes the answer to @p q in @p a as people read it (dates spelt out,
 * options by label, "Not provided" when empty); @p inline_ keeps it on
 * one line (lines and boxes joined by ", "), else an address is on lines
 * and several boxes are a list. */
void
fb_render_answer(struct fb_html *w, const struct fb_render_ctx *ctx,
                 const struct fb_answers *a, const struct fb_question_desc *q,
                 bool inline_);

/* @returns true when block @p b is shown: it has no `when`, or there are
 * answers to test it on and it holds. */
bool
fb_render_block_shown(const struct fb_render_ctx *ctx,
                      const struct fb_block_desc *b);

/* Writes "Your booking" (day, window, manage and calendar links) on the
 * confirmation of a booking form whose answers (ctx->summary) hold a
 * day; nothing otherwise. */
void
fb_render_booking_summary(struct fb_html *w, const struct fb_render_ctx *ctx);

/*
 * Writes the opening of a <form>: method post, novalidate, the action,
 * the CSRF token and the honeypot field.
 */
void
fb_render_form_open(struct fb_html *w, const struct fb_render_ctx *ctx);

/* Writes author text @p t in @p lang as element content; text that has
 * no @p lang and shows its English instead (a form built with
 * --allow-missing-translations) is wrapped in <span lang="en">, WCAG
 * 3.1.2 Language of Parts. */
void
fb_render_i18n(struct fb_html *w, const struct fb_i18n *t, enum fb_lang lang);

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

/* The GOV.UK error summary of ctx->errors (render_page.c). */
void
fb_render_error_summary(struct fb_html *w, const struct fb_render_ctx *ctx);

/* Check your answers' rows for repeating page @p p: its count with a
 * Change link to its summary, then one row per item (render_repeat.c). */
void
fb_render_repeat_rows(struct fb_html *w, const struct fb_render_ctx *ctx,
                      const struct fb_page_desc *p);
