/* SPDX-License-Identifier: MIT */
/*
 * The writer thread: the only thread that writes to the store while the
 * server runs. Request handlers queue jobs (save a session, insert a
 * submission) and suspend their connection; the writer takes everything
 * waiting, commits it in one transaction (group commit, one fsync for the
 * lot) and reports each job done, which resumes its connection. Between
 * batches it runs periodic maintenance (retention purge, session expiry).
 * Each job runs in a savepoint of its own, so a job its step refuses
 * (a booking place just taken) is undone alone and its batch commits.
 * It also keeps the store's health: a write that fails makes it unhealthy
 * (GET /healthz answers 503) until a later write commits.
 */
#pragma once

#include <stdbool.h>

#include "formbuilder/form.h"
#include "store.h"

struct fb_write_job {
    /* Inputs, owned by the caller until done() runs. */
    const char *session_id;       /* NULL: no session change */
    const char *session_data;     /* record to save; NULL deletes it */
    long long now;                /* Unix seconds stamped on the session */
    struct fb_submission *submission; /* NULL: none; filled in on success */
    /* The form whose targets a new submission is delivered to: its
     * deliveries are queued in the same transaction (outbox.h). */
    const struct fb_form_desc *deliver;
    const char *language;         /* the resident's, "en" when NULL */
    /* Optional work run after the submission insert and before the
     * session save, in the same transaction (a booking hold or
     * confirmation, booking_store.h): FB_STORE_OK, FB_STORE_REFUSED to
     * undo the job's writes (its savepoint) without failing its batch,
     * or FB_STORE_ERROR. */
    int (*step)(struct fb_store *s, struct fb_write_job *job);
    void *step_cls;
    /* The submission's form's `max_submissions:` (0: no cap): a new
     * submission takes one of its places in the same transaction, or
     * the job is refused with cap_reached set. */
    long long cap;
    bool cap_reached;
    /* Result, set before done() is called. */
    int status;                   /* FB_STORE_OK once durable;
                                   * FB_STORE_REFUSED: the step said no
                                   * and nothing of the job was written */
    char error[160];              /* why it failed (the store's message) */
    /* Called on the writer thread once the job is committed or failed;
     * the job is not touched again afterwards. */
    void (*done)(struct fb_write_job *job, void *cls);
    void *cls;
    struct fb_write_job *next;    /* queue link, private to the writer */
};

/* Periodic work run on the writer thread with its store handle. */
typedef void (*fb_writer_maintenance_fn)(struct fb_store *store, void *cls);

struct fb_writer;

/**
 * Starts the writer thread over @p store (which it uses exclusively until
 * fb_writer_stop()). @p fn runs every @p interval seconds (and once soon
 * after start) unless NULL.
 * @returns the writer, or NULL when the thread cannot start.
 */
struct fb_writer *
fb_writer_start(struct fb_store *store, fb_writer_maintenance_fn fn,
                void *cls, unsigned interval);

/**
 * Queues @p job. @returns 0, or -1 when the writer is stopping (the job
 * is then not queued and done() is not called).
 */
int
fb_writer_submit(struct fb_writer *w, struct fb_write_job *job);

/** Commits everything queued, stops the thread and frees @p w; the store
 *  stays open for the caller to close. NULL is a no-op. */
void
fb_writer_stop(struct fb_writer *w);

/**
 * @returns false from the moment a round of writes fails entirely (no job
 * in it committed) until a later write commits: a resident's, or the
 * probe the writer runs every FB_WRITER_PROBE_INTERVAL seconds while
 * unhealthy and idle, so health comes back with no traffic. Any thread.
 */
bool
fb_writer_healthy(const struct fb_writer *w);

/* Seconds between probe writes while the store is failing. */
#define FB_WRITER_PROBE_INTERVAL 1

struct fb_session_cache;

/**
 * Keeps @p cache (session_cache.h; NULL for none) coherent from now on:
 * each committed job's session record, or its removal, is put in it
 * before the job's done() runs. Set it before jobs are queued.
 */
void
fb_writer_set_session_cache(struct fb_writer *w,
                            struct fb_session_cache *cache);

/** @returns how many batches and jobs the writer has committed; for
 *  logs and tests. */
void
fb_writer_stats(struct fb_writer *w, unsigned long long *out_batches,
                unsigned long long *out_jobs);
