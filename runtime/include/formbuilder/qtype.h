/* SPDX-License-Identifier: MIT */
/*
 * The question-type table: every fact about a question type in one row,
 * read by formc (names, which rules apply, parts, payload schemas) and by
 * the runtime (readers, renderers, error anchors, check-answers display)
 * alike, as Lua's luaP_opmodes tells both its parser and its VM what each
 * opcode is. Adding a type means a row here, its reader and its renderer.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/answers.h"
#include "formbuilder/form.h"
#include "formbuilder/messages.h"
#include "formbuilder/validate.h"

/* An address found by a lookup (fb_question_desc.address_lookup) also
 * stores the property's Unique Property Reference Number as "ID.uprn":
 * set by the server from the provider's answer, never typed, and
 * dropped when the resident edits the address by hand. */
#define FB_UPRN_SUFFIX "uprn"
#define FB_UPRN_PATTERN "^[0-9]{1,12}$"
/* Such an address's page also posts the postcode to search as "ID-find"
 * (kept only while the resident chooses, never stored as an answer). */
#define FB_ADDRESS_FIND_SUFFIX "find"

/* One posted part of a question that has several inputs (date, address,
 * a name in parts). Posted as "ID-SUFFIX"; stored as "ID.SUFFIX" unless
 * the type stores one combined value (a date is stored as one ISO date). */
struct fb_part_info {
    const char *suffix;        /* "day", "line1", "given" */
    enum fb_msg label;         /* the visible label, "Day" */
    enum fb_msg missing;       /* said when it is required and empty */
    const char *autocomplete;  /* token of this part, or NULL */
    const char *width;         /* govuk-input--width-N class, or NULL */
    bool optional;             /* address line 2, a name's title */
    /* As fb_qtype_info.stored_pattern, for a part stored as its own
     * value (an address's postcode), or NULL. */
    const char *stored_pattern;
};

/* How a type's normalised answer is stored, and so how payloads and
 * schemas carry it. */
enum fb_stored {
    FB_STORED_TEXT,            /* one string */
    FB_STORED_NUMBER,          /* canonical decimal, e.g. "1000.5" */
    FB_STORED_DATE,            /* ISO "YYYY-MM-DD" */
    FB_STORED_TIME,            /* "HH:MM", 24-hour */
    FB_STORED_PENCE,           /* money: whole pence as digits, "123450" */
    FB_STORED_CHOICE,          /* one option value */
    FB_STORED_CHOICES,         /* an option value per chosen box */
    FB_STORED_BOOLEAN,         /* yes_no: "yes" or "no" */
    FB_STORED_PARTS,           /* "ID.SUFFIX" per part (address, name);
                                  one string for a type whose parts are
                                  chosen, when none are */
    FB_STORED_DATETIME,        /* slot: "YYYY-MM-DDTHH:MM" */
    FB_STORED_FILES            /* a reference per file (filetype.h); the
                                  payload has an object per file */
};

/* How a payload's JSON carries a stored answer (payload.c writes it so,
 * and the payload schema formc emits says so), by how it is stored. */
enum fb_json_type {
    FB_JSON_STRING,            /* text, ISO dates, times, option values */
    FB_JSON_NUMBER,            /* a number: the canonical decimal, bare */
    FB_JSON_INTEGER,           /* money in whole pence; a whole number */
    FB_JSON_BOOLEAN,           /* yes_no (true for yes), a declaration */
    FB_JSON_ARRAY,             /* checkboxes: an option value per box */
    FB_JSON_OBJECT             /* answers in parts: a string per part */
};

/* What a reader found besides the status, for the rules to check. */
struct fb_read_result {
    unsigned missing;          /* bit i: part i is missing */
    double number;             /* number */
    long long pence;           /* money */
    int minutes;               /* time: minutes since midnight */
    struct fb_date date;       /* date */
    size_t count;              /* checkboxes: how many were chosen */
};

/* Reads @p q's posted fields from @p in, stores the normalised answer in
 * @p out (removing it on anything but FB_FIELD_OK). */
typedef enum fb_field_status (*fb_qtype_reader)(
    const struct fb_question_desc *q, const struct fb_answers *in,
    struct fb_answers *out, struct fb_read_result *res);

/* The renderer's state for one question (private to the renderers). */
struct fb_question_render;

typedef void (*fb_qtype_renderer)(const struct fb_question_render *s);

struct fb_qtype_info {
    const char *name;          /* as written in YAML: "date" */
    const struct fb_part_info *parts; /* NULL when it posts one field */
    size_t n_parts;
    /* The question chooses its parts (fb_question_desc.parts bits); with
     * none chosen it posts one field "ID" (a name). Otherwise every part
     * is posted. */
    bool parts_chosen;
    bool parts_on_lines;       /* check answers: a line per part (an
                                  address), else joined by spaces */
    /* The part an error on the whole question links to (its element id is
     * "ID-SUFFIX"), or -1 for the element "ID" itself. */
    int anchor_part;
    bool has_options;          /* the author writes options */
    /* Always answered: a declaration is ticked to go on, a booking is a
     * day and a time; `required: false` is refused. */
    bool always_required;
    bool is_list;              /* several values under one name */
    enum fb_stored stored;
    /* Every answer the reader stores matches this regex, anchored with ^
     * and $ (JSON Schema needs them; fb_regex_compile() accepts them), or
     * it is NULL where any text or an option value is stored. Written in
     * the syntax PCRE2, JSON Schema and XSD share once XSD has the anchors
     * dropped: no lookaround, no escape but "\.". Payload schemas check
     * answers with it; see also fb_question_stored_pattern(). */
    const char *stored_pattern;
    const char *autocomplete;  /* default token, or NULL */
    unsigned rules;            /* bit (1u << kind) per rule that applies */
    enum fb_msg empty;         /* an empty required answer */
    enum fb_msg invalid;       /* present but not in the right format */
    /* Single-line inputs: <input type>, inputmode, a prefix shown before
     * the input ("£"), and whether spell checking is off. */
    const char *input_type;
    const char *inputmode;
    const char *prefix;
    bool no_spellcheck;
    fb_qtype_reader read;
    fb_qtype_renderer render;
};

/** @returns the row of @p t, or NULL when out of range. */
const struct fb_qtype_info *
fb_qtype(enum fb_qtype t);

/** @returns the type named @p name ("date"), or FB_Q__COUNT. */
enum fb_qtype
fb_qtype_from_name(const char *name);

/** @returns true when rule @p k applies to questions of type @p t. */
bool
fb_qtype_has_rule(enum fb_qtype t, enum fb_rule_kind k);

/** @returns the YAML key of rule @p k ("max_length"), or NULL. */
const char *
fb_rule_name(enum fb_rule_kind k);

/** @returns the regex @p q's stored answer matches: its type's
 *  stored_pattern, narrowed to whole numbers for a number question with
 *  the integer rule; NULL when the type has none. */
const char *
fb_question_stored_pattern(const struct fb_question_desc *q);

/** @returns how @p q's answer is stored: its type's way, except that a
 *  name asked in one input (no parts chosen) is one string. */
enum fb_stored
fb_question_stored(const struct fb_question_desc *q);

/** @returns the JSON type payloads give @p q's answer: its stored way's,
 *  an integer for a number question with the integer rule. */
enum fb_json_type
fb_question_json_type(const struct fb_question_desc *q);

/** @returns true when the stored boolean answer @p v means yes: yes_no's
 *  FB_YES, or a declaration's FB_DECLARATION_VALUE. */
bool
fb_stored_boolean(const char *v);

/** Writes into @p buf (@p cap bytes) the id of the element an error on
 *  @p q links to: "ID", or "ID-SUFFIX" of part @p part (-1: the type's
 *  anchor part). @returns @p buf. */
const char *
fb_question_anchor(const struct fb_question_desc *q, int part, char *buf,
                   size_t cap);
