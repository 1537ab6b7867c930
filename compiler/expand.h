/* SPDX-License-Identifier: MIT */
/*
 * The expand pass, between load and model: a form naming a service
 * pattern (`pattern:`, `with:`, `replace:`, `remove:`, pages placed
 * `before:`/`after:` a pattern page) becomes the plain form it stands for,
 * so the model, the checks, the version hash and every emitter see only
 * the expanded form. Nodes from the pattern keep the pattern's locations
 * and nodes from the form (its pages, its `with:` values) the form's, so
 * later diagnostics blame the right file. docs/patterns.md is the
 * contract.
 */
#pragma once

#include "compiler.h"
#include "load.h"

/**
 * Expands the pattern the form at @p root names, reporting into @p c.
 * @returns the expanded root (new nodes in c's arena, sharing the
 * unchanged ones), @p root itself when it names no pattern, or NULL when
 * the pattern could not be applied (after reporting why).
 */
struct fb_node *
fb_expand_form(struct fb_compiler *c, struct fb_node *root);
