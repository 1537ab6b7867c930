/* SPDX-License-Identifier: MIT */
/*
 * The allocation wrappers of failmalloc.h: count allocations since the
 * test armed them and return NULL for the chosen one. ld's --wrap sends
 * every call to malloc in the linked objects here and __real_malloc to
 * the C library's (or a sanitizer's) malloc. Not thread-safe: the tests
 * that use it run one thread.
 */
#include "failmalloc.h"

void *
__real_malloc(size_t size);
void *
__real_calloc(size_t n, size_t size);
void *
__real_realloc(void *p, size_t size);

static long countdown; /* allocations until the one that fails; 0: none */
static bool fired;

void
failmalloc_fail_at(long n)
{
    countdown = n > 0 ? n : 0;
    fired = false;
}

bool
failmalloc_fired(void)
{
    return fired;
}

/* @returns true when this allocation is the one to fail. */
static bool
fail_now(void)
{
    if (countdown == 0 || --countdown > 0)
        return false;
    fired = true;
    return true;
}

void *
__wrap_malloc(size_t size)
{
    return fail_now() ? NULL : __real_malloc(size);
}

void *
__wrap_calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : __real_calloc(n, size);
}

void *
__wrap_realloc(void *p, size_t size)
{
    return fail_now() ? NULL : __real_realloc(p, size);
}
