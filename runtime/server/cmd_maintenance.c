/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder maintenance`: the flag lives in the database (table
 * maintenance, migration 9), so it reaches every instance on it, each of
 * which rereads it at most FB_LIVE_POLL_MS after (live.c).
 */
#include "cmd_maintenance.h"

#include <string.h>

#include "clock.h"
#include "live.h"
#include "registry.h"
#include "store.h"

static const char usage[] =
    "usage: formbuilder maintenance on|off|status [--form SLUG] "
    "[--forms DIR] [--config FILE]\n";

struct listing {
    FILE *out;
    size_t n;
};

static void
print_form(const char *name, void *cls)
{
    struct listing *l = cls;
    fprintf(l->out, "%s\n", name[0] ? name : "(every form)");
    l->n++;
}

/* Whether @p slug is a form served: a typo would otherwise close a form
 * nobody has, and leave the one meant open. */
static int
known_form(const char *slug, const char *dir,
           const struct fb_form_desc *const *forms, size_t n_forms)
{
    char err[512];
    struct fb_registry *r =
        dir ? fb_registry_open(dir, NULL, err, sizeof err)
            : fb_registry_builtin(forms, n_forms, NULL, err, sizeof err);
    if (!r) {
        fprintf(stderr, "formbuilder maintenance: %s\n", err);
        return 1;
    }
    const struct fb_forms *set = fb_registry_forms(r);
    int rc = 0;
    if (!fb_forms_find(set, slug, strlen(slug))) {
        fprintf(stderr, "formbuilder maintenance: no form '%s'; the forms "
                "are:", slug);
        for (size_t i = 0; i < set->n_forms; i++)
            fprintf(stderr, " %s", set->forms[i]->slug);
        fputc('\n', stderr);
        rc = 2;
    }
    fb_registry_free(r);
    return rc;
}

int
fb_cmd_maintenance(int argc, char **argv, const struct fb_config *cfg,
                   const struct fb_form_desc *const *forms, size_t n_forms,
                   FILE *out)
{
    const char *action = NULL, *form = NULL, *dir = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool valued = strcmp(a, "--form") == 0 || strcmp(a, "--forms") == 0
                      || strcmp(a, "--config") == 0;
        if (valued && i + 1 >= argc) {
            fprintf(stderr, "formbuilder maintenance: %s needs a value\n%s",
                    a, usage);
            return 2;
        }
        if (strcmp(a, "--form") == 0)
            form = argv[++i];
        else if (strcmp(a, "--forms") == 0)
            dir = argv[++i];
        else if (strcmp(a, "--config") == 0)
            i++;
        else if (!action && (strcmp(a, "on") == 0 || strcmp(a, "off") == 0
                             || strcmp(a, "status") == 0))
            action = a;
        else {
            fprintf(stderr, "formbuilder maintenance: unexpected '%s'\n%s",
                    a, usage);
            return 2;
        }
    }
    if (!action || (form && strcmp(action, "status") == 0)) {
        fputs(usage, stderr);
        return 2;
    }
    if (form) {
        int rc = known_form(form, dir, forms, n_forms);
        if (rc)
            return rc;
    }
    char err[512];
    struct fb_store *s = fb_store_open(cfg->db, err, sizeof err);
    if (!s) {
        fprintf(stderr, "formbuilder maintenance: %s\n", err);
        return 1;
    }
    int rc;
    if (strcmp(action, "status") == 0) {
        struct listing l = {out, 0};
        rc = s->ops->maintenance_each(s, print_form, &l);
        if (rc == FB_STORE_OK && l.n == 0)
            fprintf(out, "maintenance is off\n");
    } else {
        bool on = strcmp(action, "on") == 0;
        rc = s->ops->maintenance_set(s, form ? form : "", on, fb_clock_now());
        if (rc == FB_STORE_NOT_FOUND) {
            fprintf(out, "%s was not in maintenance\n",
                    form ? form : "the service");
            rc = FB_STORE_OK;
        } else if (rc == FB_STORE_OK) {
            fprintf(out, "maintenance %s for %s%s; running servers follow "
                    "within %d seconds\n", on ? "on" : "off",
                    form ? "form " : "every form", form ? form : "",
                    FB_LIVE_POLL_MS / 1000 + 1);
        }
    }
    if (rc != FB_STORE_OK)
        fprintf(stderr, "formbuilder maintenance: %s\n", s->ops->errmsg(s));
    s->ops->close(s);
    return rc == FB_STORE_OK ? 0 : 1;
}
