/* SPDX-License-Identifier: MIT */
/*
 * Reachability and flow: pages and questions that no journey can show,
 * conditions that always hold, and forms no journey can send. A page
 * after an exit page without a `when` is never reached (the exit ends
 * every journey). Otherwise a journey gets to page j only when no exit
 * page before it applied, so page j is shown when "no earlier exit
 * applied and j's `when` holds"; that is never true (unreachable), or its
 * `when` is always true there (when-always-true), or no journey gets past
 * the exits to check your answers (no-path-to-check-answers). Each is
 * decided by trying every combination of answers to the questions the
 * conditions test, when they only use is / is not / has / answered on
 * choices, and comparisons on numbers and money, and the combinations are
 * few. A number is tried in each region the condition's literals and its
 * question's min, max and integer rules leave (below, at and above each
 * literal). A question that is required, unconditional and on a page
 * without a `when` is always answered by the time a later condition is
 * tested, so "not answered" is not tried for it.
 *
 * Semantics assumed (and emitted by emit_c): `X is not V` is true whenever
 * X's answer is not V, unanswered included; checkboxes are answered when
 * at least one box is ticked.
 */
#include "check_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Try at most this many combinations of answers: enough for a few choice
 * questions, small enough to stay instant on any form. */
#define MAX_ASSIGNMENTS 4096
#define MAX_VARS 16
#define MAX_CHECKBOXES 12  /* options of one checkboxes question: 2^12 */
/* Combinations times tree nodes: bounds the time one condition may take,
 * whatever a hostile file holds. */
#define MAX_WORK (1L << 18)

/* At most this many literals of one number question in one condition. */
#define MAX_POINTS 16

/* One question the condition tests, and the answers tried for it, states
 * first .. first + states - 1: radios/select/yes_no: each option, then
 * none (state n = unanswered); checkboxes: each subset (a bit mask, 0 =
 * none ticked); numbers: 0 unanswered, then each region of regions[];
 * anything else: no (0) or yes (1). */
struct var {
    const struct fb_question *q;
    size_t n_options;          /* choice questions */
    size_t first;
    size_t states;
    /* numbers: the literals compared with, sorted once finished, and the
     * regions an answer may fall in: 2i+1 is points[i], 2i the values
     * between points[i-1] and points[i] (0 below the first, 2n above the
     * last) */
    double points[MAX_POINTS];
    size_t n_points;
    size_t regions[2 * MAX_POINTS + 1];
};

/* The condition compiled for fast evaluation: tests know their variable
 * and option index. */
struct node {
    enum fb_cond_op kind;
    size_t var;
    size_t option;             /* choices; numbers: the literal's value */
    double number;
    struct node *lhs, *rhs;
};

struct analysis {
    struct fb_check *ck;
    struct var vars[MAX_VARS];
    size_t n_vars;
    size_t state[MAX_VARS];
    size_t n_nodes;
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

/* Whether @p q has an answer whenever a later page's condition is
 * tested: required, unconditional, on a page that always applies. */
static bool
always_answered(const struct fb_question *q)
{
    return q->rules[FB_RULE_REQUIRED].present && !q->when &&
           !q->revealed_by && q->page && !q->page->when;
}

/* @returns the index of @p q's variable, adding it; MAX_VARS when full. */
static size_t
var_of(struct analysis *a, const struct fb_question *q)
{
    for (size_t i = 0; i < a->n_vars; i++)
        if (a->vars[i].q == q)
            return i;
    if (a->n_vars == MAX_VARS)
        return MAX_VARS;
    struct var *v = &a->vars[a->n_vars];
    memset(v, 0, sizeof *v);
    v->q = q;
    bool answered = always_answered(q);
    if (single_choice(q->type)) {
        fb_check_option_values(a->ck, q, &v->n_options);
        v->states = v->n_options + (answered ? 0 : 1);
    } else if (q->type == FB_Q_CHECKBOXES) {
        fb_check_option_values(a->ck, q, &v->n_options);
        if (v->n_options > MAX_CHECKBOXES)
            return MAX_VARS;
        v->first = answered ? 1 : 0;
        v->states = ((size_t)1 << v->n_options) - v->first;
    } else {
        /* numbers: their regions are counted by finish() */
        v->first = answered ? 1 : 0;
        v->states = 2 - v->first;
    }
    return a->n_vars++;
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
    const struct fb_question *q = c->target;
    if (!q) {
        a->ok = false;
        return n;
    }
    bool compares = c->kind == FB_COND_IS || c->kind == FB_COND_IS_NOT ||
                    fb_cond_is_comparison(c->kind);
    bool number = numeric(q->type) && compares && c->value &&
                  fb_number_literal(c->value, true);
    bool fits = c->kind == FB_COND_ANSWERED || number ||
                ((c->kind == FB_COND_IS || c->kind == FB_COND_IS_NOT) &&
                 single_choice(q->type)) ||
                (c->kind == FB_COND_HAS && q->type == FB_Q_CHECKBOXES);
    if (!fits) {
        a->ok = false;
        return n;
    }
    n->var = var_of(a, q);
    if (n->var == MAX_VARS) {
        a->ok = false;
        return n;
    }
    if (numeric(q->type)) {
        struct var *v = &a->vars[n->var];
        if (c->kind == FB_COND_ANSWERED || !c->value)
            return n;
        if (v->n_points == MAX_POINTS) {
            a->ok = false;
            return n;
        }
        n->number = strtod(c->value, NULL);
        v->points[v->n_points++] = n->number;
        return n;
    }
    if (c->kind != FB_COND_ANSWERED) {
        n->option = option_index(a, q, c->value);
        if (n->option == (size_t)-1)
            a->ok = false; /* already reported: when-unknown-option */
    }
    return n;
}

/* Whether some answer of @p q lies in (lo, hi) (open; lo > hi: none),
 * keeping its min, max and integer rules. */
static bool
between(const struct fb_question *q, double lo, double hi)
{
    const struct fb_rule *min = &q->rules[FB_RULE_MIN];
    const struct fb_rule *max = &q->rules[FB_RULE_MAX];
    bool integer = q->rules[FB_RULE_INTEGER].present;
    double l = min->present && min->number > lo ? min->number : lo;
    double h = max->present && max->number < hi ? max->number : hi;
    bool l_in = l > lo, h_in = h < hi; /* a rule's bound is a value */
    if (integer) {
        double x = l_in ? ceil(l) : floor(l) + 1;
        return h_in ? x <= h : x < h;
    }
    return l < h || (l == h && l_in && h_in);
}

static bool
allowed(const struct fb_question *q, double x)
{
    const struct fb_rule *min = &q->rules[FB_RULE_MIN];
    const struct fb_rule *max = &q->rules[FB_RULE_MAX];
    return (!min->present || x >= min->number) &&
           (!max->present || x <= max->number) &&
           (!q->rules[FB_RULE_INTEGER].present || x == floor(x));
}

static int
by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* Works out the regions of each number variable once its literals are
 * known: those an answer keeping the question's rules can fall in. */
static void
finish(struct analysis *a)
{
    for (size_t i = 0; i < a->n_vars; i++) {
        struct var *v = &a->vars[i];
        if (!numeric(v->q->type))
            continue;
        qsort(v->points, v->n_points, sizeof *v->points, by_value);
        size_t k = 0;
        for (size_t p = 0; p < v->n_points; p++)
            if (k == 0 || v->points[k - 1] != v->points[p])
                v->points[k++] = v->points[p];
        v->n_points = k;
        size_t n = 0;
        for (size_t r = 0; r <= 2 * k; r++) {
            bool ok = r % 2 ? allowed(v->q, v->points[r / 2])
                            : between(v->q, r ? v->points[r / 2 - 1]
                                              : -HUGE_VAL,
                                      r / 2 < k ? v->points[r / 2]
                                                : HUGE_VAL);
            if (ok)
                v->regions[n++] = r;
        }
        v->states = n + (v->first ? 0 : 1);
    }
}

/* A comparison of number variable @p v in state @p s. */
static bool
compare(const struct var *v, size_t s, const struct node *n)
{
    if (n->kind == FB_COND_ANSWERED)
        return s != 0;
    if (s == 0)
        return n->kind == FB_COND_IS_NOT; /* unanswered */
    size_t r = v->regions[s - 1];
    size_t at = 0;
    while (v->points[at] != n->number)
        at++;
    size_t lit = 2 * at + 1;
    switch (n->kind) {
    case FB_COND_LT: return r < lit;
    case FB_COND_LE: return r <= lit;
    case FB_COND_GT: return r > lit;
    case FB_COND_GE: return r >= lit;
    case FB_COND_IS: return r == lit;
    default: return r != lit;
    }
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
    if (numeric(v->q->type))
        return compare(v, s, n);
    if (v->q->type == FB_Q_CHECKBOXES)
        return n->kind == FB_COND_HAS ? (s >> n->option) & 1u : s != 0;
    if (single_choice(v->q->type)) {
        if (n->kind == FB_COND_ANSWERED)
            return s != v->n_options;
        bool is = s == n->option;
        return n->kind == FB_COND_IS ? is : !is;
    }
    return s == 1; /* answered */
}

/* @returns true when @p cond is false for every combination of answers
 * (and could be analysed at all). */
static bool
never_true(struct fb_check *ck, const struct fb_cond *cond)
{
    struct analysis a;
    memset(&a, 0, sizeof(a));
    a.ck = ck;
    a.ok = true;
    struct node *root = compile(&a, cond);
    if (!a.ok)
        return false;
    finish(&a);
    size_t total = 1;
    for (size_t i = 0; i < a.n_vars; i++) {
        if (a.vars[i].states == 0 ||
            a.vars[i].states > MAX_ASSIGNMENTS / total)
            return false;
        total *= a.vars[i].states;
    }
    if (total > (size_t)MAX_WORK / a.n_nodes)
        return false;
    for (size_t k = 0; k < total; k++) {
        size_t rest = k;
        for (size_t i = 0; i < a.n_vars; i++) {
            a.state[i] = a.vars[i].first + rest % a.vars[i].states;
            rest /= a.vars[i].states;
        }
        if (eval(&a, root))
            return false;
    }
    return true;
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

/* True when @p c has a node of @p kind. */
static bool
uses(const struct fb_cond *c, enum fb_cond_op kind)
{
    if (c->kind == kind)
        return true;
    if (c->kind == FB_COND_AND || c->kind == FB_COND_OR)
        return uses(c->lhs, kind) || uses(c->rhs, kind);
    return c->kind == FB_COND_NOT && uses(c->lhs, kind);
}

/* A hint for fixing a condition that is never true. */
static const char *
advice(const struct fb_cond *c)
{
    bool has_and = uses(c, FB_COND_AND), has_not = uses(c, FB_COND_NOT);
    if (uses(c, FB_COND_LT) || uses(c, FB_COND_LE) || uses(c, FB_COND_GT) ||
        uses(c, FB_COND_GE))
        return "check the numbers it compares against the question's min, "
               "max and integer rules";
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
        for (size_t j = 0; shown && j < p->n_questions; j++) {
            const struct fb_question *q = p->questions[j];
            if (!q->when)
                continue;
            if (never_true(ck, q->when))
                fb_diag(ck->c, FB_ERROR, &q->when->loc,
                        "unreachable-question",
                        "question '%s' can never be asked: no answers make "
                        "this condition true; %s",
                        fb_check_name(q->id), advice(q->when));
            else if (here && never_true(ck, join(ck, FB_COND_AND, here,
                                                 q->when)))
                fb_diag(ck->c, FB_ERROR, &q->when->loc,
                        "unreachable-question",
                        "question '%s' can never be asked: no journey that "
                        "gets to page '%s' (past its condition and the "
                        "exit pages before it) makes this condition true; "
                        "change the condition or move the question",
                        fb_check_name(q->id), fb_check_name(p->id));
            else
                always_true(ck, here, q->when, "question", q->id);
        }
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
