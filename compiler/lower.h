/* SPDX-License-Identifier: MIT */
/*
 * Lowering: the checked model -> the runtime's form descriptors (struct
 * fb_form_desc, formbuilder/form.h), complete and built once in the
 * compiler's arena: condition trees with typed literals, rule tables in
 * the order the driver checks them, nouns for the default messages, page
 * items in the order the resident sees them. The static page emitter runs
 * the runtime's driver on them; the C emitter writes them out as tables.
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
    /* The descriptor of model question i (form->questions[i]); also
     * desc->questions. */
    struct fb_question_desc **questions;
    const char *ident;         /* slug as a C identifier: "report_x" */
};

/**
 * Lowers @p form (checked, without errors) into descriptors in @p c's
 * arena: every string in both language slots, yes_no given its two fixed
 * options, follow-ups linked to the option that reveals them, each
 * pattern rule given an empty regex slot (fb_form_init() fills it). The
 * version is left NULL: fb_form_version() computes it from the result.
 * @returns the result (owned by the arena).
 */
struct fb_lowered *
fb_lower_form(struct fb_compiler *c, const struct fb_form *form);

/** @returns @p s with every character other than [A-Za-z0-9_] turned into
 *  '_', in @p a: slugs and page ids become parts of C identifiers. */
const char *
fb_c_ident(struct fb_arena *a, const char *s);
