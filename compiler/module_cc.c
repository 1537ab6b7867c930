/* SPDX-License-Identifier: MIT */
/*
 * Runs the system C compiler over a form's generated C. The generated C
 * holds only constant tables that need nothing but formbuilder/ headers,
 * so the module links no library: the server that loads it already has
 * libfbrt. No shell is involved: the compiler is spawned with its
 * arguments as written.
 */
#include "module_cc.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fb_config.h"

extern char **environ;

/* The directory holding formbuilder/form.h: this source tree's when
 * formc runs from it, else the installed one. */
static const char *
include_dir(void)
{
    struct stat st;
    if (stat(FB_SOURCE_INCLUDE_DIR "/formbuilder/module.h", &st) == 0)
        return FB_SOURCE_INCLUDE_DIR;
    return FB_INCLUDE_DIR;
}

static int
run(char *const argv[])
{
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
    if (rc != 0) {
        fprintf(stderr, "formc: cannot run the C compiler '%s': %s; "
                "install gcc or set CC\n", argv[0], strerror(rc));
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "formc: the C compiler '%s' failed on the "
                "generated module (above)\n", argv[0]);
        return -1;
    }
    return 0;
}

/* Compiles a form module. See module_cc.h. */
int
fb_module_compile(const char *dir, const char *slug)
{
    const char *cc = getenv("CC");
    if (!cc || !*cc)
        cc = "cc";
    size_t n = strlen(dir) + strlen(slug) + 32;
    char *src = malloc(n), *entry = malloc(n), *tmp = malloc(n),
         *out = malloc(n), *inc = malloc(strlen(include_dir()) + 3);
    int rc = -1;
    if (src && entry && tmp && out && inc) {
        snprintf(src, n, "%s/%s.c", dir, slug);
        snprintf(entry, n, "%s/%s.module.c", dir, slug);
        snprintf(tmp, n, "%s/.%s.so.tmp", dir, slug);
        snprintf(out, n, "%s/%s.so", dir, slug);
        snprintf(inc, strlen(include_dir()) + 3, "-I%s", include_dir());
        /* Tables only: optimising them buys nothing and costs the
         * preview's second. Hidden by default, so the module exports
         * the entry points alone. */
        char *argv[] = { (char *)cc, (char *)"-std=c11", (char *)"-O0",
                         (char *)"-fPIC", (char *)"-shared",
                         (char *)"-fvisibility=hidden", inc,
                         (char *)"-o", tmp, src, entry, NULL };
        rc = run(argv);
        if (rc == 0 && rename(tmp, out) != 0) {
            fprintf(stderr, "formc: cannot write %s: %s\n", out,
                    strerror(errno));
            rc = -1;
        }
        if (rc != 0)
            unlink(tmp);
    } else {
        fputs("formc: out of memory\n", stderr);
    }
    free(src);
    free(entry);
    free(tmp);
    free(out);
    free(inc);
    return rc;
}
