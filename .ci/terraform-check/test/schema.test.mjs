// The provider-schema rules pass on fixtures/ok and fail on a copy with one fault planted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { providerSchema, providerVersions, pessimisticFloor } from '../lib/provider-rules.mjs';
import { TF, assertOneError, errorsAfter } from '../test-support/fixture.mjs';

// Planted faults are checked against both provider versions: one error per version.
const bothVersions = (errors, pattern) => {
  assert.equal(errors.length, 2, JSON.stringify(errors));
  assert.match(errors[0], pattern);
  assert.match(errors[0], /provider 6\.14\.0/);
  assert.match(errors[1], /provider 6\.50\.0/);
};

test('providerSchema: a planted unknown argument fails', async () => {
  const errors = await errorsAfter(providerSchema, [[TF, '    runtime         = "java17"', '    runtime         = "java17"\n    no_such_argument = true']]);
  bothVersions(errors, /google_cloudfunctions2_function\.f .*\.build_config: unknown argument or block "no_such_argument"/);
});

test('providerSchema: an argument newer than the constraint floor fails on the floor only', async () => {
  // service_config.binary_authorization_policy exists in 6.50.0, not in 6.14.0.
  const errors = await errorsAfter(providerSchema, [[TF, '  service_config {\n', '  service_config {\n    binary_authorization_policy = "default"\n']]);
  assertOneError(errors, /provider 6\.14\.0\)\.service_config: unknown argument or block "binary_authorization_policy"/);
});

test('providerSchema: a missing required argument fails', async () => {
  const errors = await errorsAfter(providerSchema, [[TF, '  location = "europe-west1"\n', '']]);
  bothVersions(errors, /google_cloudfunctions2_function\.f \(provider [0-9.]+\): required argument "location" is missing/);
});

test('providerSchema: a block written as an attribute fails', async () => {
  const errors = await errorsAfter(providerSchema, [[TF, 'name     = "f"', 'name     = "f"\n  event_trigger = {}']]);
  bothVersions(errors, /"event_trigger" is a block, written as an attribute/);
});

test('providerSchema: an attribute written as a block fails', async () => {
  const errors = await errorsAfter(providerSchema, [[TF, 'name     = "f"', 'name     = "f"\n  labels {\n    a = "b"\n  }']]);
  bothVersions(errors, /"labels" is an attribute, written as a block/);
});

test('providerSchema: a nested block of a dynamic block is checked too', async () => {
  const errors = await errorsAfter(providerSchema, [[TF, 'name     = "f"', 'name     = "f"\n  dynamic "nope" {\n    for_each = {}\n    content {}\n  }']]);
  bothVersions(errors, /unknown block dynamic "nope"/);
});

test('providerVersions: a constraint whose floor has no schema fails', async () => {
  const errors = await errorsAfter(providerVersions, [['terraform/deploy.tf', '"~> 6.14"', '"~> 6.20"']]);
  assert.ok(errors.some((e) => /no schema for the constraint's floor 6\.20\.0/.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => /schema 6\.14\.0 is outside ~> 6\.20/.test(e)), errors.join('\n'));
});

test('pessimisticFloor reads ~> X.Y', () => {
  assert.deepEqual(pessimisticFloor('~> 6.14'), { floor: '6.14.0', major: 6, patchOnly: false });
  assert.equal(pessimisticFloor('>= 6.0'), null);
});

test('check.mjs exits 1 on a planted unknown argument in the project copy', async () => {
  const { spawnSync } = await import('node:child_process');
  const { cp, mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
  const os = await import('node:os');
  const path = await import('node:path');
  const { repoRoot } = await import('../test-support/fixture.mjs');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tfcheck-cli-'));
  try {
    for (const p of ['terraform', 'src/main/java', 'pom.xml', 'cloudbuild.yaml', '.gcloudignore', '.gitignore']) {
      await cp(path.join(repoRoot, p), path.join(dir, p), { recursive: true, filter: (src) => !src.includes('.terraform/') });
    }
    const clean = spawnSync('node', ['check.mjs', dir], { encoding: 'utf8' });
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    const tf = path.join(dir, 'terraform', 'scheduler.tf');
    await writeFile(tf, (await readFile(tf, 'utf8')).replace('  schedule    = var.schedule\n', '  schedule    = var.schedule\n  planted_argument = 1\n'));
    const planted = spawnSync('node', ['check.mjs', dir], { encoding: 'utf8' });
    assert.equal(planted.status, 1, planted.stdout);
    assert.match(planted.stdout, /ERROR: google_cloud_scheduler_job\.build \(provider 6\.14\.0\): unknown argument or block "planted_argument"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
