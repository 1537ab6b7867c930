/* SPDX-License-Identifier: MIT */
/*
 * A submission's uploaded files for the outbox (outbox_files.h).
 */
#include "outbox_files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formbuilder/qtype.h"
#include "json.h"
#include "log.h"
#include "upload_store.h"

struct opening {
    const char *dir;
    struct fb_http_file *files;
    size_t n, cap;
    struct fb_send_result *r;
};

/* Opens one file (submission_files.h callback). */
static int
open_one(const char *part, const struct fb_file_ref *ref, void *cls)
{
    struct opening *o = cls;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 4;
        struct fb_http_file *f = realloc(o->files, cap * sizeof *f);
        if (!f) {
            o->r->outcome = FB_SEND_RETRY;
            snprintf(o->r->error, sizeof o->r->error, "out of memory");
            return -1;
        }
        o->files = f;
        o->cap = cap;
    }
    int fd = fb_files_open(o->dir, ref->hash);
    if (fd < 0) {
        bool gone = errno == ENOENT;
        o->r->outcome = gone ? FB_SEND_REFUSED : FB_SEND_RETRY;
        snprintf(o->r->error, sizeof o->r->error, "uploaded file %s "
                 "(sha256 %s) %s; nothing was sent", part, ref->hash,
                 gone ? "is no longer stored (removed by the retention "
                        "purge?), so the delivery cannot be whole"
                      : strerror(errno));
        return -1;
    }
    struct fb_http_file *f = &o->files[o->n++];
    snprintf(f->part, sizeof f->part, "%s", part);
    f->ref = *ref;
    f->fd = fd;
    return 0;
}

int
fb_outbox_files_open(const struct fb_form_desc *f, const char *answers_json,
                     const char *dir, struct fb_http_file **out_files,
                     size_t *out_n, struct fb_send_result *r)
{
    struct opening o = {dir, NULL, 0, 0, r};
    struct fb_answers *a = fb_answers_new();
    int rc = -1;
    if (!a || fb_json_flatten(answers_json, a) != 0) {
        r->outcome = FB_SEND_RETRY;
        snprintf(r->error, sizeof r->error, "out of memory, or the stored "
                 "answers do not parse");
    } else {
        rc = fb_submission_files_each(f, a, open_one, &o) == 0 ? 0 : -1;
    }
    fb_answers_free(a);
    if (rc != 0) {
        for (size_t i = 0; i < o.n; i++)
            close(o.files[i].fd);
        free(o.files);
        o.files = NULL;
        o.n = 0;
    }
    *out_files = o.files;
    *out_n = o.n;
    return rc;
}

const struct fb_file_links *
fb_outbox_file_links(const struct fb_outbox_config *cfg, long long now,
                     struct fb_file_links *out)
{
    const char *key = fb_file_link_key();
    if (!key || !cfg->base_url[0])
        return NULL;
    *out = (struct fb_file_links){cfg->base_url, key,
                                  now + (long long)cfg->file_link_valid};
    return out;
}

bool
fb_outbox_links_wanted(const struct fb_form_desc *f)
{
    bool email = false, files = false;
    for (size_t i = 0; i < f->n_forwards; i++)
        email = email || f->forwards[i].kind == FB_TARGET_EMAIL;
    for (size_t i = 0; email && i < f->n_questions; i++)
        files = files || fb_question_stored(f->questions[i])
                             == FB_STORED_FILES;
    return files;
}

void
fb_outbox_file_links_note(const struct fb_form_desc *const *forms, size_t n,
                          const struct fb_outbox_config *cfg)
{
    for (size_t i = 0; i < n; i++) {
        if (!fb_outbox_links_wanted(forms[i]))
            continue;
        if (!fb_file_link_key() || !cfg->base_url[0])
            fb_log(FB_LOG_WARN, "form %s: staff emails name uploaded "
                   "files by their sha256 (for formbuilder file get), not "
                   "by link: %s is not set", forms[i]->slug,
                   !fb_file_link_key() ? FB_FILE_LINK_KEY_ENV
                                       : "base_url");
        return;
    }
}
