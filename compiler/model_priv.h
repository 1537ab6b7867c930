/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by the files that build the model (model.c,
 * model_read.c, model_rules.c, model_content.c, model_submit.c,
 * model_names.c). They read typed values out of loaded nodes and report
 * what is wrong with them; nothing outside fb_model_build() calls them.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* The keys valid in one kind of mapping, for unknown-key messages. */
struct fb_keyset {
    const char *where;         /* "a question", "validate" */
    const char *const *names;
    size_t n;
};

/* Called for a key not in the set; returns true when it reported the key
 * itself (e.g. a literal secret), false to get the unknown-key error. */
typedef bool (*fb_unknown_key_fn)(struct fb_compiler *c,
                                  const struct fb_pair *pair);

/**
 * Sorts the pairs of mapping @p map by key: out_keys[i] and out_vals[i] get
 * the key and value named ks->names[i], or NULL. Unknown keys are passed to
 * @p unknown (may be NULL), then reported as "unknown-key" with a
 * did-you-mean. The loader has already rejected duplicate keys.
 * @returns a mask with bit i set when names[i] was suggested for a
 * misspelt key, so the caller need not also report it missing.
 */
unsigned long
fb_model_keys(struct fb_compiler *c, const struct fb_node *map,
              const struct fb_keyset *ks, const struct fb_node **out_keys,
              const struct fb_node **out_vals, fb_unknown_key_fn unknown);

/** Reports "missing-key" at @p map when @p val is NULL: "a page needs
 *  'title'", unless bit @p bit of @p suggested says an unknown-key error
 *  already proposed it (pass 0 for none). @returns true when the key is
 *  there. */
bool
fb_model_need(struct fb_compiler *c, const struct fb_node *map,
              const struct fb_node *val, const char *where, const char *key,
              unsigned long suggested, unsigned bit);

/** Reports "wrong-type": "@p subject must be @p expected, not a list".
 *  @p subject is quoted by the caller: "'title'" or "each page". */
void
fb_model_wrong_type(struct fb_compiler *c, const struct fb_node *n,
                    const char *subject, const char *expected);

/** @returns true when @p n is YAML null: empty, ~ or null, unquoted. */
bool
fb_model_is_null(const struct fb_node *n);

/** @returns true when @p n is a mapping, else reports wrong-type. */
bool
fb_model_mapping(struct fb_compiler *c, const struct fb_node *n,
                 const char *subject);

/** @returns true when @p n is a list, else reports wrong-type. */
bool
fb_model_list(struct fb_compiler *c, const struct fb_node *n,
              const char *subject);

/** @returns the text of scalar @p n (in the arena, non-empty), or NULL
 *  after reporting wrong-type (not a scalar, null) or wrong-value (empty).
 *  @p name is the key, for the message. */
const char *
fb_model_string(struct fb_compiler *c, const struct fb_node *n,
                const char *name);

/** Reads a user-facing text: a string or {en: ..., cy: ...}. Block
 *  scalars lose their trailing newlines. @returns false after reporting. */
bool
fb_model_text(struct fb_compiler *c, const struct fb_node *n,
              const char *name, struct fb_text *out);

/** Reads true or false (nothing else: YAML 1.1's yes/no/on/off are
 *  reported). @returns 1, 0, or -1 after reporting wrong-type. */
int
fb_model_bool(struct fb_compiler *c, const struct fb_node *n,
              const char *name);

/** @returns true when @p n is an unquoted YAML 1.1 boolean word that is
 *  not true/false here (yes, No, ON, ...). */
bool
fb_model_is_yaml11_bool(const struct fb_node *n);

/** Reads a whole number (plain scalar) into @p out. @returns false after
 *  reporting wrong-type or wrong-value (out of range of a long). */
bool
fb_model_whole(struct fb_compiler *c, const struct fb_node *n,
               const char *name, long *out);

/** Reads an integer or decimal (plain scalar) into @p out. @returns false
 *  after reporting wrong-type. */
bool
fb_model_number(struct fb_compiler *c, const struct fb_node *n,
                const char *name, double *out);

/** Reads a date for before/after. @returns false after reporting
 *  "bad-date" or wrong-type. */
bool
fb_model_date_ref(struct fb_compiler *c, const struct fb_node *n,
                  const char *name, struct fb_date_ref *out);

/** Checks a page or question id (snake_case, at most 64 characters),
 *  reporting "bad-id" with a suggestion. @p what is "page", "question".
 *  @returns the id in the arena (even when badly formed: the checks still
 *  see it), or NULL when @p n is not usable text. */
const char *
fb_model_id(struct fb_compiler *c, const struct fb_node *n,
            const char *what);

/** Reads the rules of @p q: its `required` key (@p required_key and
 *  @p required_val, either may be NULL) and its `validate` mapping. Type
 *  dependent checks are skipped when q->type is FB_Q__COUNT. */
void
fb_model_rules(struct fb_compiler *c, struct fb_question *q,
               const struct fb_node *required_key,
               const struct fb_node *required_val,
               const struct fb_node *validate);

/** Reads an `options` list @p n into q->options (any kind of node: null
 *  reads as none, anything but a list is reported), reporting and dropping
 *  options without a usable value and values used twice. */
void
fb_model_options(struct fb_compiler *c, struct fb_question *q,
                 const struct fb_node *n);

/** Reads the options of autocomplete question @p q from the shared list
 *  named by @p n, the value of its `list` key (model_list.c, which says
 *  where lists are looked for). Problems inside the list file are
 *  reported at @p n, with notes where they are. */
void
fb_model_shared_list(struct fb_compiler *c, struct fb_question *q,
                     const struct fb_node *n);

/** Reads a page's `content` list into page->blocks. */
void
fb_model_blocks(struct fb_compiler *c, struct fb_page *page,
                const struct fb_node *content);

/** Reads a `content` list (of a page, or of the confirmation) into
 * *@p out_blocks and *@p out_n; bad blocks are reported and skipped. */
void
fb_model_content(struct fb_compiler *c, const struct fb_node *content,
                 struct fb_block **out_blocks, size_t *out_n);

/** Reads the `booking` mapping @p n (the value of key @p key) into
 *  form->booking (model_booking.c), with its holiday list. */
void
fb_model_booking(struct fb_compiler *c, struct fb_form *form,
                 const struct fb_node *key, const struct fb_node *n);

/** Reads `lookup: {provider, message, fill}` (@p key, @p n: a mapping) of
 *  one-value question @p q into q->lookup (model_lookup.c). */
void
fb_model_lookup(struct fb_compiler *c, struct fb_question *q,
                const struct fb_node *key, const struct fb_node *n);

/** Reads a file question's `accept`, `max_size` and `max_files`
 *  (model_file.c): keys and values in that order, NULL where not
 *  written; on another type each written key is reported. */
void
fb_model_file(struct fb_compiler *c, struct fb_question *q,
              const struct fb_node *const keys[3],
              const struct fb_node *const values[3]);
/** Reads `prefill: {from: query, sign_env: NAME}` into @p form
 *  (model_prefill.c). */
void
fb_model_prefill(struct fb_compiler *c, struct fb_form *form,
                 const struct fb_node *n);

/** @returns the environment variable's name in @p n (the value of
 *  @p key), or NULL after reporting a name that cannot be one. */
const char *
fb_model_env_name(struct fb_compiler *c, const struct fb_node *n,
                  const char *key);

/** Reads the `submit` mapping into @p form. */
void
fb_model_submit(struct fb_compiler *c, struct fb_form *form,
                const struct fb_node *submit);

/* Reads `payment:` (model_payment.c). */
void
fb_model_payment(struct fb_compiler *c, struct fb_form *form,
                 const struct fb_node *key, const struct fb_node *n);

/** @returns true when @p token is a valid HTML autocomplete value (an
 *  autofill field name, optionally after section-*, shipping/billing and
 *  home/work/mobile/fax/pager; or on/off). Sets *out_suggest to the
 *  nearest field name when not valid (may be NULL). */
bool
fb_model_autocomplete_ok(const char *token, const char **out_suggest);

/** @returns the names of the types in @p mask (bit per enum fb_qtype),
 *  as "text, email and phone", in the arena. */
const char *
fb_model_type_list(struct fb_compiler *c, unsigned mask);

/** @returns true when @p s is non-empty and made of [a-z][a-z0-9_]*. */
bool
fb_model_is_snake(const char *s);

/* Reads submit.events_secret_env (@p secret, NULL when absent) and
 * submit.event_statuses (@p statuses) into @p form (model_events.c). */
void
fb_model_events(struct fb_compiler *c, struct fb_form *form,
                const struct fb_node *secret, const struct fb_node *statuses);

/* The nodes of a live service's keys, NULL where not written. */
struct fb_live_nodes {
    const struct fb_node *opens, *closes, *closed_message, *max_submissions,
        *privacy;
};

/** Reads `opens`, `closes`, `closed_message`, `max_submissions` and
 *  `privacy` (model_live.c) into @p form, reporting what is wrong. */
void
fb_model_live(struct fb_compiler *c, struct fb_form *form,
              const struct fb_live_nodes *n);
/** Reads `via` and `template` (@p via_n, @p template_n, either NULL) of
 *  an email sent @p where (model_submit.c): smtp by default, a Notify
 *  template id with via: notify alone. @returns false after reporting. */
bool
fb_model_email_via(struct fb_compiler *c, const struct fb_node *map,
                   const struct fb_node *via_n,
                   const struct fb_node *template_n, const char *where,
                   enum fb_email_via *out_via, const char **out_template);

/** Reads `save_and_return:` (model_save.c) after `submit:`, whose
 *  confirmation email it may send its links the same way as. */
void
fb_model_save_return(struct fb_compiler *c, struct fb_form *form,
                     const struct fb_node *key, const struct fb_node *n);
/** Reads page @p page's `repeat:` mapping (@p key, @p val) into
 *  page->repeat (model_repeat.c), reporting what is malformed. */
void
fb_model_repeat(struct fb_compiler *c, struct fb_page *page,
                const struct fb_node *key, const struct fb_node *val);
