/* SPDX-License-Identifier: MIT */
/*
 * Lowering: the checked model -> the runtime's form descriptors (struct
 * fb_form_desc, formbuilder/form.h), built in memory in the compiler's
 * arena with NULL function pointers. The static page emitter renders them
 * with the runtime's own renderers; the C emitter writes the same tables
 * as C and adds the functions. Also the small naming rules both share.
 */
#pragma once

#include <stddef.h>

#include "compiler.h"
#include "formbuilder/form.h"
#include "model.h"

/* A form's descriptors next to the model they came from. */
struct fb_lowered {
    const struct fb_form *form;
    struct fb_form_desc *desc;
    /* The descriptor of model question i (form->questions[i]). */
    struct fb_question_desc **questions;
    const char *ident;         /* slug as a C identifier: "report_x" */
};

/* One thing a page shows, in source order: a question or a block. */
struct fb_page_item {
    const struct fb_question *question; /* NULL for a block */
    size_t block;              /* index into page->blocks */
};

/**
 * Lowers @p form (checked, without errors) into descriptors in @p c's
 * arena: every string in both language slots, yes_no given its two fixed
 * options, follow-ups linked to the option that reveals them, the version
 * set by fb_form_version(). @returns the result (owned by the arena).
 */
struct fb_lowered *
fb_lower_form(struct fb_compiler *c, const struct fb_form *form);

/**
 * Lists what @p page shows in source order (questions and content blocks
 * interleaved as written). @returns the count; *@p out is in @p a.
 */
size_t
fb_page_items(struct fb_arena *a, const struct fb_page *page,
              struct fb_page_item **out);

/** @returns @p s with every character other than [A-Za-z0-9_] turned into
 *  '_', in @p a: slugs and page ids become parts of C identifiers. */
const char *
fb_c_ident(struct fb_arena *a, const char *s);

/**
 * @returns the id of the element an error on @p q links to: the first
 * input ("q", "q-day" for a date, "q-line1" for an address; the first
 * radio or checkbox has the id "q", later ones "q-2", "q-3" ...).
 */
const char *
fb_question_anchor(struct fb_arena *a, const struct fb_question *q);

/**
 * @returns the form's version: FNV-1a 64 over a canonical serialisation
 * of everything that decides its behaviour (descriptor contents, rules
 * with their final messages, conditions), as 16 lower-case hex digits in
 * @p c's arena. Same model -> same version on every machine.
 */
const char *
fb_form_version(struct fb_compiler *c, const struct fb_form *form);
