/* SPDX-License-Identifier: MIT */
/*
 * The payment worker: a thread with its own store handle that re-checks
 * with the provider the payments residents never came back from (so a
 * success is recorded and delivered even if the server stopped between
 * the provider's success and our commit), gives up on ones left unpaid
 * for pay_abandon (freeing their booking's place, delivering
 * nothing), and makes the refunds of cancelled bookings, retrying each
 * until the provider takes it (pay.h).
 */
#pragma once

#include <stddef.h>

#include "outbox.h"
#include "registry.h"

struct fb_pay_worker;

/** Starts the worker over the store at @p db. @returns it, or NULL with
 *  a message in @p err. */
struct fb_pay_worker *
fb_pay_worker_start(const struct fb_outbox_config *cfg, const char *db,
                    const struct fb_registry *forms, unsigned interval,
                    char *err, size_t errlen);

/** Runs one round now on @p s (the caller's handle): for tests and the
 *  thread. @returns how many payments it changed, or -1 when the store
 *  failed. */
int
fb_pay_worker_round(struct fb_store *s, const struct fb_outbox_config *cfg,
                    const struct fb_forms *forms, long long now);

/** Stops the thread after the round in progress and frees @p w. */
void
fb_pay_worker_stop(struct fb_pay_worker *w);
