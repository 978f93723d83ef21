// Each rule passes on fixtures/ok and fails on a copy of it with exactly one thing broken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadProject } from '../lib/load.mjs';
import * as rules from '../lib/rules.mjs';
import { FN, JOB, LAYOUT, TF, assertOneError, errorsAfter, ok } from '../test-support/fixture.mjs';

test('every rule passes on the ok fixture', async () => {
  const project = await loadProject(ok);
  for (const rule of rules.RULES) assert.deepEqual(rule(project).errors, [], rule.name);
});

test('entryPoints: function entry point without a class fails', async () => {
  const errors = await errorsAfter(rules.entryPoints, [[TF, 'function.RecommendFunction"', 'function.Missing"']]);
  assertOneError(errors, /entry point dev\.alike\.function\.Missing has no source file/);
});

test('entryPoints: entry class that is not an HttpFunction fails', async () => {
  const errors = await errorsAfter(rules.entryPoints, [[FN, 'implements com.google.cloud.functions.HttpFunction', '']]);
  assertOneError(errors, /does not declare class RecommendFunction implementing HttpFunction/);
});

test('entryPoints: Jib main class without main() fails', async () => {
  const errors = await errorsAfter(rules.entryPoints, [[JOB, 'public static void main', 'static void run']]);
  assertOneError(errors, /no public static void main/);
});

test('environment: variable read by the function but not set in terraform fails', async () => {
  const errors = await errorsAfter(rules.environment, [[FN, '"ALIKE_DEMO"', '"ALIKE_CACHE_SKUS"']]);
  assert.ok(errors.some((e) => /code reads ALIKE_CACHE_SKUS but local\.function_env/.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => /sets ALIKE_DEMO, which the code .* never reads/.test(e)), errors.join('\n'));
});

test('environment: a secret variable read by the function but in neither map fails', async () => {
  const errors = await errorsAfter(rules.environment, [[TF, 'ALIKE_TOKEN_SECRET = "latest"', 'ALIKE_OTHER_SECRET = "latest"']]);
  assert.ok(errors.some((e) => /code reads ALIKE_TOKEN_SECRET but/.test(e)), errors.join('\n'));
});

test('environment: secret map not wired into secret_environment_variables fails', async () => {
  const errors = await errorsAfter(rules.environment, [[TF, 'for k, v in local.token_secret_env', 'for k, v in {}']]);
  assertOneError(errors, /local\.token_secret_env is not used by service_config/);
});

test('environment: variable set for the job but never read fails', async () => {
  const errors = await errorsAfter(rules.environment, [[TF, 'ALIKE_EVENTS = "gs://b/events/"', 'ALIKE_EVENTS = "x"\n    ALIKE_EXTRA = "y"']]);
  assertOneError(errors, /job: local\.job_env sets ALIKE_EXTRA, which the code under .* never reads/);
});

test('environment: a literal only in a comment is not a read', async () => {
  const errors = await errorsAfter(rules.environment, [[TF, 'ALIKE_EVENTS = "gs://b/events/"', 'ALIKE_EVENTS = "x"\n    ALIKE_NOT_READ = "y"']]);
  assertOneError(errors, /sets ALIKE_NOT_READ, which the code/);
});

test('environment: missing job code fails clearly', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tfcheck-'));
  try {
    await cp(ok, dir, { recursive: true });
    await rm(path.join(dir, 'src/main/java/dev/alike/cli'), { recursive: true });
    const errors = rules.environment(await loadProject(dir)).errors;
    assert.ok(errors.some((e) => /no Java sources under src\/main\/java\/dev\/alike\/cli\//.test(e)), errors.join('\n'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('environment: function env not taken from local.function_env fails', async () => {
  const errors = await errorsAfter(rules.environment, [
    [TF, '{ for k, v in local.function_env : k => v if v != null }', '{ ALIKE_STORE = "x" }'],
  ]);
  assert.ok(errors.some((e) => /environment_variables does not come from local\.function_env/.test(e)), errors.join('\n'));
});

test('ttlFields: a TTL on another field than the markers expire by fails', async () => {
  const errors = await errorsAfter(rules.ttlFields, [[TF, 'field      = "expireAt"', 'field      = "createdAt"']]);
  assertOneError(errors, /TTL on alike_updates\.createdAt, but the markers expire by alike_updates\.expireAt/);
});

test('ttlFields: markers written but no TTL field fails', async () => {
  const errors = await errorsAfter(rules.ttlFields, [[TF, '  ttl_config {}\n', '']]);
  assertOneError(errors, /expected one google_firestore_field with ttl_config for alike_updates\.expireAt, found 0/);
});

test('environment: a second function without the token secrets passes', async () => {
  const errors = await errorsAfter(rules.environment, [[TF, 'resource "google_cloudfunctions2_function" "f" {', 'resource "google_cloudfunctions2_function" "push" {\n  build_config {\n    entry_point = "dev.alike.function.Other"\n  }\n  service_config {\n    environment_variables = { for k, v in local.function_env : k => v }\n  }\n}\n\nresource "google_cloudfunctions2_function" "f" {']]);
  assert.deepEqual(errors, []);
});

test('indexExemptions: field in the code but not exempted fails', async () => {
  const errors = await errorsAfter(rules.indexExemptions, [[LAYOUT, '"profiles.scores",', '"profiles.scores", "skus.reverse",']]);
  assertOneError(errors, /store writes skus\.reverse .* but terraform does not exempt it/);
});

test('indexExemptions: exemption the code does not list fails', async () => {
  const errors = await errorsAfter(rules.indexExemptions, [[TF, '["skus.similar", "profiles.scores"]', '["skus.similar", "profiles.scores", "x.y"]']]);
  assertOneError(errors, /terraform exempts x\.y, which is not in INDEX_EXEMPT_FIELDS/);
});

test('indexExemptions: a field config that keeps indexes fails', async () => {
  const errors = await errorsAfter(rules.indexExemptions, [
    [TF, 'index_config {}', 'index_config {\n    indexes {\n      order = "ASCENDING"\n    }\n  }'],
  ]);
  assertOneError(errors, /index_config must be an empty block/);
});

test('indexExemptions: missing FirestoreLayout constant fails clearly', async () => {
  const errors = await errorsAfter(rules.indexExemptions, [[LAYOUT, 'INDEX_EXEMPT_FIELDS', 'OTHER_FIELDS']]);
  assertOneError(errors, /declares no INDEX_EXEMPT_FIELDS/);
});

test('variables: declared but unused variable fails (its own validation is no use)', async () => {
  const errors = await errorsAfter(rules.variables, [[TF, 'image = var.image', 'image = "fixed"']]);
  assertOneError(errors, /variable "image" is declared but never used/);
});

test('variables: used but undeclared variable fails', async () => {
  const errors = await errorsAfter(rules.variables, [[TF, 'name = "s"', 'name = var.scheduler_name']]);
  assertOneError(errors, /var\.scheduler_name is used but not declared/);
});

test('variables: unused local fails', async () => {
  const errors = await errorsAfter(rules.variables, [[TF, 'locals {', 'locals {\n  spare = 1']]);
  assertOneError(errors, /local "spare" is defined but never used/);
});

test('leastPrivilege: a primitive role fails', async () => {
  const errors = await errorsAfter(rules.leastPrivilege, [[TF, 'roles/datastore.viewer', 'roles/editor']]);
  assertOneError(errors, /primitive role roles\/editor/);
});

test('leastPrivilege: the default compute service account fails', async () => {
  const errors = await errorsAfter(rules.leastPrivilege, [
    [TF, 'member  = google_service_account.fn.member', 'member  = "serviceAccount:123-compute@developer.gserviceaccount.com"'],
  ]);
  assertOneError(errors, /default compute service account/);
});

test('leastPrivilege: a job without its own service account fails', async () => {
  const errors = await errorsAfter(rules.leastPrivilege, [[TF, 'service_account = google_service_account.fn.email\n      containers', 'containers']]);
  assertOneError(errors, /google_cloud_run_v2_job\.j: template\.template\.service_account is not set/);
});

test('leastPrivilege: authoritative project IAM fails', async () => {
  const errors = await errorsAfter(rules.leastPrivilege, [
    [TF, 'resource "google_project_iam_member" "fn"', 'resource "google_project_iam_binding" "fn"'],
  ]);
  assertOneError(errors, /google_project_iam_binding is authoritative/);
});

test('cloudBuild: undeclared substitution fails', async () => {
  const errors = await errorsAfter(rules.cloudBuild, [['cloudbuild.yaml', '${_REGION}-docker', '${_ZONE}-docker']]);
  assert.ok(errors.some((e) => /uses _ZONE but does not declare it/.test(e)), errors.join('\n'));
});

test('cloudBuild: -var of an undeclared terraform variable fails', async () => {
  const errors = await errorsAfter(rules.cloudBuild, [['cloudbuild.yaml', '-var=image=', '-var=img=']]);
  assertOneError(errors, /passes -var img=\.\.\., which terraform does not declare/);
});

test('load: HCL syntax errors are reported, not ignored', async () => {
  await assert.rejects(
    errorsAfter(rules.variables, [[TF, 'locals {', 'locals {{']]),
    /parse config|Invalid|Argument/,
  );
});
