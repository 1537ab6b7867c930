/* SPDX-License-Identifier: MIT */
/*
 * key=value log lines on stderr. Each line is formatted into a local
 * buffer and written with one write() so lines from different threads
 * never interleave.
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static enum fb_log_level current_level = FB_LOG_INFO;

/* Sets the most detailed level that is written (default info). See log.h. */
void
fb_log_set_level(enum fb_log_level level)
{
    current_level = level;
}

static size_t
put_time(char *buf, size_t cap)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, cap, "time=%Y-%m-%dT%H:%M:%S", &tm);
    int m = snprintf(buf + n, cap - n, ".%03ldZ", ts.tv_nsec / 1000000);
    return n + (m > 0 ? (size_t)m : 0);
}

/* Appends @p s quoted, escaping quotes, backslashes and control bytes so
 * a hostile path cannot forge a log line. */
static size_t
put_quoted(char *buf, size_t cap, size_t n, const char *s)
{
    if (n + 1 < cap)
        buf[n++] = '"';
    for (; *s && n + 5 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            buf[n++] = '\\';
            buf[n++] = (char)c;
        } else if (c < 0x20 || c == 0x7f) {
            n += (size_t)snprintf(buf + n, cap - n, "\\x%02x", c);
        } else {
            buf[n++] = (char)c;
        }
    }
    if (n + 1 < cap)
        buf[n++] = '"';
    return n;
}

static void
emit(char *buf, size_t n, size_t cap)
{
    if (n >= cap)
        n = cap - 1;
    buf[n++] = '\n';
    ssize_t w = write(STDERR_FILENO, buf, n);
    (void)w;
}

/* Writes one leveled message line when enabled. See log.h. */
void
fb_log(enum fb_log_level level, const char *fmt, ...)
{
    static const char *const names[] = { "error", "warn", "info", "debug" };
    if (level > current_level)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char buf[1400];
    size_t n = put_time(buf, sizeof buf);
    n += (size_t)snprintf(buf + n, sizeof buf - n, " level=%s msg=",
                          names[level]);
    n = put_quoted(buf, sizeof buf, n, msg);
    emit(buf, n, sizeof buf);
}

/* Writes one access line for a finished request. See log.h. */
void
fb_log_access(const char *method, const char *path, unsigned status,
              size_t bytes, long long latency_us)
{
    if (current_level < FB_LOG_INFO)
        return;
    char buf[1400];
    size_t n = put_time(buf, sizeof buf);
    n += (size_t)snprintf(buf + n, sizeof buf - n, " method=");
    n = put_quoted(buf, sizeof buf, n, method);
    n += (size_t)snprintf(buf + n, sizeof buf - n, " path=");
    n = put_quoted(buf, sizeof buf, n, path);
    if (n < sizeof buf)
        n += (size_t)snprintf(buf + n, sizeof buf - n,
                              " status=%u bytes=%zu latency_us=%lld", status,
                              bytes, latency_us);
    emit(buf, n, sizeof buf);
}
