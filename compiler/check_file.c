/* SPDX-License-Identifier: MIT */
/*
 * File questions: each has a page of its own. Its page posts
 * multipart/form-data and is shown again after a file is added or
 * removed, keeping what the session holds; other questions on it would
 * lose what was typed, and a follow-up could not reveal a file input
 * without script.
 */
#include "check_priv.h"

void
fb_check_files(struct fb_check *ck)
{
    for (size_t p = 0; p < ck->form->n_pages; p++) {
        const struct fb_page *page = ck->form->pages[p];
        if (!page || page->n_questions < 2)
            continue;
        for (size_t i = 0; i < page->n_questions; i++) {
            const struct fb_question *q = page->questions[i];
            if (q->type != FB_Q_FILE)
                continue;
            fb_diag(ck->c, FB_ERROR, &q->type_loc, "file-not-alone",
                    "file question '%s' shares page '%s' with %zu other "
                    "question%s; give it a page of its own", q->id,
                    page->id ? page->id : "", page->n_questions - 1,
                    page->n_questions == 2 ? "" : "s");
        }
    }
}
