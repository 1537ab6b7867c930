/* SPDX-License-Identifier: MIT */
/*
 * Schema emitter: JSON Schema and XSD of one form's submission payload,
 * from the lowered descriptors (formbuilder/form.h) and the type table
 * (formbuilder/qtype.h) alone, as the server that fills the payload reads
 * them. Answers are described as the driver stores them after validating
 * and the payload types them (runtime/server/payload.c): normalised
 * strings, numbers and pence as numbers, booleans, arrays for checkboxes,
 * objects for answers in parts; each type's stored form, JSON type and
 * pattern come from the type table. Rules a schema language cannot state
 * exactly (PCRE2 patterns, dates relative to the day of submission) are
 * given in comments.
 */
#include "emit_schema.h"
#include "formbuilder/assist.h"

#include "formbuilder/filetype.h"

#include <string.h>

#include "fb_config.h"
#include "formbuilder/messages.h"
#include "formbuilder/booking.h"
#include "formbuilder/qtype.h"
#include "formbuilder/repeat.h"
#include "formbuilder/validate.h"

/* What makes a payload valid, in words: both schemas' description. */
static const char *
why_valid(struct fb_arena *a)
{
    return fb_arena_printf(
        a,
        "A payload is valid when: form and version equal this form's slug "
        "and version (a new version means the form's rules changed: check "
        "which schema you hold); reference is the form's prefix, a hyphen "
        "and %d characters; submitted_at is an RFC 3339 date-time; language "
        "and event, when present, say in which language the resident "
        "answered and what happened (submitted, or a booking cancelled or "
        "changed); booking, for a form that books, is the booking as it is "
        "when the payload is sent; answers "
        "has only the questions below, each normalised as the server "
        "stores it (trimmed text, postcodes upper case with one space, "
        "national phone numbers, ISO dates, times as HH:MM, National "
        "Insurance numbers in capitals without spaces) and typed: numbers "
        "as numbers in canonical decimal, amounts of money as integers of "
        "whole pence, yes or no answers and declarations as booleans (true "
        "for yes; a declaration is always true), checkboxes as arrays, "
        "addresses and names asked in parts as objects. Required questions "
        "that always apply must be present; questions with a `when`, on a "
        "conditional page or revealed by an option appear only when they "
        "applied. Rules a schema cannot express (patterns, relative dates) "
        "are in each answer's $comment with the others and were checked by "
        "the server before the payload was sent.",
        FB_REFERENCE_LENGTH);
}

/* --- facts about a question, from its descriptor ----------------------- */

/* The page that asks @p q, or NULL. Descriptors link pages to their
 * questions only, which is all the runtime needs. The search starts at
 * page *@p from, wrapping round, and leaves there the page found: going
 * through the questions in form order, each is found on the first or next
 * page, so a schema costs O(questions), not O(questions × pages). */
static const struct fb_page_desc *
page_of(const struct fb_form_desc *f, const struct fb_question_desc *q,
        size_t *from)
{
    for (size_t n = 0; n < f->n_pages; n++) {
        size_t i = (*from + n) % f->n_pages;

        for (size_t k = 0; k < f->pages[i].n_questions; k++)
            if (f->pages[i].questions[k] == q) {
                *from = i;
                return &f->pages[i];
            }
    }
    return NULL;
}

/* Is @p q answered in every submission? Only when it must be answered and
 * nothing can hide it: no condition of its own or of its page, no option
 * that reveals it, not on an exit page (which ends the journey).
 * @p from: page_of()'s. */
static bool
always_required(const struct fb_form_desc *f, const struct fb_question_desc *q,
                size_t *from)
{
    const struct fb_page_desc *p = page_of(f, q, from);
    /* A repeating page's question: in every item (its group, which may
     * be absent, says so on its own: group_required()). */
    return q->required && !q->when && !q->revealed_by && p &&
           (p->repeat || !p->when) && !p->exit;
}

/* The count of @p q's rule of kind @p k, or @p absent when it has none. */
static long
rule_count(const struct fb_question_desc *q, enum fb_rule_kind k, long absent)
{
    const struct fb_rule_desc *r = fb_question_rule(q, k);
    return r ? r->count : absent;
}

/* Is part @p i of @p q's type asked? All are, except for a type whose
 * questions choose their parts (a name). */
static bool
part_asked(const struct fb_question_desc *q, const struct fb_qtype_info *info,
           size_t i)
{
    return !info->parts_chosen || ((q->parts >> i) & 1u);
}

/* --- words: the reference and the rules a schema cannot state ---------- */

/* @p alphabet (ascending, letters and digits, which need no escaping) as
 * a character class, runs of consecutive characters as ranges:
 * "[2-9A-HJ-NP-Z]". */
static const char *
char_class(struct fb_arena *a, const char *alphabet)
{
    const char *s = "[";
    for (const char *p = alphabet; *p;) {
        const char *end = p;
        while (end[1] && end[1] == end[0] + 1)
            end++;
        s = end > p ? fb_arena_printf(a, "%s%c-%c", s, *p, *end)
                    : fb_arena_printf(a, "%s%c", s, *p);
        p = end + 1;
    }
    return fb_arena_printf(a, "%s]", s);
}

/* A reference as fb_reference_new() writes it: the form's prefix, a
 * hyphen and FB_REFERENCE_LENGTH characters of FB_REFERENCE_ALPHABET. */
static const char *
reference_pattern(struct fb_arena *a, const struct fb_form_desc *d)
{
    const char *chars = fb_arena_printf(a, "%s{%d}",
                                        char_class(a, FB_REFERENCE_ALPHABET),
                                        FB_REFERENCE_LENGTH);
    if (!d->reference_prefix || !*d->reference_prefix)
        return fb_arena_printf(a, "^%s$", chars);
    /* Prefixes are letters and digits (checked), so need no escaping. */
    return fb_arena_printf(a, "^%s-%s$", d->reference_prefix, chars);
}

/* A min or max bound of @p q in words: a number as written, money in
 * the pence the payload holds and the pounds the author wrote, "100
 * pence (\u00a31)". */
static const char *
bound_words(struct fb_arena *a, const struct fb_question_desc *q,
            const struct fb_rule_desc *r)
{
    if (q->type != FB_Q_MONEY)
        return fb_arena_printf(a, "%.15g", r->number);
    char money[32];
    long long pence = fb_pounds_to_pence(r->number);
    fb_money_format(pence, money, sizeof money);
    return fb_arena_printf(a, "%lld pence (%s)", pence, money);
}

/* A before or after limit of @p q in words: a time as the payload holds
 * it, a fixed ISO date, or a date relative to the day of submission. */
static const char *
limit_words(struct fb_arena *a, const struct fb_question_desc *q,
            const struct fb_rule_desc *r)
{
    char iso[FB_DATE_ISO_SIZE], hhmm[FB_TIME_HHMM_SIZE];
    if (q->type == FB_Q_TIME)
        return fb_arena_strdup(a, fb_time_hhmm((int)r->count, hhmm));
    if (r->date.relative)
        return fb_arena_printf(a, "the submission date %+d days",
                               r->date.offset_days);
    return fb_arena_strdup(a, fb_date_iso(&r->date.date, iso));
}

/* The rules a schema cannot state, in words, or NULL. Each clause is
 * "; ..." until the first separator is dropped at the end. */
static const char *
rules_comment(struct fb_arena *a, const struct fb_question_desc *q)
{
    static const struct {
        enum fb_rule_kind kind;
        const char *word;
    } limits[] = {{FB_RULE_BEFORE, "before"}, {FB_RULE_AFTER, "after"}};
    const struct fb_rule_desc *r;
    const char *s = "";
    if (q->type == FB_Q_MONEY)
        s = fb_arena_printf(a, "%s an amount of money in whole pence;", s);
    if ((r = fb_question_rule(q, FB_RULE_PATTERN)))
        s = fb_arena_printf(a, "%s matches the PCRE2 pattern %s;", s,
                            r->pattern);
    if ((r = fb_question_rule(q, FB_RULE_MIN)))
        s = fb_arena_printf(a, "%s at least %s;", s, bound_words(a, q, r));
    if ((r = fb_question_rule(q, FB_RULE_MAX)))
        s = fb_arena_printf(a, "%s at most %s;", s, bound_words(a, q, r));
    for (size_t i = 0; i < sizeof limits / sizeof *limits; i++)
        if ((r = fb_question_rule(q, limits[i].kind)))
            s = fb_arena_printf(a, "%s %s %s;", s, limits[i].word,
                                limit_words(a, q, r));
    if (fb_question_rule(q, FB_RULE_PAST))
        s = fb_arena_printf(a, "%s before the submission date;", s);
    if (fb_question_rule(q, FB_RULE_FUTURE))
        s = fb_arena_printf(a, "%s after the submission date;", s);
    if ((r = fb_question_rule(q, FB_RULE_MATCHES)))
        s = fb_arena_printf(a, "%s equals the answer to %s;", s,
                            r->other->id);
    if ((r = fb_question_rule(q, FB_RULE_IN_AREA))) {
        const char *list = "";
        for (size_t i = 0; i < r->n_areas; i++)
            list = fb_arena_printf(a, "%s%s%s", list, i ? ", " : "",
                                   r->areas[i]);
        s = fb_arena_printf(a, "%s in the area %s (postcode areas and "
                            "districts; council codes checked on the "
                            "address chosen from the lookup);", s, list);
    }
    /* A booking: what the server checked against the calendar. */
    if (q->type == FB_Q_BOOKING_DATE && q->calendar)
        s = fb_arena_printf(a, "%s a day calendar %s offered on the "
                            "submission date (open weekdays, not closed or "
                            "a holiday, from %d to %d days ahead);", s,
                            q->calendar->name, q->calendar->lead_days,
                            q->calendar->horizon_days);
    if (q->type == FB_Q_BOOKING_TIME && q->calendar)
        s = fb_arena_printf(a, "%s the id of a %s of calendar %s, booked "
                            "on the booking date;", s,
                            q->calendar->slots ? "slot (its start, HH:MM)"
                                               : "session",
                            q->calendar->name);
    if (q->when || q->revealed_by)
        s = fb_arena_printf(a, "%s present only when the question applied;",
                            s);
    return *s ? s + 1 : NULL;
}

/* --- JSON Schema ------------------------------------------------------- */

static void
json_key(struct fb_buf *b, const char *indent, const char *key)
{
    fb_buf_puts(b, indent);
    fb_buf_json_string(b, key);
    fb_buf_puts(b, ": ");
}

static void
json_options(struct fb_buf *b, const struct fb_question_desc *q)
{
    fb_buf_puts(b, "\"enum\": [");
    for (size_t i = 0; i < q->n_options; i++) {
        if (i)
            fb_buf_puts(b, ", ");
        fb_buf_json_string(b, q->options[i].value);
    }
    fb_buf_puts(b, "]");
}

/* One part's property: its stored pattern if it has one; else, for a
 * question that chooses its parts (a name), the length rules, which apply
 * to each part; else non-empty unless optional. */
static void
json_part(struct fb_buf *b, const struct fb_question_desc *q,
          const struct fb_qtype_info *info, const struct fb_part_info *p)
{
    fb_buf_json_string(b, p->suffix);
    fb_buf_puts(b, ": {\"type\": \"string\"");
    if (p->stored_pattern) {
        fb_buf_puts(b, ", \"pattern\": ");
        fb_buf_json_string(b, p->stored_pattern);
    } else if (info->parts_chosen) {
        long min_len = rule_count(q, FB_RULE_MIN_LENGTH, 1);
        fb_buf_printf(b, ", \"minLength\": %ld", min_len > 1 ? min_len : 1);
        if (fb_question_rule(q, FB_RULE_MAX_LENGTH))
            fb_buf_printf(b, ", \"maxLength\": %ld",
                          rule_count(q, FB_RULE_MAX_LENGTH, 0));
    } else if (!p->optional) {
        fb_buf_puts(b, ", \"minLength\": 1");
    }
    fb_buf_puts(b, "}");
}

/* An answer stored in parts (an address, a name in parts): an object with
 * a property per part asked, the parts that are not optional required. */
static void
json_parts(struct fb_buf *b, const char *in, const struct fb_question_desc *q,
           const struct fb_qtype_info *info)
{
    fb_buf_printf(b, "%s\"type\": \"object\",\n%s\"properties\": {", in,
                  in);
    const char *sep = "\n";
    for (size_t i = 0; i < info->n_parts; i++) {
        if (!part_asked(q, info, i))
            continue;
        fb_buf_printf(b, "%s%s  ", sep, in);
        json_part(b, q, info, &info->parts[i]);
        sep = ",\n";
    }
    if (q->address_lookup)
        fb_buf_printf(b, ",\n%s  \"" FB_UPRN_SUFFIX "\": {\"type\": "
                      "\"string\", \"pattern\": \"" FB_UPRN_PATTERN "\", "
                      "\"description\": \"The Unique Property Reference "
                      "Number of an address chosen from the lookup; absent "
                      "when the address was typed in\"}", in);
    fb_buf_printf(b, "\n%s},\n%s\"required\": [", in, in);
    sep = "";
    for (size_t i = 0; i < info->n_parts; i++) {
        if (info->parts[i].optional || !part_asked(q, info, i))
            continue;
        fb_buf_puts(b, sep);
        fb_buf_json_string(b, info->parts[i].suffix);
        sep = ", ";
    }
    fb_buf_printf(b, "],\n%s\"additionalProperties\": false", in);
}

/* A checkbox answer: an array of distinct option values. */
static void
json_choices(struct fb_buf *b, const char *in, const struct fb_question_desc *q)
{
    fb_buf_printf(b, "%s\"type\": \"array\",\n%s\"items\": {", in, in);
    json_options(b, q);
    fb_buf_printf(b, "},\n%s\"uniqueItems\": true,\n", in);
    fb_buf_printf(b, "%s\"minItems\": %ld", in,
                  rule_count(q, FB_RULE_MIN_SELECTED, 1));
    if (fb_question_rule(q, FB_RULE_MAX_SELECTED))
        fb_buf_printf(b, ",\n%s\"maxItems\": %ld", in,
                      rule_count(q, FB_RULE_MAX_SELECTED, 0));
}

/* A file answer: an object per file (payload.c json_file()), its type
 * one the question accepts, its size within the question's limit. */
static void
json_files(struct fb_buf *b, const char *in, const struct fb_question_desc *q)
{
    const struct fb_file_desc *fd = q->file;
    fb_buf_printf(b, "%s\"type\": \"array\",\n%s\"minItems\": 1,\n"
                     "%s\"maxItems\": %u,\n%s\"items\": {\n", in, in, in,
                  fd ? fd->max_files : 1u, in);
    fb_buf_printf(b, "%s  \"type\": \"object\",\n%s  \"required\": "
                     "[\"name\", \"type\", \"size\", \"sha256\"],\n"
                     "%s  \"additionalProperties\": false,\n"
                     "%s  \"properties\": {\n", in, in, in, in);
    fb_buf_printf(b, "%s    \"name\": {\"type\": \"string\", \"minLength\": "
                     "1, \"maxLength\": %d},\n", in, FB_FILE_NAME_MAX);
    fb_buf_printf(b, "%s    \"type\": {\"enum\": [", in);
    const char *sep = "";
    for (int k = 0; k < FB_FILE__COUNT; k++) {
        if (fd && !((fd->accept >> k) & 1u))
            continue;
        fb_buf_puts(b, sep);
        fb_buf_json_string(b, fb_file_kind((enum fb_file_kind)k)->mime);
        sep = ", ";
    }
    fb_buf_printf(b, "]},\n%s    \"size\": {\"type\": \"integer\", "
                     "\"minimum\": 1, \"maximum\": %lld},\n", in,
                  fd ? fd->max_size : 0);
    fb_buf_printf(b, "%s    \"sha256\": {\"type\": \"string\", \"pattern\": "
                     "\"^[0-9a-f]{64}$\"}\n%s  }\n%s}", in, in, in);
}

/* One stored string: its stored pattern, the JSON Schema format for what
 * a pattern cannot check (a real date, an email address) and its lengths,
 * which JSON Schema counts in code points, as the rules do. */
static void
json_string(struct fb_buf *b, const char *in, const struct fb_question_desc *q,
            enum fb_stored stored)
{
    const char *format = stored == FB_STORED_DATE ? "date"
                         : q->type == FB_Q_EMAIL  ? "email"
                                                  : NULL;
    const char *pattern = fb_question_stored_pattern(q);
    fb_buf_printf(b, "%s\"type\": \"string\"", in);
    if (format)
        fb_buf_printf(b, ",\n%s\"format\": \"%s\"", in, format);
    if (pattern) {
        fb_buf_printf(b, ",\n%s\"pattern\": ", in);
        fb_buf_json_string(b, pattern);
    }
    fb_buf_printf(b, ",\n%s\"minLength\": %ld", in,
                  rule_count(q, FB_RULE_MIN_LENGTH, 1));
    if (fb_question_rule(q, FB_RULE_MAX_LENGTH))
        fb_buf_printf(b, ",\n%s\"maxLength\": %ld", in,
                      rule_count(q, FB_RULE_MAX_LENGTH, 0));
}

/* A rule's bound as the payload holds it: pence for money, else the
 * number as written. */
static void
put_bound(struct fb_buf *b, const struct fb_question_desc *q,
          const struct fb_rule_desc *r)
{
    if (q->type == FB_Q_MONEY)
        fb_buf_printf(b, "%lld", fb_pounds_to_pence(r->number));
    else
        fb_buf_printf(b, "%.15g", r->number);
}

/* A number (an integer with the integer rule) or whole pence, with the
 * rules' bounds; pence are never below 0. */
static void
json_number(struct fb_buf *b, const char *in, const struct fb_question_desc *q)
{
    const struct fb_rule_desc *min = fb_question_rule(q, FB_RULE_MIN);
    const struct fb_rule_desc *max = fb_question_rule(q, FB_RULE_MAX);
    fb_buf_printf(b, "%s\"type\": \"%s\"", in,
                  fb_question_json_type(q) == FB_JSON_INTEGER ? "integer"
                                                              : "number");
    if (min) {
        fb_buf_printf(b, ",\n%s\"minimum\": ", in);
        put_bound(b, q, min);
    } else if (q->type == FB_Q_MONEY) {
        fb_buf_printf(b, ",\n%s\"minimum\": 0", in);
    }
    if (max) {
        fb_buf_printf(b, ",\n%s\"maximum\": ", in);
        put_bound(b, q, max);
    }
}

static void
json_answer(struct fb_arena *a, struct fb_buf *b,
            const struct fb_question_desc *q)
{
    const char *in = "        ";
    json_key(b, "      ", q->id);
    fb_buf_puts(b, "{\n");
    fb_buf_printf(b, "%s\"title\": ", in);
    fb_buf_json_string(b, fb_i18n_get(&q->label, FB_LANG_EN));
    fb_buf_puts(b, ",\n");
    const char *comment = rules_comment(a, q);
    if (comment) {
        fb_buf_printf(b, "%s\"$comment\": ", in);
        fb_buf_json_string(b, comment);
        fb_buf_puts(b, ",\n");
    }
    const struct fb_qtype_info *info = fb_qtype(q->type);
    enum fb_stored stored = fb_question_stored(q);
    switch (fb_question_json_type(q)) {
    case FB_JSON_ARRAY:
        if (stored == FB_STORED_FILES)
            json_files(b, in, q);
        else
            json_choices(b, in, q);
        break;
    case FB_JSON_BOOLEAN:
        /* yes_no: true for yes; a declaration is only ever ticked. */
        if (q->n_options)
            fb_buf_printf(b, "%s\"type\": \"boolean\"", in);
        else
            fb_buf_printf(b, "%s\"const\": true", in);
        break;
    case FB_JSON_NUMBER:
    case FB_JSON_INTEGER:
        json_number(b, in, q);
        break;
    case FB_JSON_OBJECT:
        json_parts(b, in, q, info);
        break;
    case FB_JSON_STRING:
        if (stored == FB_STORED_CHOICE) {
            fb_buf_printf(b, "%s\"type\": \"string\",\n%s", in, in);
            json_options(b, q);
        } else {
            json_string(b, in, q, stored);
        }
        break;
    }
    fb_buf_puts(b, "\n      }");
}

/* The "answers" object's properties: one per question, nested one level
 * deeper than json_answer() indents. */
/* Appends @p inner to @p b with @p extra after each of its newlines. */
static void
reindent(struct fb_buf *b, struct fb_buf *inner, const char *extra)
{
    for (size_t k = 0; inner->data && k < inner->len; k++) {
        fb_buf_putc(b, inner->data[k]);
        if (inner->data[k] == '\n')
            fb_buf_puts(b, extra);
    }
    if (inner->failed)
        b->failed = true;
    fb_buf_free(inner);
}

/* Is repeating page @p p's array in every submission? */
static bool
group_required(const struct fb_page_desc *p)
{
    return p->repeat->min > 0 && !p->when;
}

/* A repeating page's answers: an array of one object per item, each
 * with the page's questions as json_answer() describes them. */
static void
json_group(struct fb_arena *a, struct fb_buf *b,
           const struct fb_form_desc *f, const struct fb_page_desc *p)
{
    const char *in = "        ";
    json_key(b, "      ", p->id);
    fb_buf_puts(b, "{\n");
    fb_buf_printf(b, "%s\"title\": ", in);
    fb_buf_json_string(b, fb_i18n_get(&p->title, FB_LANG_EN));
    fb_buf_printf(b, ",\n%s\"type\": \"array\",\n%s\"minItems\": %zu,\n"
                     "%s\"maxItems\": %zu,\n%s\"items\": {\n"
                     "%s  \"type\": \"object\",\n"
                     "%s  \"additionalProperties\": false,\n"
                     "%s  \"required\": [",
                  in, in, p->repeat->min > 1 ? p->repeat->min : 1, in,
                  p->repeat->max, in, in, in, in);
    size_t from = 0;
    const char *sep = "";
    for (size_t k = 0; k < p->n_questions; k++) {
        if (!always_required(f, p->questions[k], &from))
            continue;
        fb_buf_puts(b, sep);
        fb_buf_json_string(b, p->questions[k]->id);
        sep = ", ";
    }
    fb_buf_printf(b, "],\n%s  \"properties\": {", in);
    for (size_t k = 0; k < p->n_questions; k++) {
        fb_buf_puts(b, k ? ",\n    " : "\n    ");
        struct fb_buf inner;
        fb_buf_init(&inner);
        json_answer(a, &inner, p->questions[k]);
        reindent(b, &inner, "    ");
    }
    fb_buf_printf(b, "\n%s  }\n%s}\n      }", in, in);
}

static void
json_answers(struct fb_arena *a, struct fb_buf *b,
             const struct fb_form_desc *f)
{
    bool first = true;
    for (size_t i = 0; i < f->n_questions; i++) {
        const struct fb_question_desc *q = f->questions[i];
        const struct fb_page_desc *g = fb_repeat_page_of(f, q);
        if (g && g->questions[0] != q)
            continue;
        fb_buf_puts(b, first ? "\n" : ",\n");
        first = false;
        struct fb_buf inner;
        fb_buf_init(&inner);
        if (g)
            json_group(a, &inner, f, g);
        else
            json_answer(a, &inner, q);
        reindent(b, &inner, "  ");
    }
}

/* "NAME": {"enum": [...]}, for the payload's optional facts (language,
 * event) the outbox adds. */
static void
json_fact_enum(struct fb_buf *b, const char *name,
               const char *const *values, size_t n)
{
    fb_buf_printf(b, "    \"%s\": {\"enum\": [", name);
    for (size_t i = 0; i < n; i++) {
        fb_buf_puts(b, i ? ", " : "");
        fb_buf_json_string(b, values[i]);
    }
    fb_buf_puts(b, "]},\n");
}

/* "booking": the place of a form's booking as it is when the payload is
 * sent (a change moves it, a cancellation keeps it, cancelled). */
static void
json_booking(struct fb_buf *b, const struct fb_calendar_desc *cal)
{
    /* A window's times are written as time answers are stored. */
    const char *time_pattern = fb_qtype(FB_Q_TIME)->stored_pattern;
    fb_buf_puts(b, "    \"booking\": {\n      \"type\": \"object\",\n"
                   "      \"description\": \"The booking as it is when the "
                   "payload is sent: a change moves it, a cancellation marks "
                   "it cancelled.\",\n"
                   "      \"required\": [\"calendar\", \"date\", \"window\", "
                   "\"status\"],\n"
                   "      \"additionalProperties\": false,\n"
                   "      \"properties\": {\n        \"calendar\": {\"const\": ");
    fb_buf_json_string(b, cal->name);
    fb_buf_puts(b, "},\n        \"date\": {\"type\": \"string\", \"format\": "
                   "\"date\"},\n        \"window\": {\"enum\": [");
    for (size_t i = 0; i < cal->n_windows; i++) {
        fb_buf_puts(b, i ? ", " : "");
        fb_buf_json_string(b, cal->windows[i].id);
    }
    fb_buf_puts(b, "]},\n        \"start\": {\"type\": \"string\", "
                   "\"pattern\": ");
    fb_buf_json_string(b, time_pattern);
    fb_buf_puts(b, "},\n        \"end\": {\"type\": \"string\", "
                   "\"pattern\": ");
    fb_buf_json_string(b, time_pattern);
    fb_buf_printf(b, "},\n        \"status\": {\"enum\": [\"%s\", \"%s\"]}\n"
                  "      }\n    },\n", fb_payload_booking_states[0],
                  fb_payload_booking_states[1]);
}

/* "payment": the fee paid, for a form with `payment:` (delivered only
 * once paid), and its refund. */
static void
json_payment(struct fb_buf *b)
{
    size_t n = sizeof fb_payload_refund_states / sizeof *fb_payload_refund_states;
    fb_buf_puts(b, "    \"payment\": {\n      \"type\": \"object\",\n"
                   "      \"description\": \"The fee paid through the payment "
                   "provider, in pence, with the provider's payment id and "
                   "the refund of a cancelled booking as it is when the "
                   "payload is sent.\",\n"
                   "      \"required\": [\"amount\", \"payment_id\", "
                   "\"refund\", \"refunded\"],\n"
                   "      \"additionalProperties\": false,\n"
                   "      \"properties\": {\n"
                   "        \"amount\": {\"type\": \"integer\", "
                   "\"minimum\": 1},\n"
                   "        \"payment_id\": {\"type\": \"string\", "
                   "\"minLength\": 1},\n"
                   "        \"refund\": {\"enum\": [");
    for (size_t i = 0; i < n; i++) {
        fb_buf_puts(b, i ? ", " : "");
        fb_buf_json_string(b, fb_payload_refund_states[i]);
    }
    fb_buf_puts(b, "]},\n        \"refunded\": {\"type\": \"integer\", "
                   "\"minimum\": 0}\n      }\n    },\n");
}

/* "assisted": who filled the form in for the resident (assisted
 * digital, runtime/server/assist.h); absent for a resident's own. */
static void
json_assisted(struct fb_buf *b)
{
    fb_buf_puts(b, "    \"assisted\": {\n      \"type\": \"object\",\n"
                   "      \"description\": \"Present when a staff member "
                   "filled the form in for the resident (formbuilder "
                   "assist): the channel and the name they gave.\",\n"
                   "      \"required\": [\"channel\", \"staff_name\"],\n"
                   "      \"additionalProperties\": false,\n"
                   "      \"properties\": {\n        \"channel\": "
                   "{\"enum\": [");
    for (size_t i = 0; i < FB_ASSIST_N_CHANNELS; i++) {
        fb_buf_puts(b, i ? ", " : "");
        fb_buf_json_string(b, fb_assist_channels[i]);
    }
    fb_buf_printf(b, "]},\n        \"staff_name\": {\"type\": \"string\", "
                  "\"minLength\": 1, \"maxLength\": %d}\n      }\n    },\n",
                  FB_ASSIST_STAFF_MAX);
}

/* @returns true when a question of @p f is found by postcode (@p address:
 * `lookup: os-places`), or else checked against a council's endpoint
 * (`lookup: {provider, ...}`). */
static bool
form_has_lookup(const struct fb_form_desc *f, bool address)
{
    for (size_t i = 0; i < f->n_questions; i++)
        if (address ? f->questions[i]->address_lookup != NULL
                    : f->questions[i]->lookup != NULL)
            return true;
    return false;
}

#define N_LOOKUP_STATES \
    (sizeof fb_payload_lookup_states / sizeof *fb_payload_lookup_states)

/* "lookups": how each answer checked against its endpoint was taken, for
 * a form with such a question; the server writes an entry per question
 * it asked about (or could not ask). */
static void
json_lookups(struct fb_buf *b, const struct fb_form_desc *f)
{
    fb_buf_puts(b, "    \"lookups\": {\n      \"type\": \"object\",\n"
                   "      \"description\": \"How each answer checked "
                   "against its endpoint was taken: found there, or "
                   "unverified when the endpoint could not be asked.\",\n"
                   "      \"additionalProperties\": false,\n"
                   "      \"properties\": {");
    const char *sep = "\n";
    for (size_t i = 0; i < f->n_questions; i++) {
        if (!f->questions[i]->lookup)
            continue;
        fb_buf_printf(b, "%s        ", sep);
        fb_buf_json_string(b, f->questions[i]->id);
        fb_buf_puts(b, ": {\"enum\": [");
        for (size_t k = 0; k < N_LOOKUP_STATES; k++) {
            fb_buf_puts(b, k ? ", " : "");
            fb_buf_json_string(b, fb_payload_lookup_states[k]);
        }
        fb_buf_puts(b, "]}");
        sep = ",\n";
    }
    fb_buf_puts(b, "\n      }\n    },\n");
}

/* The same as an optional XSD element. */
static void
xsd_fact_enum(struct fb_buf *b, const char *name,
              const char *const *values, size_t n)
{
    fb_buf_printf(b, "        <xs:element name=\"%s\" minOccurs=\"0\">\n"
                     "          <xs:simpleType>\n"
                     "            <xs:restriction base=\"xs:string\">\n",
                  name);
    for (size_t i = 0; i < n; i++) {
        fb_buf_puts(b, "              <xs:enumeration value=\"");
        fb_buf_xml_text(b, values[i]);
        fb_buf_puts(b, "\"/>\n");
    }
    fb_buf_puts(b, "            </xs:restriction>\n"
                   "          </xs:simpleType>\n"
                   "        </xs:element>\n");
}

void
fb_emit_json_schema(struct fb_compiler *c, struct fb_buf *b,
                    const struct fb_lowered *lw, const char *source_name)
{
    struct fb_arena *a = &c->arena;
    const struct fb_form_desc *f = lw->desc;
    fb_buf_puts(b, "{\n  \"$schema\": "
                   "\"https://json-schema.org/draft/2020-12/schema\",\n");
    fb_buf_puts(b, "  \"$id\": ");
    fb_buf_json_string(b, fb_arena_printf(a, "urn:formbuilder:%s:%s",
                                          f->slug, f->version));
    fb_buf_puts(b, ",\n  \"$comment\": ");
    fb_buf_json_string(b, fb_arena_printf(a,
                                          "Generated by formc %s from %s. "
                                          "Do not edit.",
                                          FB_VERSION, source_name));
    fb_buf_puts(b, ",\n  \"title\": ");
    fb_buf_json_string(b, fb_arena_printf(a, "Submission: %s",
                                          fb_i18n_get(&f->title,
                                                      FB_LANG_EN)));
    fb_buf_puts(b, ",\n  \"description\": ");
    fb_buf_json_string(b, why_valid(a));
    fb_buf_puts(b, ",\n  \"type\": \"object\",\n"
                   "  \"required\": [\"form\", \"version\", \"reference\", "
                   "\"submitted_at\", \"answers\"],\n"
                   "  \"additionalProperties\": false,\n"
                   "  \"properties\": {\n    \"form\": {\"const\": ");
    fb_buf_json_string(b, f->slug);
    fb_buf_puts(b, "},\n    \"version\": {\"const\": ");
    fb_buf_json_string(b, f->version);
    fb_buf_puts(b, "},\n    \"reference\": {\"type\": \"string\", "
                   "\"pattern\": ");
    fb_buf_json_string(b, reference_pattern(a, f));
    fb_buf_puts(b, "},\n    \"submitted_at\": {\"type\": \"string\", "
                   "\"format\": \"date-time\"},\n");
    json_fact_enum(b, "language", fb_payload_languages,
                   sizeof fb_payload_languages / sizeof *fb_payload_languages);
    json_fact_enum(b, "event", fb_payload_events,
                   sizeof fb_payload_events / sizeof *fb_payload_events);
    if (f->booking)
        json_booking(b, f->booking);
    if (f->payment)
        json_payment(b);
    json_assisted(b);
    if (form_has_lookup(f, false))
        json_lookups(b, f);
    fb_buf_puts(b, 
                   "    \"answers\": {\n      \"type\": \"object\",\n"
                   "      \"additionalProperties\": false,\n"
                   "      \"required\": [");
    const char *sep = "";
    size_t from = 0;
    for (size_t i = 0; i < f->n_questions; i++) {
        const struct fb_page_desc *g = fb_repeat_page_of(f, f->questions[i]);
        if (g ? g->questions[0] != f->questions[i] || !group_required(g)
              : !always_required(f, f->questions[i], &from))
            continue;
        fb_buf_puts(b, sep);
        fb_buf_json_string(b, g ? g->id : f->questions[i]->id);
        sep = ", ";
    }
    fb_buf_puts(b, "],\n      \"properties\": {");
    json_answers(a, b, f);
    fb_buf_puts(b, "\n      }\n    }\n  }\n}\n");
}

/* --- XSD --------------------------------------------------------------- */

/* Opens a simple type restricting @p base; named when @p name is set. */
static void
xsd_simple_open(struct fb_buf *b, const char *indent, const char *name,
                const char *base)
{
    fb_buf_printf(b, "%s<xs:simpleType", indent);
    if (name)
        fb_buf_printf(b, " name=\"%s\"", name);
    fb_buf_printf(b, ">\n%s  <xs:restriction base=\"%s\">\n", indent, base);
}

static void
xsd_simple_close(struct fb_buf *b, const char *indent)
{
    fb_buf_printf(b, "%s  </xs:restriction>\n%s</xs:simpleType>\n", indent,
                  indent);
}

/* A facet of @p pattern, a stored pattern with its ^ and $ dropped: XSD
 * patterns always match the whole value and read ^ and $ as characters. */
static void
xsd_pattern(struct fb_arena *a, struct fb_buf *b, const char *indent,
            const char *pattern)
{
    size_t n = strlen(pattern);
    if (n >= 2 && pattern[0] == '^' && pattern[n - 1] == '$') {
        pattern++;
        n -= 2;
    }
    fb_buf_printf(b, "%s    <xs:pattern value=\"", indent);
    fb_buf_xml_text(b, fb_arena_strndup(a, pattern, n));
    fb_buf_puts(b, "\"/>\n");
}

/* A string with an optional pattern and lengths (0: no facet). */
static void
xsd_restriction(struct fb_arena *a, struct fb_buf *b, const char *indent,
                const char *name, const char *pattern, long min_len,
                long max_len)
{
    xsd_simple_open(b, indent, name, "xs:string");
    if (pattern)
        xsd_pattern(a, b, indent, pattern);
    if (min_len > 0)
        fb_buf_printf(b, "%s    <xs:minLength value=\"%ld\"/>\n", indent,
                      min_len);
    if (max_len > 0)
        fb_buf_printf(b, "%s    <xs:maxLength value=\"%ld\"/>\n", indent,
                      max_len);
    xsd_simple_close(b, indent);
}

/* One enumeration facet of a simple type opened at @p indent. */
static void
xsd_enumeration(struct fb_buf *b, const char *indent, const char *value)
{
    fb_buf_printf(b, "%s    <xs:enumeration value=\"", indent);
    fb_buf_xml_text(b, value);
    fb_buf_puts(b, "\"/>\n");
}

static void
xsd_enum(struct fb_buf *b, const char *indent, const struct fb_question_desc *q)
{
    xsd_simple_open(b, indent, NULL, "xs:string");
    for (size_t i = 0; i < q->n_options; i++)
        xsd_enumeration(b, indent, q->options[i].value);
    xsd_simple_close(b, indent);
}

/* The named types every schema declares: non-empty text, and one for each
 * part the type table gives a stored pattern (an address's postcode),
 * named by its suffix, which xsd_parts() refers to. Those suffixes are
 * unique in the table, so no name is declared twice. */
static void
xsd_named_types(struct fb_arena *a, struct fb_buf *b, bool with_uprn)
{
    xsd_restriction(a, b, "  ", "nonEmpty", NULL, 1, 0);
    fb_buf_puts(b, "\n");
    for (int t = 0; t < FB_Q__COUNT; t++) {
        const struct fb_qtype_info *info = fb_qtype((enum fb_qtype)t);
        for (size_t i = 0; info && i < info->n_parts; i++) {
            const struct fb_part_info *p = &info->parts[i];
            if (!p->stored_pattern)
                continue;
            xsd_restriction(a, b, "  ", p->suffix, p->stored_pattern, 0, 0);
            fb_buf_puts(b, "\n");
        }
    }
    if (with_uprn) {
        xsd_restriction(a, b, "  ", FB_UPRN_SUFFIX, FB_UPRN_PATTERN, 0, 0);
        fb_buf_puts(b, "\n");
    }
}

/* An answer stored in parts: an element per part asked. */
static void
xsd_parts(struct fb_buf *b, const char *in, const struct fb_question_desc *q,
          const struct fb_qtype_info *info)
{
    fb_buf_printf(b, "%s<xs:complexType>\n%s  <xs:sequence>\n", in, in);
    for (size_t i = 0; i < info->n_parts; i++) {
        const struct fb_part_info *p = &info->parts[i];
        if (!part_asked(q, info, i))
            continue;
        fb_buf_printf(b, "%s    <xs:element name=\"", in);
        fb_buf_xml_text(b, p->suffix);
        fb_buf_printf(b, "\" type=\"%s\"%s/>\n",
                      p->stored_pattern ? p->suffix
                      : p->optional     ? "xs:string"
                                        : "nonEmpty",
                      p->optional ? " minOccurs=\"0\"" : "");
    }
    if (q->address_lookup)
        fb_buf_printf(b, "%s    <xs:element name=\"" FB_UPRN_SUFFIX "\" "
                      "type=\"" FB_UPRN_SUFFIX "\" minOccurs=\"0\"/>\n", in);
    fb_buf_printf(b, "%s  </xs:sequence>\n%s</xs:complexType>\n", in, in);
}

/* A checkbox answer: one value element per ticked box. */
static void
xsd_choices(struct fb_buf *b, const char *in, const struct fb_question_desc *q)
{
    fb_buf_printf(b, "%s<xs:complexType>\n%s  <xs:sequence>\n"
                     "%s    <xs:element name=\"value\" minOccurs=\"%ld\"",
                  in, in, in, rule_count(q, FB_RULE_MIN_SELECTED, 1));
    if (fb_question_rule(q, FB_RULE_MAX_SELECTED))
        fb_buf_printf(b, " maxOccurs=\"%ld\">\n",
                      rule_count(q, FB_RULE_MAX_SELECTED, 0));
    else
        fb_buf_printf(b, " maxOccurs=\"%zu\">\n", q->n_options);
    xsd_enum(b, "                  ", q);
    fb_buf_printf(b, "%s    </xs:element>\n%s  </xs:sequence>\n"
                     "%s</xs:complexType>\n", in, in, in);
}

/* A file answer in XML: a <value> per file, its stored reference. */
static void
xsd_files(struct fb_buf *b, const char *in, const struct fb_question_desc *q)
{
    const char *pattern = fb_question_stored_pattern(q);
    size_t n = strlen(pattern);
    fb_buf_printf(b, "%s<xs:complexType>\n%s  <xs:sequence>\n"
                     "%s    <xs:element name=\"value\" minOccurs=\"1\" "
                     "maxOccurs=\"%u\">\n", in, in, in,
                  q->file ? q->file->max_files : 1u);
    fb_buf_printf(b, "%s      <xs:simpleType><xs:restriction "
                     "base=\"xs:string\"><xs:pattern value=\"", in);
    /* XSD patterns are anchored: drop ^ and $ */
    struct fb_buf p;
    fb_buf_init(&p);
    fb_buf_putn(&p, pattern + 1, n - 2);
    fb_buf_xml_text(b, p.data ? p.data : "");
    fb_buf_free(&p);
    fb_buf_printf(b, "\"/></xs:restriction></xs:simpleType>\n"
                     "%s    </xs:element>\n%s  </xs:sequence>\n"
                     "%s</xs:complexType>\n", in, in, in);
}

/* Whole pence: an integer to XSD (XML is text, so the digits the payload
 * holds are one), with the rules' bounds converted from pounds. */
static void
xsd_pence(struct fb_arena *a, struct fb_buf *b, const char *in,
          const struct fb_question_desc *q)
{
    const struct fb_rule_desc *r;
    xsd_simple_open(b, in, NULL, "xs:nonNegativeInteger");
    xsd_pattern(a, b, in, fb_question_stored_pattern(q));
    if ((r = fb_question_rule(q, FB_RULE_MIN)))
        fb_buf_printf(b, "%s    <xs:minInclusive value=\"%lld\"/>\n", in,
                      fb_pounds_to_pence(r->number));
    if ((r = fb_question_rule(q, FB_RULE_MAX)))
        fb_buf_printf(b, "%s    <xs:maxInclusive value=\"%lld\"/>\n", in,
                      fb_pounds_to_pence(r->number));
    xsd_simple_close(b, in);
}

/* A number: a decimal to XSD (an integer with the integer rule), in the
 * canonical spelling the payload holds, within the rules' bounds. */
static void
xsd_number(struct fb_arena *a, struct fb_buf *b, const char *in,
           const struct fb_question_desc *q)
{
    const struct fb_rule_desc *r;
    xsd_simple_open(b, in, NULL, q->integer ? "xs:integer" : "xs:decimal");
    xsd_pattern(a, b, in, fb_question_stored_pattern(q));
    if ((r = fb_question_rule(q, FB_RULE_MIN)))
        fb_buf_printf(b, "%s    <xs:minInclusive value=\"%.15g\"/>\n", in,
                      r->number);
    if ((r = fb_question_rule(q, FB_RULE_MAX)))
        fb_buf_printf(b, "%s    <xs:maxInclusive value=\"%.15g\"/>\n", in,
                      r->number);
    xsd_simple_close(b, in);
}

/* The type of a stored string: its stored pattern if it has one, else
 * its length rules. */
static void
xsd_string(struct fb_arena *a, struct fb_buf *b, const char *in,
           const struct fb_question_desc *q)
{
    const char *pattern = fb_question_stored_pattern(q);
    if (pattern)
        xsd_restriction(a, b, in, NULL, pattern, 0, 0);
    else
        xsd_restriction(a, b, in, NULL, NULL,
                        rule_count(q, FB_RULE_MIN_LENGTH, 1),
                        rule_count(q, FB_RULE_MAX_LENGTH, 0));
}

/* @p from: page_of()'s. */
static void
xsd_answer(struct fb_arena *a, struct fb_buf *b, const struct fb_form_desc *f,
           const struct fb_question_desc *q, size_t *from)
{
    const char *in = "            ";
    const struct fb_qtype_info *info = fb_qtype(q->type);
    enum fb_stored stored = fb_question_stored(q);
    fb_buf_printf(b, "          <xs:element name=\"");
    fb_buf_xml_text(b, q->id);
    fb_buf_printf(b, "\"%s", always_required(f, q, from) ? ""
                                                 : " minOccurs=\"0\"");
    fb_buf_puts(b, stored == FB_STORED_DATE ? " type=\"xs:date\">\n" : ">\n");
    fb_buf_printf(b, "%s<xs:annotation>\n%s  <xs:documentation>", in, in);
    fb_buf_xml_text(b, fb_i18n_get(&q->label, FB_LANG_EN));
    const char *comment = rules_comment(a, q);
    if (comment) {
        fb_buf_puts(b, " (");
        fb_buf_xml_text(b, comment);
        fb_buf_puts(b, ")");
    }
    fb_buf_printf(b, "</xs:documentation>\n%s</xs:annotation>\n", in);
    switch (stored) {
    case FB_STORED_DATE:
        break;
    case FB_STORED_CHOICES:
        xsd_choices(b, in, q);
        break;
    case FB_STORED_FILES:
        xsd_files(b, in, q);
        break;
    case FB_STORED_CHOICE:
        xsd_enum(b, in, q);
        break;
    case FB_STORED_BOOLEAN:
        /* As in the JSON Schema: true or false, a declaration true. */
        xsd_simple_open(b, in, NULL, "xs:boolean");
        if (!q->n_options)
            fb_buf_printf(b, "%s    <xs:pattern value=\"true\"/>\n", in);
        xsd_simple_close(b, in);
        break;
    case FB_STORED_NUMBER:
        xsd_number(a, b, in, q);
        break;
    case FB_STORED_PENCE:
        xsd_pence(a, b, in, q);
        break;
    case FB_STORED_PARTS:
        xsd_parts(b, in, q, info);
        break;
    default:
        xsd_string(a, b, in, q);
        break;
    }
    fb_buf_puts(b, "          </xs:element>\n");
}

/* The payment element, as json_payment() describes it. */
static void
xsd_payment(struct fb_buf *b)
{
    const char *in = "              ";  /* as the booking's window */
    fb_buf_puts(b, "        <xs:element name=\"payment\" minOccurs=\"0\">\n"
                   "          <xs:complexType>\n"
                   "            <xs:sequence>\n"
                   "              <xs:element name=\"amount\" "
                   "type=\"xs:positiveInteger\"/>\n"
                   "              <xs:element name=\"payment_id\" "
                   "type=\"xs:string\"/>\n"
                   "              <xs:element name=\"refund\">\n");
    xsd_simple_open(b, in, NULL, "xs:string");
    for (size_t i = 0; i < sizeof fb_payload_refund_states
                               / sizeof *fb_payload_refund_states; i++)
        xsd_enumeration(b, in, fb_payload_refund_states[i]);
    xsd_simple_close(b, in);
    fb_buf_puts(b, "              </xs:element>\n"
                   "              <xs:element name=\"refunded\" "
                   "type=\"xs:nonNegativeInteger\"/>\n"
                   "            </xs:sequence>\n"
                   "          </xs:complexType>\n"
                   "        </xs:element>\n");
}

/* The same as an optional XSD element. */
static void
xsd_assisted(struct fb_buf *b)
{
    const char *in = "                ";
    fb_buf_puts(b, "        <xs:element name=\"assisted\" minOccurs=\"0\">\n"
                   "          <xs:complexType>\n"
                   "            <xs:sequence>\n"
                   "              <xs:element name=\"channel\">\n");
    xsd_simple_open(b, in, NULL, "xs:string");
    for (size_t i = 0; i < FB_ASSIST_N_CHANNELS; i++)
        xsd_enumeration(b, in, fb_assist_channels[i]);
    xsd_simple_close(b, in);
    fb_buf_printf(b, "              </xs:element>\n"
                     "              <xs:element name=\"staff_name\">\n"
                     "                <xs:simpleType>\n"
                     "                  <xs:restriction base=\"xs:string\">\n"
                     "                    <xs:minLength value=\"1\"/>\n"
                     "                    <xs:maxLength value=\"%d\"/>\n"
                     "                  </xs:restriction>\n"
                     "                </xs:simpleType>\n"
                     "              </xs:element>\n"
                     "            </xs:sequence>\n"
                     "          </xs:complexType>\n"
                     "        </xs:element>\n", FB_ASSIST_STAFF_MAX);
}

/* The lookups element, as json_lookups() describes it: a child per
 * question checked against an endpoint, each optional. */
static void
xsd_lookups(struct fb_buf *b, const struct fb_form_desc *f)
{
    const char *in = "                ";
    fb_buf_puts(b, "        <xs:element name=\"lookups\" minOccurs=\"0\">\n"
                   "          <xs:complexType>\n"
                   "            <xs:sequence>\n");
    for (size_t i = 0; i < f->n_questions; i++) {
        if (!f->questions[i]->lookup)
            continue;
        fb_buf_puts(b, "              <xs:element name=\"");
        fb_buf_xml_text(b, f->questions[i]->id);
        fb_buf_puts(b, "\" minOccurs=\"0\">\n");
        xsd_simple_open(b, in, NULL, "xs:string");
        for (size_t k = 0; k < N_LOOKUP_STATES; k++)
            xsd_enumeration(b, in, fb_payload_lookup_states[k]);
        xsd_simple_close(b, in);
        fb_buf_puts(b, "              </xs:element>\n");
    }
    fb_buf_puts(b, "            </xs:sequence>\n"
                   "          </xs:complexType>\n"
                   "        </xs:element>\n");
}

/* The booking element, as json_booking() describes it. */
static void
xsd_booking(struct fb_arena *a, struct fb_buf *b,
            const struct fb_calendar_desc *cal)
{
    const char *in = "              ";
    const char *time_pattern = fb_qtype(FB_Q_TIME)->stored_pattern;
    fb_buf_puts(b, "        <xs:element name=\"booking\" minOccurs=\"0\">\n"
                   "          <xs:complexType>\n"
                   "            <xs:sequence>\n"
                   "              <xs:element name=\"calendar\" "
                   "type=\"xs:string\" fixed=\"");
    fb_buf_xml_text(b, cal->name);
    fb_buf_puts(b, "\"/>\n              <xs:element name=\"date\" "
                   "type=\"xs:date\"/>\n"
                   "              <xs:element name=\"window\">\n");
    xsd_simple_open(b, in, NULL, "xs:string");
    for (size_t i = 0; i < cal->n_windows; i++)
        xsd_enumeration(b, in, cal->windows[i].id);
    xsd_simple_close(b, in);
    fb_buf_puts(b, "              </xs:element>\n");
    static const char *const times[] = {"start", "end"};
    for (size_t i = 0; i < 2; i++) {
        fb_buf_printf(b, "              <xs:element name=\"%s\" "
                         "minOccurs=\"0\">\n", times[i]);
        xsd_restriction(a, b, in, NULL, time_pattern, 0, 0);
        fb_buf_puts(b, "              </xs:element>\n");
    }
    fb_buf_puts(b, "              <xs:element name=\"status\">\n");
    xsd_simple_open(b, in, NULL, "xs:string");
    for (size_t i = 0; i < 2; i++)
        xsd_enumeration(b, in, fb_payload_booking_states[i]);
    xsd_simple_close(b, in);
    fb_buf_puts(b, "              </xs:element>\n"
                   "            </xs:sequence>\n"
                   "          </xs:complexType>\n"
                   "        </xs:element>\n");
}

/* "line1, line2, town and postcode": the parts of type @p t, for the
 * XSD's description of how XML nests them. */
static const char *
part_list(struct fb_arena *a, enum fb_qtype t)
{
    const struct fb_qtype_info *info = fb_qtype(t);
    const char *s = "";
    for (size_t i = 0; i < info->n_parts; i++)
        s = fb_arena_printf(a, "%s%s%s", s,
                            i == 0                    ? ""
                            : i + 1 < info->n_parts ? ", "
                                                      : " and ",
                            info->parts[i].suffix);
    return s;
}

/* Appends @p inner to @p b with @p indent before each of its lines, and
 * frees it. */
static void
indent_lines(struct fb_buf *b, struct fb_buf *inner, const char *indent)
{
    for (size_t k = 0; inner->data && k < inner->len; k++) {
        if (k == 0 || inner->data[k - 1] == '\n')
            fb_buf_puts(b, indent);
        fb_buf_putc(b, inner->data[k]);
    }
    if (inner->failed)
        b->failed = true;
    fb_buf_free(inner);
}

/* A repeating page's element: one <item> per item, holding the page's
 * questions as xsd_answer() describes them. */
static void
xsd_group(struct fb_arena *a, struct fb_buf *b, const struct fb_form_desc *f,
          const struct fb_page_desc *p)
{
    fb_buf_puts(b, "          <xs:element name=\"");
    fb_buf_xml_text(b, p->id);
    fb_buf_printf(b, "\"%s>\n            <xs:annotation>\n"
                     "              <xs:documentation>",
                  group_required(p) ? "" : " minOccurs=\"0\"");
    fb_buf_xml_text(b, fb_i18n_get(&p->title, FB_LANG_EN));
    fb_buf_printf(b, " (one item element per %s)</xs:documentation>\n"
                     "            </xs:annotation>\n"
                     "            <xs:complexType>\n"
                     "              <xs:sequence>\n"
                     "                <xs:element name=\"item\" "
                     "minOccurs=\"%zu\" maxOccurs=\"%zu\">\n"
                     "                  <xs:complexType>\n"
                     "                    <xs:sequence>\n",
                  fb_i18n_get(&p->repeat->item_one, FB_LANG_EN),
                  p->repeat->min > 1 ? p->repeat->min : 1, p->repeat->max);
    struct fb_buf inner;
    size_t from = 0;
    fb_buf_init(&inner);
    for (size_t k = 0; k < p->n_questions; k++)
        xsd_answer(a, &inner, f, p->questions[k], &from);
    indent_lines(b, &inner, "            ");
    fb_buf_puts(b, "                    </xs:sequence>\n"
                   "                  </xs:complexType>\n"
                   "                </xs:element>\n"
                   "              </xs:sequence>\n"
                   "            </xs:complexType>\n"
                   "          </xs:element>\n");
}

/* The "answers" element's sequence: one element per question, four levels
 * deeper than xsd_answer() indents. */
static void
xsd_answers(struct fb_arena *a, struct fb_buf *b,
            const struct fb_form_desc *f)
{
    struct fb_buf inner;
    size_t from = 0;
    fb_buf_init(&inner);
    for (size_t i = 0; i < f->n_questions; i++) {
        const struct fb_page_desc *g = fb_repeat_page_of(f, f->questions[i]);
        if (!g)
            xsd_answer(a, &inner, f, f->questions[i], &from);
        else if (g->questions[0] == f->questions[i])
            xsd_group(a, &inner, f, g);
    }
    indent_lines(b, &inner, "    ");
}

void
fb_emit_xsd(struct fb_compiler *c, struct fb_buf *b,
            const struct fb_lowered *lw, const char *source_name)
{
    struct fb_arena *a = &c->arena;
    const struct fb_form_desc *f = lw->desc;
    fb_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- ");
    fb_buf_printf(b, "Generated by formc %s from ", FB_VERSION);
    /* "--" may not appear inside an XML comment. */
    for (const char *s = source_name; *s; s++)
        if (!(s[0] == '-' && s[1] == '-'))
            fb_buf_putc(b, *s);
    fb_buf_puts(b, ". Do not edit. -->\n"
                   "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
                   "elementFormDefault=\"qualified\">\n"
                   "  <xs:annotation>\n    <xs:documentation>");
    fb_buf_xml_text(b, fb_arena_printf(a, "Submission: %s. ",
                                       fb_i18n_get(&f->title, FB_LANG_EN)));
    fb_buf_xml_text(b, why_valid(a));
    fb_buf_xml_text(b, fb_arena_printf(a,
                                       " In XML a checkbox answer holds one "
                                       "value element per ticked box, an "
                                       "address its %s elements, and a name "
                                       "asked in parts its %s elements.",
                                       part_list(a, FB_Q_ADDRESS),
                                       part_list(a, FB_Q_NAME)));
    fb_buf_puts(b, "</xs:documentation>\n  </xs:annotation>\n\n");
    xsd_named_types(a, b, form_has_lookup(f, true));
    fb_buf_puts(b, "  <xs:element name=\"submission\">\n"
                   "    <xs:complexType>\n      <xs:sequence>\n"
                   "        <xs:element name=\"form\" type=\"xs:string\" "
                   "fixed=\"");
    fb_buf_xml_text(b, f->slug);
    fb_buf_puts(b, "\"/>\n        <xs:element name=\"version\" "
                   "type=\"xs:string\" fixed=\"");
    fb_buf_xml_text(b, f->version);
    fb_buf_puts(b, "\"/>\n        <xs:element name=\"reference\">\n");
    xsd_restriction(a, b, "          ", NULL, reference_pattern(a, f), 0, 0);
    fb_buf_puts(b, "        </xs:element>\n"
                   "        <xs:element name=\"submitted_at\" "
                   "type=\"xs:dateTime\"/>\n");
    xsd_fact_enum(b, "language", fb_payload_languages,
                  sizeof fb_payload_languages / sizeof *fb_payload_languages);
    xsd_fact_enum(b, "event", fb_payload_events,
                  sizeof fb_payload_events / sizeof *fb_payload_events);
    if (f->booking)
        xsd_booking(a, b, f->booking);
    if (f->payment)
        xsd_payment(b);
    xsd_assisted(b);
    if (form_has_lookup(f, false))
        xsd_lookups(b, f);
    fb_buf_puts(b, "        <xs:element name=\"answers\">\n"
                   "          <xs:complexType>\n"
                   "            <xs:sequence>\n");
    xsd_answers(a, b, f);
    fb_buf_puts(b, "            </xs:sequence>\n"
                   "          </xs:complexType>\n"
                   "        </xs:element>\n"
                   "      </xs:sequence>\n"
                   "    </xs:complexType>\n"
                   "  </xs:element>\n"
                   "</xs:schema>\n");
}
