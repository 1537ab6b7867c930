/* SPDX-License-Identifier: MIT */
/*
 * Payment checks: `amount: {from: Q}` names a question whose answer gives
 * a price: a money question (its answer is the amount), or a radios or
 * select question with a `table` pricing every one of its options and
 * nothing else.
 */
#include "check_priv.h"

#include <string.h>

static bool
is_choice(enum fb_qtype t)
{
    return t == FB_Q_RADIOS || t == FB_Q_SELECT;
}

static const struct fb_payment_row *
priced(const struct fb_payment *p, const char *value)
{
    for (size_t i = 0; i < p->n_table; i++)
        if (strcmp(p->table[i].value, value) == 0)
            return &p->table[i];
    return NULL;
}

static bool
is_option(const struct fb_question *q, const char *value)
{
    for (size_t i = 0; i < q->n_options; i++)
        if (q->options[i].value && strcmp(q->options[i].value, value) == 0)
            return true;
    return false;
}

static void
check_table(struct fb_check *ck, const struct fb_payment *p,
            const struct fb_question *q)
{
    for (size_t i = 0; i < p->n_table; i++)
        if (!is_option(q, p->table[i].value))
            fb_diag(ck->c, FB_ERROR, &p->table[i].loc, "payment-table-option",
                    "'%s' is not an option of '%s'; the table prices the "
                    "options of the question 'from' names",
                    p->table[i].value, q->id);
    for (size_t i = 0; i < q->n_options; i++)
        if (q->options[i].value && !priced(p, q->options[i].value))
            fb_diag(ck->c, FB_ERROR, &p->table_loc, "payment-table-option",
                    "option '%s' of '%s' has no price in the table; give "
                    "every option one (0 is not a price: a free option "
                    "needs no 'payment')", q->options[i].value, q->id);
}

void
fb_check_payment(struct fb_check *ck)
{
    struct fb_payment *p = ck->form->payment;
    if (!p || !p->from)
        return;
    struct fb_question *q = fb_check_find(ck, p->from);
    p->from_question = q;
    if (!q) {
        fb_check_unknown_question(
            ck, &p->from_loc, "payment-unknown-question", p->from,
            fb_arena_printf(&ck->c->arena, "no question '%s' in this form",
                            p->from),
            "'from' names the question whose answer sets the amount");
        return;
    }
    if (q->type == FB_Q_MONEY && !p->table)
        return;
    if (is_choice(q->type) && p->table) {
        check_table(ck, p, q);
        return;
    }
    if (q->type == FB_Q__COUNT)
        return;
    if (is_choice(q->type))
        fb_diag(ck->c, FB_ERROR, &p->from_loc, "payment-from-type",
                "'%s' is a %s question, so the amount needs a 'table' of "
                "pence per option: {from: %s, table: {OPTION: PENCE}}",
                q->id, fb_qtype_name(q->type), q->id);
    else
        fb_diag(ck->c, FB_ERROR, &p->from_loc, "payment-from-type",
                "'%s' is a %s question; 'from' takes a money question (the "
                "answer is the amount) or a radios or select question with "
                "a 'table' of pence per option", q->id,
                fb_qtype_name(q->type));
}
