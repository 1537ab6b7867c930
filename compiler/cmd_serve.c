/* SPDX-License-Identifier: MIT */
/*
 * `formc serve`: live preview. Builds each form into a module in a
 * temporary directory (this formc run as `formc build --module`, one form
 * at a time, so one broken form leaves the others served), and runs the
 * real server over that directory in preview mode (`formbuilder serve
 * --forms DIR --preview`: a temporary database, nothing delivered). With
 * --watch it looks at the form files ten times a second and rebuilds one
 * that changed; the server notices the new module by itself. A form that
 * fails to build has its diagnostics printed here and written beside the
 * modules, where the server shows them instead of the form.
 */
#include "cmd_serve.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "formbuilder/module.h"

extern char **environ;

struct source {
    char *path;
    char stem[256];            /* the slug the file must hold */
    struct timespec mtime;     /* as last built */
    off_t size;
    bool seen;
};

struct serve {
    const char *port;
    const char *today;         /* --today, or NULL */
    const char *patterns;      /* --patterns, or NULL */
    bool watch;
    const char **args;         /* the DIRs and FORM.yaml files given */
    size_t n_args;
    struct source *src;
    size_t n_src;
    char tmp[64];              /* the preview's own directory */
    char forms[128];           /* tmp/forms: the modules */
    char self[PATH_MAX];       /* this formc */
};

static void
serve_usage(FILE *out)
{
    fputs("usage: formc serve [--port P] [--watch] [--today YYYY-MM-DD] "
          "[--patterns DIR]\n"
          "                   DIR|FORM.yaml...\n", out);
}

static bool
is_yaml(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.'
           && ((n > 5 && strcmp(name + n - 5, ".yaml") == 0)
               || (n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

/* Adds @p path unless it is there already. @returns 0 or -1. */
static int
add_source(struct serve *s, const char *path)
{
    for (size_t i = 0; i < s->n_src; i++)
        if (strcmp(s->src[i].path, path) == 0) {
            s->src[i].seen = true;
            return 0;
        }
    struct source *grown = realloc(s->src, (s->n_src + 1) * sizeof *grown);
    if (!grown)
        return -1;
    s->src = grown;
    struct source *src = &s->src[s->n_src];
    memset(src, 0, sizeof *src);
    if (!(src->path = strdup(path)))
        return -1;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(src->stem, sizeof src->stem, "%.*s",
             (int)(strlen(base) - (strstr(base, ".yml") ? 4 : 5)), base);
    src->seen = true;
    s->n_src++;
    return 0;
}

/* Finds the form files: each FORM.yaml given, and the YAML files of each
 * DIR given (not its lists/ or patterns/, which are not forms). A file
 * gone from a directory is dropped. @returns 0, or -1 after saying why. */
static int
find_sources(struct serve *s)
{
    for (size_t i = 0; i < s->n_src; i++)
        s->src[i].seen = false;
    for (size_t a = 0; a < s->n_args; a++) {
        struct stat st;
        if (stat(s->args[a], &st) != 0) {
            fprintf(stderr, "formc serve: %s: %s\n", s->args[a],
                    strerror(errno));
            return -1;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (add_source(s, s->args[a]) != 0)
                return -1;
            continue;
        }
        DIR *d = opendir(s->args[a]);
        if (!d) {
            fprintf(stderr, "formc serve: %s: %s\n", s->args[a],
                    strerror(errno));
            return -1;
        }
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!is_yaml(e->d_name))
                continue;
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/%s", s->args[a], e->d_name);
            if (add_source(s, path) != 0) {
                closedir(d);
                return -1;
            }
        }
        closedir(d);
    }
    return 0;
}

/* Runs @p argv with standard output and error going to @p out_fd (or
 * inherited when -1). @returns its pid, or -1. */
static pid_t
spawn(char *const argv[], int out_fd, bool new_group)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    if (out_fd >= 0) {
        posix_spawn_file_actions_adddup2(&fa, out_fd, STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&fa, out_fd, STDERR_FILENO);
    }
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    short flags = POSIX_SPAWN_SETSIGMASK;
    if (new_group) {
        /* Ctrl-C reaches formc alone, which stops the server in order. */
        posix_spawnattr_setpgroup(&attr, 0);
        flags |= POSIX_SPAWN_SETPGROUP;
    }
    posix_spawnattr_setflags(&attr, flags);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        fprintf(stderr, "formc serve: cannot run %s: %s\n", argv[0],
                strerror(rc));
        return -1;
    }
    return pid;
}

static int
wait_exit(pid_t pid)
{
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Writes @p n bytes of @p text to @p path through a temporary name. */
static void
write_atomically(const char *path, const char *text, size_t n)
{
    char tmp[PATH_MAX + 8];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return;
    bool ok = fwrite(text, 1, n, f) == n;
    if (fclose(f) != 0 || !ok || rename(tmp, path) != 0)
        unlink(tmp);
}

/*
 * Builds one form into the modules directory with this formc, printing
 * its diagnostics; on failure they are also written to SLUG.diagnostics,
 * which the server shows instead of the form, and removed on success.
 */
static void
build_source(struct serve *s, struct source *src)
{
    struct stat st;
    if (stat(src->path, &st) == 0) {
        src->mtime = st.st_mtim;
        src->size = st.st_size;
    }
    char log[PATH_MAX];
    snprintf(log, sizeof log, "%s/build.log", s->tmp);
    int fd = open(log, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    char *argv[10];
    size_t n = 0;
    argv[n++] = s->self;
    argv[n++] = (char *)"build";
    argv[n++] = (char *)"--module";
    if (s->patterns) {
        argv[n++] = (char *)"--patterns";
        argv[n++] = (char *)s->patterns;
    }
    argv[n++] = src->path;
    argv[n++] = (char *)"-o";
    argv[n++] = s->forms;
    argv[n] = NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = spawn(argv, fd, false);
    int rc = pid > 0 ? wait_exit(pid) : -1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    off_t len = lseek(fd, 0, SEEK_END);
    char *text = len > 0 ? malloc((size_t)len + 1) : NULL;
    if (text && pread(fd, text, (size_t)len, 0) == len)
        text[len] = '\0';
    else if (text) {
        free(text);
        text = NULL;
    }
    close(fd);
    unlink(log);
    if (text)
        fputs(text, stderr);
    char diag[PATH_MAX];
    snprintf(diag, sizeof diag, "%s/%s" FB_MODULE_DIAGNOSTICS_SUFFIX, s->forms,
             src->stem);
    if (rc == 0) {
        unlink(diag);
        long ms = (t1.tv_sec - t0.tv_sec) * 1000
                  + (t1.tv_nsec - t0.tv_nsec) / 1000000;
        fprintf(stderr, "formc serve: built %s in %ld ms\n", src->path, ms);
    } else {
        const char *none = "formc could not build this form (no "
                           "diagnostics were printed).\n";
        write_atomically(diag, text ? text : none,
                         strlen(text ? text : none));
        fprintf(stderr, "formc serve: %s has errors; the preview shows "
                "them instead of the form\n", src->path);
    }
    free(text);
}

static bool
changed(const struct source *src)
{
    struct stat st;
    return stat(src->path, &st) == 0
           && (st.st_mtim.tv_sec != src->mtime.tv_sec
               || st.st_mtim.tv_nsec != src->mtime.tv_nsec
               || st.st_size != src->size);
}

/* Rebuilds what changed and drops what is gone. */
static void
rebuild_changed(struct serve *s)
{
    if (find_sources(s) != 0)
        return;
    for (size_t i = 0; i < s->n_src; i++) {
        struct source *src = &s->src[i];
        if (!src->seen) {
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/%s.so", s->forms, src->stem);
            unlink(path);
            snprintf(path, sizeof path, "%s/%s" FB_MODULE_DIAGNOSTICS_SUFFIX,
                     s->forms, src->stem);
            unlink(path);
            fprintf(stderr, "formc serve: %s is gone; no longer served\n",
                    src->path);
            free(src->path);
            *src = s->src[--s->n_src];
            i--;
        } else if (changed(src)) {
            build_source(s, src);
        }
    }
}

/* Finds the formbuilder program: $FORMBUILDER, beside this formc
 * (installed), or where the build tree puts it. */
static bool
find_server(const struct serve *s, char *out, size_t cap)
{
    const char *env = getenv("FORMBUILDER");
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return access(out, X_OK) == 0;
    }
    char dir[PATH_MAX - 64];
    if ((size_t)snprintf(dir, sizeof dir, "%s", s->self) >= sizeof dir)
        return false;
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    snprintf(out, cap, "%s/formbuilder", dir);
    if (access(out, X_OK) == 0)
        return true;
    snprintf(out, cap, "%s/../runtime/server/formbuilder", dir);
    return access(out, X_OK) == 0;
}

/* Empties and removes the preview's directory (two levels, no links
 * followed: only what this command and the server wrote is there). */
static void
remove_tree(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            struct stat st;
            if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth > 0)
                remove_tree(path, depth - 1);
            else
                unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

static int
parse_args(int argc, char **argv, struct serve *s)
{
    s->port = "8080";
    s->args = calloc((size_t)argc, sizeof *s->args);
    if (!s->args)
        return 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--port") == 0       ? &s->port
                            : strcmp(a, "--today") == 0    ? &s->today
                            : strcmp(a, "--patterns") == 0 ? &s->patterns
                                                           : NULL;
        if (slot) {
            if (i + 1 >= argc) {
                fprintf(stderr, "formc serve: %s needs a value\n", a);
                return 2;
            }
            *slot = argv[++i];
        } else if (strcmp(a, "--watch") == 0) {
            s->watch = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "formc serve: unknown option '%s'\n", a);
            serve_usage(stderr);
            return 2;
        } else {
            s->args[s->n_args++] = a;
        }
    }
    char *end;
    long port = strtol(s->port, &end, 10);
    if (!*s->port || *end || port < 0 || port > 65535) {
        fprintf(stderr, "formc serve: --port takes a number from 0 to "
                "65535, not '%s'\n", s->port);
        return 2;
    }
    if (s->today && (strlen(s->today) != 10 || s->today[4] != '-'
                     || s->today[7] != '-')) {
        fprintf(stderr, "formc serve: --today takes a date like "
                "2026-12-01, not '%s'\n", s->today);
        return 2;
    }
    if (s->n_args == 0) {
        fputs("formc serve: give a directory of forms or form files\n",
              stderr);
        serve_usage(stderr);
        return 2;
    }
    return 0;
}

/* Builds everything, runs the server and, with --watch, rebuilds. */
static int
serve(struct serve *s)
{
    char server[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", s->self, sizeof s->self - 1);
    if (n <= 0) {
        fprintf(stderr, "formc serve: cannot find this program: %s\n",
                strerror(errno));
        return 2;
    }
    s->self[n] = '\0';
    if (!find_server(s, server, sizeof server)) {
        fputs("formc serve: cannot find the formbuilder server beside "
              "formc; set FORMBUILDER to its path\n", stderr);
        return 2;
    }
    if (find_sources(s) != 0)
        return 2;
    if (s->n_src == 0 && !s->watch) {
        fputs("formc serve: no form files to preview; give FORM.yaml "
              "files, or a directory with --watch to add them later\n",
              stderr);
        return 2;
    }
    snprintf(s->tmp, sizeof s->tmp, "/tmp/formc-serve-XXXXXX");
    if (!mkdtemp(s->tmp)) {
        fprintf(stderr, "formc serve: cannot create a directory under "
                "/tmp: %s\n", strerror(errno));
        return 2;
    }
    snprintf(s->forms, sizeof s->forms, "%s/forms", s->tmp);
    mkdir(s->forms, 0700);
    for (size_t i = 0; i < s->n_src; i++)
        build_source(s, &s->src[i]);

    char db[128], now[32];
    snprintf(db, sizeof db, "%s/preview.db", s->tmp);
    setenv("FORMBUILDER_DB", db, 1);
    setenv("FORMBUILDER_PORT", s->port, 1);
    setenv("FORMBUILDER_LISTEN", "127.0.0.1", 1);
    /* Not a line per request: the terminal is the author's. */
    setenv("FORMBUILDER_LOG_LEVEL", "warn", 0);
    if (s->today) {
        /* The server's clock starts at noon on that day. */
        snprintf(now, sizeof now, "%sT12:00:00Z", s->today);
        setenv("FB_TEST_NOW", now, 1);
    }
    sigset_t sigs, old;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGCHLD);
    sigprocmask(SIG_BLOCK, &sigs, &old);
    char *argv[] = { server, (char *)"serve", (char *)"--forms", s->forms,
                     (char *)"--preview", NULL };
    pid_t pid = spawn(argv, -1, true);
    int status = 1;
    if (pid > 0) {
        fprintf(stderr, "formc serve: previewing %zu form%s on "
                "http://127.0.0.1:%s/ from a temporary copy (%s); Ctrl-C "
                "stops%s\n", s->n_src, s->n_src == 1 ? "" : "s", s->port,
                s->tmp, s->watch ? "; saved changes are rebuilt" : "");
        const struct timespec tick = { 0, 100L * 1000 * 1000 };
        for (;;) {
            int sig = sigtimedwait(&sigs, NULL, &tick);
            int st;
            if (sig == SIGCHLD && waitpid(pid, &st, WNOHANG) == pid) {
                status = WIFEXITED(st) ? WEXITSTATUS(st) : 1;
                pid = -1;
                break;
            }
            if (sig == SIGINT || sig == SIGTERM) {
                status = 0;
                break;
            }
            if (s->watch)
                rebuild_changed(s);
        }
        if (pid > 0) {
            kill(pid, SIGTERM);
            wait_exit(pid);
        }
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    remove_tree(s->tmp, 1);
    return status;
}

int
fb_cmd_serve(int argc, char **argv)
{
    struct serve s;
    memset(&s, 0, sizeof s);
    int status = parse_args(argc, argv, &s);
    if (status == 0)
        status = serve(&s);
    for (size_t i = 0; i < s.n_src; i++)
        free(s.src[i].path);
    free(s.src);
    free(s.args);
    return status;
}
