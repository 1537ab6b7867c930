/* SPDX-License-Identifier: MIT */
/*
 * Retention: deletes each form's submissions older than its
 * retention_days, and sessions idle for longer than the idle limit. Run by
 * `formbuilder purge` and, on a schedule, by the server's writer thread.
 */
#pragma once

#include <stddef.h>

#include "formbuilder/form.h"
#include "store.h"

/**
 * Purges submissions of every form in @p forms that has a retention
 * period, as of @p now (Unix seconds). Forms without one are kept.
 * @returns 0 with *out_deleted set, or -1 when the store failed (forms
 * purged before the failure stay purged).
 */
int
fb_purge_submissions(struct fb_store *store,
                     const struct fb_form_desc *const *forms, size_t n_forms,
                     long long now, size_t *out_deleted);

/**
 * Deletes sessions not saved for @p idle seconds as of @p now.
 * @returns 0 with *out_deleted set, or -1 when the store failed.
 */
int
fb_purge_sessions(struct fb_store *store, long long now, unsigned idle,
                  size_t *out_deleted);
