/* SPDX-License-Identifier: MIT */
/*
 * Loader: the first pass. Reads a YAML file with libyaml's event parser
 * into a tree of nodes that remember where they came from. It rejects what
 * YAML allows but a form never needs and an attacker could abuse: aliases
 * and anchors, tags, tabs in indentation, duplicate keys, nesting deeper
 * than FB_LOAD_MAX_DEPTH, files over FB_LOAD_MAX_BYTES, more than
 * FB_LOAD_MAX_NODES nodes.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "compiler.h"

#define FB_LOAD_MAX_BYTES ((size_t)1024 * 1024)
#define FB_LOAD_MAX_DEPTH 32
#define FB_LOAD_MAX_NODES 100000

enum fb_node_kind {
    FB_NODE_SCALAR,
    FB_NODE_MAPPING,
    FB_NODE_SEQUENCE
};

struct fb_node;

struct fb_pair {
    struct fb_node *key;       /* always a scalar */
    struct fb_node *value;
};

struct fb_node {
    enum fb_node_kind kind;
    struct fb_loc loc;         /* start of the node; len spans a scalar */
    /* scalar */
    const char *value;         /* NUL-terminated; may contain NULs? never:
                                  the loader rejects them */
    size_t value_len;
    bool plain;                /* unquoted: may be read as bool/number/null */
    bool block;                /* literal (|) or folded (>) block scalar */
    /* mapping */
    struct fb_pair *pairs;
    size_t n_pairs;
    /* sequence */
    struct fb_node **items;
    size_t n_items;
};

/**
 * Reads and parses @p path. The source text is kept in the compiler's arena
 * so diagnostics can quote it. @returns the root node (in the arena), or
 * NULL after reporting why (I/O errors with id "io", the rest as form
 * errors). An empty file reports "empty-file" and returns NULL.
 */
struct fb_node *
fb_load_file(struct fb_compiler *c, const char *path);

/** Reads the whole file at @p path, as fb_load_file() does, for other
 *  files formc reads (translation files): "io" when it cannot be read,
 *  "file-too-large" past FB_LOAD_MAX_BYTES. @returns the bytes with a NUL
 *  after them (the caller frees), *@p out_len of them, or NULL after
 *  reporting. */
char *
fb_load_read(struct fb_compiler *c, const char *path, size_t *out_len);

/** Like fb_load_file() for text already in memory (tests, stdin);
 *  @p name is used in diagnostics. @p text need not be NUL-terminated. */
struct fb_node *
fb_load_string(struct fb_compiler *c, const char *name, const char *text,
               size_t len);

/** @returns the value of @p key in mapping @p map, or NULL. */
struct fb_node *
fb_node_get(const struct fb_node *map, const char *key);

/** @returns a printable name of @p kind for messages: "a mapping". */
const char *
fb_node_kind_name(enum fb_node_kind kind);
