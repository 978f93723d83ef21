// Issue 29's findings, each planted back into a copy of terraform/: the rule meant to catch it fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { providerSchema } from '../lib/provider-rules.mjs';
import * as cloud from '../lib/cloud-rules.mjs';
import { loadProject } from '../lib/load.mjs';
import { errorsAfterInProject, repoRoot } from '../test-support/fixture.mjs';

const has = (errors, pattern) => assert.ok(errors.some((e) => pattern.test(e)), `no error matching ${pattern}: ${JSON.stringify(errors)}`);

test('the project passes every findings rule', async () => {
  const project = await loadProject(repoRoot);
  for (const rule of [providerSchema, ...cloud.CLOUD_RULES]) assert.deepEqual(rule(project).errors, [], rule.name);
});

test('finding 1: text_config (provider 7.23+) fails the schema check', async () => {
  const errors = await errorsAfterInProject(providerSchema, [['terraform/events.tf', '    max_bytes    = 100000000\n', '    max_bytes    = 100000000\n    text_config {}\n']]);
  has(errors, /events_to_storage \(provider 6\.14\.0\)\.cloud_storage_config: unknown argument or block "text_config"/);
  has(errors, /provider 6\.50\.0/);
});

test('finding 2: the push function without available_cpu fails', async () => {
  has(await errorsAfterInProject(cloud.concurrencyNeedsCpu, [['terraform/events.tf', '    available_cpu = "1"\n', '']]), /events_push: max_instance_request_concurrency 10 with available_cpu \(unset/);
  has(await errorsAfterInProject(cloud.concurrencyNeedsCpu, [['terraform/function.tf', 'var.function_concurrency <= 1 ||', 'true ||']]), /recommend: no precondition compares var\.function_concurrency and var\.function_cpu/);
});

test('finding 4: a deployer without Pub/Sub or Secret Manager roles fails', async () => {
  const errors = await errorsAfterInProject(cloud.deployerCoversTypes, [['terraform/deployer.tf', '    "roles/pubsub.admin",\n', ''], ['terraform/deployer.tf', '    "roles/secretmanager.admin",\n', '']]);
  has(errors, /google_pubsub_subscription: the deployer lacks roles\/pubsub\.admin/);
  has(errors, /google_secret_manager_secret_version: the deployer lacks roles\/secretmanager\.admin/);
});

test('finding 4: a deployer without BigQuery admin for the GA4 export fails', async () => {
  const errors = await errorsAfterInProject(cloud.deployerCoversTypes, [['terraform/deployer.tf', '    "roles/bigquery.admin",\n', '']]);
  has(errors, /google_bigquery_data_transfer_config: the deployer lacks roles\/bigquery\.admin/);
  has(errors, /google_bigquery_dataset_iam_member: the deployer lacks roles\/bigquery\.admin/);
});

test('finding 5: Dataflow without bucket read, with retries, uncapped or unawaited fails', async () => {
  has(await errorsAfterInProject(cloud.dataflowLaunch, [['terraform/dataflow.tf', 'roles/storage.legacyBucketReader', 'roles/storage.objectViewer']]), /no bucket-level role with storage\.buckets\.get/);
  has(await errorsAfterInProject(cloud.dataflowLaunch, [['terraform/job.tf', 'local.dataflow ? 0 : var.job_max_retries', 'var.job_max_retries']]), /max_retries is not 0 under build_engine = dataflow/);
  has(await errorsAfterInProject(cloud.dataflowLaunch, [['terraform/dataflow.tf', '"--dataflowServiceOptions=max_workflow_runtime_walltime_seconds=${local.dataflow_walltime_s}",', '']]), /does not cap the pipeline/);
  has(await errorsAfterInProject(cloud.dataflowLaunch, [['terraform/main.tf', ', google_project_service.dataflow]', ']']]), /google_project_service\.dataflow is not in time_sleep\.apis_ready's depends_on/);
});

test('finding 6: a 20-character name_prefix fails the account id length', async () => {
  has(await errorsAfterInProject(cloud.accountIdLength, [['terraform/variables.tf', '{2,16}', '{2,18}']]), /events_push: account_id .* is 32 characters/);
});

test('finding 7: the Cloud Storage subscription without the wait fails', async () => {
  has(await errorsAfterInProject(cloud.storageSubscriptionWaits, [['terraform/events.tf', 'depends_on = [time_sleep.pubsub_bucket_grants]', 'depends_on = [google_storage_bucket_iam_member.pubsub_writes_events]']]), /events_to_storage does not depend_on a time_sleep/);
});

test('finding 8: a database whose location follows region fails', async () => {
  has(await errorsAfterInProject(cloud.firestoreStays, [['terraform/firestore.tf', 'ignore_changes = [location_id]', 'ignore_changes = []']]), /location_id is not in lifecycle\.ignore_changes/);
});

test('finding 9: project-wide objectAdmin, gcf-artifacts images or topic retention fail', async () => {
  has(await errorsAfterInProject(cloud.scopedBuildAndRetention, [['terraform/iam.tf', '  condition {\n    title      = "function-sources-only"\n    expression = local.function_build_storage_condition\n  }\n', '']]), /function_build_sources: roles\/storage\.objectAdmin on the whole project/);
  has(await errorsAfterInProject(cloud.scopedBuildAndRetention, [['terraform/function.tf', '    docker_repository = google_artifact_registry_repository.function_images.id\n', '']]), /recommend: build_config\.docker_repository/);
  has(await errorsAfterInProject(cloud.scopedBuildAndRetention, [['terraform/events.tf', '  name       = local.events_topic_name\n', '  name       = local.events_topic_name\n  message_retention_duration = "604800s"\n']]), /google_pubsub_topic\.events: message_retention_duration/);
});

test('issue 32: answers among the events, a public report bucket or two placements objects fail', async () => {
  has(await errorsAfterInProject(cloud.experimentsPrivate, [['terraform/experiments.tf', '  default     = "answers/"', '  default     = "events/answers/"']]), /ALIKE_ANSWERS .*\/events\/answers\/ overlaps ALIKE_EVENTS/);
  has(await errorsAfterInProject(cloud.experimentsPrivate, [['terraform/experiments.tf', '!startswith(var.answers_prefix, var.events_prefix) && !startswith(var.events_prefix, var.answers_prefix)', 'true']]), /answers_to_storage: no precondition compares var\.answers_prefix with var\.events_prefix/);
  const artifacts = 'resource "google_storage_bucket" "artifacts" {\n  name                        = local.artifacts_bucket\n  location                    = var.region\n  uniform_bucket_level_access = true\n  public_access_prevention    = "enforced"';
  has(await errorsAfterInProject(cloud.experimentsPrivate, [['terraform/storage.tf', artifacts, artifacts.replace('"enforced"', '"inherited"')]]), /google_storage_bucket\.artifacts: public_access_prevention is not "enforced"/);
  has(await errorsAfterInProject(cloud.experimentsPrivate, [['terraform/job.tf', 'ALIKE_PLACEMENTS        = var.placements', 'ALIKE_PLACEMENTS        = "gs://other/p.json"']]), /the job's ALIKE_PLACEMENTS \(gs:\/\/other\/p\.json\) is not the function's/);
});
