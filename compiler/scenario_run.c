/* SPDX-License-Identifier: MIT */
/*
 * Running author test scenarios (scenario_run.h).
 */
#include "scenario_run.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "formbuilder/qtype.h"
#include "formbuilder/repeat.h"
#include "formbuilder/render.h"
#include "formbuilder/validate.h"
#include "json.h"
#include "walk.h"

#define FAILED "scenario-failed"
#define INVALID "scenario-invalid"

/* The reference the confirmation page shows: a test has none stored. */
#define TEST_REFERENCE "TEST-0000"

/* ---- posting the answers ------------------------------------------------ */

static bool
word_in(const char *v, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(v, *words) == 0)
            return true;
    return false;
}

/* YAML's words for true and false, as a plain scalar may write them. */
static const char *const truthy[] = {"yes", "Yes", "YES", "true", "True",
                                     "TRUE", "on", "On", NULL};
static const char *const falsy[] = {"no", "No", "NO", "false", "False",
                                    "FALSE", "off", "Off", NULL};
static const char *const nulls[] = {"~", "null", "Null", "NULL", "", NULL};

static int
post_part(struct fb_answers *raw, const struct fb_question_desc *q,
          const char *suffix, const char *value)
{
    char name[256];
    snprintf(name, sizeof name, "%s-%s", q->id, suffix);
    return fb_answers_set(raw, name, value);
}

/* A date written as 2026-12-01, posted as its three parts. */
static int
post_date(struct fb_compiler *c, struct fb_answers *raw,
          const struct fb_question_desc *q, const struct fb_node *v)
{
    struct fb_date d;
    if (!fb_date_parse_iso(v->value, &d)) {
        fb_diag(c, FB_ERROR, &v->loc, INVALID,
                "'%s' is a date question: write its answer as 2026-12-01, "
                "or its parts as {day: 1, month: 12, year: 2026}", q->id);
        return 1;
    }
    char day[16], month[16], year[16];
    snprintf(day, sizeof day, "%d", d.day);
    snprintf(month, sizeof month, "%d", d.month);
    snprintf(year, sizeof year, "%d", d.year);
    return post_part(raw, q, "day", day) || post_part(raw, q, "month", month)
                   || post_part(raw, q, "year", year)
               ? -1 : 0;
}

/* The field value a scalar answer posts: yes_no and declarations take
 * YAML's booleans; NULL posts nothing. */
static const char *
scalar_value(const struct fb_question_desc *q, const struct fb_node *v)
{
    if (v->plain && word_in(v->value, nulls))
        return NULL;
    if (v->plain && q->type == FB_Q_DECLARATION)
        return word_in(v->value, truthy) ? FB_DECLARATION_VALUE
               : word_in(v->value, falsy) ? NULL : v->value;
    if (v->plain && q->type == FB_Q_YES_NO)
        return word_in(v->value, truthy) ? FB_YES
               : word_in(v->value, falsy) ? FB_NO : v->value;
    return v->value;
}

static bool
has_part(const struct fb_qtype_info *t, const char *suffix)
{
    for (size_t i = 0; i < t->n_parts; i++)
        if (strcmp(t->parts[i].suffix, suffix) == 0)
            return true;
    return false;
}

/* Posts answer @p v of @p q as a browser would. @returns 0, 1 when the
 * answer is written wrongly (reported), -1 when out of memory. */
static int
post_answer(struct fb_compiler *c, struct fb_answers *raw,
            const struct fb_question_desc *q, const struct fb_node *v)
{
    const struct fb_qtype_info *t = fb_qtype(q->type);
    if (v->kind == FB_NODE_SEQUENCE) {
        for (size_t i = 0; i < v->n_items; i++) {
            const struct fb_node *item = v->items[i];
            if (item->kind != FB_NODE_SCALAR || !t->is_list) {
                fb_diag(c, FB_ERROR, &item->loc, INVALID,
                        "only a checkboxes question takes a list of "
                        "answers; '%s' is %s %s question", q->id,
                        fb_article(fb_qtype_name(q->type)),
                        fb_qtype_name(q->type));
                return 1;
            }
            if (fb_answers_add(raw, q->id, item->value) != 0)
                return -1;
        }
        return 0;
    }
    if (v->kind == FB_NODE_MAPPING) {
        for (size_t i = 0; i < v->n_pairs; i++) {
            const struct fb_pair *p = &v->pairs[i];
            if (!has_part(t, p->key->value) ||
                p->value->kind != FB_NODE_SCALAR) {
                fb_diag(c, FB_ERROR, &p->key->loc, INVALID,
                        "'%s' is not a part of %s %s question: give "
                        "each part as 'PART: text'", p->key->value,
                        fb_article(fb_qtype_name(q->type)),
                        fb_qtype_name(q->type));
                return 1;
            }
            if (post_part(raw, q, p->key->value, p->value->value) != 0)
                return -1;
        }
        return 0;
    }
    if (t->stored == FB_STORED_DATE && t->n_parts)
        return post_date(c, raw, q, v);
    if (t->n_parts && !(t->parts_chosen && !q->parts)) {
        fb_diag(c, FB_ERROR, &v->loc, INVALID,
                "'%s' is %s %s question: give its parts, e.g. "
                "{%s: ...}", q->id, fb_article(fb_qtype_name(q->type)),
                fb_qtype_name(q->type), t->parts[0].suffix);
        return 1;
    }
    const char *value = scalar_value(q, v);
    return value && fb_answers_add(raw, q->id, value) != 0 ? -1 : 0;
}

/* A repeating page's answers: a list of items, each a mapping of its
 * questions' answers, posted one item at a time as the server stores
 * them (formbuilder/repeat.h). */
static int
post_items(struct fb_compiler *c, struct fb_answers *raw,
           const struct fb_page_desc *p, const struct fb_node *v)
{
    if (v->kind != FB_NODE_SEQUENCE) {
        fb_diag(c, FB_ERROR, &v->loc, INVALID,
                "'%s' is a repeating page: give its items as a list, e.g. "
                "[{%s: ...}]", p->id, p->questions[0]->id);
        return 1;
    }
    struct fb_answers *item = fb_answers_new();
    int rc = item ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < v->n_items; i++) {
        const struct fb_node *m = v->items[i];
        fb_answers_clear(item);
        if (m->kind != FB_NODE_MAPPING) {
            fb_diag(c, FB_ERROR, &m->loc, INVALID,
                    "each item of '%s' is a mapping of its questions' "
                    "answers", p->id);
            rc = 1;
            break;
        }
        for (size_t k = 0; rc == 0 && k < m->n_pairs; k++) {
            const struct fb_question_desc *q = NULL;
            for (size_t j = 0; j < p->n_questions; j++)
                if (strcmp(p->questions[j]->id, m->pairs[k].key->value) == 0)
                    q = p->questions[j];
            if (!q) {
                fb_diag(c, FB_ERROR, &m->pairs[k].key->loc, INVALID,
                        "'%s' is not a question of repeating page '%s'",
                        m->pairs[k].key->value, p->id);
                rc = 1;
            } else {
                rc = post_answer(c, item, q, m->pairs[k].value);
            }
        }
        if (rc == 0 && fb_repeat_put_item(p, raw, i, item) != 0)
            rc = -1;
    }
    fb_answers_free(item);
    return rc;
}

int
fb_scenario_post(struct fb_compiler *c, const struct fb_form_desc *f,
                 const struct fb_scenario *s, struct fb_answers *raw)
{
    const struct fb_node *answers = s->answers;
    int rc = 0;
    for (size_t i = 0; answers && i < answers->n_pairs && rc >= 0; i++) {
        const struct fb_pair *p = &answers->pairs[i];
        const struct fb_question_desc *q =
            fb_form_find_question(f, p->key->value);
        int r = q ? post_answer(c, raw, q, p->value)
                  : post_items(c, raw, fb_form_find_page(f, p->key->value),
                               p->value);
        if (r != 0)
            rc = r;
    }
    return rc;
}

/* ---- what happened -------------------------------------------------------- */

struct outcome {
    struct fb_walk w;
    bool complete;             /* reached check your answers */
    char *json;                /* the submitted answers, when complete */
    struct fb_answers *summary; /* the same read back, as the server does */
};

/* The stop of the journey, for messages. */
static const char *
where(const struct outcome *o, struct fb_arena *a)
{
    if (o->w.exit)
        return fb_arena_printf(a, "exit page '%s'", o->w.exit->id);
    if (o->w.incomplete && fb_errors_count(o->w.errs)) {
        char buf[1024];
        return fb_arena_printf(a, "page '%s' with the error \"%s\"",
                               o->w.incomplete->id,
                               fb_error_message(fb_errors_at(o->w.errs, 0),
                                                FB_LANG_EN, buf, sizeof buf));
    }
    return "check your answers";
}

static const char *
pages_text(const struct outcome *o, struct fb_arena *a)
{
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_putc(&b, '[');
    for (size_t i = 0; i < o->w.n; i++)
        fb_buf_printf(&b, "%s%s", i ? ", " : "", o->w.pages[i]->id);
    if (o->complete)
        fb_buf_printf(&b, "%scheck-answers", o->w.n ? ", " : "");
    fb_buf_putc(&b, ']');
    char *s = fb_buf_take(&b, NULL);
    const char *r = fb_arena_strdup(a, s ? s : "[]");
    free(s);
    return r;
}

static bool
is_list_question(const char *name, void *cls)
{
    const struct fb_question_desc *q = fb_form_find_question(cls, name);
    return q && fb_qtype(q->type)->is_list;
}

static int
happen(struct outcome *o, const struct fb_form_desc *f,
       const struct fb_answers *raw, const struct fb_date *today)
{
    memset(o, 0, sizeof *o);
    if (fb_walk_run(&o->w, f, raw, NULL, today) != 0)
        return -1;
    o->complete = !o->w.exit && !o->w.incomplete;
    if (!o->complete)
        return 0;
    struct fb_buf b;
    fb_buf_init(&b);
    fb_json_answers(&b, o->w.out, is_list_question, (void *)f);
    o->json = fb_buf_take(&b, NULL);
    o->summary = fb_answers_new();
    if (!o->json || !o->summary || fb_json_flatten(o->json, o->summary) != 0)
        return -1;
    return 0;
}

static void
outcome_free(struct outcome *o)
{
    fb_walk_free(&o->w);
    free(o->json);
    fb_answers_free(o->summary);
}

/* ---- the expectations ------------------------------------------------- */

static void
fail(struct fb_compiler *c, const struct fb_scenario *s,
     const struct fb_node *at, const char *expected, const char *actual)
{
    fb_diag(c, FB_ERROR, &at->loc, FAILED,
            "scenario '%s': expected %s, but %s", s->name, expected, actual);
}

static bool
check_exit(struct fb_compiler *c, const struct fb_scenario *s,
           const struct outcome *o)
{
    if (!s->exit || (o->w.exit && strcmp(o->w.exit->id, s->exit->value) == 0))
        return true;
    fail(c, s, s->exit,
         fb_arena_printf(&c->arena, "the journey to end at exit page '%s'",
                         s->exit->value),
         fb_arena_printf(&c->arena, "it ended at %s",
                         where(o, &c->arena)));
    return false;
}

static bool
check_pages(struct fb_compiler *c, const struct fb_scenario *s,
            const struct outcome *o)
{
    if (!s->pages)
        return true;
    size_t n = o->w.n + (o->complete ? 1 : 0);
    bool same = s->pages->n_items == n;
    for (size_t i = 0; same && i < n; i++) {
        const char *id = i < o->w.n ? o->w.pages[i]->id : "check-answers";
        same = strcmp(s->pages->items[i]->value, id) == 0;
    }
    if (same)
        return true;
    struct fb_buf b;
    fb_buf_init(&b);
    fb_buf_putc(&b, '[');
    for (size_t i = 0; i < s->pages->n_items; i++)
        fb_buf_printf(&b, "%s%s", i ? ", " : "", s->pages->items[i]->value);
    fb_buf_putc(&b, ']');
    char *want = fb_buf_take(&b, NULL);
    fail(c, s, s->pages,
         fb_arena_printf(&c->arena, "the pages %s", want ? want : ""),
         fb_arena_printf(&c->arena, "the journey went %s%s%s%s",
                         pages_text(o, &c->arena),
                         o->w.incomplete ? " (it stopped at " : "",
                         o->w.incomplete ? where(o, &c->arena) : "",
                         o->w.incomplete ? ")" : ""));
    free(want);
    return false;
}

static bool
check_errors(struct fb_compiler *c, const struct fb_scenario *s,
             const struct outcome *o)
{
    if (!s->errors)
        return true;
    const struct fb_errors *errs = o->w.incomplete ? o->w.errs : NULL;
    bool ok = true;
    char buf[1024];
    for (size_t i = 0; i < s->errors->n_pairs; i++) {
        const struct fb_pair *p = &s->errors->pairs[i];
        const struct fb_error *e = errs ? fb_errors_find(errs, p->key->value)
                                        : NULL;
        const char *got = e ? fb_error_message(e, FB_LANG_EN, buf, sizeof buf)
                            : NULL;
        if (got && strcmp(got, p->value->value) == 0)
            continue;
        fail(c, s, p->value,
             fb_arena_printf(&c->arena, "the error \"%s\" on '%s'",
                             p->value->value, p->key->value),
             got ? fb_arena_printf(&c->arena, "it said \"%s\"", got)
                 : fb_arena_printf(&c->arena,
                                   "'%s' had no error (the journey ended "
                                   "at %s)",
                                   p->key->value, where(o, &c->arena)));
        ok = false;
    }
    /* Errors nobody expected are failures too: the list is the page's. */
    for (size_t i = 0; errs && i < fb_errors_count(errs); i++) {
        const struct fb_error *e = fb_errors_at(errs, i);
        if (fb_node_get(s->errors, e->question))
            continue;
        fail(c, s, s->errors,
             "only the errors listed",
             fb_arena_printf(&c->arena, "'%s' also had the error \"%s\"",
                             e->question,
                             fb_error_message(e, FB_LANG_EN, buf,
                                              sizeof buf)));
        ok = false;
    }
    return ok;
}

/* The journey had to reach check your answers for @p what to be tested. */
static bool
need_complete(struct fb_compiler *c, const struct fb_scenario *s,
              const struct fb_node *at, const struct outcome *o,
              const char *what)
{
    if (o->complete)
        return true;
    fail(c, s, at,
         fb_arena_printf(&c->arena, "%s, so a journey that is sent", what),
         fb_arena_printf(&c->arena, "it ended at %s", where(o, &c->arena)));
    return false;
}

/* The words of the confirmation page's main column, tags removed,
 * spaces collapsed. */
static char *
confirmation_text(const struct fb_form_desc *f, const struct outcome *o,
                  const struct fb_date *today)
{
    struct fb_render_ctx ctx = {
        .form = f,
        .lang = FB_LANG_EN,
        .form_href = "/",
        .assets_href = "/assets/",
        .reference = TEST_REFERENCE,
        .today = today,
        .summary = o->summary,
    };
    struct fb_html html;
    fb_html_init(&html);
    fb_render_confirmation(&html, &ctx);
    char *page = fb_html_take(&html, NULL);
    if (!page)
        return NULL;
    static const char *const ents[][2] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
        {"&#39;", "'"}, {"&#x27;", "'"}, {"&nbsp;", " "}};
    /* The page's own words: the header and footer say the same on every
     * page. */
    const char *from = strstr(page, "<main");
    const char *to = from ? strstr(from, "</main>") : NULL;
    if (to)
        page[to - page] = '\0';
    char *w = page;
    bool space = true;
    for (const char *p = from ? from : page; *p;) {
        if (*p == '<') {
            const char *end = strchr(p, '>');
            p = end ? end + 1 : p + strlen(p);
            if (!space)
                *w++ = ' ';
            space = true;
            continue;
        }
        const char *ch = p;
        size_t n = 1;
        for (size_t e = 0; *p == '&' && e < sizeof ents / sizeof ents[0]; e++)
            if (strncmp(p, ents[e][0], strlen(ents[e][0])) == 0) {
                ch = ents[e][1];
                p += strlen(ents[e][0]) - 1;
                break;
            }
        p++;
        if (*ch == ' ' || *ch == '\n' || *ch == '\t' || *ch == '\r') {
            if (!space)
                *w++ = ' ';
            space = true;
            continue;
        }
        memmove(w, ch, n);
        w += n;
        space = false;
    }
    *w = '\0';
    return page;
}

static bool
check_confirmation(struct fb_compiler *c, const struct fb_scenario *s,
                   const struct fb_form_desc *f, const struct outcome *o,
                   const struct fb_date *today)
{
    const struct fb_node *want = s->confirmation_contains;
    if (!want || !need_complete(c, s, want, o, "a confirmation page"))
        return !want;
    char *text = confirmation_text(f, o, today);
    bool ok = text != NULL;
    for (size_t i = 0; text && i < want->n_items; i++) {
        if (strstr(text, want->items[i]->value))
            continue;
        fail(c, s, want->items[i],
             fb_arena_printf(&c->arena, "the confirmation page to say "
                                        "\"%s\"", want->items[i]->value),
             fb_arena_printf(&c->arena, "it says: %s", text));
        ok = false;
    }
    free(text);
    return ok;
}

/* Whether expected scalar @p want means the sent value @p got: the same
 * text, the same number, or the same truth (a yes_no answer is sent as
 * "yes" or true). */
static bool
same_value(const struct fb_node *want, const char *got)
{
    if (strcmp(want->value, got) == 0)
        return true;
    if (!want->plain)
        return false;
    if (word_in(want->value, truthy))
        return strcmp(got, "true") == 0 || strcmp(got, FB_YES) == 0;
    if (word_in(want->value, falsy))
        return strcmp(got, "false") == 0 || strcmp(got, FB_NO) == 0;
    char *e1, *e2;
    double a = strtod(want->value, &e1), b = strtod(got, &e2);
    return want->value[0] && got[0] && *e1 == '\0' && *e2 == '\0' && a == b;
}

/* Compares what the payload holds under @p name with @p want (a scalar,
 * a list of them, a mapping of parts, or null for "not sent"). */
static bool
check_value(struct fb_compiler *c, const struct fb_scenario *s,
            const struct outcome *o, const char *name,
            const struct fb_node *want)
{
    if (want->kind == FB_NODE_SEQUENCE && want->n_items
        && want->items[0]->kind == FB_NODE_MAPPING) {
        /* A repeating page's items, "NAME.N.ID" each. */
        bool ok = true;
        for (size_t i = 0; i < want->n_items; i++)
            if (!check_value(c, s, o,
                             fb_arena_printf(&c->arena, "%s.%zu", name, i),
                             want->items[i]))
                ok = false;
        return ok;
    }
    if (want->kind == FB_NODE_MAPPING) {
        bool ok = true;
        for (size_t i = 0; i < want->n_pairs; i++)
            if (!check_value(c, s, o, fb_arena_printf(&c->arena, "%s.%s",
                                                      name,
                                                      want->pairs[i].key->value),
                             want->pairs[i].value))
                ok = false;
        return ok;
    }
    size_t n = fb_answers_count(o->summary, name);
    bool is_null = want->kind == FB_NODE_SCALAR && want->plain &&
                   word_in(want->value, nulls);
    size_t w = want->kind == FB_NODE_SEQUENCE ? want->n_items
               : is_null ? 0 : 1;
    bool same = n == w;
    for (size_t i = 0; same && i < n; i++) {
        const struct fb_node *item =
            want->kind == FB_NODE_SEQUENCE ? want->items[i] : want;
        same = item->kind == FB_NODE_SCALAR &&
               same_value(item, fb_answers_get_nth(o->summary, name, i));
    }
    if (same)
        return true;
    struct fb_buf b;
    fb_buf_init(&b);
    for (size_t i = 0; i < n; i++)
        fb_buf_printf(&b, "%s\"%s\"", i ? ", " : "",
                      fb_answers_get_nth(o->summary, name, i));
    char *got = fb_buf_take(&b, NULL);
    fail(c, s, want,
         fb_arena_printf(&c->arena, "the payload's '%s' to be %s", name,
                         is_null ? "absent"
                         : want->kind == FB_NODE_SCALAR
                             ? fb_arena_printf(&c->arena, "\"%s\"",
                                               want->value)
                             : "the list written"),
         n ? fb_arena_printf(&c->arena, "it is %s", got ? got : "")
           : "it is not in the payload");
    free(got);
    return false;
}

static bool
check_payload(struct fb_compiler *c, const struct fb_scenario *s,
              const struct outcome *o)
{
    const struct fb_node *want = s->payload;
    if (!want || !need_complete(c, s, want, o, "a payload"))
        return !want;
    bool ok = true;
    for (size_t i = 0; i < want->n_pairs; i++)
        if (!check_value(c, s, o, want->pairs[i].key->value,
                         want->pairs[i].value))
            ok = false;
    return ok;
}

int
fb_scenario_run(struct fb_compiler *c, const struct fb_form_desc *f,
                const struct fb_scenario *s, const struct fb_date *today,
                struct fb_coverage *cov)
{
    const struct fb_date *day = s->has_today ? &s->today : today;
    struct fb_answers *raw = fb_answers_new();
    if (!raw)
        return -1;
    int posted = fb_scenario_post(c, f, s, raw);
    if (posted != 0) {
        fb_answers_free(raw);
        return posted < 0 ? -1 : 0;
    }
    struct outcome o;
    int rc = happen(&o, f, raw, day);
    fb_answers_free(raw);
    if (rc != 0) {
        outcome_free(&o);
        return -1;
    }
    fb_coverage_add(cov, &o.w, o.complete ? o.summary : NULL, day);
    bool ok = check_exit(c, s, &o);
    ok = check_pages(c, s, &o) && ok;
    ok = check_errors(c, s, &o) && ok;
    ok = check_confirmation(c, s, f, &o, day) && ok;
    ok = check_payload(c, s, &o) && ok;
    outcome_free(&o);
    return ok ? 1 : 0;
}
