// Just enough of .gitignore / .gcloudignore matching to tell whether a given path is left out.

/** A pattern of an ignore file as a regex over paths relative to the file's folder. */
function ignoreRegex(pattern) {
  const dirOnly = pattern.endsWith('/');
  let pat = pattern.replace(/\/$/, '');
  const anchored = pat.includes('/');
  pat = pat.replace(/^\//, '');
  const body = pat.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\u0000/g, '.*');
  return new RegExp(`${anchored ? '^' : '(^|/)'}${body}${dirOnly ? '/' : '(/|$)'}`);
}

/** Whether `file` (relative to the file's folder) is ignored by the text of an ignore file. */
export function ignored(ignoreText, file) {
  let out = false;
  for (const raw of (ignoreText ?? '').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (ignoreRegex(negate ? line.slice(1) : line).test(file)) out = !negate;
  }
  return out;
}
