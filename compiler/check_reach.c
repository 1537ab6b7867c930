/* SPDX-License-Identifier: MIT */
/*
 * Reachability: pages and questions that no journey can show. A page after
 * an exit page without a `when` is never reached (the exit ends every
 * journey). A `when` that no answers can make true is found by trying
 * every combination of answers to the choice questions it tests, when it
 * only uses is / is not / has / answered and the combinations are few.
 *
 * Semantics assumed (and emitted by emit_c): `X is not V` is true whenever
 * X's answer is not V, unanswered included; checkboxes are answered when
 * at least one box is ticked.
 */
#include "check_priv.h"

#include <string.h>

/* Try at most this many combinations of answers: enough for a few choice
 * questions, small enough to stay instant on any form. */
#define MAX_ASSIGNMENTS 4096
#define MAX_VARS 16
#define MAX_CHECKBOXES 12  /* options of one checkboxes question: 2^12 */
/* Combinations times tree nodes: bounds the time one condition may take,
 * whatever a hostile file holds. */
#define MAX_WORK (1L << 18)

/* One question the condition tests, and how many answers it can have:
 * radios/select/yes_no: each option or none (state n = unanswered);
 * checkboxes: each subset (a bit mask); anything else: no (0) or yes (1). */
struct var {
    const struct fb_question *q;
    size_t n_options;          /* choice questions */
    size_t states;
};

/* The condition compiled for fast evaluation: tests know their variable
 * and option index. */
struct node {
    enum fb_cond_op kind;
    size_t var;
    size_t option;
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
    v->q = q;
    if (single_choice(q->type)) {
        fb_check_option_values(a->ck, q, &v->n_options);
        v->states = v->n_options + 1;
    } else if (q->type == FB_Q_CHECKBOXES) {
        fb_check_option_values(a->ck, q, &v->n_options);
        if (v->n_options > MAX_CHECKBOXES)
            return MAX_VARS;
        v->states = (size_t)1 << v->n_options;
    } else {
        v->states = 2;
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
    bool fits = c->kind == FB_COND_ANSWERED ||
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
    if (c->kind != FB_COND_ANSWERED) {
        n->option = option_index(a, q, c->value);
        if (n->option == (size_t)-1)
            a->ok = false; /* already reported: when-unknown-option */
    }
    return n;
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
    size_t total = 1;
    for (size_t i = 0; i < a.n_vars; i++) {
        if (a.vars[i].states > MAX_ASSIGNMENTS / total)
            return false;
        total *= a.vars[i].states;
    }
    if (total > (size_t)MAX_WORK / a.n_nodes)
        return false;
    for (size_t k = 0; k < total; k++) {
        size_t rest = k;
        for (size_t i = 0; i < a.n_vars; i++) {
            a.state[i] = rest % a.vars[i].states;
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
    if (has_and && !has_not)
        return "did you mean 'or' where it says 'and'?";
    if (has_and)
        return "check its 'and' and 'not'";
    return "check where it says 'not'";
}

void
fb_check_reachability(struct fb_check *ck)
{
    const struct fb_form *f = ck->form;
    size_t reachable = check_after_exit(ck);
    for (size_t i = 0; i < reachable && !ck->c->too_many; i++) {
        const struct fb_page *p = f->pages[i];
        if (p->when && never_true(ck, p->when))
            fb_diag(ck->c, FB_ERROR, &p->when->loc, "unreachable-page",
                    "page '%s' can never be shown: no answers make this "
                    "condition true; %s",
                    fb_check_name(p->id), advice(p->when));
        for (size_t j = 0; j < p->n_questions; j++) {
            const struct fb_question *q = p->questions[j];
            if (q->when && never_true(ck, q->when))
                fb_diag(ck->c, FB_ERROR, &q->when->loc,
                        "unreachable-question",
                        "question '%s' can never be asked: no answers make "
                        "this condition true; %s",
                        fb_check_name(q->id), advice(q->when));
        }
    }
}
