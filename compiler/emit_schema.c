/* SPDX-License-Identifier: MIT */
/*
 * Schema emitter: JSON Schema and XSD of one form's submission payload.
 * Answers are written as the runtime's driver stores them after
 * validating: strings in normalised form (numbers too, in canonical
 * spelling), arrays for checkboxes, objects for addresses; the shapes come
 * from each type's stored form in the type table (formbuilder/qtype.h).
 * Rules a schema language cannot state exactly (PCRE2 patterns, number
 * ranges on strings, dates relative to the day of submission) are given
 * in comments.
 */
#include "emit_schema.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fb_config.h"
#include "formbuilder/messages.h"
#include "formbuilder/qtype.h"
#include "formbuilder/validate.h"

/* Shapes of normalised values, as the libfbrt readers store them. */
#define PHONE_PATTERN "^0[0-9]{9,10}$"
#define POSTCODE_PATTERN                                                     \
    "^(GIR 0AA|[A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2}|"                          \
    "[A-Z]{1,2}[0-9][A-Z] [0-9][A-Z]{2})$"
#define NUMBER_PATTERN "^-?[0-9]+(\\.[0-9]+)?$"
#define INTEGER_PATTERN "^-?[0-9]+$"
#define DATE_PATTERN "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#define SLOT_PATTERN "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$"
#define TIME_PATTERN "^([01][0-9]|2[0-3]):[0-5][0-9]$"
#define PENCE_PATTERN "^[0-9]+$"
/* An NI number as fb_read_ni_number() stores it: HMRC's prefix letters
 * (first not D F I Q U V, second not D F I O Q U V, never BG GB KN NK NT
 * TN ZZ), spelt out pair by pair because XSD patterns have no lookahead;
 * six digits; suffix A to D. */
#define NI_PATTERN                                                           \
    "^([ACEHJLMOPRSW-Y][A-CEGHJ-NPR-TW-Z]|B[A-CEHJ-NPR-TW-Z]|"               \
    "G[ACEGHJ-NPR-TW-Z]|[KT][A-CEGHJ-MPR-TW-Z]|N[A-CEGHJL-NPRSW-Z]|"         \
    "Z[A-CEGHJ-NPR-TW-Y])[0-9]{6}[A-D]$"
/* Reference characters: fb_reference_new()'s alphabet, 8 of them. */
#define REFERENCE_CHARS "[2-9A-HJ-NP-Z]{8}"

static const char *const why_valid =
    "A payload is valid when: form and version equal this form's slug and "
    "version (a new version means the form's rules changed: check which "
    "schema you hold); reference is the form's prefix, a hyphen and 8 "
    "characters; submitted_at is an RFC 3339 date-time; answers has only "
    "the questions below, each in the shape the server stores (strings "
    "normalised: trimmed text, postcodes upper case with one space, "
    "national phone numbers, ISO dates, canonical numbers, times as HH:MM, "
    "National Insurance numbers in capitals without spaces, amounts of "
    "money as whole pence in digits; checkboxes as arrays; addresses and "
    "names asked in parts as objects). Required questions that always apply "
    "must be present; questions with a `when`, on a conditional page or "
    "revealed by an option appear only when they applied. Rules a schema "
    "cannot express (patterns, number and money ranges, relative dates) are "
    "in each answer's $comment and were checked by the server before "
    "the payload was sent.";

/* Is @p q answered in every submission? Only when it must be answered and
 * nothing can hide it. */
static bool
always_required(const struct fb_lowered *lw, const struct fb_question *q)
{
    const struct fb_question_desc *d = lw->questions[q->index];
    return d->required && !q->when && !q->revealed_by && q->page &&
           !q->page->when && !q->page->exit;
}

static const char *
reference_pattern(struct fb_arena *a, const struct fb_form_desc *d)
{
    if (!d->reference_prefix || !*d->reference_prefix)
        return "^" REFERENCE_CHARS "$";
    /* Prefixes are letters and digits (checked), so need no escaping. */
    return fb_arena_printf(a, "^%s-" REFERENCE_CHARS "$", d->reference_prefix);
}

/* "12,345 pence (\u00a3123.45)": a money rule's bound, in the units the
 * payload holds and in the pounds the author wrote. */
static const char *
pence_words(struct fb_arena *a, double pounds)
{
    char money[32];
    long long pence = llround(pounds * 100.0);
    fb_money_format(pence, money, sizeof money);
    return fb_arena_printf(a, "%lld pence (%s)", pence, money);
}

/* The rules a schema cannot state, in words, or NULL. */
static const char *
rules_comment(struct fb_arena *a, const struct fb_question *q)
{
    const char *s = "";
    const struct fb_rule *r = q->rules;
    bool money = q->type == FB_Q_MONEY, time = q->type == FB_Q_TIME;
    if (money)
        s = fb_arena_printf(a, "%s an amount of money in whole pence;", s);
    if (r[FB_RULE_PATTERN].present)
        s = fb_arena_printf(a, "%s matches the PCRE2 pattern %s;", s,
                            r[FB_RULE_PATTERN].string);
    if (r[FB_RULE_MIN].present)
        s = money ? fb_arena_printf(a, "%s at least %s;", s,
                                    pence_words(a, r[FB_RULE_MIN].number))
                  : fb_arena_printf(a, "%s at least %.15g;", s,
                                    r[FB_RULE_MIN].number);
    if (r[FB_RULE_MAX].present)
        s = money ? fb_arena_printf(a, "%s at most %s;", s,
                                    pence_words(a, r[FB_RULE_MAX].number))
                  : fb_arena_printf(a, "%s at most %.15g;", s,
                                    r[FB_RULE_MAX].number);
    static const struct {
        enum fb_rule_kind kind;
        const char *word;
    } dates[] = {{FB_RULE_BEFORE, "before"}, {FB_RULE_AFTER, "after"}};
    for (size_t i = 0; i < 2; i++) {
        const struct fb_rule *d = &r[dates[i].kind];
        if (!d->present)
            continue;
        if (time)
            s = fb_arena_printf(a, "%s %s %02ld:%02ld;", s, dates[i].word,
                                d->count / 60, d->count % 60);
        else if (d->date.relative)
            s = fb_arena_printf(a, "%s %s the submission date %+d days;", s,
                                dates[i].word, d->date.offset_days);
        else
            s = fb_arena_printf(a, "%s %s %04d-%02d-%02d;", s, dates[i].word,
                                d->date.date.year, d->date.date.month,
                                d->date.date.day);
    }
    if (r[FB_RULE_PAST].present)
        s = fb_arena_printf(a, "%s before the submission date;", s);
    if (r[FB_RULE_FUTURE].present)
        s = fb_arena_printf(a, "%s after the submission date;", s);
    if (r[FB_RULE_MATCHES].present)
        s = fb_arena_printf(a, "%s equals the answer to %s;", s,
                            r[FB_RULE_MATCHES].string);
    if (q->when || q->revealed_by)
        s = fb_arena_printf(a, "%s present only when the question applied;",
                            s);
    return *s ? s + 1 : NULL;
}

/* Is part @p i of @p q's type asked? All are, except for a type whose
 * questions choose their parts (a name). */
static bool
part_asked(const struct fb_question *q, const struct fb_qtype_info *info,
           size_t i)
{
    return !info->parts_chosen || ((q->parts >> i) & 1u);
}

/* How @p q's answer is stored: its type's way, except that a name asked
 * in one input is one string. */
static enum fb_stored
stored_as(const struct fb_question *q, const struct fb_qtype_info *info)
{
    if (!info)
        return FB_STORED_TEXT;
    if (info->stored == FB_STORED_PARTS && info->parts_chosen && !q->parts)
        return FB_STORED_TEXT;
    return info->stored;
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
json_options(struct fb_buf *b, const struct fb_question_desc *d)
{
    fb_buf_puts(b, "\"enum\": [");
    for (size_t i = 0; i < d->n_options; i++) {
        if (i)
            fb_buf_puts(b, ", ");
        fb_buf_json_string(b, d->options[i].value);
    }
    fb_buf_puts(b, "]");
}

/* The pattern a payload checks a stored part against, or NULL. */
static const char *
part_pattern(const struct fb_part_info *p)
{
    return strcmp(p->suffix, "postcode") == 0 ? POSTCODE_PATTERN : NULL;
}

/* An answer stored in parts (an address, a name in parts): an object with
 * a property per part asked, the parts that are not optional required.
 * Length rules apply to each part of a name. */
static void
json_parts(struct fb_buf *b, const char *in, const struct fb_question *q,
           const struct fb_qtype_info *info)
{
    const struct fb_rule *r = q->rules;
    long min_len = r[FB_RULE_MIN_LENGTH].present ? r[FB_RULE_MIN_LENGTH].count
                                                 : 1;
    size_t last = 0;
    for (size_t i = 0; i < info->n_parts; i++)
        if (part_asked(q, info, i))
            last = i;
    fb_buf_printf(b, "%s\"type\": \"object\",\n%s\"properties\": {\n", in,
                  in);
    for (size_t i = 0; i < info->n_parts; i++) {
        const struct fb_part_info *p = &info->parts[i];
        if (!part_asked(q, info, i))
            continue;
        fb_buf_printf(b, "%s  ", in);
        fb_buf_json_string(b, p->suffix);
        fb_buf_puts(b, ": {\"type\": \"string\"");
        if (part_pattern(p)) {
            fb_buf_puts(b, ", \"pattern\": ");
            fb_buf_json_string(b, part_pattern(p));
        } else if (info->parts_chosen) {
            fb_buf_printf(b, ", \"minLength\": %ld", min_len > 1 ? min_len : 1);
            if (r[FB_RULE_MAX_LENGTH].present)
                fb_buf_printf(b, ", \"maxLength\": %ld",
                              r[FB_RULE_MAX_LENGTH].count);
        } else if (!p->optional) {
            fb_buf_puts(b, ", \"minLength\": 1");
        }
        fb_buf_puts(b, i < last ? "},\n" : "}\n");
    }
    fb_buf_printf(b, "%s},\n%s\"required\": [", in, in);
    bool first = true;
    for (size_t i = 0; i < info->n_parts; i++) {
        if (info->parts[i].optional || !part_asked(q, info, i))
            continue;
        if (!first)
            fb_buf_puts(b, ", ");
        fb_buf_json_string(b, info->parts[i].suffix);
        first = false;
    }
    fb_buf_printf(b, "],\n%s\"additionalProperties\": false", in);
}

/* The shape of a stored string: by its stored form, and for plain text
 * by the type's format. */
static void
string_shape(const struct fb_question *q, const struct fb_qtype_info *info,
             const char **out_format, const char **out_pattern)
{
    const struct fb_rule *r = q->rules;
    *out_format = NULL;
    *out_pattern = NULL;
    switch (info ? info->stored : FB_STORED_TEXT) {
    case FB_STORED_NUMBER:
        *out_pattern = r[FB_RULE_INTEGER].present ? INTEGER_PATTERN
                                                  : NUMBER_PATTERN;
        return;
    case FB_STORED_DATE:
        *out_format = "date";
        *out_pattern = DATE_PATTERN;
        return;
    case FB_STORED_DATETIME:
        *out_pattern = SLOT_PATTERN;
        return;
    case FB_STORED_TIME:
        *out_pattern = TIME_PATTERN;
        return;
    case FB_STORED_PENCE:
        *out_pattern = PENCE_PATTERN;
        return;
    default:
        break;
    }
    switch (q->type) {
    case FB_Q_EMAIL: *out_format = "email"; break;
    case FB_Q_PHONE: *out_pattern = PHONE_PATTERN; break;
    case FB_Q_POSTCODE: *out_pattern = POSTCODE_PATTERN; break;
    case FB_Q_NI_NUMBER: *out_pattern = NI_PATTERN; break;
    default: break;
    }
}

static void
json_string(struct fb_buf *b, const char *in, const struct fb_question *q,
            const struct fb_qtype_info *info)
{
    const struct fb_rule *r = q->rules;
    const char *format, *pattern;
    string_shape(q, info, &format, &pattern);
    fb_buf_printf(b, "%s\"type\": \"string\"", in);
    if (format)
        fb_buf_printf(b, ",\n%s\"format\": \"%s\"", in, format);
    if (pattern) {
        fb_buf_printf(b, ",\n%s\"pattern\": ", in);
        fb_buf_json_string(b, pattern);
    }
    /* JSON Schema counts lengths in code points, as the rules do. */
    long min_len = r[FB_RULE_MIN_LENGTH].present ? r[FB_RULE_MIN_LENGTH].count
                                                 : 1;
    fb_buf_printf(b, ",\n%s\"minLength\": %ld", in, min_len);
    if (r[FB_RULE_MAX_LENGTH].present)
        fb_buf_printf(b, ",\n%s\"maxLength\": %ld", in,
                      r[FB_RULE_MAX_LENGTH].count);
}

static void
json_answer(struct fb_compiler *c, struct fb_buf *b,
            const struct fb_lowered *lw, const struct fb_question *q)
{
    const struct fb_question_desc *d = lw->questions[q->index];
    const char *in = "        ";
    json_key(b, "      ", q->id);
    fb_buf_puts(b, "{\n");
    fb_buf_printf(b, "%s\"title\": ", in);
    fb_buf_json_string(b, fb_i18n_get(&d->label, FB_LANG_EN));
    fb_buf_puts(b, ",\n");
    const char *comment = rules_comment(&c->arena, q);
    if (comment) {
        fb_buf_printf(b, "%s\"$comment\": ", in);
        fb_buf_json_string(b, comment);
        fb_buf_puts(b, ",\n");
    }
    const struct fb_rule *r = q->rules;
    const struct fb_qtype_info *info = fb_qtype(q->type);
    switch (stored_as(q, info)) {
    case FB_STORED_CHOICES:
        fb_buf_printf(b, "%s\"type\": \"array\",\n%s\"items\": {", in, in);
        json_options(b, d);
        fb_buf_printf(b, "},\n%s\"uniqueItems\": true,\n", in);
        fb_buf_printf(b, "%s\"minItems\": %ld", in,
                      r[FB_RULE_MIN_SELECTED].present
                          ? r[FB_RULE_MIN_SELECTED].count
                          : 1);
        if (r[FB_RULE_MAX_SELECTED].present)
            fb_buf_printf(b, ",\n%s\"maxItems\": %ld", in,
                          r[FB_RULE_MAX_SELECTED].count);
        break;
    case FB_STORED_CHOICE:
    case FB_STORED_BOOLEAN:
        /* yes_no stores one of its options; a declaration, which has
         * none, the word "confirmed". */
        if (!d->n_options) {
            fb_buf_printf(b, "%s\"const\": \"confirmed\"", in);
            break;
        }
        fb_buf_printf(b, "%s\"type\": \"string\",\n%s", in, in);
        json_options(b, d);
        break;
    case FB_STORED_PARTS:
        json_parts(b, in, q, info);
        break;
    default:
        json_string(b, in, q, info);
        break;
    }
    fb_buf_puts(b, "\n      }");
}

void
fb_emit_json_schema(struct fb_compiler *c, struct fb_buf *b,
                    const struct fb_lowered *lw, const char *source_name)
{
    const struct fb_form *f = lw->form;
    const struct fb_form_desc *d = lw->desc;
    fb_buf_puts(b, "{\n  \"$schema\": "
                   "\"https://json-schema.org/draft/2020-12/schema\",\n");
    fb_buf_puts(b, "  \"$id\": ");
    fb_buf_json_string(b, fb_arena_printf(&c->arena,
                                          "urn:formbuilder:%s:%s", f->slug,
                                          d->version));
    fb_buf_puts(b, ",\n  \"$comment\": ");
    fb_buf_json_string(b, fb_arena_printf(&c->arena,
                                          "Generated by formc %s from %s. "
                                          "Do not edit.",
                                          FB_VERSION, source_name));
    fb_buf_puts(b, ",\n  \"title\": ");
    fb_buf_json_string(b, fb_arena_printf(&c->arena, "Submission: %s",
                                          fb_i18n_get(&d->title,
                                                      FB_LANG_EN)));
    fb_buf_puts(b, ",\n  \"description\": ");
    fb_buf_json_string(b, why_valid);
    fb_buf_puts(b, ",\n  \"type\": \"object\",\n"
                   "  \"required\": [\"form\", \"version\", \"reference\", "
                   "\"submitted_at\", \"answers\"],\n"
                   "  \"additionalProperties\": false,\n"
                   "  \"properties\": {\n    \"form\": {\"const\": ");
    fb_buf_json_string(b, f->slug);
    fb_buf_puts(b, "},\n    \"version\": {\"const\": ");
    fb_buf_json_string(b, d->version);
    fb_buf_puts(b, "},\n    \"reference\": {\"type\": \"string\", "
                   "\"pattern\": ");
    fb_buf_json_string(b, reference_pattern(&c->arena, d));
    fb_buf_puts(b, "},\n    \"submitted_at\": {\"type\": \"string\", "
                   "\"format\": \"date-time\"},\n"
                   "    \"answers\": {\n      \"type\": \"object\",\n"
                   "      \"additionalProperties\": false,\n"
                   "      \"required\": [");
    bool first = true;
    for (size_t i = 0; i < f->n_questions; i++) {
        if (!always_required(lw, f->questions[i]))
            continue;
        if (!first)
            fb_buf_puts(b, ", ");
        fb_buf_json_string(b, f->questions[i]->id);
        first = false;
    }
    fb_buf_puts(b, "],\n      \"properties\": {");
    for (size_t i = 0; i < f->n_questions; i++) {
        fb_buf_puts(b, i ? ",\n" : "\n");
        /* Nested one level deeper than json_answer() indents. */
        struct fb_buf inner;
        fb_buf_init(&inner);
        json_answer(c, &inner, lw, f->questions[i]);
        for (size_t k = 0; inner.data && k < inner.len; k++) {
            fb_buf_putc(b, inner.data[k]);
            if (inner.data[k] == '\n')
                fb_buf_puts(b, "  ");
        }
        if (inner.failed)
            b->failed = true;
        fb_buf_puts(b, "");
        fb_buf_free(&inner);
    }
    fb_buf_puts(b, "\n      }\n    }\n  }\n}\n");
}

/* --- XSD --------------------------------------------------------------- */

static void
xsd_restriction(struct fb_buf *b, const char *indent, const char *pattern,
                long min_len, long max_len)
{
    fb_buf_printf(b, "%s<xs:simpleType>\n%s  <xs:restriction "
                     "base=\"xs:string\">\n", indent, indent);
    if (pattern) {
        /* XSD patterns are implicitly anchored: drop ^ and $. */
        size_t n = strlen(pattern);
        const char *p = pattern;
        if (n >= 2 && p[0] == '^' && p[n - 1] == '$') {
            p++;
            n -= 2;
        }
        fb_buf_printf(b, "%s    <xs:pattern value=\"", indent);
        char *core = strndup(p, n);
        if (core)
            fb_buf_xml_text(b, core);
        else
            b->failed = true;
        free(core);
        fb_buf_puts(b, "\"/>\n");
    }
    if (min_len > 0)
        fb_buf_printf(b, "%s    <xs:minLength value=\"%ld\"/>\n", indent,
                      min_len);
    if (max_len > 0)
        fb_buf_printf(b, "%s    <xs:maxLength value=\"%ld\"/>\n", indent,
                      max_len);
    fb_buf_printf(b, "%s  </xs:restriction>\n%s</xs:simpleType>\n", indent,
                  indent);
}

static void
xsd_enum(struct fb_buf *b, const char *indent,
         const struct fb_question_desc *d)
{
    fb_buf_printf(b, "%s<xs:simpleType>\n%s  <xs:restriction "
                     "base=\"xs:string\">\n", indent, indent);
    for (size_t i = 0; i < d->n_options; i++) {
        fb_buf_printf(b, "%s    <xs:enumeration value=\"", indent);
        fb_buf_xml_text(b, d->options[i].value);
        fb_buf_puts(b, "\"/>\n");
    }
    fb_buf_printf(b, "%s  </xs:restriction>\n%s</xs:simpleType>\n", indent,
                  indent);
}

/* An answer stored in parts: an element per part asked. */
static void
xsd_parts(struct fb_buf *b, const char *in, const struct fb_question *q,
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
                      part_pattern(p) ? "postcode"
                      : p->optional   ? "xs:string"
                                      : "nonEmpty",
                      p->optional ? " minOccurs=\"0\"" : "");
    }
    fb_buf_printf(b, "%s  </xs:sequence>\n%s</xs:complexType>\n", in, in);
}

/* Whole pence: an integer to XSD (XML is text, so the digits the payload
 * holds are one), with the rules' bounds converted from pounds. */
static void
xsd_pence(struct fb_buf *b, const char *in, const struct fb_question *q)
{
    const struct fb_rule *r = q->rules;
    fb_buf_printf(b, "%s<xs:simpleType>\n%s  <xs:restriction "
                     "base=\"xs:nonNegativeInteger\">\n"
                     "%s    <xs:pattern value=\"[0-9]+\"/>\n", in, in, in);
    if (r[FB_RULE_MIN].present)
        fb_buf_printf(b, "%s    <xs:minInclusive value=\"%lld\"/>\n", in,
                      llround(r[FB_RULE_MIN].number * 100.0));
    if (r[FB_RULE_MAX].present)
        fb_buf_printf(b, "%s    <xs:maxInclusive value=\"%lld\"/>\n", in,
                      llround(r[FB_RULE_MAX].number * 100.0));
    fb_buf_printf(b, "%s  </xs:restriction>\n%s</xs:simpleType>\n", in, in);
}

static void
xsd_answer(struct fb_compiler *c, struct fb_buf *b,
           const struct fb_lowered *lw, const struct fb_question *q)
{
    const struct fb_question_desc *d = lw->questions[q->index];
    const struct fb_rule *r = q->rules;
    const char *in = "            ";
    fb_buf_printf(b, "          <xs:element name=\"");
    fb_buf_xml_text(b, q->id);
    fb_buf_printf(b, "\"%s", always_required(lw, q) ? "" : " minOccurs=\"0\"");
    const struct fb_qtype_info *info = fb_qtype(q->type);
    enum fb_stored stored = stored_as(q, info);
    fb_buf_puts(b, stored == FB_STORED_DATE ? " type=\"xs:date\">\n" : ">\n");
    fb_buf_printf(b, "%s<xs:annotation>\n%s  <xs:documentation>", in, in);
    fb_buf_xml_text(b, fb_i18n_get(&d->label, FB_LANG_EN));
    const char *comment = rules_comment(&c->arena, q);
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
        fb_buf_printf(b, "%s<xs:complexType>\n%s  <xs:sequence>\n"
                         "%s    <xs:element name=\"value\" minOccurs=\"%ld\"",
                      in, in, in,
                      r[FB_RULE_MIN_SELECTED].present
                          ? r[FB_RULE_MIN_SELECTED].count
                          : 1);
        if (r[FB_RULE_MAX_SELECTED].present)
            fb_buf_printf(b, " maxOccurs=\"%ld\">\n",
                          r[FB_RULE_MAX_SELECTED].count);
        else
            fb_buf_printf(b, " maxOccurs=\"%zu\">\n", d->n_options);
        xsd_enum(b, "                  ", d);
        fb_buf_printf(b, "%s    </xs:element>\n%s  </xs:sequence>\n"
                         "%s</xs:complexType>\n", in, in, in);
        break;
    case FB_STORED_CHOICE:
    case FB_STORED_BOOLEAN:
        /* As in the JSON Schema: options, or a declaration's word. */
        if (d->n_options)
            xsd_enum(b, in, d);
        else
            xsd_restriction(b, in, "^confirmed$", 0, 0);
        break;
    case FB_STORED_PENCE:
        xsd_pence(b, in, q);
        break;
    case FB_STORED_PARTS:
        xsd_parts(b, in, q, info);
        break;
    default: {
        const char *format, *pattern;
        string_shape(q, info, &format, &pattern);
        if (pattern)
            xsd_restriction(b, in, pattern, 0, 0);
        else
            xsd_restriction(b, in, NULL,
                            r[FB_RULE_MIN_LENGTH].present
                                ? r[FB_RULE_MIN_LENGTH].count
                                : 1,
                            r[FB_RULE_MAX_LENGTH].present
                                ? r[FB_RULE_MAX_LENGTH].count
                                : 0);
        break;
    }
    }
    fb_buf_puts(b, "          </xs:element>\n");
}

void
fb_emit_xsd(struct fb_compiler *c, struct fb_buf *b,
            const struct fb_lowered *lw, const char *source_name)
{
    const struct fb_form *f = lw->form;
    const struct fb_form_desc *d = lw->desc;
    fb_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- ");
    fb_buf_printf(b, "Generated by formc %s from ", FB_VERSION);
    for (const char *s = source_name; *s; s++)
        if (!(s[0] == '-' && s[1] == '-'))
            fb_buf_putc(b, *s);
    fb_buf_puts(b, ". Do not edit. -->\n"
                   "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
                   "elementFormDefault=\"qualified\">\n"
                   "  <xs:annotation>\n    <xs:documentation>");
    fb_buf_xml_text(b, fb_arena_printf(&c->arena, "Submission: %s. ",
                                       fb_i18n_get(&d->title, FB_LANG_EN)));
    fb_buf_xml_text(b, why_valid);
    fb_buf_puts(b, " In XML a checkbox answer holds one value element per "
                   "ticked box, an address its line1, line2, town and "
                   "postcode elements, and a name asked in parts its title, "
                   "given and family elements.</xs:documentation>\n"
                   "  </xs:annotation>\n\n"
                   "  <xs:simpleType name=\"nonEmpty\">\n"
                   "    <xs:restriction base=\"xs:string\">\n"
                   "      <xs:minLength value=\"1\"/>\n"
                   "    </xs:restriction>\n"
                   "  </xs:simpleType>\n\n"
                   "  <xs:simpleType name=\"postcode\">\n"
                   "    <xs:restriction base=\"xs:string\">\n"
                   "      <xs:pattern value=\"");
    {
        const char *p = POSTCODE_PATTERN;
        fb_buf_putn(b, p + 1, strlen(p) - 2);
    }
    fb_buf_puts(b, "\"/>\n    </xs:restriction>\n  </xs:simpleType>\n\n"
                   "  <xs:element name=\"submission\">\n"
                   "    <xs:complexType>\n      <xs:sequence>\n"
                   "        <xs:element name=\"form\" type=\"xs:string\" "
                   "fixed=\"");
    fb_buf_xml_text(b, f->slug);
    fb_buf_puts(b, "\"/>\n        <xs:element name=\"version\" "
                   "type=\"xs:string\" fixed=\"");
    fb_buf_xml_text(b, d->version);
    fb_buf_puts(b, "\"/>\n        <xs:element name=\"reference\">\n");
    xsd_restriction(b, "          ", reference_pattern(&c->arena, d), 0, 0);
    fb_buf_puts(b, "        </xs:element>\n"
                   "        <xs:element name=\"submitted_at\" "
                   "type=\"xs:dateTime\"/>\n"
                   "        <xs:element name=\"answers\">\n"
                   "          <xs:complexType>\n"
                   "            <xs:sequence>\n");
    struct fb_buf inner;
    fb_buf_init(&inner);
    for (size_t i = 0; i < f->n_questions; i++)
        xsd_answer(c, &inner, lw, f->questions[i]);
    /* Answers sit four levels deeper than xsd_answer() indents. */
    for (size_t k = 0; inner.data && k < inner.len; k++) {
        if (k == 0 || inner.data[k - 1] == '\n')
            fb_buf_puts(b, "    ");
        fb_buf_putc(b, inner.data[k]);
    }
    if (inner.failed)
        b->failed = true;
    fb_buf_free(&inner);
    fb_buf_puts(b, "            </xs:sequence>\n"
                   "          </xs:complexType>\n"
                   "        </xs:element>\n"
                   "      </xs:sequence>\n"
                   "    </xs:complexType>\n"
                   "  </xs:element>\n"
                   "</xs:schema>\n");
}
