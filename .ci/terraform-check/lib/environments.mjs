// What each entry point starts with, derived from terraform/*.tf for every combination of the
// variables that change it: which functions exist and with which entry point, plain environment
// and secret variable names, and the job's main class, arguments and environment.
// src/test/java/dev/alike/deploy/TerraformEnvironmentIT starts each one with exactly that.
import { Evaluator, Unknown } from './evaluate.mjs';

/** The variables whose combinations the test covers, with every value each allows. */
export const COMBINATIONS = {
  public_function: [false, true],
  require_customer_token: [null, false, true],
  build_engine: ['single-machine', 'dataflow'],
  // The job builds the variants the function serves: both read this one object.
  placements: [null, 'gs://placements-bucket/placements.json'],
};

// Values for the variables a plan needs but that change no environment's shape.
const GIVEN = { project_id: 'alike-env-test', job_image: 'JOB_IMAGE', dataflow_job_image: 'DATAFLOW_IMAGE', function_source_object: 'function-source/test.zip' };

const first = (list) => (Array.isArray(list) ? list[0] : list);
const json = (v) => JSON.parse(JSON.stringify(v, (k, x) => (x instanceof Unknown ? x.toString() : x)));

function* combinations(spec) {
  const names = Object.keys(spec);
  const walk = function* (i, acc) {
    if (i === names.length) yield { ...acc };
    else for (const v of spec[names[i]]) yield* walk(i + 1, { ...acc, [names[i]]: v });
  };
  yield* walk(0, {});
}

const blocks = (config, type) => Object.entries(config.resource?.[type] ?? {}).flatMap(([name, bs]) => bs.map((block) => ({ address: `${type}.${name}`, block })));
const exists = (ev, block) => ('count' in block ? ev.value(block.count) > 0 : true);

// A dynamic block's for_each as {key: value}, checking its content is key/value and nothing else.
function dynamicMap(ev, dyn, name, keyAttr, valueAttr, where) {
  const d = first(dyn?.[name]);
  if (!d) return {};
  const content = first(d.content);
  if (content[keyAttr] !== `\${${name}.key}` || content[valueAttr] !== `\${${name}.value}`) {
    throw new Error(`${where}: dynamic "${name}" content is not ${keyAttr} = ${name}.key, ${valueAttr} = ${name}.value`);
  }
  return ev.value(d.for_each);
}

/** Main class of an image variable: the pom's Jib main class, or the one cloudbuild.yaml sets for it. */
function mainClassOf(project, imageVar) {
  const pomMain = /<artifactId>jib-maven-plugin<\/artifactId>[\s\S]*?<mainClass>\s*([\w.]+)\s*<\/mainClass>/.exec(project.pom ?? '')?.[1];
  const deploy = (project.cloudbuildYaml?.steps ?? []).map((s) => (s.args ?? []).join(' ')).find((a) => a.includes(`-var=${imageVar}=`)) ?? '';
  const image = new RegExp(`-var=${imageVar}=(\\S+)`).exec(deploy)?.[1];
  if (!image) throw new Error(`cloudbuild.yaml passes no -var=${imageVar}=...`);
  const pusher = (project.cloudbuildYaml?.steps ?? []).map((s) => (s.args ?? []).join(' ')).find((a) => a.includes(`-Djib.to.image=${image}`));
  if (!pusher) throw new Error(`no cloudbuild.yaml step pushes ${image}`);
  return /-Djib\.container\.mainClass=([\w.]+)/.exec(pusher)?.[1] ?? pomMain;
}

/** One entry per combination: { vars, functions: [...], job }. */
export function environments(project) {
  const config = project.terraform.config;
  const out = [];
  for (const vars of combinations(COMBINATIONS)) {
    const ev = new Evaluator(config, { ...GIVEN, ...vars });
    const functions = [];
    for (const { address, block } of blocks(config, 'google_cloudfunctions2_function')) {
      if (!exists(ev, block)) continue;
      const sc = first(block.service_config);
      const secrets = { ...(first(sc.secret_environment_variables) ? Object.fromEntries(sc.secret_environment_variables.map((s) => [s.key, s.version])) : {}), ...dynamicMap(ev, sc.dynamic, 'secret_environment_variables', 'key', 'version', address) };
      functions.push({
        address,
        entryPoint: ev.value(first(block.build_config).entry_point),
        env: ev.value(sc.environment_variables ?? {}),
        secrets: Object.keys(secrets).filter((k) => secrets[k] !== null).sort(),
      });
    }
    const jobs = blocks(config, 'google_cloud_run_v2_job').filter(({ block }) => exists(ev, block));
    if (jobs.length !== 1) throw new Error(`expected one google_cloud_run_v2_job, found ${jobs.length}`);
    const { address, block } = jobs[0];
    const container = first(first(first(block.template).template).containers);
    const imageExpr = String(container.image);
    const image = ev.value(imageExpr);
    const imageVar = Object.keys(GIVEN).find((k) => GIVEN[k] === image);
    out.push({
      vars,
      functions,
      job: {
        address,
        imageVariable: imageVar,
        mainClass: mainClassOf(project, imageVar),
        args: ev.value(container.args ?? []),
        env: dynamicMap(ev, container.dynamic, 'env', 'name', 'value', address),
      },
    });
  }
  return json(out);
}
