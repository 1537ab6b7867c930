/* SPDX-License-Identifier: MIT */
/*
 * The question-type table (formbuilder/qtype.h): one row per type. The
 * readers it names are the readers' own (fb_read_TYPE_question(), beside
 * each reader in validate_*.c, declared in validate-priv.h), the
 * renderers live in render_question.c.
 */
#include "formbuilder/qtype.h"

#include <string.h>

#include "qtype-priv.h"
#include "render-priv.h"
#include "validate-priv.h"

#define RULE(k) (1u << FB_RULE_##k)
/* Rules every type with a typed text answer takes. */
#define TEXT_RULES (RULE(REQUIRED) | RULE(MIN_LENGTH) | RULE(MAX_LENGTH) | \
                    RULE(PATTERN) | RULE(MATCHES))

/* ---- stored forms, as anchored regexes (stored_pattern) ---------------- */

/* What each reader stores (validate.h says it in words); a unit test
 * reads sample answers with every reader and matches them against these. */

/* fb_read_phone(): national digits with the leading 0. */
static const char phone_stored[] = "^0[0-9]{9,10}$";
/* fb_postcode_normalise(), for postcode questions and an address's
 * postcode: upper case, one space before the inward code. */
static const char postcode_stored[] =
    "^(GIR 0AA|[A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2}|"
    "[A-Z]{1,2}[0-9][A-Z] [0-9][A-Z]{2})$";
/* fb_read_number(): canonical decimal. With the integer rule the driver
 * refuses fractions below 2^53 (beyond it every double is whole), and a
 * whole number is canonically written without a point. */
static const char number_stored[] = "^-?[0-9]+(\\.[0-9]+)?$";
static const char integer_stored[] = "^-?[0-9]+$";
static const char date_stored[] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
static const char slot_stored[] =
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$";
static const char time_stored[] = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
static const char pence_stored[] = "^[0-9]+$";
/* fb_read_ni_number(): HMRC's prefix letters (first not D F I Q U V,
 * second not D F I O Q U V, never BG GB KN NK NT TN ZZ), spelt out pair by
 * pair because XSD patterns have no lookahead; six digits; suffix A to D. */
static const char ni_stored[] =
    "^([ACEHJLMOPRSW-Y][A-CEGHJ-NPR-TW-Z]|B[A-CEHJ-NPR-TW-Z]|"
    "G[ACEGHJ-NPR-TW-Z]|[KT][A-CEGHJ-MPR-TW-Z]|N[A-CEGHJL-NPRSW-Z]|"
    "Z[A-CEGHJ-NPR-TW-Y])[0-9]{6}[A-D]$";

/* fb_file_ref_format(): hash, size, kind, the sanitised name. */
static const char file_stored[] =
    "^[0-9a-f]{64}:[0-9]+:(pdf|jpg|png|heic):[^:/]+$";

/* ---- parts --------------------------------------------------------------- */

/* A date's missing parts share one message (fb_validate_question). */
static const struct fb_part_info date_parts[] = {
    {"day", FB_MSG_DAY, FB_MSG_DATE_MISSING_DAY, NULL,
     "govuk-input--width-2", false, NULL},
    {"month", FB_MSG_MONTH, FB_MSG_DATE_MISSING_MONTH, NULL,
     "govuk-input--width-2", false, NULL},
    {"year", FB_MSG_YEAR, FB_MSG_DATE_MISSING_YEAR, NULL,
     "govuk-input--width-4", false, NULL},
};

static const struct fb_part_info address_parts[] = {
    {"line1", FB_MSG_LINE1, FB_MSG_ADDRESS_LINE1, "address-line1", NULL,
     false, NULL},
    {"line2", FB_MSG_LINE2, FB_MSG_ENTER, "address-line2", NULL, true, NULL},
    {"town", FB_MSG_TOWN, FB_MSG_ADDRESS_TOWN, "address-level2",
     "govuk-input--width-20", false, NULL},
    {"postcode", FB_MSG_POSTCODE, FB_MSG_ADDRESS_POSTCODE, "postal-code",
     "govuk-input--width-10", false, postcode_stored},
};

/* The FB_NAME_* bits of a question are bits of these parts. */
static const struct fb_part_info name_parts[] = {
    {"title", FB_MSG_TITLE, FB_MSG_ENTER, "honorific-prefix",
     "govuk-input--width-5", true, NULL},
    {"given", FB_MSG_GIVEN_NAME, FB_MSG_NAME_GIVEN, "given-name",
     "govuk-input--width-20", false, NULL},
    {"family", FB_MSG_FAMILY_NAME, FB_MSG_NAME_FAMILY, "family-name",
     "govuk-input--width-20", false, NULL},
};

/* ---- the table ----------------------------------------------------------- */

static const struct fb_qtype_info types[FB_Q__COUNT] = {
    [FB_Q_TEXT] = {
        .name = "text", .anchor_part = -1, .stored = FB_STORED_TEXT,
        .rules = TEXT_RULES, .empty = FB_MSG_ENTER, .invalid = FB_MSG_TOO_LONG,
        .input_type = "text",
        .read = fb_read_text_question, .render = fb_render_input,
    },
    [FB_Q_TEXTAREA] = {
        .name = "textarea", .anchor_part = -1, .stored = FB_STORED_TEXT,
        .rules = TEXT_RULES, .empty = FB_MSG_ENTER, .invalid = FB_MSG_TOO_LONG,
        .read = fb_read_text_question, .render = fb_render_textarea,
    },
    [FB_Q_EMAIL] = {
        .name = "email", .anchor_part = -1, .stored = FB_STORED_TEXT,
        .autocomplete = "email", .rules = TEXT_RULES, .empty = FB_MSG_ENTER,
        .invalid = FB_MSG_EMAIL_FORMAT, .input_type = "email",
        .no_spellcheck = true,
        .read = fb_read_email_question, .render = fb_render_input,
    },
    [FB_Q_PHONE] = {
        .name = "phone", .anchor_part = -1, .stored = FB_STORED_TEXT,
        .stored_pattern = phone_stored,
        .autocomplete = "tel", .rules = TEXT_RULES, .empty = FB_MSG_ENTER,
        .invalid = FB_MSG_PHONE_FORMAT, .input_type = "tel",
        .no_spellcheck = true,
        .read = fb_read_phone_question, .render = fb_render_input,
    },
    [FB_Q_NUMBER] = {
        .name = "number", .anchor_part = -1, .stored = FB_STORED_NUMBER,
        .stored_pattern = number_stored,
        .rules = RULE(REQUIRED) | RULE(MIN) | RULE(MAX) | RULE(INTEGER) |
                 RULE(MATCHES),
        .empty = FB_MSG_ENTER, .invalid = FB_MSG_NUMBER_FORMAT,
        /* GOV.UK: type text with an input mode, not type number. */
        .input_type = "text", .inputmode = "decimal", .no_spellcheck = true,
        .read = fb_read_number_question, .render = fb_render_input,
    },
    [FB_Q_DATE] = {
        .name = "date", .parts = date_parts, .n_parts = 3, .anchor_part = 0,
        .stored = FB_STORED_DATE,
        .stored_pattern = date_stored,
        .rules = RULE(REQUIRED) | RULE(BEFORE) | RULE(AFTER) | RULE(PAST) |
                 RULE(FUTURE) | RULE(MATCHES),
        .empty = FB_MSG_ENTER, .invalid = FB_MSG_DATE_REAL,
        .read = fb_read_date_question, .render = fb_render_date,
    },
    [FB_Q_RADIOS] = {
        .name = "radios", .anchor_part = -1, .has_options = true,
        .stored = FB_STORED_CHOICE, .rules = RULE(REQUIRED) | RULE(MATCHES),
        .empty = FB_MSG_SELECT, .invalid = FB_MSG_SELECT,
        .read = fb_read_choice_question, .render = fb_render_radios,
    },
    [FB_Q_CHECKBOXES] = {
        .name = "checkboxes", .anchor_part = -1, .has_options = true,
        .is_list = true, .stored = FB_STORED_CHOICES,
        .rules = RULE(REQUIRED) | RULE(MIN_SELECTED) | RULE(MAX_SELECTED),
        .empty = FB_MSG_SELECT, .invalid = FB_MSG_SELECT,
        .read = fb_read_choices_question, .render = fb_render_checkboxes,
    },
    [FB_Q_SELECT] = {
        .name = "select", .anchor_part = -1, .has_options = true,
        .stored = FB_STORED_CHOICE, .rules = RULE(REQUIRED) | RULE(MATCHES),
        .empty = FB_MSG_SELECT, .invalid = FB_MSG_SELECT,
        .read = fb_read_choice_question, .render = fb_render_select,
    },
    [FB_Q_YES_NO] = {
        .name = "yes_no", .anchor_part = -1, .stored = FB_STORED_BOOLEAN,
        .rules = RULE(REQUIRED) | RULE(MATCHES), .empty = FB_MSG_SELECT,
        .invalid = FB_MSG_SELECT, .read = fb_read_choice_question,
        .render = fb_render_radios,
    },
    [FB_Q_POSTCODE] = {
        .name = "postcode", .anchor_part = -1, .stored = FB_STORED_TEXT,
        .stored_pattern = postcode_stored,
        .autocomplete = "postal-code", .rules = TEXT_RULES,
        .empty = FB_MSG_ENTER, .invalid = FB_MSG_POSTCODE_REAL,
        .input_type = "text", .no_spellcheck = true,
        .read = fb_read_postcode_question,
        .render = fb_render_input,
    },
    [FB_Q_ADDRESS] = {
        .name = "address", .parts = address_parts, .n_parts = 4,
        .parts_on_lines = true, .anchor_part = 0, .stored = FB_STORED_PARTS, .rules = RULE(REQUIRED) | RULE(IN_AREA),
        .empty = FB_MSG_ENTER, .invalid = FB_MSG_POSTCODE_REAL,
        .read = fb_read_address_question, .render = fb_render_address,
    },
    [FB_Q_DECLARATION] = {
        .name = "declaration", .anchor_part = -1, .stored = FB_STORED_BOOLEAN,
        .always_required = true,
        .rules = RULE(REQUIRED), .empty = FB_MSG_DECLARATION,
        .invalid = FB_MSG_DECLARATION,
        .read = fb_read_declaration_question,
        .render = fb_render_declaration,
    },
    [FB_Q_SLOT] = {
        .name = "slot", .anchor_part = -1, .stored = FB_STORED_DATETIME,
        .stored_pattern = slot_stored,
        .rules = RULE(REQUIRED) | RULE(MATCHES), .empty = FB_MSG_SELECT,
        .invalid = FB_MSG_SELECT, .input_type = "text", .no_spellcheck = true,
        .read = fb_read_slot_question, .render = fb_render_slot,
    },
    [FB_Q_NAME] = {
        .name = "name", .parts = name_parts, .n_parts = 3,
        .parts_chosen = true, .anchor_part = -1, .stored = FB_STORED_PARTS,
        .autocomplete = "name",
        .rules = RULE(REQUIRED) | RULE(MIN_LENGTH) | RULE(MAX_LENGTH),
        .empty = FB_MSG_ENTER, .invalid = FB_MSG_TOO_LONG,
        .input_type = "text", .no_spellcheck = true,
        .read = fb_read_name_question,
        .render = fb_render_name_input,
    },
    [FB_Q_TIME] = {
        .name = "time", .anchor_part = -1, .stored = FB_STORED_TIME,
        .stored_pattern = time_stored,
        .rules = RULE(REQUIRED) | RULE(BEFORE) | RULE(AFTER),
        .empty = FB_MSG_ENTER, .invalid = FB_MSG_TIME_FORMAT,
        .input_type = "text", .no_spellcheck = true,
        .read = fb_read_time_question,
        .render = fb_render_input,
    },
    [FB_Q_NI_NUMBER] = {
        .name = "ni_number", .anchor_part = -1, .stored = FB_STORED_TEXT,
        .stored_pattern = ni_stored,
        .rules = RULE(REQUIRED), .empty = FB_MSG_ENTER,
        .invalid = FB_MSG_NI_FORMAT, .input_type = "text",
        .no_spellcheck = true, .read = fb_read_ni_number_question,
        .render = fb_render_input,
    },
    [FB_Q_MONEY] = {
        .name = "money", .anchor_part = -1, .stored = FB_STORED_PENCE,
        .stored_pattern = pence_stored,
        .rules = RULE(REQUIRED) | RULE(MIN) | RULE(MAX),
        .empty = FB_MSG_ENTER, .invalid = FB_MSG_MONEY_FORMAT,
        .input_type = "text", .inputmode = "decimal", .prefix = "\u00a3",
        .no_spellcheck = true,
        .read = fb_read_money_question, .render = fb_render_input,
    },
    [FB_Q_AUTOCOMPLETE] = {
        .name = "autocomplete", .anchor_part = -1, .has_options = true,
        .stored = FB_STORED_CHOICE, .rules = RULE(REQUIRED),
        .empty = FB_MSG_SELECT, .invalid = FB_MSG_LISTED,
        .read = fb_read_listed_question, .render = fb_render_listed,
    },
    /* The driver also refuses a day the calendar does not offer on the
     * day (fb_calendar_offers()). Both types are always required. */
    [FB_Q_BOOKING_DATE] = {
        .name = "booking_date", .anchor_part = -1, .stored = FB_STORED_DATE,
        .always_required = true,
        .stored_pattern = date_stored, .rules = RULE(REQUIRED),
        .empty = FB_MSG_BOOKING_DATE, .invalid = FB_MSG_BOOKING_DATE,
        .read = fb_read_booking_date_question,
        .render = fb_render_booking_date,
    },
    /* Its options are the calendar's windows, given by formc. */
    [FB_Q_BOOKING_TIME] = {
        .name = "booking_time", .anchor_part = -1,
        .stored = FB_STORED_CHOICE, .rules = RULE(REQUIRED),
        .always_required = true,
        .empty = FB_MSG_BOOKING_TIME, .invalid = FB_MSG_BOOKING_TIME,
        .read = fb_read_choice_question, .render = fb_render_booking_time,
    },
    /* A reference per uploaded file (formbuilder/filetype.h), written by
     * the server, never typed. */
    [FB_Q_FILE] = {
        .name = "file", .anchor_part = -1, .is_list = true,
        .stored = FB_STORED_FILES, .stored_pattern = file_stored,
        .rules = RULE(REQUIRED), .empty = FB_MSG_FILE_SELECT,
        .invalid = FB_MSG_FILE_TYPE,
        .read = fb_read_file_question, .render = fb_render_file,
    },
};

const struct fb_qtype_info *const fb_qtype_rows = types;

const struct fb_qtype_info *
fb_qtype(enum fb_qtype t)
{
    return (unsigned)t < FB_Q__COUNT && types[t].name ? &types[t] : NULL;
}

const char *
fb_qtype_name(enum fb_qtype t)
{
    const struct fb_qtype_info *info = fb_qtype(t);
    return info ? info->name : NULL;
}

enum fb_qtype
fb_qtype_from_name(const char *name)
{
    for (int t = 0; t < FB_Q__COUNT; t++)
        if (types[t].name && strcmp(types[t].name, name) == 0)
            return (enum fb_qtype)t;
    return FB_Q__COUNT;
}

bool
fb_qtype_has_rule(enum fb_qtype t, enum fb_rule_kind k)
{
    const struct fb_qtype_info *info = fb_qtype(t);
    return info && (unsigned)k < FB_RULE__COUNT && (info->rules >> k) & 1u;
}

static const char *const rule_names[FB_RULE__COUNT] = {
    [FB_RULE_REQUIRED] = "required",
    [FB_RULE_MIN_LENGTH] = "min_length",
    [FB_RULE_MAX_LENGTH] = "max_length",
    [FB_RULE_PATTERN] = "pattern",
    [FB_RULE_MIN] = "min",
    [FB_RULE_MAX] = "max",
    [FB_RULE_INTEGER] = "integer",
    [FB_RULE_BEFORE] = "before",
    [FB_RULE_AFTER] = "after",
    [FB_RULE_PAST] = "past",
    [FB_RULE_FUTURE] = "future",
    [FB_RULE_MIN_SELECTED] = "min_selected",
    [FB_RULE_MAX_SELECTED] = "max_selected",
    [FB_RULE_MATCHES] = "matches",
    [FB_RULE_IN_AREA] = "in_area",
};

const char *
fb_rule_name(enum fb_rule_kind k)
{
    return (unsigned)k < FB_RULE__COUNT ? rule_names[k] : NULL;
}

const char *
fb_question_stored_pattern(const struct fb_question_desc *q)
{
    const struct fb_qtype_info *info = fb_qtype(q->type);
    if (info && q->type == FB_Q_NUMBER && q->integer)
        return integer_stored;
    return info ? info->stored_pattern : NULL;
}

enum fb_stored
fb_question_stored(const struct fb_question_desc *q)
{
    const struct fb_qtype_info *info = fb_qtype(q->type);
    if (!info)
        return FB_STORED_TEXT;
    if (info->stored == FB_STORED_PARTS && info->parts_chosen && !q->parts)
        return FB_STORED_TEXT;
    return info->stored;
}

/* The JSON type of each stored way: what the payload writes and its
 * schema states (a table, so no reader keeps its own switch). */
static const enum fb_json_type stored_json[] = {
    [FB_STORED_TEXT] = FB_JSON_STRING,
    [FB_STORED_NUMBER] = FB_JSON_NUMBER,
    [FB_STORED_DATE] = FB_JSON_STRING,
    [FB_STORED_TIME] = FB_JSON_STRING,
    [FB_STORED_PENCE] = FB_JSON_INTEGER,
    [FB_STORED_CHOICE] = FB_JSON_STRING,
    [FB_STORED_CHOICES] = FB_JSON_ARRAY,
    [FB_STORED_BOOLEAN] = FB_JSON_BOOLEAN,
    [FB_STORED_PARTS] = FB_JSON_OBJECT,
    [FB_STORED_DATETIME] = FB_JSON_STRING,
    [FB_STORED_FILES] = FB_JSON_ARRAY,
};

enum fb_json_type
fb_question_json_type(const struct fb_question_desc *q)
{
    if (q->type == FB_Q_NUMBER && q->integer)
        return FB_JSON_INTEGER;
    return stored_json[fb_question_stored(q)];
}

bool
fb_stored_boolean(const char *v)
{
    return strcmp(v, FB_YES) == 0 || strcmp(v, FB_DECLARATION_VALUE) == 0;
}

/* The part an error on the whole question links to: a question that
 * chooses its parts links to the first it uses. */
static int
anchor_part(const struct fb_question_desc *q,
            const struct fb_qtype_info *info)
{
    if (!info->parts_chosen)
        return info->anchor_part;
    for (size_t i = 0; i < info->n_parts; i++)
        if (q->parts & (1u << i))
            return (int)i;
    return -1;
}

/* Appends @p s[0..n) to @p buf at *@p at, keeping room for the NUL of a
 * buffer of @p cap > 0 bytes, as snprintf() would cut it. */
static void
append(char *buf, size_t cap, size_t *at, const char *s, size_t n)
{
    if (n > cap - 1 - *at)
        n = cap - 1 - *at;
    memcpy(buf + *at, s, n);
    *at += n;
}

const char *
fb_question_anchor(const struct fb_question_desc *q, int part, char *buf,
                   size_t cap)
{
    const struct fb_qtype_info *info = fb_qtype(q->type);
    size_t at = 0;
    if (cap == 0)
        return buf;
    if (info && part < 0)
        part = anchor_part(q, info);
    append(buf, cap, &at, q->id, strlen(q->id));
    if (info && part >= 0 && (size_t)part < info->n_parts) {
        const char *suffix = info->parts[part].suffix;
        append(buf, cap, &at, "-", 1);
        append(buf, cap, &at, suffix, strlen(suffix));
    }
    buf[at] = '\0';
    return buf;
}
