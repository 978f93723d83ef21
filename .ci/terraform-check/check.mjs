#!/usr/bin/env node
// Usage: node check.mjs [project root]. Prints what each rule compared; exits 1 on any violation.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject } from './lib/load.mjs';
import { RULES } from './lib/rules.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[2] ?? path.join(here, '..', '..'));

let project;
try {
  project = await loadProject(root);
} catch (e) {
  console.error(`terraform-check: cannot load ${root}: ${e.message}`);
  process.exit(1);
}
console.log(`terraform-check: parsed ${project.terraform.files.length} files in ${path.join(root, 'terraform')}: ${project.terraform.files.join(' ')}`);
let failed = 0;
for (const rule of RULES) {
  const { rule: name, checked, errors } = rule(project);
  console.log(`${errors.length === 0 ? 'PASS' : 'FAIL'} ${name}`);
  for (const line of checked) console.log(`     checked: ${line}`);
  for (const line of errors) console.log(`     ERROR: ${line}`);
  if (errors.length > 0) failed++;
}
console.log(`terraform-check: ${RULES.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
