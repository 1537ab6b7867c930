/* SPDX-License-Identifier: MIT */
/*
 * Request and writer metrics with labels and histograms, which the
 * registry's one-value rows (metrics.c) cannot hold: requests by route and
 * status class, request latency, submissions, and how many jobs each
 * writer transaction commits (group commit at work). Counts only, nothing
 * about a resident.
 */
#include "metrics.h"

#include <stdatomic.h>
#include <string.h>

#include "file_link.h"

enum route { R_FORM, R_INDEX, R_HEALTHZ, R_METRICS, R_STATIC, R_FILES,
             R_OTHER, R__COUNT };
static const char *const route_names[R__COUNT] = {
    "form", "index", "healthz", "metrics", "static", "files", "other",
};
static const char *const class_names[] = {"1xx", "2xx", "3xx", "4xx",
                                          "5xx"};
#define N_CLASSES 5

/* Upper bounds in microseconds; the last bucket is +Inf. */
static const long long latency_le[] = {
    1000, 5000, 10000, 50000, 100000, 500000, 1000000, 5000000,
};
#define N_LATENCY (sizeof latency_le / sizeof *latency_le)
static const unsigned long batch_le[] = {1, 2, 4, 8, 16, 64, 256, 1024};
#define N_BATCH (sizeof batch_le / sizeof *batch_le)

static atomic_ulong requests[R__COUNT][N_CLASSES];
static atomic_ulong latency_bucket[N_LATENCY + 1];
static atomic_ullong latency_sum_us;
static atomic_ulong batch_bucket[N_BATCH + 1];
static atomic_ulong batch_count, batch_jobs, submissions;

static enum route
route_of(const char *path)
{
    if (strcmp(path, "/") == 0)
        return R_INDEX;
    if (strcmp(path, "/healthz") == 0)
        return R_HEALTHZ;
    if (strcmp(path, "/metrics") == 0)
        return R_METRICS;
    if (strncmp(path, "/assets/", 8) == 0)
        return R_STATIC;
    if (strncmp(path, FB_FILE_LINK_PATH, strlen(FB_FILE_LINK_PATH)) == 0)
        return R_FILES;
    return path[0] == '/' && path[1] ? R_FORM : R_OTHER;
}

void
fb_metrics_request(const char *path, unsigned status, long long latency_us)
{
    unsigned cls = status >= 100 && status < 600 ? status / 100 - 1 : 4;
    atomic_fetch_add(&requests[route_of(path ? path : "")][cls], 1);
    size_t b = 0;
    while (b < N_LATENCY && latency_us > latency_le[b])
        b++;
    atomic_fetch_add(&latency_bucket[b], 1);
    atomic_fetch_add(&latency_sum_us,
                     (unsigned long long)(latency_us > 0 ? latency_us : 0));
}

void
fb_metrics_batch(unsigned long jobs, unsigned long subs)
{
    size_t b = 0;
    while (b < N_BATCH && jobs > batch_le[b])
        b++;
    atomic_fetch_add(&batch_bucket[b], 1);
    atomic_fetch_add(&batch_count, 1);
    atomic_fetch_add(&batch_jobs, jobs);
    atomic_fetch_add(&submissions, subs);
}

void
fb_metrics_traffic_write(struct fb_buf *out)
{
    fb_buf_puts(out, "# HELP formbuilder_requests_total Requests answered, "
                     "by route and status class.\n"
                     "# TYPE formbuilder_requests_total counter\n");
    for (int r = 0; r < R__COUNT; r++)
        for (int c = 0; c < N_CLASSES; c++)
            fb_buf_printf(out, "formbuilder_requests_total{route=\"%s\","
                          "status=\"%s\"} %lu\n", route_names[r],
                          class_names[c], atomic_load(&requests[r][c]));
    fb_buf_puts(out, "# HELP formbuilder_request_seconds Time from a "
                     "request's arrival to its answer.\n"
                     "# TYPE formbuilder_request_seconds histogram\n");
    unsigned long cum = 0;
    for (size_t b = 0; b <= N_LATENCY; b++) {
        cum += atomic_load(&latency_bucket[b]);
        if (b < N_LATENCY)
            fb_buf_printf(out, "formbuilder_request_seconds_bucket{le=\"%g\"}"
                          " %lu\n", (double)latency_le[b] / 1e6, cum);
        else
            fb_buf_printf(out, "formbuilder_request_seconds_bucket{le="
                          "\"+Inf\"} %lu\n", cum);
    }
    fb_buf_printf(out, "formbuilder_request_seconds_sum %.6f\n"
                  "formbuilder_request_seconds_count %lu\n",
                  (double)atomic_load(&latency_sum_us) / 1e6, cum);
    fb_buf_printf(out, "# HELP formbuilder_submissions_total Submissions "
                  "stored (replays not counted).\n"
                  "# TYPE formbuilder_submissions_total counter\n"
                  "formbuilder_submissions_total %lu\n",
                  atomic_load(&submissions));
    fb_buf_puts(out, "# HELP formbuilder_writer_batch_jobs Jobs committed "
                     "per writer transaction.\n"
                     "# TYPE formbuilder_writer_batch_jobs histogram\n");
    cum = 0;
    for (size_t b = 0; b <= N_BATCH; b++) {
        cum += atomic_load(&batch_bucket[b]);
        if (b < N_BATCH)
            fb_buf_printf(out, "formbuilder_writer_batch_jobs_bucket{le="
                          "\"%lu\"} %lu\n", batch_le[b], cum);
        else
            fb_buf_printf(out, "formbuilder_writer_batch_jobs_bucket{le="
                          "\"+Inf\"} %lu\n", cum);
    }
    fb_buf_printf(out, "formbuilder_writer_batch_jobs_sum %lu\n"
                  "formbuilder_writer_batch_jobs_count %lu\n",
                  atomic_load(&batch_jobs), atomic_load(&batch_count));
}
