/* SPDX-License-Identifier: MIT */
/*
 * Conditions: the `when:` language. Parses a condition string into a small
 * tree; the checks pass resolves the question names and types, and the
 * lowering pass turns the tree into the runtime's condition descriptors.
 * The operators are the runtime's enum fb_cond_op (formbuilder/form.h).
 *
 *   cond    := or
 *   or      := and ("or" and)*
 *   and     := unary ("and" unary)*
 *   unary   := "not" unary | "(" cond ")" | test
 *   test    := ID "is" ["not"] VALUE | ID "has" VALUE | ID "answered"
 *            | ID ("<" | "<=" | ">" | ">=") VALUE
 *            | "count of" PAGE ("is" ["not"] | "<" | "<=" | ">" | ">=") N
 *            | "any" PAGE "." ID ...the rest of a test of ID
 *   VALUE   := word | "quoted string" | number | YYYY-MM-DD | today[+-]Nd
 */
#pragma once

#include "compiler.h"
#include "formbuilder/form.h"

struct fb_question;
struct fb_page;

struct fb_cond {
    enum fb_cond_op kind;
    struct fb_loc loc;         /* the whole test or operator */
    /* tests */
    const char *question;      /* the ID as written */
    struct fb_loc question_loc;
    const char *value;         /* the VALUE as written, unquoted; NULL for
                                  `answered` */
    struct fb_loc value_loc;
    bool value_quoted;
    /* `in [...]` and `postcode of ID in [...]`: the values listed, as
     * written (value is NULL) */
    const char **values;
    struct fb_loc *value_locs;
    size_t n_values;
    struct fb_question *target; /* resolved by the checks, else NULL */
    /* `count of GROUP OP N` and `any GROUP.ID ...`: the repeating page
     * named (question is ID for any, GROUP for count). */
    enum fb_cond_over over;
    const char *group;
    struct fb_loc group_loc;
    struct fb_page *group_page; /* resolved by the checks, else NULL */
    /* and, or, not (not uses lhs only) */
    struct fb_cond *lhs;
    struct fb_cond *rhs;
};

/**
 * Parses @p text, the value of a `when:` key found at @p where (the
 * scalar's location; columns of errors are counted from it, plus one when
 * @p quoted). Reports syntax errors with id "when-syntax".
 * @returns the tree in the compiler's arena, or NULL on error.
 */
struct fb_cond *
fb_cond_parse(struct fb_compiler *c, const char *text,
              const struct fb_loc *where, bool quoted);

/** Calls @p fn on every test (leaf) of @p cond, in source order. */
void
fb_cond_each_test(struct fb_cond *cond,
                  void (*fn)(struct fb_cond *test, void *ctx), void *ctx);

/** @returns how a test of @p kind is written between its id and its
 *  value: "is not", "has", "<=", "starts with", "in" ...; "postcode of"
 *  for FB_COND_POSTCODE_IN, written before the id. The one table of the
 *  condition language's words. */
const char *
fb_cond_op_word(enum fb_cond_op kind);

/** @returns @p c written in the condition language, in @p a: what formc
 *  prints where it shows a lowered condition (generated C's comments,
 *  formc graph). */
const char *
fb_cond_desc_text(struct fb_arena *a, const struct fb_cond_desc *c);

/** @returns true when @p kind compares with < <= > >=. */
bool
fb_cond_is_comparison(enum fb_cond_op kind);
