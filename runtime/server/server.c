/* SPDX-License-Identifier: MIT */
/*
 * Server lifecycle. Signals are blocked in every thread and taken with
 * sigwait() on the main thread, so shutdown runs as ordinary code rather
 * than in a signal handler.
 */
#include "server.h"

#include "formbuilder/driver.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http.h"
#include "journey.h"
#include "log.h"
#include "purge.h"
#include "store.h"
#include "writer.h"

struct maintenance {
    const struct fb_config *cfg;
    const struct fb_form_desc *const *forms;
    size_t n_forms;
};

/* Runs on the writer thread, between batches. */
static void
maintain(struct fb_store *store, void *cls)
{
    const struct maintenance *m = cls;
    long long now = (long long)time(NULL);
    size_t subs = 0, sessions = 0;
    fb_purge_submissions(store, m->forms, m->n_forms, now, &subs);
    fb_purge_sessions(store, now, m->cfg->session_idle, &sessions);
    if (subs || sessions)
        fb_log(FB_LOG_INFO, "maintenance: %zu submissions purged, %zu "
               "idle sessions expired", subs, sessions);
}

/* Creates the directory holding @p path when it does not exist (one
 * level: "var/" for the default "var/formbuilder.db"). */
static int
make_parent_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return 0;
    char dir[4096];
    size_t n = (size_t)(slash - path);
    if (n >= sizeof dir)
        return -1;
    memcpy(dir, path, n);
    dir[n] = '\0';
    if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
        fb_log(FB_LOG_ERROR, "cannot create %s: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

static void
shutdown_http(struct fb_http *http, unsigned grace)
{
    fb_http_quiesce(http);
    struct timespec tick = { 0, 20L * 1000 * 1000 };
    for (unsigned waited = 0; fb_http_in_flight(http) > 0
                              && waited < grace * 50; waited++)
        nanosleep(&tick, NULL);
    if (fb_http_in_flight(http) > 0)
        fb_log(FB_LOG_WARN, "%u requests still running after %u s",
               fb_http_in_flight(http), grace);
}

/* Serves forms until SIGTERM or SIGINT. See server.h. */
int
fb_server_run(const struct fb_config *cfg,
              const struct fb_form_desc *const *forms, size_t n_forms)
{
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    /* Block before any thread starts so that all of them inherit it. */
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    char err[512];
    /* A form built for another descriptor format is refused, not
     * misread; a pattern that does not compile stops the server. */
    for (size_t i = 0; i < n_forms; i++) {
        if (fb_form_check(forms[i], err, sizeof err) != 0
            || fb_form_init(forms[i], err, sizeof err) != 0) {
            fb_log(FB_LOG_ERROR, "%s", err);
            while (i-- > 0)
                fb_form_fini(forms[i]);
            return 1;
        }
    }
    if (make_parent_dir(cfg->db) != 0)
        return 1;
    struct fb_store *wstore = fb_store_open(cfg->db, err, sizeof err);
    struct fb_store *rstore =
        wstore ? fb_store_open(cfg->db, err, sizeof err) : NULL;
    if (!rstore) {
        fb_log(FB_LOG_ERROR, "database: %s", err);
        if (wstore)
            wstore->ops->close(wstore);
        return 1;
    }
    struct maintenance m = { cfg, forms, n_forms };
    /* A new key each start: a page shown before a restart to a visitor
     * whose session is not stored yet is refused as expired after it. */
    struct fb_session_key key;
    bool keyed = fb_session_key_new(&key) == 0;
    struct fb_writer *writer =
        keyed ? fb_writer_start(wstore, maintain, &m, cfg->purge_interval)
              : NULL;
    struct fb_journey journey = { cfg, forms, n_forms, rstore, writer, &key };
    struct fb_http *http =
        writer ? fb_http_start(cfg, fb_journey_handle, &journey, writer, err,
                               sizeof err)
               : NULL;
    if (!http) {
        fb_log(FB_LOG_ERROR, "%s", writer  ? err
                                   : keyed ? "cannot start the writer"
                                           : "no randomness for the key");
        fb_writer_stop(writer);
        rstore->ops->close(rstore);
        wstore->ops->close(wstore);
        return 1;
    }
    fb_log(FB_LOG_INFO, "listening on http://%s:%u/ (%zu forms, database "
           "%s, schema %d)", cfg->listen, fb_http_port(http), n_forms,
           cfg->db, rstore->ops->schema_version(rstore));

    int sig = 0;
    while (sigwait(&sigs, &sig) != 0)
        ;
    fb_log(FB_LOG_INFO, "signal %d: shutting down", sig);
    shutdown_http(http, cfg->shutdown_grace);
    unsigned long long batches = 0, jobs = 0;
    fb_writer_stats(writer, &batches, &jobs);
    fb_writer_stop(writer);   /* commits what is queued, resumes all */
    shutdown_http(http, 1);   /* let resumed requests send their answer */
    fb_http_stop(http);
    rstore->ops->close(rstore);
    wstore->ops->close(wstore);
    for (size_t i = 0; i < n_forms; i++)
        fb_form_fini(forms[i]);
    fb_log(FB_LOG_INFO, "stopped after %llu writes in %llu transactions",
           jobs, batches);
    return 0;
}
