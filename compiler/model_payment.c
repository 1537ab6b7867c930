/* SPDX-License-Identifier: MIT */
/*
 * The `payment:` of a form: the fee a resident pays through the payment
 * provider before the form is sent. The amount is pence, or
 * {from: QUESTION} (a money question's answer) or {from: QUESTION,
 * table: {VALUE: PENCE}} (a price per option of a choice question). The
 * checks (fb_check_payment) resolve `from`.
 */
#include "model_priv.h"

#include <string.h>

/* GOV.UK Pay takes 1p to £100,000 in one payment. */
#define MAX_PENCE 10000000L
#define MAX_PREFIX 12

enum { P_AMOUNT, P_DESCRIPTION, P_REFERENCE_PREFIX, P__COUNT };
static const char *const payment_keys[P__COUNT] = {
    "amount", "description", "reference_prefix",
};
enum { A_FROM, A_TABLE, A__COUNT };
static const char *const amount_keys[A__COUNT] = {"from", "table"};

static bool
pence(struct fb_compiler *c, const struct fb_node *n, const char *name,
      long *out)
{
    if (!fb_model_whole(c, n, name, out))
        return false;
    if (*out < 1 || *out > MAX_PENCE) {
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'%s' is whole pence from 1 to %ld (£100,000), such as "
                "2500 for £25.00; not %ld", name, MAX_PENCE, *out);
        return false;
    }
    return true;
}

static void
read_table(struct fb_compiler *c, struct fb_payment *p,
           const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "'table'"))
        return;
    p->table_loc = n->loc;
    p->table = fb_arena_alloc(&c->arena,
                              (n->n_pairs + 1) * sizeof *p->table);
    for (size_t i = 0; i < n->n_pairs; i++) {
        struct fb_payment_row *r = &p->table[p->n_table];
        r->value = n->pairs[i].key->value;
        r->loc = n->pairs[i].key->loc;
        if (pence(c, n->pairs[i].value, "table", &r->pence))
            p->n_table++;
    }
    if (!n->n_pairs)
        fb_diag(c, FB_ERROR, &n->loc, "wrong-value",
                "'table' gives the price in pence of each option, such as "
                "'{small: 2500, large: 4000}'; it is empty");
}

static void
read_amount(struct fb_compiler *c, struct fb_payment *p,
            const struct fb_node *n)
{
    p->amount_loc = n->loc;
    if (n->kind == FB_NODE_SCALAR) {
        p->has_amount = pence(c, n, "amount", &p->amount);
        return;
    }
    if (!fb_model_mapping(c, n, "'amount'"))
        return;
    const struct fb_keyset ks = {"'amount'", amount_keys, A__COUNT};
    const struct fb_node *k[A__COUNT], *v[A__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    if (!fb_model_need(c, n, v[A_FROM], "'amount'", "from", sugg, A_FROM))
        return;
    p->from = fb_model_string(c, v[A_FROM], "from");
    p->from_loc = v[A_FROM]->loc;
    if (v[A_TABLE])
        read_table(c, p, v[A_TABLE]);
}

void
fb_model_payment(struct fb_compiler *c, struct fb_form *form,
                 const struct fb_node *key, const struct fb_node *n)
{
    if (!fb_model_mapping(c, n, "'payment'"))
        return;
    struct fb_payment *p = fb_arena_alloc(&c->arena, sizeof *p);
    p->loc = n->loc;
    p->key_loc = key->loc;
    const struct fb_keyset ks = {"'payment'", payment_keys, P__COUNT};
    const struct fb_node *k[P__COUNT], *v[P__COUNT];
    unsigned long sugg = fb_model_keys(c, n, &ks, k, v, NULL);
    bool ok = fb_model_need(c, n, v[P_AMOUNT], "'payment'", "amount", sugg,
                            P_AMOUNT);
    ok &= fb_model_need(c, n, v[P_DESCRIPTION], "'payment'", "description",
                        sugg, P_DESCRIPTION);
    if (v[P_AMOUNT])
        read_amount(c, p, v[P_AMOUNT]);
    if (v[P_DESCRIPTION])
        ok &= fb_model_text(c, v[P_DESCRIPTION], "description",
                            &p->description);
    const struct fb_node *rp = v[P_REFERENCE_PREFIX];
    if (rp && (p->reference_prefix =
                   fb_model_string(c, rp, "reference_prefix"))) {
        size_t len = strlen(p->reference_prefix);
        bool good = len <= MAX_PREFIX;
        for (size_t i = 0; i < len; i++)
            good &= (p->reference_prefix[i] >= 'A'
                     && p->reference_prefix[i] <= 'Z')
                    || (p->reference_prefix[i] >= '0'
                        && p->reference_prefix[i] <= '9');
        if (!good) {
            fb_diag(c, FB_ERROR, &rp->loc, "wrong-value",
                    "'reference_prefix' is 1 to %d upper-case letters or "
                    "digits, such as GW; not '%.40s'", MAX_PREFIX,
                    p->reference_prefix);
            p->reference_prefix = NULL;
        }
    }
    (void)ok;
    form->payment = p;
}
