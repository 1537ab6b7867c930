/* SPDX-License-Identifier: MIT */
/*
 * The one way a fuzz target reports a broken property: a message, then
 * abort(), which libFuzzer records as a crash with its input.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

_Noreturn void
fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what);
    abort();
}
