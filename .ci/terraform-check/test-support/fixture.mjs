// The self-tests' fixture: fixtures/ok passes every rule; errorsAfter breaks one thing in a copy.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject } from '../lib/load.mjs';

export const ok = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'ok');

export const TF = 'terraform/main.tf';
export const FN = 'src/main/java/dev/alike/function/RecommendFunction.java';
export const JOB = 'src/main/java/dev/alike/cli/BuildJob.java';
export const LAYOUT = 'src/main/java/dev/alike/store/FirestoreLayout.java';

/** Runs `rule` on a copy of fixtures/ok after edit(file, from, to) replacements; returns errors. */
export async function errorsAfter(rule, edits) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tfcheck-'));
  try {
    await cp(ok, dir, { recursive: true });
    for (const [file, from, to] of edits) {
      const abs = path.join(dir, file);
      const text = await readFile(abs, 'utf8');
      assert.ok(text.includes(from), `fixture ${file} lacks ${JSON.stringify(from)}`);
      await writeFile(abs, text.replace(from, to));
    }
    return rule(await loadProject(dir)).errors;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function assertOneError(errors, pattern) {
  assert.equal(errors.length, 1, `expected one error, got ${JSON.stringify(errors)}`);
  assert.match(errors[0], pattern);
}

export const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Runs `rule` on a copy of the project's own terraform/ after edits; returns its errors. */
export async function errorsAfterInProject(rule, edits) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tfcheck-real-'));
  try {
    await cp(path.join(repoRoot, 'terraform'), path.join(dir, 'terraform'), { recursive: true, filter: (src) => !src.includes('.terraform') });
    for (const [file, from, to] of edits) {
      const abs = path.join(dir, file);
      const text = await readFile(abs, 'utf8');
      assert.ok(text.includes(from), `${file} lacks ${JSON.stringify(from)}`);
      await writeFile(abs, text.replace(from, to));
    }
    return rule(await loadProject(dir)).errors;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
