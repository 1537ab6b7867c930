/* SPDX-License-Identifier: MIT */
/*
 * A small YAML writer for `formc expand`: a loaded (or expanded) node tree
 * back to block YAML that loads into the same tree. Scalars that were
 * quoted stay quoted, plain ones stay plain where that reads the same,
 * multi-line text becomes a literal block.
 */
#pragma once

#include "buf.h"
#include "load.h"

/** Appends @p root, a mapping, as a YAML document to @p b. */
void
fb_emit_yaml(struct fb_buf *b, const struct fb_node *root);
