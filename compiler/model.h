/* SPDX-License-Identifier: MIT */
/*
 * The form model: formc's typed IR, built from the loaded nodes by
 * model.c, checked by check.c (check.h) and lint.c (lint.h), lowered into
 * descriptors by lower.c. Every object carries its source location.
 * Question types, rule kinds and date references are the runtime's
 * (formbuilder/form.h, formbuilder/qtype.h): the model does not keep its
 * own copies. Private to compiler/.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "compiler.h"
#include "cond.h"
#include "formbuilder/form.h"
#include "formbuilder/qtype.h"
#include "load.h"

/* A user-facing string in every language (English always; Welsh where
 * the form is bilingual). Written in YAML as a plain string or as
 * {en: ..., cy: ...}, or given its Welsh by a sidecar (sidecar.h). */
struct fb_text {
    const char *lang[FB_LANG__COUNT]; /* NULL where not given */
    struct fb_loc loc;
    struct fb_loc at[FB_LANG__COUNT]; /* where each language was written */
};

/* One validation rule. Which fields mean something depends on the kind. */
struct fb_rule {
    bool present;
    struct fb_loc loc;         /* the rule's key */
    struct fb_loc value_loc;
    double number;             /* min, max (money: pounds) */
    long count;                /* min/max_length, min/max_selected; time
                                  before/after: minutes since midnight */
    const char *string;        /* pattern source, matches question id */
    struct fb_date_ref date;   /* before, after (dates) */
    struct fb_text message;    /* the author's message, or all NULL */
    struct fb_question *target; /* matches: resolved by the checks */
    const char **areas;        /* in_area: postcode areas, council codes */
    size_t n_areas;
};

struct fb_question;
struct fb_page;

/* One `fill:` entry of a lookup: the reply's field and the question whose
 * answer it fills (resolved by the checks, check_lookup.c). */
struct fb_lookup_fill_ref {
    const char *field;         /* [a-z][a-z0-9_]* */
    struct fb_loc field_loc;
    const char *id;            /* the question id as written */
    struct fb_loc id_loc;
    struct fb_question *target; /* resolved by the checks, or NULL */
};

/* `lookup: {provider, message, fill}` of a one-value question
 * (model_lookup.c): its answer is checked against a council's endpoint,
 * which the server's configuration says where to find. */
struct fb_lookup {
    struct fb_loc loc;         /* the mapping */
    struct fb_loc key_loc;     /* the `lookup` key */
    const char *provider;      /* [a-z0-9-]{1,40}, or NULL after an error */
    struct fb_text message;    /* said when the endpoint does not know it */
    struct fb_lookup_fill_ref *fill;
    size_t n_fill;
};

struct fb_option {
    const char *value;
    struct fb_text label;
    struct fb_text hint;
    struct fb_loc loc;
    const char **reveal;       /* question ids shown under this option */
    struct fb_loc *reveal_locs;
    size_t n_reveal;
    struct fb_question **revealed; /* resolved by the checks */
};

struct fb_question {
    const char *id;
    enum fb_qtype type;
    struct fb_text label;
    struct fb_text hint;
    struct fb_text summary_label;
    const char *autocomplete;  /* explicit, or NULL for the type default */
    bool autocomplete_written; /* the key was written, even if refused */
    struct fb_cond *when;
    struct fb_rule rules[FB_RULE__COUNT];
    struct fb_option *options;
    size_t n_options;
    bool has_options;          /* the key was written, even if empty */
    unsigned parts;            /* name: FB_NAME_* bits, 0 = one input */
    const char *list;          /* autocomplete: the shared list's name */
    struct fb_loc list_loc;    /* its value */
    bool display_select;       /* autocomplete: `display: select` */
    /* file: `accept` (bits of enum fb_file_kind), `max_size` (bytes),
     * `max_files` (model_file.c; defaults set there) */
    unsigned file_accept;
    long long file_max_size;
    unsigned file_max_files;
    /* address: `lookup:`, the provider that finds it by postcode
     * ("os-places"), or NULL */
    const char *address_lookup;
    /* any other one-value question: `lookup:`, the endpoint its answer is
     * checked against, or NULL */
    struct fb_lookup *lookup;
    struct fb_loc loc;         /* the question mapping */
    struct fb_loc id_loc;
    struct fb_loc type_loc;
    struct fb_loc options_loc;
    struct fb_page *page;
    size_t index;              /* position in the form, 0-based */
    /* Set by the checks when an option of another question reveals it. */
    struct fb_question *revealed_by;
    struct fb_option *revealed_by_option;
};

struct fb_block {
    enum fb_block_kind kind;
    struct fb_cond *when;      /* NULL: always shown */
    struct fb_text text;
    struct fb_text summary;    /* details */
    struct fb_text *items;     /* list */
    size_t n_items;
    struct fb_loc loc;
};

/* A page's `repeat:` mapping (model_repeat.c): the page is a repeating
 * group, asked once per item ("add another"). */
struct fb_repeat {
    struct fb_loc loc;         /* the mapping */
    struct fb_loc key_loc;     /* the `repeat` key */
    long min;                  /* 0 when not written */
    long max;
    struct fb_loc min_loc, max_loc;
    struct fb_text item_one;   /* item_label, or its `one` */
    struct fb_text item_other; /* its `other`, or item_one with "s" */
    struct fb_loc item_loc;
    struct fb_text summary;    /* "{name}, {relationship}", or unset */
    struct fb_loc summary_loc;
};

struct fb_page {
    const char *id;
    struct fb_text title;
    struct fb_cond *when;
    bool exit;
    struct fb_question **questions;
    size_t n_questions;
    struct fb_block *blocks;
    size_t n_blocks;
    struct fb_loc loc;
    struct fb_loc id_loc;
    struct fb_loc exit_loc;
    size_t index;
    struct fb_repeat *repeat;  /* NULL: asked once */
};

struct fb_forward {
    enum fb_target_kind kind;
    const char *url;
    const char *format;        /* "json" (default) or "xml" */
    const char *secret_env;
    struct fb_header_desc *headers;
    size_t n_headers;
    bool allow_http;
    enum fb_forward_files files; /* `files:`; reference by default */
    struct fb_loc files_loc;   /* where `files: multipart` is written */
    const char *email;
    enum fb_email_via via;
    const char *template_id;
    const char *file;
    struct fb_loc loc;
};

/* submit.confirmation_email: `to` is checked against the questions. */
struct fb_confirmation_email {
    const char *to;
    struct fb_loc to_loc;
    enum fb_email_via via;
    const char *template_id;
};

/* `save_and_return:` (model_save.c): email NULL-via means the
 * confirmation email's way is used, which the reader resolves. */
struct fb_save_return {
    struct fb_loc loc;         /* the mapping */
    struct fb_loc key_loc;     /* the `save_and_return` key */
    long expires_days;
    enum fb_email_via via;
    const char *template_id;
};

/* A bookable window of a calendar: a session as written, or one of the
 * regular slots formc expands (id "HH:MM", no label). */
struct fb_window {
    const char *id;
    struct fb_text label;      /* sessions only */
    int start;                 /* minutes since midnight */
    int end;
    int capacity;
    struct fb_loc loc;
};

/* The form's `booking:` mapping (model_booking.c), with its holiday list
 * read and merged into `closed`. */
struct fb_booking {
    struct fb_loc loc;         /* the mapping */
    struct fb_loc key_loc;     /* the `booking` key */
    const char *calendar;
    unsigned days;             /* bit (1u << FB_MONDAY) ... */
    bool slots;
    struct fb_window *windows; /* in time order */
    size_t n_windows;
    int lead_days;
    int horizon_days;
    struct fb_date *closed;    /* closed: and the holidays, sorted, once */
    size_t n_closed;
    const char *holidays;
    int hold_seconds;
    bool has_limit;
    const char *limit_per;     /* a question id, resolved by the checks */
    struct fb_loc limit_per_loc;
    int limit_count;
    int limit_period_days;
    struct fb_question *limit_question;
};

/* One of submit.event_statuses: a status the form adds to the built-in
 * ones (formbuilder/events.h). */
struct fb_event_status {
    const char *id;
    struct fb_loc id_loc;
    struct fb_text label;
    struct fb_loc loc;
};

/* The form's `payment:` (model_payment.c): one of amount (has_amount)
 * or from, with table when from is a choice question. */
struct fb_payment_row {
    const char *value;
    long pence;
    struct fb_loc loc;
};

struct fb_payment {
    struct fb_loc loc;         /* the mapping */
    struct fb_loc key_loc;     /* the `payment` key */
    bool has_amount;
    long amount;               /* pence */
    struct fb_loc amount_loc;
    const char *from;          /* a question id, resolved by the checks */
    struct fb_loc from_loc;
    struct fb_question *from_question;
    struct fb_payment_row *table;
    size_t n_table;
    struct fb_loc table_loc;
    struct fb_text description;
    const char *reference_prefix;
};

struct fb_form {
    const struct fb_source *src;
    const struct fb_source *sidecar; /* its NAME.cy.yaml, or NULL */
    const char *slug;
    struct fb_loc slug_loc;
    struct fb_text title;
    unsigned languages;        /* FB_LANG_BIT()s of `languages:` (lang.h);
                                  English only when not written */
    struct fb_loc languages_loc; /* the list, or the form when not written */
    const char *pattern;       /* the service pattern it was expanded
                                  from, or NULL */
    struct fb_loc pattern_loc;
    struct fb_text start_body;
    struct fb_text confirmation_title;
    struct fb_text confirmation_body;
    struct fb_block *confirmation_blocks; /* confirmation: content */
    size_t n_confirmation_blocks;
    struct fb_booking *booking; /* NULL: the form books nothing */
    const char *reference_prefix;
    struct fb_forward *forwards;
    size_t n_forwards;
    struct fb_confirmation_email *confirmation_email; /* or NULL */
    long retention_days;       /* 0 = not set */
    struct fb_page **pages;
    size_t n_pages;
    struct fb_question **questions; /* every question, form order */
    size_t n_questions;
    struct fb_loc loc;
    /* `texts:`, by enum fb_form_text; unset where not written. */
    struct fb_text texts[FB_TEXT__COUNT];
    /* Progress updates (model_events.c): submit.events_secret_env and
     * submit.event_statuses. */
    const char *events_secret_env;
    struct fb_loc events_secret_env_loc;
    struct fb_event_status *event_statuses;
    size_t n_event_statuses;
    /* A live service (model_live.c): local "YYYY-MM-DDTHH:MM" times as
     * the runtime reads them (NULL: unset), the closed page's text, the
     * cap (0: none), the privacy notice's address or text. */
    const char *opens;
    const char *closes;
    struct fb_loc opens_loc, closes_loc;
    struct fb_text closed_message;
    long max_submissions;
    const char *privacy_url;
    struct fb_text privacy;
    struct fb_save_return *save_return; /* NULL: not offered */
    struct fb_payment *payment; /* NULL: the form is free */
    /* `prefill: {from: query, sign_env}`: the variable holding the key
     * prefill links are signed with, or NULL (model_prefill.c). */
    const char *prefill_sign_env;
};

/** @returns true when @p s can be a form's slug: [a-z][a-z0-9-]*, at most
 *  64 characters. */
bool
fb_model_slug_ok(const char *s);

/**
 * Builds the model from a loaded root node, reporting unknown keys (with a
 * did-you-mean), wrong value types, unknown question types, bad ids and
 * malformed rules, and carrying on past each. @returns the form, or NULL
 * when the root is not a usable mapping.
 */
struct fb_form *
fb_model_build(struct fb_compiler *c, const struct fb_node *root);

/** @returns the question with @p id, or NULL. */
struct fb_question *
fb_form_question(const struct fb_form *form, const char *id);

/** Parses a date reference: "YYYY-MM-DD" (a real date), "today",
 *  "today+14d" or "today-7d". Reports nothing. @returns false when @p s
 *  is none of these. */
bool
fb_date_ref_parse(const char *s, struct fb_date_ref *out);

/** @returns true when @p s is a number literal as forms write them:
 *  -?[0-9]+, and with @p decimal also an optional .[0-9]+. */
bool
fb_number_literal(const char *s, bool decimal);

/** @returns the English text of @p t, or NULL. */
const char *
fb_text_en(const struct fb_text *t);

/** @returns true when @p q must be answered: it says `required`, or its
 *  type is always required (formbuilder/qtype.h). */
bool
fb_question_required(const struct fb_question *q);

/** @returns true when questions of type @p t take one value typed in, so
 *  an endpoint can check it and a reply can fill it (`lookup:`): by the
 *  type table, no parts, not a list, no options, not always required
 *  (a declaration, a booking) and not a yes/no. */
bool
fb_model_one_value_type(enum fb_qtype t);

/** @returns the autocomplete token @p q gets: its own, or its type's
 *  default from the type table, or NULL. */
const char *
fb_question_autocomplete(const struct fb_question *q);
