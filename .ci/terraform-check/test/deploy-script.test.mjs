// deploy.sh against stand-ins for gcloud, terraform and mvn (test-support/standins) that record
// their calls and keep the project's state in files: the order and arguments of a first deploy,
// a rerun that changes nothing, a rerun after a failure that continues, and the preconditions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../test-support/fixture.mjs';

const standins = path.join(repoRoot, '.ci', 'terraform-check', 'test-support', 'standins');
// Calls that change the project or its files; everything else only reads.
const MUTATING = /^(gcloud (services enable|beta services identity create|storage buckets (create|update)|storage cp \S+ gs:\/\/)|terraform -chdir=terraform (apply|providers lock)|mvn )/;

async function project() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'deploy-sh-'));
  await mkdir(path.join(dir, 'repo', 'terraform'), { recursive: true });
  await mkdir(path.join(dir, 'state'));
  await copyFile(path.join(repoRoot, 'deploy.sh'), path.join(dir, 'repo', 'deploy.sh'));
  return dir;
}

async function deploy(dir, args = ['--project', 'p1', '--region', 'europe-west1', '--tag', 't1']) {
  const log = path.join(dir, 'calls.log');
  await writeFile(log, '');
  const r = spawnSync('bash', [path.join(dir, 'repo', 'deploy.sh'), ...args], {
    env: { ...process.env, PATH: `${standins}:${process.env.PATH}`, STANDIN_STATE: path.join(dir, 'state'), STANDIN_LOG: log },
    encoding: 'utf8',
  });
  const calls = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { code: r.status, out: r.stdout + r.stderr, calls, mutating: calls.filter((c) => MUTATING.test(c)) };
}

const IMAGE = 'europe-west1-docker.pkg.dev/p1/alike-images/alike-job:t1';

test('deploy.sh: first deploy runs every step in order, then a rerun changes nothing', async () => {
  const dir = await project();
  try {
    const first = await deploy(dir);
    assert.equal(first.code, 0, first.out);
    const expected = [
      'gcloud services enable cloudresourcemanager.googleapis.com serviceusage.googleapis.com pubsub.googleapis.com --project p1',
      'gcloud beta services identity create --service=pubsub.googleapis.com --project p1',
      'gcloud storage buckets create gs://p1-tfstate --project p1 --location europe-west1 --uniform-bucket-level-access --public-access-prevention',
      'gcloud storage buckets update gs://p1-tfstate --versioning',
      /^gcloud storage cp \S+ gs:\/\/p1-tfstate\/settings\/alike\.tfvars$/,
      'terraform -chdir=terraform providers lock -platform=linux_amd64 -platform=darwin_arm64 -platform=darwin_amd64 -platform=windows_amd64',
      'terraform -chdir=terraform apply -input=false -auto-approve -lock-timeout=20m -var project_id=p1 -var region=europe-west1 -var name_prefix=alike -var state_bucket=p1-tfstate -target=google_storage_bucket.artifacts -target=google_artifact_registry_repository.images',
      'mvn -B -Pfunction-zip,cloud-function verify',
      'gcloud storage cp target/alike-function-source.zip gs://p1-alike-artifacts/function-source/t1.zip',
      `mvn -B compile jib:build -Djib.to.image=${IMAGE}`,
      new RegExp(`^terraform -chdir=terraform apply -input=false -auto-approve -lock-timeout=20m -var project_id=p1 -var region=europe-west1 -var name_prefix=alike -var state_bucket=p1-tfstate -var deploy_order=\\d{13} -var job_image=${IMAGE.replaceAll('.', '\\.')} -var function_source_object=function-source/t1\\.zip$`),
    ];
    assert.equal(first.mutating.length, expected.length, first.mutating.join('\n'));
    expected.forEach((e, i) => (typeof e === 'string' ? assert.equal(first.mutating[i], e) : assert.match(first.mutating[i], e)));
    // The first init writes the lock file; later ones read it only.
    assert.ok(first.calls.includes('terraform -chdir=terraform init -input=false -reconfigure -backend-config=bucket=p1-tfstate -backend-config=prefix=alike'), first.calls.join('\n'));
    assert.match(first.out, /Function: https:\/\/europe-west1-p1\.cloudfunctions\.net\/alike-recommend/);
    assert.match(first.out, /curl -H "Authorization: Bearer \$\(gcloud auth print-identity-token\)" "https:\/\/\S+\/healthz"/);

    const second = await deploy(dir);
    assert.equal(second.code, 0, second.out);
    assert.deepEqual(second.mutating, [], second.out);
    assert.ok(second.calls.includes('terraform -chdir=terraform init -input=false -reconfigure -lockfile=readonly -backend-config=bucket=p1-tfstate -backend-config=prefix=alike'));
    assert.equal((second.out.match(/already done/g) ?? []).length, 7, second.out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('deploy.sh: a rerun after a failed build or apply continues where it stopped', async () => {
  const dir = await project();
  try {
    await writeFile(path.join(dir, 'state', 'fail-mvn'), '');
    const failed = await deploy(dir);
    assert.notEqual(failed.code, 0);
    assert.match(failed.mutating.at(-1), /^mvn -B -Pfunction-zip,cloud-function verify$/);
    await writeFile(path.join(dir, 'state', 'fail-apply'), '');
    const applyFailed = await deploy(dir);
    assert.notEqual(applyFailed.code, 0);
    assert.deepEqual(applyFailed.mutating.map((c) => c.split(' ').slice(0, 3).join(' ')), ['mvn -B -Pfunction-zip,cloud-function', 'gcloud storage cp', 'mvn -B compile', 'terraform -chdir=terraform apply']);
    const resumed = await deploy(dir);
    assert.equal(resumed.code, 0, resumed.out);
    assert.equal(resumed.mutating.length, 1, resumed.mutating.join('\n'));
    assert.match(resumed.mutating[0], /^terraform -chdir=terraform apply .* -var job_image=\S+:t1 -var function_source_object=function-source\/t1\.zip$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('deploy.sh: a failed precondition stops before any change, naming the fix', async () => {
  const dir = await project();
  try {
    await writeFile(path.join(dir, 'state', 'signed-out'), '');
    const out = await deploy(dir);
    assert.equal(out.code, 1);
    assert.match(out.out, /gcloud is not signed in: gcloud auth login/);
    assert.deepEqual(out.mutating, []);
    await rm(path.join(dir, 'state', 'signed-out'));
    await writeFile(path.join(dir, 'state', 'no-billing'), '');
    const billing = await deploy(dir);
    assert.equal(billing.code, 1);
    assert.match(billing.out, /billing is not enabled on p1 .*gcloud billing projects link p1/);
    assert.deepEqual(billing.mutating, []);
    const prefix = await deploy(dir, ['--project', 'p1', '--region', 'r', '--prefix', 'a-prefix-of-19-char', '--tag', 't']);
    assert.equal(prefix.code, 1);
    assert.match(prefix.out, /--prefix a-prefix-of-19-char: 4-18 characters/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
