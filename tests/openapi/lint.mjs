// Lints docs/openapi.json with @apidevtools/swagger-parser: the document against the official
// OpenAPI 3.0 JSON Schema, every $ref resolvable, and the semantic rules (unique operationIds,
// path parameters declared and required, no duplicate parameters). Zero errors or exit 1.
// (@redocly/cli would be the usual linter; its dependencies need Node >= 20, Debian 12 has 18.)
//   usage: node lint.mjs DOCUMENT
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SwaggerParser = require('@apidevtools/swagger-parser');

const docPath = process.argv[2];
if (!docPath) {
  console.error('usage: node lint.mjs DOCUMENT');
  process.exit(2);
}
try {
  const api = await SwaggerParser.validate(docPath);
  const operations = Object.values(api.paths).reduce(
    (n, item) => n + Object.keys(item).filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)).length, 0);
  console.log(`${docPath}: valid OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths, ${operations} operations`);
  console.log('1 passed, 0 failed');
} catch (e) {
  console.log(`FAIL ${docPath}: ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
