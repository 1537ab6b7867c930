/* SPDX-License-Identifier: MIT */
/*
 * Uploaded files by signed link (file_route.h).
 */
#include "file_route.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "file_link.h"
#include "formbuilder/filetype.h"
#include "journey_priv.h"
#include "json.h"
#include "log.h"
#include "submission_files.h"
#include "upload_store.h"

/* The query of a file link: these four, once each, and nothing else. */
enum { Q_FORM, Q_REF, Q_EXPIRES, Q_SIG, Q__COUNT };
static const char *const query_names[Q__COUNT] = {"form", "ref", "expires",
                                                  "sig"};

struct link {
    const char *v[Q__COUNT];   /* by the enum above; NULL absent */
    bool other;                /* a name the link does not have, or twice */
};

static int
collect(const char *name, const char *value, void *cls)
{
    struct link *l = cls;
    for (size_t i = 0; i < Q__COUNT; i++)
        if (strcmp(name, query_names[i]) == 0 && !l->v[i]) {
            l->v[i] = value;
            return 0;
        }
    l->other = true;
    return 1;
}

/* The submission's file the link names. */
struct lookup {
    const struct fb_form_desc *form;
    const char *hash;
    bool owner;                /* the submission is of that form */
    bool found;
    bool failed;               /* out of memory, answers unreadable */
    struct fb_file_ref ref;
};

static int
match_file(const char *part, const struct fb_file_ref *ref, void *cls)
{
    struct lookup *l = cls;
    (void)part;
    if (strcmp(ref->hash, l->hash) != 0)
        return 0;
    l->found = true;
    l->ref = *ref;
    return 1;
}

/* The submission row (store callback): is the file one of its answers? */
static int
find_file(const struct fb_submission_row *row, void *cls)
{
    struct lookup *l = cls;
    l->owner = strcmp(row->form, l->form->slug) == 0;
    if (!l->owner)
        return 0;
    struct fb_answers *a = fb_answers_new();
    if (!a || fb_json_flatten(row->answers_json, a) != 0)
        l->failed = true;
    else
        fb_submission_files_each(l->form, a, match_file, l);
    fb_answers_free(a);
    return 0;
}

/* Content-Disposition for @p name (sanitised: no quotes, slashes or
 * control characters): an ASCII filename, and the UTF-8 one (RFC 6266). */
static void
disposition(const char *name, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = (size_t)snprintf(out, cap, "attachment; filename=\"");
    for (const unsigned char *p = (const unsigned char *)name;
         *p && n + 2 < cap; p++)
        out[n++] = (char)(*p < 0x80 && *p != '\\' ? *p : '_');
    n += (size_t)snprintf(out + n, n < cap ? cap - n : 0,
                          "\"; filename*=UTF-8''");
    for (const unsigned char *p = (const unsigned char *)name;
         *p && n + 4 < cap; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')
            || (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
            out[n++] = (char)*p;
        } else {
            out[n++] = '%';
            out[n++] = hex[(unsigned)*p >> 4];
            out[n++] = hex[(unsigned)*p & 15u];
        }
    }
    out[n < cap ? n : cap - 1] = '\0';
}

static void
refuse(struct fb_request *req, unsigned status, const char *hash,
       const char *why)
{
    fb_log(FB_LOG_WARN, "file link for %.64s refused (%u): %s", hash,
           status, why);
    if (status == 410)
        fb_send_message(req, 410, FB_MSG_SIGNED_LINK_EXPIRED_TITLE,
                        FB_MSG_FILE_LINK_EXPIRED_BODY, NULL);
    else if (status == 404)
        fb_send_message(req, 404, FB_MSG_FILE_GONE_TITLE,
                        FB_MSG_FILE_GONE_BODY, NULL);
    else
        fb_send_message(req, 403, FB_MSG_SIGNED_LINK_BAD_TITLE,
                        FB_MSG_FILE_LINK_BAD_BODY, NULL);
}

/* Sends the stored file @p l->ref. */
static void
send_file(struct fb_request *req, const struct fb_journey *j,
          const struct lookup *l)
{
    int fd = fb_files_open(j->cfg->files_dir, l->hash);
    struct stat st;
    if (fd < 0 && errno == ENOENT) {
        refuse(req, 404, l->hash, "the file is no longer stored");
        return;
    }
    if (fd < 0 || fstat(fd, &st) != 0) {
        fb_log(FB_LOG_ERROR, "file %s: %s", l->hash, strerror(errno));
        if (fd >= 0)
            close(fd);
        fb_journey_server_error(req);
        return;
    }
    char cd[3 * FB_FILE_NAME_MAX + 64];
    disposition(l->ref.name, cd, sizeof cd);
    const struct fb_file_kind_info *kind = fb_file_kind(l->ref.kind);
    fb_request_respond_file(req, 200, kind ? kind->mime
                                           : "application/octet-stream",
                            fd, (size_t)st.st_size, FB_CACHE_PRIVATE);
    if (fb_request_add_header(req, "Content-Disposition", cd) != 0) {
        fb_journey_server_error(req);
        return;
    }
    fb_log(FB_LOG_INFO, "file %s of %s sent by a signed link", l->hash,
           l->form->slug);
}

bool
fb_file_route(struct fb_request *req, const struct fb_journey *j)
{
    const char *path = fb_request_path(req);
    size_t prefix = strlen(FB_FILE_LINK_PATH);
    if (strncmp(path, FB_FILE_LINK_PATH, prefix) != 0)
        return false;
    const char *hash = path + prefix;
    const char *m = fb_request_method(req);
    if (strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0) {
        fb_send_method_not_allowed(req, "GET, HEAD");
        return true;
    }
    const char *key = fb_file_link_key();
    if (!key || !fb_file_hash_ok(hash)) {
        /* Without the key no file is ever served. */
        fb_send_not_found(req);
        return true;
    }
    struct link q = {0};
    fb_request_query_each(req, collect, &q);
    const char *form = q.v[Q_FORM], *ref = q.v[Q_REF];
    enum fb_link_verdict v =
        q.other || !form || !ref
            ? FB_LINK_BAD
            : fb_file_link_check(key, form, ref, hash, q.v[Q_EXPIRES],
                                 q.v[Q_SIG], fb_clock_now());
    if (v != FB_LINK_OK) {
        refuse(req, v == FB_LINK_EXPIRED ? 410 : 403, hash,
               v == FB_LINK_EXPIRED ? "expired"
                                    : "its signature does not match or it "
                                      "is incomplete");
        return true;
    }
    struct lookup l = {
        .form = fb_forms_find(fb_registry_forms(j->forms), form,
                              strlen(form)),
        .hash = hash,
    };
    if (!l.form) {
        refuse(req, 404, hash, "the form is no longer served here");
        return true;
    }
    int rc = j->reader->ops->submission_by_reference(j->reader, ref,
                                                     find_file, &l);
    if (rc == FB_STORE_ERROR || l.failed) {
        fb_journey_store_error(req, j);
        return true;
    }
    if (rc == FB_STORE_NOT_FOUND)
        refuse(req, 404, hash, "the submission is no longer stored");
    else if (!l.owner || !l.found)
        refuse(req, 403, hash, "the submission has no such file");
    else
        send_file(req, j, &l);
    return true;
}
