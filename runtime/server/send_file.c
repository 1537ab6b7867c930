/* SPDX-License-Identifier: MIT */
/*
 * File deliveries: one line per delivery appended with a single write()
 * to a file opened O_APPEND (so lines of two writers never interleave),
 * then fsync()ed, so a delivery counts only once it is on disk. A line a
 * failure left partial (a full disk, a file size limit) is cut off again,
 * so the file only ever holds whole lines and the retry appends the line
 * once.
 */
#include "send.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes @p buf[0..len) at the end of @p fd. @returns 0 or an errno. */
static int
append_all(int fd, const char *buf, size_t len)
{
    ssize_t n = write(fd, buf, len);
    if (n < 0)
        return errno;
    /* A short write: the disk filled up or the size limit was reached
     * part way; the rest would fail the same way. */
    return (size_t)n == len ? 0 : ENOSPC;
}

void
fb_send_file(const char *path, const char *line, size_t len,
             struct fb_send_result *r)
{
    memset(r, 0, sizeof *r);
    char *buf = malloc(len + 1);
    int fd = buf ? open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
                        0640) : -1;
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) != 0) {
        close(fd);
        fd = -1;
    }
    if (fd < 0) {
        r->outcome = FB_SEND_RETRY;
        snprintf(r->error, sizeof r->error, "%s: %s", path,
                 buf ? strerror(errno) : "out of memory");
        free(buf);
        return;
    }
    memcpy(buf, line, len);
    buf[len] = '\n';
    int err = append_all(fd, buf, len + 1);
    if (!err && fsync(fd) != 0)
        err = errno;
    if (err) {
        /* Another writer appending meanwhile is not expected (each file
         * target has one worker), so the file ended at st_size when the
         * line began: cut back to it and make that durable too. */
        if (ftruncate(fd, st.st_size) == 0)
            (void)fsync(fd);
    }
    if (close(fd) != 0 && !err)
        err = errno;
    free(buf);
    if (err) {
        r->outcome = FB_SEND_RETRY;
        snprintf(r->error, sizeof r->error, "%s: %s", path, strerror(err));
        return;
    }
    r->outcome = FB_SEND_OK;
}
