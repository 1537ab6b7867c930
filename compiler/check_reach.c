/* SPDX-License-Identifier: MIT */
/*
 * Reachability and flow: pages, questions and options' follow-ups that no
 * journey can show, conditions that always hold, and forms no journey can send. A page
 * after an exit page without a `when` is never reached (the exit ends
 * every journey). Otherwise a journey gets to page j only when no exit
 * page before it applied, so page j is shown when "no earlier exit
 * applied and j's `when` holds"; that is never true (unreachable), or its
 * `when` is always true there (when-always-true), or no journey gets past
 * the exits to check your answers (no-path-to-check-answers). Each is
 * decided by trying every combination of answers to the questions the
 * conditions test, each question's answers made finite so that every
 * answer it can have gives every test the value one answer tried gives
 * it (a complete partition: never true and always true are only said
 * when they are so): choices by option; numbers by the regions the
 * condition's literals and the question's min, max and integer rules
 * leave (below, at and above each literal); text, postcodes and dates as
 * text_candidates(), postcode_candidates() and todays() explain. Tests
 * are evaluated with libfbrt's own functions (fb_text_starts_with,
 * fb_postcode_in_area, fb_date_cmp), so they mean what the server does.
 * A question that is required, unconditional and on a page without a
 * `when` is always answered by the time a later condition is tested, so
 * "not answered" is not tried for it. Tests over repeating pages, and
 * conditions with too many questions, literals or combinations, are not
 * analysed (nothing is reported). Over repeating pages, `count of GROUP`
 * is a whole number from 0 to the page's `max` (0 when the page is
 * skipped, so its `min` is not assumed), and each `any GROUP.ID ...`
 * test is an answer of its own, true or false, whatever the others (only
 * never true with a count of 0): more combinations than residents can
 * make, never fewer, so never true and always true stay sound, if less
 * sharp.
 *
 * Semantics assumed (and emitted by emit_c): `X is not V` is true whenever
 * X's answer is not V, unanswered included; checkboxes are answered when
 * at least one box is ticked.
 */
#include "check_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/driver.h"
#include "formbuilder/qtype.h"
#include "formbuilder/validate.h"

/* Try at most this many combinations of answers: enough for a few choice
 * questions, small enough to stay instant on any form. */
#define MAX_ASSIGNMENTS 4096
#define MAX_VARS 16
#define MAX_CHECKBOXES 12  /* options of one checkboxes question: 2^12 */
/* Combinations times days tried as today times tree nodes: bounds the
 * time one condition may take, whatever a hostile file holds. */
#define MAX_WORK (1L << 18)

/* At most this many literals of one question in one condition: numbers,
 * texts, prefixes, postcode areas or dates. */
#define MAX_POINTS 16

/* The days "today" may be for the runtime: the analysis holds for each. */
#define FIRST_TODAY ((struct fb_date){2000, 1, 1})
#define LAST_TODAY ((struct fb_date){2099, 12, 31})

/* How the answers of one question are made finite. */
enum domain {
    D_OTHER,                   /* only `answered` is tested */
    D_CHOICE,                  /* radios, select, yes_no, autocomplete */
    D_CHECKBOXES,
    D_NUMBER,                  /* number, money */
    D_TEXT,                    /* free text (fb_check_free_text()) */
    D_POSTCODE,                /* `postcode of` an address or postcode */
    D_DATE,                    /* date, booking_date */
    D_COUNT,                   /* `count of GROUP`: items of a repeat */
    D_ANY                      /* one `any GROUP.ID ...` test: 0 or 1 */
};

/* One question the condition tests, and the answers tried for it, states
 * first .. first + states - 1: choices: each option, then none (state n
 * = unanswered); checkboxes: each subset (a bit mask, 0 = none ticked);
 * numbers: 0 unanswered, then each region of regions[]; text and
 * postcodes: the answer texts[s] (NULL = unanswered); dates: 0
 * unanswered, then the day before, at and after each of days[] (on the
 * today being tried); only `answered` tested: no (0) or yes (1). The
 * first state is 1 (2 for text: NULL and "") when the question is always
 * answered. */
struct var {
    const struct fb_question *q;   /* NULL for D_COUNT and D_ANY */
    const void *key;           /* D_COUNT: the group's page; D_ANY: the
                                  first of its equal tests */
    enum domain domain;
    bool answered_only;        /* no test but `answered` seen yet */
    const char **values;       /* choices: the option values */
    size_t n_options;
    size_t first;
    size_t states;
    /* numbers: the literals compared with, sorted once finished, and the
     * regions an answer may fall in: 2i+1 is points[i], 2i the values
     * between points[i-1] and points[i] (0 below the first, 2n above the
     * last) */
    double points[MAX_POINTS];
    size_t n_points;
    size_t regions[2 * MAX_POINTS + 1];
    /* text: the literals `is` and `in` compare with exactly, and the
     * prefixes of `starts with`; postcodes: the areas and districts
     * listed (the condition's, then in_area's) */
    const char *texts[2 * MAX_POINTS];
    size_t n_texts;
    const char *prefixes[MAX_POINTS];
    size_t n_prefixes;
    const char **cands;        /* text, postcodes: the answers tried */
    /* dates: the days compared with (the condition's, the date rules',
     * and today) */
    struct fb_date_ref days[MAX_POINTS + 3];
    size_t n_days;
};

/* The condition compiled for fast evaluation: tests know their variable
 * and their literals. */
struct node {
    enum fb_cond_op kind;
    size_t var;
    size_t option;             /* choices, checkboxes */
    double number;             /* numbers */
    const char *text;          /* text `is`, `starts with` */
    struct fb_date_ref day;    /* dates */
    /* `in` and `postcode of`: the values listed, by domain */
    size_t *options;
    double *numbers;
    const char **texts;
    size_t n_values;
    struct node *lhs, *rhs;
};

struct analysis {
    struct fb_check *ck;
    struct var vars[MAX_VARS];
    size_t n_vars;
    size_t state[MAX_VARS];
    size_t n_nodes;
    struct fb_date *todays;    /* the days tried as today */
    size_t n_todays;
    struct fb_date today;      /* the one being tried */
    bool ok;                   /* the condition can be analysed */
};

static bool
single_choice(enum fb_qtype t)
{
    return t == FB_Q_RADIOS || t == FB_Q_SELECT || t == FB_Q_YES_NO ||
           t == FB_Q_AUTOCOMPLETE;
}

static bool
numeric(enum fb_qtype t)
{
    return t == FB_Q_NUMBER || t == FB_Q_MONEY;
}

static bool
dated(enum fb_qtype t)
{
    return fb_qtype(t)->stored == FB_STORED_DATE;
}

/* Whether @p q has an answer whenever a later page's condition is
 * tested: required, unconditional, on a page that always applies. */
static bool
always_answered(const struct fb_question *q)
{
    return q->rules[FB_RULE_REQUIRED].present && !q->when &&
           !q->revealed_by && q->page && !q->page->when;
}

/* The domain test @p c puts its question in, or false when the analysis
 * does not know the test. */
static bool
domain_of(const struct fb_cond *c, enum domain *out)
{
    const struct fb_question *q = c->target;
    enum fb_cond_op k = c->kind;
    bool is = k == FB_COND_IS || k == FB_COND_IS_NOT;
    if (c->over == FB_COND_OVER_COUNT) {
        *out = D_COUNT;
        return c->group_page && c->group_page->repeat &&
               (is || fb_cond_is_comparison(k));
    }
    if (c->over == FB_COND_OVER_ANY) {
        *out = D_ANY;
        return true;
    }
    /* A question whose type was refused (already reported) has no
     * answers to try. */
    if (!q || q->type >= FB_Q__COUNT)
        return false;
    if (k == FB_COND_POSTCODE_IN) {
        *out = D_POSTCODE;
        return q->type == FB_Q_ADDRESS || q->type == FB_Q_POSTCODE;
    }
    if (single_choice(q->type))
        *out = D_CHOICE;
    else if (q->type == FB_Q_CHECKBOXES)
        *out = D_CHECKBOXES;
    else if (numeric(q->type))
        *out = D_NUMBER;
    else if (dated(q->type))
        *out = D_DATE;
    else if (fb_check_free_text(q))
        *out = D_TEXT;
    else if (q->type == FB_Q_ADDRESS)
        *out = D_POSTCODE;
    else
        *out = D_OTHER;
    if (k == FB_COND_ANSWERED)
        return true;
    switch (*out) {
    case D_CHOICE:
    case D_TEXT:
        return is || k == FB_COND_IN || k == FB_COND_STARTS_WITH;
    case D_CHECKBOXES:
        return k == FB_COND_HAS;
    case D_NUMBER:
        return is || k == FB_COND_IN || fb_cond_is_comparison(k);
    case D_DATE:
        return is || fb_cond_is_comparison(k);
    default:
        return false;
    }
}

/* @returns the index of @p q's variable in domain @p d, adding it
 * (@p answered: the test is `answered`, which fits any domain);
 * MAX_VARS when full or when another test put @p q in another domain. */
static size_t
var_of(struct analysis *a, const struct fb_question *q, enum domain d,
       bool answered)
{
    size_t i = 0;
    while (i < a->n_vars && a->vars[i].q != q)
        i++;
    if (i == a->n_vars) {
        if (a->n_vars == MAX_VARS)
            return MAX_VARS;
        struct var *v = &a->vars[a->n_vars++];
        memset(v, 0, sizeof *v);
        v->q = q;
        v->domain = d;
        v->answered_only = answered;
        return i;
    }
    struct var *v = &a->vars[i];
    if (answered || v->domain == d) {
        v->answered_only &= answered;
        return i;
    }
    if (!v->answered_only)
        return MAX_VARS;
    v->domain = d;
    v->answered_only = false;
    return i;
}

/* True when tests @p x and @p y are the same test of the same answer. */
static bool
same_test(const struct fb_cond *x, const struct fb_cond *y)
{
    if (x->kind != y->kind || x->target != y->target ||
        x->n_values != y->n_values || !x->value != !y->value ||
        (x->value && strcmp(x->value, y->value) != 0))
        return false;
    for (size_t i = 0; i < x->n_values; i++)
        if (strcmp(x->values[i], y->values[i]) != 0)
            return false;
    return true;
}

/* @returns the index of the variable of repeating-page test @p c in
 * domain @p d (D_COUNT: one per group; D_ANY: one per distinct test),
 * adding it; MAX_VARS when full. */
static size_t
var_over(struct analysis *a, const struct fb_cond *c, enum domain d)
{
    for (size_t i = 0; i < a->n_vars; i++) {
        const struct var *v = &a->vars[i];
        if (v->domain == d &&
            (d == D_COUNT ? v->key == c->group_page
                          : same_test(v->key, c)))
            return i;
    }
    if (a->n_vars == MAX_VARS)
        return MAX_VARS;
    struct var *v = &a->vars[a->n_vars++];
    memset(v, 0, sizeof *v);
    v->domain = d;
    v->key = d == D_COUNT ? (const void *)c->group_page : (const void *)c;
    return a->n_vars - 1;
}

/* @returns the index of @p value among @p q's options, or (size_t)-1. */
static size_t
option_index(struct analysis *a, const struct fb_question *q,
             const char *value)
{
    size_t n;
    const char **values = fb_check_option_values(a->ck, q, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(values[i], value) == 0)
            return i;
    return (size_t)-1;
}

static char
fold(char ch)
{
    if (ch >= 'A' && ch <= 'Z')
        ch = (char)(ch - 'A' + 'a');
    return ch;
}

/* The letters an area or district begins with ("SK" of "SK10"). */
static size_t
letters(const char *s)
{
    size_t n = 0;
    while (fold(s[n]) >= 'a' && fold(s[n]) <= 'z')
        n++;
    return n;
}

/* The value of number literal @p s for question @p q, in the units the
 * runtime compares: money in whole pence, as lower.c writes it. */
static double
literal_value(const struct fb_question *q, const char *s)
{
    double x = strtod(s, NULL);
    return q->type == FB_Q_MONEY ? (double)fb_pounds_to_pence(x) : x;
}

/* Adds the literals of test @p c to its variable @p v and node @p n:
 * false when one does not parse or there are too many. */
static bool
literals(struct analysis *a, const struct fb_cond *c, struct var *v,
         struct node *n)
{
    struct fb_arena *arena = &a->ck->c->arena;
    bool list = c->kind == FB_COND_IN || c->kind == FB_COND_POSTCODE_IN;
    const char *const *values = list ? c->values : &c->value;
    size_t count = list ? c->n_values : 1;
    n->n_values = count;
    if (count == 0 || !values[0])
        return false;
    switch (v->domain) {
    case D_CHOICE:
    case D_CHECKBOXES:
        if (c->kind == FB_COND_STARTS_WITH) {
            n->text = c->value;
            return true;
        }
        n->options = fb_arena_alloc(arena, count * sizeof *n->options);
        for (size_t i = 0; i < count; i++) {
            n->options[i] = option_index(a, v->q, values[i]);
            if (n->options[i] == (size_t)-1)
                return false; /* already reported: when-unknown-option */
        }
        n->option = n->options[0];
        return true;
    case D_NUMBER:
    case D_COUNT:
        n->numbers = fb_arena_alloc(arena, count * sizeof *n->numbers);
        for (size_t i = 0; i < count; i++) {
            if (!fb_number_literal(values[i], true) ||
                v->n_points == MAX_POINTS)
                return false;
            n->numbers[i] = v->q ? literal_value(v->q, values[i])
                                 : strtod(values[i], NULL);
            v->points[v->n_points++] = n->numbers[i];
        }
        n->number = n->numbers[0];
        return true;
    case D_TEXT:
    case D_POSTCODE:
        n->texts = (const char **)values;
        n->text = values[0];
        if (c->kind == FB_COND_STARTS_WITH) {
            if (v->n_prefixes == MAX_POINTS)
                return false;
            v->prefixes[v->n_prefixes++] = c->value;
            return true;
        }
        for (size_t i = 0; i < count; i++) {
            if (v->n_texts == MAX_POINTS ||
                (v->domain == D_POSTCODE && !fb_check_postcode_area(values[i])))
                return false; /* a bad area is reported elsewhere */
            v->texts[v->n_texts++] = values[i];
        }
        return true;
    case D_DATE:
        if (!fb_date_ref_parse(c->value, &n->day) ||
            v->n_days == MAX_POINTS)
            return false;
        v->days[v->n_days++] = n->day;
        return true;
    default:
        return false;
    }
}

static struct node *
compile(struct analysis *a, const struct fb_cond *c)
{
    struct node *n = fb_arena_alloc(&a->ck->c->arena, sizeof(*n));
    n->kind = c->kind;
    a->n_nodes++;
    switch (c->kind) {
    case FB_COND_AND:
    case FB_COND_OR:
        n->rhs = compile(a, c->rhs);
        /* fall through */
    case FB_COND_NOT:
        n->lhs = compile(a, c->lhs);
        return n;
    default:
        break;
    }
    enum domain d;
    if (!domain_of(c, &d)) {
        a->ok = false;
        return n;
    }
    if (d == D_COUNT || d == D_ANY) {
        n->var = var_over(a, c, d);
        if (n->var == MAX_VARS ||
            (d == D_COUNT && !literals(a, c, &a->vars[n->var], n)))
            a->ok = false;
        return n;
    }
    bool answered = c->kind == FB_COND_ANSWERED;
    n->var = var_of(a, c->target, d, answered);
    if (n->var == MAX_VARS ||
        (!answered && !literals(a, c, &a->vars[n->var], n)))
        a->ok = false;
    return n;
}

/* The values a number question's answers may take, in the units the
 * runtime compares: money in whole pence (the stored answer, and the
 * literals and min and max turned into pence as lower.c and the driver
 * do), numbers as written. */
struct limits {
    bool has_min, has_max, integer;
    double min, max;
};

static struct limits
limits_of(const struct fb_question *q)
{
    const struct fb_rule *min = &q->rules[FB_RULE_MIN];
    const struct fb_rule *max = &q->rules[FB_RULE_MAX];
    bool money = q->type == FB_Q_MONEY;
    return (struct limits){
        .has_min = min->present,
        .has_max = max->present,
        .integer = money || q->rules[FB_RULE_INTEGER].present,
        .min = money ? (double)fb_pounds_to_pence(min->number) : min->number,
        .max = money ? (double)fb_pounds_to_pence(max->number) : max->number,
    };
}

/* Whether some answer within @p lim lies in (lo, hi) (open; lo > hi:
 * none). */
static bool
between(const struct limits *lim, double lo, double hi)
{
    double l = lim->has_min && lim->min > lo ? lim->min : lo;
    double h = lim->has_max && lim->max < hi ? lim->max : hi;
    bool l_in = l > lo, h_in = h < hi; /* a rule's bound is a value */
    if (lim->integer) {
        double x = l_in ? ceil(l) : floor(l) + 1;
        return h_in ? x <= h : x < h;
    }
    return l < h || (l == h && l_in && h_in);
}

static bool
allowed(const struct limits *lim, double x)
{
    return (!lim->has_min || x >= lim->min) &&
           (!lim->has_max || x <= lim->max) &&
           (!lim->integer || x == floor(x));
}

static int
by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* How many items a repeating page may have: 0 (the page skipped) to its
 * max. */
static struct limits
count_limits(const struct var *v)
{
    const struct fb_page *p = v->key;
    return (struct limits){.has_min = true, .min = 0,
                           .has_max = p->repeat->max > 0,
                           .max = (double)p->repeat->max, .integer = true};
}

/* Works out the regions of number variable @p v once its literals are
 * known: those an answer keeping the question's rules (or the count's
 * limits) can fall in. */
static void
number_regions(struct var *v)
{
    qsort(v->points, v->n_points, sizeof *v->points, by_value);
    size_t k = 0;
    for (size_t p = 0; p < v->n_points; p++)
        if (k == 0 || v->points[k - 1] != v->points[p])
            v->points[k++] = v->points[p];
    v->n_points = k;
    size_t n = 0;
    struct limits lim = v->q ? limits_of(v->q) : count_limits(v);
    for (size_t r = 0; r <= 2 * k; r++) {
        bool ok = r % 2 ? allowed(&lim, v->points[r / 2])
                        : between(&lim, r ? v->points[r / 2 - 1]
                                          : -HUGE_VAL,
                                  r / 2 < k ? v->points[r / 2] : HUGE_VAL);
        if (ok)
            v->regions[n++] = r;
    }
    v->states = n + (v->first ? 0 : 1);
}

/* Whether @p ch (either case) is in one of @p s[0..n). */
static bool
in_any(char ch, const char *const *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (const char *p = s[i]; *p; p++)
            if (fold(*p) == fold(ch))
                return true;
    return false;
}

/*
 * The texts tried for a free-text variable: unanswered (NULL, and ""),
 * each literal (those its type's stored_pattern lets it store), each
 * prefix followed by a mark, and the mark alone, where the mark is a
 * character no literal or prefix has in either case. They cover every
 * answer s, as `is` compares bytes exactly and `starts with` ignores the
 * case of ASCII letters (fb_text_starts_with()):
 * - s is unanswered, or equal to a literal: it is tried itself (or it
 *   can never be stored).
 * - otherwise every `is` and `in` is false for s, and the prefixes s
 *   starts with are all prefixes of s, so they are the prefixes (any
 *   case) of the longest of them, P; P + mark starts with exactly those
 *   (a longer prefix would have the mark at P's length, and none has), and
 *   equals no literal (none has the mark). With no such P, the mark
 *   alone starts with no prefix (but "") and equals no literal.
 * So each answer gives every test the value one text tried gives it.
 */
static bool
text_candidates(struct fb_arena *arena, struct var *v)
{
    char mark = 0;
    for (char ch = '!'; ch <= '~' && !mark; ch++)
        if (!in_any(ch, v->texts, v->n_texts) &&
            !in_any(ch, v->prefixes, v->n_prefixes))
            mark = ch;
    if (!mark)
        return false;
    size_t n = 0;
    v->cands = fb_arena_alloc(arena, (3 + v->n_texts + v->n_prefixes) *
                                         sizeof *v->cands);
    v->cands[n++] = NULL;
    v->cands[n++] = "";
    for (size_t i = 0; i < v->n_texts; i++)
        v->cands[n++] = v->texts[i];
    /* A literal the type's reader could never store (a postcode in lower
     * case, a time as "9am") equals no answer: not tried. */
    const char *stored = fb_qtype(v->q->type)->stored_pattern;
    struct fb_regex *re = stored ? fb_regex_compile(stored) : NULL;
    if (re) {
        size_t k = 1;
        for (size_t i = 1; i < n; i++)
            if (fb_regex_test(re, v->cands[i]) != FB_REGEX_NO_MATCH)
                v->cands[k++] = v->cands[i];
        n = k;
        fb_regex_free(re);
    }
    for (size_t i = 0; i < v->n_prefixes; i++)
        v->cands[n++] = fb_arena_printf(arena, "%s%c", v->prefixes[i], mark);
    v->cands[n++] = fb_arena_printf(arena, "%c", mark);
    /* Always answered: neither NULL nor "" (if still there) is tried. */
    if (v->first && n > 1 && v->cands[1][0] == '\0')
        v->first = 2;
    v->states = n - v->first;
    return true;
}

static bool
same_text(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fold(a[i]) != fold(b[i]))
            return false;
    return true;
}

/* Whether @p s[0..n) is one of @p v's areas (@p district: districts),
 * in either case. */
static bool
listed(const struct var *v, const char *s, size_t n, bool district)
{
    for (size_t i = 0; i < v->n_texts; i++) {
        const char *t = v->texts[i];
        bool is_district = t[letters(t)] != '\0';
        if (is_district == district && strlen(t) == n && same_text(t, s, n))
            return true;
    }
    return false;
}

/* Whether the letters @p s are those of one of @p v's districts. */
static bool
district_of(const struct var *v, const char *s)
{
    for (size_t i = 0; i < v->n_texts; i++) {
        const char *t = v->texts[i];
        size_t n = letters(t);
        if (t[n] != '\0' && n == strlen(s) && same_text(t, s, n))
            return true;
    }
    return false;
}

/* Whether @p s is a council's local custodian code ("6815"), not a
 * postcode area. */
static bool
council_code(const char *s)
{
    return s[0] >= '0' && s[0] <= '9';
}

/*
 * The postcodes tried for a `postcode of` variable. The areas and
 * districts of the condition and of the question's in_area rule decide a
 * postcode's tests (fb_postcode_in_area()) by its letters and its whole
 * outward code only, so these cover every postcode: each district D
 * listed ("D 1AA"); for each area A listed, a district of A that is none
 * of those listed ("A99 1AA"); and one whose letters are no area listed
 * nor a listed district's (so its outward code is no district listed).
 * An address answered without a postcode is tried as "". With in_area
 * (and no council codes an address found by lookup could pass by), an
 * answer must be in one of its areas: the postcodes outside are dropped,
 * and so is the address without a postcode.
 */
static bool
postcode_candidates(struct fb_arena *arena, struct var *v)
{
    const struct fb_rule *area = &v->q->rules[FB_RULE_IN_AREA];
    bool restricted = v->q->type == FB_Q_ADDRESS && area->present;
    for (size_t i = 0; restricted && i < area->n_areas; i++)
        if (council_code(area->areas[i]) && v->q->address_lookup)
            restricted = false;
    for (size_t i = 0; restricted && i < area->n_areas; i++) {
        if (council_code(area->areas[i]))
            continue;
        if (v->n_texts == sizeof v->texts / sizeof *v->texts ||
            !fb_check_postcode_area(area->areas[i]))
            return false;
        v->texts[v->n_texts++] = area->areas[i];
    }
    size_t n = 0;
    v->cands = fb_arena_alloc(arena, (3 + v->n_texts) * sizeof *v->cands);
    v->cands[n++] = NULL;
    if (v->q->type == FB_Q_ADDRESS && !restricted)
        v->cands[n++] = "";
    const char *tried[2 * MAX_POINTS + 1];
    size_t k = 0;
    for (size_t i = 0; i < v->n_texts; i++) {
        const char *t = v->texts[i];
        if (t[letters(t)] != '\0') {
            tried[k++] = fb_arena_printf(arena, "%s 1AA", t);
            continue;
        }
        int d = 99;
        const char *s;
        do
            s = fb_arena_printf(arena, "%s%d", t, d);
        while (listed(v, s, strlen(s), true) && --d > 0);
        if (d == 0)
            return false;
        tried[k++] = fb_arena_printf(arena, "%s 1AA", s);
    }
    char other[3] = {0};
    for (int x = 0; x < 26 * 26 && !other[0]; x++) {
        char try[3] = {(char)('A' + (x / 26 + 16) % 26),
                       (char)('A' + x % 26), 0};
        if (!listed(v, try, 2, false) && !district_of(v, try))
            memcpy(other, try, sizeof other);
    }
    if (!other[0])
        return false;
    tried[k++] = fb_arena_printf(arena, "%s1 1AA", other);
    for (size_t i = 0; i < k; i++) {
        bool in = !restricted;
        for (size_t j = 0; !in && j < area->n_areas; j++)
            in = !council_code(area->areas[j]) &&
                 fb_postcode_in_area(tried[i], area->areas[j]);
        if (in)
            v->cands[n++] = tried[i];
    }
    v->states = n - v->first;
    return true;
}

/* The day date variable @p v has in state @p s (> 0) on @p today: the
 * day before, at or after one of its days. */
static struct fb_date
day_of(const struct var *v, size_t s, const struct fb_date *today)
{
    struct fb_date d = fb_date_ref_resolve(&v->days[(s - 1) / 3], today);
    return fb_date_add_days(d, (int)((s - 1) % 3) - 1);
}

/* Whether @p d keeps the date rules of @p q on @p today. */
static bool
day_allowed(const struct fb_question *q, const struct fb_date *d,
            const struct fb_date *today)
{
    const struct fb_rule *before = &q->rules[FB_RULE_BEFORE];
    const struct fb_rule *after = &q->rules[FB_RULE_AFTER];
    struct fb_date b = fb_date_ref_resolve(&before->date, today);
    struct fb_date e = fb_date_ref_resolve(&after->date, today);
    return (!before->present || fb_date_cmp(d, &b) < 0) &&
           (!after->present || fb_date_cmp(d, &e) > 0) &&
           (!q->rules[FB_RULE_PAST].present || fb_date_cmp(d, today) < 0) &&
           (!q->rules[FB_RULE_FUTURE].present ||
            fb_date_cmp(d, today) > 0);
}

/* Adds the days of @p q's date rules and today to date variable @p v. */
static void
date_days(struct var *v)
{
    const struct fb_rule *before = &v->q->rules[FB_RULE_BEFORE];
    const struct fb_rule *after = &v->q->rules[FB_RULE_AFTER];
    if (before->present)
        v->days[v->n_days++] = before->date;
    if (after->present)
        v->days[v->n_days++] = after->date;
    v->days[v->n_days++] = (struct fb_date_ref){.relative = true};
    v->states = 3 * v->n_days + 1 - v->first;
}

static int
by_day(const void *x, const void *y)
{
    return fb_date_cmp(x, y);
}

/*
 * The days tried as today, between FIRST_TODAY and LAST_TODAY. Whether
 * an answer is before, at or after a day, and whether there is a day
 * between two of them, depend on today only through how today + each
 * offset O of a relative day compares with each fixed day F: so today is
 * tried at F - O - 1, F - O and F - O + 1 for each pair, at the first and
 * last day, and once strictly between each two of those (where every
 * pair is two days apart or more, and the same way round). Without both
 * kinds of day, any today will do.
 */
static bool
todays(struct analysis *a)
{
    struct fb_date fixed[MAX_VARS * (MAX_POINTS + 3)];
    int offsets[MAX_VARS * (MAX_POINTS + 3)];
    size_t n_fixed = 0, n_offsets = 0;
    for (size_t i = 0; i < a->n_vars; i++)
        for (size_t d = 0; a->vars[i].domain == D_DATE &&
                           d < a->vars[i].n_days; d++) {
            const struct fb_date_ref *r = &a->vars[i].days[d];
            if (r->relative)
                offsets[n_offsets++] = r->offset_days;
            else
                fixed[n_fixed++] = r->date;
        }
    if (!n_fixed) {
        a->todays = fb_arena_alloc(&a->ck->c->arena, sizeof *a->todays);
        a->todays[0] = FIRST_TODAY;
        a->n_todays = 1;
        return true;
    }
    size_t cap = 2 * (3 * n_fixed * n_offsets + 2);
    if (cap > MAX_WORK)
        return false;
    struct fb_date *t = fb_arena_alloc(&a->ck->c->arena, cap * sizeof *t);
    struct fb_date first = FIRST_TODAY, last = LAST_TODAY;
    size_t n = 0;
    t[n++] = first;
    t[n++] = last;
    for (size_t f = 0; f < n_fixed; f++)
        for (size_t o = 0; o < n_offsets; o++)
            for (int step = -1; step <= 1; step++) {
                struct fb_date d =
                    fb_date_add_days(fixed[f], step - offsets[o]);
                if (fb_date_cmp(&d, &first) > 0 &&
                    fb_date_cmp(&d, &last) < 0)
                    t[n++] = d;
            }
    qsort(t, n, sizeof *t, by_day);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || fb_date_cmp(&t[k - 1], &t[i]) != 0)
            t[k++] = t[i];
    n = k;
    for (size_t i = 0; i + 1 < k; i++) {
        struct fb_date next = fb_date_add_days(t[i], 1);
        if (fb_date_cmp(&next, &t[i + 1]) < 0)
            t[n++] = next;
    }
    a->todays = t;
    a->n_todays = n;
    return true;
}

/* Works out the answers tried for each variable once its literals are
 * known. @returns false when they cannot be made few enough. */
static bool
finish(struct analysis *a)
{
    struct fb_arena *arena = &a->ck->c->arena;
    for (size_t i = 0; i < a->n_vars; i++) {
        struct var *v = &a->vars[i];
        if (!v->q) {
            /* D_COUNT, always a number (0 with no items), or D_ANY. */
            v->first = v->domain == D_COUNT ? 1 : 0;
            if (v->domain == D_COUNT)
                number_regions(v);
            else
                v->states = 2;
            continue;
        }
        bool answered = always_answered(v->q);
        v->first = answered ? 1 : 0;
        switch (v->domain) {
        case D_CHOICE:
            v->values = fb_check_option_values(a->ck, v->q, &v->n_options);
            v->first = 0;
            v->states = v->n_options + (answered ? 0 : 1);
            break;
        case D_CHECKBOXES:
            fb_check_option_values(a->ck, v->q, &v->n_options);
            if (v->n_options > MAX_CHECKBOXES)
                return false;
            v->states = ((size_t)1 << v->n_options) - v->first;
            break;
        case D_NUMBER:
            number_regions(v);
            break;
        case D_TEXT:
            if (!text_candidates(arena, v))
                return false;
            break;
        case D_POSTCODE:
            if (!postcode_candidates(arena, v))
                return false;
            break;
        case D_DATE:
            date_days(v);
            break;
        default:
            v->states = 2 - v->first;
            break;
        }
    }
    return todays(a);
}

/* How region @p r of number variable @p v compares with its literal
 * @p x: -1, 0 or 1. */
static int
region_cmp(const struct var *v, size_t r, double x)
{
    size_t at = 0;
    while (v->points[at] != x)
        at++;
    size_t lit = 2 * at + 1;
    return r < lit ? -1 : r > lit;
}

/* The value of a test of kind @p kind given how the answer compares with
 * its literal (@p cmp) and whether it can be compared at all (@p ok:
 * answered, and of the literal's kind), as fb_cond_eval() has it. */
static bool
compared(enum fb_cond_op kind, bool ok, int cmp)
{
    switch (kind) {
    case FB_COND_LT: return ok && cmp < 0;
    case FB_COND_LE: return ok && cmp <= 0;
    case FB_COND_GT: return ok && cmp > 0;
    case FB_COND_GE: return ok && cmp >= 0;
    case FB_COND_IS: return ok && cmp == 0;
    default: return !(ok && cmp == 0);
    }
}

/* A test of number variable @p v in state @p s. */
static bool
compare(const struct var *v, size_t s, const struct node *n)
{
    if (n->kind == FB_COND_ANSWERED)
        return s != 0;
    size_t r = s ? v->regions[s - 1] : 0;
    if (n->kind == FB_COND_IN) {
        for (size_t i = 0; s && i < n->n_values; i++)
            if (region_cmp(v, r, n->numbers[i]) == 0)
                return true;
        return false;
    }
    return compared(n->kind, s != 0, s ? region_cmp(v, r, n->number) : 0);
}

/* A test of choice variable @p v in state @p s (n_options: none). */
static bool
choose(const struct var *v, size_t s, const struct node *n)
{
    bool none = s == v->n_options;
    switch (n->kind) {
    case FB_COND_ANSWERED:
        return !none;
    case FB_COND_STARTS_WITH:
        return !none && fb_text_starts_with(v->values[s], n->text);
    case FB_COND_IN:
        for (size_t i = 0; i < n->n_values; i++)
            if (s == n->options[i])
                return true;
        return false;
    default:
        return (s == n->option) == (n->kind == FB_COND_IS);
    }
}

/* A test of text or postcode variable @p v answered cands[@p s]. */
static bool
text_test(const struct var *v, size_t s, const struct node *n)
{
    const char *x = v->cands[s];
    switch (n->kind) {
    case FB_COND_ANSWERED:
        return v->domain == D_POSTCODE ? s != 0 : x && *x;
    case FB_COND_STARTS_WITH:
        return fb_text_starts_with(x, n->text);
    case FB_COND_POSTCODE_IN:
        for (size_t i = 0; x && i < n->n_values; i++)
            if (fb_postcode_in_area(x, n->texts[i]))
                return true;
        return false;
    case FB_COND_IN:
        for (size_t i = 0; x && i < n->n_values; i++)
            if (strcmp(x, n->texts[i]) == 0)
                return true;
        return false;
    default:
        return (x && strcmp(x, n->text) == 0) == (n->kind == FB_COND_IS);
    }
}

/* A test of date variable @p v in state @p s on @p today. */
static bool
date_test(const struct var *v, size_t s, const struct node *n,
          const struct fb_date *today)
{
    if (n->kind == FB_COND_ANSWERED)
        return s != 0;
    if (s == 0)
        return compared(n->kind, false, 0);
    struct fb_date d = day_of(v, s, today);
    struct fb_date lit = fb_date_ref_resolve(&n->day, today);
    return compared(n->kind, true, fb_date_cmp(&d, &lit));
}

static bool
eval(const struct analysis *a, const struct node *n)
{
    switch (n->kind) {
    case FB_COND_AND:
        return eval(a, n->lhs) && eval(a, n->rhs);
    case FB_COND_OR:
        return eval(a, n->lhs) || eval(a, n->rhs);
    case FB_COND_NOT:
        return !eval(a, n->lhs);
    default:
        break;
    }
    const struct var *v = &a->vars[n->var];
    size_t s = a->state[n->var];
    switch (v->domain) {
    case D_NUMBER:
    case D_COUNT:
        return compare(v, s, n);
    case D_CHECKBOXES:
        return n->kind == FB_COND_HAS ? (s >> n->option) & 1u : s != 0;
    case D_CHOICE:
        return choose(v, s, n);
    case D_TEXT:
    case D_POSTCODE:
        return text_test(v, s, n);
    case D_DATE:
        return date_test(v, s, n, &a->today);
    default:
        return s == 1; /* answered, or the `any` test holds */
    }
}

/* Whether count variable @p v in state @p s (a region) holds a count of
 * 1 or more. */
static bool
some_items(const struct var *v, size_t s)
{
    size_t r = v->regions[s - 1], k = v->n_points;
    struct limits lim = count_limits(v);
    lim.min = 1;
    if (r % 2)
        return v->points[r / 2] >= 1;
    return between(&lim, r ? v->points[r / 2 - 1] : -HUGE_VAL,
                   r / 2 < k ? v->points[r / 2] : HUGE_VAL);
}

/* Whether an `any` test over @p group may hold in the current state: not
 * when the group's count, if tested, is 0. */
static bool
any_possible(const struct analysis *a, const struct fb_page *group)
{
    for (size_t k = 0; k < a->n_vars; k++)
        if (a->vars[k].domain == D_COUNT && a->vars[k].key == group &&
            !some_items(&a->vars[k], a->state[k]))
            return false;
    return true;
}

/* Whether the answers of the current state keep their questions' date
 * rules on the today being tried (the other rules shaped the states),
 * and no `any` test holds of a group without items. */
static bool
possible(const struct analysis *a)
{
    for (size_t i = 0; i < a->n_vars; i++) {
        const struct var *v = &a->vars[i];
        if (v->domain == D_ANY && a->state[i] == 1 &&
            !any_possible(a, ((const struct fb_cond *)v->key)->group_page))
            return false;
        if (v->domain != D_DATE || a->state[i] == 0)
            continue;
        struct fb_date d = day_of(v, a->state[i], &a->today);
        if (!day_allowed(v->q, &d, &a->today))
            return false;
    }
    return true;
}

/* @returns true when @p cond is false for every combination of answers
 * on every today (and could be analysed at all, and some combination
 * keeps the questions' rules). */
static bool
never_true(struct fb_check *ck, const struct fb_cond *cond)
{
    struct analysis a;
    memset(&a, 0, sizeof(a));
    a.ck = ck;
    a.ok = true;
    struct node *root = compile(&a, cond);
    if (!a.ok || !finish(&a))
        return false;
    size_t total = 1;
    for (size_t i = 0; i < a.n_vars; i++) {
        if (a.vars[i].states == 0 ||
            a.vars[i].states > MAX_ASSIGNMENTS / total)
            return false;
        total *= a.vars[i].states;
    }
    if (total > (size_t)MAX_WORK / a.n_nodes / a.n_todays)
        return false;
    bool tried = false;
    for (size_t t = 0; t < a.n_todays; t++) {
        a.today = a.todays[t];
        for (size_t k = 0; k < total; k++) {
            size_t rest = k;
            for (size_t i = 0; i < a.n_vars; i++) {
                a.state[i] = a.vars[i].first + rest % a.vars[i].states;
                rest /= a.vars[i].states;
            }
            if (!possible(&a))
                continue;
            tried = true;
            if (eval(&a, root))
                return false;
        }
    }
    return tried;
}

/* Pages after the first exit page that has no condition. */
static size_t
check_after_exit(struct fb_check *ck)
{
    const struct fb_form *f = ck->form;
    for (size_t i = 0; i < f->n_pages; i++) {
        const struct fb_page *stop = f->pages[i];
        if (!stop->exit || stop->when)
            continue;
        for (size_t j = i + 1; j < f->n_pages; j++) {
            fb_diag(ck->c, FB_ERROR, &f->pages[j]->id_loc, "unreachable-page",
                    "page '%s' can never be shown: exit page '%s' has no "
                    "'when', so every journey ends there; give '%s' a "
                    "condition or move it to the end",
                    fb_check_name(f->pages[j]->id), fb_check_name(stop->id),
                    fb_check_name(stop->id));
            fb_diag(ck->c, FB_NOTE,
                    stop->exit_loc.line ? &stop->exit_loc : &stop->id_loc,
                    "unreachable-page", "exit page '%s' is here",
                    fb_check_name(stop->id));
        }
        return i + 1;
    }
    return f->n_pages;
}

/* True when @p c has a node @p is holds for. */
static bool
uses(const struct fb_cond *c, bool (*is)(const struct fb_cond *))
{
    if (is(c))
        return true;
    if (c->kind == FB_COND_AND || c->kind == FB_COND_OR)
        return uses(c->lhs, is) || uses(c->rhs, is);
    return c->kind == FB_COND_NOT && uses(c->lhs, is);
}

static bool
is_and(const struct fb_cond *c)
{
    return c->kind == FB_COND_AND;
}

static bool
is_not(const struct fb_cond *c)
{
    return c->kind == FB_COND_NOT;
}

/* A test comparing a date with a day. */
static bool
date_test_of(const struct fb_cond *c)
{
    return c->target && dated(c->target->type) &&
           (fb_cond_is_comparison(c->kind) || c->kind == FB_COND_IS ||
            c->kind == FB_COND_IS_NOT);
}

/* A test comparing a number with numbers. */
static bool
number_test_of(const struct fb_cond *c)
{
    return c->target && numeric(c->target->type) &&
           (fb_cond_is_comparison(c->kind) || c->kind == FB_COND_IN);
}

static bool
postcode_test_of(const struct fb_cond *c)
{
    return c->kind == FB_COND_POSTCODE_IN;
}

/* A test of a text answer against texts. */
static bool
text_test_of(const struct fb_cond *c)
{
    return c->target && fb_check_free_text(c->target) &&
           c->kind != FB_COND_ANSWERED && c->kind != FB_COND_POSTCODE_IN;
}

/* A test of how many items a repeating page has. */
static bool
count_test_of(const struct fb_cond *c)
{
    return c->over == FB_COND_OVER_COUNT;
}

/* A test of the items of a repeating page, one of which must hold it. */
static bool
any_test_of(const struct fb_cond *c)
{
    return c->over == FB_COND_OVER_ANY;
}

/* A hint for fixing a condition that is never true. */
static const char *
advice(const struct fb_cond *c)
{
    bool has_and = uses(c, is_and), has_not = uses(c, is_not);
    if (uses(c, count_test_of) && uses(c, any_test_of))
        return "an 'any' test holds only when the page has an item: check "
               "it against the count it is combined with";
    if (uses(c, count_test_of))
        return "check the number of items it compares against the "
               "repeating page's max";
    if (uses(c, date_test_of))
        return "check the days it compares against the question's past, "
               "future, before and after rules";
    if (uses(c, number_test_of))
        return "check the numbers it compares against the question's min, "
               "max and integer rules";
    if (uses(c, postcode_test_of))
        return "check the areas it lists against the question's in_area "
               "rule";
    if (!has_and && !has_not && uses(c, text_test_of))
        return "check the texts it compares are written as the answer is "
               "stored (a postcode in capitals with one space, \"SK1 "
               "1AA\"; a time as \"14:30\")";
    if (has_and && !has_not)
        return "did you mean 'or' where it says 'and'?";
    if (has_and)
        return "check its 'and' and 'not'";
    return "check where it says 'not'";
}

/* A condition node made by the analysis (no place of its own). */
static const struct fb_cond *
join(struct fb_check *ck, enum fb_cond_op kind, const struct fb_cond *lhs,
     const struct fb_cond *rhs)
{
    if (!lhs)
        return rhs;
    if (!rhs && kind == FB_COND_AND)
        return lhs;
    struct fb_cond *n = fb_arena_alloc(&ck->c->arena, sizeof *n);
    n->kind = kind;
    n->loc = lhs->loc;
    n->lhs = (struct fb_cond *)lhs;
    n->rhs = (struct fb_cond *)rhs;
    return n;
}

static const struct fb_cond *
negate(struct fb_check *ck, const struct fb_cond *c)
{
    return join(ck, FB_COND_NOT, c, NULL);
}

/* Reports a `when` that holds on every journey that gets to test it:
 * @p reach (NULL: every journey) and @p when. */
static void
always_true(struct fb_check *ck, const struct fb_cond *reach,
            const struct fb_cond *when, const char *what, const char *id)
{
    if (never_true(ck, join(ck, FB_COND_AND, reach, negate(ck, when))))
        fb_diag(ck->c, FB_WARNING, &when->loc, "when-always-true",
                "the 'when' of %s '%s' holds on every journey that gets "
                "here, so it always applies: remove the 'when', or check "
                "the values and numbers it compares",
                what, fb_check_name(id));
}

/* True when @p c tests a question on page @p p (refused in a follow-up's
 * `when` already: the page shows them at once). */
static bool
tests_page(const struct fb_cond *c, const struct fb_page *p)
{
    if (!c)
        return false;
    if (c->kind == FB_COND_AND || c->kind == FB_COND_OR ||
        c->kind == FB_COND_NOT)
        return tests_page(c->lhs, p) || tests_page(c->rhs, p);
    return c->target && c->target->page == p;
}

/* What holds when follow-up @p q is shown: the question revealing it is
 * asked and has the option that reveals it chosen (or ticked). */
static const struct fb_cond *
revealed(struct fb_check *ck, const struct fb_question *q)
{
    const struct fb_question *r = q->revealed_by;
    struct fb_cond *t = fb_arena_alloc(&ck->c->arena, sizeof *t);
    t->kind = r->type == FB_Q_CHECKBOXES ? FB_COND_HAS : FB_COND_IS;
    t->loc = q->revealed_by_option->loc;
    t->question = r->id;
    t->value = q->revealed_by_option->value;
    t->target = (struct fb_question *)r;
    return join(ck, FB_COND_AND, r->when, t);
}

/* Checks the `when` of question @p q on a page that journeys satisfying
 * @p here reach: never true (unreachable-question), never true with the
 * option that reveals it (unreachable-reveal), or always true. */
static void
check_question_when(struct fb_check *ck, const struct fb_page *p,
                    const struct fb_question *q, const struct fb_cond *here)
{
    if (never_true(ck, q->when)) {
        fb_diag(ck->c, FB_ERROR, &q->when->loc, "unreachable-question",
                "question '%s' can never be asked: no answers make this "
                "condition true; %s",
                fb_check_name(q->id), advice(q->when));
        return;
    }
    if (here && never_true(ck, join(ck, FB_COND_AND, here, q->when))) {
        fb_diag(ck->c, FB_ERROR, &q->when->loc, "unreachable-question",
                "question '%s' can never be asked: no journey that gets "
                "to page '%s' (past its condition and the exit pages "
                "before it) makes this condition true; change the "
                "condition or move the question",
                fb_check_name(q->id), fb_check_name(p->id));
        return;
    }
    if (q->revealed_by && q->revealed_by_option && !tests_page(q->when, p)) {
        here = join(ck, FB_COND_AND, here, revealed(ck, q));
        if (never_true(ck, join(ck, FB_COND_AND, here, q->when))) {
            fb_diag(ck->c, FB_ERROR, &q->when->loc, "unreachable-reveal",
                    "question '%s' can never be shown: option '%s' of "
                    "'%s' reveals it, and no answers with that option "
                    "chosen make this condition true; change the "
                    "condition or reveal it from another option",
                    fb_check_name(q->id),
                    fb_check_name(q->revealed_by_option->value),
                    fb_check_name(q->revealed_by->id));
            fb_diag(ck->c, FB_NOTE, &q->revealed_by_option->loc,
                    "unreachable-reveal", "the option revealing it is here");
            return;
        }
    }
    always_true(ck, here, q->when, "question", q->id);
}

void
fb_check_reachability(struct fb_check *ck)
{
    const struct fb_form *f = ck->form;
    size_t reachable = check_after_exit(ck);
    /* What holds on a journey that gets to the current page: no exit
     * page before it applied. */
    const struct fb_cond *reach = NULL;
    const struct fb_page *last_exit = NULL;
    for (size_t i = 0; i < reachable && !ck->c->too_many; i++) {
        const struct fb_page *p = f->pages[i];
        bool shown = true;
        if (p->when && never_true(ck, p->when)) {
            fb_diag(ck->c, FB_ERROR, &p->when->loc, "unreachable-page",
                    "page '%s' can never be shown: no answers make this "
                    "condition true; %s",
                    fb_check_name(p->id), advice(p->when));
            shown = false;
        } else if (p->when && reach &&
                   never_true(ck, join(ck, FB_COND_AND, reach, p->when))) {
            fb_diag(ck->c, FB_ERROR, &p->when->loc, "unreachable-page",
                    "page '%s' can never be shown: every journey where "
                    "this condition holds has already ended at an exit "
                    "page (the last is '%s'); change the condition or "
                    "move the page before the exit",
                    fb_check_name(p->id), fb_check_name(last_exit->id));
            shown = false;
        } else if (p->when) {
            always_true(ck, reach, p->when, "page", p->id);
        }
        const struct fb_cond *here = join(ck, FB_COND_AND, reach, p->when);
        for (size_t j = 0; shown && j < p->n_questions; j++)
            if (p->questions[j]->when)
                check_question_when(ck, p, p->questions[j], here);
        if (p->exit && p->when && shown) {
            reach = join(ck, FB_COND_AND, reach, negate(ck, p->when));
            last_exit = p;
        }
    }
    if (reachable == f->n_pages && reach && never_true(ck, reach))
        fb_diag(ck->c, FB_ERROR, &last_exit->when->loc,
                "no-path-to-check-answers",
                "no journey gets past the exit pages to check your "
                "answers: between them their conditions hold for every "
                "answer, so the form can never be sent; narrow this "
                "condition or the ones of the exit pages before it");
}
