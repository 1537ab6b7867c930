// SPDX-License-Identifier: MIT
// Checks what the walked journeys stored: every submission, exported with
// `formbuilder export --format json`, must be valid against the payload
// JSON Schema formc generated for its form (schemas/forms/ for the council
// services, the golden copies for the examples, and for a form not
// published yet the copy the build wrote beside its generated C). This
// ties the emitters' schemas to what the runtime really writes.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

import Ajv2020 from "ajv/dist/2020.js";

function schemaFor(root, server, slug) {
    // The server is BUILD/runtime/server/formbuilder; forms/meson.build
    // writes each form's schemas to BUILD/forms/.
    const built = join(dirname(server), "..", "..", "forms");
    for (const dir of [join(root, "schemas/forms"),
                       join(root, "tests/compiler/golden/expected"), built]) {
        const file = join(dir, `${slug}.schema.json`);
        if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
    }
    return null;
}

function exportForm(server, db, slug) {
    const r = spawnSync(server, ["export", "--form", slug, "--format", "json"],
                        { encoding: "utf8",
                          env: { ...process.env, FORMBUILDER_DB: db } });
    if (r.status !== 0)
        throw new Error(`export --form ${slug} failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
}

// Returns one result per form with stored submissions.
export async function payloadProblems(server, db, root) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat("date-time", (s) => !Number.isNaN(Date.parse(s)));
    ajv.addFormat("date", (s) => /^\d{4}-\d{2}-\d{2}$/.test(s));
    ajv.addFormat("email", (s) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s));
    const slugs = JSON.parse(spawnSync("sqlite3", ["-json", db,
        "SELECT DISTINCT form FROM submissions"], { encoding: "utf8" })
        .stdout || "[]").map((r) => r.form);
    const results = [];
    for (const slug of slugs) {
        const problems = [];
        const schema = schemaFor(root, server, slug);
        if (!schema) {
            problems.push(`payload: no generated schema for ${slug}`);
        } else {
            const validate = ajv.compile(schema);
            const rows = exportForm(server, db, slug);
            for (const row of rows) {
                // Export's own fields beside the payload: the delivery
                // state and a form's progress updates.
                const { delivery_state: _state, events: _events,
                        ...payload } = row;
                if (!validate(payload))
                    problems.push(`payload ${row.reference}: ` +
                        ajv.errorsText(validate.errors));
            }
            if (!rows.length) problems.push("payload: nothing exported");
        }
        results.push({ form: slug, page: "submissions", state: "payload",
                       problems, file: null });
    }
    if (!slugs.length)
        results.push({ form: "-", page: "submissions", state: "payload",
                       problems: ["payload: no submissions were stored"],
                       file: null });
    return results;
}
