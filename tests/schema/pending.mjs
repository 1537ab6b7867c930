// SPDX-License-Identifier: MIT
//
// PENDING: question types schemas/form.schema.json already describes but
// formc does not accept yet (they are being added to the compiler).
//
// While a type is listed here:
//  - agreement.mjs does not hold formc's verdict against the schema for a
//    form in which formc reports the type as unknown (`unknown-type`); it
//    prints "pending" for it instead, and checks the schema side alone.
//    As soon as formc knows the type, the exemption stops applying by
//    itself and agreement.mjs prints a note asking to delete the entry.
//  - validate-forms.mjs does not require examples/ to use the type.
//
// To remove: delete the entry once formc accepts the type; when the list
// is empty, delete this file and its imports in agreement.mjs and
// validate-forms.mjs (search for "pending.mjs").

export const PENDING_TYPES = {
    name: 'a person\'s name, optionally in parts (title, given, family)',
    time: 'a time of day HH:MM, rules before and after',
    ni_number: 'a National Insurance number',
    money: 'an amount in pounds, rules min and max',
    autocomplete: 'a text input suggesting options or a list from forms/lists/',
};
