/* SPDX-License-Identifier: MIT */
/*
 * Form modules: copy, dlopen, check the stamp, check the descriptor.
 */
#include "modules.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "formbuilder/driver.h"
#include "formbuilder/module.h"

/* Copies @p from to @p to. @returns 0, or -1 with errno set. */
static int
copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0) {
        int e = errno;
        close(in);
        errno = e;
        return -1;
    }
    char buf[65536];
    ssize_t n;
    int rc = 0;
    while (rc == 0 && (n = read(in, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno != EINTR)
                rc = -1;
            continue;
        }
        for (ssize_t done = 0; rc == 0 && done < n;) {
            ssize_t w = write(out, buf + done, (size_t)(n - done));
            if (w < 0 && errno != EINTR)
                rc = -1;
            else if (w > 0)
                done += w;
        }
    }
    int e = errno;
    close(in);
    if (close(out) != 0 && rc == 0)
        rc = -1;
    errno = e;
    return rc;
}

/* Opens a private copy of @p path. @returns the handle, or NULL with the
 * reason in @p err. */
static void *
open_copy(const char *path, const char *scratch, char *err, size_t errlen)
{
    static atomic_uint counter;
    char copy[4096];
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int n = snprintf(copy, sizeof copy, "%s/%u-%s", scratch,
                     atomic_fetch_add(&counter, 1), base);
    if (n < 0 || (size_t)n >= sizeof copy) {
        snprintf(err, errlen, "form module %s: its path is too long", path);
        return NULL;
    }
    if (copy_file(path, copy) != 0) {
        snprintf(err, errlen, "form module %s cannot be read: %s", path,
                 strerror(errno));
        unlink(copy);
        return NULL;
    }
    void *h = dlopen(copy, RTLD_NOW | RTLD_LOCAL);
    /* Mapped now (or refused): the copy's name is needed no longer. */
    unlink(copy);
    if (!h) {
        const char *why = dlerror();
        snprintf(err, errlen, "form module %s is not a loadable shared "
                 "object (%s); build it again with `formc build --module`",
                 path, why ? why : "unknown error");
    }
    return h;
}

/* Loads one module. See modules.h. */
int
fb_module_load(const char *path, const char *scratch, struct fb_module *out,
               char *err, size_t errlen)
{
    out->handle = NULL;
    out->form = NULL;
    void *h = open_copy(path, scratch, err, errlen);
    if (!h)
        return -1;
    const int *format = dlsym(h, FB_MODULE_FORMAT_SYMBOL);
    const char *version = dlsym(h, FB_MODULE_VERSION_SYMBOL);
    /* ISO C has no cast from an object pointer to a function pointer;
     * POSIX guarantees this copy works for what dlsym() returns. */
    fb_module_form_fn entry = NULL;
    void *sym = dlsym(h, FB_MODULE_FORM_SYMBOL);
    memcpy(&entry, &sym, sizeof entry);
    const struct fb_form_desc *f = NULL;
    if (!format || !version || !entry) {
        snprintf(err, errlen, "%s is not a form module (it has no %s "
                 "symbol); build forms with `formc build --module`", path,
                 !format ? FB_MODULE_FORMAT_SYMBOL
                 : !version ? FB_MODULE_VERSION_SYMBOL
                            : FB_MODULE_FORM_SYMBOL);
    } else if (*format != FB_FORMAT) {
        snprintf(err, errlen, "form module %s was built for descriptor "
                 "format %d and this server reads format %d; build it "
                 "again with this release's `formc build --module`", path,
                 *format, FB_FORMAT);
    } else if (!(f = entry()) || !f->slug) {
        snprintf(err, errlen, "form module %s returned no form; build it "
                 "again with `formc build --module`", path);
        f = NULL;
    } else if (!f->version || strcmp(f->version, version) != 0) {
        snprintf(err, errlen, "form module %s: its stamp says version %s "
                 "but its form says %s; build it again", path, version,
                 f->version ? f->version : "none");
        f = NULL;
    } else {
        char why[512];
        bool checked = fb_form_check(f, why, sizeof why) == 0;
        if (!checked || fb_form_init(f, why, sizeof why) != 0) {
            if (checked)
                fb_form_fini(f);
            snprintf(err, errlen, "form module %s: %s", path, why);
            f = NULL;
        }
    }
    if (!f) {
        dlclose(h);
        return -1;
    }
    out->handle = h;
    out->form = f;
    return 0;
}

/* Finishes the form and unloads the module. See modules.h. */
void
fb_module_unload(struct fb_module *m)
{
    if (m->form)
        fb_form_fini(m->form);
    if (m->handle)
        dlclose(m->handle);
    m->handle = NULL;
    m->form = NULL;
}
