/* SPDX-License-Identifier: MIT */
/*
 * The forms this server hosts. Either the forms compiled into it (`formc
 * registry` writes the two symbols below from the generated descriptors)
 * or the form modules in a directory (`serve --forms DIR`, modules.h),
 * loaded at start and again on fb_registry_reload(). Each load publishes
 * a new immutable set (struct fb_forms) with one atomic pointer swap.
 * A thread reads sets and the forms they hold only inside a read section
 * (fb_forms_read_begin()): a request from its first call to its end
 * (http.c), the writer's maintenance, each outbox and payment round. A
 * journey begun on a version keeps it (journey.c) while its session or
 * saved journey can come back; fb_registry_collect() then unloads it,
 * once every section that could have seen it has ended (registry.c).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "formbuilder/form.h"
struct fb_outbox_config;
struct fb_store;

/* Every compiled form, in the order the index lists them. */
extern const struct fb_form_desc *const fb_registered_forms[];
/* How many entries fb_registered_forms holds. */
extern const size_t fb_n_registered_forms;

/* Rate limits count per form slot; slots are never reused, and a form
 * past the last slot has no per-form limit (ratelimit.h). */
#define FB_REGISTRY_SLOTS 1024

/* One published set of forms; never changes once published. */
struct fb_forms {
    const struct fb_form_desc *const *forms; /* current, ordered by slug */
    size_t n_forms;
    const size_t *slots;     /* forms[i]'s slot, stable across reloads */
    /* Every version loaded since start, current ones included: the
     * versions journeys in progress may be pinned to. */
    const struct fb_form_desc *const *all;
    size_t n_all;
};

struct fb_registry;

/**
 * A registry of the @p n forms compiled in (@p forms, which must outlive
 * it), each checked (format, names) and initialised; their booking
 * calendars and the secrets their targets need (@p ocfg; NULL checks
 * none: a command that delivers nothing) are checked.
 * @returns it, or NULL with why in @p err: one bad built-in form stops
 * the server, as it always has.
 */
struct fb_registry *
fb_registry_builtin(const struct fb_form_desc *const *forms, size_t n,
                    const struct fb_outbox_config *ocfg, char *err,
                    size_t errlen);

/**
 * A registry of the form modules (NAME.so) in directory @p dir, loaded
 * now; a module that cannot be loaded is logged, naming its file, and
 * left out, and the others still load. A module whose targets need a
 * secret not set (@p ocfg) is refused; a NULL @p ocfg (a preview, which
 * delivers nothing) checks none.
 * @returns it (even with no form), or NULL with why in @p err when @p dir
 * cannot be read or memory runs out.
 */
struct fb_registry *
fb_registry_open(const char *dir, const struct fb_outbox_config *ocfg,
                 char *err, size_t errlen);

/**
 * Scans the directory again: loads new and changed modules, drops forms
 * whose file is gone, and publishes the new set. A changed module that
 * is refused leaves its form on the version already loaded. Call from
 * one thread at a time. A registry of built-in forms has nothing to
 * reload. @returns how many forms changed, were added or dropped.
 */
size_t
fb_registry_reload(struct fb_registry *r);

/** @returns the directory a registry loads from, or NULL (built in). */
const char *
fb_registry_dir(const struct fb_registry *r);

/** @returns the set published last. Any thread. */
const struct fb_forms *
fb_registry_forms(const struct fb_registry *r);

/** @returns the current form of @p s whose slug is the @p len bytes at
 *  @p slug, or NULL. */
const struct fb_form_desc *
fb_forms_find(const struct fb_forms *s, const char *slug, size_t len);

/** @returns the slot of form @p f (any version of it) in @p s, or
 *  FB_REGISTRY_SLOTS when @p s serves no form of its slug. */
size_t
fb_forms_slot(const struct fb_forms *s, const struct fb_form_desc *f);

/** @returns the loaded version @p version of form @p slug, or NULL. */
const struct fb_form_desc *
fb_forms_find_version(const struct fb_forms *s, const char *slug,
                      const char *version);

/** @returns whether more than one version of form @p slug is loaded (so
 *  a journey's pinned version must be looked up). */
bool
fb_forms_has_versions(const struct fb_forms *s, const char *slug);

/**
 * Opens a read section: until fb_forms_read_end() with the ticket it
 * returns, no set this thread loads, nor any form version in one, is
 * freed. Any thread; cheap (one atomic add); sections may nest.
 */
unsigned
fb_forms_read_begin(void);

/** Closes the read section fb_forms_read_begin() returned @p ticket for;
 *  any thread may close it. */
void
fb_forms_read_end(unsigned ticket);

/**
 * Unloads the old versions (not current) nothing can come back to: none
 * that @p store's version_pinned says a session saved at or after
 * @p sessions_after, or a saved journey not expired at @p now, records;
 * and frees the sets reloads replaced. They are unpublished now and
 * freed (each version logged) when every read section that could see
 * them has ended: now, or on a later call. The thread that reloads
 * calls it; a registry of built-in forms has nothing to unload.
 * @returns how many versions it unloaded.
 */
size_t
fb_registry_collect(struct fb_registry *r, struct fb_store *store,
                    long long now, long long sessions_after);

/** Frees every set, finishes every form and unloads every module. Call
 *  once nothing uses them. NULL is a no-op. */
void
fb_registry_free(struct fb_registry *r);
