/* SPDX-License-Identifier: MIT */
/*
 * main() for a fuzz target built without libFuzzer: runs the target once
 * on every file named, or in a folder named, on the command line (the
 * seed corpus and the regression inputs), in name order, as SQLite's
 * test/fuzzcheck.c replays its database of past crashers. A finding
 * aborts, so the test fails with the input's name on stderr. Exit 77
 * (skipped) when no input exists, so an empty folder is never a pass.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Inputs beyond this are not fuzz inputs (libFuzzer's -max_len is far
 * smaller); refusing them keeps a stray large file from hiding. */
#define MAX_INPUT_BYTES (4 * 1024 * 1024)

static int
run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    unsigned char *data = malloc(MAX_INPUT_BYTES);
    size_t n = data ? fread(data, 1, MAX_INPUT_BYTES, f) : 0;
    int bad = !data || ferror(f) || !feof(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "%s: cannot read it whole\n", path);
        free(data);
        return -1;
    }
    fprintf(stderr, "replay %s (%zu bytes)\n", path, n);
    /* A copy of exactly n bytes, so ASan sees reads past the input. */
    unsigned char *exact = malloc(n ? n : 1);
    if (!exact) {
        free(data);
        return -1;
    }
    memcpy(exact, data, n);
    free(data);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    return 0;
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file in @p dir. @returns how many, or -1. */
static long
run_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown)
                abort();
            names = grown;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            abort();
        snprintf(names[n], len, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    long ran = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            if (run_file(names[i]) != 0)
                ran = -1;
            else if (ran >= 0)
                ran++;
        }
        free(names[i]);
    }
    free(names);
    return ran;
}

/* libFuzzer calls LLVMFuzzerInitialize() only where a target defines it;
 * this stands in for the targets that do not. */
__attribute__((weak)) int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int
main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    long total = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            /* A target without regressions yet has no folder for them. */
            continue;
        }
        long ran = S_ISDIR(st.st_mode) ? run_dir(argv[i])
                                       : run_file(argv[i]) == 0;
        if (ran < 0)
            return 1;
        total += ran;
    }
    printf("%ld inputs replayed\n", total);
    return total ? 0 : 77;
}
