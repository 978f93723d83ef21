// Rules that keep the deployment applying on a fresh project (issue 18): each one guards one
// thing that broke or misbehaved before. Same shape as rules.mjs: { rule, checked, errors }.
import { ignored } from './ignore.mjs';

export { ignored };

/** The buildpack's Functions Framework 2.x version (GoogleCloudPlatform/buildpacks
 * cmd/java/functions_framework/lib/lib.go, v2FrameworkVersion, installed when USE_JAVA_FF_2 is
 * true). Update it when the buildpack moves. */
export const BUILDPACK_V2_INVOKER = '2.0.1';
export const FOUNDATION_APIS = ['cloudresourcemanager.googleapis.com', 'serviceusage.googleapis.com'];

const blocksOf = (p, kind, type) =>
  Object.entries(p.terraform.config[kind]?.[type] ?? {}).flatMap(([name, blocks]) =>
    blocks.map((block) => ({ address: `${kind === 'data' ? 'data.' : ''}${type}.${name}`, block })),
  );
const resources = (p, type) => blocksOf(p, 'resource', type);
const allResources = (p) => Object.keys(p.terraform.config.resource ?? {}).flatMap((type) => resources(p, type));
const locals = (p) => Object.assign({}, ...(p.terraform.config.locals ?? []));
const first = (list) => (Array.isArray(list) ? list[0] : list);
const deps = (block) => (block.depends_on ?? []).map((d) => String(d).replace(/^\$\{|\}$/g, ''));
const text = (v) => JSON.stringify(v ?? '');
const result = (rule) => ({ rule, checked: [], errors: [] });

/** cloudbuild.yaml steps as { id, index, waitFor, script }: args joined, line continuations undone. */
export function cloudBuildSteps(p) {
  const steps = p.cloudbuildYaml?.steps ?? [];
  return steps.map((s, index) => ({
    id: s.id ?? `#${index}`,
    index,
    waitFor: s.waitFor,
    script: [s.entrypoint ?? '', ...(s.args ?? [])].join(' ').replace(/\\\n\s*/g, ' '),
  }));
}

/** Ids of the steps that `step` waits for, directly or not (no waitFor = all earlier steps). */
function before(steps, step) {
  const seen = new Set();
  const visit = (s) => {
    const direct = s.waitFor === undefined ? steps.slice(0, s.index) : s.waitFor.filter((w) => w !== '-').map((w) => steps.find((x) => x.id === w)).filter(Boolean);
    for (const d of direct) if (!seen.has(d.id)) { seen.add(d.id); visit(d); }
  };
  visit(step);
  return seen;
}

/** The terraform command lines (`terraform ... <verb> ...`) of every step. */
const terraformCommands = (steps, verb) =>
  steps.flatMap((s) => s.script.split('\n').filter((l) => new RegExp(`\\bterraform\\b.*\\s${verb}\\b`).test(l)).map((line) => ({ step: s.id, line })));

/** cloudresourcemanager and serviceusage are enabled, and every other API after them. */
export function apisFirst(p) {
  const out = result('foundation APIs enabled first');
  const services = resources(p, 'google_project_service').map((r) => {
    const ref = /local\.([A-Za-z0-9_]+)/.exec(String(r.block.for_each ?? ''))?.[1];
    return { ...r, names: text(r.block.service) + (ref ? text(locals(p)[ref]) : '') };
  });
  const foundation = services.filter((s) => FOUNDATION_APIS.some((api) => s.names.includes(api)));
  for (const api of FOUNDATION_APIS) {
    if (!foundation.some((s) => s.names.includes(api))) out.errors.push(`no google_project_service enables ${api} (a new project's first apply fails with SERVICE_DISABLED)`);
  }
  const foundationAddresses = new Set(foundation.map((s) => s.address));
  for (const s of services) {
    if (foundationAddresses.has(s.address)) continue;
    if (!deps(s.block).some((d) => foundationAddresses.has(d))) out.errors.push(`${s.address} does not depend_on the foundation APIs (${[...foundationAddresses].join(', ') || 'none'})`);
    else out.checked.push(`${s.address} after ${deps(s.block).join(', ')}`);
  }
  return out;
}

/** time_sleep after the APIs and after IAM grants; nothing skips the wait. */
export function propagationWaits(p) {
  const out = result('waits for API and IAM propagation');
  const sleeps = resources(p, 'time_sleep');
  const waitsOn = (re) => sleeps.filter((s) => deps(s.block).some((d) => re.test(d))).map((s) => s.address);
  for (const { address, block } of sleeps) {
    const m = /^(\d+)(s|m)$/.exec(String(block.create_duration ?? ''));
    if (!m || Number(m[1]) * (m[2] === 'm' ? 60 : 1) < 30) out.errors.push(`${address}: create_duration ${block.create_duration ?? '(unset)'} is not a wait of at least 30s`);
  }
  const apiWaits = waitsOn(/^google_project_service\./);
  const iamWaits = waitsOn(/_iam_member\./);
  if (apiWaits.length === 0) out.errors.push('no time_sleep depends_on google_project_service (new APIs answer SERVICE_DISABLED for a while)');
  if (iamWaits.length === 0) out.errors.push('no time_sleep depends_on the IAM grants (a build started before they propagate fails)');
  out.checked.push(`API waits [${apiWaits.join(', ')}]; IAM waits [${iamWaits.join(', ')}]`);
  for (const { address, block } of allResources(p)) {
    if (/^(time_sleep|google_project_service)\./.test(address)) continue;
    for (const d of deps(block)) if (/^google_project_service\./.test(d)) out.errors.push(`${address} depends_on ${d} directly; depend on the wait (${apiWaits.join(', ') || 'a time_sleep'})`);
  }
  for (const type of ['google_cloudfunctions2_function', 'google_cloud_run_v2_job']) {
    for (const { address, block } of resources(p, type)) {
      const d = deps(block);
      if (!d.some((x) => iamWaits.includes(x))) out.errors.push(`${address} does not depend_on the IAM wait (${iamWaits.join(', ') || 'none'})`);
      if (!d.some((x) => apiWaits.includes(x))) out.errors.push(`${address} does not depend_on the API wait (${apiWaits.join(', ') || 'none'})`);
    }
  }
  const time = first(first(p.terraform.config.terraform)?.required_providers)?.time;
  if (time?.source !== 'hashicorp/time' || !time?.version) out.errors.push('required_providers does not pin time = { source = "hashicorp/time", version = ... }');
  else out.checked.push(`hashicorp/time ${time.version}`);
  return out;
}

/** Settings come from one GCS object, fetched before any terraform step, and a missing one fails. */
export function settingsSource(p) {
  const out = result('Terraform settings come from a checked source');
  if (p.cloudbuild === null) {
    out.errors.push('cloudbuild.yaml is missing');
    return out;
  }
  if (/committed\s+`?terraform\/terraform\.tfvars/.test(p.cloudbuild)) out.errors.push('cloudbuild.yaml still says settings come from a committed terraform/terraform.tfvars');
  const steps = cloudBuildSteps(p);
  const fetch = steps.find((s) => /gcloud storage cp\b[^\n]*terraform\/terraform\.tfvars/.test(s.script) || (/gcloud storage cp/.test(s.script) && /terraform\/terraform\.tfvars/.test(s.script)));
  if (!fetch) {
    out.errors.push('no step copies the settings object into terraform/terraform.tfvars (gcloud storage cp gs://.../settings/${_NAME_PREFIX}.tfvars)');
    return out;
  }
  if (!/settings\/\$\{_NAME_PREFIX\}\.tfvars/.test(fetch.script)) out.errors.push(`step ${fetch.id}: the settings object is not named by the name prefix (settings/\${_NAME_PREFIX}.tfvars)`);
  if (!/exit 1/.test(fetch.script)) out.errors.push(`step ${fetch.id}: a missing settings object does not fail the build (exit 1)`);
  for (const { step } of terraformCommands(steps, 'apply')) {
    const s = steps.find((x) => x.id === step);
    if (!before(steps, s).has(fetch.id)) out.errors.push(`step ${step} runs terraform apply without waiting for the settings step ${fetch.id}`);
  }
  out.checked.push(`settings fetched by step ${fetch.id}; terraform apply in [${terraformCommands(steps, 'apply').map((c) => c.step).join(', ')}]`);
  return out;
}

/** The gcs backend prefix is passed at init from the name prefix, never hard-coded. */
export function statePrefix(p) {
  const out = result('state prefix derived from the name prefix');
  const backend = first(first(p.terraform.config.terraform)?.backend?.gcs);
  if (!backend) out.errors.push('no backend "gcs" block in terraform/');
  else if ('prefix' in backend) out.errors.push(`backend "gcs" hard-codes prefix = ${backend.prefix}; pass -backend-config=prefix=\${_NAME_PREFIX} at init`);
  const l = locals(p).state_prefix;
  if (l !== '${var.name_prefix}') out.errors.push(`local.state_prefix is ${l ?? '(unset)'}, not var.name_prefix (the deploy guard reads the state there)`);
  const inits = terraformCommands(cloudBuildSteps(p), 'init');
  if (inits.length === 0) out.errors.push('cloudbuild.yaml runs no terraform init');
  for (const { step, line } of inits) {
    if (!/-backend-config=["']?prefix=\$\{_NAME_PREFIX\}/.test(line)) out.errors.push(`step ${step}: terraform init does not pass -backend-config=prefix=\${_NAME_PREFIX}`);
    if (!/-backend-config=["']?bucket=/.test(line)) out.errors.push(`step ${step}: terraform init does not pass -backend-config=bucket=...`);
    if (!/-lockfile=readonly/.test(line)) out.errors.push(`step ${step}: terraform init does not use -lockfile=readonly (the committed .terraform.lock.hcl pins providers)`);
    out.checked.push(`step ${step}: ${line.trim().replace(/\s+/g, ' ')}`);
  }
  return out;
}

/** Applies wait for the lock and refuse a build older than the one applied. */
export function serialisedDeploys(p) {
  const out = result('deploys serialised and forward-only');
  const applies = terraformCommands(cloudBuildSteps(p), 'apply');
  if (applies.length === 0) out.errors.push('cloudbuild.yaml runs no terraform apply');
  for (const { step, line } of applies) {
    if (!/-lock-timeout=\d+[sm]/.test(line)) out.errors.push(`step ${step}: terraform apply has no -lock-timeout (a concurrent build fails on the state lock instead of waiting)`);
    if (!/-var=["']?deploy_order=/.test(line)) out.errors.push(`step ${step}: terraform apply does not pass -var=deploy_order=...`);
  }
  out.checked.push(`applies in [${applies.map((a) => a.step).join(', ')}]`);
  const guards = resources(p, 'terraform_data').filter(({ block }) =>
    (block.lifecycle ?? []).some((l) => (l.precondition ?? []).some((c) => /var\.deploy_order/.test(text(c.condition)) && /local\.deployed_order|terraform_remote_state/.test(text(c.condition)))),
  );
  if (guards.length === 0) out.errors.push('no terraform_data with a precondition comparing var.deploy_order with the recorded deploy_order');
  const remote = blocksOf(p, 'data', 'terraform_remote_state');
  if (!remote.some(({ block }) => block.backend === 'gcs' && first(block.config)?.prefix === '${local.state_prefix}' && first(block.config)?.bucket === '${local.state_bucket}')) {
    out.errors.push('no data "terraform_remote_state" reading this state (backend gcs, bucket local.state_bucket, prefix local.state_prefix)');
  }
  const output = first(p.terraform.config.output?.deploy_order);
  if (!output || !/terraform_data\./.test(text(output.value))) out.errors.push('no output "deploy_order" recording the applied build (from the terraform_data guard)');
  for (const g of guards) out.checked.push(`guard ${g.address}`);
  return out;
}

/** Creating Firestore's database is optional, for projects that already have (default). */
export function firestoreOptional(p) {
  const out = result('Firestore database creation optional');
  const dbs = resources(p, 'google_firestore_database');
  if (dbs.length === 0) out.errors.push('no google_firestore_database in terraform/');
  for (const { address, block } of dbs) {
    const v = /var\.([A-Za-z0-9_]+)/.exec(String(block.count ?? ''))?.[1];
    if (!v) out.errors.push(`${address} has no count on a variable: it cannot be skipped when (default) already exists`);
    else if (first(p.terraform.config.variable?.[v])?.type !== '${bool}') out.errors.push(`${address}: count uses var.${v}, which is not a bool`);
    else out.checked.push(`${address} count on var.${v}`);
  }
  for (const { address, block } of resources(p, 'google_firestore_field')) {
    if (/google_firestore_database\.[A-Za-z0-9_]+\.name/.test(text(block.database))) out.errors.push(`${address}: database refers to the created database, which does not exist when creation is off`);
  }
  return out;
}

const MUST_IGNORE = ['terraform/.terraform/providers/registry.terraform.io/hashicorp/google/x', 'terraform/terraform.tfstate', 'terraform/terraform.tfstate.backup', 'terraform/terraform.tfvars'];
const MUST_KEEP = 'terraform/.terraform.lock.hcl';

/** Uploads and commits leave out Terraform's working files and keep the lock file. */
export function uploadIgnores(p) {
  const out = result('uploads leave out .terraform/ and state, keep the lock file');
  const gcloud = p.ignores['.gcloudignore'];
  if (gcloud === null) out.errors.push('.gcloudignore is missing: gcloud builds submit would upload terraform/.terraform/ and state');
  for (const f of MUST_IGNORE) if (gcloud !== null && !ignored(gcloud, f)) out.errors.push(`.gcloudignore uploads ${f}`);
  if (ignored(gcloud, MUST_KEEP)) out.errors.push(`.gcloudignore leaves out ${MUST_KEEP}, which pins the providers`);
  const git = (f) => ignored(p.ignores['.gitignore'], f) || ignored(p.ignores['terraform/.gitignore'], f.replace(/^terraform\//, ''));
  for (const f of MUST_IGNORE.slice(0, 3)) if (!git(f)) out.errors.push(`.gitignore does not ignore ${f}`);
  if (git(MUST_KEEP)) out.errors.push(`.gitignore ignores ${MUST_KEEP}; it must be committed`);
  out.checked.push(`ignored: ${MUST_IGNORE.join(', ')}; kept: ${MUST_KEEP}`);
  return out;
}

/** Production runs the buildpack's 2.x invoker, the same line as the tests. */
export function invokerPinned(p) {
  const out = result('function invoker pinned to the tested line');
  for (const { address, block } of resources(p, 'google_cloudfunctions2_function')) {
    const env = first(first(block.build_config)?.environment_variables);
    if (env?.USE_JAVA_FF_2 !== 'true') out.errors.push(`${address}: build_config.environment_variables lacks USE_JAVA_FF_2 = "true"; the buildpack would install invoker 1.4.x`);
  }
  const tested = /<invoker\.version>\s*([^<\s]+)\s*<\/invoker\.version>/.exec(p.pom ?? '')?.[1];
  const line = (v) => v.split('.').slice(0, 2).join('.');
  if (!tested) out.errors.push('pom.xml declares no <invoker.version>');
  else if (line(tested) !== line(BUILDPACK_V2_INVOKER)) out.errors.push(`tests run invoker ${tested}, production runs the buildpack's ${BUILDPACK_V2_INVOKER}: not the same ${line(BUILDPACK_V2_INVOKER)}.x line`);
  out.checked.push(`tests ${tested ?? '?'}; production ${BUILDPACK_V2_INVOKER} (USE_JAVA_FF_2)`);
  return out;
}

/** State bucket versioned; old images and source zips deleted. */
export function retention(p) {
  const out = result('state versioned, old images and zips cleaned up');
  const state = blocksOf(p, 'data', 'google_storage_bucket').filter(({ block }) => block.name === '${local.state_bucket}');
  const checksVersioning = state.some(({ block }) => (block.lifecycle ?? []).some((l) => (l.postcondition ?? []).some((c) => /versioning/.test(text(c.condition)))));
  if (!checksVersioning) out.errors.push('no data "google_storage_bucket" on local.state_bucket with a postcondition on versioning');
  const repos = resources(p, 'google_artifact_registry_repository');
  if (repos.length === 0) out.errors.push('no google_artifact_registry_repository');
  for (const { address, block } of repos) {
    const policies = block.cleanup_policies ?? [];
    if (block.cleanup_policy_dry_run !== false) out.errors.push(`${address}: cleanup_policy_dry_run is not false (policies would only be simulated)`);
    if (!policies.some((c) => c.action === 'DELETE' && first(c.condition)?.older_than)) out.errors.push(`${address}: no DELETE cleanup policy with condition.older_than`);
    if (!policies.some((c) => c.action === 'KEEP' && first(c.most_recent_versions)?.keep_count !== undefined)) out.errors.push(`${address}: no KEEP cleanup policy with most_recent_versions.keep_count (the deployed image must survive)`);
  }
  const zips = resources(p, 'google_storage_bucket').filter(({ block }) =>
    (block.lifecycle_rule ?? []).some((r) => first(r.action)?.type === 'Delete' && (first(r.condition)?.matches_prefix ?? []).includes('function-source/')),
  );
  if (zips.length === 0) out.errors.push('no bucket lifecycle_rule deletes old function-source/ zips');
  out.checked.push(`state bucket check ${state.map((s) => s.address).join(', ') || 'none'}; repositories [${repos.map((r) => r.address).join(', ')}]; zip cleanup in [${zips.map((z) => z.address).join(', ')}]`);
  return out;
}

/** The deployer's storage access is granted per bucket, not on the project. */
export function deployerStorage(p) {
  const out = result('deployer storage scoped to its buckets');
  const projectRoles = text(locals(p).deployer_roles) + resources(p, 'google_project_iam_member').filter(({ block }) => /deployer/.test(text(block.member))).map(({ block }) => text(block.role)).join(' ');
  for (const m of projectRoles.matchAll(/roles\/storage\.[A-Za-z]+/g)) out.errors.push(`the deployer holds ${m[0]} on the whole project; grant it on the buckets it uses`);
  const bucketGrants = resources(p, 'google_storage_bucket_iam_member').filter(({ block }) => /deployer/.test(text(block.member)));
  if (bucketGrants.length === 0) out.errors.push('no google_storage_bucket_iam_member grants the deployer its buckets');
  out.checked.push(`bucket-level deployer grants [${bucketGrants.map((g) => g.address).join(', ')}]`);
  return out;
}

/** Every image an apply passes (-var=...=<registry path>) is pushed by a step the apply waits for. */
export function imagesBuilt(p) {
  const out = result('images passed to terraform are built first');
  const steps = cloudBuildSteps(p);
  for (const { step, line } of terraformCommands(steps, 'apply')) {
    const s = steps.find((x) => x.id === step);
    for (const [, name, image] of line.matchAll(/-var=["']?([A-Za-z0-9_]+)=([^\s"']*docker\.pkg\.dev[^\s"']*)/g)) {
      const pusher = steps.find((x) => before(steps, s).has(x.id) && x.script.includes(`-Djib.to.image=${image}`));
      if (!pusher) out.errors.push(`step ${step} passes -var=${name}=${image}, but no step it waits for pushes that image (-Djib.to.image=${image})`);
      else out.checked.push(`${name} pushed by step ${pusher.id}`);
    }
  }
  return out;
}

export const DEPLOY_RULES = [apisFirst, propagationWaits, settingsSource, statePrefix, serialisedDeploys, firestoreOptional, uploadIgnores, invokerPinned, retention, deployerStorage, imagesBuilt];
