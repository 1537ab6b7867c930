/* SPDX-License-Identifier: MIT */
/*
 * Form descriptors: what formc generates for each form and the runtime
 * serves. A descriptor is constant data plus the generated functions that
 * carry the form's behaviour (conditions, validators, renderers); the
 * runtime never interprets YAML. formc also builds descriptors in memory to
 * write static review pages with the same renderers.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/answers.h"
#include "formbuilder/errors.h"
#include "formbuilder/html.h"

/* Languages a string can carry; English is always present. */
enum fb_lang {
    FB_LANG_EN,
    FB_LANG_CY,
    FB_LANG__COUNT
};

/* A user-facing string in every language; NULL where not translated. */
struct fb_i18n {
    const char *text[FB_LANG__COUNT];
};

/** @returns @p s in @p lang, falling back to English, or "" when @p s is
 *  NULL or has no text at all. Never NULL. */
const char *
fb_i18n_get(const struct fb_i18n *s, enum fb_lang lang);

/** @returns true when @p s has English text that is not empty. */
bool
fb_i18n_present(const struct fb_i18n *s);

enum fb_qtype {
    FB_Q_TEXT,
    FB_Q_TEXTAREA,
    FB_Q_EMAIL,
    FB_Q_PHONE,
    FB_Q_NUMBER,
    FB_Q_DATE,
    FB_Q_RADIOS,
    FB_Q_CHECKBOXES,
    FB_Q_SELECT,
    FB_Q_YES_NO,
    FB_Q_POSTCODE,
    FB_Q_ADDRESS,
    FB_Q_DECLARATION,
    FB_Q_SLOT,
    FB_Q__COUNT
};

/** @returns the language name of @p t ("email"), or NULL if out of range. */
const char *
fb_qtype_name(enum fb_qtype t);

/* A calendar date; month 1-12, day 1-31. */
struct fb_date {
    int year;
    int month;
    int day;
};

struct fb_question_desc;

struct fb_option_desc {
    const char *value;                         /* stored value */
    struct fb_i18n label;
    struct fb_i18n hint;
    const struct fb_question_desc *const *reveal; /* nested follow-ups */
    size_t n_reveal;
};

struct fb_question_desc {
    const char *id;            /* snake_case, unique in the form */
    enum fb_qtype type;
    struct fb_i18n label;
    struct fb_i18n hint;
    struct fb_i18n summary_label; /* check-answers row key; label if empty */
    const char *autocomplete;  /* HTML autocomplete token, or NULL */
    const struct fb_option_desc *options;
    size_t n_options;
    bool required;
    long max_length;           /* characters, 0 = no limit; sizes inputs */
    bool integer;              /* number questions: whole numbers only */
    /* Its `when`, or NULL when it always applies. */
    bool (*applies)(const struct fb_answers *answers);
    /* Set on a follow-up question shown under one option of another. */
    const struct fb_question_desc *revealed_by;
    const char *reveal_value;  /* the option value that reveals it */
};

enum fb_block_kind {
    FB_BLOCK_PARAGRAPH,
    FB_BLOCK_INSET,
    FB_BLOCK_WARNING,
    FB_BLOCK_DETAILS,
    FB_BLOCK_LIST
};

struct fb_block_desc {
    enum fb_block_kind kind;
    struct fb_i18n text;       /* paragraph, inset, warning, details body */
    struct fb_i18n summary;    /* details only: the clickable summary */
    const struct fb_i18n *items; /* list only */
    size_t n_items;
};

struct fb_render_ctx;

struct fb_page_desc {
    const char *id;
    struct fb_i18n title;
    bool exit;                 /* shows content and ends the journey */
    /* Every question of the page in order, follow-ups included. */
    const struct fb_question_desc *const *questions;
    size_t n_questions;
    const struct fb_block_desc *blocks;
    size_t n_blocks;
    /* Its `when`, or NULL when the page always applies. */
    bool (*applies)(const struct fb_answers *answers);
    /*
     * Checks this page's questions in @p in (the raw answers of the whole
     * journey, so `matches` and conditions can see other pages), adds the
     * normalised values of the questions that apply to @p out and one error
     * per failing question to @p errs. @p today is the date "today" means.
     * NULL on pages without questions.
     */
    void (*validate)(const struct fb_answers *in, const struct fb_date *today,
                     struct fb_answers *out, struct fb_errors *errs);
    /* Writes the whole page; NULL in descriptors built by formc in memory
     * (fb_render_page() does the same from the tables). */
    void (*render)(struct fb_html *w, const struct fb_render_ctx *ctx);
};

struct fb_forward_desc {
    const char *url;
    const char *format;        /* "json" or "xml" */
    const char *secret_env;    /* environment variable holding the key */
};

struct fb_form_desc {
    const char *slug;          /* URL path segment */
    struct fb_i18n title;
    const char *version;       /* stable hash of the model */
    const char *pattern;       /* service pattern name, or NULL */
    struct fb_i18n start_body;
    struct fb_i18n confirmation_title;
    struct fb_i18n confirmation_body;
    const char *reference_prefix;
    int retention_days;        /* 0 = keep until purged by hand */
    const struct fb_page_desc *pages;
    size_t n_pages;
    const struct fb_question_desc *const *questions; /* all, form order */
    size_t n_questions;
    const struct fb_forward_desc *forwards;
    size_t n_forwards;
    /* Compiles the form's regexes once; 0 on success. NULL if none. */
    int (*init)(void);
    /* Frees what init made. NULL if none. */
    void (*fini)(void);
};

/** @returns the question of @p form with @p id, or NULL. */
const struct fb_question_desc *
fb_form_find_question(const struct fb_form_desc *form, const char *id);

/** @returns the page of @p form with @p id, or NULL. */
const struct fb_page_desc *
fb_form_find_page(const struct fb_form_desc *form, const char *id);

/** @returns true when @p q applies given @p answers: its own `when` holds
 *  and, for a follow-up, the revealing option is chosen. */
bool
fb_question_applies(const struct fb_question_desc *q,
                    const struct fb_answers *answers);
