#!/usr/bin/env node
// `npm run build:db`: builds the embedded FerretDB (cloud/ferretdb) once into .cache/ferretdb/<hash>/.
// `npm start` and `npm test` do this themselves; this is for warming a machine or a CI image.
import { buildFerretdb, ferretdbBinary } from './lib/ferretdb.cjs';

buildFerretdb();
console.log(ferretdbBinary());
