/* SPDX-License-Identifier: MIT */
/*
 * file questions: the answer is a reference per uploaded file
 * (formbuilder/filetype.h), written by the server after the upload was
 * sniffed, stripped and stored, never typed by the resident. The reader
 * checks each is a well-formed reference of an accepted kind and size,
 * and that there are no more than the question allows.
 */
#include "formbuilder/filetype.h"

#include "answers-priv.h"
#include "utf8-priv.h"
#include "validate-priv.h"

/* @returns whether stored value @p v[0..n) is a reference @p q accepts. */
static bool
acceptable(const struct fb_question_desc *q, const char *v, size_t n)
{
    struct fb_file_ref ref;
    if (!fb_utf8_ok(v, n) || !fb_file_ref_parse(v, n, &ref))
        return false;
    if (!q->file)
        return true;
    return ((q->file->accept >> ref.kind) & 1u) && ref.size > 0
           && ref.size <= q->file->max_size;
}

enum fb_field_status
fb_read_file_question(const struct fb_question_desc *q,
                      const struct fb_answers *in, struct fb_answers *out,
                      struct fb_read_result *res)
{
    struct fb_name nm = fb_question_name(q);
    size_t count = 0;
    uint32_t first = fb_answers_findh(in, nm.s, nm.n, nm.hash, &count);
    enum fb_field_status st = count ? FB_FIELD_OK : FB_FIELD_EMPTY;

    res->count = count;
    if (q->file && count > q->file->max_files)
        st = FB_FIELD_INVALID;
    for (uint32_t i = first; i != FB_ANSWERS_NONE && st == FB_FIELD_OK;
         i = fb_answers_next(in, i)) {
        const struct fb_answer *p = fb_answers_entry(in, i);
        if (!acceptable(q, p->value, p->value_len))
            st = FB_FIELD_INVALID;
    }
    if (st == FB_FIELD_OK && in != out) {
        fb_answers_removenh(out, nm.s, nm.n, nm.hash);
        for (uint32_t i = first; i != FB_ANSWERS_NONE && st == FB_FIELD_OK;
             i = fb_answers_next(in, i)) {
            const struct fb_answer *p = fb_answers_entry(in, i);
            if (fb_answers_addnh(out, nm.s, nm.n, nm.hash, p->value,
                                 p->value_len) != 0)
                st = fb_field_nomem(out);
        }
    }
    return fb_field_finishh(out, nm.s, nm.n, nm.hash, st);
}
