/* SPDX-License-Identifier: MIT */
/*
 * The submit section's cross-references: the confirmation email's `to`
 * must name an email question, so the runtime always has an address the
 * email reader has already checked.
 */
#include "check_priv.h"

#include <stdio.h>

#include "formbuilder/qtype.h"

void
fb_check_submit(struct fb_check *ck)
{
    const struct fb_confirmation_email *ce = ck->form->confirmation_email;
    if (!ce)
        return;
    const struct fb_question *q = fb_check_find(ck, ce->to);
    if (!q) {
        char lead[160];
        snprintf(lead, sizeof lead,
                 "'to' names no question: '%.60s'", ce->to);
        fb_check_unknown_question(ck, &ce->to_loc, "confirmation-to",
                                  ce->to, lead,
                                  "name the email question that asks for "
                                  "the resident's address");
        return;
    }
    /* A question of an unknown type was reported where it is written. */
    const struct fb_qtype_info *t = fb_qtype(q->type);
    if (t && q->type != FB_Q_EMAIL)
        fb_diag(ck->c, FB_ERROR, &ce->to_loc, "confirmation-to",
                "'to' must name an email question, and '%s' is a %s "
                "question; add a question of type email and name it here",
                q->id, t->name);
}
