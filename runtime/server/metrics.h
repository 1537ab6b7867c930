/* SPDX-License-Identifier: MIT */
/*
 * The server's metrics: a registry of counters, one row each in
 * metrics.c, written out for GET /metrics in Prometheus's text format.
 * Adding a metric is an enum value here and its row there: counted with
 * fb_metric_add() anywhere in the server, or read at each scrape from a
 * function that already keeps the count (libfbrt's regex limit hits).
 */
#pragma once

#include "buf.h"

enum fb_metric {
    FB_METRIC_LIMITED_POST_CLIENT,    /* 429: page POSTs of one client */
    FB_METRIC_LIMITED_SUBMIT_CLIENT,  /* 429: submissions of one client */
    FB_METRIC_LIMITED_SUBMIT_FORM,    /* 429: submissions of one form */
    FB_METRIC_WRITE_FAILURES,         /* write jobs that did not commit */
    FB_METRIC_REGEX_LIMIT_HITS,       /* read: fb_regex_limit_hits() */
    FB_METRIC_RATE_LIMIT_CLIENTS,     /* gauge: addresses the limits hold */
    FB_METRIC_DELIVERY_OK,            /* outbox attempts that delivered */
    FB_METRIC_DELIVERY_RETRY,         /* ... that will be tried again */
    FB_METRIC_DELIVERY_REFUSED,       /* ... the receiver refused (4xx) */
    /* progress updates posted by back offices (events_api.c) */
    FB_METRIC_EVENTS_STORED,          /* new events stored */
    FB_METRIC_EVENTS_REPEATED,        /* a retried POST: nothing new */
    FB_METRIC_EVENTS_UNAUTHORISED,    /* 401: signature wrong or stale */
    FB_METRIC_EVENTS_REFUSED,         /* other 4xx: body, reference */
    FB_METRIC_TRACK_LOOKUPS,          /* track page: timelines shown */
    FB_METRIC_TRACK_NO_MATCH,         /* ... reference and contact wrong */
    FB_METRIC_FORM_VERSIONS,          /* gauge: form versions loaded */
    FB_METRIC__COUNT
};

/** Adds @p n to counter @p m (a counted one). Any thread. */
void
fb_metric_add(enum fb_metric m, unsigned long n);

/** Sets gauge @p m to @p v. Any thread. */
void
fb_metric_set(enum fb_metric m, unsigned long v);

/** @returns the value of @p m now. Any thread. */
unsigned long
fb_metric_value(enum fb_metric m);

/** Appends every metric, with its HELP and TYPE lines, to @p out
 *  (Prometheus text exposition format 0.0.4). */
void
fb_metrics_write(struct fb_buf *out);

/* ---- traffic and writer histograms (metrics_traffic.c) ---- */

/** Counts one finished request to @p path with @p status, taking
 *  @p latency_us microseconds: by route (form, index, healthz, metrics,
 *  static, other) and status class, and in the latency histogram. Any
 *  thread. */
void
fb_metrics_request(const char *path, unsigned status, long long latency_us);

/** Counts one writer batch of @p jobs committed jobs, @p submissions of
 *  them new submissions. Any thread. */
void
fb_metrics_batch(unsigned long jobs, unsigned long submissions);

/** Appends the request counters, the latency histogram, the submissions
 *  counter and the batch-size histogram. */
void
fb_metrics_traffic_write(struct fb_buf *out);
