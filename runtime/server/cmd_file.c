/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder file get HASH` (cmd_file.h).
 */
#include "cmd_file.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "upload_store.h"

static int
usage(void)
{
    fputs("usage: formbuilder file get SHA256 [--config FILE] > FILE\n",
          stderr);
    return 2;
}

int
fb_cmd_file(int argc, char **argv, const struct fb_config *cfg, FILE *out)
{
    const char *hash = NULL;
    if (argc < 2 || strcmp(argv[1], "get") != 0)
        return usage();
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            i++;
        else if (!hash)
            hash = argv[i];
        else
            return usage();
    }
    if (!hash)
        return usage();
    int fd = fb_files_open(cfg->files_dir, hash);
    if (fd < 0) {
        fprintf(stderr, "formbuilder file get: %s\n",
                errno == EINVAL ? "not a sha256 (64 hex digits, lower case)"
                : errno == ENOENT ? "no such file (removed by the retention "
                                    "purge, or never uploaded here)"
                                  : strerror(errno));
        return 1;
    }
    char buf[65536];
    ssize_t n;
    int rc = 0;
    while ((n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || fwrite(buf, 1, (size_t)n, out) != (size_t)n) {
            fprintf(stderr, "formbuilder file get: %s\n", strerror(errno));
            rc = 1;
            break;
        }
    }
    close(fd);
    if (fflush(out) != 0)
        rc = 1;
    return rc;
}
