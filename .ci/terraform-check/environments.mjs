#!/usr/bin/env node
// Usage: node environments.mjs [project root]. Prints, as JSON, what every function and the job
// start with in each combination of the variables that change it (lib/environments.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject } from './lib/load.mjs';
import { environments } from './lib/environments.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[2] ?? path.join(here, '..', '..'));
try {
  console.log(JSON.stringify(environments(await loadProject(root)), null, 1));
} catch (e) {
  console.error(`environments: ${e.message}`);
  process.exit(1);
}
