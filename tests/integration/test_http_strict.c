/* SPDX-License-Identifier: MIT */
/*
 * HTTP strictness and fair sharing (issue 13) against the real server on
 * loopback: ambiguous framing and a missing or doubled Host are refused
 * with 400 (with the security headers) and the connection closed; a body
 * must be exactly application/x-www-form-urlencoded; one client cannot
 * take every connection; and a request dribbled a byte at a time is closed
 * at the request deadline. Malformed requests go over raw sockets, since
 * libcurl will not send them.
 */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define SL "/report-streetlight/"
#define LOCATION_FIELDS "street=High+Street&column_number=12" \
                        "&location_details=By+the+school"

static struct fbt_server srv;
static void
setup(void)
{
    fbt_server_start_with(&srv, "");
}

static void
teardown(void)
{
    fbt_server_cleanup(&srv);
}

static double
now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

/* A TCP connection to the server from @p from (a loopback address). */
static int
dial(const char *from)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    struct sockaddr_in a = { .sin_family = AF_INET };
    inet_pton(AF_INET, from, &a.sin_addr);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    a.sin_port = htons((uint16_t)srv.port);
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

/* Sends @p req on a new connection and reads until the server closes it
 * or 5 s pass. @returns the reply (malloc'd); *closed says whether the
 * server closed the connection. */
static char *
exchange(const char *req, bool *closed)
{
    int fd = dial("127.0.0.1");
    /* A request too big for the server may be cut off as it is sent: the
     * reply is what counts. */
    size_t sent = 0;
    for (ssize_t n; sent < strlen(req); sent += (size_t)n)
        if ((n = send(fd, req + sent, strlen(req) - sent, MSG_NOSIGNAL))
            <= 0)
            break;
    size_t len = 0, cap = 65536;
    char *out = malloc(cap);
    *closed = false;
    double until = now_s() + 5;
    while (now_s() < until) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (poll(&p, 1, 100) <= 0)
            continue;
        ssize_t n = recv(fd, out + len, cap - len - 1, 0);
        if (n <= 0) {
            *closed = true;
            break;
        }
        len += (size_t)n;
        if (len + 1 >= cap)
            break;
    }
    out[len] = '\0';
    close(fd);
    return out;
}

/* The reply is a @p status from the application (its security headers,
 * its page), sent once, and the connection was closed. */
static void
assert_refused_with(const char *req, unsigned status)
{
    bool closed;
    char *reply = exchange(req, &closed);
    char line[32];
    snprintf(line, sizeof line, "HTTP/1.1 %u ", status);
    ck_assert_msg(strncmp(reply, line, strlen(line)) == 0, "got: %.60s",
                  reply);
    ck_assert_ptr_nonnull(strstr(reply, "\r\nContent-Security-Policy: "));
    ck_assert_ptr_nonnull(strstr(reply, "\r\nX-Frame-Options: DENY"));
    ck_assert_ptr_nonnull(strstr(reply, "<!DOCTYPE html>"));
    ck_assert_ptr_null(strstr(reply + 1, "HTTP/1.1 "));
    ck_assert_msg(closed, "the connection was left open");
    free(reply);
}

static void
assert_refused(const char *req)
{
    assert_refused_with(req, 400);
}

/* @returns "GET " @p before, @p n 'a's, then @p after (malloc'd). */
static char *
padded(const char *before, size_t n, const char *after)
{
    size_t lb = strlen(before), la = strlen(after);
    char *s = malloc(lb + n + la + 1);
    memcpy(s, before, lb);
    memset(s + lb, 'a', n);
    memcpy(s + lb + n, after, la + 1);
    return s;
}

START_TEST(ambiguous_framing_is_400_and_closes)
{
    assert_refused("POST " SL "location HTTP/1.1\r\nHost: x\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\n"
                   "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "3\r\na=1\r\n0\r\n\r\n");
    assert_refused("POST " SL "location HTTP/1.1\r\nHost: x\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\n"
                   "Content-Length: 3\r\nContent-Length: 5\r\n\r\na=1xx");
    assert_refused("POST " SL "location HTTP/1.1\r\nHost: x\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\n"
                   "Content-Type: text/plain\r\n"
                   "Content-Length: 3\r\n\r\na=1");
}
END_TEST

/* What libmicrohttpd refuses before the application sees the request
 * gets the application's page and headers too (http_errors.c). */
START_TEST(library_errors_carry_the_security_headers)
{
    assert_refused_with("GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n", 505);
    /* Over connection_memory_limit (32 KiB): one header, then the URI. */
    char *big = padded("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ",
                       200 * 1024, "\r\n\r\n");
    assert_refused_with(big, 431);
    free(big);
    big = padded("GET /", 200 * 1024, " HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_refused_with(big, 414);
    free(big);
    assert_refused_with("GET /healthz HTTP/1.1\r\nHost: x\r\n"
                        "A header without its colon\r\n\r\n", 400);
#define CHUNKED "POST " SL "location HTTP/1.1\r\nHost: x\r\n" \
        "Content-Type: application/x-www-form-urlencoded\r\n" \
        "Transfer-Encoding: chunked\r\n\r\n"
    assert_refused_with(CHUNKED "zz\r\n", 400);
    assert_refused_with(CHUNKED "FFFFFFFFFFFFFFFFFFFF\r\n", 413);
#undef CHUNKED
}
END_TEST

/* connection_memory_limit's default (32 KiB) is sized for 1,000 idle
 * keep-alive connections in well under 64 MB, yet still holds a request
 * with an 8 KiB cookie header (the most common proxies pass on; the
 * library copies cookies into the pool, so they count twice); 40 KiB is
 * over it. */
START_TEST(default_connection_memory_holds_a_request)
{
    char *req = padded("GET " SL "location HTTP/1.1\r\nHost: x\r\n"
                       "Cookie: other=", 8 * 1024, "\r\n\r\n");
    bool closed;
    char *reply = exchange(req, &closed);
    ck_assert_msg(strncmp(reply, "HTTP/1.1 200 ", 13) == 0, "got: %.60s",
                  reply);
    ck_assert(!closed);
    free(reply);
    free(req);
    req = padded("GET " SL "location HTTP/1.1\r\nHost: x\r\n"
                 "Cookie: other=", 40 * 1024, "\r\n\r\n");
    assert_refused_with(req, 431);
    free(req);
}
END_TEST

START_TEST(http11_needs_exactly_one_host)
{
    assert_refused("GET /healthz HTTP/1.1\r\n\r\n");
    assert_refused("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
    bool closed;
    char *reply = exchange("GET /healthz HTTP/1.0\r\n\r\n", &closed);
    ck_assert_msg(strncmp(reply, "HTTP/1.1 200 ", 13) == 0, "got: %.60s",
                  reply);
    free(reply);
    reply = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n"
                     "Connection: close\r\n\r\n", &closed);
    ck_assert_msg(strncmp(reply, "HTTP/1.1 200 ", 13) == 0, "got: %.60s",
                  reply);
    free(reply);
}
END_TEST

/* POSTs the location page's answers with Content-Type @p type. */
static long
post_as(const char *type)
{
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&c, SL "location", &r), CURLE_OK);
    char *csrf = fbt_csrf(r.body);
    ck_assert_ptr_nonnull(csrf);
    fbt_response_free(&r);
    char body[1024];
    snprintf(body, sizeof body, "csrf_token=%s&website=&" LOCATION_FIELDS,
             csrf);
    free(csrf);
    ck_assert_int_eq(fbt_post_raw(&c, SL "location", type, body,
                                  strlen(body), &r), CURLE_OK);
    long status = r.status;
    fbt_response_free(&r);
    fbt_client_free(&c);
    return status;
}

START_TEST(body_type_is_matched_exactly)
{
    ck_assert_int_eq(post_as("application/x-www-form-urlencoded"), 303);
    ck_assert_int_eq(post_as("application/x-www-form-urlencoded; "
                             "charset=UTF-8"), 303);
    ck_assert_int_eq(post_as("Application/X-WWW-Form-Urlencoded"), 303);
    ck_assert_int_eq(post_as("application/x-www-form-urlencodedX"), 400);
    ck_assert_int_eq(post_as("application/x-www-form-urlencoded-evil"),
                     400);
    ck_assert_int_eq(post_as("text/plain"), 400);
}
END_TEST

/* A slowloris from 127.0.0.2: more connections than the server has
 * room for, each sending its headers a byte a second. A resident on
 * 127.0.0.1 is still served. */
START_TEST(one_client_cannot_take_every_connection)
{
    teardown();
    fbt_server_start_with(&srv, "max_connections = 16\nmax_connections_per_client = 8\n"
               "request_deadline = 60s\n");
    enum { N = 24 };
    int fds[N];
    static const char head[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    for (int i = 0; i < N; i++) {
        fds[i] = dial("127.0.0.2");
        send(fds[i], head, sizeof head - 1, MSG_NOSIGNAL);
    }
    for (int s = 0; s < 2; s++) {
        sleep_ms(1000);
        for (int i = 0; i < N; i++)
            send(fds[i], "a", 1, MSG_NOSIGNAL);
    }
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    curl_easy_setopt(c.curl, CURLOPT_TIMEOUT_MS, 2000L);
    struct fbt_response r;
    int rc = fbt_get(&c, "/healthz", &r);
    ck_assert_msg(rc == CURLE_OK, "the resident was not served: %s",
                  curl_easy_strerror((CURLcode)rc));
    ck_assert_int_eq(r.status, 200);
    fbt_response_free(&r);
    fbt_client_free(&c);
    for (int i = 0; i < N; i++)
        close(fds[i]);
}
END_TEST

/* 2,000 idle connections from 127.0.0.2 with the default limits (32 per
 * client): a resident on 127.0.0.1 is still served. Timing is measured by
 * bench/idle_probe.c; this only guards the behaviour, with a generous
 * bound. */
START_TEST(idle_connections_from_one_address_do_not_block_others)
{
    enum { N = 2000 };
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    ck_assert_msg(rl.rlim_cur >= N + 256, "RLIMIT_NOFILE is %llu: too low "
                  "to open %d connections", (unsigned long long)rl.rlim_cur,
                  N);
    int *fds = malloc(N * sizeof *fds);
    for (int i = 0; i < N; i++)
        fds[i] = dial("127.0.0.2");
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    curl_easy_setopt(c.curl, CURLOPT_TIMEOUT_MS, 5000L);
    struct fbt_response r;
    int rc = fbt_get(&c, "/healthz", &r);
    ck_assert_msg(rc == CURLE_OK, "the resident was not served: %s",
                  curl_easy_strerror((CURLcode)rc));
    ck_assert_int_eq(r.status, 200);
    fbt_response_free(&r);
    fbt_client_free(&c);
    for (int i = 0; i < N; i++)
        close(fds[i]);
    free(fds);
}
END_TEST

/* A request whose headers arrive a byte every 250 ms is closed at the
 * deadline (2 s here), though it is never idle for long. */
START_TEST(slow_request_is_closed_at_the_deadline)
{
    teardown();
    fbt_server_start_with(&srv, "request_deadline = 2s\n");
    int fd = dial("127.0.0.1");
    static const char head[] = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    double t0 = now_s();
    send(fd, head, sizeof head - 1, MSG_NOSIGNAL);
    bool closed = false;
    while (!closed && now_s() - t0 < 8) {
        sleep_ms(250);
        if (send(fd, "a", 1, MSG_NOSIGNAL) < 0) {
            closed = true;
            break;
        }
        struct pollfd p = { .fd = fd, .events = POLLIN };
        char buf[512];
        if (poll(&p, 1, 0) > 0 && recv(fd, buf, sizeof buf, 0) <= 0)
            closed = true;
    }
    double took = now_s() - t0;
    close(fd);
    ck_assert_msg(closed, "still open after %.1f s", took);
    ck_assert_msg(took >= 1.5 && took < 6, "closed after %.1f s", took);
    /* The server goes on serving. */
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&c, "/healthz", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    fbt_response_free(&r);
    fbt_client_free(&c);
}
END_TEST

static Suite *
strict_suite(void)
{
    Suite *s = suite_create("http-strict");
    TCase *t = tcase_create("strict");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 60);
    tcase_add_test(t, ambiguous_framing_is_400_and_closes);
    tcase_add_test(t, http11_needs_exactly_one_host);
    tcase_add_test(t, library_errors_carry_the_security_headers);
    tcase_add_test(t, default_connection_memory_holds_a_request);
    tcase_add_test(t, body_type_is_matched_exactly);
    suite_add_tcase(s, t);
    TCase *fair = tcase_create("fair-share");
    tcase_add_checked_fixture(fair, setup, teardown);
    tcase_set_timeout(fair, 60);
    tcase_add_test(fair, one_client_cannot_take_every_connection);
    tcase_add_test(fair, slow_request_is_closed_at_the_deadline);
    tcase_add_test(fair, idle_connections_from_one_address_do_not_block_others);
    suite_add_tcase(s, fair);
    return s;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FORMBUILDER\n", argv[0]);
        return 2;
    }
    fbt_exe = argv[1];
    signal(SIGPIPE, SIG_IGN);
    /* 2,000 connections need as many descriptors (the servers started
     * from here inherit the limit). */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    SRunner *sr = srunner_create(strict_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
