#!/usr/bin/env node
// `npm run docs:permissions`: writes docs/permissions.md, the permission matrix, from the OpenAPI
// document the API serves (each operation's x-access) and the scope table of
// tests/support/permission-matrix.cjs. tests/unit/permissions_doc.test.ts fails when it is out of date.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildCloud } from './lib/build.mjs';
import { ROOT } from './lib/ferretdb.cjs';

const require = createRequire(import.meta.url);
buildCloud();
const { buildOpenApi } = require(path.join(ROOT, 'cloud', 'dist', 'core', 'openapi.js'));
const { permissionsDoc } = require(path.join(ROOT, 'tests', 'support', 'permission-matrix.cjs'));

const file = path.join(ROOT, 'docs', 'permissions.md');
writeFileSync(file, permissionsDoc(buildOpenApi()));
console.log(`· ${path.relative(ROOT, file)} written`);
