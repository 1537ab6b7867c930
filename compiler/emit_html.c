/* SPDX-License-Identifier: MIT */
/*
 * Static page emitter: runs libfbrt's driver on the lowered descriptors,
 * the same driver and renderers the server runs on the generated tables:
 * pages are written by fb_render_page(), error states show the errors
 * fb_validate_page() finds in an empty post, and the sample journey is
 * the pages fb_page_applies() keeps for sample answers. So what a
 * reviewer opens from disk is what residents get. Links the renderers
 * write for the server ("/slug/page") are pointed at the neighbouring
 * .html files instead, and each form posts to the next page, so the
 * journey can be walked with a keyboard from disk.
 */
#include "emit_html.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "formbuilder/booking.h"
#include "formbuilder/driver.h"
#include "formbuilder/qtype.h"
#include "formbuilder/render.h"
#include "formbuilder/repeat.h"
#include "formbuilder/validate.h"
#include "sample.h"

/* The form_href the renderers get; every link starting with it is turned
 * into a link to a file. Not a URL scheme anything else would write. */
#define MARK "fbstatic:"

/* --- writing pages ----------------------------------------------------- */

/* Appends @p html to @p b with the server links made into file links:
 * MARK "page[?...]" -> "page.html", MARK alone -> "start.html", "/" ->
 * @p home, "/slug/" -> "slug/start.html". */
static void
relink(struct fb_buf *b, const char *html, const char *home)
{
    static const char href[] = "href=\"";
    const char *p = html;
    const char *at;
    while ((at = strstr(p, href)) != NULL) {
        at += sizeof href - 1;
        fb_buf_putn(b, p, (size_t)(at - p));
        p = at;
        const char *end = strchr(p, '"');
        if (!end)
            break;
        size_t n = (size_t)(end - p);
        size_t mark = sizeof MARK - 1;
        if (n >= mark && strncmp(p, MARK, mark) == 0) {
            size_t page = strcspn(p + mark, "?\"");
            /* A repeating page's item, "PAGE/N": its item page, and
             * "PAGE/N/remove": its remove page. */
            size_t seg = strcspn(p + mark, "/?\"");
            if (page == 0)
                fb_buf_puts(b, "start");
            else
                fb_buf_putn(b, p + mark, seg);
            if (seg < page && page >= 7
                && strncmp(p + mark + page - 7, "/remove", 7) == 0)
                fb_buf_puts(b, "-remove");
            fb_buf_puts(b, ".html");
        } else if (n == 1 && p[0] == '/') {
            fb_buf_puts(b, home);
        } else if (n > 2 && p[0] == '/' && p[n - 1] == '/' &&
                   !memchr(p + 1, '/', n - 2)) {
            fb_buf_putn(b, p + 1, n - 2);
            fb_buf_puts(b, "/start.html");
        } else {
            fb_buf_putn(b, p, n);
        }
        p = end;
    }
    fb_buf_puts(b, p);
}

/* Writes the page in @p w to @p dir/@p name. @returns 0 or -1. */
static int
write_page(struct fb_html *w, const char *dir, const char *name,
           const char *home, struct fb_arena *a)
{
    const char *path = fb_arena_printf(a, "%s/%s", dir, name);
    size_t len;
    char *html = fb_html_take(w, &len);
    if (!html) {
        fprintf(stderr, "formc: %s: out of memory\n", path);
        return -1;
    }
    struct fb_buf b;
    fb_buf_init(&b);
    relink(&b, html, home);
    free(html);
    int rc = b.failed ? -1 : fb_buf_write_file(&b, path);
    if (rc != 0)
        fprintf(stderr, "formc: cannot write %s: %s\n", path,
                b.failed ? "out of memory" : strerror(errno));
    fb_buf_free(&b);
    return rc;
}

/* The file a page's back link and the previous page's form lead to. */
static const char *
page_file(struct fb_arena *a, const struct fb_page_desc *p)
{
    return fb_arena_printf(a, "%s.html", p->id);
}

/* The next page a resident could see after page @p i (the first later
 * page, conditions aside), else check answers. */
static const char *
next_file(struct fb_arena *a, const struct fb_form_desc *f, size_t i)
{
    for (size_t k = i + 1; k < f->n_pages; k++)
        if (!f->pages[k].exit)
            return page_file(a, &f->pages[k]);
    return "check-answers.html";
}

static const char *
prev_file(struct fb_arena *a, const struct fb_form_desc *f, size_t i)
{
    for (size_t k = i; k-- > 0;)
        if (!f->pages[k].exit)
            return page_file(a, &f->pages[k]);
    return "start.html";
}

/* Writes page @p i in its error state: the errors the driver finds in
 * an empty post after the sample answers of the pages before it, exactly
 * as the server would show them. */
static int
write_error_page(struct fb_html *w, struct fb_render_ctx *ctx,
                 const char *out, const char *home, struct fb_arena *a)
{
    struct fb_answers *empty = fb_answers_new(), *norm = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    int rc = -1;
    if (empty && norm && errs &&
        (!ctx->known || fb_answers_copy(empty, ctx->known) == 0) &&
        fb_validate_page(ctx->page, empty, ctx->today, norm, errs)) {
        /* The page shows no earlier page's answers, only its own. */
        fb_answers_clear(empty);
        ctx->answers = empty;
        ctx->errors = errs;
        fb_html_init(w);
        fb_render_page(w, ctx);
        rc = write_page(w, out,
                        fb_arena_printf(a, "%s-errors.html", ctx->page->id),
                        home, a);
    } else {
        fprintf(stderr, "formc: out of memory\n");
    }
    ctx->answers = NULL;
    ctx->errors = NULL;
    fb_answers_free(empty);
    fb_answers_free(norm);
    fb_errors_free(errs);
    return rc;
}

static int
make_dir(const char *path)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST)
        return 0;
    fprintf(stderr, "formc: cannot create %s: %s\n", path, strerror(errno));
    return -1;
}

/* A repeating page's summary with the sample's item (PAGE-summary.html)
 * and the confirmation before removing it (PAGE-remove.html), as the
 * server shows them. @returns 0 or -1. */
static int
write_group_pages(struct fb_html *w, struct fb_render_ctx *ctx,
                  const struct fb_sample *sample,
                  const struct fb_page_desc *p, const char *next,
                  const char *out, const char *home, struct fb_arena *a)
{
    const struct fb_answers *all = sample->out;
    ctx->caption = NULL;
    ctx->summary = all;
    ctx->action = next;
    fb_html_init(w);
    fb_render_repeat_summary(w, ctx, fb_repeat_count(p, all));
    int rc = write_page(w, out, fb_arena_printf(a, "%s-summary.html", p->id),
                        home, a);
    struct fb_answers *item = fb_answers_new();
    if (rc == 0 && (!item || fb_repeat_item(p, all, 0, item) != 0))
        rc = -1;
    if (rc == 0) {
        ctx->summary = item;
        ctx->action = fb_arena_printf(a, "%s-summary.html", p->id);
        ctx->back_href = ctx->action;
        fb_html_init(w);
        fb_render_repeat_remove(w, ctx, 0);
        rc = write_page(w, out, fb_arena_printf(a, "%s-remove.html", p->id),
                        home, a);
    }
    fb_answers_free(item);
    ctx->summary = NULL;
    return rc;
}

/* Writes every page of the form as the resident first sees it, and the
 * error state of each page with questions. A page on the sample journey
 * tests its conditions on the answers before it, as the server does;
 * any other page on the whole sample. @returns 0 or -1. */
static int
write_form_pages(struct fb_compiler *c, const struct fb_lowered *lw,
                 const struct fb_sample *sample, struct fb_render_ctx *ctx,
                 const char *out, const char *home)
{
    struct fb_arena *a = &c->arena;
    const struct fb_form_desc *f = lw->desc;
    struct fb_html w;
    int rc = 0;
    for (size_t i = 0; i < f->n_pages && rc == 0; i++) {
        const struct fb_page_desc *p = &f->pages[i];
        ctx->page = p;
        ctx->known = sample->known[i] ? sample->known[i] : sample->out;
        ctx->back_href = prev_file(a, f, i);
        ctx->action = p->exit ? NULL : next_file(a, f, i);
        char caption[256];
        struct fb_msg_args item = {.noun = p->repeat ? &p->repeat->item_one
                                                     : NULL,
                                   .count = 1};
        if (p->repeat) {
            /* An item, as the server shows one: PAGE.html is item 1. */
            ctx->caption = fb_msg_format(caption, sizeof caption,
                                         FB_MSG_REPEAT_ITEM, &item,
                                         ctx->lang);
            ctx->action = fb_arena_printf(a, "%s-summary.html", p->id);
        }
        fb_html_init(&w);
        fb_render_page(&w, ctx);
        rc = write_page(&w, out, page_file(a, p), home, a);
        /* The error state posts back to itself, as the server's does. */
        ctx->action = page_file(a, p);
        if (rc == 0 && p->n_questions)
            rc = write_error_page(&w, ctx, out, home, a);
        if (rc == 0 && p->repeat)
            rc = write_group_pages(&w, ctx, sample, p, next_file(a, f, i),
                                   out, home, a);
        ctx->caption = NULL;
    }
    ctx->page = NULL;
    ctx->known = NULL;
    ctx->action = NULL;
    ctx->back_href = NULL;
    return rc;
}

/* Appends page @p p's entry of journey.json to @p b: its id, whether it
 * is an exit page, whether an empty post has errors (what
 * PAGE-errors.html shows), the fields fb_sample_post() posts for it, in
 * order, checkboxes once per ticked box, its questions with a `when`, and
 * those an endpoint checks (`lookup:`). @returns 0 or -1 (no memory). */
static int
journey_page_json(struct fb_buf *b, const struct fb_sample *sample,
                  size_t page)
{
    const struct fb_page_desc *p = &sample->form->pages[page];
    const struct fb_date *today = sample->today;
    struct fb_answers *in = fb_answers_new(), *empty = fb_answers_new();
    struct fb_answers *norm = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    bool ok = in && empty && norm && errs;
    for (size_t k = 0; ok && !p->exit && k < p->n_questions; k++)
        ok = fb_sample_post(sample, p->questions[k], in) == 0;
    /* An empty post after the answers before it, as PAGE-errors.html. */
    const struct fb_answers *known = sample->known[page] ? sample->known[page]
                                                         : sample->out;
    ok = ok && fb_answers_copy(empty, known) == 0 &&
         fb_validate_page(p, empty, today, norm, errs);
    if (ok) {
        fb_buf_puts(b, "{\"id\": ");
        fb_buf_json_string(b, p->id);
        fb_buf_printf(b, ", \"exit\": %s, \"errors\": %s, ",
                      p->exit ? "true" : "false",
                      fb_errors_count(errs) ? "true" : "false");
        /* PAGE is a repeating page's summary; fields are one item's,
         * posted to PAGE/N. */
        if (p->repeat)
            fb_buf_printf(b, "\"repeat\": {\"min\": %zu, \"max\": %zu}, ",
                          p->repeat->min, p->repeat->max);
        fb_buf_puts(b, "\"fields\": [");
        const char *name, *value;
        for (size_t i = 0; fb_answers_at(in, i, &name, &value); i++) {
            fb_buf_puts(b, i ? ", [" : "[");
            fb_buf_json_string(b, name);
            fb_buf_puts(b, ", ");
            fb_buf_json_string(b, value);
            fb_buf_puts(b, "]");
        }
        fb_buf_puts(b, "], \"when\": [");
        for (size_t k = 0, n = 0; k < p->n_questions; k++)
            if (p->questions[k]->when) {
                fb_buf_puts(b, n++ ? ", " : "");
                fb_buf_json_string(b, p->questions[k]->id);
            }
        fb_buf_puts(b, "]");
        /* Only on a page asking a question an endpoint checks. */
        size_t n_lookups = 0;
        for (size_t k = 0; k < p->n_questions; k++) {
            const struct fb_lookup_desc *l = p->questions[k]->lookup;
            if (!l)
                continue;
            fb_buf_puts(b, n_lookups++ ? ", " : ", \"lookups\": [");
            fb_buf_puts(b, "{\"question\": ");
            fb_buf_json_string(b, p->questions[k]->id);
            fb_buf_puts(b, ", \"lookup\": ");
            fb_buf_json_string(b, l->provider);
            fb_buf_puts(b, "}");
        }
        if (n_lookups)
            fb_buf_puts(b, "]");
        fb_buf_puts(b, "}");
    }
    fb_answers_free(in);
    fb_answers_free(empty);
    fb_answers_free(norm);
    fb_errors_free(errs);
    return ok ? 0 : -1;
}

/* Writes @p out/journey.json, the machine-readable part of the static
 * pages (format in emit_html.h): the sample journey and every page's
 * sample fields, so a test can post the same answers to the server.
 * @returns 0 or -1. */
/* journey.json's "booking": the calendar and the ids of the pages asking
 * the booking date and time ({"calendar": NAME, "date": ID, "time": ID}),
 * or null: the a11y walk visits those pages, and the booking's own, in
 * the booking's states too. */
static void
booking_pages_json(struct fb_buf *b, const struct fb_form_desc *f)
{
    static const enum fb_qtype types[] = { FB_Q_BOOKING_DATE,
                                           FB_Q_BOOKING_TIME };
    static const char *const keys[] = { "date", "time" };
    if (!f->booking) {
        fb_buf_puts(b, "null");
        return;
    }
    fb_buf_puts(b, "{\"calendar\": ");
    fb_buf_json_string(b, f->booking->name);
    for (size_t t = 0; t < 2; t++) {
        const struct fb_question_desc *q =
            fb_form_booking_question(f, types[t]);
        const char *id = NULL;
        for (size_t i = 0; q && !id && i < f->n_pages; i++)
            for (size_t k = 0; k < f->pages[i].n_questions; k++)
                if (f->pages[i].questions[k] == q)
                    id = f->pages[i].id;
        fb_buf_printf(b, ", \"%s\": ", keys[t]);
        if (id)
            fb_buf_json_string(b, id);
        else
            fb_buf_puts(b, "null");
    }
    fb_buf_putc(b, '}');
}

static int
write_journey_json(const struct fb_sample *sample, const char *out,
                   struct fb_arena *a)
{
    const struct fb_form_desc *f = sample->form;
    const struct fb_date *today = sample->today;
    const struct fb_page_desc *const *journey = sample->journey;
    size_t n_journey = sample->n_journey;
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_puts(&b, "{\"format\": 1, \"form\": ");
    fb_buf_json_string(&b, f->slug);
    char iso[FB_DATE_ISO_SIZE];
    fb_buf_printf(&b, ", \"today\": \"%s\",\n \"journey\": [",
                  fb_date_iso(today, iso));
    for (size_t i = 0; i < n_journey; i++) {
        fb_buf_puts(&b, i ? ", " : "");
        fb_buf_json_string(&b, journey[i]->id);
    }
    fb_buf_puts(&b, "],\n \"booking\": ");
    booking_pages_json(&b, f);
    fb_buf_puts(&b, ",\n \"pages\": [");
    bool nomem = false;
    for (size_t i = 0; !nomem && i < f->n_pages; i++) {
        fb_buf_puts(&b, i ? ",\n  " : "\n  ");
        nomem = journey_page_json(&b, sample, i) != 0;
    }
    fb_buf_puts(&b, "]}\n");
    nomem = nomem || b.failed;
    const char *path = fb_arena_printf(a, "%s/journey.json", out);
    int rc = nomem ? -1 : fb_buf_write_file(&b, path);
    if (rc != 0)
        fprintf(stderr, "formc: cannot write %s: %s\n", path,
                nomem ? "out of memory" : strerror(errno));
    fb_buf_free(&b);
    return rc;
}

/* Writes start, check answers (with the sample journey) and confirmation.
 * @returns 0 or -1. */
static int
write_journey_pages(struct fb_compiler *c, const struct fb_lowered *lw,
                    const struct fb_sample *sample,
                    struct fb_render_ctx *ctx, const char *out,
                    const char *home)
{
    struct fb_arena *a = &c->arena;
    const struct fb_form_desc *f = lw->desc;
    struct fb_html w;
    int rc = write_journey_json(sample, out, a);
    /* A journey that ends at an exit page has no check answers to
     * reach: the page lists what came before it. */
    size_t n_journey = sample->n_journey - (sample->exit ? 1 : 0);
    if (rc == 0) {
        /* The start button leads to the first page of the journey. */
        ctx->journey = sample->journey;
        ctx->n_journey = n_journey ? 1 : 0;
        fb_html_init(&w);
        fb_render_start(&w, ctx);
        rc = write_page(&w, out, "start.html", home, a);
    }
    if (rc == 0) {
        ctx->n_journey = n_journey;
        ctx->summary = sample->out;
        ctx->action = "confirmation.html";
        ctx->back_href = f->n_pages ? prev_file(a, f, f->n_pages) : NULL;
        fb_html_init(&w);
        fb_render_check_answers(&w, ctx);
        rc = write_page(&w, out, "check-answers.html", home, a);
    }
    ctx->journey = NULL;
    ctx->n_journey = 0;
    ctx->summary = NULL;
    ctx->action = NULL;
    ctx->back_href = NULL;
    if (rc == 0) {
        const char *prefix = f->reference_prefix;
        ctx->reference = prefix && *prefix
                             ? fb_arena_printf(a, "%s-7KQ3M2XD", prefix)
                             : "7KQ3M2XD";
        /* The confirmation shows the booking and fills placeholders
         * from the sample answers, as the server does from a resident's. */
        ctx->summary = sample->out;
        fb_html_init(&w);
        fb_render_confirmation(&w, ctx);
        rc = write_page(&w, out, "confirmation.html", home, a);
        ctx->summary = NULL;
    }
    return rc;
}

int
fb_emit_html_form(struct fb_compiler *c, const struct fb_lowered *lw,
                  const char *dir, const struct fb_date *today)
{
    struct fb_arena *a = &c->arena;
    const char *out = fb_arena_printf(a, "%s/%s", dir, lw->desc->slug);
    if (make_dir(out) != 0)
        return -1;
    /* The driver validates the samples, so the patterns must compile. */
    char why[256];
    if (fb_form_init(lw->desc, why, sizeof why) != 0) {
        fprintf(stderr, "formc: %s: %s\n", lw->desc->slug, why);
        fb_form_fini(lw->desc);
        return -1;
    }
    struct fb_render_ctx ctx = {
        .form = lw->desc,
        .lang = FB_LANG_EN,
        .today = today,
        .form_href = MARK,
        .assets_href = "../",
    };
    const char *home = "../index.html";
    struct fb_sample sample;
    int rc = fb_sample_journey(c, lw->desc, today, &sample);
    if (rc != 0)
        fprintf(stderr, "formc: out of memory\n");
    if (rc == 0)
        rc = write_form_pages(c, lw, &sample, &ctx, out, home);
    if (rc == 0)
        rc = write_journey_pages(c, lw, &sample, &ctx, out, home);
    if (rc == 0 && (lw->desc->languages & (1u << FB_LANG_CY))) {
        /* A bilingual form's pages in Welsh too, in <slug>/cy/, so the
         * Welsh can be reviewed in place (docs/welsh.md). */
        const char *cy = fb_arena_printf(a, "%s/cy", out);
        struct fb_render_ctx cy_ctx = ctx;
        cy_ctx.lang = FB_LANG_CY;
        cy_ctx.assets_href = "../../";
        const char *cy_home = "../../index.html";
        rc = make_dir(cy);
        if (rc == 0)
            rc = write_form_pages(c, lw, &sample, &cy_ctx, cy, cy_home);
        if (rc == 0)
            rc = write_journey_pages(c, lw, &sample, &cy_ctx, cy, cy_home);
    }
    fb_sample_free(&sample);
    fb_form_fini(lw->desc);
    return rc;
}

int
fb_emit_html_index(struct fb_compiler *c, struct fb_lowered *const *forms,
                   size_t n_forms, const char *dir)
{
    struct fb_arena *a = &c->arena;
    const struct fb_form_desc **descs =
        fb_arena_alloc(a, (n_forms + 1) * sizeof *descs);
    for (size_t i = 0; i < n_forms; i++)
        descs[i] = forms[i]->desc;
    struct fb_html w;
    fb_html_init(&w);
    fb_render_index(&w, FB_LANG_EN, "", descs, n_forms, NULL);
    if (write_page(&w, dir, "index.html", "index.html", a) != 0)
        return -1;

    size_t len = 0;
    const char *css = fb_stylesheet(&len);
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_putn(&b, css, len);
    const char *path = fb_arena_printf(a, "%s/formbuilder.css", dir);
    int rc = b.failed ? -1 : fb_buf_write_file(&b, path);
    if (rc != 0)
        fprintf(stderr, "formc: cannot write %s: %s\n", path,
                b.failed ? "out of memory" : strerror(errno));
    fb_buf_free(&b);
    return rc;
}
