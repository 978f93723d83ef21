// Loads the facts the rules compare: the parsed Terraform configuration, the Java sources, the
// pom and cloudbuild.yaml. Nothing here knows what the right answer is.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import YAML from 'yaml';
import { installedProviders, typeSchema } from './schema.mjs';

/** Parses every *.tf in dir (HCL syntax errors throw) and merges them into one object. */
export async function loadTerraform(dir) {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.tf')).sort();
  if (names.length === 0) throw new Error(`no .tf files in ${dir}`);
  const merged = {};
  for (const name of names) {
    const text = await readFile(path.join(dir, name), 'utf8');
    const json = await parse(name, text);
    mergeInto(merged, json);
  }
  return { files: names, config: merged };
}

// hcl2json yields {resource: {type: {name: [block]}}, variable: {name: [block]}, locals: [..]}:
// objects merge key by key, arrays concatenate.
function mergeInto(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (!(key in target)) target[key] = value;
    else if (Array.isArray(target[key]) && Array.isArray(value)) target[key].push(...value);
    else if (isObject(target[key]) && isObject(value)) mergeInto(target[key], value);
    else throw new Error(`duplicate definition of ${key}`);
  }
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** All *.java files under dir as Map(relative path with '/' -> text); empty map if dir is absent. */
export async function loadJava(root, dir) {
  const files = new Map();
  async function walk(abs) {
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch (e) {
      if (e.code === 'ENOENT') return;
      throw e;
    }
    for (const entry of entries) {
      const child = path.join(abs, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (entry.name.endsWith('.java')) {
        files.set(path.relative(root, child).split(path.sep).join('/'), await readFile(child, 'utf8'));
      }
    }
  }
  await walk(path.join(root, dir));
  return files;
}

/** Text of root/rel, or null when it does not exist. */
export async function readOptional(root, rel) {
  const abs = path.join(root, rel);
  try {
    if (!(await stat(abs)).isFile()) return null;
    return await readFile(abs, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
}

/** Loads everything the rules need from a project root. */
export async function loadProject(root) {
  const cloudbuild = await readOptional(root, 'cloudbuild.yaml');
  const schemas = new Map();
  return {
    root,
    // The google provider's schema at each installed version; typeSchema reads one type lazily.
    providers: installedProviders(),
    schema(provider, kind, type) {
      const key = `${provider.version} ${kind} ${type}`;
      if (!schemas.has(key)) schemas.set(key, typeSchema(provider, kind, type));
      return schemas.get(key);
    },
    terraform: await loadTerraform(path.join(root, 'terraform')),
    java: await loadJava(root, 'src/main/java'),
    pom: await readOptional(root, 'pom.xml'),
    cloudbuild,
    // YAML syntax errors throw, like HCL ones.
    cloudbuildYaml: cloudbuild === null ? null : YAML.parse(cloudbuild),
    ignores: {
      '.gcloudignore': await readOptional(root, '.gcloudignore'),
      '.gitignore': await readOptional(root, '.gitignore'),
      'terraform/.gitignore': await readOptional(root, 'terraform/.gitignore'),
    },
  };
}
