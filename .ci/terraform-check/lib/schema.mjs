// The hashicorp/google provider's schema, read from the CDK for Terraform bindings generated from
// it (npm @cdktf/provider-google; package.json installs one copy per end of the version
// constraint under the alias google-provider-<provider version>). Each resource's index.js lists
// every argument and nested block by its Terraform name (synthesizeHclAttributes and the
// *ToHclTerraform functions, with isBlock), and index.d.ts marks the required ones (no "?").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const modules = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');
const ALIAS = /^google-provider-(\d+\.\d+\.\d+)$/;

/** The installed provider schemas: [{ version, dir }], oldest first; version from the package's README. */
export function installedProviders(dir = modules) {
  const found = [];
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const m = ALIAS.exec(name);
    if (!m) continue;
    const readme = readFileSync(path.join(dir, name, 'README.md'), 'utf8');
    const stated = /bindings for hashicorp\/google provider version (\d+\.\d+\.\d+)/.exec(readme)?.[1];
    if (stated !== m[1]) throw new Error(`${name}: its README says provider ${stated ?? '(none)'}, not ${m[1]}`);
    found.push({ version: m[1], dir: path.join(dir, name, 'lib') });
  }
  return found.sort((a, b) => compareVersions(a.version, b.version));
}

export function compareVersions(a, b) {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/**
 * Schema of one resource or data source type (e.g. "google_pubsub_subscription", kind "data"
 * for data sources) in one provider copy: a block { args: Map(name -> { block, required, nested }) },
 * or null when the type does not exist in that version.
 */
export function typeSchema(provider, kind, type) {
  const dirName = (kind === 'data' ? 'data-' : '') + type.replace(/^google_/, kind === 'data' ? 'google_' : '').replaceAll('_', '-');
  const dir = path.join(provider.dir, dirName);
  if (!existsSync(path.join(dir, 'index.js'))) return null;
  const js = readFileSync(path.join(dir, 'index.js'), 'utf8');
  const dts = readFileSync(path.join(dir, 'index.d.ts'), 'utf8');
  const required = requiredProps(dts);
  const converters = new Map();
  for (const m of js.matchAll(/\nfunction (\w+)ToHclTerraform\(struct\) \{([\s\S]*?)\n\}/g)) converters.set(m[1], m[2]);
  const top = /synthesizeHclAttributes\(\) \{([\s\S]*?)\n    \}/.exec(js)?.[1];
  if (!top) throw new Error(`${dir}/index.js has no synthesizeHclAttributes`);
  const configInterface = /export interface (\w+Config) extends cdktf\.TerraformMetaArguments/.exec(dts)?.[1];
  return readBlock(top, required.get(configInterface) ?? new Set(), converters, required, new Set());
}

// interface name -> Set of its required property names (camelCase).
function requiredProps(dts) {
  const out = new Map();
  for (const m of dts.matchAll(/export interface (\w+)(?: extends [\w.]+)? \{([\s\S]*?)\n\}/g)) {
    out.set(m[1], new Set([...m[2].matchAll(/\n    readonly (\w+): /g)].map((r) => r[1])));
  }
  return out;
}

const ENTRY = /\n\s+(\w+): \{\s*value: ([^\n]*),\s*isBlock: (true|false),/g;

function readBlock(body, requiredCamel, converters, required, seen) {
  const args = new Map();
  for (const [, name, value, isBlock] of body.matchAll(ENTRY)) {
    const camel = /(?:struct\.|this\._)(\w+)/.exec(value)?.[1];
    const converter = /(?<!cdktf\.)\b(\w+)ToHclTerraform\b/.exec(value)?.[1];
    let nested = null;
    if (isBlock === 'true' && converter && converters.has(converter) && !seen.has(converter)) {
      const iface = converter[0].toUpperCase() + converter.slice(1);
      nested = readBlock(converters.get(converter), required.get(iface) ?? new Set(), converters, required, new Set([...seen, converter]));
    }
    args.set(name, { block: isBlock === 'true', required: camel !== undefined && requiredCamel.has(camel), nested });
  }
  return { args };
}

export const META = {
  resource: new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']),
  data: new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider']),
};

/**
 * Compares one parsed block (hcl2json: attributes as values, nested blocks as arrays of objects,
 * dynamic "x" { content {...} } under "dynamic") with a schema block. Returns error strings.
 */
export function compareBlock(where, written, schema, meta = new Set()) {
  const errors = [];
  const seen = new Set();
  const nestedWritten = [];
  for (const [key, value] of Object.entries(written)) {
    if (meta.has(key)) continue;
    if (key === 'dynamic') {
      for (const [name, blocks] of Object.entries(value)) {
        seen.add(name);
        const arg = schema.args.get(name);
        if (!arg) errors.push(`${where}: unknown block dynamic "${name}"`);
        else if (!arg.block) errors.push(`${where}: dynamic "${name}" writes the attribute ${name} as a block`);
        else for (const d of blocks) for (const c of d.content ?? []) nestedWritten.push([name, c, arg]);
      }
      continue;
    }
    seen.add(key);
    const arg = schema.args.get(key);
    if (!arg) {
      errors.push(`${where}: unknown argument or block "${key}"`);
      continue;
    }
    // hcl2json writes a block as an array of objects and `x = { ... }` as an object.
    const looksLikeBlock = Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    if (arg.block && !looksLikeBlock) errors.push(`${where}: "${key}" is a block, written as an attribute (${key} = ...); write ${key} { ... }`);
    else if (!arg.block && looksLikeBlock) {
      errors.push(`${where}: "${key}" is an attribute, written as a block; write ${key} = ...`);
    } else if (arg.block) for (const b of value) nestedWritten.push([key, b, arg]);
  }
  for (const [name, arg] of schema.args) {
    if (arg.required && !seen.has(name)) errors.push(`${where}: required ${arg.block ? 'block' : 'argument'} "${name}" is missing`);
  }
  for (const [name, block, arg] of nestedWritten) {
    if (arg.nested) errors.push(...compareBlock(`${where}.${name}`, block, arg.nested));
  }
  return errors;
}

