/* SPDX-License-Identifier: MIT */
/*
 * `formc graph` (cmd_graph.h). A page follows page i when every page
 * between them may be skipped (has a `when`); the first page without one
 * always comes, so the edges stop there, and when every later page may
 * be skipped the journey may go on to check your answers.
 */
#include "cmd_graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#include "buf.h"
#include "cmd_patterns.h"
#include "compiler.h"
#include "cond.h"
#include "frontend.h"
#include "lower.h"

/* Appends @p s as the inside of a dot string. */
static void
dot_string(struct fb_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fb_buf_putc(b, '\\');
        if (*s == '\n')
            fb_buf_puts(b, "\\n");
        else
            fb_buf_putc(b, *s);
    }
}

static void
edge(struct fb_buf *b, struct fb_arena *a, const char *from, const char *to,
     const struct fb_cond_desc *when)
{
    fb_buf_printf(b, "  \"%s\" -> \"%s\"", from, to);
    if (when) {
        fb_buf_puts(b, " [label=\"");
        dot_string(b, fb_cond_desc_text(a, when));
        fb_buf_puts(b, "\"]");
    }
    fb_buf_puts(b, ";\n");
}

/* The edges from @p from to what may follow page index @p after
 * (SIZE_MAX: the start). */
static void
edges_after(struct fb_buf *b, struct fb_arena *a, const struct fb_form_desc *f,
            const char *from, size_t after)
{
    for (size_t j = after + 1; j < f->n_pages; j++) {
        edge(b, a, from, f->pages[j].id, f->pages[j].when);
        if (!f->pages[j].when)
            return;
    }
    edge(b, a, from, "check-answers", NULL);
}

static void
graph(struct fb_buf *b, struct fb_arena *a, const struct fb_form_desc *f)
{
    fb_buf_puts(b, "digraph \"");
    dot_string(b, f->slug);
    fb_buf_puts(b, "\" {\n"
                   "  node [shape=box, fontname=\"sans-serif\"];\n"
                   "  edge [fontname=\"sans-serif\", fontsize=10];\n"
                   "  \"start\" [shape=oval, label=\"Start\"];\n");
    for (size_t i = 0; i < f->n_pages; i++) {
        const struct fb_page_desc *p = &f->pages[i];
        fb_buf_printf(b, "  \"%s\" [", p->id);
        if (p->exit)
            fb_buf_puts(b, "shape=octagon, ");
        fb_buf_printf(b, "label=\"%s\\n", p->id);
        dot_string(b, fb_i18n_get(&p->title, FB_LANG_EN));
        fb_buf_puts(b, "\"];\n");
    }
    fb_buf_puts(b, "  \"check-answers\" [shape=oval, "
                   "label=\"Check your answers\"];\n"
                   "  \"confirmation\" [shape=oval, label=\"Sent\"];\n");
    edges_after(b, a, f, "start", (size_t)-1);
    for (size_t i = 0; i < f->n_pages; i++)
        if (!f->pages[i].exit)
            edges_after(b, a, f, f->pages[i].id, i);
    fb_buf_puts(b, "  \"check-answers\" -> \"confirmation\";\n}\n");
}

/* Writes @p text through Graphviz's `dot -Tsvg` (found on PATH, run
 * without a shell) to standard output. */
static int
to_svg(const char *text)
{
    fflush(stdout);
    int fds[2];
    if (pipe(fds) != 0) {
        perror("formc: pipe");
        return 2;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[0], STDIN_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    char *const args[] = {"dot", "-Tsvg", NULL};
    pid_t pid;
    int err = posix_spawnp(&pid, "dot", &fa, NULL, args, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[0]);
    if (err == 0) {
        /* dot may stop reading early: its exit status says why. */
        (void)signal(SIGPIPE, SIG_IGN);
        size_t len = strlen(text);
        for (size_t off = 0; off < len;) {
            ssize_t w = write(fds[1], text + off, len - off);
            if (w <= 0)
                break;
            off += (size_t)w;
        }
    }
    close(fds[1]);
    int st = 0;
    if (err != 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
        WEXITSTATUS(st) != 0) {
        fputs("formc: --svg needs Graphviz's dot (apt-get install graphviz); "
              "without --svg formc graph prints the dot text\n", stderr);
        return 2;
    }
    return 0;
}

int
fb_cmd_graph(int argc, char **argv)
{
    const char *file = NULL, *patterns_dir = NULL;
    bool svg = false;
    for (int i = 1; i < argc; i++) {
        int r = fb_patterns_option(argc, argv, &i, &patterns_dir);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (strcmp(argv[i], "--svg") == 0) {
            svg = true;
        } else if (argv[i][0] == '-' || file) {
            fputs("usage: formc graph [--svg] [--patterns DIR] FORM.yaml\n",
                  stderr);
            return 2;
        } else {
            file = argv[i];
        }
    }
    if (!file) {
        fputs("usage: formc graph [--svg] [--patterns DIR] FORM.yaml\n",
              stderr);
        return 2;
    }
    struct fb_compiler c;
    fb_compiler_init(&c);
    c.patterns_dir = patterns_dir;
    struct fb_form *form = fb_front_end(&c, file);
    int status = 0;
    if (!form || c.n_errors > 0) {
        fb_diag_print_text(&c, stderr);
        status = 1;
        for (size_t d = 0; d < c.n_diags; d++)
            if (strcmp(c.diags[d].id, "io") == 0)
                status = 2;
    } else {
        struct fb_buf b;
        fb_buf_init(&b);
        graph(&b, &c.arena, fb_lower_form(&c, form)->desc);
        char *text = fb_buf_take(&b, NULL);
        if (!text) {
            fputs("formc: out of memory\n", stderr);
            status = 2;
        } else if (svg) {
            status = to_svg(text);
        } else {
            fputs(text, stdout);
        }
        free(text);
    }
    fb_compiler_free(&c);
    return status;
}
