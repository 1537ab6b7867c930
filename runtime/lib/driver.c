/* SPDX-License-Identifier: MIT */
/*
 * The driver (formbuilder/driver.h): evaluates condition trees and
 * validates questions from the type table and the rule tables. Every form
 * runs through here, in the server, in back-office validators and in
 * formc's static pages, so what a form means is decided in one place.
 */
#include "formbuilder/driver.h"
#include "formbuilder/repeat.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "formbuilder/booking.h"
#include "formbuilder/qtype.h"
#include "formbuilder/validate.h"
#include "answers-priv.h"
#include "errors-priv.h"
#include "qtype-priv.h"
#include "utf8-priv.h"
#include "validate-priv.h"

/* ---- set-up ---------------------------------------------------------------- */

int
fb_form_init(const struct fb_form_desc *form, char *why, size_t cap)
{
    for (size_t i = 0; i < form->n_questions; i++) {
        const struct fb_question_desc *q = form->questions[i];
        for (size_t k = 0; k < q->n_rules; k++) {
            const struct fb_rule_desc *r = &q->rules[k];
            if (r->kind != FB_RULE_PATTERN || !r->regex || *r->regex)
                continue;
            *r->regex = fb_regex_compile(r->pattern);
            if (!*r->regex) {
                snprintf(why, cap, "form %s: the pattern of question %s "
                         "does not compile (or memory ran out)",
                         form->slug, q->id);
                return -1;
            }
        }
    }
    return 0;
}

void
fb_form_fini(const struct fb_form_desc *form)
{
    for (size_t i = 0; i < form->n_questions; i++) {
        const struct fb_question_desc *q = form->questions[i];
        for (size_t k = 0; k < q->n_rules; k++) {
            struct fb_regex **slot = q->rules[k].regex;
            if (slot && *slot) {
                fb_regex_free(*slot);
                *slot = NULL;
            }
        }
    }
}

/* ---- conditions ------------------------------------------------------------ */

/* @returns true when question @p id or one of its parts (id-day,
 * id.line1 ...) has a value that is not empty. */
static bool
answered(const struct fb_answers *a, const char *id)
{
    size_t n = strlen(id);
    const char *name, *value;
    for (size_t i = 0; fb_answers_at(a, i, &name, &value); i++)
        if (strncmp(name, id, n) == 0 &&
            (name[n] == '\0' || name[n] == '-' || name[n] == '.') &&
            value[0] != '\0')
            return true;
    return false;
}

/* fb_answers_has() for the answer of question @p q, found by the name
 * formc measured and hashed. */
static bool
has_value(const struct fb_answers *a, const struct fb_question_desc *q,
          const char *value)
{
    struct fb_name nm = fb_question_name(q);
    size_t count, n;

    if (!value)
        return false;
    n = strlen(value);
    for (uint32_t i = fb_answers_findh(a, nm.s, nm.n, nm.hash, &count);
         i != FB_ANSWERS_NONE; i = fb_answers_next(a, i)) {
        const struct fb_answer *p = fb_answers_entry(a, i);

        if (p->value_len == n && fb_same_bytes(p->value, value, n))
            return true;
    }
    return false;
}

/* The postcode of @p q's answer ("ID.postcode" of an address, the answer
 * of a postcode question), as stored ("SK1 1AA"), or NULL. */
static const char *
postcode_of(const struct fb_answers *a, const struct fb_question_desc *q)
{
    char name[256];
    if (q->type != FB_Q_ADDRESS)
        return fb_answers_get(a, q->id);
    snprintf(name, sizeof name, "%s.postcode", q->id);
    return fb_answers_get(a, name);
}

bool
fb_postcode_in_area(const char *pc, const char *area)
{
    if (!area)
        return false;
    size_t out = strcspn(pc, " ");
    size_t n = strlen(area), letters = 0;
    while (letters < n && ((area[letters] | 0x20) >= 'a' &&
                           (area[letters] | 0x20) <= 'z'))
        letters++;
    if (letters == n) {
        size_t have = 0;
        while (have < out && ((pc[have] | 0x20) >= 'a' &&
                              (pc[have] | 0x20) <= 'z'))
            have++;
        return have == n && strncasecmp(pc, area, n) == 0;
    }
    return out == n && strncasecmp(pc, area, n) == 0;
}

bool
fb_text_starts_with(const char *v, const char *prefix)
{
    if (!v || !prefix)
        return false;
    size_t n = strlen(prefix);
    return strlen(v) >= n && strncasecmp(v, prefix, n) == 0;
}

/* Compares the answer with the literal: false when either is missing or
 * not of the literal's kind. */
static bool
compare(const struct fb_cond_desc *c, const struct fb_answers *a,
        const struct fb_date *today, int *cmp)
{
    const char *v = fb_answers_get(a, c->question->id);
    if (c->value.kind == FB_LITERAL_NUMBER)
        return fb_compare_numbers(v, c->value.number, cmp);
    struct fb_date d = fb_date_ref_resolve(&c->value.date, today);
    return fb_compare_dates(v, &d, cmp);
}

/* A test over a repeating page's items: its count compared with the
 * number, or the plain test on each item's own answers in turn. */
static bool
eval_over(const struct fb_cond_desc *c, const struct fb_answers *a,
          const struct fb_date *today)
{
    size_t n = fb_repeat_count_of(c->group, a);
    if (c->over == FB_COND_OVER_COUNT) {
        double v = (double)n, want = c->value.number;
        switch (c->op) {
        case FB_COND_IS: return v == want;
        case FB_COND_IS_NOT: return v != want;
        case FB_COND_LT: return v < want;
        case FB_COND_LE: return v <= want;
        case FB_COND_GT: return v > want;
        case FB_COND_GE: return v >= want;
        default: return false;
        }
    }
    struct fb_cond_desc one = *c;
    one.over = FB_COND_OVER_NONE;
    struct fb_answers *item = fb_answers_new();
    bool any = false;
    for (size_t i = 0; item && i < n && !any; i++) {
        fb_answers_clear(item);
        /* Out of memory: the item is not there to hold. */
        any = fb_repeat_item_of(c->group, a, i, item) == 0
              && fb_cond_eval(&one, item, today);
    }
    fb_answers_free(item);
    return any;
}

bool
fb_cond_eval(const struct fb_cond_desc *c, const struct fb_answers *a,
             const struct fb_date *today)
{
    int cmp = 0;
    if (!c)
        return true;
    if (c->over != FB_COND_OVER_NONE && c->group)
        return eval_over(c, a, today);
    switch (c->op) {
    case FB_COND_AND:
        return fb_cond_eval(c->lhs, a, today) &&
               fb_cond_eval(c->rhs, a, today);
    case FB_COND_OR:
        return fb_cond_eval(c->lhs, a, today) ||
               fb_cond_eval(c->rhs, a, today);
    case FB_COND_NOT:
        return !fb_cond_eval(c->lhs, a, today);
    case FB_COND_ANSWERED:
        return answered(a, c->question->id);
    case FB_COND_HAS:
        return has_value(a, c->question, c->value.text);
    case FB_COND_STARTS_WITH:
        return fb_text_starts_with(fb_answers_get(a, c->question->id),
                           c->value.text);
    case FB_COND_POSTCODE_IN: {
        const char *pc = postcode_of(a, c->question);
        for (size_t i = 0; pc && i < c->n_values; i++)
            if (fb_postcode_in_area(pc, c->values[i].text))
                return true;
        return false;
    }
    case FB_COND_IN:
        /* Each listed value as `is` would test it. */
        for (size_t i = 0; i < c->n_values; i++) {
            struct fb_cond_desc is = {.op = FB_COND_IS,
                                      .question = c->question,
                                      .value = c->values[i]};
            if (fb_cond_eval(&is, a, today))
                return true;
        }
        return false;
    default:
        break;
    }
    if (c->value.kind == FB_LITERAL_TEXT) {
        bool has = has_value(a, c->question, c->value.text);
        return c->op == FB_COND_IS ? has : c->op == FB_COND_IS_NOT && !has;
    }
    bool ok = compare(c, a, today, &cmp);
    switch (c->op) {
    case FB_COND_IS: return ok && cmp == 0;
    case FB_COND_IS_NOT: return !(ok && cmp == 0);
    case FB_COND_LT: return ok && cmp < 0;
    case FB_COND_LE: return ok && cmp <= 0;
    case FB_COND_GT: return ok && cmp > 0;
    case FB_COND_GE: return ok && cmp >= 0;
    default: return false;
    }
}

bool
fb_question_applies(const struct fb_question_desc *q,
                    const struct fb_answers *answers,
                    const struct fb_date *today)
{
    if (q->revealed_by) {
        if (!fb_question_applies(q->revealed_by, answers, today))
            return false;
        if (!has_value(answers, q->revealed_by, q->reveal_value))
            return false;
    }
    return fb_cond_eval(q->when, answers, today);
}

bool
fb_page_applies(const struct fb_page_desc *p, const struct fb_answers *answers,
                const struct fb_date *today)
{
    return fb_cond_eval(p->when, answers, today);
}

/* ---- validation ------------------------------------------------------------ */

/* What fb_validate_page() has learnt of the page so far, for a `matches`
 * rule that names a question validated earlier on it. */
struct page_run {
    const struct fb_page_desc *page;
    size_t index;              /* of the question being validated */
    /* Per question before it: 0 when it was not validated (it did not
     * apply, or lies beyond SEEN_MAX), else 1 + its reader's status. */
    unsigned char *seen;
};

/* Questions of a page whose reader status is remembered; a page is far
 * shorter, and a longer one only re-reads for `matches`. */
#define SEEN_MAX 64

/* One question being validated. */
struct check {
    const struct fb_question_desc *q;
    const struct fb_qtype_info *type;
    const struct fb_answers *in;
    const struct fb_date *today;
    struct fb_answers *out;
    struct fb_errors *errs;
    const struct page_run *run; /* NULL outside fb_validate_page() */
    struct fb_read_result res;
    size_t chars;              /* characters in the stored answer, or
                                  SIZE_MAX until a length rule counts */
    /* The answer stored under the question's id, found when a rule first
     * needs it: NULL before that, or &no_answer when there is none. */
    const struct fb_answer *stored;
    uint32_t len_before;       /* out's size before the reader ran */
};

/* What check.stored points at when nothing is stored under the id. */
static const struct fb_answer no_answer;

/* fb_question_anchor() of @p c's question as a name, without a copy
 * where the descriptor holds it: the question's id, or the posted name of
 * a part ("ID-SUFFIX", fb_question_desc.part_names); else built in
 * @p buf. */
static struct fb_name
anchor_of(const struct check *c, int part, char *buf, size_t cap)
{
    const struct fb_qtype_info *t = c->type;

    if (t && !t->parts_chosen) {
        if (part < 0)
            part = t->anchor_part;
        if (part < 0)
            return fb_question_name(c->q);
        if (c->q->part_names && (size_t)part < t->n_parts)
            return c->q->part_names[part];
    }
    return fb_name_of(fb_question_anchor(c->q, part, buf, cap));
}

/* Drops what @p c's question stored: its id and, for a type in parts,
 * every "ID.PART" (fb_answers_remove_prefix()). Ids are snake_case, so no
 * other question's name starts with "ID." or "ID-". */
static void
drop_answer(struct check *c)
{
    if (c->type && c->type->n_parts == 0) {
        struct fb_name nm = fb_question_name(c->q);

        fb_answers_removenh(c->out, nm.s, nm.n, nm.hash);
    } else {
        fb_answers_remove_prefix(c->out, c->q->id);
    }
}

/* Records an error on part @p part (-1: the whole question) highlighting
 * @p parts, and drops the answer: @p out holds valid answers only. */
static void
fail_part(struct check *c, int part, unsigned parts, enum fb_msg msg,
          const struct fb_i18n *author, const struct fb_msg_args *args)
{
    char buf[256];
    struct fb_name anchor = anchor_of(c, part, buf, sizeof buf);
    struct fb_error e = {
        .question = c->q->id,
        .anchor = anchor.s,
        .part = part,
        .parts = parts,
        .msg = msg,
        .text = author && fb_i18n_present(author) ? author : NULL,
    };
    if (args)
        e.args = *args;
    e.args.noun = &c->q->noun;
    drop_answer(c);
    (void)fb_errors_addn(c->errs, &e, fb_question_name(c->q).n, anchor.n);
}

static void
fail(struct check *c, enum fb_msg msg, const struct fb_i18n *author)
{
    fail_part(c, -1, 0, msg, author, NULL);
}

static void fail_rule(struct check *c, const struct fb_rule_desc *r);

/* A date with some boxes empty: the message names them and only they are
 * highlighted. FB_PART_DAY/MONTH/YEAR are bits 0, 1 and 2, as the parts. */
static void
date_missing(struct check *c)
{
    static const enum fb_msg by_missing[8] = {
        [FB_PART_DAY] = FB_MSG_DATE_MISSING_DAY,
        [FB_PART_MONTH] = FB_MSG_DATE_MISSING_MONTH,
        [FB_PART_YEAR] = FB_MSG_DATE_MISSING_YEAR,
        [FB_PART_DAY | FB_PART_MONTH] = FB_MSG_DATE_MISSING_DAY_MONTH,
        [FB_PART_DAY | FB_PART_YEAR] = FB_MSG_DATE_MISSING_DAY_YEAR,
        [FB_PART_MONTH | FB_PART_YEAR] = FB_MSG_DATE_MISSING_MONTH_YEAR,
    };
    unsigned m = c->res.missing & 7u;
    if (m == 7u) {
        fail(c, c->type->empty, &c->q->required_message);
        return;
    }
    int first = (m & FB_PART_DAY) ? 0 : (m & FB_PART_MONTH) ? 1 : 2;
    fail_part(c, first, m, by_missing[m], NULL, NULL);
}

/* A question in parts (an address, a name): one error per missing part,
 * next to it. */
static void
parts_missing(struct check *c)
{
    for (size_t i = 0; i < c->type->n_parts; i++) {
        unsigned bit = 1u << i;
        if (c->res.missing & bit)
            fail_part(c, (int)i, bit, c->type->parts[i].missing, NULL,
                      NULL);
    }
}

/* Present but not in the right format. */
static void
invalid(struct check *c)
{
    const struct fb_qtype_info *t = c->type;
    const struct fb_rule_desc *max;
    if (c->q->type == FB_Q_DATE) {
        if (c->res.missing)
            date_missing(c);
        else
            fail(c, FB_MSG_DATE_REAL, NULL);
        return;
    }
    if (t->stored == FB_STORED_PARTS && c->res.missing) {
        parts_missing(c);
        return;
    }
    if (c->q->type == FB_Q_ADDRESS) {
        /* Complete, so the postcode (its last part) is not a real one. */
        int last = (int)t->n_parts - 1;
        fail_part(c, last, 1u << last, t->invalid, NULL, NULL);
        return;
    }
    if (t->invalid == FB_MSG_TOO_LONG) {
        /* Longer than a reader takes: say the author's limit if any. */
        max = fb_question_rule(c->q, FB_RULE_MAX_LENGTH);
        if (max)
            fail_rule(c, max);
        else
            fail(c, FB_MSG_TOO_LONG, NULL);
        return;
    }
    /* For a choice, "not one of the options" reads as "choose one". */
    fail(c, t->invalid, t->invalid == t->empty ? &c->q->required_message
                                               : NULL);
}

/* Is the address in the area of rule @p r? An address chosen from a
 * lookup (it has a UPRN) was checked by its council's code when it was
 * chosen, when the rule gives codes (runtime/server/address_page.c);
 * otherwise its postcode must be in one of the rule's postcode areas or
 * districts. With codes only, an address typed in cannot be shown to be
 * in the area. */
static bool
in_area(const struct check *c, const struct fb_rule_desc *r)
{
    char name[256];
    bool codes = false;
    for (size_t i = 0; i < r->n_areas; i++)
        codes |= r->areas[i][0] >= '0' && r->areas[i][0] <= '9';
    snprintf(name, sizeof name, "%s." FB_UPRN_SUFFIX, c->q->id);
    if (codes && c->q->address_lookup && fb_answers_get(c->out, name))
        return true;
    const char *pc = postcode_of(c->out, c->q);
    for (size_t i = 0; pc && i < r->n_areas; i++)
        if (!(r->areas[i][0] >= '0' && r->areas[i][0] <= '9')
            && fb_postcode_in_area(pc, r->areas[i]))
            return true;
    return false;
}

/* Records that the answer (part @p part of it, or -1: the whole) breaks
 * rule @p r, in the rule's words. */
static void
fail_rule_at(struct check *c, const struct fb_rule_desc *r, int part)
{
    static const enum fb_msg msgs[FB_RULE__COUNT] = {
        [FB_RULE_MIN_LENGTH] = FB_MSG_MIN_LENGTH,
        [FB_RULE_MAX_LENGTH] = FB_MSG_MAX_LENGTH,
        [FB_RULE_PATTERN] = FB_MSG_PATTERN,
        [FB_RULE_MIN] = FB_MSG_MIN,
        [FB_RULE_MAX] = FB_MSG_MAX,
        [FB_RULE_INTEGER] = FB_MSG_INTEGER,
        [FB_RULE_BEFORE] = FB_MSG_BEFORE_DATE,
        [FB_RULE_AFTER] = FB_MSG_AFTER_DATE,
        [FB_RULE_PAST] = FB_MSG_PAST,
        [FB_RULE_FUTURE] = FB_MSG_FUTURE,
        [FB_RULE_MIN_SELECTED] = FB_MSG_MIN_SELECTED,
        [FB_RULE_MAX_SELECTED] = FB_MSG_MAX_SELECTED,
        [FB_RULE_MATCHES] = FB_MSG_MATCHES,
        [FB_RULE_IN_AREA] = FB_MSG_IN_AREA,
    };
    struct fb_msg_args args = {
        .count = r->count,
        .number = r->number,
        .other = r->other ? &r->other->noun : NULL,
    };
    enum fb_msg msg = msgs[r->kind];
    bool before = r->kind == FB_RULE_BEFORE;
    if (c->q->type == FB_Q_MONEY && (r->kind == FB_RULE_MIN ||
                                     r->kind == FB_RULE_MAX)) {
        msg = r->kind == FB_RULE_MIN ? FB_MSG_MONEY_MIN : FB_MSG_MONEY_MAX;
        args.pence = fb_pounds_to_pence(r->number);
    } else if (c->q->type == FB_Q_TIME && (before ||
                                           r->kind == FB_RULE_AFTER)) {
        msg = before ? FB_MSG_BEFORE_TIME : FB_MSG_AFTER_TIME;
        args.minutes = (int)r->count;
    } else if (before || r->kind == FB_RULE_AFTER) {
        /* "before today"; a date relative to today is worked out now. */
        if (r->date.relative && r->date.offset_days == 0)
            msg = before ? FB_MSG_BEFORE_TODAY : FB_MSG_AFTER_TODAY;
        args.date = fb_date_ref_resolve(&r->date, c->today);
    }
    fail_part(c, part, part < 0 ? 0 : 1u << part, msg, &r->message, &args);
}

static void
fail_rule(struct check *c, const struct fb_rule_desc *r)
{
    fail_rule_at(c, r, -1);
}

/* A question in chosen parts (a name) stores no answer under its id, so
 * a length rule holds for each part it asks, and the error sits next to
 * the part that breaks it. @returns true when one did (the error is
 * recorded). */
static bool
part_lengths(struct check *c, const struct fb_rule_desc *r)
{
    char name[256];
    for (size_t i = 0; i < c->type->n_parts; i++) {
        if (!((c->q->parts >> i) & 1u))
            continue;
        snprintf(name, sizeof name, "%s.%s", c->q->id,
                 c->type->parts[i].suffix);
        const char *v = fb_answers_get(c->out, name);
        size_t n = v ? fb_utf8_length(v) : 0;
        if (v && (r->kind == FB_RULE_MIN_LENGTH ? n < (size_t)r->count
                                                : n > (size_t)r->count)) {
            fail_rule_at(c, r, (int)i);
            return true;
        }
    }
    return false;
}

/* Finds what stored() returns, for its first call on a question. A type
 * without parts that is no list stores one pair, under the question's id,
 * and nothing else: when its reader grew the set by one pair, that pair
 * is the answer (its hash and length are checked all the same). */
static const struct fb_answer *
find_stored(struct check *c)
{
    const struct fb_answers *out = c->out;
    struct fb_name nm;
    size_t count;
    uint32_t k;

    nm = fb_question_name(c->q);
    c->stored = &no_answer;
    if (out->len == c->len_before + 1 && c->type->n_parts == 0 &&
        !c->type->is_list) {
        const struct fb_answer *last = &out->entries[c->len_before];

        if (last->count == 1 && last->hash == nm.hash &&
            last->name_len == nm.n) {
            c->stored = last;
            return last;
        }
    }
    k = fb_answers_findh(out, nm.s, nm.n, nm.hash, &count);
    if (count)
        c->stored = fb_answers_entry(out, k);
    return c->stored == &no_answer ? NULL : c->stored;
}

/* The answer stored under the question's id in @p c's output set, or NULL.
 * Looked up once, when a rule first needs it; inline, since most rules
 * ask again. */
static inline const struct fb_answer *
stored(struct check *c)
{
    if (!c->stored)
        return find_stored(c);
    return c->stored == &no_answer ? NULL : c->stored;
}

/* @returns true when @p v[0..v_len) equals what is stored under @p q's id
 * in @p a, false when it differs or nothing is. */
static bool
same_as_stored(const struct fb_answers *a, const struct fb_question_desc *q,
               const char *v, size_t v_len)
{
    struct fb_name nm = fb_question_name(q);
    size_t count;
    uint32_t k = fb_answers_findh(a, nm.s, nm.n, nm.hash, &count);
    const struct fb_answer *w = count ? fb_answers_entry(a, k) : NULL;

    return v && w && w->value_len == v_len &&
           fb_same_bytes(w->value, v, v_len);
}

/* For `matches` on a question of @p run's page: @returns 1 + the reader
 * status of @p other when it was validated earlier on the page, else 0. */
static unsigned
seen_status(const struct page_run *run, const struct fb_question_desc *other)
{
    size_t n = run->index < SEEN_MAX ? run->index : SEEN_MAX;

    for (size_t j = 0; j < n; j++)
        if (run->page->questions[j] == other)
            return run->seen[j];
    return 0;
}

/* @returns true when @p q's answer equals the other question's, each
 * normalised by its own reader. When the other question was validated
 * earlier on the same page, its reader's result is reused: what it stored
 * in @p c's output set, or that it found no valid answer. Otherwise (or
 * when a rule of its own removed its answer) the other answer is read
 * into a scratch set on the stack, which needs no malloc for an answer of
 * up to FB_ANSWERS_INLINE_BYTES; when that runs out of memory, @p c's
 * output set is marked failed, so the page fails (never "must match"). */
static bool
matches(struct check *c, const char *v, size_t v_len,
        const struct fb_question_desc *other)
{
    const struct fb_qtype_info *t = fb_qtype_row(other->type);
    struct fb_answers tmp;
    struct fb_read_result res = {0};
    unsigned seen = c->run ? seen_status(c->run, other) : 0;

    if (!t)
        return false;
    /* Checked only when both are answered. */
    if (seen > 0 && seen != 1 + FB_FIELD_OK)
        return true;
    if (seen > 0 && stored(c) && same_as_stored(c->out, other, v, v_len))
        return true;
    fb_answers_init(&tmp);
    enum fb_field_status st = t->read(other, c->in, &tmp, &res);
    bool same = st != FB_FIELD_OK ||
                (v && same_as_stored(&tmp, other, v, v_len));
    if (tmp.failed) {
        c->out->failed = true;
        same = true;
    }
    fb_answers_fini(&tmp);
    return same;
}

/* A pattern that could not be decided (a PCRE2 limit, or no memory) says
 * nothing about the answer. A limit is recorded against the question in
 * words of the server's failure, never "the correct format"; either way
 * @p c's output set is marked failed, so fb_validate_page() returns false
 * and the server answers 500, as when memory runs out. */
static void
undecided(struct check *c, enum fb_regex_result res)
{
    if (res == FB_REGEX_LIMIT)
        fail(c, FB_MSG_PATTERN_UNDECIDED, NULL);
    else
        drop_answer(c);
    c->out->failed = true;
}

/* @returns true when the answer breaks rule @p r, or when the rule could
 * not be decided (then @p c's output set is marked failed and the error,
 * if any, is recorded). */
static bool
breaks(struct check *c, const struct fb_rule_desc *r)
{
    const struct fb_read_result *res = &c->res;
    const struct fb_answer *v;
    int cmp;
    switch (r->kind) {
    case FB_RULE_MIN_LENGTH:
    case FB_RULE_MAX_LENGTH:
        if (!(v = stored(c)))
            return false;
        /* A UTF-8 character is 1 to 4 bytes, so the byte length often
         * decides: at most max bytes, or at least 4 * min, holds. */
        if (c->chars == SIZE_MAX &&
            (r->kind == FB_RULE_MAX_LENGTH
                 ? v->value_len <= (size_t)r->count
                 : v->value_len / 4 >= (size_t)r->count))
            return false;
        /* Else counted once, for the first length rule that needs it. */
        if (c->chars == SIZE_MAX)
            c->chars = fb_utf8_count(v->value, v->value_len);
        return r->kind == FB_RULE_MIN_LENGTH ? c->chars < (size_t)r->count
                                             : c->chars > (size_t)r->count;
    case FB_RULE_PATTERN: {
        v = stored(c);
        if (!v || !*r->regex)
            return true;
        enum fb_regex_result m = fb_regex_testn(*r->regex, v->value,
                                                v->value_len);
        if (m == FB_REGEX_MATCH || m == FB_REGEX_NO_MATCH)
            return m == FB_REGEX_NO_MATCH;
        undecided(c, m);
        return true;
    }
    case FB_RULE_INTEGER:
        /* By the canonical text the reader stored, not the double: above
         * 2^53 every double is whole, but "9007199254740993.5" is not. */
        v = stored(c);
        return v && memchr(v->value, '.', v->value_len) != NULL;
    case FB_RULE_MIN:
    case FB_RULE_MAX:
        if (c->q->type == FB_Q_MONEY) {
            long long limit = fb_pounds_to_pence(r->number);
            return r->kind == FB_RULE_MIN ? res->pence < limit
                                          : res->pence > limit;
        }
        return r->kind == FB_RULE_MIN ? res->number < r->number
                                      : res->number > r->number;
    case FB_RULE_PAST:
        return fb_date_cmp(&res->date, c->today) >= 0;
    case FB_RULE_FUTURE:
        return fb_date_cmp(&res->date, c->today) <= 0;
    case FB_RULE_BEFORE:
    case FB_RULE_AFTER:
        if (c->q->type == FB_Q_TIME)
            cmp = res->minutes < r->count ? -1 : res->minutes > r->count;
        else {
            struct fb_date limit = fb_date_ref_resolve(&r->date, c->today);
            cmp = fb_date_cmp(&res->date, &limit);
        }
        return r->kind == FB_RULE_BEFORE ? cmp >= 0 : cmp <= 0;
    case FB_RULE_MIN_SELECTED:
        return res->count < (size_t)r->count;
    case FB_RULE_MAX_SELECTED:
        return res->count > (size_t)r->count;
    case FB_RULE_MATCHES:
        v = stored(c);
        return r->other && !matches(c, v ? v->value : NULL,
                                    v ? v->value_len : 0, r->other);
    case FB_RULE_IN_AREA:
        return !in_area(c, r);
    case FB_RULE_REQUIRED:
    case FB_RULE__COUNT:
        break;
    }
    return false;
}

/* fb_validate_question(), within a page when @p run is set. @returns the
 * reader's status (FB_FIELD_INVALID when the type has no reader). */
static enum fb_field_status
validate(const struct fb_question_desc *q, const struct fb_answers *in,
         const struct fb_date *today, struct fb_answers *out,
         struct fb_errors *errs, const struct page_run *run)
{
    struct check c;
    /* Field by field: an initialiser would clear the whole struct first. */
    c.q = q;
    c.type = fb_qtype_row(q->type);
    c.in = in;
    c.today = today;
    c.out = out;
    c.errs = errs;
    c.run = run;
    c.res = (struct fb_read_result){0};
    c.chars = SIZE_MAX;
    c.stored = NULL;
    c.len_before = out->len;
    if (!c.type || !c.type->read) {
        fail(&c, FB_MSG_ENTER, NULL);
        return FB_FIELD_INVALID;
    }
    enum fb_field_status st = c.type->read(q, in, out, &c.res);
    /* A reader that ran out of memory says FB_FIELD_INVALID and marks
     * @p out: that is no mistake of the resident's, so nothing is recorded
     * and fb_validate_page() fails the page (a 500, not "wrong format"). */
    if (out->failed)
        return st;
    switch (st) {
    case FB_FIELD_OK:
        break;
    case FB_FIELD_EMPTY:
        if (q->required)
            fail(&c, c.type->empty, &q->required_message);
        return st;
    case FB_FIELD_BAD_UTF8:
        fail(&c, FB_MSG_BAD_UTF8, NULL);
        return st;
    case FB_FIELD_INVALID:
        invalid(&c);
        return st;
    }
    /* A real day the calendar does not offer today (closed, the wrong
     * weekday, before the lead or after the horizon) was never shown as
     * a choice: a tampered or stale post, refused like a made-up one. */
    if (q->type == FB_Q_BOOKING_DATE && q->calendar &&
        !fb_calendar_offers(q->calendar, &c.res.date, today)) {
        invalid(&c);
        return FB_FIELD_INVALID;
    }
    bool in_parts = c.type->parts_chosen && q->parts;
    for (size_t i = 0; i < q->n_rules; i++) {
        const struct fb_rule_desc *r = &q->rules[i];
        if (in_parts && (r->kind == FB_RULE_MIN_LENGTH ||
                         r->kind == FB_RULE_MAX_LENGTH)) {
            if (part_lengths(&c, r))
                return st;
            continue;
        }
        if (breaks(&c, r)) {
            if (!out->failed) /* else undecided(), or no memory */
                fail_rule(&c, r);
            return st;
        }
    }
    return st;
}

void
fb_validate_question(const struct fb_question_desc *q,
                     const struct fb_answers *in, const struct fb_date *today,
                     struct fb_answers *out, struct fb_errors *errs)
{
    (void)validate(q, in, today, out, errs, NULL);
}

bool
fb_validate_page(const struct fb_page_desc *p, const struct fb_answers *in,
                 const struct fb_date *today, struct fb_answers *out,
                 struct fb_errors *errs)
{
    unsigned char seen[SEEN_MAX];
    struct page_run run = {p, 0, seen};
    for (size_t i = 0; i < p->n_questions; i++) {
        const struct fb_question_desc *q = p->questions[i];
        unsigned char st = 0;
        run.index = i;
        /* Most questions have no condition: no call to find that out. */
        if ((!q->when && !q->revealed_by) ||
            fb_question_applies(q, in, today))
            st = (unsigned char)(1 + validate(q, in, today, out, errs, &run));
        if (i < SEEN_MAX)
            seen[i] = st;
    }
    return !fb_errors_failed(errs) && !out->failed;
}
