/* SPDX-License-Identifier: MIT */
/*
 * Validates XML payloads against a form's generated XSD with libxml2's
 * xmlSchemaValidateDoc, as a back office would.
 *   xsd_validate SCHEMA.xsd PAYLOAD.xml...   exit 0 when all are valid
 */
#include <stdio.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

int
main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: xsd_validate SCHEMA.xsd PAYLOAD.xml...\n");
        return 2;
    }
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(argv[1]);
    xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
    xmlSchemaFreeParserCtxt(pc);
    if (!schema) {
        fprintf(stderr, "xsd_validate: %s does not parse\n", argv[1]);
        return 2;
    }
    int bad = 0;
    for (int i = 2; i < argc; i++) {
        xmlDocPtr doc = xmlReadFile(argv[i], NULL, XML_PARSE_NONET);
        xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
        int rc = doc && vc ? xmlSchemaValidateDoc(vc, doc) : -1;
        if (rc != 0) {
            fprintf(stderr, "xsd_validate: %s is not valid against %s\n",
                    argv[i], argv[1]);
            bad++;
        }
        xmlSchemaFreeValidCtxt(vc);
        xmlFreeDoc(doc);
    }
    xmlSchemaFree(schema);
    xmlCleanupParser();
    return bad ? 1 : 0;
}
