// terraform/ against the hashicorp/google provider's own schema, at both ends of the version
// constraint in versions.tf (lib/schema.mjs reads the schemas).
import { META, compareBlock, compareVersions, typeSchema } from './schema.mjs';

const first = (list) => (Array.isArray(list) ? list[0] : undefined);

/** "~> 6.14" -> { floor: "6.14.0", major: 6 }; other forms are not supported (an error says so). */
export function pessimisticFloor(constraint) {
  const m = /^~>\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(String(constraint ?? '').trim());
  if (!m) return null;
  return { floor: `${m[1]}.${m[2]}.${m[3] ?? 0}`, major: Number(m[1]), patchOnly: m[3] !== undefined };
}

/** The provider schemas installed are the two ends of the google version constraint. */
export function providerVersions(p) {
  const out = { rule: 'provider schemas are both ends of the google version constraint', checked: [], errors: [] };
  const constraint = first(first(p.terraform.config.terraform)?.required_providers)?.google?.version;
  const range = pessimisticFloor(constraint);
  const have = p.providers.map((x) => x.version);
  if (!range) {
    out.errors.push(`versions.tf: google version ${JSON.stringify(constraint)} is not of the form "~> X.Y"`);
    return out;
  }
  out.checked.push(`constraint ${constraint}; schemas installed for [${have.join(', ')}]`);
  if (range.patchOnly) out.errors.push(`versions.tf: "${constraint}" allows patch releases only; the check expects "~> X.Y"`);
  if (!have.includes(range.floor)) out.errors.push(`no schema for the constraint's floor ${range.floor} (package.json: google-provider-${range.floor})`);
  const top = have.at(-1);
  if (have.length < 2 || top === range.floor) out.errors.push(`no schema for the newest ${range.major}.x the constraint allows, only [${have.join(', ')}]`);
  for (const v of have) {
    if (Number(v.split('.')[0]) !== range.major || compareVersions(v, range.floor) < 0) out.errors.push(`schema ${v} is outside ${constraint}`);
  }
  return out;
}

/** Every google_* resource and data block: arguments and blocks known, required ones present, blocks as blocks. */
export function providerSchema(p) {
  const out = { rule: 'google_* blocks match the provider schema (both constraint ends)', checked: [], errors: [] };
  if (p.providers.length === 0) out.errors.push('no provider schema installed (npm ci in .ci/terraform-check)');
  for (const kind of ['resource', 'data']) {
    for (const [type, named] of Object.entries(p.terraform.config[kind] ?? {})) {
      if (!type.startsWith('google_')) continue;
      for (const [name, blocks] of Object.entries(named)) {
        const address = `${kind === 'data' ? 'data.' : ''}${type}.${name}`;
        for (const provider of p.providers) {
          const schema = p.schema(provider, kind, type);
          if (!schema) {
            out.errors.push(`${address}: ${kind} type ${type} does not exist in provider ${provider.version}`);
            continue;
          }
          for (const block of blocks) {
            out.errors.push(...compareBlock(`${address} (provider ${provider.version})`, block, schema, META[kind]));
          }
        }
        out.checked.push(address);
      }
    }
  }
  out.checked = [`${out.checked.length} google_* blocks against provider ${p.providers.map((x) => x.version).join(' and ')}`];
  return out;
}

export const PROVIDER_RULES = [providerVersions, providerSchema];
