// Rules for what Google Cloud itself would refuse or regret at apply time (issue 29's findings
// 2 and 4-9; finding 1 is providerSchema's). Same shape as rules.mjs: { rule, checked, errors }.
import { Evaluator, Unknown } from './evaluate.mjs';
const blocksOf = (p, kind, type) =>
  Object.entries(p.terraform.config[kind]?.[type] ?? {}).flatMap(([name, blocks]) =>
    blocks.map((block) => ({ address: `${kind === 'data' ? 'data.' : ''}${type}.${name}`, block })),
  );
const resources = (p, type) => blocksOf(p, 'resource', type);
const locals = (p) => Object.assign({}, ...(p.terraform.config.locals ?? []));
const first = (list) => (Array.isArray(list) ? list[0] : list);
const deps = (block) => (block.depends_on ?? []).map((d) => String(d).replace(/^\$\{|\}$/g, ''));
const text = (v) => JSON.stringify(v ?? '');
const result = (rule) => ({ rule, checked: [], errors: [] });

/** A literal, or a variable's default for "${var.x}"; undefined otherwise. */
function valueOf(p, v) {
  const m = /^\$\{var\.([A-Za-z0-9_]+)\}$/.exec(String(v ?? ''));
  if (!m) return v;
  return first(p.terraform.config.variable?.[m[1]])?.default;
}

/** Finding 2: Cloud Run allows concurrency above 1 only with at least 1 vCPU. */
export function concurrencyNeedsCpu(p) {
  const out = result('function concurrency above 1 has at least 1 vCPU');
  for (const { address, block } of resources(p, 'google_cloudfunctions2_function')) {
    const sc = first(block.service_config) ?? {};
    const concurrency = Number(valueOf(p, sc.max_instance_request_concurrency) ?? 1);
    const cpu = valueOf(p, sc.available_cpu);
    out.checked.push(`${address}: concurrency ${sc.max_instance_request_concurrency ?? 1}, cpu ${sc.available_cpu ?? '(unset)'}`);
    if (concurrency > 1 && !(Number(cpu) >= 1)) out.errors.push(`${address}: max_instance_request_concurrency ${concurrency} with available_cpu ${cpu ?? '(unset: below 1 vCPU)'}; Cloud Run needs at least 1 vCPU for concurrency above 1`);
    const vars = [sc.max_instance_request_concurrency, sc.available_cpu].map((v) => /^\$\{var\.([A-Za-z0-9_]+)\}$/.exec(String(v ?? ''))?.[1]).filter(Boolean);
    if (vars.length > 0) {
      const guarded = (block.lifecycle ?? []).some((l) => (l.precondition ?? []).some((c) => vars.every((v) => text(c.condition).includes(`var.${v}`))));
      if (!guarded) out.errors.push(`${address}: no precondition compares ${vars.map((v) => `var.${v}`).join(' and ')} (concurrency above 1 needs 1 vCPU)`);
    }
  }
  return out;
}

// Which deployer role reads and manages each resource type (a refresh reads every resource).
const DEPLOYER_ROLE = [
  [/^google_project_service$/, 'roles/serviceusage.serviceUsageAdmin'],
  [/^google_service_account(_iam_member)?$/, 'roles/iam.serviceAccountAdmin'],
  [/^google_project(_iam_member)?$/, 'roles/resourcemanager.projectIamAdmin'],
  [/^google_storage_bucket(_iam_member)?$/, 'storage.admin on the bucket'],
  [/^google_artifact_registry_/, 'roles/artifactregistry.admin'],
  [/^google_cloudfunctions2_/, 'roles/cloudfunctions.admin'],
  [/^google_cloud_run_v2_/, 'roles/run.admin'],
  [/^google_cloud_scheduler_/, 'roles/cloudscheduler.admin'],
  [/^google_firestore_/, 'roles/datastore.owner'],
  [/^google_pubsub_/, 'roles/pubsub.admin'],
  [/^google_secret_manager_/, 'roles/secretmanager.admin'],
  [/^google_bigquery_(data_transfer_config|dataset_iam_member)$/, 'roles/bigquery.admin'],
];

/** Finding 4: the deployer holds a role for every google_* type it applies. */
export function deployerCoversTypes(p) {
  const out = result('deployer holds a role for every resource type');
  const roles = text(locals(p).deployer_roles);
  if (!/roles\//.test(roles)) return out; // no deployer (create_deployer handled by deployerStorage)
  const types = new Set(['resource', 'data'].flatMap((k) => Object.keys(p.terraform.config[k] ?? {})).filter((t) => t.startsWith('google_')));
  for (const type of [...types].sort()) {
    const role = DEPLOYER_ROLE.find(([re]) => re.test(type))?.[1];
    if (!role) out.errors.push(`${type}: no deployer role known for it (add it to DEPLOYER_ROLE in lib/cloud-rules.mjs and to local.deployer_roles)`);
    else if (role.startsWith('roles/') && !new RegExp(`${role.replaceAll('.', '\\.')}(?![A-Za-z.])`).test(roles)) out.errors.push(`${type}: the deployer lacks ${role}, so every Cloud Build deploy after the first fails to refresh it`);
    else out.checked.push(`${type}: ${role}`);
  }
  return out;
}

/** Finding 5: the Dataflow launch reads its temp bucket, never runs twice, waits for its API. */
export function dataflowLaunch(p) {
  const out = result('Dataflow launch: temp bucket readable, one pipeline at a time, API awaited');
  const job = resources(p, 'google_cloud_run_v2_job');
  const dataflowArgs = text(locals(p).dataflow_args);
  if (!/DataflowRunner/.test(dataflowArgs)) return out;
  if (!/tempLocation=gs:\/\/\$\{google_storage_bucket\.([a-z_]+)\.name\}/.test(dataflowArgs)) out.errors.push('local.dataflow_args has no --tempLocation in a managed bucket');
  const tempBucket = /tempLocation=gs:\/\/\$\{google_storage_bucket\.([a-z_]+)\.name\}/.exec(dataflowArgs)?.[1];
  const bucketGets = resources(p, 'google_storage_bucket_iam_member').filter(({ block }) =>
    text(block.bucket).includes(`google_storage_bucket.${tempBucket}.name`) && /legacyBucketReader|storage\.admin|legacyBucketOwner/.test(text(block.role)) && !block.condition && /google_service_account\.job\.member/.test(text(block)));
  if (bucketGets.length === 0) out.errors.push(`the job account has no bucket-level role with storage.buckets.get on the temp bucket ${tempBucket} (Beam checks it before launching)`);
  if (!/max_workflow_runtime_walltime_seconds/.test(dataflowArgs)) out.errors.push('local.dataflow_args does not cap the pipeline (--dataflowServiceOptions=max_workflow_runtime_walltime_seconds): a launcher killed at its timeout leaves it running');
  for (const { address, block } of job) {
    const retries = text(first(first(block.template)?.template)?.max_retries);
    if (!/local\.dataflow \? 0/.test(retries)) out.errors.push(`${address}: max_retries is not 0 under build_engine = dataflow (${retries}): a retry starts a second pipeline`);
  }
  const apiWait = resources(p, 'time_sleep').find(({ block }) => deps(block).some((d) => /^google_project_service\./.test(d)));
  for (const { address } of resources(p, 'google_project_service')) {
    if (apiWait && !deps(apiWait.block).includes(address)) out.errors.push(`${address} is not in ${apiWait.address}'s depends_on: nothing waits for it`);
  }
  for (const { address, block } of resources(p, 'google_service_account')) {
    if (apiWait && !deps(block).includes(apiWait.address)) out.errors.push(`${address} does not depend_on ${apiWait.address}`);
  }
  out.checked.push(`temp bucket ${tempBucket}; bucket reads [${bucketGets.map((g) => g.address).join(', ')}]`);
  return out;
}

/** Finding 6: every account id fits 30 characters with the longest name_prefix allowed. */
export function accountIdLength(p) {
  const out = result('service account ids fit 30 characters');
  const validation = text(first(p.terraform.config.variable?.name_prefix)?.validation);
  const m = /\^\[[^\]]+\]\[[^\]]+\]\{(\d+),(\d+)\}\[[^\]]+\]\$/.exec(validation);
  if (!m) {
    out.errors.push('variable name_prefix has no validation regex of the form ^[x][y]{a,b}[z]$ bounding its length');
    return out;
  }
  const maxPrefix = Number(m[2]) + 2;
  for (const { address, block } of resources(p, 'google_service_account')) {
    const suffix = /^\$\{var\.name_prefix\}(.*)$/.exec(String(block.account_id ?? ''))?.[1];
    if (suffix === undefined) out.errors.push(`${address}: account_id ${block.account_id} is not "\${var.name_prefix}-..."`);
    else if (maxPrefix + suffix.length > 30) out.errors.push(`${address}: account_id "\${var.name_prefix}${suffix}" is ${maxPrefix + suffix.length} characters with a ${maxPrefix}-character name_prefix; the limit is 30`);
    else out.checked.push(`${address}: at most ${maxPrefix + suffix.length}`);
  }
  return out;
}

/** Finding 7: the Cloud Storage subscription waits for its bucket grants to propagate. */
export function storageSubscriptionWaits(p) {
  const out = result('Cloud Storage subscription created after its grants propagate');
  const waits = resources(p, 'time_sleep').filter(({ block }) => deps(block).some((d) => /^google_storage_bucket_iam_member\./.test(d))).map((w) => w.address);
  for (const { address, block } of resources(p, 'google_pubsub_subscription').filter(({ block }) => block.cloud_storage_config)) {
    if (!deps(block).some((d) => waits.includes(d))) out.errors.push(`${address} does not depend_on a time_sleep after the bucket grants (${waits.join(', ') || 'none'})`);
    else out.checked.push(`${address} after ${deps(block).join(', ')}`);
  }
  return out;
}

/** Finding 8: a changed region or firestore_location never plans a replacement of the database. */
export function firestoreStays(p) {
  const out = result('Firestore database never replaced by a location change');
  for (const { address, block } of resources(p, 'google_firestore_database')) {
    const ignored = (block.lifecycle ?? []).flatMap((l) => l.ignore_changes ?? []).map(String);
    if (!ignored.some((i) => /location_id/.test(i))) out.errors.push(`${address}: location_id is not in lifecycle.ignore_changes; changing region would replace (delete) the database`);
    else out.checked.push(`${address} ignores location_id`);
  }
  return out;
}

/** Finding 9: no unconditional project-wide storage or Artifact Registry role; function images in
 * a repository with cleanup policies; topics keep no second copy of their messages. */
export function scopedBuildAndRetention(p) {
  const out = result('no project-wide storage/registry roles, function images cleaned up, no topic retention');
  for (const { address, block } of resources(p, 'google_project_iam_member')) {
    if (/roles\/(storage|artifactregistry)\./.test(text(block.role)) && !block.condition) out.errors.push(`${address}: ${block.role} on the whole project without a condition (it reaches the state bucket and every image)`);
  }
  for (const { address, block } of resources(p, 'google_cloudfunctions2_function')) {
    const repo = first(block.build_config)?.docker_repository;
    if (!/google_artifact_registry_repository\.[a-z_]+\.id/.test(String(repo ?? ''))) out.errors.push(`${address}: build_config.docker_repository is not a repository managed here; its images go to gcf-artifacts, which no cleanup policy covers`);
  }
  for (const { address, block } of resources(p, 'google_pubsub_topic')) {
    if ('message_retention_duration' in block) out.errors.push(`${address}: message_retention_duration keeps (and bills) every message again on top of its subscriptions`);
  }
  out.checked.push('project IAM, function image repositories, topic retention');
  return out;
}

/**
 * Experiments (issue 32): the job reads the answers from outside its events prefix, and the
 * subscription writing them refuses an overlapping prefix; the report goes to a bucket that is
 * never public; the job builds from the same placements object the function serves.
 */
export function experimentsPrivate(p) {
  const out = result('answers outside the events, experiment reports private, one placements object');
  const { job_env: job, function_env: fn } = locals(p);
  if (!job || !('ALIKE_EXPERIMENT_REPORT' in job)) {
    out.checked.push('no ALIKE_EXPERIMENT_REPORT in local.job_env: nothing to check');
    return out;
  }
  const ev = new Evaluator(p.terraform.config, { project_id: 'p', placements: 'gs://placements-bucket/placements.json' });
  const str = (v) => (v instanceof Unknown ? v.toString() : v);
  const events = str(ev.value(job.ALIKE_EVENTS));
  const answers = str(ev.value(job.ALIKE_ANSWERS));
  if (typeof answers !== 'string') out.errors.push('local.job_env sets ALIKE_EXPERIMENT_REPORT without ALIKE_ANSWERS');
  else if (answers.startsWith(events) || events.startsWith(answers)) out.errors.push(`ALIKE_ANSWERS ${answers} overlaps ALIKE_EVENTS ${events} (defaults): every build would read the answers as events`);
  else out.checked.push(`ALIKE_ANSWERS ${answers} outside ALIKE_EVENTS ${events}`);
  const prefixVar = /\$\{var\.([A-Za-z0-9_]+)\}/.exec(String(job.ALIKE_ANSWERS ?? ''))?.[1];
  for (const { address, block } of resources(p, 'google_pubsub_subscription')) {
    const prefix = String(first(block.cloud_storage_config)?.filename_prefix ?? '');
    if (!prefixVar || !prefix.includes(`var.${prefixVar}`)) continue;
    const guarded = (block.lifecycle ?? []).some((l) => (l.precondition ?? []).some((c) => text(c.condition).includes(`var.${prefixVar}`) && text(c.condition).includes('var.events_prefix')));
    if (!guarded) out.errors.push(`${address}: no precondition compares var.${prefixVar} with var.events_prefix (a setting could put the answers among the events)`);
    else out.checked.push(`${address}: var.${prefixVar} checked against var.events_prefix`);
  }
  const bucket = /^gs:\/\/\$\{google_storage_bucket\.([a-z_]+)\.name\}\//.exec(String(job.ALIKE_EXPERIMENT_REPORT))?.[1];
  const declared = resources(p, 'google_storage_bucket').find(({ address }) => address === `google_storage_bucket.${bucket}`);
  if (!declared) out.errors.push(`ALIKE_EXPERIMENT_REPORT ${job.ALIKE_EXPERIMENT_REPORT} is not in a bucket managed here`);
  else if (declared.block.public_access_prevention !== 'enforced') out.errors.push(`${declared.address}: public_access_prevention is not "enforced"; the experiment dashboard must never be public`);
  else out.checked.push(`${declared.address}: public access prevented`);
  for (const type of ['google_storage_bucket_iam_member', 'google_storage_bucket_iam_binding']) {
    for (const { address, block } of resources(p, type)) {
      if (/allUsers|allAuthenticatedUsers/.test(text(block.member ?? block.members)) && text(block.bucket).includes(`google_storage_bucket.${bucket}.`)) out.errors.push(`${address}: grants ${bucket} to everyone`);
    }
  }
  const placements = [job, fn ?? {}].map((env) => str(ev.value(env.ALIKE_PLACEMENTS ?? null)));
  if (placements[0] !== placements[1]) out.errors.push(`the job's ALIKE_PLACEMENTS (${placements[0]}) is not the function's (${placements[1]}): the job would build other variants than the function serves`);
  else out.checked.push(`ALIKE_PLACEMENTS the same for the job and the function (${placements[0]})`);
  return out;
}

export const CLOUD_RULES = [concurrencyNeedsCpu, deployerCoversTypes, dataflowLaunch, accountIdLength, storageSubscriptionWaits, firestoreStays, scopedBuildAndRetention, experimentsPrivate];
