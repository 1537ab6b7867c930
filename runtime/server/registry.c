/* SPDX-License-Identifier: MIT */
/*
 * The registry of forms: the built-in list, or the modules of a directory
 * with the current version of each form and the older versions a journey
 * may still come back to. Only the thread that opens, reloads and
 * collects the registry writes it; every other thread reads the published
 * set through one atomic pointer, inside a read section
 * (fb_forms_read_begin()), and a published set is never changed.
 *
 * Read-copy-update: fb_registry_collect() publishes a set without the
 * old versions the store says nothing pins (version_pinned: no live
 * session, no saved journey) and without the older sets, then waits for
 * a grace period before unloading them. The grace period is the end of
 * every read section begun before the new set was published: sections
 * count themselves in one of two counters, chosen by the parity of a
 * global epoch; the collector advances the epoch after publishing and
 * frees once the counter of the parity before is zero (checked again on
 * later calls, never waited for). A section begun after the advance can
 * only load the new set.
 */
#include "registry.h"

#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "booking_calendars.h"
#include "formbuilder/driver.h"
#include "log.h"
#include "metrics.h"
#include "modules.h"
#include "outbox.h"
#include "pay.h"
#include "store.h"

/* A published set and the arrays it owns, newest first. */
struct set_node {
    struct fb_forms set;
    struct set_node *older;
};

/* A module file of the directory and the version it gave. */
struct file {
    char *path;
    struct stat st;            /* when it was loaded: a change reloads */
    size_t loaded;             /* index in fb_registry.loaded */
};

/* A form version, loaded once and kept. */
struct loaded {
    struct fb_module module;   /* handle NULL for a built-in form */
    size_t slot;
};

struct fb_registry {
    const struct fb_outbox_config *ocfg;
    char *dir;                 /* NULL: built in */
    char scratch[64];          /* private copies of modules (modules.h) */
    struct loaded *loaded;
    size_t n_loaded;
    struct file *files;        /* the directory as last loaded */
    size_t n_files;
    /* Files refused as they are now: not tried (or logged) again until
     * they change. Their loaded is (size_t)-1. */
    struct file *refused;
    size_t n_refused;
    char *slugs[FB_REGISTRY_SLOTS]; /* a slug's slot is its index */
    size_t n_slugs;
    struct set_node *sets;     /* sets a new read section may reach */
    _Atomic(const struct fb_forms *) current;
    /* Unpublished by fb_registry_collect(), freed after the grace
     * period: the versions and sets read sections of parity
     * retired_parity may still be using. */
    bool retiring;
    unsigned retired_parity;
    struct loaded *retired;
    size_t n_retired;
    struct set_node *retired_sets;
};

/* ---- read sections -------------------------------------------------------- */

/* The epoch whose parity new read sections count themselves under, and
 * the sections open under each parity. Shared by every registry of the
 * process: a collector only ever waits longer for another's readers. */
static atomic_uint read_epoch;
static atomic_long readers[2];

unsigned
fb_forms_read_begin(void)
{
    for (;;) {
        unsigned i = atomic_load(&read_epoch) & 1u;
        atomic_fetch_add(&readers[i], 1);
        /* Counted before the epoch moved on: the collector sees it.
         * Otherwise count again under the new parity. */
        if ((atomic_load(&read_epoch) & 1u) == i)
            return i;
        atomic_fetch_sub(&readers[i], 1);
    }
}

void
fb_forms_read_end(unsigned ticket)
{
    atomic_fetch_sub(&readers[ticket & 1u], 1);
}

/* ---- reading ------------------------------------------------------------ */

const struct fb_forms *
fb_registry_forms(const struct fb_registry *r)
{
    return atomic_load_explicit(&r->current, memory_order_acquire);
}

const char *
fb_registry_dir(const struct fb_registry *r)
{
    return r->dir;
}

const struct fb_form_desc *
fb_forms_find(const struct fb_forms *s, const char *slug, size_t len)
{
    for (size_t i = 0; i < s->n_forms; i++) {
        const char *f = s->forms[i]->slug;
        if (strlen(f) == len && memcmp(f, slug, len) == 0)
            return s->forms[i];
    }
    return NULL;
}

size_t
fb_forms_slot(const struct fb_forms *s, const struct fb_form_desc *f)
{
    for (size_t i = 0; i < s->n_forms; i++)
        if (strcmp(s->forms[i]->slug, f->slug) == 0)
            return s->slots[i];
    return FB_REGISTRY_SLOTS;
}

const struct fb_form_desc *
fb_forms_find_version(const struct fb_forms *s, const char *slug,
                      const char *version)
{
    for (size_t i = 0; i < s->n_all; i++)
        if (strcmp(s->all[i]->slug, slug) == 0 && s->all[i]->version
            && strcmp(s->all[i]->version, version) == 0)
            return s->all[i];
    return NULL;
}

bool
fb_forms_has_versions(const struct fb_forms *s, const char *slug)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n_all && n < 2; i++)
        n += strcmp(s->all[i]->slug, slug) == 0;
    return n > 1;
}

/* ---- publishing --------------------------------------------------------- */

static int
by_slug(const void *a, const void *b)
{
    const struct fb_form_desc *const *x = a, *const *y = b;
    return strcmp((*x)->slug, (*y)->slug);
}

/* Publishes the versions @p current (indexes in r->loaded, @p n of
 * them) as the new set. @returns 0, or -1 when out of memory (the set
 * before stays). */
static int
publish(struct fb_registry *r, const size_t *current, size_t n)
{
    struct set_node *node = calloc(1, sizeof *node);
    const struct fb_form_desc **forms = calloc(n ? n : 1, sizeof *forms);
    size_t *slots = calloc(n ? n : 1, sizeof *slots);
    const struct fb_form_desc **all =
        calloc(r->n_loaded ? r->n_loaded : 1, sizeof *all);
    if (!node || !forms || !slots || !all) {
        free(node);
        free(forms);
        free(slots);
        free(all);
        fb_log(FB_LOG_ERROR, "forms: out of memory publishing the forms");
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        forms[i] = r->loaded[current[i]].module.form;
    qsort(forms, n, sizeof *forms, by_slug);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < n; k++)
            if (r->loaded[current[k]].module.form == forms[i])
                slots[i] = r->loaded[current[k]].slot;
    for (size_t i = 0; i < r->n_loaded; i++)
        all[i] = r->loaded[i].module.form;
    node->set = (struct fb_forms){ forms, n, slots, all, r->n_loaded };
    node->older = r->sets;
    r->sets = node;
    atomic_store(&r->current, &node->set);
    fb_metric_set(FB_METRIC_FORM_VERSIONS, r->n_loaded + r->n_retired);
    return 0;
}

static size_t
slot_of(struct fb_registry *r, const char *slug)
{
    for (size_t i = 0; i < r->n_slugs; i++)
        if (strcmp(r->slugs[i], slug) == 0)
            return i;
    if (r->n_slugs == FB_REGISTRY_SLOTS)
        return FB_REGISTRY_SLOTS;
    char *c = strdup(slug);
    if (!c)
        return FB_REGISTRY_SLOTS;
    r->slugs[r->n_slugs] = c;
    return r->n_slugs++;
}

/* Adds a loaded version. @returns its index, or (size_t)-1 when out of
 * memory (the caller still owns @p m). */
static size_t
add_loaded(struct fb_registry *r, const struct fb_module *m)
{
    struct loaded *l =
        realloc(r->loaded, (r->n_loaded + 1) * sizeof *r->loaded);
    if (!l)
        return (size_t)-1;
    r->loaded = l;
    l[r->n_loaded] = (struct loaded){ *m, slot_of(r, m->form->slug) };
    return r->n_loaded++;
}

static struct fb_registry *
registry_new(const struct fb_outbox_config *ocfg)
{
    struct fb_registry *r = calloc(1, sizeof *r);
    if (r) {
        r->ocfg = ocfg;
        atomic_init(&r->current, NULL);
    }
    return r;
}

/* ---- built in ----------------------------------------------------------- */

struct fb_registry *
fb_registry_builtin(const struct fb_form_desc *const *forms, size_t n,
                    const struct fb_outbox_config *ocfg, char *err,
                    size_t errlen)
{
    struct fb_registry *r = registry_new(ocfg);
    size_t *current = calloc(n ? n : 1, sizeof *current);
    if (!r || !current) {
        snprintf(err, errlen, "out of memory for the forms");
        free(current);
        free(r);
        return NULL;
    }
    /* A form built for another descriptor format is refused, not
     * misread; a pattern that does not compile stops the server. */
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        ok = fb_form_check(forms[i], err, errlen) == 0;
        if (ok && fb_form_init(forms[i], err, errlen) != 0) {
            fb_form_fini(forms[i]);
            ok = false;
        }
        struct fb_module m = { NULL, forms[i] };
        if (ok && (current[i] = add_loaded(r, &m)) == (size_t)-1) {
            fb_form_fini(forms[i]);
            snprintf(err, errlen, "out of memory for the forms");
            ok = false;
        }
    }
    ok = ok && fb_booking_calendars_check(forms, n, err, errlen) == 0
         /* A target whose key is missing would be sent unsigned or
          * refused for ever: stop now, naming the variable. */
         && (!ocfg
             || fb_outbox_check_env(forms, n, ocfg, err, errlen) == 0)
         /* A form that takes payments cannot confirm one without them. */
         && (!ocfg || fb_pay_check_env(forms, n, ocfg, err, errlen) == 0);
    if (!ok || publish(r, current, n) != 0) {
        if (ok)
            snprintf(err, errlen, "out of memory for the forms");
        fb_registry_free(r);
        r = NULL;
    }
    free(current);
    return r;
}

/* ---- a directory of modules --------------------------------------------- */

static bool
is_module_name(const char *name)
{
    size_t n = strlen(name);
    /* Dot files are formc's temporary names (module_cc.c). */
    return name[0] != '.' && n > 3 && strcmp(name + n - 3, ".so") == 0;
}

static bool
same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino
           && a->st_size == b->st_size
           && a->st_mtim.tv_sec == b->st_mtim.tv_sec
           && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static const struct file *
find_file(const struct file *files, size_t n, const char *path)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(files[i].path, path) == 0)
            return &files[i];
    return NULL;
}

static size_t
find_loaded(const struct fb_registry *r, const struct fb_form_desc *f)
{
    for (size_t i = 0; i < r->n_loaded; i++) {
        const struct fb_form_desc *g = r->loaded[i].module.form;
        if (strcmp(g->slug, f->slug) == 0
            && strcmp(g->version, f->version) == 0)
            return i;
    }
    return (size_t)-1;
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The module files of the directory, sorted. @returns them (free each
 * and the array), or NULL with errno set. */
static char **
list_modules(const char *dir, size_t *out_n)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    bool ok = true;
    while (ok && (e = readdir(d)) != NULL) {
        if (!is_module_name(e->d_name))
            continue;
        char **grown = realloc(names, (n + 1) * sizeof *names);
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *path = grown ? malloc(len) : NULL;
        if (grown)
            names = grown;
        if (!path) {
            ok = false;
            break;
        }
        snprintf(path, len, "%s/%s", dir, e->d_name);
        names[n++] = path;
    }
    closedir(d);
    if (!ok) {
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
        errno = ENOMEM;
        return NULL;
    }
    if (names)
        qsort(names, n, sizeof *names, by_name);
    *out_n = n;
    return names ? names : calloc(1, sizeof *names);
}

/* Loads @p path into r->loaded unless its version is there already.
 * @returns the version's index, or (size_t)-1 after logging why it was
 * refused. */
static size_t
load_file(struct fb_registry *r, const char *path)
{
    char err[1024];
    struct fb_module m;
    if (fb_module_load(path, r->scratch, &m, err, sizeof err) != 0) {
        fb_log(FB_LOG_ERROR, "%s", err);
        return (size_t)-1;
    }
    const struct fb_form_desc *f = m.form;
    if (r->ocfg
        && fb_outbox_check_env(&f, 1, r->ocfg, err, sizeof err) != 0) {
        fb_log(FB_LOG_ERROR, "form module %s refused: %s", path, err);
        fb_module_unload(&m);
        return (size_t)-1;
    }
    size_t i = find_loaded(r, f);
    if (i != (size_t)-1) {
        fb_module_unload(&m);   /* rebuilt, unchanged: keep the first */
        return i;
    }
    i = add_loaded(r, &m);
    if (i == (size_t)-1) {
        fb_log(FB_LOG_ERROR, "form module %s: out of memory", path);
        fb_module_unload(&m);
        return (size_t)-1;
    }
    fb_log(FB_LOG_INFO, "form %s version %s loaded from %s", f->slug,
           f->version, path);
    return i;
}

static void
free_files(struct file *files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(files[i].path);
    free(files);
}

/* Reads the directory into a new file list and its versions. @returns
 * the number of forms that changed, were added or dropped, or -1 when
 * the directory cannot be read or the new set is refused (logged; the
 * set before stays). */
static long
scan(struct fb_registry *r, char *err, size_t errlen)
{
    size_t n = 0;
    char **paths = list_modules(r->dir, &n);
    if (!paths) {
        snprintf(err, errlen, "cannot read the forms directory %s: %s",
                 r->dir, strerror(errno));
        return -1;
    }
    struct file *files = calloc(n ? n : 1, sizeof *files);
    struct file *refused = calloc(n ? n : 1, sizeof *refused);
    size_t *current = calloc(n ? n : 1, sizeof *current);
    size_t nf = 0, nr = 0;
    for (size_t i = 0; files && refused && current && i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        const struct file *old = find_file(r->files, r->n_files, paths[i]);
        const struct file *bad =
            find_file(r->refused, r->n_refused, paths[i]);
        size_t v;
        if (old && same_file(&old->st, &st)) {
            v = old->loaded;
        } else {
            bool known_bad = bad && same_file(&bad->st, &st);
            v = known_bad ? (size_t)-1 : load_file(r, paths[i]);
            if (v == (size_t)-1) {
                char *path = paths[i];
                refused[nr++] = (struct file){ path, st, (size_t)-1 };
                paths[i] = old ? strdup(path) : NULL;
                if (!paths[i])
                    continue;
                if (!known_bad)
                    fb_log(FB_LOG_WARN, "form %s stays on version %s",
                           r->loaded[old->loaded].module.form->slug,
                           r->loaded[old->loaded].module.form->version);
                v = old->loaded;
                st = old->st;
            }
        }
        const char *slug = r->loaded[v].module.form->slug;
        bool twice = false;
        for (size_t k = 0; k < nf && !twice; k++)
            twice = strcmp(r->loaded[current[k]].module.form->slug,
                           slug) == 0;
        if (twice) {
            fb_log(FB_LOG_ERROR, "form module %s refused: form %s is "
                   "already loaded from another file of %s; keep one "
                   "module per form", paths[i], slug, r->dir);
            continue;
        }
        files[nf] = (struct file){ paths[i], st, v };
        paths[i] = NULL;
        current[nf++] = v;
    }
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    free_files(r->refused, r->n_refused);
    r->refused = refused;
    r->n_refused = refused ? nr : 0;
    long changed = -1;
    const struct fb_form_desc **forms =
        files && current ? calloc(nf ? nf : 1, sizeof *forms) : NULL;
    if (!forms) {
        snprintf(err, errlen, "out of memory reading %s", r->dir);
    } else {
        for (size_t i = 0; i < nf; i++)
            forms[i] = r->loaded[current[i]].module.form;
        if (fb_booking_calendars_check(forms, nf, err, errlen) == 0) {
            const struct fb_forms *before = fb_registry_forms(r);
            changed = 0;
            for (size_t i = 0; i < nf; i++)
                changed += !before
                           || fb_forms_find(before, forms[i]->slug,
                                            strlen(forms[i]->slug))
                              != forms[i];
            for (size_t i = 0; before && i < before->n_forms; i++) {
                const char *s = before->forms[i]->slug;
                bool kept = false;
                for (size_t k = 0; k < nf && !kept; k++)
                    kept = strcmp(forms[k]->slug, s) == 0;
                if (!kept) {
                    fb_log(FB_LOG_INFO, "form %s dropped: its module is "
                           "gone from %s", s, r->dir);
                    changed++;
                }
            }
            if (publish(r, current, nf) != 0) {
                snprintf(err, errlen, "out of memory publishing the forms");
                changed = -1;
            }
        }
    }
    free(forms);
    free(current);
    if (changed < 0) {
        free_files(files, nf);
        return -1;
    }
    free_files(r->files, r->n_files);
    r->files = files;
    r->n_files = nf;
    return changed;
}

struct fb_registry *
fb_registry_open(const char *dir, const struct fb_outbox_config *ocfg,
                 char *err, size_t errlen)
{
    struct fb_registry *r = registry_new(ocfg);
    if (r)
        r->dir = strdup(dir);
    if (r && r->dir) {
        const char *tmp = getenv("TMPDIR");
        snprintf(r->scratch, sizeof r->scratch, "%s/formbuilder-XXXXXX",
                 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
        if (!mkdtemp(r->scratch)) {
            snprintf(err, errlen, "cannot create a directory for form "
                     "modules under %s: %s", tmp ? tmp : "/tmp",
                     strerror(errno));
            r->scratch[0] = '\0';
            fb_registry_free(r);
            return NULL;
        }
    } else {
        snprintf(err, errlen, "out of memory for the forms");
        fb_registry_free(r);
        return NULL;
    }
    if (scan(r, err, errlen) < 0) {
        fb_registry_free(r);
        return NULL;
    }
    return r;
}

size_t
fb_registry_reload(struct fb_registry *r)
{
    if (!r->dir) {
        fb_log(FB_LOG_INFO, "the forms are built into this server: rebuild "
               "and restart it to change them, or serve modules with "
               "--forms DIR");
        return 0;
    }
    char err[512];
    long changed = scan(r, err, sizeof err);
    if (changed < 0) {
        fb_log(FB_LOG_ERROR, "reloading forms: %s; still serving the forms "
               "loaded before", err);
        return 0;
    }
    const struct fb_forms *s = fb_registry_forms(r);
    fb_log(FB_LOG_INFO, "forms reloaded from %s: %ld changed, %zu served, "
           "%zu versions loaded", r->dir, changed, s->n_forms, s->n_all);
    return (size_t)changed;
}

static void
free_sets(struct set_node *n)
{
    for (struct set_node *next; n; n = next) {
        next = n->older;
        free((void *)n->set.forms);
        free((void *)n->set.slots);
        free((void *)n->set.all);
        free(n);
    }
}

static void
unload(struct loaded *l)
{
    if (l->module.handle)
        fb_module_unload(&l->module);
    else
        fb_form_fini(l->module.form);
}

/* The grace period is over: unloads the retired versions, logging each,
 * and frees the retired sets. @returns how many versions it unloaded. */
static size_t
free_retired(struct fb_registry *r)
{
    size_t n = r->n_retired;
    for (size_t i = 0; i < n; i++) {
        fb_log(FB_LOG_INFO, "form %s version %s unloaded: no session or "
               "saved journey can come back to it",
               r->retired[i].module.form->slug,
               r->retired[i].module.form->version);
        unload(&r->retired[i]);
    }
    free(r->retired);
    r->retired = NULL;
    r->n_retired = 0;
    free_sets(r->retired_sets);
    r->retired_sets = NULL;
    r->retiring = false;
    fb_metric_set(FB_METRIC_FORM_VERSIONS, r->n_loaded);
    return n;
}

/* Whether r->loaded[i] is the current version of its form. */
static bool
is_current(const struct fb_registry *r, size_t i)
{
    for (size_t k = 0; k < r->n_files; k++)
        if (r->files[k].loaded == i)
            return true;
    return false;
}

/* Sets drop[i] for each old version nothing in @p store pins; @returns
 * how many. */
static size_t
unpinned(const struct fb_registry *r, struct fb_store *store, long long now,
         long long sessions_after, bool *drop)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_loaded; i++) {
        if (is_current(r, i))
            continue;
        const struct fb_form_desc *f = r->loaded[i].module.form;
        bool pinned = true;
        if (store->ops->version_pinned(store, f->slug, f->version,
                                       sessions_after, now, &pinned)
            != FB_STORE_OK) {
            fb_log(FB_LOG_WARN, "forms: cannot tell whether version %s of "
                   "%s is still used (%s); it stays loaded", f->version,
                   f->slug, store->ops->errmsg(store));
            memset(drop, 0, r->n_loaded * sizeof *drop);
            return 0;
        }
        drop[i] = !pinned;
        n += !pinned;
    }
    return n;
}

/* Moves the versions @p drop marks (@p n_drop of them) to r->retired and
 * publishes the set without them and without the sets before. @returns
 * 0, or -1 when out of memory (nothing changed). */
static int
retire(struct fb_registry *r, const bool *drop, size_t n_drop)
{
    size_t n_keep = r->n_loaded - n_drop;
    struct loaded *keep = calloc(n_keep ? n_keep : 1, sizeof *keep);
    struct loaded *gone = calloc(n_drop ? n_drop : 1, sizeof *gone);
    size_t *map = calloc(r->n_loaded ? r->n_loaded : 1, sizeof *map);
    size_t *current = calloc(r->n_files ? r->n_files : 1, sizeof *current);
    if (!keep || !gone || !map || !current) {
        free(keep);
        free(gone);
        free(map);
        free(current);
        return -1;
    }
    for (size_t i = 0, k = 0, g = 0; i < r->n_loaded; i++) {
        if (drop[i]) {
            gone[g++] = r->loaded[i];
        } else {
            map[i] = k;
            keep[k++] = r->loaded[i];
        }
    }
    for (size_t k = 0; k < r->n_files; k++)
        current[k] = map[r->files[k].loaded];
    struct loaded *was = r->loaded;
    size_t n_was = r->n_loaded;
    struct set_node *sets = r->sets;
    r->loaded = keep;
    r->n_loaded = n_keep;
    r->sets = NULL;
    r->retired = gone;
    r->n_retired = n_drop;
    if (publish(r, current, r->n_files) != 0) {
        r->loaded = was;
        r->n_loaded = n_was;
        r->sets = sets;
        r->retired = NULL;
        r->n_retired = 0;
        free(keep);
        free(gone);
        free(map);
        free(current);
        return -1;
    }
    for (size_t k = 0; k < r->n_files; k++)
        r->files[k].loaded = current[k];
    free(was);
    free(map);
    free(current);
    r->retired_sets = sets;
    /* After the publish: a section counted under the new parity loads
     * the new set. */
    r->retired_parity = atomic_fetch_add(&read_epoch, 1) & 1u;
    r->retiring = true;
    return 0;
}

size_t
fb_registry_collect(struct fb_registry *r, struct fb_store *store,
                    long long now, long long sessions_after)
{
    size_t freed = 0;
    if (r->retiring) {
        if (atomic_load(&readers[r->retired_parity]) != 0)
            return 0;
        freed = free_retired(r);
    }
    if (!r->dir || !r->sets)
        return freed;
    bool *drop = calloc(r->n_loaded ? r->n_loaded : 1, sizeof *drop);
    if (!drop)
        return freed;
    size_t n_drop = unpinned(r, store, now, sessions_after, drop);
    /* Sets published by reloads go too, each grace period. */
    if ((n_drop > 0 || r->sets->older) && retire(r, drop, n_drop) == 0
        && atomic_load(&readers[r->retired_parity]) == 0)
        freed += free_retired(r);
    free(drop);
    return freed;
}

void
fb_registry_free(struct fb_registry *r)
{
    if (!r)
        return;
    free_sets(r->sets);
    free_sets(r->retired_sets);
    for (size_t i = 0; i < r->n_loaded; i++)
        unload(&r->loaded[i]);
    for (size_t i = 0; i < r->n_retired; i++)
        unload(&r->retired[i]);
    free(r->retired);
    free(r->loaded);
    free_files(r->files, r->n_files);
    free_files(r->refused, r->n_refused);
    for (size_t i = 0; i < r->n_slugs; i++)
        free(r->slugs[i]);
    if (r->scratch[0])
        rmdir(r->scratch);
    free(r->dir);
    free(r);
}
