/* SPDX-License-Identifier: MIT */
/*
 * The metric registry: one row per metric, in the order /metrics lists
 * them. Rows that share a name are one family told apart by their labels;
 * keep them next to each other, as the format wants.
 */
#include "metrics.h"

#include <stdatomic.h>
#include <string.h>

#include "formbuilder/validate.h"

struct row {
    const char *name;
    const char *labels;          /* `key="value"`, or NULL */
    const char *type;            /* "counter" or "gauge" */
    const char *help;
    unsigned long (*read)(void); /* NULL: counted with fb_metric_add() */
};

static const struct row rows[FB_METRIC__COUNT] = {
    [FB_METRIC_LIMITED_POST_CLIENT] = {
        "formbuilder_rate_limited_total", "limit=\"post_per_client\"",
        "counter", "Requests refused with 429 by a rate limit.", NULL},
    [FB_METRIC_LIMITED_SUBMIT_CLIENT] = {
        "formbuilder_rate_limited_total", "limit=\"submit_per_client\"",
        "counter", NULL, NULL},
    [FB_METRIC_LIMITED_SUBMIT_FORM] = {
        "formbuilder_rate_limited_total", "limit=\"submit_per_form\"",
        "counter", NULL, NULL},
    [FB_METRIC_WRITE_FAILURES] = {
        "formbuilder_write_failures_total", NULL, "counter",
        "Writes (a page's answers, a submission) that did not commit.",
        NULL},
    [FB_METRIC_REGEX_LIMIT_HITS] = {
        "formbuilder_regex_limit_hits_total", NULL, "counter",
        "Pattern rules that stopped at the regex match or depth limit.",
        fb_regex_limit_hits},
    [FB_METRIC_RATE_LIMIT_CLIENTS] = {
        "formbuilder_rate_limit_clients", NULL, "gauge",
        "Client addresses the rate limits remember (at most "
        "rate_limit_clients).", NULL},
    [FB_METRIC_DELIVERY_OK] = {
        "formbuilder_delivery_attempts_total", "outcome=\"delivered\"",
        "counter", "Outbox delivery attempts by outcome.", NULL},
    [FB_METRIC_DELIVERY_RETRY] = {
        "formbuilder_delivery_attempts_total", "outcome=\"retry\"",
        "counter", NULL, NULL},
    [FB_METRIC_DELIVERY_REFUSED] = {
        "formbuilder_delivery_attempts_total", "outcome=\"refused\"",
        "counter", NULL, NULL},
    [FB_METRIC_EVENTS_STORED] = {
        "formbuilder_progress_events_total", "outcome=\"stored\"",
        "counter", "Progress updates back offices posted, by outcome.",
        NULL},
    [FB_METRIC_EVENTS_REPEATED] = {
        "formbuilder_progress_events_total", "outcome=\"repeated\"",
        "counter", NULL, NULL},
    [FB_METRIC_EVENTS_UNAUTHORISED] = {
        "formbuilder_progress_events_total", "outcome=\"unauthorised\"",
        "counter", NULL, NULL},
    [FB_METRIC_EVENTS_REFUSED] = {
        "formbuilder_progress_events_total", "outcome=\"refused\"",
        "counter", NULL, NULL},
    [FB_METRIC_TRACK_LOOKUPS] = {
        "formbuilder_track_lookups_total", "outcome=\"shown\"",
        "counter", "Track page lookups by outcome.", NULL},
    [FB_METRIC_TRACK_NO_MATCH] = {
        "formbuilder_track_lookups_total", "outcome=\"no_match\"",
        "counter", NULL, NULL},
    [FB_METRIC_FORM_VERSIONS] = {
        "formbuilder_form_versions_loaded", NULL, "gauge",
        "Form versions loaded: the current ones and older ones a journey "
        "may still come back to (registry.c).", NULL},
};

static atomic_ulong counts[FB_METRIC__COUNT];

/* Adds n to counter m. See metrics.h. */
void
fb_metric_add(enum fb_metric m, unsigned long n)
{
    if ((unsigned)m < FB_METRIC__COUNT)
        atomic_fetch_add(&counts[m], n);
}

/* Sets gauge m to v. See metrics.h. */
void
fb_metric_set(enum fb_metric m, unsigned long v)
{
    if ((unsigned)m < FB_METRIC__COUNT)
        atomic_store(&counts[m], v);
}

/* returns the value of m now. See metrics.h. */
unsigned long
fb_metric_value(enum fb_metric m)
{
    if ((unsigned)m >= FB_METRIC__COUNT)
        return 0;
    return rows[m].read ? rows[m].read() : atomic_load(&counts[m]);
}

/* Appends every metric with its HELP and TYPE lines. See metrics.h. */
void
fb_metrics_write(struct fb_buf *out)
{
    for (int m = 0; m < FB_METRIC__COUNT; m++) {
        const struct row *r = &rows[m];
        if (m == 0 || strcmp(rows[m - 1].name, r->name) != 0)
            fb_buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", r->name,
                          r->help, r->name, r->type);
        fb_buf_printf(out, "%s%s%s%s %lu\n", r->name, r->labels ? "{" : "",
                      r->labels ? r->labels : "", r->labels ? "}" : "",
                      fb_metric_value((enum fb_metric)m));
    }
}
