/* SPDX-License-Identifier: MIT */
/*
 * Form modules through the real server: `formc build --module` writes
 * them, `formbuilder serve --forms DIR` loads them, refuses broken and
 * foreign ones by name, reloads on SIGHUP and when DIR changes, and keeps
 * a journey begun before a reload on the version it began on; and `formc
 * serve --watch`, the preview over them, through the same server.
 * Arguments: the formbuilder binary, formc, and the source directory.
 */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static const char *formc_exe;
static const char *source_dir;
static struct fbt_server srv;
static char forms_dir[400];

static void
teardown(void)
{
    fbt_server_cleanup(&srv);
}

/* Runs the command @p fmt makes of its arguments with /bin/sh.
 * @returns its exit status. */
__attribute__((format(printf, 1, 2)))
static int
shell(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Builds tests/integration/modules/@p version's form into @p dir. */
static void
build_version(const char *version, const char *dir)
{
    char yaml[600];
    snprintf(yaml, sizeof yaml,
             "%s/tests/integration/modules/%s/pick-a-colour.yaml",
             source_dir, version);
    ck_assert_int_eq(shell("'%s' build --module '%s' -o '%s' >&2",
                           formc_exe, yaml, dir), 0);
}

/* The version a module was stamped with, read from its entry points. */
static char *
module_version(const char *dir)
{
    char path[600], line[512];
    snprintf(path, sizeof path, "%s/pick-a-colour.module.c", dir);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    char *v = NULL;
    while (!v && fgets(line, sizeof line, f)) {
        char *p = strstr(line, "fb_module_version[] = \"");
        if (p) {
            p += strlen("fb_module_version[] = \"");
            p[strcspn(p, "\"")] = '\0';
            v = strdup(p);
        }
    }
    fclose(f);
    ck_assert_ptr_nonnull(v);
    return v;
}

static char *
read_log(void)
{
    FILE *f = fopen(srv.log, "r");
    ck_assert_ptr_nonnull(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void
sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&t, NULL);
}

/* Waits (up to 10 s: a bound, not a measurement) until a fresh visitor's
 * colour page does or does not offer @p option. */
static bool
wait_for_option(const char *option, bool present)
{
    for (int i = 0; i < 1000; i++) {
        struct fbt_client c;
        fbt_client_init(&c, &srv);
        struct fbt_response r;
        bool has = fbt_get(&c, "/pick-a-colour/colour", &r) == CURLE_OK
                   && r.status == 200 && strstr(r.body, option) != NULL;
        fbt_response_free(&r);
        fbt_client_free(&c);
        if (has == present)
            return true;
        sleep_ms(10);
    }
    return false;
}

static bool
page_has(struct fbt_client *c, const char *path, const char *text)
{
    struct fbt_response r;
    bool has = fbt_get(c, path, &r) == CURLE_OK && r.status == 200
               && strstr(r.body, text) != NULL;
    fbt_response_free(&r);
    return has;
}

/* Starts the server on a directory holding version 1, with @p env
 * (NAME=VALUE, or NULL) set. */
static void
start_on_v1_with(const char *env)
{
    fbt_server_init(&srv);
    srv.env[0] = env;
    snprintf(forms_dir, sizeof forms_dir, "%s/forms", srv.dir);
    ck_assert_int_eq(mkdir(forms_dir, 0755), 0);
    build_version("v1", forms_dir);
    srv.forms = forms_dir;
    fbt_server_start(&srv);
}

static void
start_on_v1(void)
{
    start_on_v1_with(NULL);
}

/* Sends check your answers to the action it names (with its submit
 * token) and expects the confirmation. */
static void
submit(struct fbt_client *c)
{
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(c, "/pick-a-colour/check-answers", &r),
                     CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    char *action = fbt_action(r.body);
    fbt_response_free(&r);
    ck_assert_ptr_nonnull(action);
    char *loc = NULL;
    ck_assert_int_eq(fbt_answer_to(c, "/pick-a-colour/check-answers",
                                   action, "", &loc), 303);
    ck_assert_ptr_nonnull(loc);
    ck_assert_ptr_nonnull(strstr(loc, "confirmation"));
    free(loc);
    free(action);
}

START_TEST(broken_and_foreign_modules_are_refused_by_name)
{
    fbt_server_init(&srv);
    snprintf(forms_dir, sizeof forms_dir, "%s/forms", srv.dir);
    ck_assert_int_eq(mkdir(forms_dir, 0755), 0);
    build_version("v1", forms_dir);
    /* Not an object file at all. */
    ck_assert_int_eq(shell("echo not a module > '%s/broken.so'",
                           forms_dir), 0);
    /* A shared object, but not a form module. */
    ck_assert_int_eq(shell("echo 'int x = 1;' > '%s/x.c' && cc -shared "
                           "-fPIC -o '%s/plain.so' '%s/x.c'", forms_dir,
                           forms_dir, forms_dir), 0);
    /* A form module stamped with another descriptor format. */
    ck_assert_int_eq(shell("printf 'const int fb_module_format = 9999;\\n"
                           "const char fb_module_version[] = \"1\";\\n"
                           "const void *fb_module_form(void) { return 0; }"
                           "\\n' > '%s/old.c' && cc -shared -fPIC -o "
                           "'%s/old-format.so' '%s/old.c'", forms_dir,
                           forms_dir, forms_dir), 0);
    srv.forms = forms_dir;
    fbt_server_start(&srv);
    const char *log = read_log();
    ck_assert_ptr_nonnull(strstr(log, "broken.so is not a loadable shared "
                                      "object"));
    ck_assert_ptr_nonnull(strstr(log, "plain.so is not a form module"));
    ck_assert_ptr_nonnull(strstr(log, "old-format.so was built for "
                                      "descriptor format 9999"));
    /* The good one still loads. */
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    ck_assert(page_has(&c, "/", "/pick-a-colour/"));
    ck_assert(page_has(&c, "/pick-a-colour/colour", "Blue"));
    fbt_client_free(&c);
}
END_TEST

START_TEST(journeys_in_flight_keep_their_version_across_sighup)
{
    start_on_v1();
    char *v1 = module_version(forms_dir);
    struct fbt_client a;
    fbt_client_init(&a, &srv);
    char *loc = NULL;
    ck_assert_int_eq(fbt_answer(&a, "/pick-a-colour/colour", "colour=blue",
                                &loc), 303);
    ck_assert_str_eq(loc, "/pick-a-colour/name");
    free(loc);

    /* Version 2, built elsewhere and moved in; the server told by
     * SIGHUP (the directory watch may see it first: either reloads). */
    char staging[450];
    snprintf(staging, sizeof staging, "%s/staging", srv.dir);
    ck_assert_int_eq(mkdir(staging, 0755), 0);
    build_version("v2", staging);
    char *v2 = module_version(staging);
    ck_assert_str_ne(v1, v2);
    ck_assert_int_eq(shell("mv '%s/pick-a-colour.so' '%s/'", staging,
                           forms_dir), 0);
    kill(srv.pid, SIGHUP);
    ck_assert(wait_for_option("Green", true));

    /* The journey begun on version 1 stays on it, over the connection
     * it had before the reload: blue is still offered and accepted, and
     * no shade page is asked. */
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&a, "/pick-a-colour/colour", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 200);
    ck_assert_int_eq(r.connects, 0);     /* kept alive through SIGHUP */
    ck_assert_ptr_nonnull(strstr(r.body, "Blue"));
    fbt_response_free(&r);
    ck_assert(!page_has(&a, "/pick-a-colour/colour", "Green"));
    ck_assert_int_eq(fbt_answer(&a, "/pick-a-colour/name",
                                "full_name=Ada+Lovelace", &loc), 303);
    ck_assert_str_eq(loc, "/pick-a-colour/check-answers");
    free(loc);
    ck_assert(page_has(&a, "/pick-a-colour/check-answers", "Blue"));
    submit(&a);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                      "WHERE form_version = ?1 AND answers "
                                      "LIKE '%\"blue\"%'", v1), 1);

    /* A new journey, even in the same session, is on version 2. */
    ck_assert(page_has(&a, "/pick-a-colour/colour", "Green"));
    struct fbt_client b;
    fbt_client_init(&b, &srv);
    ck_assert_int_eq(fbt_answer(&b, "/pick-a-colour/colour", "colour=blue",
                                NULL), 422);   /* no longer an option */
    ck_assert_int_eq(fbt_answer(&b, "/pick-a-colour/colour", "colour=green",
                                &loc), 303);
    ck_assert_str_eq(loc, "/pick-a-colour/shade");
    free(loc);
    ck_assert_int_eq(fbt_answer(&b, "/pick-a-colour/shade", "shade=olive",
                                NULL), 303);
    ck_assert_int_eq(fbt_answer(&b, "/pick-a-colour/name",
                                "full_name=Grace+Hopper", NULL), 303);
    submit(&b);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                      "WHERE form_version = ?1 AND answers "
                                      "LIKE '%\"olive\"%'", v2), 1);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions",
                                NULL), 2);
    /* The commands find the form in the same directory. */
    const char *args[] = { "export", "--forms", forms_dir, "--form",
                           "pick-a-colour", "--format", "json", NULL };
    char *out = fbt_run(&srv, args);
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(strstr(out, "\"blue\""));
    ck_assert_ptr_nonnull(strstr(out, "\"olive\""));
    free(out);
    fbt_client_free(&a);
    fbt_client_free(&b);
    free(v1);
    free(v2);
}
END_TEST

START_TEST(a_changed_directory_is_reloaded_without_a_signal)
{
    start_on_v1();
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    ck_assert(page_has(&c, "/pick-a-colour/colour", "Blue"));
    /* Written straight into the watched directory, as formc serve does. */
    build_version("v2", forms_dir);
    ck_assert(wait_for_option("Green", true));
    ck_assert_ptr_nonnull(strstr(read_log(), "forms reloaded from"));
    /* A module removed: its form is no longer served. */
    char path[500];
    snprintf(path, sizeof path, "%s/pick-a-colour.so", forms_dir);
    ck_assert_int_eq(unlink(path), 0);
    bool gone = false;
    for (int i = 0; i < 1000 && !gone; i++) {
        struct fbt_response r;
        gone = fbt_get(&c, "/pick-a-colour/", &r) == CURLE_OK
               && r.status == 404;
        fbt_response_free(&r);
        if (!gone)
            sleep_ms(10);
    }
    ck_assert(gone);
    fbt_client_free(&c);
}
END_TEST

START_TEST(a_broken_replacement_keeps_the_version_loaded)
{
    start_on_v1();
    char path[500];
    snprintf(path, sizeof path, "%s/pick-a-colour.so", forms_dir);
    ck_assert_int_eq(shell("echo broken > '%s.tmp' && mv '%s.tmp' '%s'",
                           path, path, path), 0);
    kill(srv.pid, SIGHUP);
    bool logged = false;
    for (int i = 0; i < 1000 && !logged; i++) {
        logged = strstr(read_log(), "form pick-a-colour stays on version")
                 != NULL;
        if (!logged)
            sleep_ms(10);
    }
    ck_assert(logged);
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    ck_assert(page_has(&c, "/pick-a-colour/colour", "Blue"));
    fbt_client_free(&c);
}
END_TEST

/* Waits (up to 10 s) until @p path of the preview has @p text. */
static bool
wait_for_page(const char *path, const char *text)
{
    for (int i = 0; i < 1000; i++) {
        struct fbt_client c;
        fbt_client_init(&c, &srv);
        bool has = page_has(&c, path, text);
        fbt_client_free(&c);
        if (has)
            return true;
        sleep_ms(10);
    }
    return false;
}

static void
copy_form(const char *version, const char *to)
{
    ck_assert_int_eq(shell("cp '%s/tests/integration/modules/%s/"
                           "pick-a-colour.yaml' '%s.tmp' && mv '%s.tmp' "
                           "'%s'", source_dir, version, to, to, to), 0);
}

START_TEST(formc_serve_previews_saved_changes_and_errors)
{
    fbt_server_init(&srv);
    char src[400], yaml[450];
    snprintf(src, sizeof src, "%s/src", srv.dir);
    ck_assert_int_eq(mkdir(src, 0755), 0);
    snprintf(yaml, sizeof yaml, "%s/pick-a-colour.yaml", src);
    copy_form("v1", yaml);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        char port[16];
        snprintf(port, sizeof port, "%u", srv.port);
        setenv("FORMBUILDER", fbt_exe, 1);
        FILE *log = freopen(srv.log, "a", stderr);
        if (!log || dup2(fileno(stderr), STDOUT_FILENO) < 0)
            _exit(127);
        execl(formc_exe, formc_exe, "serve", "--port", port, "--watch",
              src, (char *)NULL);
        _exit(127);
    }
    srv.pid = pid;   /* fbt_server_cleanup() stops it */
    ck_assert(wait_for_page("/pick-a-colour/colour", "Blue"));
    /* The preview's banner and panel. */
    ck_assert(wait_for_page("/pick-a-colour/colour", ">Preview</strong>"));
    ck_assert(wait_for_page("/pick-a-colour/colour", "<code>colour</code>"));

    /* A saved change is rebuilt and served. */
    copy_form("v2", yaml);
    ck_assert(wait_for_page("/pick-a-colour/colour", "Green"));
    ck_assert(wait_for_page("/pick-a-colour/colour",
                            "when <code>colour is green</code>"));

    /* A broken save: the diagnostics instead of the form, refreshing. */
    ck_assert_int_eq(shell("sed 's/type: radios/type: radio/' '%s' > "
                           "'%s.tmp' && mv '%s.tmp' '%s'", yaml, yaml, yaml,
                           yaml), 0);
    ck_assert(wait_for_page("/pick-a-colour/colour", "has errors"));
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    ck_assert(page_has(&c, "/pick-a-colour/", "pick-a-colour.yaml:10:15: "
                       "error: unknown question type &#39;radio&#39;"));
    ck_assert(page_has(&c, "/pick-a-colour/", "^~~~~"));
    ck_assert(page_has(&c, "/pick-a-colour/",
                       "<meta http-equiv=\"refresh\" content=\"1\">"));
    fbt_client_free(&c);
    ck_assert_ptr_nonnull(strstr(read_log(), "unknown question type"));

    /* Fixed again: the form is back. */
    copy_form("v2", yaml);
    ck_assert(wait_for_page("/pick-a-colour/colour", "Green"));

    /* Stopping removes the temporary copy. */
    const char *at = strstr(read_log(), "temporary copy (");
    ck_assert_ptr_nonnull(at);
    char tmp[128];
    snprintf(tmp, sizeof tmp, "%.*s", (int)strcspn(at + 16, ")"), at + 16);
    struct stat st;
    ck_assert_int_eq(stat(tmp, &st), 0);
    int status = fbt_server_stop(&srv, SIGTERM);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ck_assert_int_ne(stat(tmp, &st), 0);
}
END_TEST

/* Waits (up to 10 s: a bound, not a measurement) until the server says
 * it has @p n form versions loaded. */
static bool
wait_for_versions(long n)
{
    for (int i = 0; i < 1000; i++) {
        if (fbt_metric(&srv, "formbuilder_form_versions_loaded") == n)
            return true;
        sleep_ms(10);
    }
    return false;
}

/* A request the server has begun (its headers sent) and that stays in
 * flight until the connection @p returns is closed. */
static int
request_in_flight(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    struct sockaddr_in a = { .sin_family = AF_INET,
                             .sin_port = htons((uint16_t)srv.port) };
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    const char head[] = "POST /pick-a-colour/colour HTTP/1.1\r\n"
                        "Host: 127.0.0.1\r\nContent-Length: 100\r\n"
                        "Content-Type: application/x-www-form-urlencoded"
                        "\r\n\r\ncolour=";
    ck_assert_int_eq(send(fd, head, strlen(head), MSG_NOSIGNAL),
                     (ssize_t)strlen(head));
    return fd;
}

/* Version 2 built elsewhere and moved in, the server told by SIGHUP:
 * @returns its version (free it). */
static char *
publish_v2(void)
{
    char staging[450];
    snprintf(staging, sizeof staging, "%s/staging", srv.dir);
    ck_assert_int_eq(mkdir(staging, 0755), 0);
    build_version("v2", staging);
    char *v2 = module_version(staging);
    ck_assert_int_eq(shell("mv '%s/pick-a-colour.so' '%s/'", staging,
                           forms_dir), 0);
    kill(srv.pid, SIGHUP);
    ck_assert(wait_for_option("Green", true));
    return v2;
}

START_TEST(an_old_version_is_unloaded_once_its_journeys_submit)
{
    start_on_v1();
    char *v1 = module_version(forms_dir);
    ck_assert_int_eq(fbt_metric(&srv, "formbuilder_form_versions_loaded"),
                     1);
    struct fbt_client a;
    fbt_client_init(&a, &srv);
    ck_assert_int_eq(fbt_answer(&a, "/pick-a-colour/colour", "colour=blue",
                                NULL), 303);
    char *v2 = publish_v2();

    /* The journey on version 1 keeps it loaded, checks and reloads
     * notwithstanding. */
    ck_assert_int_eq(fbt_metric(&srv, "formbuilder_form_versions_loaded"),
                     2);
    kill(srv.pid, SIGHUP);
    sleep_ms(1500);
    ck_assert_int_eq(fbt_metric(&srv, "formbuilder_form_versions_loaded"),
                     2);
    ck_assert(page_has(&a, "/pick-a-colour/colour", "Blue"));
    ck_assert_int_eq(fbt_answer(&a, "/pick-a-colour/name",
                                "full_name=Ada+Lovelace", NULL), 303);
    sleep_ms(1100);   /* the last check before this request begins */
    int held = request_in_flight();
    sleep_ms(200);
    submit(&a);
    ck_assert_int_eq(fbt_db_int(&srv, "SELECT count(*) FROM submissions "
                                      "WHERE form_version = ?1", v1), 1);

    /* Submitted: nothing comes back to version 1, but a request begun
     * while it was published may still be reading it. */
    sleep_ms(1500);
    ck_assert_int_eq(fbt_metric(&srv, "formbuilder_form_versions_loaded"),
                     2);
    close(held);
    ck_assert(wait_for_versions(1));
    char line[200];
    snprintf(line, sizeof line, "form pick-a-colour version %s unloaded",
             v1);
    ck_assert_ptr_nonnull(strstr(read_log(), line));
    ck_assert(page_has(&a, "/pick-a-colour/colour", "Green"));
    ck_assert(wait_for_option("Green", true));
    fbt_client_free(&a);
    free(v1);
    free(v2);
}
END_TEST

START_TEST(a_session_on_an_unloaded_version_is_told_it_timed_out)
{
    start_on_v1_with("FORMBUILDER_SESSION_IDLE=2");
    char *v1 = module_version(forms_dir);
    struct fbt_client c;
    fbt_client_init(&c, &srv);
    ck_assert_int_eq(fbt_answer(&c, "/pick-a-colour/colour", "colour=blue",
                                NULL), 303);
    char *v2 = publish_v2();
    ck_assert(page_has(&c, "/pick-a-colour/colour", "Blue"));

    /* Its session expires (idle 2 s): version 1 is unloaded, and the
     * resident coming back is told their answers went, on version 2. */
    sleep_ms(2500);
    ck_assert(wait_for_versions(1));
    char line[200];
    snprintf(line, sizeof line, "form pick-a-colour version %s unloaded",
             v1);
    ck_assert_ptr_nonnull(strstr(read_log(), line));
    struct fbt_response r;
    ck_assert_int_eq(fbt_get(&c, "/pick-a-colour/colour", &r), CURLE_OK);
    ck_assert_int_eq(r.status, 303);
    char *loc = fbt_header(&r, "Location");
    ck_assert_str_eq(loc, "/pick-a-colour/session-timed-out");
    fbt_response_free(&r);
    ck_assert(page_has(&c, loc, "Your answers have been deleted"));
    free(loc);
    ck_assert(page_has(&c, "/pick-a-colour/colour", "Green"));
    fbt_client_free(&c);
    free(v1);
    free(v2);
}
END_TEST

static Suite *
modules_suite(void)
{
    Suite *s = suite_create("modules");
    TCase *t = tcase_create("modules");
    tcase_add_checked_fixture(t, NULL, teardown);
    tcase_set_timeout(t, 60);
    tcase_add_test(t, broken_and_foreign_modules_are_refused_by_name);
    tcase_add_test(t, journeys_in_flight_keep_their_version_across_sighup);
    tcase_add_test(t, a_changed_directory_is_reloaded_without_a_signal);
    tcase_add_test(t, a_broken_replacement_keeps_the_version_loaded);
    tcase_add_test(t, formc_serve_previews_saved_changes_and_errors);
    tcase_add_test(t, an_old_version_is_unloaded_once_its_journeys_submit);
    tcase_add_test(t, a_session_on_an_unloaded_version_is_told_it_timed_out);
    suite_add_tcase(s, t);
    return s;
}

int
main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s FORMBUILDER FORMC SOURCE_DIR\n", argv[0]);
        return 2;
    }
    fbt_exe = argv[1];
    formc_exe = argv[2];
    source_dir = argv[3];
    signal(SIGPIPE, SIG_IGN);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    SRunner *sr = srunner_create(modules_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
