/* SPDX-License-Identifier: MIT */
/*
 * Submission schemas: for each form a JSON Schema (draft 2020-12) and an
 * XSD of the payload the runtime forwards to back offices (form, version,
 * reference, submitted_at and the normalised answers), so a receiving
 * system can check what it gets without reading the YAML.
 */
#pragma once

#include "buf.h"
#include "compiler.h"
#include "lower.h"

/** Appends the JSON Schema of @p lw's submissions to @p b. */
void
fb_emit_json_schema(struct fb_compiler *c, struct fb_buf *b,
                    const struct fb_lowered *lw, const char *source_name);

/** Appends the XSD of @p lw's submissions to @p b. */
void
fb_emit_xsd(struct fb_compiler *c, struct fb_buf *b,
            const struct fb_lowered *lw, const char *source_name);
