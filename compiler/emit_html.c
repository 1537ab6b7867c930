/* SPDX-License-Identifier: MIT */
/*
 * Static page emitter: renders the lowered descriptors with libfbrt's
 * renderers, calling the same pieces in the same order as the generated
 * page renderers, so what a reviewer opens from disk is what residents
 * get. Links the renderers write for the server ("/slug/page") are
 * pointed at the neighbouring .html files instead, and each form posts to
 * the next page, so the journey can be walked with a keyboard from disk.
 */
#include "emit_html.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "formbuilder/render.h"
#include "messages.h"

/* The form_href the renderers get; every link starting with it is turned
 * into a link to a file. Not a URL scheme anything else would write. */
#define MARK "fbstatic:"

/* --- sample answers ---------------------------------------------------- */

static struct fb_date
date_ref(const struct fb_date_ref *r, const struct fb_date *today)
{
    return r->relative ? fb_date_add_days(*today, r->offset_days) : r->date;
}

/* A condition VALUE that is a date ("2025-01-31", "today+14d"). */
static bool
cond_date(const char *v, const struct fb_date *today, struct fb_date *out)
{
    if (strncmp(v, "today", 5) == 0) {
        *out = fb_date_add_days(*today, (int)strtol(v + 5, NULL, 10));
        return true;
    }
    return fb_date_parse_iso(v, out);
}

/* Evaluates @p c on the normalised sample answers, as the generated
 * condition functions do on the day @p today. */
static bool
eval(const struct fb_cond *c, const struct fb_answers *a,
     const struct fb_date *today)
{
    int cmp = 0;
    bool ok;
    enum fb_qtype t = c->target ? c->target->type : FB_Q_TEXT;
    switch (c->kind) {
    case FB_COND_AND:
        return eval(c->lhs, a, today) && eval(c->rhs, a, today);
    case FB_COND_OR:
        return eval(c->lhs, a, today) || eval(c->rhs, a, today);
    case FB_COND_NOT:
        return !eval(c->lhs, a, today);
    case FB_COND_HAS:
        return fb_answers_has(a, c->question, c->value);
    case FB_COND_ANSWERED: {
        const char *v = fb_answers_get(a, c->question);
        if (!v && t == FB_Q_ADDRESS) {
            char name[256];
            snprintf(name, sizeof name, "%s.line1", c->question);
            v = fb_answers_get(a, name);
        }
        return v && *v;
    }
    default:
        break;
    }
    if (t == FB_Q_NUMBER) {
        ok = fb_compare_numbers(fb_answers_get(a, c->question),
                                strtod(c->value, NULL), &cmp);
    } else if (t == FB_Q_DATE) {
        struct fb_date d;
        ok = cond_date(c->value, today, &d) &&
             fb_compare_dates(fb_answers_get(a, c->question), &d, &cmp);
    } else {
        ok = fb_answers_has(a, c->question, c->value);
        if (c->kind == FB_COND_IS)
            return ok;
        if (c->kind == FB_COND_IS_NOT)
            return !ok;
        return false;
    }
    switch (c->kind) {
    case FB_COND_IS: return ok && cmp == 0;
    case FB_COND_IS_NOT: return !(ok && cmp == 0);
    case FB_COND_LT: return ok && cmp < 0;
    case FB_COND_LE: return ok && cmp <= 0;
    case FB_COND_GT: return ok && cmp > 0;
    case FB_COND_GE: return ok && cmp >= 0;
    default: return false;
    }
}

static void
sample_date(const struct fb_question *q, const struct fb_date *today,
            char out[16])
{
    const struct fb_rule *r = q->rules;
    struct fb_date lo = {0, 0, 0}, hi = {0, 0, 0};
    bool has_lo = false, has_hi = false;
    if (r[FB_RULE_AFTER].present) {
        lo = fb_date_add_days(date_ref(&r[FB_RULE_AFTER].date, today), 1);
        has_lo = true;
    }
    if (r[FB_RULE_FUTURE].present) {
        struct fb_date t = fb_date_add_days(*today, 1);
        if (!has_lo || fb_date_cmp(&t, &lo) > 0)
            lo = t;
        has_lo = true;
    }
    if (r[FB_RULE_BEFORE].present) {
        hi = fb_date_add_days(date_ref(&r[FB_RULE_BEFORE].date, today), -1);
        has_hi = true;
    }
    if (r[FB_RULE_PAST].present) {
        /* A date of birth or an event: thirty years back reads well. */
        struct fb_date t = fb_date_add_days(*today, -30 * 365);
        if (!has_hi || fb_date_cmp(&t, &hi) < 0)
            hi = t;
        has_hi = true;
    }
    struct fb_date d = has_lo ? lo : has_hi ? hi : *today;
    snprintf(out, 16, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static void
sample_number(const struct fb_question *q, char out[64])
{
    const struct fb_rule *r = q->rules;
    double x = 12;
    if (r[FB_RULE_MIN].present)
        x = r[FB_RULE_MIN].number;
    else if (r[FB_RULE_MAX].present && r[FB_RULE_MAX].number < x)
        x = r[FB_RULE_MAX].number;
    snprintf(out, 64, "%.15g", x);
}

/* Adds a believable normalised answer for @p q to @p a. */
static int
add_sample(struct fb_answers *a, const struct fb_question *q,
           const struct fb_question_desc *d, const struct fb_date *today)
{
    char buf[64];
    const char *id = q->id;
    switch (q->type) {
    case FB_Q_TEXT:
        return fb_answers_set(a, id, "Sample answer");
    case FB_Q_TEXTAREA:
        return fb_answers_set(a, id, "A sample answer\nover two lines");
    case FB_Q_EMAIL:
        return fb_answers_set(a, id, "name@example.com");
    case FB_Q_PHONE:
        return fb_answers_set(a, id, "01632960001");
    case FB_Q_POSTCODE:
        return fb_answers_set(a, id, "SW1A 1AA");
    case FB_Q_NUMBER:
        sample_number(q, buf);
        return fb_answers_set(a, id, buf);
    case FB_Q_DATE:
        sample_date(q, today, buf);
        return fb_answers_set(a, id, buf);
    case FB_Q_RADIOS:
    case FB_Q_SELECT:
    case FB_Q_YES_NO:
        return d->n_options ? fb_answers_set(a, id, d->options[0].value) : 0;
    case FB_Q_CHECKBOXES: {
        size_t n = q->rules[FB_RULE_MIN_SELECTED].present
                       ? (size_t)q->rules[FB_RULE_MIN_SELECTED].count
                       : 1;
        for (size_t i = 0; i < n && i < d->n_options; i++)
            if (fb_answers_add(a, id, d->options[i].value) != 0)
                return -1;
        return 0;
    }
    case FB_Q_ADDRESS: {
        static const char *const parts[][2] = {
            {"line1", "1 Sample Street"},
            {"town", "Sampleton"},
            {"postcode", "SW1A 1AA"},
        };
        for (size_t i = 0; i < 3; i++) {
            snprintf(buf, sizeof buf, "%s.%s", id, parts[i][0]);
            if (fb_answers_set(a, buf, parts[i][1]) != 0)
                return -1;
        }
        return 0;
    }
    case FB_Q_DECLARATION:
        return fb_answers_set(a, id, "confirmed");
    case FB_Q_SLOT: {
        struct fb_date t = fb_date_add_days(*today, 7);
        snprintf(buf, sizeof buf, "%04d-%02d-%02dT10:00", t.year, t.month,
                 t.day);
        return fb_answers_set(a, id, buf);
    }
    case FB_Q__COUNT:
        break;
    }
    return 0;
}

/* Does @p q apply given the sample answers so far? */
static bool
sample_applies(const struct fb_question *q, const struct fb_answers *a,
               const struct fb_date *today)
{
    if (q->revealed_by &&
        (!q->revealed_by_option ||
         !fb_answers_has(a, q->revealed_by->id, q->revealed_by_option->value)))
        return false;
    return !q->when || eval(q->when, a, today);
}

/*
 * Walks the form as a resident giving the sample answers would: the pages
 * whose `when` holds, stopping at an exit page, each copied with only the
 * questions that apply. Fills @p a. @returns the journey (in the arena).
 */
static const struct fb_page_desc *const *
sample_journey(struct fb_compiler *c, const struct fb_lowered *lw,
               const struct fb_date *today, struct fb_answers *a,
               size_t *out_n)
{
    const struct fb_form *f = lw->form;
    const struct fb_page_desc **journey =
        fb_arena_alloc(&c->arena, (f->n_pages + 1) * sizeof *journey);
    size_t n = 0;
    for (size_t i = 0; i < f->n_pages; i++) {
        const struct fb_page *p = f->pages[i];
        if (p->when && !eval(p->when, a, today))
            continue;
        if (p->exit)
            continue;
        struct fb_page_desc *copy = fb_arena_alloc(&c->arena, sizeof *copy);
        *copy = lw->desc->pages[i];
        const struct fb_question_desc **qs = fb_arena_alloc(
            &c->arena, (p->n_questions + 1) * sizeof *qs);
        size_t nq = 0;
        for (size_t k = 0; k < p->n_questions; k++) {
            const struct fb_question *q = p->questions[k];
            if (!sample_applies(q, a, today))
                continue;
            const struct fb_question_desc *d = lw->questions[q->index];
            if (add_sample(a, q, d, today) != 0)
                return NULL;
            qs[nq++] = d;
        }
        copy->questions = qs;
        copy->n_questions = nq;
        journey[n++] = copy;
    }
    *out_n = n;
    return journey;
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

/* The page itself, through the same pieces as the generated renderer. */
static void
render_page(struct fb_html *w, struct fb_arena *a, const struct fb_lowered *lw,
            size_t pi, const struct fb_render_ctx *ctx)
{
    const struct fb_page *pg = lw->form->pages[pi];
    const struct fb_page_desc *pd = &lw->desc->pages[pi];
    struct fb_page_item *items;
    size_t n = fb_page_items(a, pg, &items);
    fb_render_page_open(w, ctx);
    for (size_t i = 0; i < n; i++) {
        const struct fb_question *q = items[i].question;
        if (!q)
            fb_render_block(w, ctx, &pd->blocks[items[i].block]);
        else if (!(q->revealed_by && q->revealed_by->page == pg))
            fb_render_question(w, ctx, lw->questions[q->index]);
    }
    fb_render_page_close(w, ctx);
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

/* One error per question shown on an empty page: the required message,
 * linked to the question's first input. */
static int
sample_errors(struct fb_arena *a, const struct fb_page *p,
              struct fb_errors *errs)
{
    for (size_t i = 0; i < p->n_questions; i++) {
        const struct fb_question *q = p->questions[i];
        if (q->when || q->revealed_by)
            continue;
        if (fb_errors_add(errs, q->id, fb_question_anchor(a, q),
                          fb_msg_required(a, q)) != 0)
            return -1;
    }
    return 0;
}

static int
make_dir(const char *path)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST)
        return 0;
    fprintf(stderr, "formc: cannot create %s: %s\n", path, strerror(errno));
    return -1;
}

int
fb_emit_html_form(struct fb_compiler *c, const struct fb_lowered *lw,
                  const char *dir, const struct fb_date *today)
{
    struct fb_arena *a = &c->arena;
    const struct fb_form *f = lw->form;
    const char *out = fb_arena_printf(a, "%s/%s", dir, f->slug);
    const char *home = "../index.html";
    if (make_dir(out) != 0)
        return -1;

    struct fb_render_ctx ctx = {
        .form = lw->desc,
        .lang = FB_LANG_EN,
        .form_href = MARK,
        .assets_href = "../",
    };
    struct fb_html w;
    int rc = 0;
    struct fb_errors *errs = fb_errors_new();
    struct fb_answers *answers = fb_answers_new();
    if (!errs || !answers) {
        fprintf(stderr, "formc: out of memory\n");
        rc = -1;
        goto done;
    }

    for (size_t i = 0; i < f->n_pages && rc == 0; i++) {
        const struct fb_page *p = f->pages[i];
        ctx.page = &lw->desc->pages[i];
        ctx.back_href = prev_file(a, f, i);
        ctx.action = p->exit ? NULL : next_file(a, f, i);
        ctx.errors = NULL;
        fb_html_init(&w);
        render_page(&w, a, lw, i, &ctx);
        rc = write_page(&w, out, page_file(a, p), home, a);
        if (rc != 0 || p->n_questions == 0)
            continue;
        /* The error state posts back to itself, as the server's does. */
        fb_errors_clear(errs);
        if (sample_errors(a, p, errs) != 0) {
            rc = -1;
            break;
        }
        ctx.errors = errs;
        ctx.action = page_file(a, p);
        fb_html_init(&w);
        render_page(&w, a, lw, i, &ctx);
        rc = write_page(&w, out,
                        fb_arena_printf(a, "%s-errors.html", p->id), home, a);
    }
    ctx.page = NULL;
    ctx.errors = NULL;
    ctx.action = NULL;

    size_t n_journey = 0;
    const struct fb_page_desc *const *journey =
        rc == 0 ? sample_journey(c, lw, today, answers, &n_journey) : NULL;
    if (rc == 0 && !journey) {
        fprintf(stderr, "formc: out of memory\n");
        rc = -1;
    }

    if (rc == 0) {
        ctx.back_href = NULL;
        if (n_journey)
            ctx.journey = journey, ctx.n_journey = 1;
        fb_html_init(&w);
        fb_render_start(&w, &ctx);
        rc = write_page(&w, out, "start.html", home, a);
        ctx.journey = NULL;
        ctx.n_journey = 0;
    }
    if (rc == 0) {
        ctx.journey = journey;
        ctx.n_journey = n_journey;
        ctx.summary = answers;
        ctx.action = "confirmation.html";
        ctx.back_href = f->n_pages ? prev_file(a, f, f->n_pages) : NULL;
        fb_html_init(&w);
        fb_render_check_answers(&w, &ctx);
        rc = write_page(&w, out, "check-answers.html", home, a);
        ctx.journey = NULL;
        ctx.n_journey = 0;
        ctx.summary = NULL;
        ctx.action = NULL;
    }
    if (rc == 0) {
        const char *prefix = lw->desc->reference_prefix;
        ctx.back_href = NULL;
        ctx.reference = prefix && *prefix
                            ? fb_arena_printf(a, "%s-7KQ3M2XD", prefix)
                            : "7KQ3M2XD";
        fb_html_init(&w);
        fb_render_confirmation(&w, &ctx);
        rc = write_page(&w, out, "confirmation.html", home, a);
    }
done:
    fb_errors_free(errs);
    fb_answers_free(answers);
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
