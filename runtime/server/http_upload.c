/* SPDX-License-Identifier: MIT */
/*
 * Streaming multipart/form-data (http_upload.h). libmicrohttpd's post
 * processor calls back with each part's bytes as they arrive, a part's
 * first chunk at offset 0; text parts are gathered (within the body
 * limit) and re-encoded as urlencoded pairs, file parts go to a
 * temporary file each, opened O_EXCL with mode 0600.
 */
#include "http_upload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "formdata.h"
#include "log.h"

/* The post processor's buffer: how much of a part it holds at once. */
#define PP_BUFFER ((size_t)64 * 1024)

struct fb_upload_stream {
    struct MHD_PostProcessor *pp;
    struct fb_upload_limits lim;
    size_t body_limit;
    enum fb_upload_status status;
    struct fb_upload files[FB_UPLOAD_MAX];
    size_t n_files;
    struct fb_upload *cur;     /* the file part arriving, or NULL */
    bool skipping;             /* the file part arriving is not kept */
    bool in_text;              /* a text part is arriving */
    struct fb_buf name, value; /* that text part */
    size_t text_bytes;
    struct fb_buf body;        /* the text parts, urlencoded */
};

static void
fail(struct fb_upload_stream *s, enum fb_upload_status st)
{
    if (s->status == FB_UPLOAD_OK || s->status == FB_UPLOAD_TOO_MANY)
        s->status = st;
}

/* A limit or an error while a file arrived: nothing of it is kept. */
static void
drop_file(struct fb_upload *f)
{
    if (f->fd >= 0)
        close(f->fd);
    f->fd = -1;
    if (f->path[0])
        unlink(f->path);
    f->path[0] = '\0';
}

static void
end_text(struct fb_upload_stream *s)
{
    if (!s->in_text)
        return;
    s->in_text = false;
    if (s->name.data)
        fb_formdata_append(&s->body, s->name.data,
                           s->value.data ? s->value.data : "");
    fb_buf_free(&s->name);
    fb_buf_free(&s->value);
    if (s->body.failed)
        fail(s, FB_UPLOAD_MALFORMED);
}

static void
end_file(struct fb_upload_stream *s)
{
    struct fb_upload *f = s->cur;
    s->cur = NULL;
    s->skipping = false;
    if (!f || f->fd < 0)
        return;
    /* Durable before the journey refers to it; moved by upload_store. */
    if (fsync(f->fd) != 0) {
        fb_log(FB_LOG_ERROR, "upload %s: fsync: %s", f->path,
               strerror(errno));
        drop_file(f);
        fail(s, FB_UPLOAD_WRITE_FAILED);
        return;
    }
    close(f->fd);
    f->fd = -1;
}

static void
start_file(struct fb_upload_stream *s, const char *key, const char *filename)
{
    end_file(s);
    end_text(s);
    if (!filename[0]) {        /* the input was left empty */
        s->skipping = true;
        return;
    }
    if (s->n_files >= s->lim.max_files || s->n_files >= FB_UPLOAD_MAX) {
        fail(s, FB_UPLOAD_TOO_MANY);
        s->skipping = true;
        return;
    }
    struct fb_upload *f = &s->files[s->n_files];
    *f = (struct fb_upload){.fd = -1};
    f->field = strdup(key);
    f->filename = strdup(filename);
    int n = snprintf(f->path, sizeof f->path, "%s/upload-XXXXXX",
                     s->lim.tmp_dir);
    if (!f->field || !f->filename || n < 0 || (size_t)n >= sizeof f->path
        || (f->fd = mkstemp(f->path)) < 0) {
        fb_log(FB_LOG_ERROR, "upload: cannot create a file in %s: %s",
               s->lim.tmp_dir, strerror(errno));
        free(f->field);
        free(f->filename);
        f->field = f->filename = NULL;
        f->path[0] = '\0';
        fail(s, FB_UPLOAD_WRITE_FAILED);
        s->skipping = true;
        return;
    }
    (void)fcntl(f->fd, F_SETFD, FD_CLOEXEC);
    s->n_files++;
    s->cur = f;
}

static void
file_data(struct fb_upload_stream *s, const char *data, size_t size)
{
    struct fb_upload *f = s->cur;
    if (!f || s->skipping || size == 0)
        return;
    if ((long long)size > s->lim.max_file - f->size) {
        drop_file(f);
        s->cur = NULL;
        s->skipping = true;
        fail(s, FB_UPLOAD_TOO_LARGE);
        return;
    }
    for (size_t done = 0; done < size;) {
        ssize_t w = write(f->fd, data + done, size - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            fb_log(FB_LOG_ERROR, "upload %s: write: %s", f->path,
                   w < 0 ? strerror(errno) : "no progress");
            drop_file(f);
            s->cur = NULL;
            s->skipping = true;
            fail(s, FB_UPLOAD_WRITE_FAILED);
            return;
        }
        done += (size_t)w;
    }
    f->size += (long long)size;
}

static void
text_data(struct fb_upload_stream *s, const char *key, const char *data,
          uint64_t off, size_t size)
{
    if (off == 0 || !s->in_text) {
        end_file(s);
        end_text(s);
        s->in_text = true;
        fb_buf_puts(&s->name, key);
        s->text_bytes += strlen(key);
    }
    /* NUL would cut the C strings the journey reads. */
    if (memchr(data, '\0', size)) {
        fail(s, FB_UPLOAD_MALFORMED);
        return;
    }
    if (size > s->body_limit - (s->text_bytes < s->body_limit
                                    ? s->text_bytes : s->body_limit)) {
        fail(s, FB_UPLOAD_BODY_TOO_LARGE);
        return;
    }
    s->text_bytes += size;
    fb_buf_putn(&s->value, data, size);
}

static enum MHD_Result
on_part(void *cls, enum MHD_ValueKind kind, const char *key,
        const char *filename, const char *content_type,
        const char *transfer_encoding, const char *data, uint64_t off,
        size_t size)
{
    struct fb_upload_stream *s = cls;
    (void)kind;
    (void)content_type;
    (void)transfer_encoding;
    if (s->status != FB_UPLOAD_OK && s->status != FB_UPLOAD_TOO_MANY)
        return MHD_YES; /* read on, keep nothing */
    if (!key) {
        fail(s, FB_UPLOAD_MALFORMED);
        return MHD_YES;
    }
    if (filename) {
        if (off == 0)
            start_file(s, key, filename);
        file_data(s, data, size);
    } else {
        text_data(s, key, data, off, size);
    }
    return MHD_YES;
}

struct fb_upload_stream *
fb_upload_stream_new(struct MHD_Connection *conn,
                     const struct fb_upload_limits *lim, size_t body_limit)
{
    struct fb_upload_stream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->lim = *lim;
    s->body_limit = body_limit;
    fb_buf_init(&s->name);
    fb_buf_init(&s->value);
    fb_buf_init(&s->body);
    s->pp = MHD_create_post_processor(conn, PP_BUFFER, on_part, s);
    if (!s->pp) {
        free(s);
        return NULL;
    }
    return s;
}

void
fb_upload_stream_feed(struct fb_upload_stream *s, const char *data, size_t n)
{
    if (s->status != FB_UPLOAD_OK && s->status != FB_UPLOAD_TOO_MANY)
        return;
    if (MHD_post_process(s->pp, data, n) != MHD_YES)
        fail(s, FB_UPLOAD_MALFORMED);
}

enum fb_upload_status
fb_upload_stream_finish(struct fb_upload_stream *s)
{
    if (s->pp) {
        /* MHD_NO here: the body ended inside a part. */
        if (MHD_destroy_post_processor(s->pp) != MHD_YES)
            fail(s, FB_UPLOAD_MALFORMED);
        s->pp = NULL;
    }
    end_file(s);
    end_text(s);
    if (s->status != FB_UPLOAD_OK && s->status != FB_UPLOAD_TOO_MANY)
        for (size_t i = 0; i < s->n_files; i++)
            drop_file(&s->files[i]);
    return s->status;
}

enum fb_upload_status
fb_upload_stream_status(const struct fb_upload_stream *s)
{
    return s->status;
}

const char *
fb_upload_stream_body(const struct fb_upload_stream *s, size_t *len)
{
    *len = s->body.len;
    return s->body.data ? s->body.data : "";
}

struct fb_upload *
fb_upload_stream_files(struct fb_upload_stream *s, size_t *n)
{
    *n = s->n_files;
    return s->files;
}

const struct fb_upload_limits *
fb_upload_stream_limits(const struct fb_upload_stream *s)
{
    return &s->lim;
}

void
fb_upload_stream_drop(struct fb_upload_stream *s)
{
    for (size_t i = 0; i < s->n_files; i++)
        drop_file(&s->files[i]);
}

void
fb_upload_stream_free(struct fb_upload_stream *s)
{
    if (!s)
        return;
    if (s->pp)
        MHD_destroy_post_processor(s->pp);
    for (size_t i = 0; i < s->n_files; i++) {
        drop_file(&s->files[i]);
        free(s->files[i].field);
        free(s->files[i].filename);
    }
    fb_buf_free(&s->name);
    fb_buf_free(&s->value);
    fb_buf_free(&s->body);
    free(s);
}
