/* SPDX-License-Identifier: MIT */
/*
 * The uploaded files of a submission (submission_files.h).
 */
#include "submission_files.h"

#include <stdio.h>
#include <string.h>

#include "formbuilder/qtype.h"
#include "formbuilder/repeat.h"

/* Each file stored under @p name, as parts "NAME.N". */
static int
files_of(const struct fb_answers *a, const char *name,
         fb_submission_file_fn fn, void *cls)
{
    size_t n = fb_answers_count(a, name);
    for (size_t i = 0; i < n; i++) {
        const char *v = fb_answers_get_nth(a, name, i);
        struct fb_file_ref ref;
        char part[FB_FILE_PART_MAX];
        if (!fb_file_ref_parse(v, strlen(v), &ref)
            || snprintf(part, sizeof part, "%s.%zu", name, i)
                   >= (int)sizeof part)
            continue;
        int rc = fn(part, &ref, cls);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int
fb_submission_files_each(const struct fb_form_desc *f,
                         const struct fb_answers *a,
                         fb_submission_file_fn fn, void *cls)
{
    for (size_t k = 0; k < f->n_questions; k++) {
        const struct fb_question_desc *q = f->questions[k];
        if (fb_question_stored(q) != FB_STORED_FILES)
            continue;
        const struct fb_page_desc *page = fb_repeat_page_of(f, q);
        size_t items = page ? fb_repeat_count(page, a) : 1;
        for (size_t i = 0; i < items; i++) {
            char name[FB_FILE_PART_MAX];
            int len = page ? snprintf(name, sizeof name, "%s.%zu.%s",
                                      page->id, i, q->id)
                           : snprintf(name, sizeof name, "%s", q->id);
            if (len < 0 || len >= (int)sizeof name)
                continue;
            int rc = files_of(a, name, fn, cls);
            if (rc != 0)
                return rc;
        }
    }
    return 0;
}
