/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder submission`: a subject access request answered (show), an
 * erasure request carried out (delete: every row under the reference,
 * and what erase.c keeps outside the database), or the personal data
 * taken out while the reference stays for statistics (redact). Each is
 * recorded in the audit table in the same transaction as what it did,
 * with the staff member who asked (--by, else $SUDO_USER, else $USER);
 * `submission audit` lists the record. The audit holds no answer.
 */
#include "cmd_submission.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "erase.h"

static const char usage[] =
    "usage: formbuilder submission show REF [--by NAME]\n"
    "       formbuilder submission delete REF [--by NAME]\n"
    "       formbuilder submission redact REF [--by NAME]\n"
    "       formbuilder submission audit [REF]\n"
    "--by names the staff member asking (default $SUDO_USER, then $USER);\n"
    "it is kept in the audit with the action, the time and the "
    "reference.\n";

/* The answers a redacted submission keeps: a marker no question's id
 * can be (ids never start with "_"), and when. */
#define REDACTED_ANSWERS "{\"_redacted\":\"%s\"}"

/* Who is asking: --by, else the user sudo was run by, else the login. */
static const char *
staff_name(const char *by)
{
    if (by && *by)
        return by;
    const char *sudo = getenv("SUDO_USER");
    if (sudo && *sudo)
        return sudo;
    const char *user = getenv("USER");
    return user && *user ? user : NULL;
}

/* A staff member's name as the audit lists it: printable, on one line,
 * and short enough to keep whole. */
static bool
plausible_name(const char *s)
{
    size_t n = strlen(s);
    if (n >= FB_AUDIT_BY_MAX)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

/* A reference as formbuilder draws them: letters, digits and dashes. */
static bool
plausible_reference(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= FB_REFERENCE_MAX)
        return false;
    for (const char *p = s; *p; p++)
        if (!(*p == '-' || (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z')
              || (*p >= 'a' && *p <= 'z')))
            return false;
    return true;
}

static void
audit_row(struct fb_audit *a, const char *by, const char *action,
          const char *reference, size_t rows)
{
    memset(a, 0, sizeof *a);
    fb_clock_iso(fb_clock_now(), a->at);
    snprintf(a->by, sizeof a->by, "%s", by);
    snprintf(a->action, sizeof a->action, "%s", action);
    snprintf(a->reference, sizeof a->reference, "%s", reference);
    snprintf(a->detail, sizeof a->detail, "%zu %s", rows,
             rows == 1 ? "row" : "rows");
}

/* Does @p action to @p reference and records it, in one transaction. */
static int
change(struct fb_store *store, const char *action, const char *reference,
       const char *by, size_t *rows)
{
    const struct fb_store_ops *ops = store->ops;
    if (ops->begin(store) != FB_STORE_OK)
        return FB_STORE_ERROR;
    int rc;
    if (strcmp(action, "delete") == 0) {
        fb_erase_outside(store, reference, NULL);
        rc = ops->submission_erase(store, reference, rows);
    } else {
        char marker[64], at[FB_CLOCK_ISO_SIZE];
        fb_clock_iso(fb_clock_now(), at);
        snprintf(marker, sizeof marker, REDACTED_ANSWERS, at);
        rc = ops->submission_redact(store, reference, marker, rows);
    }
    struct fb_audit a;
    audit_row(&a, by, action, reference, *rows);
    if (rc == FB_STORE_OK)
        rc = ops->audit_add(store, &a);
    if (rc == FB_STORE_OK)
        rc = ops->commit(store);
    if (rc != FB_STORE_OK)
        ops->rollback(store);
    return rc;
}

/* Shows @p reference, then records that it was shown. */
static int
show(struct fb_store *store, const char *reference, const char *by,
     FILE *out)
{
    int rc = fb_submission_show(store, reference, out);
    if (rc != FB_STORE_OK)
        return rc;
    struct fb_audit a;
    audit_row(&a, by, "show", reference, 0);
    snprintf(a.detail, sizeof a.detail, "shown");
    return store->ops->audit_add(store, &a);
}

static int
list_audit(const struct fb_audit *a, void *cls)
{
    fprintf(cls, "%lld\t%s\t%s\t%s\t%s\t%s\n", a->id, a->at, a->by,
            a->action, a->reference, a->detail);
    return 0;
}

int
fb_cmd_submission(int argc, char **argv, const struct fb_config *cfg,
                  FILE *out)
{
    /* argv[0] is "submission"; the --config pair was read by the caller. */
    const char *sub = argc > 1 ? argv[1] : "", *ref = NULL, *by = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            i++;
        else if (strcmp(argv[i], "--by") == 0 && i + 1 < argc)
            by = argv[++i];
        else if (argv[i][0] != '-' && !ref)
            ref = argv[i];
        else {
            fprintf(stderr, "formbuilder submission: unexpected '%s'\n%s",
                    argv[i], usage);
            return 2;
        }
    }
    bool audit = strcmp(sub, "audit") == 0;
    bool acts = strcmp(sub, "show") == 0 || strcmp(sub, "delete") == 0
                || strcmp(sub, "redact") == 0;
    if (!(audit || (acts && ref))) {
        fputs(usage, stderr);
        return 2;
    }
    if (ref && !plausible_reference(ref)) {
        fprintf(stderr, "formbuilder submission: '%s' is not a reference "
                        "(letters, digits and dashes, as on the "
                        "confirmation page)\n", ref);
        return 2;
    }
    const char *who = staff_name(by);
    if (acts && !who) {
        fprintf(stderr, "formbuilder submission: say who is asking with "
                        "--by NAME (neither SUDO_USER nor USER is set)\n");
        return 2;
    }
    if (acts && !plausible_name(who)) {
        fprintf(stderr, "formbuilder submission: --by takes a name on one "
                        "line, at most %d bytes\n", FB_AUDIT_BY_MAX - 1);
        return 2;
    }
    char err[512];
    struct fb_store *store = fb_store_open(cfg->db, err, sizeof err);
    if (!store) {
        fprintf(stderr, "formbuilder submission: %s\n", err);
        return 1;
    }
    size_t rows = 0;
    int rc = audit ? store->ops->audit_each(store, ref, list_audit, out)
             : strcmp(sub, "show") == 0 ? show(store, ref, who, out)
                                        : change(store, sub, ref, who, &rows);
    int status = rc == FB_STORE_OK ? 0 : rc == FB_STORE_NOT_FOUND ? 2 : 1;
    if (rc == FB_STORE_NOT_FOUND)
        fprintf(stderr, "formbuilder submission: no submission %s (never "
                        "made, or deleted or purged already)\n", ref);
    else if (rc != FB_STORE_OK)
        fprintf(stderr, "formbuilder submission: %s\n",
                store->ops->errmsg(store));
    else if (!audit && strcmp(sub, "show") != 0)
        fprintf(out, "%s %s: %zu %s changed, recorded as done by %s\n",
                ref, strcmp(sub, "delete") == 0 ? "deleted" : "redacted",
                rows, rows == 1 ? "row" : "rows", who);
    store->ops->close(store);
    return status;
}
