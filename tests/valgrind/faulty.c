/* SPDX-License-Identifier: MIT */
/*
 * A program with the faults memcheck.sh must catch, so the valgrind suite
 * proves it would notice them: "leak" loses a block (a definite leak),
 * "read" reads the byte just past a block. Run as a test that must fail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the block lives until it is lost: volatile, so the compiler
 * cannot drop the allocation. */
static char *volatile kept;

int
main(int argc, char **argv)
{
    char *p = malloc(16);
    if (!p)
        return 1;
    memset(p, 'x', 16);
    if (argc > 1 && strcmp(argv[1], "read") == 0) {
        /* Read as a number, so the compiler cannot see the bound. */
        size_t past = strlen(argv[1]) * 4;
        volatile char c = p[past];
        printf("%d\n", c);
        free(p);
        return 0;
    }
    kept = p;
    kept = NULL; /* the block is lost */
    return 0;
}
