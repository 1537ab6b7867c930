/* SPDX-License-Identifier: MIT */
/*
 * The formbuilder command line: serve, export, purge, check-db, --help,
 * --version.
 * Exit status: 0 success, 1 failure at run time, 2 usage or configuration
 * error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "cmd_bookings.h"
#include "cmd_file.h"
#include "upload_gc.h"
#include "cmd_messages.h"
#include "cmd_maintenance.h"
#include "cmd_outbox.h"
#include "cmd_prefill_link.h"
#include "cmd_assist.h"
#include "cmd_submission.h"
#include "config.h"
#include "export.h"
#include "fb_config.h"
#include "formbuilder/validate.h"
#include "log.h"
#include "purge.h"
#include "registry.h"
#include "server.h"
#include "store.h"

static const char usage[] =
    "usage: formbuilder serve [--config FILE] [--forms DIR [--preview]]\n"
    "       formbuilder export --form SLUG [--since YYYY-MM-DD] "
    "--format csv|json\n"
    "                          [--config FILE] [--forms DIR]\n"
    "       formbuilder purge [--config FILE] [--forms DIR]\n"
    "       formbuilder bookings --calendar NAME [--date YYYY-MM-DD]\n"
    "                            [--format csv|json] [--config FILE]"
    " [--forms DIR]\n"
    "       formbuilder bookings --calendar NAME --close YYYY-MM-DD\n"
    "       formbuilder outbox list [--state pending|delivered|failed|dead]"
    " [--form F]\n"
    "       formbuilder outbox show ID | retry ID | retry --all-dead | env\n"
    "       formbuilder maintenance on|off|status [--form SLUG]\n"
    "       formbuilder check-db [--database FILE] [--config FILE]\n"
    "       formbuilder submission show|delete|redact REF [--by NAME]\n"
    "       formbuilder submission audit [REF]\n"
    "       formbuilder prefill-link --form SLUG [--valid DURATION]"
    " NAME=VALUE...\n"
    "       formbuilder assist --form SLUG [--channel phone|face-to-face]"
    " [--valid DURATION]\n"
    "       formbuilder messages --format json\n"
    "       formbuilder file get SHA256 [--config FILE] > FILE\n"
    "       formbuilder --help | --version\n"
    "\n"
    "serve   hosts every compiled form over HTTP (default "
    "127.0.0.1:8080); with\n"
    "        --forms DIR the form modules in DIR instead (formc build "
    "--module),\n"
    "        reloaded on SIGHUP and when DIR changes\n"
    "export  writes a form's submissions to standard output\n"
    "purge   deletes submissions older than each form's retention_days\n"
    "bookings lists a calendar's bookings; --close closes a day to new\n"
    "        bookings and lists the ones already on it\n"
    "outbox  lists deliveries to back offices and email, shows one, sends\n"
    "        failed or dead ones again; env lists the variables the forms'\n"
    "        targets need\n"
    "maintenance  shows the maintenance page (503) on every running "
    "server\n"
    "        using the database, for every form or one, until turned off\n"
    "check-db  checks the database file for damage (SQLite's "
    "integrity_check)\n"
    "messages  writes the runtime's message catalogue, every language\n"
    "prefill-link  prints a signed link that prefills a form's answers\n"
    "assist  prints a single-use link for staff filling a form in for\n"
    "        someone else (FORMBUILDER_ASSIST_KEY)\n"
    "submission  shows, deletes or redacts everything stored under a\n"
    "        reference (subject access, erasure), recording who did it\n"
    "file    writes an uploaded file, by the sha256 its payload gives\n"
    "\n"
    "Configuration: built-in defaults, then --config FILE (key = value\n"
    "lines), then FORMBUILDER_LISTEN, FORMBUILDER_PORT, FORMBUILDER_DB,\n"
    "FORMBUILDER_SESSION_IDLE, FORMBUILDER_BODY_LIMIT, "
    "FORMBUILDER_MAX_FIELDS,\n"
    "FORMBUILDER_BASE_URL and FORMBUILDER_LOG_LEVEL. See docs/runtime.md.\n";

struct args {
    const char *config;
    const char *form;
    const char *since;
    const char *format;
    struct fb_bookings_args bookings;
    const char *database;
    const char *forms_dir;     /* serve --forms */
    bool preview;              /* serve --preview (formc serve) */
};

/* Reads the options after the command. @returns 0, or 2 after printing
 * what is wrong. */
static int
parse_args(int argc, char **argv, struct args *a)
{
    bool export_opts = strcmp(argv[1], "export") == 0;
    bool bookings_opts = strcmp(argv[1], "bookings") == 0;
    bool check_opts = strcmp(argv[1], "check-db") == 0;
    bool serve_opts = strcmp(argv[1], "serve") == 0;
    bool forms_opts = serve_opts || export_opts || bookings_opts
                      || strcmp(argv[1], "purge") == 0;
    for (int i = 2; i < argc; i++) {
        const char *opt = argv[i];
        const char **slot = NULL;
        if (serve_opts && strcmp(opt, "--preview") == 0) {
            a->preview = true;
            continue;
        }
        if (strcmp(opt, "--config") == 0)
            slot = &a->config;
        else if (export_opts && strcmp(opt, "--form") == 0)
            slot = &a->form;
        else if (export_opts && strcmp(opt, "--since") == 0)
            slot = &a->since;
        else if (export_opts && strcmp(opt, "--format") == 0)
            slot = &a->format;
        else if (bookings_opts && strcmp(opt, "--calendar") == 0)
            slot = &a->bookings.calendar;
        else if (bookings_opts && strcmp(opt, "--date") == 0)
            slot = &a->bookings.date;
        else if (bookings_opts && strcmp(opt, "--close") == 0)
            slot = &a->bookings.close;
        else if (bookings_opts && strcmp(opt, "--format") == 0)
            slot = &a->bookings.format;
        else if (check_opts && strcmp(opt, "--database") == 0)
            slot = &a->database;
        else if (forms_opts && strcmp(opt, "--forms") == 0)
            slot = &a->forms_dir;
        if (!slot) {
            fprintf(stderr, "formbuilder %s: unknown option '%s'\n%s",
                    argv[1], opt, usage);
            return 2;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "formbuilder %s: %s needs a value\n", argv[1],
                    opt);
            return 2;
        }
        *slot = argv[++i];
    }
    return 0;
}

static int
load_config(const struct args *a, struct fb_config *cfg)
{
    char err[512];
    fb_config_defaults(cfg);
    if (a->config && fb_config_load_file(cfg, a->config, err, sizeof err)
        != 0) {
        fprintf(stderr, "formbuilder: %s\n", err);
        return 2;
    }
    if (fb_config_load_env(cfg, err, sizeof err) != 0) {
        fprintf(stderr, "formbuilder: %s\n", err);
        return 2;
    }
    fb_log_set_level(cfg->log_level);
    if (fb_clock_init(err, sizeof err) != 0) {
        fprintf(stderr, "formbuilder: %s\n", err);
        return 2;
    }
    return 0;
}

/* The forms a command works on: the modules of --forms DIR, else those
 * built in. @p ocfg: the delivery settings whose secrets serve checks;
 * NULL checks none. @returns them, or NULL after saying why. */
static struct fb_registry *
open_forms(const struct args *a, const struct fb_outbox_config *ocfg)
{
    char err[512];
    struct fb_registry *forms =
        a->forms_dir ? fb_registry_open(a->forms_dir, ocfg, err, sizeof err)
                     : fb_registry_builtin(fb_registered_forms,
                                           fb_n_registered_forms, ocfg, err,
                                           sizeof err);
    if (!forms)
        fb_log(FB_LOG_ERROR, "%s", err);
    return forms;
}

static int
cmd_export(const struct args *a, const struct fb_config *cfg,
           const struct fb_forms *forms)
{
    if (!a->form || !a->format) {
        fprintf(stderr, "formbuilder export: --form and --format are "
                        "required\n%s", usage);
        return 2;
    }
    const struct fb_form_desc *form =
        fb_forms_find(forms, a->form, strlen(a->form));
    if (!form) {
        fprintf(stderr, "formbuilder export: no form '%s'; the forms are:",
                a->form);
        for (size_t i = 0; i < forms->n_forms; i++)
            fprintf(stderr, " %s", forms->forms[i]->slug);
        fputc('\n', stderr);
        return 2;
    }
    enum fb_export_format fmt;
    if (strcmp(a->format, "csv") == 0) {
        fmt = FB_EXPORT_CSV;
    } else if (strcmp(a->format, "json") == 0) {
        fmt = FB_EXPORT_JSON;
    } else {
        fprintf(stderr, "formbuilder export: --format must be csv or json, "
                        "not '%s'\n", a->format);
        return 2;
    }
    struct fb_date d;
    if (a->since && (strlen(a->since) != 10
                     || !fb_date_parse_iso(a->since, &d))) {
        fprintf(stderr, "formbuilder export: --since must be a date as "
                        "YYYY-MM-DD, not '%s'\n", a->since);
        return 2;
    }
    char err[512];
    struct fb_store *store = fb_store_open(cfg->db, err, sizeof err);
    if (!store) {
        fprintf(stderr, "formbuilder export: %s\n", err);
        return 1;
    }
    int rc = fb_export(store, form, a->since, fmt, stdout, err, sizeof err);
    store->ops->close(store);
    if (rc != 0) {
        fprintf(stderr, "formbuilder export: %s\n", err);
        return 1;
    }
    return 0;
}

static int
cmd_purge(const struct fb_config *cfg, const struct fb_forms *forms)
{
    char err[512];
    struct fb_store *store = fb_store_open(cfg->db, err, sizeof err);
    if (!store) {
        fprintf(stderr, "formbuilder purge: %s\n", err);
        return 1;
    }
    long long now = fb_clock_now();
    size_t subs = 0, sessions = 0, files = 0;
    int rc = fb_purge_submissions(store, forms->forms, forms->n_forms, now,
                                  &subs);
    if (rc == 0)
        rc = fb_purge_sessions(store, now, cfg->session_idle, &sessions);
    /* The uploaded files no submission or session refers to any more. */
    if (rc == 0)
        rc = fb_files_sweep(store, cfg->files_dir, now, FB_FILES_GRACE,
                            &files);
    store->ops->close(store);
    if (rc != 0)
        return 1;
    printf("purged %zu submissions and %zu idle sessions\n", subs,
           sessions);
    if (files)
        printf("removed %zu uploaded files nothing refers to\n", files);
    return 0;
}

static int
cmd_bookings(const struct args *a, const struct fb_config *cfg,
             const struct fb_forms *forms)
{
    char err[512];
    struct fb_store *store = fb_store_open(cfg->db, err, sizeof err);
    if (!store) {
        fprintf(stderr, "formbuilder bookings: %s\n", err);
        return 1;
    }
    int rc = fb_cmd_bookings(&a->bookings, store, forms->forms,
                             forms->n_forms, stdout);
    store->ops->close(store);
    return rc;
}

static void
print_problem(const char *problem, void *cls)
{
    (void)cls;
    printf("  %s\n", problem);
}

/* Exit status: 0 intact, 1 damaged or unreadable, 2 no database there. */
static int
cmd_check_db(const struct args *a, const struct fb_config *cfg)
{
    const char *db = a->database ? a->database : cfg->db;
    char err[512];
    printf("checking %s\n", db);
    fflush(stdout);
    int rc = fb_store_check(db, true, print_problem, NULL, err, sizeof err);
    switch (rc) {
    case FB_STORE_OK:
        printf("%s: ok\n", db);
        return 0;
    case FB_STORE_NOT_FOUND:
        fprintf(stderr, "formbuilder check-db: there is no database at %s; "
                "give its path with --database or the db key\n", db);
        return 2;
    case FB_STORE_DAMAGED:
        printf("%s: damaged (the problems are listed above).\n"
               "Stop the server, keep a copy of this file for "
               "investigation, and restore the\ndatabase from a backup; "
               "then run this check again on the restored file.\n", db);
        return 1;
    default:
        fprintf(stderr, "formbuilder check-db: %s\n", err);
        return 1;
    }
}

/* The configuration of a command that reads its own arguments but
 * --config FILE (outbox, file, submission, maintenance...). @returns 0,
 * or load_config()'s status. */
static int
command_config(int argc, char **argv, struct fb_config *cfg)
{
    struct args a = { 0 };
    for (int i = 2; i + 1 < argc; i++)
        if (strcmp(argv[i], "--config") == 0)
            a.config = argv[i + 1];
    return load_config(&a, cfg);
}

/* Serves the forms compiled in, or those of --forms DIR. */
static int
cmd_serve(const struct args *a, const struct fb_config *cfg)
{
    if (a->preview && !a->forms_dir) {
        fprintf(stderr, "formbuilder serve: --preview needs --forms DIR "
                "(formc serve runs it)\n");
        return 2;
    }
    struct fb_registry *forms =
        open_forms(a, a->preview ? NULL : &cfg->outbox);
    if (!forms)
        return 1;
    int rc = fb_server_run(cfg, forms, a->preview);
    fb_registry_free(forms);
    return rc;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("formbuilder %s\n", FB_VERSION);
        return 0;
    }
    if (strcmp(cmd, "messages") == 0)
        return fb_cmd_messages(argc - 1, argv + 1, stdout);
    /* The commands that parse their own options take --config here. */
    struct fb_config ccfg;
    if (strcmp(cmd, "outbox") == 0) {
        int orc = command_config(argc, argv, &ccfg);
        return orc ? orc : fb_cmd_outbox(argc - 1, argv + 1, &ccfg,
                                         fb_registered_forms,
                                         fb_n_registered_forms, stdout);
    }
    if (strcmp(cmd, "prefill-link") == 0) {
        int prc = command_config(argc, argv, &ccfg);
        return prc ? prc : fb_cmd_prefill_link(argc - 1, argv + 1, &ccfg,
                                               fb_registered_forms,
                                               fb_n_registered_forms,
                                               stdout);
    }
    if (strcmp(cmd, "assist") == 0) {
        int arc = command_config(argc, argv, &ccfg);
        return arc ? arc : fb_cmd_assist(argc - 1, argv + 1, &ccfg,
                                         fb_registered_forms,
                                         fb_n_registered_forms, stdout);
    }
    if (strcmp(cmd, "submission") == 0) {
        int src = command_config(argc, argv, &ccfg);
        return src ? src : fb_cmd_submission(argc - 1, argv + 1, &ccfg,
                                             stdout);
    }
    if (strcmp(cmd, "maintenance") == 0) {
        int mrc = command_config(argc, argv, &ccfg);
        return mrc ? mrc : fb_cmd_maintenance(argc - 1, argv + 1, &ccfg,
                                              fb_registered_forms,
                                              fb_n_registered_forms, stdout);
    }
    if (strcmp(cmd, "file") == 0) {
        int frc = command_config(argc, argv, &ccfg);
        return frc ? frc : fb_cmd_file(argc - 1, argv + 1, &ccfg, stdout);
    }
    bool is_export = strcmp(cmd, "export") == 0;
    bool is_check = strcmp(cmd, "check-db") == 0;
    if (!is_export && !is_check && strcmp(cmd, "serve") != 0
        && strcmp(cmd, "purge") != 0 && strcmp(cmd, "bookings") != 0) {
        fprintf(stderr, "formbuilder: unknown command '%s'\n%s", cmd, usage);
        return 2;
    }
    struct args a = { 0 };
    struct fb_config cfg;
    int rc = parse_args(argc, argv, &a);
    if (rc == 0)
        rc = load_config(&a, &cfg);
    if (rc != 0)
        return rc;
    if (is_check)
        return cmd_check_db(&a, &cfg);
    if (strcmp(cmd, "serve") == 0)
        return cmd_serve(&a, &cfg);
    struct fb_registry *forms = open_forms(&a, NULL);
    if (!forms)
        return 1;
    const struct fb_forms *set = fb_registry_forms(forms);
    rc = is_export                     ? cmd_export(&a, &cfg, set)
         : strcmp(cmd, "purge") == 0 ? cmd_purge(&cfg, set)
                                     : cmd_bookings(&a, &cfg, set);
    fb_registry_free(forms);
    return rc;
}
