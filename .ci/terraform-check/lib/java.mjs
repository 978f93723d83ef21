// Just enough Java lexing to find string literals outside comments.

/** The Java text with comments blanked out (strings, chars and text blocks are kept). */
export function stripComments(src) {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
      out += ' ';
    } else if (src.startsWith('"""', i)) {
      const end = src.indexOf('"""', i + 3);
      const stop = end < 0 ? src.length : end + 3;
      out += src.slice(i, stop);
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Distinct string literals matching re (whole literal) in the code of the given files. */
export function literalsMatching(files, re) {
  const found = new Set();
  for (const text of files) {
    for (const m of stripComments(text).matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) {
      if (re.test(m[1])) found.add(m[1]);
    }
  }
  return found;
}

/**
 * String literals of the initializer of the field named `name` (array or List.of/Set.of),
 * or null when no such field is declared.
 */
export function constantStrings(text, name) {
  const code = stripComments(text);
  const decl = new RegExp(`\\b${name}\\s*=`).exec(code);
  if (!decl) return null;
  const end = code.indexOf(';', decl.index);
  const init = code.slice(decl.index, end < 0 ? code.length : end);
  return [...init.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)].map((m) => m[1]);
}
