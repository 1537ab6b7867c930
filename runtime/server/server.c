/* SPDX-License-Identifier: MIT */
/*
 * Server lifecycle. Signals are blocked in every thread and taken with
 * sigtimedwait() on the main thread, so shutdown and reloading the forms
 * (SIGHUP, or a changed module) run as ordinary code rather than in a
 * signal handler.
 */
#include "server.h"
#include "journey_file.h"
#include "upload_gc.h"
#include "upload_store.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "address_lookup.h"
#include "lookup.h"
#include "clock.h"
#include "save.h"
#include "http.h"
#include "journey.h"
#include "live.h"
#include "pay_client.h"
#include "pay_worker.h"
#include "site.h"
#include "log.h"
#include "outbox.h"
#include "purge.h"
#include "session_cache.h"
#include "ratelimit.h"
#include "registry.h"
#include "store.h"
#include "writer.h"

struct maintenance {
    const struct fb_config *cfg;
    const struct fb_registry *forms;
    struct fb_session_cache *sessions;   /* NULL when off */
};

/* Runs on the writer thread, between batches. */
static void
maintain(struct fb_store *store, void *cls)
{
    const struct maintenance *m = cls;
    long long now = fb_clock_now();
    size_t subs = 0, sessions = 0, holds = 0;
    unsigned forms_ticket = fb_forms_read_begin();
    const struct fb_forms *set = fb_registry_forms(m->forms);
    fb_purge_submissions(store, set->forms, set->n_forms, now, &subs);
    fb_forms_read_end(forms_ticket);
    fb_purge_sessions(store, now, m->cfg->session_idle, &sessions);
    if (m->sessions)
        fb_session_cache_expire(m->sessions,
                                now - (long long)m->cfg->session_idle);
    /* Holds a day past their expiry: long enough for any confirmation
     * racing them, which then books the place afresh anyway. */
    if (store->ops->place_expire(store, now - 86400, &holds) != FB_STORE_OK)
        fb_log(FB_LOG_ERROR, "expiring holds: %s", store->ops->errmsg(store));
    /* Saved journeys are not submissions: their own expiry purges them,
     * answers and all, the moment their link stops working. */
    size_t saved = 0;
    if (fb_save_purge(store, now, &saved) != FB_STORE_OK)
        fb_log(FB_LOG_ERROR, "expiring saved journeys: %s",
               store->ops->errmsg(store));
    /* After the purge: the files only purged rows referred to go. */
    size_t files = 0;
    fb_files_sweep(store, m->cfg->files_dir, now, FB_FILES_GRACE, &files);
    if (subs || sessions || holds || saved || files)
        fb_log(FB_LOG_INFO, "maintenance: %zu submissions purged, %zu "
               "idle sessions expired, %zu expired holds deleted, %zu "
               "expired saved journeys deleted, %zu uploaded files "
               "removed", subs, sessions, holds, saved, files);
}

/* Logs the first problems a check found; counts the rest. */
struct problems {
    const char *db;
    unsigned n;
};

static void
log_problem(const char *problem, void *cls)
{
    struct problems *p = cls;
    if (p->n++ < 5)
        fb_log(FB_LOG_ERROR, "database %s: %s", p->db, problem);
}

/* A damaged database stops the server before it serves anyone: answers
 * written on top of it could be lost, and reads could say anything.
 * @returns 0 when the quick check passes or there is no file yet. */
static int
check_database(const char *db)
{
    char err[512];
    struct problems p = { db, 0 };
    int rc = fb_store_check(db, false, log_problem, &p, err, sizeof err);
    if (rc == FB_STORE_DAMAGED) {
        fb_log(FB_LOG_ERROR, "database %s is damaged (%u problem%s found by "
               "its quick check); not starting. Stop anything else using "
               "it, restore the file from a backup, and run `formbuilder "
               "check-db --database %s` to see every problem", db, p.n,
               p.n == 1 ? "" : "s", db);
        return -1;
    }
    if (rc == FB_STORE_ERROR) {
        fb_log(FB_LOG_ERROR, "database %s cannot be checked: %s", db, err);
        return -1;
    }
    return 0;
}

/* Creates the directory holding @p path when it does not exist (one
 * level: "var/" for the default "var/formbuilder.db"). */
static int
make_parent_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path || fb_store_is_url(path))
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

/* Watches @p dir for module files written, moved in or removed.
 * @returns the inotify descriptor, or -1 (logged: SIGHUP still works). */
static int
watch_forms(const char *dir)
{
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0 || inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO
                                    | IN_MOVED_FROM | IN_DELETE) < 0) {
        fb_log(FB_LOG_WARN, "cannot watch %s for changed forms (%s); send "
               "SIGHUP after changing them", dir, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* @returns whether the events waiting on @p fd name a module file. */
static bool
modules_changed(int fd)
{
    bool any = false;
    _Alignas(struct inotify_event) char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *e = (const void *)p;
            size_t len = e->len ? strlen(e->name) : 0;
            if (e->mask & IN_Q_OVERFLOW)    /* events lost: look anyway */
                any = true;
            if (len > 3 && e->name[0] != '.'
                && strcmp(e->name + len - 3, ".so") == 0)
                any = true;
            p += sizeof *e + e->len;
        }
    }
    return any;
}

/* Unloads the old form versions no session or saved journey can come
 * back to (registry.h), at most once a second unless @p now_too. */
static void
collect_forms(struct fb_registry *forms, struct fb_store *store,
              unsigned session_idle, bool now_too)
{
    static struct timespec last;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    if (!store || (!now_too && t.tv_sec == last.tv_sec))
        return;
    last = t;
    long long now = fb_clock_now();
    /* The same test as journey.c's: saved within session_idle is live. */
    fb_registry_collect(forms, store, now, now - (long long)session_idle);
}

/*
 * Waits for SIGTERM or SIGINT, reloading the forms on SIGHUP and, for a
 * directory of modules, when a module in it changes (noticed within a
 * tenth of a second), and unloading old versions nothing uses (after a
 * reload and each second, through @p store). Reloads run here, on the
 * main thread, the only one that writes the registry. @returns the
 * signal that stops the server.
 */
static int
wait_for_stop(const sigset_t *sigs, struct fb_registry *forms,
              struct fb_store *store, unsigned session_idle)
{
    const char *dir = fb_registry_dir(forms);
    int fd = dir ? watch_forms(dir) : -1;
    const struct timespec tick = { 0, 100L * 1000 * 1000 };
    int sig;
    for (;;) {
        sig = dir ? sigtimedwait(sigs, NULL, &tick) : sigwaitinfo(sigs, NULL);
        bool reloaded = false;
        if (sig == SIGHUP) {
            fb_log(FB_LOG_INFO, "SIGHUP: reading the forms again");
            fb_registry_reload(forms);
            reloaded = true;
        } else if (sig > 0) {
            break;
        } else if (fd >= 0 && modules_changed(fd)) {
            fb_registry_reload(forms);
            reloaded = true;
        }
        if (dir)
            collect_forms(forms, store, session_idle, reloaded);
    }
    if (fd >= 0)
        close(fd);
    return sig;
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

/* Does a form served ask for an address found by postcode? */
static bool
forms_find_addresses(const struct fb_forms *set)
{
    for (size_t i = 0; set && i < set->n_forms; i++)
        for (size_t q = 0; q < set->forms[i]->n_questions; q++)
            if (set->forms[i]->questions[q]->address_lookup)
                return true;
    return false;
}

/* Serves forms until SIGTERM or SIGINT. See server.h. */
int
fb_server_run(const struct fb_config *cfg, struct fb_registry *forms,
              bool preview)
{
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGHUP);
    /* Block before any thread starts so that all of them inherit it. */
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* A file target past the file size limit fails that write (and is
     * retried) rather than killing the server. */
    signal(SIGXFSZ, SIG_IGN);

    char err[512];
    /* Instances sharing a database must agree on the key of the CSRF
     * tokens of sessions not stored yet: a page one shows is posted to
     * another. */
    const char *secret = getenv("FORMBUILDER_SESSION_KEY");
    const struct fb_store_ops *backend =
        fb_store_backend(cfg->db, err, sizeof err);
    if (backend && backend->shared && !secret) {
        fb_log(FB_LOG_ERROR, "database %s may be shared by several "
               "instances: set FORMBUILDER_SESSION_KEY to the same secret "
               "(at least %d characters) on each", cfg->db,
               FB_SESSION_KEY_MIN);
        return 1;
    }
    if (secret && (strlen(secret) < FB_SESSION_KEY_MIN
                   || strlen(secret) > (size_t)2 * FB_TOKEN_HEX_LEN)) {
        fb_log(FB_LOG_ERROR, "FORMBUILDER_SESSION_KEY must be %d to %d "
               "characters long", FB_SESSION_KEY_MIN, 2 * FB_TOKEN_HEX_LEN);
        return 1;
    }
    if (make_parent_dir(cfg->db) != 0 || check_database(cfg->db) != 0)
        return 1;
    fb_address_lookup_start(&cfg->address,
                            forms_find_addresses(fb_registry_forms(forms)));
    fb_lookup_start(&cfg->lookup, fb_registry_forms(forms));
    struct fb_store *wstore = fb_store_open(cfg->db, err, sizeof err);
    struct fb_store *rstore =
        wstore ? fb_store_open(cfg->db, err, sizeof err) : NULL;
    if (!rstore) {
        fb_log(FB_LOG_ERROR, "database: %s", err);
        if (wstore)
            wstore->ops->close(wstore);
        return 1;
    }
    /* Pages are shown from memory only while this server alone writes
     * the store's sessions (session_cache.h). */
    struct fb_session_cache *cache =
        cfg->session_cache && !rstore->ops->shared
            ? fb_session_cache_new(cfg->session_cache)
            : NULL;
    struct maintenance m = { cfg, forms, cache };
    /* A new key each start unless one is given: a page shown before a
     * restart to a visitor whose session is not stored yet is refused as
     * expired after it. */
    struct fb_session_key key;
    bool keyed = secret ? fb_session_key_from(&key, secret) == 0
                        : fb_session_key_new(&key) == 0;
    struct fb_writer *writer =
        keyed ? fb_writer_start(wstore, maintain, &m, cfg->purge_interval)
              : NULL;
    if (writer)
        fb_writer_set_session_cache(writer, cache);
    /* Its own store handle, opened after the writer's migrated it. */
    struct fb_outbox *outbox =
        writer ? fb_outbox_start(&cfg->outbox, cfg->db, forms, err, sizeof err)
               : NULL;
    /* Payments (pay_worker.h): only where a provider is configured. */
    struct fb_pay_worker *payments =
        outbox && !preview && fb_pay_configured(&cfg->outbox)
            ? fb_pay_worker_start(&cfg->outbox, cfg->db, forms,
                                  cfg->outbox.pay_poll, err, sizeof err)
            : NULL;
    bool payments_ok = !outbox || preview
                       || !fb_pay_configured(&cfg->outbox) || payments;
    struct fb_limits *limits =
        outbox && payments_ok ? fb_limits_new(cfg, FB_REGISTRY_SLOTS)
                              : NULL;
    struct fb_live live = {0};
    fb_site_install(cfg);
    struct fb_journey journey = { cfg, forms, rstore, writer, &key,
                                  limits, outbox, cache, preview, &live,
                                  NULL };
    /* File questions' uploads (upload_store.h): a server whose files
     * directory cannot be made still serves, refusing uploads. */
    char files_err[256];
    journey.files = limits ? fb_upload_store_open(cfg, files_err,
                                                  sizeof files_err)
                           : NULL;
    if (limits && !journey.files)
        fb_log(FB_LOG_ERROR, "uploads refused: %s", files_err);
    /* Read before the polling thread owns rstore. */
    int schema = rstore->ops->schema_version(rstore);
    struct fb_http *http =
        limits ? fb_http_start(cfg, fb_journey_handle, &journey, writer, err,
                               sizeof err)
               : NULL;
    if (http)
        fb_http_set_upload_policy(http, fb_journey_upload_policy, &journey);
    if (!http) {
        fb_upload_store_close(journey.files);
        fb_log(FB_LOG_ERROR, "%s", limits   ? err
                                   : !payments_ok ? err
                                   : outbox ? "out of memory for the rate "
                                              "limits"
                                   : writer ? err
                                   : keyed  ? "cannot start the writer"
                                            : "no randomness for the key");
        fb_limits_free(limits);
        fb_pay_worker_stop(payments);
        fb_outbox_stop(outbox);
        fb_writer_stop(writer);
        fb_session_cache_free(cache);
        rstore->ops->close(rstore);
        wstore->ops->close(wstore);
        fb_address_lookup_stop();
        fb_lookup_stop();
        return 1;
    }
    fb_log(FB_LOG_INFO, "listening on http://%s:%u/ (%zu forms, database "
           "%s, schema %d)", cfg->listen, fb_http_port(http),
           fb_registry_forms(forms)->n_forms, cfg->db, schema);

    /* The registry's own handle: it asks which old versions are pinned. */
    struct fb_store *fstore =
        fb_registry_dir(forms) ? fb_store_open(cfg->db, err, sizeof err)
                               : NULL;
    if (fb_registry_dir(forms) && !fstore)
        fb_log(FB_LOG_WARN, "old form versions stay loaded: %s", err);
    int sig = wait_for_stop(&sigs, forms, fstore, cfg->session_idle);
    if (fstore)
        fstore->ops->close(fstore);
    fb_log(FB_LOG_INFO, "signal %d: shutting down", sig);
    shutdown_http(http, cfg->shutdown_grace);
    unsigned long long batches = 0, jobs = 0;
    fb_writer_stats(writer, &batches, &jobs);
    fb_writer_stop(writer);   /* commits what is queued, resumes all */
    fb_pay_worker_stop(payments);
    fb_outbox_stop(outbox);   /* after its attempt in progress */
    shutdown_http(http, 1);   /* let resumed requests send their answer */
    fb_http_stop(http);
    fb_limits_free(limits);
    fb_upload_store_close(journey.files);
    fb_session_cache_free(cache);
    fb_live_free(&live);
    rstore->ops->close(rstore);
    wstore->ops->close(wstore);
    fb_address_lookup_stop();
    fb_lookup_stop();
    fb_log(FB_LOG_INFO, "stopped after %llu writes in %llu transactions",
           jobs, batches);
    return 0;
}
