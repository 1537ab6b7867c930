/* SPDX-License-Identifier: MIT */
/*
 * Preview mode: the banner, the route panel, the diagnostics page and
 * submissions printed instead of delivered. The pages are the runtime's
 * own (render.h); preview only adds to them, so an author sees what a
 * resident will.
 */
#include "preview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/driver.h"
#include "formbuilder/module.h"
#include "formbuilder/render.h"
#include "outbox.h"

/* Reads @p path whole (NUL-terminated, caller frees), or NULL. */
static char *
read_all(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *grown = realloc(data, cap);
            if (!grown) {
                free(data);
                fclose(f);
                return NULL;
            }
            data = grown;
        }
        size_t n = fread(data + len, 1, 4096, f);
        len += n;
        if (n < 4096)
            break;
    }
    fclose(f);
    data[len] = '\0';
    return data;
}

/* Answers with a form's diagnostics. See preview.h. */
bool
fb_preview_diagnostics(struct fb_request *req, const char *dir,
                       const char *slug, size_t len)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%.*s%s", dir, (int)len, slug,
                     FB_MODULE_DIAGNOSTICS_SUFFIX);
    if (n < 0 || (size_t)n >= sizeof path || memchr(slug, '/', len))
        return false;
    char *text = read_all(path);
    if (!text)
        return false;
    struct fb_html w;
    fb_html_init(&w);
    fb_render_doc_open(&w, FB_LANG_EN, true, "This form has errors", NULL,
                       "/assets/", NULL, NULL, NULL);
    /* Looked at again every second: the page turns into the form as soon
     * as a saved fix builds. */
    char *head = strstr(w.data ? w.data : "", "</head>");
    struct fb_html page;
    fb_html_init(&page);
    if (head) {
        fb_html_rawn(&page, w.data, (size_t)(head - w.data));
        fb_html_raw(&page, "<meta http-equiv=\"refresh\" content=\"1\">\n");
        fb_html_raw(&page, head);
    }
    fb_html_free(&w);
    fb_html_raw(&page, "<div class=\"govuk-phase-banner\"><p><strong "
                       "class=\"govuk-tag\">Preview</strong> This page "
                       "shows the form as soon as it builds.</p></div>\n"
                       "<div class=\"govuk-error-summary\" role=\"alert\">"
                       "\n<h1 class=\"govuk-error-summary__title\">Form ");
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(len < 200 ? len : 200), slug);
    fb_html_text(&page, name);
    fb_html_raw(&page, " has errors</h1>\n<p class=\"govuk-body\">Fix them "
                       "and save the file; this page reloads by itself."
                       "</p>\n</div>\n"
                       /* Long lines scroll: focusable, so a keyboard can
                        * scroll them too (WCAG 2.1.1). */
                       "<pre class=\"fb-preview-diagnostics\" tabindex=\"0\" "
                       "role=\"region\" aria-label=\"Diagnostics\">");
    fb_html_text(&page, text);
    fb_html_raw(&page, "</pre>\n");
    fb_render_doc_close(&page, FB_LANG_EN);
    free(text);
    fb_send_html(req, 200, &page);
    return true;
}

/* Writes condition @p c as the author wrote it, near enough. */
static void
cond_text(struct fb_html *w, const struct fb_cond_desc *c)
{
    static const char *const ops[] = {
        [FB_COND_IS] = "is", [FB_COND_IS_NOT] = "is not",
        [FB_COND_HAS] = "has", [FB_COND_ANSWERED] = "is answered",
        [FB_COND_LT] = "<", [FB_COND_LE] = "<=", [FB_COND_GT] = ">",
        [FB_COND_GE] = ">=",
    };
    switch (c->op) {
    case FB_COND_AND:
    case FB_COND_OR:
        fb_html_raw(w, "(");
        cond_text(w, c->lhs);
        fb_html_raw(w, c->op == FB_COND_AND ? " and " : " or ");
        cond_text(w, c->rhs);
        fb_html_raw(w, ")");
        return;
    case FB_COND_NOT:
        fb_html_raw(w, "not ");
        cond_text(w, c->lhs);
        return;
    default:
        break;
    }
    fb_html_text(w, c->question ? c->question->id : "?");
    fb_html_raw(w, " ");
    size_t op = (size_t)c->op;
    fb_html_text(w, op < sizeof ops / sizeof *ops && ops[op] ? ops[op]
                                                             : "?");
    if (c->op != FB_COND_ANSWERED && c->value.text) {
        fb_html_raw(w, " ");
        fb_html_text(w, c->value.text);
    }
}

/* The panel: the page's question ids, then every page condition. */
static void
panel(struct fb_html *w, const struct fb_form_desc *f,
      const struct fb_page_desc *page, const struct fb_answers *known,
      const struct fb_date *today)
{
    fb_html_raw(w, "<aside class=\"fb-preview-panel\" aria-label=\"Preview "
                   "details\">\n<h2 class=\"govuk-heading-m\">Preview: page "
                   "<code>");
    fb_html_text(w, page->id);
    fb_html_raw(w, "</code></h2>\n<h3 class=\"govuk-heading-s\">Question "
                   "ids</h3>\n<ul class=\"govuk-list govuk-list--bullet\">"
                   "\n");
    for (size_t i = 0; i < page->n_questions; i++) {
        fb_html_raw(w, "<li><code>");
        fb_html_text(w, page->questions[i]->id);
        fb_html_raw(w, "</code></li>\n");
    }
    fb_html_raw(w, "</ul>\n<h3 class=\"govuk-heading-s\">Conditions that "
                   "decide the route</h3>\n");
    bool any = false;
    for (size_t i = 0; i < f->n_pages; i++) {
        const struct fb_page_desc *p = &f->pages[i];
        if (!p->when)
            continue;
        if (!any)
            fb_html_raw(w, "<dl class=\"govuk-summary-list\">\n");
        any = true;
        bool holds = fb_cond_eval(p->when, known, today);
        fb_html_raw(w, "<div class=\"govuk-summary-list__row\"><dt "
                       "class=\"govuk-summary-list__key\">page <code>");
        fb_html_text(w, p->id);
        fb_html_raw(w, "</code></dt><dd class=\"govuk-summary-list__value\">"
                       "when <code>");
        cond_text(w, p->when);
        fb_html_raw(w, holds ? "</code>: <strong>true</strong>, asked"
                             : "</code>: <strong>false</strong>, skipped");
        fb_html_raw(w, "</dd></div>\n");
    }
    if (any)
        fb_html_raw(w, "</dl>\n");
    else
        fb_html_raw(w, "<p class=\"govuk-body\">None: every page is "
                       "asked.</p>\n");
    fb_html_raw(w, "</aside>\n");
}

/* Adds the banner and the panel. See preview.h. */
void
fb_preview_decorate(struct fb_html *w, const struct fb_form_desc *f,
                    const struct fb_page_desc *page,
                    const struct fb_answers *known,
                    const struct fb_date *today)
{
    static const char after[] = "</header>\n<div class=\"govuk-width-"
                                "container\">\n";
    if (w->failed || !w->data)
        return;
    char *at = strstr(w->data, after);
    char *end = strstr(w->data, "</main>");
    if (!at || !end || end < at)
        return;
    at += sizeof after - 1;
    struct fb_html out;
    fb_html_init(&out);
    fb_html_rawn(&out, w->data, (size_t)(at - w->data));
    fb_html_raw(&out, "<div class=\"govuk-phase-banner\"><p><strong "
                      "class=\"govuk-tag\">Preview</strong> Answers go to "
                      "a temporary database and nothing is sent.</p>"
                      "</div>\n");
    fb_html_rawn(&out, at, (size_t)(end - at));
    if (page)
        panel(&out, f, page, known, today);
    fb_html_raw(&out, end);
    fb_html_free(w);
    *w = out;
}

/* Prints a preview submission. See preview.h. */
void
fb_preview_print_submission(const struct fb_form_desc *f,
                            const char *answers_json)
{
    char name[FB_DELIVERY_TARGET_MAX];
    printf("preview: form %s (version %s) submitted; not sent to",
           f->slug, f->version ? f->version : "-");
    for (size_t i = 0; i < f->n_forwards; i++) {
        fb_outbox_target_name(&f->forwards[i], name, sizeof name);
        printf("%s %s", i ? "," : "", name);
    }
    if (f->confirmation_email)
        printf("%s the resident's confirmation email",
               f->n_forwards ? "," : "");
    if (!f->n_forwards && !f->confirmation_email)
        printf(" anyone (the form has no targets)");
    printf("\npreview: answers %s\n", answers_json ? answers_json : "{}");
    fflush(stdout);
}
