/* SPDX-License-Identifier: MIT */
/*
 * The multipart/form-data body of an HTTP delivery that carries uploaded
 * files (send.h): the payload as its first part, then each file streamed
 * from its open descriptor by libcurl's mime API, never read whole into
 * memory. A descriptor opened before the transfer still reads the bytes
 * if the retention purge removes the file meanwhile, so a delivery sends
 * every file whole or fails.
 */
#include "send_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* One file part's source, freed (and its descriptor closed) by libcurl
 * with the mime structure. */
struct source {
    int fd;
    curl_off_t pos;
    curl_off_t size;
};

static size_t
read_part(char *buf, size_t size, size_t n, void *cls)
{
    struct source *src = cls;
    size_t want = size * n;
    if (src->pos >= src->size)
        return 0;
    if ((curl_off_t)want > src->size - src->pos)
        want = (size_t)(src->size - src->pos);
    ssize_t got;
    do
        got = pread(src->fd, buf, want, (off_t)src->pos);
    while (got < 0 && errno == EINTR);
    /* A file shorter than it was when opened: never send a short part. */
    if (got <= 0)
        return CURL_READFUNC_ABORT;
    src->pos += got;
    return (size_t)got;
}

/* libcurl rewinds a part to send it again (a kept-alive connection that
 * was closed under it). */
static int
seek_part(void *cls, curl_off_t offset, int origin)
{
    struct source *src = cls;
    if (origin != SEEK_SET || offset < 0 || offset > src->size)
        return CURL_SEEKFUNC_CANTSEEK;
    src->pos = offset;
    return CURL_SEEKFUNC_OK;
}

static void
free_part(void *cls)
{
    struct source *src = cls;
    close(src->fd);
    free(src);
}

void
fb_http_files_close(const struct fb_http_file *files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (files[i].fd >= 0)
            close(files[i].fd);
}

/* Adds file @p f as a part of @p mime, which then owns its descriptor.
 * @returns false (the descriptor closed) when it cannot. */
static bool
add_file(curl_mime *mime, const struct fb_http_file *f)
{
    struct stat st;
    struct source *src = malloc(sizeof *src);
    curl_mimepart *part = src ? curl_mime_addpart(mime) : NULL;
    if (!part || fstat(f->fd, &st) != 0) {
        free(src);
        close(f->fd);
        return false;
    }
    *src = (struct source){f->fd, 0, (curl_off_t)st.st_size};
    if (curl_mime_data_cb(part, src->size, read_part, seek_part, free_part,
                          src) != CURLE_OK) {
        free_part(src);
        return false;
    }
    const struct fb_file_kind_info *kind = fb_file_kind(f->ref.kind);
    return curl_mime_name(part, f->part) == CURLE_OK
           && curl_mime_filename(part, f->ref.name) == CURLE_OK
           && curl_mime_type(part, kind ? kind->mime
                                        : "application/octet-stream")
                  == CURLE_OK;
}

bool
fb_multipart_body(struct fb_transfer *x, const struct fb_http_delivery *d)
{
    x->mime = curl_mime_init(x->curl);
    curl_mimepart *payload = x->mime ? curl_mime_addpart(x->mime) : NULL;
    bool ok = payload
              && curl_mime_name(payload, FB_PAYLOAD_PART) == CURLE_OK
              && curl_mime_type(payload, d->content_type) == CURLE_OK
              /* Copied: the caller's body need not outlive the call. */
              && curl_mime_data(payload, d->body, d->len) == CURLE_OK;
    size_t i = 0;
    for (; ok && i < d->n_files; i++)
        ok = add_file(x->mime, &d->files[i]);
    /* The files not given to the mime structure are closed here. */
    fb_http_files_close(d->files + i, d->n_files - i);
    return ok && curl_easy_setopt(x->curl, CURLOPT_MIMEPOST, x->mime)
                     == CURLE_OK;
}
