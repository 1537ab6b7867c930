/* SPDX-License-Identifier: MIT */
/*
 * The files sweep (upload_gc.h): mark the hashes the store mentions, then
 * remove the other files.
 */
#include "upload_gc.h"

#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "formbuilder/filetype.h"
#include "log.h"
#include "upload_store.h"

struct marks {
    char (*hash)[65];
    size_t n, cap;
    bool failed;
};

static bool
hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* Every run of exactly 64 lower-case hex digits in @p text: a reference
 * in JSON answers, and in a session's urlencoded record (its ':' is
 * written %3A, the hash is not touched). A run that is something else
 * only keeps a file a little longer. */
static int
mark_text(const char *text, void *cls)
{
    struct marks *m = cls;
    for (const char *p = text; *p;) {
        if (!hex(*p)) {
            p++;
            continue;
        }
        const char *start = p;
        while (hex(*p))
            p++;
        if (p - start != 64)
            continue;
        if (m->n == m->cap) {
            size_t cap = m->cap ? m->cap * 2 : 64;
            char (*h)[65] = realloc(m->hash, cap * sizeof *h);
            if (!h) {
                m->failed = true;
                return -1;
            }
            m->hash = h;
            m->cap = cap;
        }
        memcpy(m->hash[m->n], start, 64);
        m->hash[m->n++][64] = '\0';
    }
    return 0;
}

static int
compare(const void *a, const void *b)
{
    return memcmp(a, b, 64);
}

int
fb_files_sweep(struct fb_store *store, const char *dir, long long now,
               long long grace, size_t *out_removed)
{
    *out_removed = 0;
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : -1; /* no uploads yet */
    struct marks m = {0};
    if (store->ops->answer_texts_each(store, mark_text, &m) != FB_STORE_OK
        || m.failed) {
        fb_log(FB_LOG_ERROR, "files sweep: %s; nothing removed",
               m.failed ? "out of memory" : store->ops->errmsg(store));
        free(m.hash);
        closedir(d);
        return -1;
    }
    if (m.n)
        qsort(m.hash, m.n, sizeof *m.hash, compare);
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (!fb_file_hash_ok(e->d_name))
            continue;
        if (m.n && bsearch(e->d_name, m.hash, m.n, sizeof *m.hash, compare))
            continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0
            || (long long)st.st_mtime > now - grace)
            continue;
        if (fb_files_remove(dir, e->d_name) != 0) {
            fb_log(FB_LOG_ERROR, "files sweep: cannot remove %s/%s: %s", dir,
                   e->d_name, strerror(errno));
            rc = -1;
            continue;
        }
        (*out_removed)++;
    }
    closedir(d);
    free(m.hash);
    return rc;
}
