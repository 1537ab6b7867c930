/* SPDX-License-Identifier: MIT */
/*
 * fb-htmlcheck FILE...: runs the structural page checks (htmlcheck.h) on
 * each file, or on standard input when there are none or the name is "-",
 * and prints one "FILE:LINE: problem" line per problem. Used by the golden
 * page tests. Exit 0 when every page passes, 1 on problems, 2 on I/O errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "htmlcheck.h"

static void
print_problem(void *ud, long line, const char *message)
{
    printf("%s:%ld: %s\n", (const char *)ud, line, message);
}

/* Reads all of @p f; @returns a malloc'ed buffer or NULL on error. */
static char *
slurp(FILE *f, size_t *out_len)
{
    size_t cap = 65536, len = 0, n;
    char *buf = malloc(cap), *grown;

    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            grown = cap > ((size_t)-1) / 2 ? NULL : realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                return NULL;
            }
            buf = grown;
            cap *= 2;
        }
    }
    if (!buf || ferror(f)) {
        free(buf);
        return NULL;
    }
    *out_len = len;
    return buf;
}

/* @returns 0 when the page passes, 1 on problems, 2 when unreadable. */
static int
check_file(const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    const char *name = f == stdin ? "<stdin>" : path;
    size_t len = 0;
    char *html;

    if (!f) {
        fprintf(stderr, "fb-htmlcheck: %s: %s\n", path, strerror(errno));
        return 2;
    }
    html = slurp(f, &len);
    if (f != stdin)
        fclose(f);
    if (!html) {
        fprintf(stderr, "fb-htmlcheck: %s: cannot read\n", name);
        return 2;
    }
    len = fb_htmlcheck(html, len, print_problem, (void *)name);
    free(html);
    return len > 0 ? 1 : 0;
}

int
main(int argc, char **argv)
{
    int worst = 0;

    if (argc < 2)
        return check_file("-");
    for (int i = 1; i < argc; i++) {
        int rc = check_file(argv[i]);
        if (rc > worst)
            worst = rc;
    }
    return worst;
}
