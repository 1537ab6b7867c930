/* SPDX-License-Identifier: MIT */
/*
 * clamd's INSTREAM command (clamd.h), as its manual (clamd(8),
 * "INSTREAM") gives it. The socket has send and receive timeouts, so a
 * clamd that stops answering fails the scan instead of holding the
 * request.
 */
#include "clamd.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

/* clamd's StreamMaxLength defaults to 25 MB; chunks well below it. */
#define CHUNK ((size_t)64 * 1024)

static int
send_all(int s, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = send(s, c, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static enum fb_clamd_verdict
failed(char *why, size_t cap, const char *what, int err)
{
    snprintf(why, cap, "%s%s%s", what, err ? ": " : "",
             err ? strerror(err) : "");
    return FB_CLAMD_FAILED;
}

static int
connect_to(const char *path, unsigned timeout)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof a.sun_path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(a.sun_path, path, strlen(path) + 1);
    int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -1;
    struct timeval tv = {.tv_sec = (time_t)timeout};
    if (setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0
        || setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) != 0
        || connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
        int e = errno;
        close(s);
        errno = e;
        return -1;
    }
    return s;
}

enum fb_clamd_verdict
fb_clamd_scan(const char *socket_path, int fd, unsigned timeout, char *why,
              size_t cap)
{
    int s = connect_to(socket_path, timeout);
    if (s < 0)
        return failed(why, cap, "cannot connect to clamd", errno);
    static const char cmd[] = "zINSTREAM"; /* with its NUL */
    enum fb_clamd_verdict v = FB_CLAMD_FAILED;
    char buf[4 + CHUNK];
    if (lseek(fd, 0, SEEK_SET) != 0 || send_all(s, cmd, sizeof cmd) != 0) {
        v = failed(why, cap, "cannot send to clamd", errno);
        goto done;
    }
    for (;;) {
        ssize_t n = read(fd, buf + 4, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            v = failed(why, cap, "cannot read the file", errno);
            goto done;
        }
        uint32_t len = (uint32_t)n;
        buf[0] = (char)(len >> 24);
        buf[1] = (char)(len >> 16);
        buf[2] = (char)(len >> 8);
        buf[3] = (char)len;
        /* A clamd that refuses more (its size limit) closes: a failure. */
        if (send_all(s, buf, 4 + (size_t)n) != 0) {
            v = failed(why, cap, "clamd stopped reading", errno);
            goto done;
        }
        if (n == 0)
            break;
    }
    char reply[512];
    size_t got = 0;
    for (;;) {
        ssize_t r = recv(s, reply + got, sizeof reply - 1 - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            v = failed(why, cap, "no answer from clamd", errno);
            goto done;
        }
        got += (size_t)r;
        if (r == 0 || got == sizeof reply - 1 || memchr(reply, '\0', got))
            break;
    }
    reply[got] = '\0';
    size_t rl = strlen(reply);
    while (rl > 0 && (reply[rl - 1] == '\n' || reply[rl - 1] == '\r'))
        reply[--rl] = '\0';
    static const char prefix[] = "stream: ";
    static const char found[] = " FOUND";
    if (strcmp(reply, "stream: OK") == 0) {
        v = FB_CLAMD_CLEAN;
        snprintf(why, cap, "clean");
    } else if (strncmp(reply, prefix, sizeof prefix - 1) == 0
               && rl > sizeof prefix - 1 + sizeof found - 1
               && strcmp(reply + rl - (sizeof found - 1), found) == 0) {
        v = FB_CLAMD_INFECTED;
        snprintf(why, cap, "%.*s",
                 (int)(rl - (sizeof prefix - 1) - (sizeof found - 1)),
                 reply + sizeof prefix - 1);
    } else {
        v = failed(why, cap, rl ? reply : "clamd closed without a verdict",
                   0);
    }
done:
    close(s);
    return v;
}
