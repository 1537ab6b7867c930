/* SPDX-License-Identifier: MIT */
/*
 * Form descriptors: what formc generates for each form and the runtime
 * serves. A form is constant data only: conditions as trees, rules as
 * tables, page items in order. One driver in libfbrt runs them
 * (formbuilder/driver.h: conditions, validation; formbuilder/render.h:
 * pages), in the server and in formc's static review pages alike, so a
 * form's behaviour is written down once. The runtime never reads YAML.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "formbuilder/answers.h"
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

/*
 * Question types. What each type is (its parts, stored form, the element
 * an error links to, its default autocomplete token, which rules apply,
 * its reader and renderer) is in one table, formbuilder/qtype.h.
 */
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
    FB_Q_NAME,
    FB_Q_TIME,
    FB_Q_NI_NUMBER,
    FB_Q_MONEY,
    FB_Q_AUTOCOMPLETE,
    FB_Q_BOOKING_DATE,         /* a day of the form's calendar */
    FB_Q_BOOKING_TIME,         /* a window of the day chosen */
    FB_Q_FILE,                 /* uploaded files (formbuilder/filetype.h) */
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

/* A date in a rule or condition: a fixed day, or today plus an offset,
 * worked out on the day the form is used. */
struct fb_date_ref {
    bool relative;             /* "today", "today+14d", "today-1d" */
    int offset_days;           /* relative only */
    struct fb_date date;       /* fixed only */
};

/** @returns the day @p r means when today is @p today. */
struct fb_date
fb_date_ref_resolve(const struct fb_date_ref *r, const struct fb_date *today);

struct fb_question_desc;
struct fb_calendar_desc;      /* formbuilder/booking.h */
struct fb_event_status_desc;  /* formbuilder/events.h */

/* A field name as formc writes it into descriptors: measured and hashed
 * (fb_name_hash()) once, at build time, not for every POST. */
struct fb_name {
    const char *s;
    size_t n;                  /* strlen(s) */
    uint32_t hash;             /* fb_name_hash(s, n) */
};

/** @returns the hash an answer set files the name @p s[0..n) under: what
 *  formc writes into struct fb_name and fb_question_desc.id_hash. */
uint32_t
fb_name_hash(const char *s, size_t n);

/* ---- conditions (`when:`), a tree the driver evaluates ---------------- */

enum fb_cond_op {
    FB_COND_IS,
    FB_COND_IS_NOT,
    FB_COND_HAS,
    FB_COND_ANSWERED,
    FB_COND_LT,
    FB_COND_LE,
    FB_COND_GT,
    FB_COND_GE,
    FB_COND_AND,
    FB_COND_OR,
    FB_COND_NOT,
    FB_COND_STARTS_WITH,       /* text begins with the literal (any case) */
    FB_COND_IN,                /* the answer is one of values[] */
    FB_COND_POSTCODE_IN        /* the postcode of an address or postcode
                                  question is in one of the areas or
                                  districts of values[] ("SK", "SK1") */
};

/* How a condition's literal was typed by the compiler, from the type of
 * the question it tests: numbers and dates compare by value, anything
 * else compares as the stored text. */
enum fb_literal_kind {
    FB_LITERAL_TEXT,
    FB_LITERAL_NUMBER,
    FB_LITERAL_DATE
};

struct fb_literal {
    enum fb_literal_kind kind;
    const char *text;          /* as written, unquoted: always set */
    double number;             /* FB_LITERAL_NUMBER */
    struct fb_date_ref date;   /* FB_LITERAL_DATE */
};

/* A test over a repeating page's items (formbuilder/repeat.h). */
enum fb_cond_over {
    FB_COND_OVER_NONE,         /* a plain test of one answer */
    FB_COND_OVER_COUNT,        /* `count of GROUP > 2`: compares how many
                                  items GROUP has with the number */
    FB_COND_OVER_ANY           /* `any GROUP.ID is x`: holds when the test
                                  holds for one of GROUP's items */
};

struct fb_cond_desc {
    enum fb_cond_op op;
    /* tests: the question tested and the literal (not for ANSWERED) */
    const struct fb_question_desc *question;
    struct fb_literal value;
    /* AND, OR: both; NOT: lhs only */
    const struct fb_cond_desc *lhs;
    const struct fb_cond_desc *rhs;
    /* IN, POSTCODE_IN: the literals listed (value is unused) */
    const struct fb_literal *values;
    size_t n_values;
    /* COUNT, ANY: the repeating page's id (question is NULL for COUNT,
     * the group's question tested in each item for ANY). */
    enum fb_cond_over over;
    const char *group;
};

/* ---- validation rules, checked by the driver in this order ------------ */

enum fb_rule_kind {
    FB_RULE_REQUIRED,
    FB_RULE_MIN_LENGTH,
    FB_RULE_MAX_LENGTH,
    FB_RULE_PATTERN,
    FB_RULE_MIN,
    FB_RULE_MAX,
    FB_RULE_INTEGER,
    FB_RULE_BEFORE,
    FB_RULE_AFTER,
    FB_RULE_PAST,
    FB_RULE_FUTURE,
    FB_RULE_MIN_SELECTED,
    FB_RULE_MAX_SELECTED,
    FB_RULE_MATCHES,
    FB_RULE_IN_AREA,           /* an address in the council's area */
    FB_RULE__COUNT
};

struct fb_regex;

/* One rule of a question. Which value fields mean something depends on
 * the kind (formbuilder/qtype.h says which kinds apply to which type). */
struct fb_rule_desc {
    enum fb_rule_kind kind;
    long count;                /* min/max_length, min/max_selected; time
                                  before/after as minutes since midnight */
    double number;             /* min, max (money: pounds) */
    struct fb_date_ref date;   /* before, after (dates) */
    const char *pattern;       /* PCRE2 source, whole-answer match */
    /* pattern: where fb_form_init() keeps the compiled regex. The only
     * thing in a form that is not const. */
    struct fb_regex **regex;
    const struct fb_question_desc *other; /* matches */
    struct fb_i18n message;    /* the author's message, or all NULL */
    /* in_area: postcode areas ("CF") and districts ("CF10"), and local
     * custodian codes ("6815": the council an address found by postcode
     * is in, checked by the server when it is chosen) */
    const char *const *areas;
    size_t n_areas;
};

/* ---- questions, content and pages ------------------------------------- */

struct fb_option_desc {
    const char *value;                         /* stored value */
    struct fb_i18n label;
    struct fb_i18n hint;
    const struct fb_question_desc *const *reveal; /* nested follow-ups */
    size_t n_reveal;
};

/* The stored answers of the fixed choices: a ticked declaration's box,
 * and the two options formc gives every yes_no question. */
#define FB_DECLARATION_VALUE "confirmed"
#define FB_YES "yes"
#define FB_NO "no"

/* A file question's limits: `accept`, `max_size`, `max_files`. */
struct fb_file_desc {
    unsigned accept;           /* bit (1u << enum fb_file_kind) per type */
    long long max_size;        /* bytes of one file */
    unsigned max_files;        /* files the answer may hold, >= 1 */
};

struct fb_question_desc {
    const char *id;            /* snake_case, unique in the form */
    /* strlen(id) and fb_name_hash() of it, filled by formc so the driver
     * and the readers do neither; id_len 0 in a descriptor written by
     * hand, whose id is then measured and hashed. */
    size_t id_len;
    uint32_t id_hash;
    enum fb_qtype type;
    struct fb_i18n label;
    struct fb_i18n hint;
    struct fb_i18n summary_label; /* check-answers row key; label if empty */
    /* What default messages call the answer ("your full name" in "Enter
     * your full name"): from summary_label, else the label, decided by
     * formc. The driver lower-cases its first letter where a message
     * needs it. */
    struct fb_i18n noun;
    const char *autocomplete;  /* HTML autocomplete token, or NULL */
    const struct fb_option_desc *options;
    size_t n_options;
    unsigned parts;            /* name: FB_NAME_* bits used, 0 = one field */
    /* A type with parts (formbuilder/qtype.h): "ID-SUFFIX" for each part,
     * as posted, then "ID.SUFFIX" for each, as stored; NULL in a
     * descriptor written by hand, where the readers build them. */
    const struct fb_name *part_names;
    bool display_select;       /* autocomplete: a plain select, not a
                                  text input with a datalist */
    bool required;
    struct fb_i18n required_message; /* the author's, or all NULL */
    const struct fb_rule_desc *rules; /* in the order they are checked */
    size_t n_rules;
    long max_length;           /* characters, 0 = no limit; sizes inputs */
    bool integer;              /* number questions: whole numbers only */
    const struct fb_cond_desc *when; /* NULL: always applies */
    /* Set on a follow-up question shown under one option of another. */
    const struct fb_question_desc *revealed_by;
    const char *reveal_value;  /* the option value that reveals it */
    /* booking_date, booking_time: the form's calendar (fb_form_desc.
     * booking), so the reader can refuse a day or window it does not
     * offer; a booking_time's options are the calendar's windows. */
    const struct fb_calendar_desc *calendar;
    /* file questions: what may be uploaded (NULL for every other type). */
    const struct fb_file_desc *file;
    /* address: the provider that finds it by postcode ("os-places"; the
     * server's configuration says where it is), or NULL: typed in. */
    const char *address_lookup;
    /* Any other one-value question: the council endpoint its answer is
     * checked against (`lookup:`), or NULL. */
    const struct fb_lookup_desc *lookup;
};

/* An answer checked against a council's HTTP endpoint (`lookup:`, not an
 * address's): the endpoint is named here and configured in the server
 * (FORMBUILDER_LOOKUP_<NAME>_URL and _KEY, docs/integrations.md), which
 * asks it when the question's page is sent. */
struct fb_lookup_fill {
    const char *field;         /* a member of the reply's "fill" object */
    const struct fb_question_desc *question; /* the answer it fills */
};

struct fb_lookup_desc {
    const char *provider;      /* the endpoint's configured name */
    /* Shown on the question when the endpoint does not know the answer;
     * the author's words (formc requires them). */
    struct fb_i18n message;
    /* Answers of later pages filled from the reply when the answer is
     * found (and whenever it changes). */
    const struct fb_lookup_fill *fill;
    size_t n_fill;
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
    const struct fb_cond_desc *when; /* NULL: always shown */
    struct fb_i18n text;       /* paragraph, inset, warning, details body */
    struct fb_i18n summary;    /* details only: the clickable summary */
    const struct fb_i18n *items; /* list only */
    size_t n_items;
};

/* One thing a page shows, in the order the resident sees it (decided
 * once, by formc): exactly one of the two is set. */
struct fb_item_desc {
    const struct fb_question_desc *question; /* a top-level question */
    const struct fb_block_desc *block;
};

/* A repeating group ("add another"): its page is asked once per item,
 * then a summary lists the items. Item N's answers are stored under
 * "PAGE.N." + the question's own name ("people.0.name.first"). */
#define FB_REPEAT_LIMIT 50      /* the largest max a group may have */

struct fb_repeat_desc {
    size_t min;                /* items needed before going on */
    size_t max;                /* items allowed, at least 1 */
    struct fb_i18n item_one;   /* "person" */
    struct fb_i18n item_other; /* "people": the plural */
    /* One line per item on the summary and check your answers, with
     * {question_id} placeholders; all NULL: the answers joined by ", ". */
    struct fb_i18n summary;
};

struct fb_page_desc {
    const char *id;
    struct fb_i18n title;
    bool exit;                 /* shows content and ends the journey */
    /* Every question of the page in order, follow-ups included: what the
     * page posts and validates. */
    const struct fb_question_desc *const *questions;
    size_t n_questions;
    /* What the page shows, in order; follow-ups are shown by their
     * option and are not items. */
    const struct fb_item_desc *items;
    size_t n_items;
    const struct fb_cond_desc *when; /* NULL: always applies */
    const struct fb_repeat_desc *repeat; /* NULL: asked once */
};

/* Where a submission is delivered (docs/delivery.md); the server's
 * outbox sends one delivery per submission and target. */
enum fb_target_kind {
    FB_TARGET_HTTP,            /* POST to url */
    FB_TARGET_EMAIL,           /* a staff notification to email */
    FB_TARGET_FILE             /* one JSON line appended to file */
};

/* How a url target gets a submission's uploaded files (`files:`,
 * docs/delivery.md): named in the payload only, or each file a part of a
 * multipart/form-data POST after the signed payload. */
enum fb_forward_files {
    FB_FILES_REFERENCE,        /* the payload's file objects only */
    FB_FILES_MULTIPART         /* and the bytes, one part per file */
};

/* How an email is sent: the server's SMTP relay or GOV.UK Notify. */
enum fb_email_via {
    FB_VIA_SMTP,
    FB_VIA_NOTIFY
};

/* A request header whose value is read from the environment at start;
 * form files name variables, never values. */
struct fb_header_desc {
    const char *name;          /* "X-Api-Key" */
    const char *env;           /* "BACKOFFICE_API_KEY" */
};

struct fb_forward_desc {
    enum fb_target_kind kind;
    /* FB_TARGET_HTTP */
    const char *url;
    const char *format;        /* "json" or "xml" */
    const char *secret_env;    /* signing key's variable, or NULL */
    const struct fb_header_desc *headers;
    size_t n_headers;
    bool allow_http;           /* plain http:// to another machine */
    enum fb_forward_files files; /* how uploaded files travel */
    /* FB_TARGET_EMAIL */
    const char *email;         /* the staff address */
    enum fb_email_via via;
    const char *template_id;   /* via Notify: its template's id */
    /* FB_TARGET_FILE */
    const char *file;          /* absolute path of the .jsonl file */
};

/* The email sent to the resident once the submission is stored. */
struct fb_confirmation_email_desc {
    const char *to;            /* id of the email question holding it */
    enum fb_email_via via;
    const char *template_id;   /* via Notify: its template's id */
};

/* Save and come back later (`save_and_return:`): the resident asks for a
 * link by email, which restores their journey for expires_days. */
struct fb_save_return_desc {
    int expires_days;          /* how long a saved journey is kept */
    enum fb_email_via via;     /* how the link is sent */
    const char *template_id;   /* via Notify: its template's id */
};

/* The fixed texts a form may word its own way (`texts:`,
 * docs/form-language.md): each falls back to the message catalogue's. */
enum fb_form_text {
    FB_TEXT_CONTINUE,          /* a question page's button */
    FB_TEXT_CHECK_ANSWERS,     /* check your answers: title and heading */
    FB_TEXT_SEND_HEADING,      /* check your answers: "Now send your form" */
    FB_TEXT_DECLARATION,       /* check your answers: what sending confirms */
    FB_TEXT_SEND,              /* check your answers: the send button */
    FB_TEXT__COUNT
};

/* The descriptor format: bumped whenever these structs change meaning,
 * and checked wherever descriptors are registered (fb_form_check()), so a
 * form built for another format is refused, not misread. */
#define FB_FORMAT 8

/* A submission reference is the form's reference_prefix, '-' and
 * FB_REFERENCE_LENGTH characters drawn from FB_REFERENCE_ALPHABET: no
 * 0/O or 1/I to misread, and 32 of them, so one random byte gives one
 * character without bias. The server draws them (runtime/server/token.c);
 * formc's payload schemas check them. Ascending, letters and digits only,
 * so the schemas can write it as a character class. */
/* What a delivery payload's "event" says happened (the server's outbox
 * sends one per event; formc's payload schemas list them), and the
 * languages its "language" names. */
static const char *const fb_payload_events[] = {
    "submitted", "cancelled", "changed",
};
static const char *const fb_payload_languages[] = {"en", "cy"};
/* What a payload's "payment" "refund" says (pay.h): none asked for, on
 * its way (pending at our end, submitted at the provider's), made, or
 * refused by the provider (staff refund it by hand). */
static const char *const fb_payload_refund_states[] = {
    "none", "pending", "submitted", "success", "refused",
};
/* What a payload's "lookups" says of each answer checked against its
 * endpoint: found there, or accepted without the check because the
 * endpoint could not be asked (timeout, error, not configured). */
static const char *const fb_payload_lookup_states[] = {"found",
                                                      "unverified"};
/* What a payload's "booking" "status" says: booked, or cancelled. */
static const char *const fb_payload_booking_states[] = {"booked",
                                                       "cancelled"};

/* The fee a form charges before it is sent (`payment:`): a fixed amount,
 * the answer to a money question, or a price per option of a choice
 * question. The server takes it through the payment provider
 * (runtime/server/pay*.c, docs/integrations.md). */
struct fb_payment_price {
    const char *value;         /* an option's value */
    long long pence;
};

struct fb_payment_desc {
    long long amount;          /* pence, when from is NULL */
    const char *from;          /* the question whose answer sets it */
    const struct fb_payment_price *table; /* from a choice question */
    size_t n_table;
    struct fb_i18n description; /* what the provider's page says */
    const char *reference_prefix; /* before the submission reference in
                                   * the provider's reference, or NULL */
};

#define FB_REFERENCE_ALPHABET "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
#define FB_REFERENCE_LENGTH 8

struct fb_form_desc {
    int format;                /* FB_FORMAT of the formc that built it */
    const char *slug;          /* URL path segment */
    struct fb_i18n title;
    const char *version;       /* stable hash of the model */
    const char *pattern;       /* service pattern name, or NULL */
    struct fb_i18n start_body;
    struct fb_i18n confirmation_title;
    struct fb_i18n confirmation_body;
    /* Content blocks of the confirmation page, after its body. */
    const struct fb_block_desc *confirmation_blocks;
    size_t n_confirmation_blocks;
    const char *reference_prefix; /* see FB_REFERENCE_ALPHABET */
    int retention_days;        /* 0 = keep until purged by hand */
    const struct fb_page_desc *pages;
    size_t n_pages;
    const struct fb_question_desc *const *questions; /* all, form order */
    size_t n_questions;
    const struct fb_forward_desc *forwards;
    size_t n_forwards;
    /* The calendar its booking_date and booking_time questions book
     * places in, or NULL (formbuilder/booking.h). */
    const struct fb_calendar_desc *booking;
    /* The resident's confirmation email, or NULL. */
    const struct fb_confirmation_email_desc *confirmation_email;
    /* The languages it is written in, bit 1u << FB_LANG_x each, from its
     * `languages:`; 0 (a descriptor written by hand) means English only.
     * A form with FB_LANG_CY offers the language link. */
    unsigned languages;
    /* The form's own wording of the fixed texts, by enum fb_form_text;
     * all NULL where the catalogue's is used. */
    struct fb_i18n texts[FB_TEXT__COUNT];
    /* Progress updates (formbuilder/events.h): the variable holding the
     * secret back offices sign events with (NULL: the form takes none),
     * and the statuses the form adds to the built-in ones. */
    const char *events_secret_env;
    const struct fb_event_status_desc *event_statuses;
    size_t n_event_statuses;
    /* Running a live service (docs/form-language.md): when it takes
     * submissions, local times "YYYY-MM-DDTHH:MM" (the server's time
     * zone) from `opens:` and `closes:` (a date alone closes at the end
     * of that day, so formc writes the next day's 00:00), NULL when
     * unset; the page shown outside them, or the catalogue's; the cap
     * from `max_submissions:` (0: none); and the privacy notice, a URL or
     * a text the server shows at /SLUG/privacy. */
    const char *opens;
    const char *closes;
    struct fb_i18n closed_message;
    long long max_submissions;
    const char *privacy_url;
    struct fb_i18n privacy;
    /* Save and come back later, or NULL (docs/form-language.md). */
    const struct fb_save_return_desc *save_return;
    /* The fee paid before it is sent, or NULL: free. */
    const struct fb_payment_desc *payment;
    /* `prefill: {from: query, sign_env}`: the environment variable whose
     * value signs prefill links (runtime/server/prefill.c), or NULL: the
     * form takes no prefilled answers. */
    const char *prefill_sign_env;
};

/** @returns true when @p form is offered in @p lang: English always,
 *  another language when its `languages:` names it. */
static inline bool
fb_form_offers(const struct fb_form_desc *form, enum fb_lang lang)
{
    return lang == FB_LANG_EN
           || ((unsigned)lang < FB_LANG__COUNT
               && (form->languages & (1u << (unsigned)lang)));
}

/** @returns the YAML key of fixed text @p t under `texts:` ("continue",
 *  "check_answers" ...), or NULL out of range. */
const char *
fb_form_text_key(enum fb_form_text t);

/** @returns fixed text @p t of @p form in @p lang: the form's own when it
 *  has one in that language, else the message catalogue's. */
const char *
fb_form_text(const struct fb_form_desc *form, enum fb_form_text t,
             enum fb_lang lang);

/** @returns 0 when @p form has this library's FB_FORMAT, else -1 with a
 *  sentence naming the form and both formats in @p why (@p cap bytes). */
int
fb_form_check(const struct fb_form_desc *form, char *why, size_t cap);

/** @returns strlen(@p q->id), from the descriptor when formc filled it. */
static inline size_t
fb_question_id_len(const struct fb_question_desc *q)
{
    return q->id_len ? q->id_len : strlen(q->id);
}

/** @returns the question of @p form with @p id, or NULL. */
const struct fb_question_desc *
fb_form_find_question(const struct fb_form_desc *form, const char *id);

/** @returns @p q's rule of kind @p k, or NULL when it has none. */
const struct fb_rule_desc *
fb_question_rule(const struct fb_question_desc *q, enum fb_rule_kind k);

/** @returns the page of @p form with @p id, or NULL. */
const struct fb_page_desc *
fb_form_find_page(const struct fb_form_desc *form, const char *id);

/** @returns true when @p q applies given @p answers on the day @p today:
 *  its own `when` holds and, for a follow-up, the revealing option is
 *  chosen (and the revealing question applies). */
bool
fb_question_applies(const struct fb_question_desc *q,
                    const struct fb_answers *answers,
                    const struct fb_date *today);

/** @returns true when @p p applies given @p answers on @p today. */
bool
fb_page_applies(const struct fb_page_desc *p, const struct fb_answers *answers,
                const struct fb_date *today);
