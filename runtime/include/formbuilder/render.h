/* SPDX-License-Identifier: MIT */
/*
 * Page renderers: the markup of every page a resident sees, following the
 * GOV.UK Design System patterns. Generated page renderers call the pieces
 * (open, question, block, close); formc's static pages and the runtime's
 * journey pages call the whole-page functions. All text is escaped through
 * the HTML writer.
 */
#pragma once

#include <stdbool.h>

#include "formbuilder/answers.h"
#include "formbuilder/booking.h"
#include "formbuilder/errors.h"
#include "formbuilder/form.h"
#include "formbuilder/html.h"

/* The link to the page in the other language of a bilingual form. */
struct fb_lang_link {
    const char *href;  /* the page with ?lang=, or NULL: no link */
    /* A page shown again after a POST (its answers and errors not
     * stored): a button that posts the page's form to href, so what the
     * resident typed comes back in the other language. */
    bool post;
};

/* An address question found by postcode (fb_question_desc.address_lookup)
 * is asked in steps, all on its own page and without script: the
 * postcode, then a choice of the addresses found, else the parts typed
 * in. The server decides the step and fills this; NULL shows the parts. */
enum fb_address_step {
    FB_ADDRESS_STEP_TYPED,   /* the parts (after a failure: with a notice) */
    FB_ADDRESS_STEP_FIND,    /* a postcode ("ID-find") and Find address */
    FB_ADDRESS_STEP_CHOOSE,  /* a select of the addresses ("ID-uprn") */
};

struct fb_address_choice {
    const char *uprn;
    const char *label;
};

struct fb_address_view {
    const struct fb_question_desc *q;  /* the question these steps ask */
    enum fb_address_step step;
    const char *postcode;    /* the postcode searched (choose step) */
    const struct fb_address_choice *choices;
    size_t n_choices;
    bool unavailable;        /* typed step: the lookup failed, say so */
    const char *typed_href;  /* "Enter the address manually" / "I cannot
                                find my address in the list" */
    const char *find_href;   /* the postcode step again, or NULL */
};

struct fb_render_ctx {
    const struct fb_form_desc *form;
    const struct fb_page_desc *page;  /* NULL on start/check/confirmation */
    const struct fb_answers *answers; /* raw answers to show again, or NULL */
    /* Normalised answers of the pages before this one, which the page's
     * conditions test; NULL tests them on answers. */
    const struct fb_answers *known;
    const struct fb_errors *errors;   /* NULL or empty: no errors */
    enum fb_lang lang;
    const struct fb_date *today; /* the day conditions are evaluated on */
    const char *form_href;   /* the form's base URL, e.g. "/report-x/" */
    const char *assets_href; /* where the stylesheet is, e.g. "/assets/" */
    const char *action;      /* form action URL; NULL posts to this URL */
    const char *back_href;   /* back link target, or NULL for none */
    const char *csrf_token;  /* hidden field value, or NULL (static pages) */
    const char *reference;   /* confirmation page only */
    /* Check answers: the pages that apply, in journey order. */
    const struct fb_page_desc *const *journey;
    size_t n_journey;
    const struct fb_answers *summary; /* normalised answers, check page */
    bool changing;           /* came from a Change link: return there */
    /* Booking pages: places left, from the store; NULL shows every
     * offered place free (formbuilder/booking.h). */
    const struct fb_availability *availability;
    /* Confirmation of a booking: where the resident manages (changes or
     * cancels) the booking and downloads it as an .ics file; NULL: no
     * link (formc's static pages). Filled by the server. */
    const char *booking_manage_href;
    const char *booking_ics_href;
    /* The language link of a bilingual form; .href NULL: none. */
    struct fb_lang_link lang_link;
    /* A repeating page's item: the caption above its heading ("Person
     * 2"), or NULL. */
    const char *caption;
    /* Confirmation of a form taking progress updates: its track page
     * with the reference filled in; NULL: no link (formc's static
     * pages). Filled by the server. */
    const char *track_href;
    /* The step of the page's address found by postcode, or NULL. */
    const struct fb_address_view *address_view;
    /* Assisted digital: the staff member filling the form in for a
     * resident, and the channel ("phone", "face-to-face"); with a
     * channel every page shows the banner (fb_render_assist_banner()).
     * NULL: the resident's own journey. */
    const char *assisted_by;
    const char *assist_channel;
    /* Under a question page's form (the server's, never static pages):
     * "Save and come back later" to save_href (NULL: the form does not
     * save), and how many idle minutes delete the answers (0: no note). */
    const char *save_href;
    long idle_minutes;
};

/* Name of the hidden honeypot field: real people never fill it in. */
#define FB_HONEYPOT_FIELD "website"
/* Name of the hidden CSRF token field. */
#define FB_CSRF_FIELD "csrf_token"
/* id of a page's form when a language button outside it posts it. */
#define FB_FORM_ID "fb-form"

/** Writes a whole question page from the descriptor tables (the same
 *  pieces a generated renderer calls). */
void
fb_render_page(struct fb_html *w, const struct fb_render_ctx *ctx);

/** Writes everything up to the page's first question: document head with
 *  the title ("Error: " first when there are errors), skip link, header,
 *  back link, error summary, h1 and the opening of the form. */
void
fb_render_page_open(struct fb_html *w, const struct fb_render_ctx *ctx);

/** Writes one question of ctx->page (follow-ups are written by the
 *  question that reveals them, and write nothing here). */
void
fb_render_question(struct fb_html *w, const struct fb_render_ctx *ctx,
                   const struct fb_question_desc *q);

/** Writes one content block. */
void
fb_render_block(struct fb_html *w, const struct fb_render_ctx *ctx,
                const struct fb_block_desc *b);

/** Writes the continue button, closes the form and the document. */
void
fb_render_page_close(struct fb_html *w, const struct fb_render_ctx *ctx);

/** Start page: title, start body and a start button. */
void
fb_render_start(struct fb_html *w, const struct fb_render_ctx *ctx);

/** Check your answers: a summary list of each applying page's answers
 *  with Change links, and the submit button. */
void
fb_render_check_answers(struct fb_html *w, const struct fb_render_ctx *ctx);

/** Confirmation panel with ctx->reference, then for a booking form "Your
 *  booking" (the day and window from ctx->summary, the normalised answers
 *  of the journey, and the links ctx->booking_manage_href and
 *  ctx->booking_ics_href when set), the confirmation body and its content
 *  blocks (their `when` and placeholders evaluated on ctx->summary). */
void
fb_render_confirmation(struct fb_html *w, const struct fb_render_ctx *ctx);

/*
 * Writes "<!DOCTYPE html>" up to the opening of the main column: head with
 * the title "[Error: ]@p page_title - @p form_title - site", skip link,
 * header naming the form (linked to @p form_href when not NULL), the back
 * link when @p back_href is set, the language link @p lang_link when it
 * is not NULL and has an href ("Cymraeg" on an English page, "English"
 * on a Welsh one) and the opening of <main>. Either title may be NULL.
 */
void
fb_render_doc_open(struct fb_html *w, enum fb_lang lang, bool error,
                   const char *page_title, const char *form_title,
                   const char *assets_href, const char *form_href,
                   const char *back_href,
                   const struct fb_lang_link *lang_link);

/* The council's service, shown in every page's frame: the server sets it
 * once at start from its configuration (docs/runtime.md), before any page
 * is written; formc's static pages keep the defaults (all NULL). */
#define FB_SITE_LINKS 8
struct fb_site {
    const char *name[FB_LANG__COUNT]; /* the header's name; NULL: the
                                       * catalogue's (English for Welsh
                                       * when only it is given) */
    const char *logo_url;      /* an image before the name, or NULL */
    const char *stylesheet;    /* the council's colours, linked after the
                                * project's stylesheet, or NULL */
    const char *phase;         /* "alpha", "beta" or NULL: the banner */
    const char *feedback_url;  /* the banner's feedback link, or NULL */
    const char *link_text[FB_SITE_LINKS];
    const char *link_url[FB_SITE_LINKS];
    size_t n_links;            /* footer links, in order */
    bool accessibility;        /* footer link to /accessibility */
};

/* Sets the site every later page is framed with (@p site must outlive
 * them; NULL: the defaults). Not thread-safe: call once, at start. */
void
fb_render_set_site(const struct fb_site *site);

/* @returns the site set, or the defaults. */
const struct fb_site *
fb_render_site(void);

/* @returns the site's name in @p lang. */
const char *
fb_render_site_name(enum fb_lang lang);
/**
 * Writes the assisted digital banner, GOV.UK inset text saying the form is being filled in for someone else, by whom (when
 * known) and on which channel, when @p assist_channel is not NULL;
 * nothing otherwise. Every page of an assisted journey writes it just
 * before its h1, the one place it is made.
 */
void
fb_render_assist_banner(struct fb_html *w, enum fb_lang lang,
                        const char *assist_channel, const char *assisted_by);

/*
 * The GOV.UK error summary of a page the server writes itself (staff
 * name, save and return, progress): fb_render_error_summary_open(), one
 * fb_render_error_summary_item() per error (@p anchor the id of the field
 * it is about, @p message its text), fb_render_error_summary_close().
 * Question pages write theirs from their errors (fb_render_page_open()).
 */
void
fb_render_error_summary_open(struct fb_html *w, enum fb_lang lang);
void
fb_render_error_summary_item(struct fb_html *w, const char *anchor,
                             const char *message);
void
fb_render_error_summary_close(struct fb_html *w);

/* Closes what fb_render_doc_open() opened and writes the footer. */
void
fb_render_doc_close(struct fb_html *w, enum fb_lang lang);

/* The same for a page of @p form (or NULL): its footer links to the
 * form's privacy notice when it has one. */
void
fb_render_doc_close_form(struct fb_html *w, enum fb_lang lang,
                         const struct fb_form_desc *form);

/** The page of @p form's privacy notice in its `privacy:` text. */
void
fb_render_privacy(struct fb_html *w, enum fb_lang lang,
                  const struct fb_form_desc *form);

/** The accessibility statement (docs/accessibility.md's template) of
 *  the site set with fb_render_set_site(), with its contact's @p email
 *  and @p phone (either NULL). */
void
fb_render_accessibility(struct fb_html *w, enum fb_lang lang,
                        const char *email, const char *phone);

/** The "Start again" confirmation of ctx->form (GOV.UK: a warning
 *  button that posts to ctx->action, and ctx->back_href to go back). */
void
fb_render_start_again(struct fb_html *w, const struct fb_render_ctx *ctx);

/** Writes the "Start again" link of a journey's page @p page_id (NULL:
 *  check your answers) under ctx->form_href. */
void
fb_render_start_again_link(struct fb_html *w, const struct fb_render_ctx *ctx,
                           const char *page_id);

/** @returns where @p form's privacy notice is: its `privacy:` URL, or
 *  "/SLUG/privacy-notice" (written in @p buf) for a notice in its text; NULL
 *  when it has none. */
const char *
fb_render_privacy_href(const struct fb_form_desc *form, char *buf,
                       size_t cap);

/** A plain page for errors such as 400 and 404: a title and a message,
 *  both already in @p lang. */
void
fb_render_message_page(struct fb_html *w, enum fb_lang lang,
                       const char *assets_href, const char *title,
                       const char *message);

/** The index of every form served in @p lang, each a link to its start
 *  page (with ?lang= when it is offered in @p lang, so it starts in it;
 *  else its English title, marked lang="en"), with the language link
 *  @p lang_link (or NULL). */
void
fb_render_index(struct fb_html *w, enum fb_lang lang,
                const char *assets_href,
                const struct fb_form_desc *const *forms, size_t n_forms,
                const struct fb_lang_link *lang_link);

/** @returns the project stylesheet (static, never freed). */
const char *
fb_stylesheet(size_t *out_len);

/* ---- repeating groups ("add another", formbuilder/repeat.h) ---- */

/* The field the group's summary posts ("yes": add another) and the one
 * its remove page posts ("yes": remove); neither can be a question id. */
#define FB_REPEAT_ADD_FIELD "add-another"
#define FB_REPEAT_REMOVE_FIELD "confirm-remove"
/* The id of the summary's list of items: too many items' error links
 * there. */
#define FB_REPEAT_ITEMS_ID "repeat-items"

/**
 * Writes repeating page ctx->page's summary: how many items, a summary
 * list with Change and Remove for each, and "Do you need to add another
 * ...?" while there is room. Items are read from ctx->summary (the
 * walk's normalised answers, "PAGE.N.NAME"); @p n_items is their number.
 * ctx->errors are the group's (too few, no answer).
 */
void
fb_render_repeat_summary(struct fb_html *w, const struct fb_render_ctx *ctx,
                         size_t n_items);

/**
 * Writes the page asking to confirm removing item @p item of ctx->page,
 * whose normalised answers (without "PAGE.N.") are ctx->summary.
 */
void
fb_render_repeat_remove(struct fb_html *w, const struct fb_render_ctx *ctx,
                        size_t item);
