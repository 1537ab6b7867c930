/* SPDX-License-Identifier: MIT */
/*
 * The submit section's cross-references: the confirmation email's `to`
 * must name an email question, so the runtime always has an address the
 * email reader has already checked; a target sending files as multipart
 * should have files to send.
 */
#include "check_priv.h"

#include <stdio.h>

#include "formbuilder/qtype.h"

/* @returns whether some page of the form asks a file question. */
static bool
has_file_question(const struct fb_form *form)
{
    for (size_t p = 0; p < form->n_pages; p++) {
        const struct fb_page *page = form->pages[p];
        for (size_t i = 0; page && i < page->n_questions; i++)
            if (page->questions[i]->type == FB_Q_FILE)
                return true;
    }
    return false;
}

/* `files: multipart` on a form without a file question sends a payload
 * alone in a multipart body: harmless, so a warning, but the receiver
 * was promised files. */
static void
check_multipart(struct fb_check *ck)
{
    const struct fb_form *form = ck->form;
    if (has_file_question(form))
        return;
    for (size_t i = 0; i < form->n_forwards; i++)
        if (form->forwards[i].files == FB_FILES_MULTIPART)
            fb_diag(ck->c, FB_WARNING, &form->forwards[i].files_loc,
                    "multipart-without-files",
                    "'files: multipart' but the form asks no file "
                    "question, so each delivery is the payload alone; "
                    "remove 'files' or add a question of type file");
}

void
fb_check_submit(struct fb_check *ck)
{
    check_multipart(ck);
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
