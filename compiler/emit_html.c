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
#include "formbuilder/driver.h"
#include "formbuilder/qtype.h"
#include "formbuilder/render.h"

/* The form_href the renderers get; every link starting with it is turned
 * into a link to a file. Not a URL scheme anything else would write. */
#define MARK "fbstatic:"

/* --- sample answers ---------------------------------------------------- */

/* @returns @p q's rule of kind @p k, or NULL. */
static const struct fb_rule_desc *
rule(const struct fb_question_desc *q, enum fb_rule_kind k)
{
    for (size_t i = 0; i < q->n_rules; i++)
        if (q->rules[i].kind == k)
            return &q->rules[i];
    return NULL;
}

/* A date that keeps @p q's date rules on the day @p today. */
static struct fb_date
sample_date(const struct fb_question_desc *q, const struct fb_date *today)
{
    const struct fb_rule_desc *r;
    struct fb_date lo = {0, 0, 0}, hi = {0, 0, 0};
    bool has_lo = false, has_hi = false;
    if ((r = rule(q, FB_RULE_AFTER)) != NULL) {
        lo = fb_date_add_days(fb_date_ref_resolve(&r->date, today), 1);
        has_lo = true;
    }
    if (rule(q, FB_RULE_FUTURE)) {
        struct fb_date t = fb_date_add_days(*today, 1);
        if (!has_lo || fb_date_cmp(&t, &lo) > 0)
            lo = t;
        has_lo = true;
    }
    if ((r = rule(q, FB_RULE_BEFORE)) != NULL) {
        hi = fb_date_add_days(fb_date_ref_resolve(&r->date, today), -1);
        has_hi = true;
    }
    if (rule(q, FB_RULE_PAST)) {
        /* A date of birth or an event: thirty years back reads well. */
        struct fb_date t = fb_date_add_days(*today, -30 * 365);
        if (!has_hi || fb_date_cmp(&t, &hi) < 0)
            hi = t;
        has_hi = true;
    }
    return has_lo ? lo : has_hi ? hi : *today;
}

/* A number that keeps @p q's min and max, as typed. */
static void
sample_number(const struct fb_question_desc *q, char out[64])
{
    const struct fb_rule_desc *min = rule(q, FB_RULE_MIN);
    const struct fb_rule_desc *max = rule(q, FB_RULE_MAX);
    double x = 12;
    if (min)
        x = min->number;
    else if (max && max->number < x)
        x = max->number;
    snprintf(out, 64, "%.15g", x);
}

/* What a resident might type into the field of a plain text answer. */
static const char *
sample_text(const struct fb_question_desc *q)
{
    switch (q->type) {
    case FB_Q_TEXTAREA: return "A sample answer\nover two lines";
    case FB_Q_EMAIL: return "name@example.com";
    case FB_Q_PHONE: return "01632960001";
    case FB_Q_POSTCODE: return "SW1A 1AA";
    case FB_Q_NI_NUMBER: return "QQ123456C";
    default: return "Sample answer";
    }
}

/* What a resident might type into part @p suffix, or NULL to leave it
 * empty (an optional part). */
static const char *
sample_part(const char *suffix)
{
    static const char *const parts[][2] = {
        {"line1", "1 Sample Street"}, {"town", "Sampleton"},
        {"postcode", "SW1A 1AA"},     {"given", "Sam"},
        {"family", "Sample"},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (strcmp(parts[i][0], suffix) == 0)
            return parts[i][1];
    return NULL;
}

/* Posts @p value as field "ID-SUFFIX" of @p q. */
static int
post_part(struct fb_answers *in, const struct fb_question_desc *q,
          const char *suffix, const char *value)
{
    char name[256];
    snprintf(name, sizeof name, "%s-%s", q->id, suffix);
    return fb_answers_set(in, name, value);
}

/* Posts a believable answer to @p q into the raw answers @p in, as the
 * resident's browser would: every part of a date or address, one field
 * otherwise. @returns 0, or -1 when out of memory. */
static int
post_sample(struct fb_answers *in, const struct fb_question_desc *q,
            const struct fb_date *today)
{
    const struct fb_qtype_info *info = fb_qtype(q->type);
    char buf[64];
    if (!info)
        return 0;
    switch (info->stored) {
    case FB_STORED_NUMBER:
        sample_number(q, buf);
        return fb_answers_set(in, q->id, buf);
    case FB_STORED_DATE: {
        struct fb_date d = sample_date(q, today);
        const int v[3] = {d.day, d.month, d.year};
        for (size_t i = 0; i < info->n_parts && i < 3; i++) {
            snprintf(buf, sizeof buf, "%d", v[i]);
            if (post_part(in, q, info->parts[i].suffix, buf) != 0)
                return -1;
        }
        return 0;
    }
    case FB_STORED_CHOICE:
    case FB_STORED_BOOLEAN:
        /* A declaration has no options: its box posts "confirmed". */
        return fb_answers_set(in, q->id, q->n_options ? q->options[0].value
                                                      : "confirmed");
    case FB_STORED_CHOICES: {
        const struct fb_rule_desc *min = rule(q, FB_RULE_MIN_SELECTED);
        size_t n = min ? (size_t)min->count : 1;
        for (size_t i = 0; i < n && i < q->n_options; i++)
            if (fb_answers_add(in, q->id, q->options[i].value) != 0)
                return -1;
        return 0;
    }
    case FB_STORED_PARTS:
        for (size_t i = 0; i < info->n_parts; i++) {
            const char *v = sample_part(info->parts[i].suffix);
            if (v && post_part(in, q, info->parts[i].suffix, v) != 0)
                return -1;
        }
        return 0;
    case FB_STORED_DATETIME: {
        struct fb_date t = fb_date_add_days(*today, 7);
        snprintf(buf, sizeof buf, "%04d-%02d-%02dT10:00", t.year, t.month,
                 t.day);
        return fb_answers_set(in, q->id, buf);
    }
    case FB_STORED_TIME:
        return fb_answers_set(in, q->id, "10:00");
    case FB_STORED_PENCE:
        return fb_answers_set(in, q->id, "12.50");
    case FB_STORED_TEXT:
        break;
    }
    return fb_answers_set(in, q->id, sample_text(q));
}

/* A sample the form's own rules reject (formc cannot write an answer for
 * every pattern or length) is kept as typed, so check answers still shows
 * a row for it. Only for answers posted as one field. */
static int
keep_rejected(const struct fb_errors *errs, const struct fb_form_desc *f,
              const struct fb_answers *in, struct fb_answers *out)
{
    for (size_t i = 0; i < fb_errors_count(errs); i++) {
        const struct fb_question_desc *q =
            fb_form_find_question(f, fb_errors_at(errs, i)->question);
        const struct fb_qtype_info *info = q ? fb_qtype(q->type) : NULL;
        const char *v = q ? fb_answers_get(in, q->id) : NULL;
        if (info && !info->parts && !info->is_list && v &&
            fb_answers_set(out, q->id, v) != 0)
            return -1;
    }
    return 0;
}

/*
 * Walks the form as a resident posting the sample answers would, with the
 * runtime's driver: the pages that apply on the answers so far, stopping
 * short of exit pages, each page's samples validated and normalised into
 * @p out as the server does. @returns the journey (in the arena) and its
 * length in *@p out_n, or NULL when out of memory.
 */
static const struct fb_page_desc *const *
sample_journey(struct fb_compiler *c, const struct fb_form_desc *f,
               const struct fb_date *today, struct fb_answers *in,
               struct fb_answers *out, size_t *out_n)
{
    const struct fb_page_desc **journey =
        fb_arena_alloc(&c->arena, (f->n_pages + 1) * sizeof *journey);
    struct fb_errors *errs = fb_errors_new();
    size_t n = 0;
    bool ok = errs != NULL;
    for (size_t i = 0; ok && i < f->n_pages; i++) {
        const struct fb_page_desc *p = &f->pages[i];
        if (p->exit || !fb_page_applies(p, out, today))
            continue;
        for (size_t k = 0; ok && k < p->n_questions; k++)
            ok = post_sample(in, p->questions[k], today) == 0;
        fb_errors_clear(errs);
        ok = ok && fb_validate_page(p, in, today, out, errs) &&
             keep_rejected(errs, f, in, out) == 0;
        journey[n++] = p;
    }
    fb_errors_free(errs);
    *out_n = n;
    return ok ? journey : NULL;
}

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
            if (page == 0)
                fb_buf_puts(b, "start");
            else
                fb_buf_putn(b, p + mark, page);
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
page_file(struct fb_arena *a, const struct fb_page *p)
{
    return fb_arena_printf(a, "%s.html", p->id);
}

/* The next page a resident could see after page @p i (the first later
 * page, conditions aside), else check answers. */
static const char *
next_file(struct fb_arena *a, const struct fb_form *f, size_t i)
{
    for (size_t k = i + 1; k < f->n_pages; k++)
        if (!f->pages[k]->exit)
            return page_file(a, f->pages[k]);
    return "check-answers.html";
}

static const char *
prev_file(struct fb_arena *a, const struct fb_form *f, size_t i)
{
    for (size_t k = i; k-- > 0;)
        if (!f->pages[k]->exit)
            return page_file(a, f->pages[k]);
    return "start.html";
}

/* Writes page @p i in its error state: the errors the driver finds in
 * an empty post, exactly as the server would show them. */
static int
write_error_page(struct fb_html *w, struct fb_render_ctx *ctx,
                 const char *out, const char *home, struct fb_arena *a)
{
    struct fb_answers *empty = fb_answers_new(), *norm = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    int rc = -1;
    if (empty && norm && errs &&
        fb_validate_page(ctx->page, empty, ctx->today, norm, errs)) {
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

/* Writes every page of the form as the resident first sees it, and the
 * error state of each page with questions. @returns 0 or -1. */
static int
write_form_pages(struct fb_compiler *c, const struct fb_lowered *lw,
                 struct fb_render_ctx *ctx, const char *out, const char *home)
{
    struct fb_arena *a = &c->arena;
    const struct fb_form *f = lw->form;
    struct fb_html w;
    int rc = 0;
    for (size_t i = 0; i < f->n_pages && rc == 0; i++) {
        const struct fb_page *p = f->pages[i];
        ctx->page = &lw->desc->pages[i];
        ctx->back_href = prev_file(a, f, i);
        ctx->action = p->exit ? NULL : next_file(a, f, i);
        fb_html_init(&w);
        fb_render_page(&w, ctx);
        rc = write_page(&w, out, page_file(a, p), home, a);
        /* The error state posts back to itself, as the server's does. */
        ctx->action = page_file(a, p);
        if (rc == 0 && p->n_questions)
            rc = write_error_page(&w, ctx, out, home, a);
    }
    ctx->page = NULL;
    ctx->action = NULL;
    ctx->back_href = NULL;
    return rc;
}

/* Appends page @p p's entry of journey.json to @p b: its id, whether it
 * is an exit page, whether an empty post has errors (what
 * PAGE-errors.html shows), the fields post_sample() posts for it, in
 * order, checkboxes once per ticked box, and its questions with a `when`.
 * @returns 0 or -1 (no memory). */
static int
journey_page_json(struct fb_buf *b, const struct fb_page_desc *p,
                  const struct fb_date *today)
{
    struct fb_answers *in = fb_answers_new(), *empty = fb_answers_new();
    struct fb_answers *norm = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    bool ok = in && empty && norm && errs;
    for (size_t k = 0; ok && !p->exit && k < p->n_questions; k++)
        ok = post_sample(in, p->questions[k], today) == 0;
    ok = ok && fb_validate_page(p, empty, today, norm, errs);
    if (ok) {
        fb_buf_puts(b, "{\"id\": ");
        fb_buf_json_string(b, p->id);
        fb_buf_printf(b, ", \"exit\": %s, \"errors\": %s, \"fields\": [",
                      p->exit ? "true" : "false",
                      fb_errors_count(errs) ? "true" : "false");
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
        fb_buf_puts(b, "]}");
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
static int
write_journey_json(const struct fb_lowered *lw, const struct fb_date *today,
                   const struct fb_page_desc *const *journey,
                   size_t n_journey, const char *out, struct fb_arena *a)
{
    const struct fb_form_desc *f = lw->desc;
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_puts(&b, "{\"format\": 1, \"form\": ");
    fb_buf_json_string(&b, f->slug);
    fb_buf_printf(&b, ", \"today\": \"%04d-%02d-%02d\",\n \"journey\": [",
                  today->year, today->month, today->day);
    for (size_t i = 0; i < n_journey; i++) {
        fb_buf_puts(&b, i ? ", " : "");
        fb_buf_json_string(&b, journey[i]->id);
    }
    fb_buf_puts(&b, "],\n \"pages\": [");
    bool nomem = false;
    for (size_t i = 0; !nomem && i < f->n_pages; i++) {
        fb_buf_puts(&b, i ? ",\n  " : "\n  ");
        nomem = journey_page_json(&b, &f->pages[i], today) != 0;
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
                    struct fb_render_ctx *ctx, const char *out,
                    const char *home)
{
    struct fb_arena *a = &c->arena;
    struct fb_answers *in = fb_answers_new(), *answers = fb_answers_new();
    size_t n_journey = 0;
    const struct fb_page_desc *const *journey =
        in && answers ? sample_journey(c, lw->desc, ctx->today, in, answers,
                                       &n_journey)
                      : NULL;
    struct fb_html w;
    int rc = 0;
    if (!journey) {
        fprintf(stderr, "formc: out of memory\n");
        rc = -1;
    }
    if (rc == 0)
        rc = write_journey_json(lw, ctx->today, journey, n_journey, out, a);
    if (rc == 0) {
        /* The start button leads to the first page of the journey. */
        ctx->journey = journey;
        ctx->n_journey = n_journey ? 1 : 0;
        fb_html_init(&w);
        fb_render_start(&w, ctx);
        rc = write_page(&w, out, "start.html", home, a);
    }
    if (rc == 0) {
        const struct fb_form *f = lw->form;
        ctx->n_journey = n_journey;
        ctx->summary = answers;
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
        const char *prefix = lw->desc->reference_prefix;
        ctx->reference = prefix && *prefix
                             ? fb_arena_printf(a, "%s-7KQ3M2XD", prefix)
                             : "7KQ3M2XD";
        fb_html_init(&w);
        fb_render_confirmation(&w, ctx);
        rc = write_page(&w, out, "confirmation.html", home, a);
    }
    fb_answers_free(in);
    fb_answers_free(answers);
    return rc;
}

int
fb_emit_html_form(struct fb_compiler *c, const struct fb_lowered *lw,
                  const char *dir, const struct fb_date *today)
{
    struct fb_arena *a = &c->arena;
    const char *out = fb_arena_printf(a, "%s/%s", dir, lw->form->slug);
    if (make_dir(out) != 0)
        return -1;
    /* The driver validates the samples, so the patterns must compile. */
    char why[256];
    if (fb_form_init(lw->desc, why, sizeof why) != 0) {
        fprintf(stderr, "formc: %s: %s\n", lw->form->slug, why);
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
    int rc = write_form_pages(c, lw, &ctx, out, home);
    if (rc == 0)
        rc = write_journey_pages(c, lw, &ctx, out, home);
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
    fb_render_index(&w, "", descs, n_forms);
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
