/* SPDX-License-Identifier: MIT */
/*
 * Out-of-memory injection for tests: a test program linked with
 * failmalloc_dep has malloc, calloc and realloc of its own objects and of
 * the static libraries it links (libfbrt, the server's) wrapped by the
 * linker (-Wl,--wrap), so one chosen allocation can be made to fail.
 * Nothing of this is in any production build: the library code is the
 * same, only the test's link differs.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/** Makes the @p n-th allocation from now fail (1: the next one), once;
 *  0 disarms. Resets failmalloc_fired(). */
void
failmalloc_fail_at(long n);

/** @returns true when an allocation has failed since failmalloc_fail_at()
 *  (so a loop over n knows it has passed the last allocation). */
bool
failmalloc_fired(void);

/* The wrappers the linker calls instead of the real functions. */
void *
__wrap_malloc(size_t size);
void *
__wrap_calloc(size_t n, size_t size);
void *
__wrap_realloc(void *p, size_t size);
