/* SPDX-License-Identifier: MIT */
/*
 * Export rows one at a time from the store, so memory does not grow with
 * the number of submissions. CSV columns come from the form descriptor:
 * reference, submitted_at, version, then each question (an address as its
 * four parts, checkboxes joined with "; ").
 */
#include "export.h"
#include "assist.h"

#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "events.h"
#include "formbuilder/qtype.h"
#include "formbuilder/repeat.h"
#include "json.h"
#include "lookup_page.h"
#include "payload.h"

struct export_ctx {
    const struct fb_form_desc *form;
    struct fb_store *store;
    FILE *out;
    enum fb_export_format format;
    size_t rows;
    char *err;
    size_t errlen;
};

/* One CSV cell, defused and quoted. See export.h. */
void
fb_csv_cell(struct fb_buf *b, const char *v)
{
    bool formula = strchr("=+-@\t\r", v[0]) != NULL && v[0] != '\0';
    size_t n = strlen(v);
    bool quote = formula || strpbrk(v, ",\"\r\n") != NULL
                 || (n > 0 && (v[0] == ' ' || v[n - 1] == ' '));
    if (quote)
        fb_buf_putc(b, '"');
    if (formula)
        fb_buf_putc(b, '\'');
    for (; *v; v++) {
        if (*v == '"')
            fb_buf_putc(b, '"');
        fb_buf_putc(b, *v);
    }
    if (quote)
        fb_buf_putc(b, '"');
}

/* @returns the number of stored parts of @p q ("ID.SUFFIX" columns each),
 * or 0 when it is stored as one value. */
static size_t
stored_parts(const struct fb_question_desc *q)
{
    if (fb_question_stored(q) != FB_STORED_PARTS)
        return 0;
    return fb_qtype(q->type)->n_parts;
}

/* @returns whether part @p k of @p q is stored (a name uses some). */
static bool
part_used(const struct fb_question_desc *q, size_t k)
{
    return !fb_qtype(q->type)->parts_chosen || (q->parts >> k) & 1u;
}

/* The header cells of @p q, each name after @p prefix ("" or
 * "people.0."). */
static void
csv_question_header(struct fb_buf *b, const struct fb_question_desc *q,
                    const char *prefix)
{
    size_t n = stored_parts(q);
    for (size_t k = 0; k < n; k++) {
        if (!part_used(q, k))
            continue;
        fb_buf_putc(b, ',');
        fb_buf_printf(b, "%s%s.%s", prefix, q->id,
                      fb_qtype(q->type)->parts[k].suffix);
    }
    if (n == 0) {
        struct fb_buf name;
        fb_buf_init(&name);
        fb_buf_printf(&name, "%s%s", prefix, q->id);
        fb_buf_putc(b, ',');
        fb_csv_cell(b, name.data ? name.data : "");
        /* How a checked answer was taken (lookup_page.h). */
        if (q->lookup)
            fb_buf_printf(b, ",%s.lookup", name.data ? name.data : "");
        if (name.failed)
            b->failed = true;
        fb_buf_free(&name);
    }
}

/* A repeating page flattens into columns "PAGE.N.ID" for every item it
 * may have (max), so every row has the same columns. */
static void
csv_group_header(struct fb_buf *b, const struct fb_page_desc *p)
{
    char prefix[160];
    for (size_t i = 0; i < p->repeat->max; i++) {
        snprintf(prefix, sizeof prefix, "%s.%zu.", p->id, i);
        for (size_t k = 0; k < p->n_questions; k++)
            csv_question_header(b, p->questions[k], prefix);
    }
}

static void
csv_header(struct fb_buf *b, const struct fb_form_desc *f)
{
    fb_buf_puts(b, "reference,submitted_at,version,language");
    for (size_t i = 0; i < f->n_questions; i++) {
        const struct fb_question_desc *q = f->questions[i];
        const struct fb_page_desc *g = fb_repeat_page_of(f, q);
        if (g) {
            if (g->questions[0] == q)
                csv_group_header(b, g);
            continue;
        }
        csv_question_header(b, q, "");
    }
    if (f->events_secret_env)
        fb_buf_puts(b, ",status");
    /* Assisted digital (assist.h): empty for a resident's own. */
    fb_buf_puts(b, ",assisted_channel,assisted_by\r\n");
}

static void
csv_question(struct fb_buf *b, const struct fb_question_desc *q,
             const struct fb_answers *a)
{
    size_t parts = stored_parts(q);
    if (parts) {
        for (size_t k = 0; k < parts; k++) {
            if (!part_used(q, k))
                continue;
            struct fb_buf name;
            fb_buf_init(&name);
            fb_buf_printf(&name, "%s.%s", q->id,
                          fb_qtype(q->type)->parts[k].suffix);
            const char *v = name.data ? fb_answers_get(a, name.data) : NULL;
            fb_buf_putc(b, ',');
            fb_csv_cell(b, v ? v : "");
            fb_buf_free(&name);
        }
        return;
    }
    fb_buf_putc(b, ',');
    size_t n = fb_answers_count(a, q->id);
    if (n <= 1) {
        const char *v = fb_answers_get(a, q->id);
        fb_csv_cell(b, v ? v : "");
        if (q->lookup) {
            const char *m = fb_lookup_mark(q, a);
            fb_buf_putc(b, ',');
            fb_csv_cell(b, m ? m : "");
        }
        return;
    }
    struct fb_buf joined;
    fb_buf_init(&joined);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fb_buf_puts(&joined, "; ");
        fb_buf_puts(&joined, fb_answers_get_nth(a, q->id, i));
    }
    if (joined.failed)
        b->failed = true;
    else
        fb_csv_cell(b, joined.data ? joined.data : "");
    fb_buf_free(&joined);
}

/* Every item's cells, then empty ones up to max. */
static void
csv_group(struct fb_buf *b, const struct fb_page_desc *p,
          const struct fb_answers *a)
{
    struct fb_answers *item = fb_answers_new();
    if (!item) {
        b->failed = true;
        return;
    }
    for (size_t i = 0; i < p->repeat->max; i++) {
        fb_answers_clear(item);
        if (fb_repeat_item(p, a, i, item) != 0)
            b->failed = true;
        for (size_t k = 0; k < p->n_questions; k++)
            csv_question(b, p->questions[k], item);
    }
    fb_answers_free(item);
}

static int
events_failed(struct export_ctx *x, struct fb_buf *b)
{
    snprintf(x->err, x->errlen, "reading progress updates: %s",
             x->store->ops->errmsg(x->store));
    fb_buf_free(b);
    return -1;
}

static int
on_row(const struct fb_submission_row *row, void *cls)
{
    struct export_ctx *x = cls;
    struct fb_buf b;
    fb_buf_init(&b);
    if (x->format == FB_EXPORT_JSON) {
        fb_buf_puts(&b, x->rows ? ",\n  {" : "\n  {");
        fb_buf_puts(&b, "\"reference\": ");
        fb_buf_json_string(&b, row->reference);
        fb_buf_puts(&b, ", \"form\": ");
        fb_buf_json_string(&b, row->form);
        fb_buf_puts(&b, ", \"version\": ");
        fb_buf_json_string(&b, row->form_version);
        fb_buf_puts(&b, ", \"submitted_at\": ");
        fb_buf_json_string(&b, row->submitted_at);
        fb_buf_puts(&b, ", \"delivery_state\": ");
        fb_buf_json_string(&b, row->delivery_state);
        fb_buf_puts(&b, ", \"language\": ");
        fb_buf_json_string(&b, row->language ? row->language : "en");
        /* A form taking progress updates: its events (events.h). */
        if (x->form->events_secret_env) {
            fb_buf_puts(&b, ", \"events\": ");
            if (fb_events_export(&b, x->store, row->reference, true) != 0)
                return events_failed(x, &b);
        }
        fb_assist_json(&b, row->answers_json);
        if (fb_payload_lookups_json(&b, x->form, row->answers_json) != 0) {
            snprintf(x->err, x->errlen, "submission %s: stored answers are "
                     "not valid JSON", row->reference);
            fb_buf_free(&b);
            return -1;
        }
        fb_buf_puts(&b, ", \"answers\": ");
        /* Typed as the JSON payload carries them: one builder. */
        if (fb_payload_answers_json(&b, x->form, row->answers_json) != 0) {
            snprintf(x->err, x->errlen, "submission %s: stored answers are "
                     "not valid JSON", row->reference);
            fb_buf_free(&b);
            return -1;
        }
        fb_buf_putc(&b, '}');
    } else {
        struct fb_answers *a = fb_answers_new();
        if (!a || fb_json_flatten(row->answers_json, a) != 0) {
            snprintf(x->err, x->errlen, "submission %s: stored answers are "
                     "not valid JSON", row->reference);
            fb_answers_free(a);
            fb_buf_free(&b);
            return -1;
        }
        fb_csv_cell(&b, row->reference);
        fb_buf_putc(&b, ',');
        fb_csv_cell(&b, row->submitted_at);
        fb_buf_putc(&b, ',');
        fb_csv_cell(&b, row->form_version);
        fb_buf_putc(&b, ',');
        fb_csv_cell(&b, row->language ? row->language : "en");
        for (size_t i = 0; i < x->form->n_questions; i++) {
            const struct fb_question_desc *q = x->form->questions[i];
            const struct fb_page_desc *g = fb_repeat_page_of(x->form, q);
            if (!g)
                csv_question(&b, q, a);
            else if (g->questions[0] == q)
                csv_group(&b, g, a);
        }
        if (x->form->events_secret_env) {
            fb_buf_putc(&b, ',');
            if (fb_events_export(&b, x->store, row->reference, false) != 0) {
                fb_answers_free(a);
                return events_failed(x, &b);
            }
        }
        struct fb_assisted as;
        fb_assist_read(row->answers_json, &as);
        fb_buf_putc(&b, ',');
        fb_csv_cell(&b, as.channel);
        fb_buf_putc(&b, ',');
        fb_csv_cell(&b, as.staff_name);
        fb_buf_puts(&b, "\r\n");
        fb_answers_free(a);
    }
    x->rows++;
    int rc = 0;
    if (b.failed || fwrite(b.data, 1, b.len, x->out) != b.len) {
        snprintf(x->err, x->errlen, "cannot write the export");
        rc = -1;
    }
    fb_buf_free(&b);
    return rc;
}

/* Writes the submissions of form from since (ISO date or date-time, NULL for
 * all) to out in format. See export.h. */
int
fb_export(struct fb_store *store, const struct fb_form_desc *form,
          const char *since, enum fb_export_format format, FILE *out,
          char *err, size_t errlen)
{
    struct export_ctx x = { .form = form, .store = store, .out = out,
                            .format = format,
                            .err = err, .errlen = errlen };
    err[0] = '\0';
    if (format == FB_EXPORT_CSV) {
        struct fb_buf b;
        fb_buf_init(&b);
        csv_header(&b, form);
        bool ok = !b.failed && fwrite(b.data, 1, b.len, out) == b.len;
        fb_buf_free(&b);
        if (!ok) {
            snprintf(err, errlen, "cannot write the export");
            return -1;
        }
    } else {
        fputc('[', out);
    }
    int rc = store->ops->submission_each(store, form->slug, since, on_row,
                                         &x);
    if (rc != FB_STORE_OK) {
        if (!err[0])
            snprintf(err, errlen, "reading submissions: %s",
                     store->ops->errmsg(store));
        return -1;
    }
    if (format == FB_EXPORT_JSON)
        fputs(x.rows ? "\n]\n" : "]\n", out);
    if (fflush(out) != 0 || ferror(out)) {
        snprintf(err, errlen, "cannot write the export");
        return -1;
    }
    return 0;
}
