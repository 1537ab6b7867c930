/* SPDX-License-Identifier: MIT */
/*
 * idle-probe: how long another client waits while one address holds
 * thousands of idle connections (issue 13: 2,000 idle connections from one
 * address, another client served within 100 ms). It starts the real
 * formbuilder server on a free loopback port with its own configuration,
 * measures a resident's GET /healthz (a new connection each time, from
 * 127.0.0.1) with nothing else going on, then opens the idle connections
 * from 127.0.0.2 and measures again while they are held. Not a test:
 * timings on a shared machine are reported, never asserted (bench/README.md
 * and docs/security.md record results).
 *
 *   idle-probe --server build/runtime/server/formbuilder
 *              [--connections 2000] [--per-client 32] [--samples 200]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct options {
    const char *server;
    unsigned connections;
    unsigned per_client;
    unsigned samples;
};

static double
now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void
sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

static unsigned
free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0
        || getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        perror("idle-probe: free port");
        exit(1);
    }
    close(fd);
    return ntohs(a.sin_port);
}

/* A TCP connection to 127.0.0.1:@p port from @p from, or -1. */
static int
dial(const char *from, unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a = { .sin_family = AF_INET };
    inet_pton(AF_INET, from, &a.sin_addr);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    a.sin_port = htons((uint16_t)port);
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* One resident's request on a new connection. @returns the milliseconds
 * from connecting to the end of a 200 response, or -1 (failed, or over
 * 10 s). */
static double
resident_request(unsigned port)
{
    static const char req[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n"
                              "Connection: close\r\n\r\n";
    double t0 = now_ms();
    int fd = dial("127.0.0.1", port);
    if (fd < 0)
        return -1;
    if (send(fd, req, sizeof req - 1, MSG_NOSIGNAL) != sizeof req - 1) {
        close(fd);
        return -1;
    }
    char buf[4096];
    size_t len = 0;
    for (;;) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        int left = (int)(t0 + 10000 - now_ms());
        if (left <= 0 || poll(&p, 1, left) <= 0)
            break;
        ssize_t n = recv(fd, buf + len, sizeof buf - 1 - len, 0);
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len >= sizeof buf - 1)
            break;
    }
    double t = now_ms() - t0;
    close(fd);
    buf[len] = '\0';
    return strncmp(buf, "HTTP/1.1 200 ", 13) == 0 ? t : -1;
}

static int
by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Measures @p n resident requests and prints one line. */
static void
measure(const char *what, unsigned port, unsigned n)
{
    double *t = calloc(n, sizeof *t);
    unsigned ok = 0, failed = 0;
    for (unsigned i = 0; i < n; i++) {
        double ms = resident_request(port);
        if (ms < 0)
            failed++;
        else
            t[ok++] = ms;
    }
    qsort(t, ok, sizeof *t, by_value);
    if (ok == 0)
        printf("%-34s  all %u requests failed\n", what, n);
    else
        printf("%-34s  %4u ok %3u failed  median %6.2f ms  p99 %6.2f ms  "
               "max %6.2f ms\n", what, ok, failed, t[ok / 2],
               t[ok - 1 - (ok - 1) / 100], t[ok - 1]);
    free(t);
}

/* @returns how many of @p fds the server has not closed. */
static unsigned
still_open(const int *fds, unsigned n)
{
    unsigned open = 0;
    for (unsigned i = 0; i < n; i++) {
        if (fds[i] < 0)
            continue;
        struct pollfd p = { .fd = fds[i], .events = POLLIN };
        char c;
        if (poll(&p, 1, 0) == 0
            || (recv(fds[i], &c, 1, MSG_DONTWAIT) < 0 && errno == EAGAIN))
            open++;
    }
    return open;
}

static pid_t
start_server(const struct options *o, unsigned port, char *dir)
{
    char conf[512], db[512];
    snprintf(conf, sizeof conf, "%s/formbuilder.conf", dir);
    snprintf(db, sizeof db, "%s/formbuilder.db", dir);
    FILE *f = fopen(conf, "w");
    if (!f) {
        perror("idle-probe: config");
        exit(1);
    }
    /* Room for every idle connection in all, the per-client limit under
     * test, and deadlines long enough to hold them while measuring. */
    fprintf(f, "listen = 127.0.0.1\nport = %u\ndb = %s\nlog_level = warn\n"
            "max_connections = %u\nmax_connections_per_client = %u\n"
            "request_deadline = 10m\nconnection_timeout = 10m\n", port, db,
            o->connections + 64, o->per_client);
    fclose(f);
    pid_t pid = fork();
    if (pid == 0) {
        char log[512];
        snprintf(log, sizeof log, "%s/server.log", dir);
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        execl(o->server, o->server, "serve", "--config", conf, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 500; i++) {
        if (resident_request(port) >= 0)
            return pid;
        sleep_ms(10);
    }
    fprintf(stderr, "idle-probe: the server did not start; see %s\n", dir);
    kill(pid, SIGTERM);
    exit(1);
}

static void
usage(void)
{
    fputs("usage: idle-probe --server FORMBUILDER [--connections N] "
          "[--per-client N] [--samples N]\n", stderr);
    exit(2);
}

int
main(int argc, char **argv)
{
    struct options o = { NULL, 2000, 32, 200 };
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            usage();
        if (strcmp(argv[i], "--server") == 0)
            o.server = argv[++i];
        else if (strcmp(argv[i], "--connections") == 0)
            o.connections = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--per-client") == 0)
            o.per_client = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--samples") == 0)
            o.samples = (unsigned)strtoul(argv[++i], NULL, 10);
        else
            usage();
    }
    if (!o.server || o.connections == 0 || o.per_client == 0
        || o.samples == 0)
        usage();
    signal(SIGPIPE, SIG_IGN);
    /* The probe and the server (which inherits it) each need a descriptor
     * per connection. */
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur < (rlim_t)o.connections + 256) {
        fprintf(stderr, "idle-probe: %u connections need %u descriptors; "
                "the limit is %llu\n", o.connections, o.connections + 256,
                (unsigned long long)rl.rlim_cur);
        return 1;
    }
    char dir[] = "/tmp/idle-probe-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("idle-probe: mkdtemp");
        return 1;
    }
    unsigned port = free_port();
    pid_t pid = start_server(&o, port, dir);
    printf("formbuilder on 127.0.0.1:%u, max_connections_per_client = %u, "
           "%u idle connections from 127.0.0.2\n", port, o.per_client,
           o.connections);
    measure("resident, nothing else", port, o.samples);

    int *fds = malloc(o.connections * sizeof *fds);
    unsigned opened = 0;
    double t0 = now_ms();
    for (unsigned i = 0; i < o.connections; i++) {
        fds[i] = dial("127.0.0.2", port);
        if (fds[i] >= 0)
            opened++;
    }
    double took = now_ms() - t0;
    sleep_ms(500);
    unsigned held = still_open(fds, o.connections);
    printf("opened %u connections in %.0f ms; the server holds %u and "
           "closed %u\n", opened, took, held, opened - held);
    measure("resident, idle connections held", port, o.samples);
    printf("the server still holds %u of them\n",
           still_open(fds, o.connections));
    for (unsigned i = 0; i < o.connections; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    free(fds);
    kill(pid, SIGTERM);
    int st;
    waitpid(pid, &st, 0);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "idle-probe: could not remove %s\n", dir);
    return 0;
}
