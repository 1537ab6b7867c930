/* SPDX-License-Identifier: MIT */
/*
 * File deliveries: one line per delivery appended with a single write()
 * to a file opened O_APPEND (so lines of two writers never interleave),
 * then fsync()ed, so a delivery counts only once it is on disk.
 */
#include "send.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
fb_send_file(const char *path, const char *line, size_t len,
             struct fb_send_result *r)
{
    memset(r, 0, sizeof *r);
    char *buf = malloc(len + 1);
    int fd = buf ? open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
                        0640) : -1;
    if (fd < 0) {
        r->outcome = FB_SEND_RETRY;
        snprintf(r->error, sizeof r->error, "%s: %s", path,
                 buf ? strerror(errno) : "out of memory");
        free(buf);
        return;
    }
    memcpy(buf, line, len);
    buf[len] = '\n';
    ssize_t n = write(fd, buf, len + 1);
    int err = n == (ssize_t)(len + 1) ? 0 : n < 0 ? errno : EIO;
    if (!err && fsync(fd) != 0)
        err = errno;
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
