// The offline checks of terraform/ against the code. Each rule takes the loaded project and
// returns { rule, checked: [what was compared], errors: [what is wrong] }.
import { constantStrings, literalsMatching } from './java.mjs';
import { DEPLOY_RULES } from './deploy.mjs';
import { PROVIDER_RULES } from './provider-rules.mjs';
import { CLOUD_RULES } from './cloud-rules.mjs';

const ENV_NAME = /^ALIKE_[A-Z0-9_]+$/;
export const EXEMPT_FIELDS_FILE = 'src/main/java/dev/alike/store/FirestoreLayout.java';
export const EXEMPT_FIELDS_CONSTANT = 'INDEX_EXEMPT_FIELDS';

/** The function's and the job's code: Java files under these packages. */
export const ENTRY_POINTS = [
  // secretLocal: a map of variables the function gets from Secret Manager instead
  // (service_config.secret_environment_variables), keyed like the plain environment.
  // secretEntry: only the function with this entry point needs the secrets (the events push
  // handler shares function_env but checks no customer tokens).
  { what: 'function', dir: 'src/main/java/dev/alike/function/', local: 'function_env', secretLocal: 'token_secret_env', secretEntry: 'dev.alike.function.RecommendFunction' },
  { what: 'job', dir: 'src/main/java/dev/alike/cli/', local: 'job_env' },
];

const resources = (p, type) =>
  Object.entries(p.terraform.config.resource?.[type] ?? {}).flatMap(([name, blocks]) =>
    blocks.map((block) => ({ address: `${type}.${name}`, block })),
  );
const locals = (p) => Object.assign({}, ...(p.terraform.config.locals ?? []));
const first = (list) => (Array.isArray(list) ? list[0] : undefined);
const javaPath = (fqcn) => `src/main/java/${fqcn.replaceAll('.', '/')}.java`;
const diff = (a, b) => [...a].filter((x) => !b.has(x)).sort();

/** The function's entry point and the job image's main class exist in the code. */
export function entryPoints(p) {
  const out = { rule: 'entry points exist', checked: [], errors: [] };
  const fns = resources(p, 'google_cloudfunctions2_function');
  if (fns.length === 0) out.errors.push('no google_cloudfunctions2_function in terraform/');
  for (const { address, block } of fns) {
    const entry = first(block.build_config)?.entry_point;
    if (!entry) {
      out.errors.push(`${address}: build_config.entry_point is not set`);
      continue;
    }
    const file = javaPath(entry);
    const simple = entry.split('.').pop();
    out.checked.push(`${address} entry_point ${entry} -> ${file}`);
    const text = p.java.get(file);
    if (text === undefined) out.errors.push(`${address}: entry point ${entry} has no source file ${file}`);
    else if (!new RegExp(`class\\s+${simple}\\b[^{]*\\bimplements\\b[^{]*\\bHttpFunction\\b`).test(text)) {
      out.errors.push(`${address}: ${file} does not declare class ${simple} implementing HttpFunction`);
    }
  }
  const main = /<artifactId>jib-maven-plugin<\/artifactId>[\s\S]*?<mainClass>\s*([\w.]+)\s*<\/mainClass>/.exec(
    p.pom ?? '',
  )?.[1];
  if (!main) out.errors.push('pom.xml: no jib-maven-plugin <mainClass> for the job image');
  else {
    const file = javaPath(main);
    out.checked.push(`jib mainClass ${main} -> ${file}`);
    const text = p.java.get(file);
    if (text === undefined) out.errors.push(`pom.xml: Jib main class ${main} has no source file ${file}`);
    else if (!/public\s+static\s+void\s+main\s*\(/.test(text)) {
      out.errors.push(`${file}: no public static void main(...) for the job image`);
    }
  }
  return out;
}

/** Every ALIKE_* variable the code reads is in the Terraform env map, and nothing else is. */
export function environment(p) {
  const out = { rule: 'environment variables match the code', checked: [], errors: [] };
  const defined = locals(p);
  for (const { what, dir, local, secretLocal, secretEntry } of ENTRY_POINTS) {
    const files = [...p.java].filter(([file]) => file.startsWith(dir)).map(([, text]) => text);
    const read = literalsMatching(files, ENV_NAME);
    const map = defined[local];
    if (files.length === 0) {
      out.errors.push(`${what}: no Java sources under ${dir}; the ${what} code is not in this tree`);
    } else if (read.size === 0) {
      out.errors.push(`${what}: no "ALIKE_..." literal in ${dir}; cannot tell which variables it reads`);
    }
    if (map === null || typeof map !== 'object' || Array.isArray(map)) {
      out.errors.push(`${what}: terraform has no map local.${local} of its environment`);
      continue;
    }
    const secrets = secretLocal ? defined[secretLocal] : undefined;
    const secretKeys = secrets && typeof secrets === 'object' && !Array.isArray(secrets) ? Object.keys(secrets) : [];
    const set = new Set([...Object.keys(map), ...secretKeys]);
    for (const name of set) {
      if (!ENV_NAME.test(name)) out.errors.push(`${what}: local.${local} sets ${name}, not an ALIKE_* name`);
    }
    if (secretKeys.length > 0) {
      const wired = resources(p, 'google_cloudfunctions2_function')
        .filter(({ block }) => !secretEntry || first(block.build_config)?.entry_point === secretEntry)
        .every(({ block }) => JSON.stringify(first(block.service_config) ?? '').includes(`local.${secretLocal}`));
      if (!wired) out.errors.push(`${what}: local.${secretLocal} is not used by service_config's secret_environment_variables`);
    }
    out.checked.push(`${what}: code reads [${[...read].sort().join(', ')}]; terraform sets [${[...set].sort().join(', ')}]`);
    for (const name of diff(read, set)) {
      out.errors.push(`${what}: code reads ${name} but local.${local} neither sets nor defaults it (add it, null for the code's default)`);
    }
    if (read.size > 0) {
      for (const name of diff(set, read)) out.errors.push(`${what}: local.${local} sets ${name}, which the code under ${dir} never reads`);
    }
  }
  const fnUses = resources(p, 'google_cloudfunctions2_function').every(({ block }) =>
    JSON.stringify(first(block.service_config)?.environment_variables ?? '').includes('local.function_env'),
  );
  if (!fnUses) out.errors.push('google_cloudfunctions2_function: service_config.environment_variables does not come from local.function_env');
  const jobUses = resources(p, 'google_cloud_run_v2_job').every(({ block }) => JSON.stringify(block).includes('local.job_env'));
  if (!jobUses) out.errors.push('google_cloud_run_v2_job: container env does not come from local.job_env');
  return out;
}

/** The Firestore index exemptions are exactly the fields the store declares. */
export function indexExemptions(p) {
  const out = { rule: 'Firestore index exemptions match the store', checked: [], errors: [] };
  const text = p.java.get(EXEMPT_FIELDS_FILE);
  const code = text === undefined ? null : constantStrings(text, EXEMPT_FIELDS_CONSTANT);
  if (text === undefined) out.errors.push(`${EXEMPT_FIELDS_FILE} is missing; the store code is not in this tree`);
  else if (code === null) out.errors.push(`${EXEMPT_FIELDS_FILE} declares no ${EXEMPT_FIELDS_CONSTANT}`);
  for (const f of code ?? []) {
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_.]+$/.test(f)) out.errors.push(`${EXEMPT_FIELDS_CONSTANT} entry "${f}" is not "collectionGroup.field"`);
  }
  const tf = locals(p).index_exempt_fields;
  if (!Array.isArray(tf)) {
    out.errors.push('terraform has no list local.index_exempt_fields');
    return out;
  }
  out.checked.push(`code [${(code ?? []).join(', ')}]; terraform [${tf.join(', ')}]`);
  if (code) {
    const inCode = new Set(code);
    const inTf = new Set(tf);
    for (const f of diff(inCode, inTf)) out.errors.push(`store writes ${f} (${EXEMPT_FIELDS_CONSTANT}) but terraform does not exempt it`);
    for (const f of diff(inTf, inCode)) out.errors.push(`terraform exempts ${f}, which is not in ${EXEMPT_FIELDS_CONSTANT}`);
  }
  // TTL fields are checked by ttlFields.
  const fields = resources(p, 'google_firestore_field').filter(({ block }) => !block.ttl_config);
  if (fields.length === 0) out.errors.push('no google_firestore_field resource');
  for (const { address, block } of fields) {
    if (!String(block.for_each ?? '').includes('local.index_exempt_fields')) {
      out.errors.push(`${address}: for_each is not local.index_exempt_fields`);
    }
    const config = block.index_config;
    if (!Array.isArray(config) || config.length !== 1 || Object.keys(config[0]).length !== 0) {
      out.errors.push(`${address}: index_config must be an empty block (no indexes)`);
    }
  }
  return out;
}

export const UPDATES_FILE = 'src/main/java/dev/alike/store/FirestoreProfileUpdates.java';

/**
 * The real-time update markers expire: when the store writes them (FirestoreProfileUpdates), one
 * google_firestore_field with a ttl_config names the production collection (alike_ + UPDATES) and
 * the EXPIRE_AT field; no other TTL field exists.
 */
export function ttlFields(p) {
  const out = { rule: 'Firestore TTL policy matches the update markers', checked: [], errors: [] };
  const text = p.java.get(UPDATES_FILE);
  const ttl = resources(p, 'google_firestore_field').filter(({ block }) => block.ttl_config);
  if (text === undefined) {
    for (const { address } of ttl) out.errors.push(`${address}: a TTL field, but ${UPDATES_FILE} (the markers' writer) is missing`);
    return out;
  }
  const collection = constantStrings(text, 'UPDATES')?.[0];
  const field = constantStrings(text, 'EXPIRE_AT')?.[0];
  if (!collection || !field) {
    out.errors.push(`${UPDATES_FILE} declares no UPDATES or EXPIRE_AT string constant`);
    return out;
  }
  const want = `alike_${collection}.${field}`;
  out.checked.push(`code writes ${want}; terraform TTL fields [${ttl.map(({ block }) => `${block.collection}.${block.field}`).join(', ')}]`);
  if (ttl.length !== 1) out.errors.push(`expected one google_firestore_field with ttl_config for ${want}, found ${ttl.length}`);
  for (const { address, block } of ttl) {
    if (`${block.collection}.${block.field}` !== want) out.errors.push(`${address}: TTL on ${block.collection}.${block.field}, but the markers expire by ${want}`);
  }
  return out;
}

/** Every declared variable is used, every used variable is declared; same for locals. */
export function variables(p) {
  const out = { rule: 'variables and locals declared and used', checked: [], errors: [] };
  const { variable = {}, ...rest } = p.terraform.config;
  const body = JSON.stringify(rest);
  const declared = new Set(Object.keys(variable));
  const used = new Set([...body.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]));
  // A variable's own validation does not count as a use, but a reference to an undeclared one does.
  const inValidations = [...JSON.stringify(variable).matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]);
  for (const v of inValidations) if (!declared.has(v)) out.errors.push(`var.${v} is used but not declared`);
  for (const v of diff(used, declared)) out.errors.push(`var.${v} is used but not declared`);
  for (const v of diff(declared, used)) out.errors.push(`variable "${v}" is declared but never used`);
  const localNames = new Set(Object.keys(locals(p)));
  const usedLocals = new Set([...body.matchAll(/\blocal\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]));
  for (const l of diff(usedLocals, localNames)) out.errors.push(`local.${l} is used but not defined`);
  for (const l of diff(localNames, usedLocals)) out.errors.push(`local "${l}" is defined but never used`);
  out.checked.push(`${declared.size} variables, ${localNames.size} locals`);
  return out;
}

/** No primitive role, no default compute identity, no authoritative project IAM, own identities. */
export function leastPrivilege(p) {
  const out = { rule: 'least privilege', checked: [], errors: [] };
  const all = JSON.stringify(p.terraform.config);
  for (const m of all.matchAll(/roles\/(owner|editor|viewer)\b/g)) out.errors.push(`primitive role ${m[0]} appears in terraform/`);
  if (/-compute@developer\.gserviceaccount\.com/.test(all)) out.errors.push('the default compute service account appears in terraform/');
  if (/appspot\.gserviceaccount\.com/.test(all)) out.errors.push('the App Engine default service account appears in terraform/');
  for (const type of ['google_project_iam_policy', 'google_project_iam_binding']) {
    if (resources(p, type).length > 0) out.errors.push(`${type} is authoritative and would remove grants made outside terraform; use google_project_iam_member`);
  }
  const roles = new Set([...all.matchAll(/roles\/[A-Za-z0-9_.]+/g)].map((m) => m[0]));
  out.checked.push(`roles granted: ${[...roles].sort().join(', ')}`);
  const need = [
    ['google_cloudfunctions2_function', (b) => first(b.service_config)?.service_account_email, 'service_config.service_account_email'],
    ['google_cloudfunctions2_function', (b) => first(b.build_config)?.service_account, 'build_config.service_account'],
    ['google_cloud_run_v2_job', (b) => first(first(b.template)?.template)?.service_account, 'template.template.service_account'],
    ['google_cloud_scheduler_job', (b) => first(first(b.http_target)?.oauth_token)?.service_account_email, 'http_target.oauth_token.service_account_email'],
  ];
  for (const [type, get, field] of need) {
    const found = resources(p, type);
    if (found.length === 0) out.errors.push(`no ${type} in terraform/`);
    for (const { address, block } of found) {
      const sa = get(block);
      if (!sa) out.errors.push(`${address}: ${field} is not set (it would run as a default service account)`);
      else if (!String(sa).includes('google_service_account.')) out.errors.push(`${address}: ${field} is ${sa}, not a service account created here`);
      else out.checked.push(`${address} ${field} = ${sa}`);
    }
  }
  return out;
}

/** cloudbuild.yaml: substitutions declared = used, and every -var it passes is a variable. */
export function cloudBuild(p) {
  const out = { rule: 'cloudbuild.yaml matches terraform', checked: [], errors: [] };
  if (p.cloudbuild === null) {
    out.errors.push('cloudbuild.yaml is missing');
    return out;
  }
  const text = p.cloudbuild.replace(/^\s*#.*$/gm, '');
  const block = /^substitutions:\s*\n((?:[ \t]+.*\n?)*)/m.exec(text)?.[1] ?? '';
  const declared = new Set([...block.matchAll(/^[ \t]+(_[A-Z0-9_]+)\s*:/gm)].map((m) => m[1]));
  const withoutBlock = text.replace(block, '');
  const used = new Set([...withoutBlock.matchAll(/\$\{?(_[A-Z0-9_]+)/g)].map((m) => m[1]));
  for (const s of diff(used, declared)) out.errors.push(`cloudbuild.yaml uses ${s} but does not declare it under substitutions`);
  for (const s of diff(declared, used)) out.errors.push(`cloudbuild.yaml declares ${s} but never uses it`);
  const vars = new Set(Object.keys(p.terraform.config.variable ?? {}));
  const passed = new Set([...text.matchAll(/-var[= ]+["']?([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1]));
  for (const v of diff(passed, vars)) out.errors.push(`cloudbuild.yaml passes -var ${v}=..., which terraform does not declare`);
  out.checked.push(`substitutions [${[...declared].sort().join(', ')}]; -var [${[...passed].sort().join(', ')}]`);
  return out;
}

export const RULES = [entryPoints, environment, indexExemptions, ttlFields, variables, leastPrivilege, cloudBuild, ...DEPLOY_RULES, ...PROVIDER_RULES, ...CLOUD_RULES];
