/* SPDX-License-Identifier: MIT */
/*
 * Group commit. A batch runs in one transaction; if any job in it fails,
 * the batch is rolled back and each job retried in a transaction of its
 * own, so one bad job never fails its neighbours. A round in which no job
 * commits marks the store unhealthy; while it is, the idle writer probes
 * it with a small write until one commits.
 */
#include "writer.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "log.h"
#include "metrics.h"
#include "outbox.h"
#include "session_cache.h"

/* Jobs per transaction: enough to amortise the fsync, small enough to keep
 * the latency of the first job in a batch low. */
#define MAX_BATCH 1024

struct fb_writer {
    struct fb_store *store;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct fb_write_job *head, *tail;
    bool stopping;
    fb_writer_maintenance_fn maintenance;
    void *maintenance_cls;
    unsigned interval;
    unsigned long long batches, jobs;  /* guarded by lock */
    struct fb_write_job **batch;       /* MAX_BATCH slots */
    atomic_bool healthy;               /* read by /healthz */
    struct timespec probe_at;          /* next probe; writer thread only */
    struct fb_session_cache *sessions; /* guarded by lock; may be NULL */
};

static int
apply_writes(struct fb_store *s, struct fb_write_job *job)
{
    const struct fb_store_ops *ops = s->ops;
    if (job->submission
        && fb_submission_insert(s, job->submission) != FB_STORE_OK)
        return FB_STORE_ERROR;
    /* A replay (existed) took its place the first time. */
    if (job->submission && job->cap && !job->submission->existed) {
        int rc = ops->form_place_take(s, job->submission->form, job->cap);
        job->cap_reached = rc == FB_STORE_REFUSED;
        if (rc != FB_STORE_OK)
            return rc;
    }
    /* A replay (existed) was queued the first time. */
    if (job->submission && job->deliver && !job->submission->existed
        && fb_outbox_add(s, job->deliver, job->submission->reference,
                         "submitted", job->language ? job->language : "en",
                         job->now) != FB_STORE_OK)
        return FB_STORE_ERROR;
    if (job->step) {
        int rc = job->step(s, job);
        if (rc != FB_STORE_OK)
            return rc;
    }
    if (job->session_id) {
        int rc = job->session_data
                     ? ops->session_save(s, job->session_id,
                                         job->session_data, job->now)
                     : ops->session_delete(s, job->session_id);
        if (rc != FB_STORE_OK)
            return FB_STORE_ERROR;
    }
    return FB_STORE_OK;
}

/* Runs one job in its own savepoint. A refusal undoes just the job and
 * is recorded in its status; @returns FB_STORE_ERROR only when the store
 * failed. */
static int
apply(struct fb_store *s, struct fb_write_job *job)
{
    const struct fb_store_ops *ops = s->ops;
    if (ops->savepoint(s) != FB_STORE_OK)
        return FB_STORE_ERROR;
    int rc = apply_writes(s, job);
    job->status = rc == FB_STORE_REFUSED ? FB_STORE_REFUSED : FB_STORE_OK;
    if (rc == FB_STORE_REFUSED)
        return ops->savepoint_rollback(s);
    if (rc != FB_STORE_OK)
        return FB_STORE_ERROR;
    return ops->savepoint_release(s);
}

/* Rolls back and keeps the store's message, which the rollback would
 * otherwise replace. @returns FB_STORE_ERROR. */
static int
fail(struct fb_store *s, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", s->ops->errmsg(s));
    s->ops->rollback(s);
    return FB_STORE_ERROR;
}

/* Runs jobs[0..n) in one transaction. @returns FB_STORE_OK when all were
 * committed; otherwise FB_STORE_ERROR with the store's message in @p err. */
static int
run_batch(struct fb_store *s, struct fb_write_job **jobs, size_t n,
          char *err, size_t errlen)
{
    const struct fb_store_ops *ops = s->ops;
    if (ops->begin(s) != FB_STORE_OK)
        return fail(s, err, errlen);
    for (size_t i = 0; i < n; i++)
        if (apply(s, jobs[i]) != FB_STORE_OK)
            return fail(s, err, errlen);
    if (ops->commit(s) != FB_STORE_OK)
        return fail(s, err, errlen);
    return FB_STORE_OK;
}

/* Records whether the last round of writes committed anything, logging
 * each change, and schedules the first probe when it did not. */
static void
set_health(struct fb_writer *w, bool ok, const char *why)
{
    bool was = atomic_exchange(&w->healthy, ok);
    if (was && !ok) {
        fb_log(FB_LOG_ERROR, "database writes are failing (%s); /healthz "
               "answers 503 until one succeeds", why);
        clock_gettime(CLOCK_REALTIME, &w->probe_at);
        w->probe_at.tv_sec += FB_WRITER_PROBE_INTERVAL;
    } else if (!was && ok) {
        fb_log(FB_LOG_INFO, "database writes succeed again; /healthz "
               "answers ok");
    }
}

static void
process(struct fb_writer *w, struct fb_write_job **jobs, size_t n)
{
    char err[sizeof jobs[0]->error];
    size_t committed = 0;
    if (run_batch(w->store, jobs, n, err, sizeof err) == FB_STORE_OK) {
        committed = n;   /* each status is OK or REFUSED, from apply() */
    } else {
        fb_log(FB_LOG_WARN, "group commit of %zu jobs failed (%s); "
               "retrying one by one", n, err);
        for (size_t i = 0; i < n; i++) {
            struct fb_write_job *job = jobs[i];
            if (run_batch(w->store, &jobs[i], 1, job->error,
                          sizeof job->error) != FB_STORE_OK)
                job->status = FB_STORE_ERROR;
            if (job->status != FB_STORE_ERROR)
                committed++;
            else
                fb_log(FB_LOG_ERROR, "write failed: %s", job->error);
        }
    }
    set_health(w, committed > 0, err);
    if (committed < n)
        fb_metric_add(FB_METRIC_WRITE_FAILURES, n - committed);
    unsigned long subs = 0;
    for (size_t i = 0; i < n; i++)
        subs += jobs[i]->status == FB_STORE_OK && jobs[i]->submission
                && !jobs[i]->submission->existed;
    fb_metrics_batch(committed, subs);
    pthread_mutex_lock(&w->lock);
    w->batches++;
    w->jobs += committed;
    struct fb_session_cache *sessions = w->sessions;
    pthread_mutex_unlock(&w->lock);
    /* Committed, so cached before anyone is answered: the page after a
     * POST reads what it saved. */
    for (size_t i = 0; sessions && i < n; i++)
        if (jobs[i]->status == FB_STORE_OK && jobs[i]->session_id)
            fb_session_cache_put(sessions, jobs[i]->session_id,
                                 jobs[i]->session_data, jobs[i]->now);
    for (size_t i = 0; i < n; i++)
        jobs[i]->done(jobs[i], jobs[i]->cls);
}

static bool
before(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec
           || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* While unhealthy: one small write; a commit makes the store healthy. */
static void
probe(struct fb_writer *w)
{
    if (w->store->ops->probe(w->store) == FB_STORE_OK) {
        set_health(w, true, NULL);
        return;
    }
    fb_log(FB_LOG_DEBUG, "probe write failed: %s",
           w->store->ops->errmsg(w->store));
    clock_gettime(CLOCK_REALTIME, &w->probe_at);
    w->probe_at.tv_sec += FB_WRITER_PROBE_INTERVAL;
}

static void *
writer_main(void *arg)
{
    struct fb_writer *w = arg;
    struct fb_write_job **jobs = w->batch;
    struct timespec next;
    clock_gettime(CLOCK_REALTIME, &next);
    next.tv_sec += 1;

    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->head && !w->stopping) {
            bool probing = !atomic_load(&w->healthy);
            if (!w->maintenance && !probing) {
                pthread_cond_wait(&w->cond, &w->lock);
                continue;
            }
            const struct timespec *until = &next;
            if (probing && (!w->maintenance || before(&w->probe_at, &next)))
                until = &w->probe_at;
            if (pthread_cond_timedwait(&w->cond, &w->lock, until)
                != ETIMEDOUT)
                continue;
            pthread_mutex_unlock(&w->lock);
            struct timespec now;
            clock_gettime(CLOCK_REALTIME, &now);
            if (probing && !before(&now, &w->probe_at))
                probe(w);
            if (w->maintenance && !before(&now, &next)) {
                w->maintenance(w->store, w->maintenance_cls);
                clock_gettime(CLOCK_REALTIME, &next);
                next.tv_sec += w->interval;
            }
            pthread_mutex_lock(&w->lock);
        }
        if (!w->head && w->stopping)
            break;
        size_t n = 0;
        while (w->head && n < MAX_BATCH) {
            jobs[n++] = w->head;
            w->head = w->head->next;
        }
        if (!w->head)
            w->tail = NULL;
        pthread_mutex_unlock(&w->lock);
        process(w, jobs, n);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* Starts the writer thread over store (which it uses exclusively until
 * fb_writer_stop()). See writer.h. */
struct fb_writer *
fb_writer_start(struct fb_store *store, fb_writer_maintenance_fn fn,
                void *cls, unsigned interval)
{
    struct fb_writer *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->batch = malloc(MAX_BATCH * sizeof *w->batch);
    if (!w->batch) {
        free(w);
        return NULL;
    }
    w->store = store;
    w->maintenance = fn;
    w->maintenance_cls = cls;
    w->interval = interval ? interval : 3600;
    atomic_init(&w->healthy, true);
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->cond, NULL);
    if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->cond);
        free(w->batch);
        free(w);
        return NULL;
    }
    return w;
}

/* Queues job. See writer.h. */
int
fb_writer_submit(struct fb_writer *w, struct fb_write_job *job)
{
    pthread_mutex_lock(&w->lock);
    if (w->stopping) {
        pthread_mutex_unlock(&w->lock);
        return -1;
    }
    job->next = NULL;
    if (w->tail)
        w->tail->next = job;
    else
        w->head = job;
    w->tail = job;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
    return 0;
}

/* Commits everything queued, stops the thread and frees w; the store stays
 * open for the caller to close. See writer.h. */
void
fb_writer_stop(struct fb_writer *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = true;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->cond);
    free(w->batch);
    free(w);
}

/* returns false while the store's writes are failing. See writer.h. */
bool
fb_writer_healthy(const struct fb_writer *w)
{
    return atomic_load(&w->healthy);
}

/* returns how many batches and jobs the writer has committed; for logs and
 * tests. See writer.h. */
void
fb_writer_stats(struct fb_writer *w, unsigned long long *out_batches,
                unsigned long long *out_jobs)
{
    pthread_mutex_lock(&w->lock);
    *out_batches = w->batches;
    *out_jobs = w->jobs;
    pthread_mutex_unlock(&w->lock);
}

/* Keeps the session cache coherent from now on. See writer.h. */
void
fb_writer_set_session_cache(struct fb_writer *w,
                            struct fb_session_cache *cache)
{
    pthread_mutex_lock(&w->lock);
    w->sessions = cache;
    pthread_mutex_unlock(&w->lock);
}
