/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder outbox`: staff's view of deliveries. list (optionally by
 * state and form), show one with its last attempt, retry a failed or
 * dead one (or every dead one), and env, the environment variables the
 * forms' targets need at start. Works on the database beside a running
 * server: the worker picks retried deliveries up on its next look.
 */
#include "cmd_outbox.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "outbox.h"
#include "outbox_files.h"
#include "pay_client.h"

static const char *const states[FB_DELIVERY__COUNT] = {
    "pending", "delivered", "failed", "dead",
};

static const char usage[] =
    "usage: formbuilder outbox list [--state pending|delivered|failed|dead]"
    " [--form F]\n"
    "       formbuilder outbox show ID\n"
    "       formbuilder outbox retry ID | --all-dead\n"
    "       formbuilder outbox env\n";

static void
iso(long long t, char out[FB_CLOCK_ISO_SIZE])
{
    if (t)
        fb_clock_iso(t, out);
    else
        snprintf(out, FB_CLOCK_ISO_SIZE, "-");
}

static int
list_row(const struct fb_delivery *d, void *cls)
{
    FILE *out = cls;
    char next[FB_CLOCK_ISO_SIZE];
    iso(d->state == FB_DELIVERY_PENDING ? d->next_at : 0, next);
    fprintf(out, "%lld\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", d->id, states[d->state],
            d->reference, d->event, d->target_name, d->attempts,
            d->last_status, next);
    return 0;
}

static int
show(struct fb_store *store, long long id, FILE *out)
{
    struct fb_delivery d;
    int rc = store->ops->delivery_get(store, id, &d);
    if (rc == FB_STORE_NOT_FOUND) {
        fprintf(stderr, "formbuilder outbox: no delivery %lld\n", id);
        return 2;
    }
    if (rc != FB_STORE_OK)
        return 1;
    char created[FB_CLOCK_ISO_SIZE], last[FB_CLOCK_ISO_SIZE],
        next[FB_CLOCK_ISO_SIZE];
    iso(d.created_at, created);
    iso(d.last_at, last);
    iso(d.state == FB_DELIVERY_PENDING ? d.next_at : 0, next);
    fprintf(out, "delivery:     %lld\nstate:        %s\nreference:    %s\n"
            "form:         %s\nevent:        %s\ntarget:       %s\n"
            "queued:       %s\nattempts:     %d\nlast attempt: %s\n"
            "next attempt: %s\nlast status:  %d\nlast error:   %s\n",
            d.id, states[d.state], d.reference, d.form, d.event,
            d.target_name, created, d.attempts, last, next, d.last_status,
            d.last_error[0] ? d.last_error : "-");
    return 0;
}

/* Prints each variable the targets of @p forms need, once. */
static void
env(const struct fb_form_desc *const *forms, size_t n,
    const struct fb_outbox_config *cfg, FILE *out)
{
    const char *seen[256];
    size_t n_seen = 0;
    for (size_t i = 0; i < n; i++) {
        const struct fb_form_desc *f = forms[i];
        bool notify = f->confirmation_email
                      && f->confirmation_email->via == FB_VIA_NOTIFY;
        for (size_t t = 0; t < f->n_forwards; t++) {
            const struct fb_forward_desc *fw = &f->forwards[t];
            const char *names[17] = {fw->secret_env};
            size_t k = 1;
            for (size_t h = 0; h < fw->n_headers && k < 17; h++)
                names[k++] = fw->headers[h].env;
            notify = notify || (fw->kind == FB_TARGET_EMAIL
                                && fw->via == FB_VIA_NOTIFY);
            for (size_t j = 0; j < k; j++) {
                bool dup = !names[j];
                for (size_t s = 0; s < n_seen && !dup; s++)
                    dup = strcmp(seen[s], names[j]) == 0;
                if (!dup && n_seen < 256) {
                    seen[n_seen++] = names[j];
                    fprintf(out, "%s\n", names[j]);
                }
            }
        }
        /* The secret back offices sign progress updates with
         * (events.h). */
        bool edup = !f->events_secret_env;
        for (size_t s = 0; s < n_seen && !edup; s++)
            edup = strcmp(seen[s], f->events_secret_env) == 0;
        if (!edup && n_seen < 256) {
            seen[n_seen++] = f->events_secret_env;
            fprintf(out, "%s\n", f->events_secret_env);
        }
        bool dup = !notify;
        for (size_t s = 0; s < n_seen && !dup; s++)
            dup = strcmp(seen[s], cfg->notify_key_env) == 0;
        if (!dup && n_seen < 256) {
            seen[n_seen++] = cfg->notify_key_env;
            fprintf(out, "%s\n", cfg->notify_key_env);
        }
    }
    /* The key of staff emails' links to uploaded files (file_link.h),
     * once for every form. */
    for (size_t i = 0; i < n; i++)
        if (fb_outbox_links_wanted(forms[i])) {
            fprintf(out, "%s\n", FB_FILE_LINK_KEY_ENV);
            break;
        }
    /* The payment provider's key (pay_client.h), once for every form. */
    for (size_t i = 0; i < n; i++)
        if (forms[i]->payment) {
            fprintf(out, "%s\n", FB_PAY_KEY_ENV);
            break;
        }
}

static bool
parse_id(const char *s, long long *out)
{
    char *end;
    *out = strtoll(s, &end, 10);
    return *s >= '1' && *s <= '9' && !*end;
}

int
fb_cmd_outbox(int argc, char **argv, const struct fb_config *cfg,
              const struct fb_form_desc *const *forms, size_t n_forms,
              FILE *out)
{
    /* argv[0] is "outbox"; --config FILE pairs were read by the caller. */
    const char *sub = argc > 1 ? argv[1] : "";
    const char *state = NULL, *form = NULL, *pos = NULL;
    bool all_dead = false;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            i++;
        else if (strcmp(argv[i], "--state") == 0 && i + 1 < argc)
            state = argv[++i];
        else if (strcmp(argv[i], "--form") == 0 && i + 1 < argc)
            form = argv[++i];
        else if (strcmp(argv[i], "--all-dead") == 0)
            all_dead = true;
        else if (argv[i][0] != '-' && !pos)
            pos = argv[i];
        else {
            fprintf(stderr, "formbuilder outbox: unexpected '%s'\n%s",
                    argv[i], usage);
            return 2;
        }
    }
    if (strcmp(sub, "env") == 0) {
        env(forms, n_forms, &cfg->outbox, out);
        return 0;
    }
    int want = -1;
    for (int s = 0; state && s < FB_DELIVERY__COUNT; s++)
        if (strcmp(state, states[s]) == 0)
            want = s;
    long long id = 0;
    bool usage_ok =
        (strcmp(sub, "list") == 0 && !pos && !all_dead
         && (!state || want >= 0))
        || (strcmp(sub, "show") == 0 && pos && parse_id(pos, &id))
        || (strcmp(sub, "retry") == 0 && !state && !form
            && (all_dead ? !pos : pos && parse_id(pos, &id)));
    if (!usage_ok) {
        fputs(usage, stderr);
        return 2;
    }
    char err[512];
    struct fb_store *store = fb_store_open(cfg->db, err, sizeof err);
    if (!store) {
        fprintf(stderr, "formbuilder outbox: %s\n", err);
        return 1;
    }
    int rc = 0;
    if (strcmp(sub, "list") == 0) {
        fprintf(out, "id\tstate\treference\tevent\ttarget\tattempts\t"
                     "last_status\tnext_attempt\n");
        rc = store->ops->delivery_each(store, want, form, list_row, out)
                     == FB_STORE_OK ? 0 : 1;
    } else if (strcmp(sub, "show") == 0) {
        rc = show(store, id, out);
    } else {
        size_t n = 0;
        rc = store->ops->delivery_retry(store, all_dead ? 0 : id,
                                        fb_clock_now(), &n) == FB_STORE_OK
                 ? 0 : 1;
        if (rc == 0 && !all_dead && n == 0) {
            fprintf(stderr, "formbuilder outbox: delivery %lld is not "
                            "failed or dead, so there is nothing to retry\n",
                    id);
            rc = 2;
        } else if (rc == 0) {
            fprintf(out, "%zu %s queued again\n", n,
                    n == 1 ? "delivery" : "deliveries");
        }
    }
    if (rc == 1)
        fprintf(stderr, "formbuilder outbox: %s\n",
                store->ops->errmsg(store));
    store->ops->close(store);
    return rc;
}
