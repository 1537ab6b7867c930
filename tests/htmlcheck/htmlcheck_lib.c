/* SPDX-License-Identifier: MIT */
/*
 * The checks behind fb-htmlcheck: parse with libxml2's HTML parser (no
 * network), collect the parser's errors, then walk the tree twice, once to
 * gather ids and label targets, once to check every reference and rule.
 * The parser predates HTML5, so "unknown tag" errors for HTML5 elements
 * are not problems; every other parser error is.
 */
#include "htmlcheck.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/hash.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

struct checker {
    void (*report)(void *ud, long line, const char *message);
    void *ud;
    size_t problems;
    xmlHashTablePtr ids;        /* id -> element */
    xmlHashTablePtr label_for;  /* ids named by some label for= */
    size_t h1s;
    bool error_summary;
    const xmlChar *title;       /* NULL when there is no <title> */
    const xmlChar *lang;
};

static void problem(struct checker *c, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
problem(struct checker *c, long line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    c->problems++;
    c->report(c->ud, line, msg);
}

/* HTML5 elements the 2.9-era parser calls unknown. */
static bool
html5_element(const char *name)
{
    static const char *const names[] = {
        "article", "aside", "datalist", "details", "dialog", "figcaption",
        "figure", "footer", "header", "main", "mark", "nav", "path",
        "section", "summary", "svg", "template", "time",
    };

    for (size_t i = 0; name && i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

#if LIBXML_VERSION >= 21200
static void
on_parse_error(void *ud, const xmlError *e)
#else
static void
on_parse_error(void *ud, xmlErrorPtr e)
#endif
{
    struct checker *c = ud;
    size_t n;

    if (e->level < XML_ERR_ERROR)
        return;
    if (e->code == XML_HTML_UNKNOWN_TAG && html5_element(e->str1))
        return;
    /* Reported by the id pass, with the element's line. */
    if (e->code == XML_DTD_ID_REDEFINED)
        return;
    n = e->message ? strlen(e->message) : 0;
    while (n > 0 && e->message[n - 1] == '\n')
        n--;
    problem(c, e->line, "parser error: %.*s", (int)n,
            e->message ? e->message : "");
}

static bool
is_element(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE &&
           xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

/* @returns true when space-separated @p list holds @p token. */
static bool
has_token(const xmlChar *list, const char *token)
{
    size_t k = strlen(token);
    const char *s = (const char *)list;

    while (s && *s) {
        size_t n;
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        n = strcspn(s, " \t\n\r");
        if (n == k && strncmp(s, token, k) == 0)
            return true;
        s += n;
    }
    return false;
}

/* First pass: ids, label targets, h1s, the title, lang, the summary. */
static void
gather(struct checker *c, xmlNode *n)
{
    for (; n; n = n->next) {
        xmlChar *id, *cls;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        id = xmlGetProp(n, (const xmlChar *)"id");
        if (id) {
            if (!id[0])
                problem(c, xmlGetLineNo(n), "<%s> has an empty id",
                        (const char *)n->name);
            else if (xmlHashAddEntry(c->ids, id, n) != 0)
                problem(c, xmlGetLineNo(n), "duplicate id \"%s\"",
                        (const char *)id);
            xmlFree(id);
        }
        if (is_element(n, "label")) {
            xmlChar *f = xmlGetProp(n, (const xmlChar *)"for");
            if (f && f[0])
                xmlHashAddEntry(c->label_for, f, n);
            xmlFree(f);
        }
        if (is_element(n, "h1"))
            c->h1s++;
        if (is_element(n, "title") && !c->title)
            c->title = n->children && n->children->content
                           ? n->children->content
                           : (const xmlChar *)"";
        if (is_element(n, "html") && !c->lang) {
            xmlAttr *a = xmlHasProp(n, (const xmlChar *)"lang");
            if (a && a->children && a->children->content)
                c->lang = a->children->content;
        }
        cls = xmlGetProp(n, (const xmlChar *)"class");
        if (cls && has_token(cls, "govuk-error-summary"))
            c->error_summary = true;
        xmlFree(cls);
        gather(c, n->children);
    }
}

/* Every token of attribute @p attr of @p n must name an element. */
static void
check_idrefs(struct checker *c, xmlNode *n, const char *attr)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    const char *s = (const char *)v;

    if (v && !v[0])
        problem(c, xmlGetLineNo(n), "<%s> has an empty %s",
                (const char *)n->name, attr);
    while (s && *s) {
        char id[256];
        size_t k;
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        k = strcspn(s, " \t\n\r");
        if (k == 0)
            break;
        snprintf(id, sizeof(id), "%.*s", (int)k, s);
        if (!xmlHashLookup(c->ids, (const xmlChar *)id))
            problem(c, xmlGetLineNo(n), "<%s %s> names \"%s\": no such id",
                    (const char *)n->name, attr, id);
        s += k;
    }
    xmlFree(v);
}

/* Controls a person types into or picks from need a label. */
static bool
is_control(xmlNode *n)
{
    static const char *const unlabelled[] = {"hidden", "submit", "button",
                                             "image", "reset"};
    xmlChar *type;
    bool control = true;

    if (is_element(n, "select") || is_element(n, "textarea"))
        return true;
    if (!is_element(n, "input"))
        return false;
    type = xmlGetProp(n, (const xmlChar *)"type");
    for (size_t i = 0; type && i < 5; i++)
        if (xmlStrcasecmp(type, (const xmlChar *)unlabelled[i]) == 0)
            control = false;
    xmlFree(type);
    return control;
}

static void
check_label(struct checker *c, xmlNode *n)
{
    xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
    xmlChar *by = xmlGetProp(n, (const xmlChar *)"aria-labelledby");
    bool ok = (id && id[0] && xmlHashLookup(c->label_for, id)) ||
              (by && by[0]);

    if (!ok)
        problem(c, xmlGetLineNo(n), "<%s%s%s> has no label",
                (const char *)n->name, id ? " id=" : "",
                id ? (const char *)id : "");
    xmlFree(id);
    xmlFree(by);
}

/* Second pass: references and controls. */
static void
check_refs(struct checker *c, xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_element(n, "label"))
            check_idrefs(c, n, "for");
        check_idrefs(c, n, "aria-describedby");
        check_idrefs(c, n, "aria-labelledby");
        if (is_element(n, "a")) {
            xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
            if (href && href[0] == '#' && href[1] &&
                !xmlHashLookup(c->ids, href + 1))
                problem(c, xmlGetLineNo(n),
                        "<a href=\"%s\"> links to no element",
                        (const char *)href);
            xmlFree(href);
        }
        if (is_control(n))
            check_label(c, n);
        check_refs(c, n->children);
    }
}

static void
check_page(struct checker *c, xmlNode *root)
{
    bool welsh;

    gather(c, root);
    check_refs(c, root);
    if (c->h1s != 1)
        problem(c, 0, "%zu h1 elements (want exactly one)", c->h1s);
    if (!c->lang || !c->lang[0])
        problem(c, 0, "<html> has no lang");
    if (!c->title || !xmlStrlen(c->title))
        problem(c, 0, "no <title> (or an empty one)");
    welsh = c->lang && xmlStrcasecmp(c->lang, (const xmlChar *)"cy") == 0;
    if (c->error_summary && c->title &&
        xmlStrncmp(c->title, (const xmlChar *)"Error: ", 7) != 0 &&
        !(welsh && xmlStrncmp(c->title, (const xmlChar *)"Gwall: ", 7) == 0))
        problem(c, 0, "error summary shown but the title does not start "
                      "with \"Error: \"");
}

/* Checks one page; see htmlcheck.h. */
size_t
fb_htmlcheck(const char *html, size_t len,
             void (*report)(void *ud, long line, const char *message),
             void *ud)
{
    struct checker c = {report, ud, 0, NULL, NULL, 0, false, NULL, NULL};
    htmlDocPtr doc;

    if (len > (size_t)0x7fffffff) {
        problem(&c, 0, "page too large to check");
        return c.problems;
    }
    xmlSetStructuredErrorFunc(&c, on_parse_error);
    doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
                         HTML_PARSE_NONET | HTML_PARSE_NOWARNING);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc || !xmlDocGetRootElement(doc)) {
        problem(&c, 0, "not an HTML document");
        xmlFreeDoc(doc);
        return c.problems;
    }
    c.ids = xmlHashCreate(64);
    c.label_for = xmlHashCreate(64);
    if (!c.ids || !c.label_for)
        problem(&c, 0, "out of memory");
    else
        check_page(&c, xmlDocGetRootElement(doc));
    xmlHashFree(c.ids, NULL);
    xmlHashFree(c.label_for, NULL);
    xmlFreeDoc(doc);
    return c.problems;
}
