// SPDX-License-Identifier: MIT
// Validates JSON payloads against a form's generated JSON Schema (ajv,
// draft 2020-12, the formats the payload schemas use), as a back office
// would.
//   node validate-json.mjs SCHEMA.json PAYLOAD.json...   exit 0 when valid
import { readFileSync } from "node:fs";

import Ajv2020 from "ajv/dist/2020.js";

const [schemaFile, ...files] = process.argv.slice(2);
if (!schemaFile || !files.length) {
    console.error("usage: validate-json.mjs SCHEMA.json PAYLOAD.json...");
    process.exit(2);
}
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addFormat("date-time", (s) => !Number.isNaN(Date.parse(s)));
ajv.addFormat("date", (s) => /^\d{4}-\d{2}-\d{2}$/.test(s));
ajv.addFormat("email", (s) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s));
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
let bad = 0;
for (const f of files) {
    if (!validate(JSON.parse(readFileSync(f, "utf8")))) {
        console.error(`${f}: ${ajv.errorsText(validate.errors)}`);
        bad++;
    }
}
process.exit(bad ? 1 : 0);
