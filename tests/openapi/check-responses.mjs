// Checks every answer the HTTP tests received (the JSON lines that tests/support/process's
// clients write under OKNO_RESPONSE_LOG) against docs/openapi.json: the route and method are
// documented, the status is one of the operation's, the content type is the response's, and a
// JSON body passes the response's schema. Schemas go through the OpenAPI 3.0 -> JSON Schema step
// of @openapi-contrib/openapi-schema-to-json-schema and are checked by ajv (R-VISIT-1: the
// document is what an API consumer builds on). Exits 1 listing every disagreement.
//   usage: node check-responses.mjs DOCUMENT LOG_FOLDER
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const toJsonSchema = require('@openapi-contrib/openapi-schema-to-json-schema');

const [docPath, logDir] = process.argv.slice(2);
if (!docPath || !logDir) {
  console.error('usage: node check-responses.mjs DOCUMENT LOG_FOLDER');
  process.exit(2);
}
const doc = JSON.parse(fs.readFileSync(docPath, 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

// Every Schema Object of the document in JSON Schema form: the values of "schema" keys (media
// types, parameters, headers) and of components.schemas. The converter walks into each.
function convertAll(node, key, parentKey) {
  if (Array.isArray(node)) return node.map((v) => convertAll(v, null, key));
  if (node === null || typeof node !== 'object') return node;
  if (key === 'schema' || parentKey === 'schemas') {
    const converted = toJsonSchema(node);
    delete converted.$schema;  // draft-04 is the converter's label; ajv reads it as draft-07
    return converted;
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = convertAll(v, k, key);
  return out;
}
const converted = convertAll(doc, null, null);
const DOC_ID = 'okno-openapi.json';
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
addFormats(ajv);
ajv.addSchema({ ...converted, $id: DOC_ID });
const validators = new Map();
function validatorAt(pointer) {
  if (!validators.has(pointer)) validators.set(pointer, ajv.compile({ $ref: DOC_ID + '#' + pointer }));
  return validators.get(pointer);
}
const escape = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const deref = (node) => {
  for (let depth = 0; node && node.$ref && depth < 16; ++depth) {
    node = node.$ref.slice(2).split('/').reduce((n, k) => n[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return node;
};

// Path templates, the most literal first: /desks/{desk}/pause is never taken for /desks/{desk}.
const templates = Object.keys(doc.paths).map((template) => {
  const parts = template.split('/');
  const re = new RegExp('^' + parts.map((p) => (/^\{.+\}$/.test(p) ? '[^/]+' : p.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/') + '$');
  return { template, re, literal: parts.filter((p) => !p.startsWith('{')).length };
}).sort((a, b) => b.literal - a.literal);
const matchTemplate = (p) => templates.find((t) => t.re.test(p));

const mediaOf = (type) => (type || '').split(';')[0].trim().toLowerCase();
const errorPointer = '/components/schemas/Error';

const failures = new Map();  // description -> {count, tests}
let checked = 0, outOfScope = 0, refused = 0;
function fail(record, what) {
  const key = `${record.method} ${record.template || record.path} -> ${record.status}: ${what}`;
  const entry = failures.get(key) || { count: 0, tests: new Set(), example: record };
  entry.count += 1;
  if (record.test) entry.tests.add(record.test);
  failures.set(key, entry);
}
function checkBody(record, pointer, media) {
  if (media !== 'application/json' && !media.endsWith('+json')) return;
  if (record.body === null || record.body === undefined) return;
  let body;
  try { body = JSON.parse(record.body); } catch { return fail(record, 'body is not JSON'); }
  const validate = validatorAt(pointer);
  if (!validate(body)) {
    const errors = validate.errors.slice(0, 4).map((e) => `${e.instancePath || '(body)'} ${e.message}` +
      (e.params && e.params.allowedValues ? ' ' + JSON.stringify(e.params.allowedValues) : '') +
      (e.params && e.params.additionalProperty ? ' ' + e.params.additionalProperty : ''));
    fail(record, 'body fails the schema: ' + errors.join('; '));
  }
}

const files = fs.existsSync(logDir) ? fs.readdirSync(logDir).filter((f) => f.endsWith('.jsonl')) : [];
for (const file of files) {
  for (const line of fs.readFileSync(path.join(logDir, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line);
    const urlPath = record.path.split('?')[0];
    const match = matchTemplate(urlPath);
    if (!match && !urlPath.startsWith('/api/')) { outOfScope += 1; continue; }  // console pages
    checked += 1;
    const media = mediaOf(record.content_type);
    const item = match && doc.paths[match.template];
    const method = record.method.toLowerCase();
    if (!item || !item[method]) {
      // A route or method the document does not have must be refused as such, with an Error.
      if (record.status === 404 || record.status === 405) {
        refused += 1;
        checkBody(record, errorPointer, media);
      } else {
        fail(record, item ? 'method not documented' : 'route not documented');
      }
      continue;
    }
    record.template = match.template;
    const operation = item[method];
    const status = String(record.status);
    const responses = operation.responses || {};
    const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default' in responses ? 'default' : null;
    if (!key) { fail(record, 'status not documented'); continue; }
    if ((record.status === 401 || record.status === 403) && !(operation.security || doc.security || []).length &&
        match.template !== '/api/v1/staff/login') {
      fail(record, 'answers as a staff-only route but declares no security');
    }
    const response = deref(responses[key]);
    const content = response.content || {};
    const documented = Object.keys(content).find((m) => mediaOf(m) === media);
    if (!documented) {
      if (Object.keys(content).length || media) fail(record, `content type ${record.content_type || '(none)'} not documented`);
      continue;
    }
    if (!content[documented].schema) continue;
    let pointer = `/paths/${escape(match.template)}/${method}/responses/${escape(key)}`;
    if (responses[key].$ref) pointer = responses[key].$ref.slice(1);
    checkBody(record, `${pointer}/content/${escape(documented)}/schema`, media);
  }
}

const total = [...failures.values()].reduce((n, f) => n + f.count, 0);
console.log(`openapi answers: ${files.length} logs, ${checked} answers checked (${refused} refused routes), ` +
  `${outOfScope} console pages left out, ${total} disagree with ${docPath}`);
for (const [what, f] of [...failures.entries()].sort()) {
  console.log(`FAIL ${what}  (x${f.count}; e.g. ${[...f.tests].slice(0, 2).join(', ') || 'untitled'}` +
    `; ${f.example.path}${f.example.body ? ' ' + f.example.body.slice(0, 160) : ''})`);
}
if (checked === 0) {
  console.log('FAIL no answers were logged: run the HTTP tests with OKNO_RESPONSE_LOG set (ctest does)');
  process.exit(1);
}
console.log(`${checked - total} passed, ${total} failed`);
process.exit(total ? 1 : 0);
