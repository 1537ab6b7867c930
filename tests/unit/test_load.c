/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the loader (compiler/load.c): the node tree and its
 * locations, and every error the loader reports, with its id and position.
 * Pathological inputs (alias bombs, deep nesting, huge files) must fail
 * fast with the right error.
 */
#include "load.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct fb_compiler comp;

static void
setup(void)
{
    fb_compiler_init(&comp);
}

static void
teardown(void)
{
    fb_compiler_free(&comp);
}

static struct fb_node *
load(const char *text)
{
    return fb_load_string(&comp, "t.yaml", text, strlen(text));
}

/* @returns the @p nth (0-based) diagnostic with @p id, or NULL. */
static const struct fb_diag *
find_diag(const char *id, size_t nth)
{
    for (size_t i = 0; i < comp.n_diags; i++)
        if (strcmp(comp.diags[i].id, id) == 0 && nth-- == 0)
            return &comp.diags[i];
    return NULL;
}

/* Asserts that diagnostic @p id was reported as an error at line:col. */
static void
expect_error_at(const char *id, unsigned line, unsigned col)
{
    const struct fb_diag *d = find_diag(id, 0);
    ck_assert_msg(d != NULL, "no '%s' diagnostic (%zu others)", id,
                  comp.n_diags);
    ck_assert_int_eq(d->severity, FB_ERROR);
    ck_assert_ptr_nonnull(d->loc.src);
    ck_assert_uint_eq(d->loc.line, line);
    ck_assert_uint_eq(d->loc.col, col);
}

static void
expect_loc(const struct fb_node *n, unsigned line, unsigned col,
           unsigned len)
{
    ck_assert_ptr_nonnull(n);
    ck_assert_uint_eq(n->loc.line, line);
    ck_assert_uint_eq(n->loc.col, col);
    ck_assert_uint_eq(n->loc.len, len);
}

/* Builds a string of @p n copies of @p unit between @p head and @p tail. */
static char *
repeat(const char *head, const char *unit, size_t n, const char *tail)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * n + tl + 1);
    ck_assert_ptr_nonnull(s);
    memcpy(s, head, hl);
    for (size_t i = 0; i < n; i++)
        memcpy(s + hl + i * ul, unit, ul);
    memcpy(s + hl + ul * n, tail, tl + 1);
    return s;
}

START_TEST(test_nested_structure_and_locations)
{
    struct fb_node *root = load("form: street\n"
                                "pages:\n"
                                "  - id: problem\n"
                                "    questions: [a, b]\n");
    ck_assert_ptr_nonnull(root);
    ck_assert_uint_eq(comp.n_diags, 0);
    ck_assert_int_eq(root->kind, FB_NODE_MAPPING);
    ck_assert_uint_eq(root->n_pairs, 2);
    expect_loc(root->pairs[0].key, 1, 1, 4);
    expect_loc(root->pairs[0].value, 1, 7, 6);
    ck_assert_str_eq(root->pairs[0].value->value, "street");

    struct fb_node *pages = fb_node_get(root, "pages");
    expect_loc(root->pairs[1].key, 2, 1, 5);
    ck_assert_int_eq(pages->kind, FB_NODE_SEQUENCE);
    expect_loc(pages, 3, 3, 1);
    ck_assert_uint_eq(pages->n_items, 1);

    struct fb_node *page = pages->items[0];
    ck_assert_int_eq(page->kind, FB_NODE_MAPPING);
    expect_loc(page, 3, 5, 1);
    expect_loc(page->pairs[1].key, 4, 5, 9);
    struct fb_node *qs = fb_node_get(page, "questions");
    ck_assert_int_eq(qs->kind, FB_NODE_SEQUENCE);
    expect_loc(qs, 4, 16, 1);
    ck_assert_uint_eq(qs->n_items, 2);
    expect_loc(qs->items[1], 4, 20, 1);
    ck_assert_str_eq(qs->items[1]->value, "b");
}
END_TEST

START_TEST(test_node_get_and_kind_names)
{
    struct fb_node *root = load("a: 1\nb: {c: 2}\n");
    ck_assert_ptr_nonnull(root);
    ck_assert_str_eq(fb_node_get(root, "a")->value, "1");
    ck_assert_ptr_null(fb_node_get(root, "c"));
    ck_assert_ptr_null(fb_node_get(fb_node_get(root, "a"), "a"));
    ck_assert_ptr_null(fb_node_get(NULL, "a"));
    ck_assert_str_eq(fb_node_get(fb_node_get(root, "b"), "c")->value, "2");
    ck_assert_str_eq(fb_node_kind_name(FB_NODE_MAPPING), "a mapping");
    ck_assert_str_eq(fb_node_kind_name(FB_NODE_SEQUENCE), "a list");
    ck_assert_str_eq(fb_node_kind_name(FB_NODE_SCALAR), "a text value");
}
END_TEST

START_TEST(test_quoted_vs_plain)
{
    struct fb_node *root = load("a: yes\n"
                                "b: \"yes\"\n"
                                "\"héllo\": 'it''s'\n"
                                "d:\n");
    ck_assert_ptr_nonnull(root);
    struct fb_node *a = fb_node_get(root, "a");
    struct fb_node *b = fb_node_get(root, "b");
    ck_assert(a->plain && !a->block);
    ck_assert(!b->plain && !b->block);
    ck_assert_str_eq(b->value, "yes");
    expect_loc(b, 2, 4, 5);            /* the quotes are underlined too */

    /* Columns and widths count characters, not bytes. */
    struct fb_node *key = root->pairs[2].key;
    expect_loc(key, 3, 1, 7);
    ck_assert_uint_eq(key->value_len, strlen("héllo"));
    expect_loc(root->pairs[2].value, 3, 10, 7);
    ck_assert_str_eq(root->pairs[2].value->value, "it's");

    struct fb_node *d = fb_node_get(root, "d");
    ck_assert(d->plain);
    ck_assert_uint_eq(d->value_len, 0);
    ck_assert_str_eq(d->value, "");
}
END_TEST

START_TEST(test_multiline_plain_width)
{
    struct fb_node *root = load("body: first line\n"
                                "  second line\n");
    ck_assert_ptr_nonnull(root);
    struct fb_node *body = fb_node_get(root, "body");
    ck_assert_str_eq(body->value, "first line second line");
    expect_loc(body, 1, 7, 10);
}
END_TEST

START_TEST(test_block_scalars)
{
    struct fb_node *root = load("start:\n"
                                "  body: |\n"
                                "    Line one.\n"
                                "    Line two.\n"
                                "  more: >\n"
                                "    folded\n"
                                "    text\n");
    ck_assert_ptr_nonnull(root);
    struct fb_node *start = fb_node_get(root, "start");
    struct fb_node *body = fb_node_get(start, "body");
    ck_assert(body->block && !body->plain);
    ck_assert_str_eq(body->value, "Line one.\nLine two.\n");
    expect_loc(body, 2, 9, 1);
    struct fb_node *more = fb_node_get(start, "more");
    ck_assert(more->block);
    ck_assert_str_eq(more->value, "folded text\n");
    expect_loc(more, 5, 9, 1);
}
END_TEST

START_TEST(test_crlf_line_endings)
{
    struct fb_node *root = load("a: 1\r\nbb: two\r\n");
    ck_assert_ptr_nonnull(root);
    expect_loc(root->pairs[1].key, 2, 1, 2);
    expect_loc(root->pairs[1].value, 2, 5, 3);
    ck_assert_str_eq(root->pairs[1].value->value, "two");
}
END_TEST

START_TEST(test_bom_accepted)
{
    struct fb_node *root = load("\xEF\xBB\xBF" "form: x\n");
    ck_assert_ptr_nonnull(root);
    ck_assert_uint_eq(comp.n_diags, 0);
    expect_loc(root->pairs[0].key, 1, 1, 4);
    ck_assert_str_eq(root->pairs[0].key->loc.src->text, "form: x\n");
}
END_TEST

START_TEST(test_source_kept_for_carets)
{
    struct fb_node *root = load("form: x\n");
    ck_assert_ptr_nonnull(root);
    const struct fb_source *src = root->loc.src;
    ck_assert_str_eq(src->path, "t.yaml");
    ck_assert_uint_eq(src->len, 8);
    ck_assert_str_eq(src->text, "form: x\n");
}
END_TEST

START_TEST(test_not_nul_terminated_input)
{
    const char text[] = {'a', ':', ' ', 'b', 'c'};
    struct fb_node *root = fb_load_string(&comp, "t.yaml", text, 4);
    ck_assert_ptr_nonnull(root);
    ck_assert_str_eq(fb_node_get(root, "a")->value, "b");
}
END_TEST

START_TEST(test_syntax_missing_colon)
{
    ck_assert_ptr_null(load("form: x\ntitle Report\npages: []\n"));
    expect_error_at("yaml-syntax", 3, 1);
    ck_assert_ptr_nonnull(strstr(find_diag("yaml-syntax", 0)->message,
                                 "expected ':' after the key on line 2"));
}
END_TEST

START_TEST(test_syntax_colon_in_value)
{
    ck_assert_ptr_null(load("title: Step 1: your details\n"));
    expect_error_at("yaml-syntax", 1, 14);
    ck_assert_ptr_nonnull(strstr(find_diag("yaml-syntax", 0)->message,
                                 "quotes"));
}
END_TEST

START_TEST(test_syntax_bad_indentation)
{
    ck_assert_ptr_null(load("start:\n  body: x\n title: y\n"));
    expect_error_at("yaml-syntax", 3, 2);
    ck_assert_ptr_nonnull(strstr(find_diag("yaml-syntax", 0)->message,
                                 "line it up"));
}
END_TEST

START_TEST(test_syntax_unclosed_quote)
{
    ck_assert_ptr_null(load("title: \"Report\nform: x\n"));
    ck_assert_ptr_nonnull(find_diag("yaml-syntax", 0));
    ck_assert_ptr_nonnull(strstr(find_diag("yaml-syntax", 0)->message,
                                 "no closing quote"));
}
END_TEST

START_TEST(test_syntax_error_at_end_of_input)
{
    /* Shown at the end of the last line, where a caret can point. */
    ck_assert_ptr_null(load("form: x\npages: [a, b"));
    expect_error_at("yaml-syntax", 2, 13);
    ck_assert_ptr_nonnull(strstr(find_diag("yaml-syntax", 0)->message,
                                 "opened on line 2"));
}
END_TEST

START_TEST(test_tab_indentation)
{
    ck_assert_ptr_null(load("form: x\n"
                            "start:\n"
                            "\tbody: y\n"
                            "  \ttitle: z\n"
                            "pages: []\n"));
    ck_assert_uint_eq(comp.n_errors, 2);
    const struct fb_diag *d = find_diag("tab", 0);
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_eq(d->loc.line, 3);
    ck_assert_uint_eq(d->loc.col, 1);
    ck_assert_str_eq(d->message,
                     "tab character in indentation; YAML needs spaces");
    d = find_diag("tab", 1);
    ck_assert_uint_eq(d->loc.line, 4);
    ck_assert_uint_eq(d->loc.col, 3);
}
END_TEST

START_TEST(test_tab_after_dash)
{
    ck_assert_ptr_null(load("pages:\n  - \tx\n"));
    expect_error_at("tab", 2, 5);
}
END_TEST

START_TEST(test_duplicate_key)
{
    struct fb_node *root = load("form: a\ntitle: T\nform: b\n");
    /* Not fatal: the tree comes back with the first value kept. */
    ck_assert_ptr_nonnull(root);
    ck_assert_uint_eq(root->n_pairs, 2);
    ck_assert_str_eq(fb_node_get(root, "form")->value, "a");
    expect_error_at("duplicate-key", 3, 1);
    ck_assert_uint_eq(find_diag("duplicate-key", 0)->loc.len, 4);
    ck_assert_ptr_nonnull(strstr(find_diag("duplicate-key", 0)->message,
                                 "'form'"));
}
END_TEST

START_TEST(test_duplicate_key_note)
{
    load("pages:\n  - id: a\n    id: b\n    id: c\n");
    ck_assert_uint_eq(comp.n_errors, 2);
    const struct fb_diag *note = find_diag("duplicate-key", 1);
    ck_assert_ptr_nonnull(note);
    ck_assert_int_eq(note->severity, FB_NOTE);
    ck_assert_uint_eq(note->loc.line, 2);
    ck_assert_uint_eq(note->loc.col, 5);
    ck_assert_str_eq(note->message, "'id' first defined here");
    const struct fb_diag *second = find_diag("duplicate-key", 2);
    ck_assert_int_eq(second->severity, FB_ERROR);
    ck_assert_uint_eq(second->loc.line, 4);
}
END_TEST

START_TEST(test_duplicate_key_quoted_and_plain)
{
    load("title: a\n\"title\": b\n");
    expect_error_at("duplicate-key", 2, 1);
}
END_TEST

START_TEST(test_duplicate_long_key_cut_whole_chars)
{
    /* 'x' and 40 two-byte characters: byte 60 falls inside the 30th, so
     * the quoted key stops after the 29th. */
    char *key = repeat("x", "\xC3\xA9", 40, "");
    char *text = malloc(2 * strlen(key) + 16);
    ck_assert_ptr_nonnull(text);
    sprintf(text, "%s: 1\n%s: 2\n", key, key);
    load(text);
    char *expected = repeat("duplicate key 'x", "\xC3\xA9", 29, "';");
    const struct fb_diag *d = find_diag("duplicate-key", 0);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(strncmp(d->message, expected, strlen(expected)), 0);
    free(key);
    free(text);
    free(expected);
}
END_TEST

START_TEST(test_many_keys_fast)
{
    /* 40000 distinct keys plus one repeat: sorting keeps this quick. */
    size_t n = 40000;
    char *text = malloc(n * 16 + 32);
    ck_assert_ptr_nonnull(text);
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(text + len, "k%zu: v\n", i);
    len += (size_t)sprintf(text + len, "k7: again\n");
    struct fb_node *root = fb_load_string(&comp, "t.yaml", text, len);
    free(text);
    ck_assert_ptr_nonnull(root);
    ck_assert_uint_eq(root->n_pairs, n);
    expect_error_at("duplicate-key", (unsigned)n + 1, 1);
    ck_assert_uint_eq(comp.n_errors, 1);
}
END_TEST

START_TEST(test_alias)
{
    ck_assert_ptr_null(load("title: Hello\nlabel: *x\n"));
    expect_error_at("alias", 2, 8);
    ck_assert_str_eq(find_diag("alias", 0)->message,
                     "YAML anchors and aliases are not allowed in form "
                     "files; write the value out in full");
}
END_TEST

START_TEST(test_anchor)
{
    ck_assert_ptr_null(load("form: x\ntitle: &t Hello\nlabel: *t\n"));
    expect_error_at("alias", 2, 8);
    ck_assert_uint_eq(find_diag("alias", 0)->loc.len, 2);
    ck_assert_uint_eq(comp.n_errors, 1);    /* stops at the first */
}
END_TEST

START_TEST(test_alias_bomb)
{
    static const char bomb[] =
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
        "\"lol\",\"lol\"]\n"
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
    size_t before = comp.arena.total;
    ck_assert_ptr_null(load(bomb));
    expect_error_at("alias", 1, 4);
    ck_assert_uint_eq(comp.n_errors, 1);
    /* Nothing was expanded: the arena holds little more than the text. */
    ck_assert_uint_lt(comp.arena.total - before, 16 * 1024);
}
END_TEST

START_TEST(test_tag)
{
    struct fb_node *root = load("form: x\nretention_days: !!str 365\n"
                                "title: !custom T\n");
    /* Tags are reported but the values stay usable. */
    ck_assert_ptr_nonnull(root);
    expect_error_at("tag", 2, 17);
    ck_assert_ptr_nonnull(strstr(find_diag("tag", 0)->message, "'!!str'"));
    ck_assert_ptr_nonnull(find_diag("tag", 1));
    ck_assert_uint_eq(find_diag("tag", 1)->loc.line, 3);
    ck_assert_ptr_nonnull(strstr(find_diag("tag", 1)->message, "'!custom'"));
    ck_assert_str_eq(fb_node_get(root, "retention_days")->value, "365");
}
END_TEST

START_TEST(test_complex_key)
{
    ck_assert_ptr_null(load("form: x\n[a, b]: 1\n"));
    expect_error_at("complex-key", 2, 1);
    ck_assert_ptr_nonnull(strstr(find_diag("complex-key", 0)->message,
                                 "a list"));
}
END_TEST

START_TEST(test_complex_key_keeps_reading)
{
    ck_assert_ptr_null(load("? {a: 1}\n: x\nb: 1\nb: 2\n"));
    expect_error_at("complex-key", 1, 3);
    expect_error_at("duplicate-key", 4, 1);
}
END_TEST

START_TEST(test_multiple_documents)
{
    ck_assert_ptr_null(load("form: a\n---\nform: b\n"));
    expect_error_at("multiple-documents", 2, 1);
}
END_TEST

START_TEST(test_deep_brackets)
{
    char *text = repeat("a: ", "[", 100000, "\n");
    ck_assert_ptr_null(fb_load_string(&comp, "t.yaml", text, strlen(text)));
    free(text);
    /* The root mapping is level 1; the 32nd '[' would be level 33. */
    expect_error_at("too-deep", 1, 4 + 31);
    ck_assert_uint_eq(comp.n_errors, 1);
}
END_TEST

START_TEST(test_deep_mappings)
{
    char text[4096];
    size_t len = 0;
    for (int i = 0; i < 40; i++)
        len += (size_t)sprintf(text + len, "%*sk%d:\n", 2 * i, "", i);
    ck_assert_ptr_null(fb_load_string(&comp, "t.yaml", text, len));
    /* Level 33 is the mapping whose first key is k32, on line 33. */
    expect_error_at("too-deep", 33, 65);
}
END_TEST

START_TEST(test_max_depth_accepted)
{
    char *text = repeat("a: ", "[", FB_LOAD_MAX_DEPTH - 1, "");
    char *closed = repeat(text, "]", FB_LOAD_MAX_DEPTH - 1, "\n");
    ck_assert_ptr_nonnull(fb_load_string(&comp, "t.yaml", closed,
                                         strlen(closed)));
    free(text);
    free(closed);
    ck_assert_uint_eq(comp.n_diags, 0);
}
END_TEST

START_TEST(test_too_many_nodes)
{
    char *text = repeat("a: [", "1,", FB_LOAD_MAX_NODES, "1]\n");
    ck_assert_ptr_null(fb_load_string(&comp, "t.yaml", text, strlen(text)));
    free(text);
    /* Root, key and list are 3 nodes, so item 99998 is node 100001. */
    expect_error_at("too-many-nodes", 1, 5 + 2 * (FB_LOAD_MAX_NODES - 3));
}
END_TEST

START_TEST(test_large_file_loads)
{
    /* Nearly 1 MiB of ordinary content loads (and quickly). */
    static const char item[] = "  - Some long text that takes up a fair "
                               "amount of room on the line\n";
    size_t n = (FB_LOAD_MAX_BYTES - 16) / (sizeof(item) - 1);
    char *text = repeat("pages:\n", item, n, "");
    size_t len = strlen(text);
    ck_assert_uint_le(len, FB_LOAD_MAX_BYTES);
    ck_assert_uint_gt(len, FB_LOAD_MAX_BYTES - 100);
    struct fb_node *root = fb_load_string(&comp, "t.yaml", text, len);
    free(text);
    ck_assert_ptr_nonnull(root);
    ck_assert_uint_eq(fb_node_get(root, "pages")->n_items, n);
}
END_TEST

START_TEST(test_file_too_large)
{
    char path[] = "/tmp/fb-test-load-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs("title: \"", f);
    for (int i = 0; i < 2 * 1024 * 1024 / 64; i++)
        fputs("0123456789012345678901234567890123456789012345678901234567890"
              "123", f);
    fputs("\"\n", f);
    fclose(f);
    struct fb_node *root = fb_load_file(&comp, path);
    unlink(path);
    ck_assert_ptr_null(root);
    const struct fb_diag *d = find_diag("file-too-large", 0);
    ck_assert_ptr_nonnull(d);
    ck_assert_ptr_null(d->loc.src);
    ck_assert_ptr_nonnull(strstr(d->message, path));
    ck_assert_ptr_nonnull(strstr(d->message, "1048576"));
}
END_TEST

START_TEST(test_string_too_large)
{
    size_t len = FB_LOAD_MAX_BYTES + 1;
    char *text = malloc(len);
    ck_assert_ptr_nonnull(text);
    memset(text, 'a', len);
    ck_assert_ptr_null(fb_load_string(&comp, "big.yaml", text, len));
    free(text);
    ck_assert_ptr_nonnull(find_diag("file-too-large", 0));
}
END_TEST

START_TEST(test_load_file)
{
    char path[] = "/tmp/fb-test-load-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs("form: x\ntitle: From a file\n", f);
    fclose(f);
    struct fb_node *root = fb_load_file(&comp, path);
    unlink(path);
    ck_assert_ptr_nonnull(root);
    ck_assert_str_eq(fb_node_get(root, "title")->value, "From a file");
    ck_assert_str_eq(root->loc.src->path, path);
}
END_TEST

START_TEST(test_missing_file)
{
    ck_assert_ptr_null(fb_load_file(&comp, "/nonexistent/form.yaml"));
    const struct fb_diag *d = find_diag("io", 0);
    ck_assert_ptr_nonnull(d);
    ck_assert_ptr_null(d->loc.src);
    ck_assert_ptr_nonnull(strstr(d->message, "/nonexistent/form.yaml"));
    ck_assert_ptr_nonnull(strstr(d->message, "No such file"));
}
END_TEST

START_TEST(test_directory_is_io_error)
{
    ck_assert_ptr_null(fb_load_file(&comp, "/tmp"));
    ck_assert_ptr_nonnull(find_diag("io", 0));
}
END_TEST

START_TEST(test_invalid_utf8)
{
    ck_assert_ptr_null(load("form: x\ntitle: caf\xE9 menu\n"));
    expect_error_at("bad-utf8", 2, 11);
    ck_assert_ptr_nonnull(strstr(find_diag("bad-utf8", 0)->message, "0xE9"));
}
END_TEST

START_TEST(test_overlong_utf8)
{
    ck_assert_ptr_null(load("a: \xC3\xA9\xC0\xAF\n"));
    expect_error_at("bad-utf8", 1, 5);
}
END_TEST

START_TEST(test_nul_byte)
{
    static const char text[] = "form: x\ntitle: a\0b\n";
    ck_assert_ptr_null(fb_load_string(&comp, "t.yaml", text,
                                      sizeof(text) - 1));
    expect_error_at("bad-utf8", 2, 9);
    ck_assert_ptr_nonnull(strstr(find_diag("bad-utf8", 0)->message, "NUL"));
}
END_TEST

START_TEST(test_nul_escape)
{
    ck_assert_ptr_null(load("title: \"a\\0b\"\n"));
    expect_error_at("bad-utf8", 1, 8);
}
END_TEST

START_TEST(test_control_character)
{
    ck_assert_ptr_null(load("title: ring\x07\n"));
    expect_error_at("yaml-syntax", 1, 12);
    ck_assert_ptr_nonnull(strstr(find_diag("yaml-syntax", 0)->message,
                                 "U+0007"));
}
END_TEST

START_TEST(test_lone_carriage_return)
{
    ck_assert_ptr_null(load("form: x\rtitle: y\r"));
    expect_error_at("yaml-syntax", 1, 8);
}
END_TEST

START_TEST(test_empty_file)
{
    ck_assert_ptr_null(fb_load_string(&comp, "t.yaml", "", 0));
    expect_error_at("empty-file", 1, 1);
    ck_assert_uint_eq(comp.n_errors, 1);
}
END_TEST

START_TEST(test_comments_only_file)
{
    ck_assert_ptr_null(load("# just a comment\n\n"));
    expect_error_at("empty-file", 1, 1);
}
END_TEST

START_TEST(test_bom_only_file)
{
    ck_assert_ptr_null(load("\xEF\xBB\xBF"));
    expect_error_at("empty-file", 1, 1);
}
END_TEST

START_TEST(test_root_scalar)
{
    ck_assert_ptr_null(load("just some text\n"));
    expect_error_at("root-not-mapping", 1, 1);
    ck_assert_ptr_nonnull(strstr(find_diag("root-not-mapping", 0)->message,
                                 "a text value"));
}
END_TEST

START_TEST(test_root_list)
{
    ck_assert_ptr_null(load("- form: x\n- form: y\n"));
    expect_error_at("root-not-mapping", 1, 1);
    ck_assert_ptr_nonnull(strstr(find_diag("root-not-mapping", 0)->message,
                                 "form:, title:, pages:"));
}
END_TEST

static Suite *
load_suite(void)
{
    Suite *s = suite_create("load");
    TCase *tc = tcase_create("load");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_nested_structure_and_locations);
    tcase_add_test(tc, test_node_get_and_kind_names);
    tcase_add_test(tc, test_quoted_vs_plain);
    tcase_add_test(tc, test_multiline_plain_width);
    tcase_add_test(tc, test_block_scalars);
    tcase_add_test(tc, test_crlf_line_endings);
    tcase_add_test(tc, test_bom_accepted);
    tcase_add_test(tc, test_source_kept_for_carets);
    tcase_add_test(tc, test_not_nul_terminated_input);
    tcase_add_test(tc, test_syntax_missing_colon);
    tcase_add_test(tc, test_syntax_colon_in_value);
    tcase_add_test(tc, test_syntax_bad_indentation);
    tcase_add_test(tc, test_syntax_unclosed_quote);
    tcase_add_test(tc, test_syntax_error_at_end_of_input);
    tcase_add_test(tc, test_tab_indentation);
    tcase_add_test(tc, test_tab_after_dash);
    tcase_add_test(tc, test_duplicate_key);
    tcase_add_test(tc, test_duplicate_key_note);
    tcase_add_test(tc, test_duplicate_key_quoted_and_plain);
    tcase_add_test(tc, test_duplicate_long_key_cut_whole_chars);
    tcase_add_test(tc, test_many_keys_fast);
    tcase_add_test(tc, test_alias);
    tcase_add_test(tc, test_anchor);
    tcase_add_test(tc, test_alias_bomb);
    tcase_add_test(tc, test_tag);
    tcase_add_test(tc, test_complex_key);
    tcase_add_test(tc, test_complex_key_keeps_reading);
    tcase_add_test(tc, test_multiple_documents);
    tcase_add_test(tc, test_deep_brackets);
    tcase_add_test(tc, test_deep_mappings);
    tcase_add_test(tc, test_max_depth_accepted);
    tcase_add_test(tc, test_too_many_nodes);
    tcase_add_test(tc, test_large_file_loads);
    tcase_add_test(tc, test_file_too_large);
    tcase_add_test(tc, test_string_too_large);
    tcase_add_test(tc, test_load_file);
    tcase_add_test(tc, test_missing_file);
    tcase_add_test(tc, test_directory_is_io_error);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_overlong_utf8);
    tcase_add_test(tc, test_nul_byte);
    tcase_add_test(tc, test_nul_escape);
    tcase_add_test(tc, test_control_character);
    tcase_add_test(tc, test_lone_carriage_return);
    tcase_add_test(tc, test_empty_file);
    tcase_add_test(tc, test_comments_only_file);
    tcase_add_test(tc, test_bom_only_file);
    tcase_add_test(tc, test_root_scalar);
    tcase_add_test(tc, test_root_list);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(load_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
