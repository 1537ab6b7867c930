/* SPDX-License-Identifier: MIT */
/*
 * Form version: a stable hash of a lowered form, run by `formc build`
 * after lowering and before any emitter, which all print the same
 * version. Every submission payload carries it.
 */
#pragma once

#include "compiler.h"
#include "lower.h"

/**
 * @returns the version of @p lw: FNV-1a 64 over a canonical serialisation
 * of its descriptors (everything the driver reads: conditions, rules and
 * their values, message ids and author texts, nouns, page items in order)
 * and the generator's version, as 16 lower-case hex digits in @p c's
 * arena. Same form -> same version on every machine; source layout and
 * locations do not count.
 */
const char *
fb_form_version(struct fb_compiler *c, const struct fb_lowered *lw);
