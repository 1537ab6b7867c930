/* SPDX-License-Identifier: MIT */
/*
 * Translation sidecars: `NAME.cy.yaml` beside form `NAME.yaml`, a mapping
 * of text id (texts.h) to Welsh text, written by `formc translations
 * --merge` and merged into the model before the checks, so a sidecar
 * text is checked, built and reported (at the sidecar's own lines) like
 * one written inline. docs/welsh.md, "Translations workflow".
 */
#pragma once

#include "compiler.h"
#include "model.h"

/** @returns the sidecar path of form file @p form_path ("x.yaml" ->
 *  "x.cy.yaml"), in c's arena. */
const char *
fb_sidecar_path(struct fb_compiler *c, const char *form_path);

/**
 * Reads the sidecar of @p form, when there is one, into the Welsh of its
 * texts (form->sidecar records it), reporting ids that name no text
 * ("unknown-translation", with the nearest id), texts given Welsh both
 * inline and in the sidecar ("translation-twice") and values that are
 * not text.
 */
void
fb_sidecar_apply(struct fb_compiler *c, struct fb_form *form);
