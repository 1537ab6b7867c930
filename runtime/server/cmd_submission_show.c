/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder submission show REF`: what a subject access request is
 * answered with. Every part is read from the store by reference, so what
 * is shown is what `submission delete` deletes.
 */
#include "cmd_submission.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "events.h"
#include "formbuilder/answers.h"
#include "json.h"
#include "store_rows.h"

/* Writes @p s with control characters escaped, so an answer cannot move
 * the terminal's cursor or forge a line of this listing. */
static void
print_safe(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p == '\\')
            fputs("\\\\", out);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(out, "\\x%02x", *p);
        else
            fputc(*p, out);
    }
}

static int
print_submission(const struct fb_submission_row *row, void *cls)
{
    FILE *out = cls;
    fprintf(out, "reference:     %s\nform:          %s\n"
                 "form version:  %s\nlanguage:      %s\n"
                 "submitted:     %s\ndelivery:      %s\nanswers:\n",
            row->reference, row->form, row->form_version, row->language,
            row->submitted_at, row->delivery_state);
    struct fb_answers *a = fb_answers_new();
    if (!a || fb_json_flatten(row->answers_json, a) != 0) {
        /* Not an object of answers: shown as stored. */
        fputs("  ", out);
        print_safe(out, row->answers_json);
        fputc('\n', out);
    } else {
        const char *name, *value;
        for (size_t i = 0; fb_answers_at(a, i, &name, &value); i++) {
            fputs("  ", out);
            print_safe(out, name);
            fputs(": ", out);
            print_safe(out, value);
            fputc('\n', out);
        }
        if (fb_answers_size(a) == 0)
            fputs("  (none)\n", out);
    }
    fb_answers_free(a);
    return 0;
}

static int
print_delivery(const struct fb_delivery *d, void *cls)
{
    FILE *out = cls;
    char created[FB_CLOCK_ISO_SIZE];
    fb_clock_iso(d->created_at, created);
    fprintf(out, "  %lld\t%s\t%s\t%s\tqueued %s\tattempts %d\tstatus %d\n",
            d->id, fb_delivery_state_name(d->state), d->event,
            d->target_name, created, d->attempts, d->last_status);
    return 0;
}

static int
print_audit(const struct fb_audit *a, void *cls)
{
    FILE *out = cls;
    fprintf(out, "  %s\t%s\t%s\t%s\n", a->at, a->action, a->by, a->detail);
    return 0;
}

int
fb_submission_show(struct fb_store *store, const char *reference, FILE *out)
{
    const struct fb_store_ops *ops = store->ops;
    int rc = ops->submission_by_reference(store, reference,
                                          print_submission, out);
    if (rc != FB_STORE_OK)
        return rc;
    fputs("deliveries:\n", out);
    if (ops->delivery_of_reference(store, reference, print_delivery, out)
        != FB_STORE_OK)
        return FB_STORE_ERROR;
    struct fb_place p;
    rc = ops->place_by_reference(store, reference, &p);
    if (rc == FB_STORE_OK)
        fprintf(out, "booking:\n  %s\t%s\t%s\t%s\n", p.calendar, p.day,
                p.window, fb_place_state_name(p.state));
    else if (rc == FB_STORE_NOT_FOUND)
        fputs("booking:\n  (none)\n", out);
    else
        return FB_STORE_ERROR;
    if (fb_events_print(store, reference, out) != 0)
        return FB_STORE_ERROR;
    fputs("audit:\n", out);
    return ops->audit_each(store, reference, print_audit, out);
}
