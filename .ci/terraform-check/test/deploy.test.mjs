// The deployment rules (lib/deploy.mjs): each passes on fixtures/ok and fails on a copy with
// exactly one of issue 18's deployment faults put back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject } from '../lib/load.mjs';
import * as deploy from '../lib/deploy.mjs';
import { TF, assertOneError, errorsAfter, ok } from '../test-support/fixture.mjs';

const DEPLOY = 'terraform/deploy.tf';
const CB = 'cloudbuild.yaml';

test('every deployment rule passes on the ok fixture', async () => {
  const project = await loadProject(ok);
  for (const rule of deploy.DEPLOY_RULES) assert.deepEqual(rule(project).errors, [], rule.name);
});

test('apisFirst: serviceusage not enabled fails', async () => {
  const errors = await errorsAfter(deploy.apisFirst, [[DEPLOY, ', "serviceusage.googleapis.com"', '']]);
  assertOneError(errors, /no google_project_service enables serviceusage\.googleapis\.com/);
});

test('apisFirst: other APIs not ordered after the foundation fail', async () => {
  const errors = await errorsAfter(deploy.apisFirst, [[DEPLOY, '  depends_on = [google_project_service.foundation]\n', '']]);
  assertOneError(errors, /google_project_service\.apis does not depend_on the foundation APIs/);
});

test('propagationWaits: a resource depending on the APIs directly fails', async () => {
  const errors = await errorsAfter(deploy.propagationWaits, [[DEPLOY, 'depends_on = [time_sleep.apis_ready]\n}\n\nresource "google_artifact', 'depends_on = [google_project_service.apis]\n}\n\nresource "google_artifact']]);
  assertOneError(errors, /google_firestore_database\.store depends_on google_project_service\.apis directly/);
});

test('propagationWaits: no wait after the IAM grants fails', async () => {
  const errors = await errorsAfter(deploy.propagationWaits, [[DEPLOY, 'depends_on      = [google_project_iam_member.fn]', 'depends_on      = []']]);
  assert.ok(errors.some((e) => /no time_sleep depends_on the IAM grants/.test(e)), errors.join('\n'));
});

test('propagationWaits: a wait too short to matter fails', async () => {
  const errors = await errorsAfter(deploy.propagationWaits, [[DEPLOY, 'create_duration = "60s"\n  depends_on      = [google_project_service.apis]', 'create_duration = "5s"\n  depends_on      = [google_project_service.apis]']]);
  assertOneError(errors, /time_sleep\.apis_ready: create_duration 5s is not a wait of at least 30s/);
});

test('propagationWaits: time provider not pinned fails', async () => {
  const errors = await errorsAfter(deploy.propagationWaits, [[DEPLOY, '      version = "~> 0.13"\n', '']]);
  assertOneError(errors, /does not pin time/);
});

test('settingsSource: no settings fetch (defaults applied silently) fails', async () => {
  const errors = await errorsAfter(deploy.settingsSource, [[CB, 'gcloud storage cp gs://b/settings/${_NAME_PREFIX}.tfvars terraform/terraform.tfvars || exit 1', 'echo using defaults']]);
  assertOneError(errors, /no step copies the settings object/);
});

test('settingsSource: a missing settings object that does not fail the build fails', async () => {
  const errors = await errorsAfter(deploy.settingsSource, [[CB, 'terraform/terraform.tfvars || exit 1', 'terraform/terraform.tfvars || true']]);
  assertOneError(errors, /a missing settings object does not fail the build/);
});

test('settingsSource: apply that does not wait for the settings fails', async () => {
  const errors = await errorsAfter(deploy.settingsSource, [[CB, "waitFor: ['settings', 'push-image']", "waitFor: ['push-image']"]]);
  assertOneError(errors, /step deploy runs terraform apply without waiting for the settings step/);
});

test('settingsSource: the old "committed terraform.tfvars" claim fails', async () => {
  const errors = await errorsAfter(deploy.settingsSource, [[CB, 'substitutions:', '# Settings come from the committed terraform/terraform.tfvars.\nsubstitutions:']]);
  assertOneError(errors, /still says settings come from a committed/);
});

test('statePrefix: a hard-coded backend prefix fails', async () => {
  const errors = await errorsAfter(deploy.statePrefix, [[DEPLOY, 'backend "gcs" {}', 'backend "gcs" {\n    prefix = "alike"\n  }']]);
  assertOneError(errors, /backend "gcs" hard-codes prefix = alike/);
});

test('statePrefix: init without the prefix from _NAME_PREFIX fails', async () => {
  const errors = await errorsAfter(deploy.statePrefix, [[CB, '-backend-config=prefix=${_NAME_PREFIX}', '-backend-config=prefix=alike']]);
  assertOneError(errors, /terraform init does not pass -backend-config=prefix=\$\{_NAME_PREFIX\}/);
});

test('statePrefix: init that may rewrite the lock file fails', async () => {
  const errors = await errorsAfter(deploy.statePrefix, [[CB, 'init -lockfile=readonly', 'init']]);
  assertOneError(errors, /does not use -lockfile=readonly/);
});

test('serialisedDeploys: apply without -lock-timeout fails', async () => {
  const errors = await errorsAfter(deploy.serialisedDeploys, [[CB, 'apply -lock-timeout=20m', 'apply']]);
  assertOneError(errors, /step deploy: terraform apply has no -lock-timeout/);
});

test('serialisedDeploys: apply without deploy_order fails', async () => {
  const errors = await errorsAfter(deploy.serialisedDeploys, [[CB, ' -var=deploy_order=$$(cat order)', '']]);
  assertOneError(errors, /does not pass -var=deploy_order/);
});

test('serialisedDeploys: no guard comparing with the recorded order fails', async () => {
  const errors = await errorsAfter(deploy.serialisedDeploys, [[DEPLOY, 'var.deploy_order == null ? true : var.deploy_order >= local.deployed_order', 'true']]);
  assertOneError(errors, /no terraform_data with a precondition comparing var\.deploy_order/);
});

test('serialisedDeploys: guard reading another state fails', async () => {
  const errors = await errorsAfter(deploy.serialisedDeploys, [[DEPLOY, 'prefix = local.state_prefix', 'prefix = "alike"']]);
  assertOneError(errors, /no data "terraform_remote_state" reading this state/);
});

test('firestoreOptional: a database that is always created fails', async () => {
  const errors = await errorsAfter(deploy.firestoreOptional, [[DEPLOY, '  count      = var.create_firestore_database ? 1 : 0\n', '']]);
  assertOneError(errors, /google_firestore_database\.store has no count on a variable/);
});

test('uploadIgnores: .gcloudignore that uploads .terraform/ fails', async () => {
  const errors = await errorsAfter(deploy.uploadIgnores, [['.gcloudignore', '.terraform/\n', '']]);
  assertOneError(errors, /\.gcloudignore uploads terraform\/\.terraform\/providers/);
});

test('uploadIgnores: .gcloudignore that uploads state backups fails', async () => {
  const errors = await errorsAfter(deploy.uploadIgnores, [['.gcloudignore', '*.tfstate.*\n', '']]);
  assertOneError(errors, /\.gcloudignore uploads terraform\/terraform\.tfstate\.backup/);
});

test('uploadIgnores: a .gitignore that ignores the lock file fails', async () => {
  const errors = await errorsAfter(deploy.uploadIgnores, [['terraform/.gitignore', '.terraform/\n', '.terraform/\n.terraform.lock.hcl\n']]);
  assertOneError(errors, /\.gitignore ignores terraform\/\.terraform\.lock\.hcl/);
});

test('uploadIgnores: a negated pattern keeps the lock file', async () => {
  const errors = await errorsAfter(deploy.uploadIgnores, [['.gcloudignore', '.terraform/\n', '.terraform/\n*.hcl\n!.terraform.lock.hcl\n']]);
  assert.deepEqual(errors, []);
});

test('invokerPinned: function built without USE_JAVA_FF_2 fails', async () => {
  const errors = await errorsAfter(deploy.invokerPinned, [[TF, 'USE_JAVA_FF_2 = "true"', 'OTHER = "true"']]);
  assertOneError(errors, /lacks USE_JAVA_FF_2 = "true"; the buildpack would install invoker 1\.4\.x/);
});

test('invokerPinned: tests on another invoker line fail', async () => {
  const errors = await errorsAfter(deploy.invokerPinned, [['pom.xml', '<invoker.version>2.0.0<', '<invoker.version>1.4.1<']]);
  assertOneError(errors, /tests run invoker 1\.4\.1, production runs the buildpack's 2\.0\.1/);
});

test('retention: images without a cleanup policy fail', async () => {
  const errors = await errorsAfter(deploy.retention, [[DEPLOY, 'action = "DELETE"', 'action = "KEEP"']]);
  assertOneError(errors, /no DELETE cleanup policy with condition\.older_than/);
});

test('retention: cleanup only simulated fails', async () => {
  const errors = await errorsAfter(deploy.retention, [[DEPLOY, 'cleanup_policy_dry_run = false', 'cleanup_policy_dry_run = true']]);
  assertOneError(errors, /cleanup_policy_dry_run is not false/);
});

test('retention: source zips kept forever fail', async () => {
  const errors = await errorsAfter(deploy.retention, [[DEPLOY, 'matches_prefix = ["function-source/"]', 'matches_prefix = ["reports/"]']]);
  assertOneError(errors, /no bucket lifecycle_rule deletes old function-source\/ zips/);
});

test('retention: state bucket without a versioning check fails', async () => {
  const errors = await errorsAfter(deploy.retention, [[DEPLOY, 'condition     = try(self.versioning[0].enabled, false)', 'condition     = true']]);
  assertOneError(errors, /no data "google_storage_bucket" on local\.state_bucket with a postcondition on versioning/);
});

test('deployerStorage: project-level storage role for the deployer fails', async () => {
  const errors = await errorsAfter(deploy.deployerStorage, [[DEPLOY, '    "roles/run.admin",\n', '    "roles/run.admin",\n    "roles/storage.admin",\n']]);
  assertOneError(errors, /the deployer holds roles\/storage\.admin on the whole project/);
});

test('deployerStorage: no bucket-level grant fails', async () => {
  const errors = await errorsAfter(deploy.deployerStorage, [[DEPLOY, 'resource "google_storage_bucket_iam_member" "deployer"', 'resource "google_storage_bucket_iam_member" "other"'], [DEPLOY, 'role   = "roles/storage.admin"\n  member = google_service_account.deployer.member', 'role   = "roles/storage.admin"\n  member = google_service_account.fn.member']]);
  assertOneError(errors, /no google_storage_bucket_iam_member grants the deployer/);
});

test('ignored: patterns match as gcloudignore/gitignore do for these cases', () => {
  assert.equal(deploy.ignored('.terraform/', 'terraform/.terraform/x'), true);
  assert.equal(deploy.ignored('.terraform/', 'terraform/.terraform.lock.hcl'), false);
  assert.equal(deploy.ignored('*.tfstate', 'terraform/terraform.tfstate'), true);
  assert.equal(deploy.ignored('*.tfstate', 'terraform/terraform.tfstate.backup'), false);
  assert.equal(deploy.ignored('/terraform/terraform.tfvars', 'terraform/terraform.tfvars'), true);
  assert.equal(deploy.ignored('terraform/terraform.tfvars', 'x/terraform/terraform.tfvars'), false);
  assert.equal(deploy.ignored('.terraform*', 'terraform/.terraform.lock.hcl'), true);
});

test('imagesBuilt: an image passed to terraform that no earlier step pushes fails', async () => {
  const errors = await errorsAfter(deploy.imagesBuilt, [[CB, "waitFor: ['settings', 'push-image']", "waitFor: ['settings']"]]);
  assertOneError(errors, /step deploy passes -var=image=\$\{_REGION\}-docker\.pkg\.dev\/x, but no step it waits for pushes that image/);
});
