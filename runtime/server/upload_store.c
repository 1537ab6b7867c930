/* SPDX-License-Identifier: MIT */
/*
 * The files directory (upload_store.h).
 */
#include "upload_store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <magic.h>
#include <openssl/evp.h>

#include "clamd.h"
#include "file_strip.h"
#include "log.h"

struct fb_upload_store {
    char dir[4096];
    char tmp[4200];
    char clamd[108];
    unsigned clamd_timeout;
    magic_t magic;             /* used on the polling thread only */
};

/* mkdir -p @p path, mode 0700 for what it makes. */
static int
make_dirs(const char *path)
{
    char p[4200];
    int n = snprintf(p, sizeof p, "%s", path);
    if (n < 0 || (size_t)n >= sizeof p)
        return -1;
    for (char *c = p + 1; *c; c++) {
        if (*c != '/')
            continue;
        *c = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST)
            return -1;
        *c = '/';
    }
    return mkdir(p, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

struct fb_upload_store *
fb_upload_store_open(const struct fb_config *cfg, char *err, size_t errlen)
{
    struct fb_upload_store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(s->dir, sizeof s->dir, "%s", cfg->files_dir);
    snprintf(s->tmp, sizeof s->tmp, "%s/tmp", cfg->files_dir);
    snprintf(s->clamd, sizeof s->clamd, "%s", cfg->clamd_socket);
    s->clamd_timeout = cfg->clamd_timeout;
    if (make_dirs(s->tmp) != 0) {
        snprintf(err, errlen, "files directory %s: %s", s->tmp,
                 strerror(errno));
        free(s);
        return NULL;
    }
    s->magic = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
    if (!s->magic || magic_load(s->magic, NULL) != 0) {
        snprintf(err, errlen, "libmagic: %s",
                 s->magic ? magic_error(s->magic) : "out of memory");
        if (s->magic)
            magic_close(s->magic);
        free(s);
        return NULL;
    }
    return s;
}

void
fb_upload_store_close(struct fb_upload_store *s)
{
    if (!s)
        return;
    magic_close(s->magic);
    free(s);
}

const char *
fb_upload_store_tmp_dir(const struct fb_upload_store *s)
{
    return s->tmp;
}

/* SHA-256 of the file open on @p fd, as lower-case hex. */
static int
hash_file(int fd, char out[65])
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned char md[EVP_MAX_MD_SIZE], buf[65536];
    unsigned mdlen = 0;
    int rc = -1;
    if (!ctx || lseek(fd, 0, SEEK_SET) != 0
        || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
        goto done;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            goto done;
        if (n == 0)
            break;
        if (EVP_DigestUpdate(ctx, buf, (size_t)n) != 1)
            goto done;
    }
    if (EVP_DigestFinal_ex(ctx, md, &mdlen) != 1 || mdlen != 32)
        goto done;
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + (size_t)2 * i, 3, "%02x", md[i]);
    rc = 0;
done:
    EVP_MD_CTX_free(ctx);
    return rc;
}

/* Writes @p up's photo without its metadata to a new temporary file,
 * which replaces @p up's. @returns 0, or the message. */
static enum fb_msg
strip(struct fb_upload_store *s, struct fb_upload *up, enum fb_file_kind k)
{
    char path[sizeof up->path];
    snprintf(path, sizeof path, "%s/strip-XXXXXX", s->tmp);
    int ofd = mkstemp(path);
    FILE *in = fopen(up->path, "rb");
    FILE *out = ofd >= 0 ? fdopen(ofd, "wb") : NULL;
    enum fb_strip_result r = FB_STRIP_IO;
    if (in && out)
        r = k == FB_FILE_JPG ? fb_strip_jpeg(in, out) : fb_strip_png(in, out);
    if (in)
        fclose(in);
    if (out && (fflush(out) != 0 || fsync(fileno(out)) != 0))
        r = FB_STRIP_IO;
    if (out)
        fclose(out);
    else if (ofd >= 0)
        close(ofd);
    if (r != FB_STRIP_OK) {
        if (ofd >= 0)
            unlink(path);
        if (r == FB_STRIP_IO)
            fb_log(FB_LOG_ERROR, "upload: cannot strip %s into %s: %s",
                   up->path, path, strerror(errno));
        return r == FB_STRIP_IO ? FB_MSG_FILE_NOT_SAVED : FB_MSG_FILE_TYPE;
    }
    unlink(up->path);
    snprintf(up->path, sizeof up->path, "%s", path);
    return 0;
}

static enum fb_msg
scan(struct fb_upload_store *s, int fd, const char *name)
{
    char why[256];
    enum fb_clamd_verdict v =
        fb_clamd_scan(s->clamd, fd, s->clamd_timeout, why, sizeof why);
    if (v == FB_CLAMD_CLEAN)
        return 0;
    if (v == FB_CLAMD_INFECTED) {
        fb_log(FB_LOG_WARN, "upload '%s' refused: clamd found %s", name,
               why);
        return FB_MSG_FILE_VIRUS;
    }
    fb_log(FB_LOG_ERROR, "upload '%s' not accepted: scan failed (%s)", name,
           why);
    return FB_MSG_FILE_SCAN_FAILED;
}

enum fb_msg
fb_upload_prepare(struct fb_upload_store *s, struct fb_upload *up,
                  const struct fb_file_desc *fd, struct fb_prepared *out)
{
    enum fb_msg why = 0;
    *out = (struct fb_prepared){0};
    if (up->size == 0) {
        why = FB_MSG_FILE_EMPTY;
        goto refuse;
    }
    if (up->size > fd->max_size) {
        why = FB_MSG_FILE_TOO_BIG;
        goto refuse;
    }
    /* By content: the name only has to agree with it. */
    const char *mime = magic_file(s->magic, up->path);
    enum fb_file_kind k = mime ? fb_file_kind_from_mime(mime)
                               : FB_FILE__COUNT;
    if (!mime)
        fb_log(FB_LOG_ERROR, "upload: libmagic: %s", magic_error(s->magic));
    if (k == FB_FILE__COUNT || !((fd->accept >> k) & 1u)
        || !fb_file_name_claims(up->filename, k)) {
        why = FB_MSG_FILE_TYPE;
        goto refuse;
    }
    /* HEIC keeps its Exif in an item of the file's box structure that
     * this server does not rewrite: refused rather than kept with the
     * place it was taken (docs/form-language.md). */
    if (k == FB_FILE_HEIC) {
        why = FB_MSG_FILE_NOT_STRIPPED;
        goto refuse;
    }
    if ((k == FB_FILE_JPG || k == FB_FILE_PNG)
        && (why = strip(s, up, k)) != 0)
        goto refuse;
    int f = open(up->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (f < 0 || fstat(f, &st) != 0 || hash_file(f, out->ref.hash) != 0) {
        fb_log(FB_LOG_ERROR, "upload %s: %s", up->path, strerror(errno));
        if (f >= 0)
            close(f);
        why = FB_MSG_FILE_NOT_SAVED;
        goto refuse;
    }
    if (s->clamd[0] && (why = scan(s, f, up->filename)) != 0) {
        close(f);
        goto refuse;
    }
    close(f);
    out->ref.size = (long long)st.st_size;
    out->ref.kind = k;
    fb_file_name_sanitise(up->filename, out->ref.name);
    snprintf(out->path, sizeof out->path, "%s", up->path);
    up->path[0] = '\0';        /* ours now */
    return 0;
refuse:
    if (up->path[0])
        unlink(up->path);
    up->path[0] = '\0';
    return why;
}

int
fb_upload_commit(struct fb_upload_store *s, struct fb_prepared *p)
{
    char final[4200];
    snprintf(final, sizeof final, "%s/%s", s->dir, p->ref.hash);
    if (rename(p->path, final) != 0) {
        fb_log(FB_LOG_ERROR, "upload: cannot move %s to %s: %s", p->path,
               final, strerror(errno));
        return -1;
    }
    p->path[0] = '\0';
    (void)chmod(final, 0600);
    int d = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = d >= 0 && fsync(d) == 0 ? 0 : -1;
    if (rc != 0)
        fb_log(FB_LOG_ERROR, "upload: fsync %s: %s", s->dir,
               strerror(errno));
    if (d >= 0)
        close(d);
    return rc;
}

void
fb_upload_discard(struct fb_prepared *p)
{
    if (p->path[0])
        unlink(p->path);
    p->path[0] = '\0';
}

/* The path of stored file @p hash of @p dir in @p path: only a hash
 * names one, so nothing else can be read or removed through these.
 * @returns false (errno EINVAL) for anything else. */
static bool
stored_path(const char *dir, const char *hash, char path[4200])
{
    if (!fb_file_hash_ok(hash)) {
        errno = EINVAL;
        return false;
    }
    snprintf(path, 4200, "%s/%s", dir, hash);
    return true;
}

int
fb_files_open(const char *dir, const char *hash)
{
    char path[4200];
    return stored_path(dir, hash, path)
               ? open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) : -1;
}

int
fb_files_remove(const char *dir, const char *hash)
{
    char path[4200];
    if (!stored_path(dir, hash, path))
        return -1;
    return unlink(path) != 0 && errno != ENOENT ? -1 : 0;
}
