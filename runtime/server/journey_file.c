/* SPDX-License-Identifier: MIT */
/*
 * File question pages (journey_file.h).
 */
#include "journey_file.h"

#include <stdio.h>
#include <string.h>

#include "formbuilder/filetype.h"
#include "log.h"
#include "registry.h"

bool
fb_journey_upload_policy(const char *path, struct fb_upload_limits *out,
                         void *cls)
{
    const struct fb_journey *j = cls;
    if (!j->files || path[0] != '/')
        return false;
    const char *slash = strchr(path + 1, '/');
    if (!slash || !slash[1] || strchr(slash + 1, '/'))
        return false;
    const struct fb_form_desc *f = fb_forms_find(
        fb_registry_forms(j->forms), path + 1, (size_t)(slash - path - 1));
    const struct fb_page_desc *page = f ? fb_form_find_page(f, slash + 1)
                                        : NULL;
    const struct fb_question_desc *q = fb_page_file_question(page);
    if (!q || !q->file)
        return false;
    out->max_file = q->file->max_size;
    out->max_files = q->file->max_files;
    snprintf(out->tmp_dir, sizeof out->tmp_dir, "%s",
             fb_upload_store_tmp_dir(j->files));
    return true;
}

/* @returns whether @p name is @p q's id followed by @p suffix. */
static bool
is_button(const struct fb_question_desc *q, const char *name,
          const char *suffix)
{
    size_t n = strlen(q->id);
    return strncmp(name, q->id, n) == 0 && strcmp(name + n, suffix) == 0;
}

bool
fb_file_post_field(const struct fb_page_desc *page, const char *name)
{
    const struct fb_question_desc *q = fb_page_file_question(page);
    return q && is_button(q, name, FB_FILE_REMOVE_SUFFIX);
}

static enum fb_file_post
refuse(struct fb_file_post_error *err, const struct fb_question_desc *q,
       enum fb_msg msg, enum fb_lang lang)
{
    snprintf(err->anchor, sizeof err->anchor, "%s", q->id);
    fb_file_accept_text(q->file ? q->file->accept : 0, lang, err->text,
                        sizeof err->text);
    err->error = (struct fb_error){
        .question = q->id,
        .anchor = err->anchor,
        .part = -1,
        .msg = msg,
        .args = {
            .noun = &q->noun,
            .count = q->file ? (long)q->file->max_files : 1,
            .number = fb_file_megabytes(q->file ? q->file->max_size : 0),
            .text = err->text,
        },
    };
    return FB_FILE_POST_ERROR;
}

/* Sets @p q's answer in @p fields to @p saved's, less @p remove (a hash,
 * or NULL). @returns 0, or -1 out of memory. */
static int
keep_saved(const struct fb_question_desc *q, const struct fb_answers *saved,
           struct fb_answers *fields, const char *remove)
{
    fb_answers_remove(fields, q->id);
    size_t n = fb_answers_count(saved, q->id);
    bool removed = false;
    for (size_t i = 0; i < n; i++) {
        const char *v = fb_answers_get_nth(saved, q->id, i);
        if (remove && !removed && strncmp(v, remove, 64) == 0
            && strlen(remove) == 64 && v[64] == ':') {
            removed = true;
            continue;
        }
        if (fb_answers_add(fields, q->id, v) != 0)
            return -1;
    }
    return 0;
}

/* @returns whether @p fields already holds a file with @p hash. */
static bool
has_hash(const struct fb_question_desc *q, const struct fb_answers *fields,
         const char *hash)
{
    size_t n = fb_answers_count(fields, q->id);
    for (size_t i = 0; i < n; i++)
        if (strncmp(fb_answers_get_nth(fields, q->id, i), hash, 64) == 0)
            return true;
    return false;
}

enum fb_file_post
fb_file_post_apply(struct fb_request *req, const struct fb_journey *j,
                   const struct fb_question_desc *q,
                   const struct fb_answers *saved, struct fb_answers *fields,
                   struct fb_file_post_error *err)
{
    enum fb_lang lang = fb_request_lang(req);
    char remove_name[200], remove[80] = "";
    snprintf(remove_name, sizeof remove_name, "%s" FB_FILE_REMOVE_SUFFIX,
             q->id);
    const char *rm = fb_answers_get(fields, remove_name);
    if (rm)
        snprintf(remove, sizeof remove, "%s", rm);
    fb_answers_remove(fields, remove_name);
    if (keep_saved(q, saved, fields, rm ? remove : NULL) != 0) {
        fb_send_message(req, 500, FB_MSG_SERVER_ERROR_TITLE,
                        FB_MSG_SERVER_ERROR_BODY, NULL);
        return FB_FILE_POST_FAILED;
    }
    if (rm)                    /* a remove button: nothing else changes */
        return FB_FILE_POST_STAY;

    size_t n_up;
    struct fb_upload *ups = fb_request_uploads(req, &n_up);
    size_t had = fb_answers_count(fields, q->id);
    unsigned max = q->file ? q->file->max_files : 1;
    if (fb_request_uploads_failed(req))
        return refuse(err, q, FB_MSG_FILE_NOT_SAVED, lang);
    if (fb_request_uploads_too_many(req) || had + n_up > max)
        return refuse(err, q, FB_MSG_FILE_TOO_MANY, lang);
    if (!j->files || !q->file) {
        if (n_up)
            return refuse(err, q, FB_MSG_FILE_NOT_SAVED, lang);
        return FB_FILE_POST_GO;
    }

    /* Every file checked before any is kept: all or none. */
    struct fb_prepared prep[FB_UPLOAD_MAX];
    size_t n_prep = 0;
    enum fb_msg why = 0;
    for (size_t i = 0; i < n_up && !why; i++) {
        if (strcmp(ups[i].field, q->id) != 0) {
            why = FB_MSG_FILE_TYPE; /* a file under another name */
            break;
        }
        why = fb_upload_prepare(j->files, &ups[i], q->file, &prep[n_prep]);
        if (!why)
            n_prep++;
    }
    for (size_t i = 0; i < n_prep && !why; i++)
        if (fb_upload_commit(j->files, &prep[i]) != 0)
            why = FB_MSG_FILE_NOT_SAVED;
    for (size_t i = 0; i < n_prep; i++)
        fb_upload_discard(&prep[i]);
    if (why)
        return refuse(err, q, why, lang);
    char ref[256];
    for (size_t i = 0; i < n_prep; i++) {
        if (has_hash(q, fields, prep[i].ref.hash))
            continue;          /* the same file twice is one file */
        if (!fb_file_ref_format(&prep[i].ref, ref, sizeof ref)
            || fb_answers_add(fields, q->id, ref) != 0) {
            fb_send_message(req, 500, FB_MSG_SERVER_ERROR_TITLE,
                            FB_MSG_SERVER_ERROR_BODY, NULL);
            return FB_FILE_POST_FAILED;
        }
        fb_log(FB_LOG_INFO, "upload kept: %s (%lld bytes, %s)",
               prep[i].ref.hash, prep[i].ref.size,
               fb_file_kind(prep[i].ref.kind)->name);
    }
    return FB_FILE_POST_GO;
}
