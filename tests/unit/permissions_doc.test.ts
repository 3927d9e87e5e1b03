import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildOpenApi } from '../../cloud/src/core/openapi';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { permissionsDoc } = require('../support/permission-matrix.cjs');

test('docs/permissions.md is the matrix of the current OpenAPI document (else run `npm run docs:permissions`)', () => {
  const committed = readFileSync(path.join(__dirname, '..', '..', 'docs', 'permissions.md'), 'utf8');
  expect(committed).toBe(permissionsDoc(buildOpenApi()));
});
