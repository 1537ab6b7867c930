/* SPDX-License-Identifier: MIT */
/*
 * What every fuzz target defines: libFuzzer's entry point. Each target is
 * linked twice, with libFuzzer (-Dfuzz=true, clang) and with replay.c,
 * whose main() feeds it the checked-in corpus and regression inputs so
 * every build, gcc's too, runs them. A target aborts on any finding
 * (a broken property it checks, or what the sanitizers catch).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Called once before the first input, where a target defines it. */
int
LLVMFuzzerInitialize(int *argc, char ***argv);

/* Stops the run with @p what when a property a target checks fails. */
#define FUZZ_ASSERT(cond, what) \
    do { \
        if (!(cond)) \
            fuzz_fail(__FILE__, __LINE__, (what)); \
    } while (0)

_Noreturn void
fuzz_fail(const char *file, int line, const char *what);
