/* SPDX-License-Identifier: MIT */
/*
 * Ceiling: what libmicrohttpd alone does on this machine. Answers every
 * request with one fixed page read once at start (bench/run.py gives it
 * the page scenario 1 measures, as the server sent it; without FILE, 6 KB
 * of HTML), with the daemon flags the server uses (one internal polling
 * thread, epoll). Nothing is parsed, looked up or stored: no runtime can
 * serve that page faster through this library.
 *   ceiling-get PORT [FILE]   prints "ready" once listening; SIGTERM stops it
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <microhttpd.h>

#define PAGE_BYTES 6144

static struct MHD_Response *page;

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
           const char *method, const char *version, const char *data,
           size_t *data_size, void **state)
{
    (void)cls, (void)url, (void)method, (void)version, (void)data;
    (void)data_size;
    /* Answered on the second call, once the request is read whole, as the
     * server does: an answer queued on the first call makes the library
     * close the connection after it. */
    static int seen;
    if (!*state) {
        *state = &seen;
        return MHD_YES;
    }
    return MHD_queue_response(c, MHD_HTTP_OK, page);
}

/* 6 KB of HTML text when no page is given. */
static char *
make_page(size_t *out_len)
{
    *out_len = PAGE_BYTES;
    static const char line[] =
        "<p class=\"govuk-body\">Street lights are checked every night.</p>\n";
    char *p = malloc(PAGE_BYTES);
    if (!p)
        return NULL;
    size_t n = 0;
    while (n + sizeof line - 1 <= PAGE_BYTES) {
        memcpy(p + n, line, sizeof line - 1);
        n += sizeof line - 1;
    }
    memset(p + n, ' ', PAGE_BYTES - n);
    return p;
}

/* The bytes of file @p path (caller frees), or NULL. */
static char *
read_page(const char *path, size_t *out_len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *p = malloc(1 << 20);
    size_t n = p ? fread(p, 1, 1 << 20, f) : 0;
    fclose(f);
    if (!n) {
        free(p);
        return NULL;
    }
    *out_len = n;
    return p;
}

int
main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: ceiling-get PORT [FILE]\n");
        return 2;
    }
    /* Blocked before any thread starts, so sigwait() gets them. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    size_t len = 0;
    char *body = argc == 3 ? read_page(argv[2], &len) : make_page(&len);
    page = body ? MHD_create_response_from_buffer(len, body,
                                                  MHD_RESPMEM_MUST_FREE)
                : NULL;
    if (!page
        || MHD_add_response_header(page, "Content-Type",
                                   "text/html; charset=utf-8") != MHD_YES)
        return 1;
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL,
        (uint16_t)atoi(argv[1]), NULL, NULL, on_request, NULL,
        MHD_OPTION_CONNECTION_LIMIT, 4096U, MHD_OPTION_END);
    if (!d)
        return 1;
    printf("ready\n");
    fflush(stdout);
    int sig;
    sigwait(&set, &sig);
    MHD_stop_daemon(d);
    MHD_destroy_response(page);
    return 0;
}
