// A small evaluator of the Terraform expressions terraform/ uses for environments, images and
// counts (hcl2json keeps each expression as its source text, "${...}"). Variables come from the
// caller, locals are evaluated on demand, and a resource attribute is left as an Unknown naming
// it (its value exists only after apply). An expression outside this subset throws, naming it,
// so a new construct fails the check instead of being guessed.

/** A value known only after apply, e.g. google_pubsub_topic.events.id. */
export class Unknown {
  constructor(ref, text = `\${${ref}}`) {
    this.ref = ref;
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

const FUNCTIONS = {
  join: (sep, list) => (list.some((x) => x instanceof Unknown) ? new Unknown(`join(${list.join(',')})`) : list.join(sep)),
  coalesce: (...xs) => {
    const v = xs.find((x) => x !== null && x !== '');
    if (v === undefined) throw new Error('coalesce: no non-null argument');
    return v;
  },
  tostring: (x) => (x === null || x instanceof Unknown ? x : String(x)),
  tonumber: (x) => (x === null ? null : Number(x)),
  trimsuffix: (s, suffix) => (s.endsWith(suffix) ? s.slice(0, -suffix.length) : s),
  max: (...xs) => Math.max(...xs),
  toset: (xs) => [...new Set(xs)],
  tolist: (xs) => [...xs],
  sort: (xs) => [...xs].sort(),
  concat: (...ls) => ls.flat(),
  length: (x) => (Array.isArray(x) ? x.length : Object.keys(x).length),
  contains: (list, v) => list.includes(v),
};

/** Evaluates expressions of one parsed configuration with the given variable values. */
export class Evaluator {
  constructor(config, vars) {
    this.locals = Object.assign({}, ...(config.locals ?? []));
    this.vars = {};
    for (const [name, [decl]] of Object.entries(config.variable ?? {})) {
      this.vars[name] = name in vars ? vars[name] : 'default' in decl ? this.value(decl.default) : undefined;
    }
    this.cache = new Map();
  }

  /** The value of an hcl2json value: strings are templates, objects and arrays element-wise. */
  value(v, scope = {}) {
    if (typeof v === 'string') return this.template(v, scope);
    if (Array.isArray(v)) return v.map((x) => this.value(x, scope));
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.value(x, scope)]));
    return v;
  }

  local(name) {
    if (!(name in this.locals)) throw new Error(`local.${name} is not defined`);
    if (!this.cache.has(name)) this.cache.set(name, this.value(this.locals[name]));
    return this.cache.get(name);
  }

  template(s, scope) {
    const parts = splitTemplate(s);
    if (parts.length === 1 && typeof parts[0] !== 'string') return this.expression(parts[0].expr, scope);
    const values = parts.map((p) => (typeof p === 'string' ? p : this.expression(p.expr, scope)));
    if (values.some((x) => x instanceof Unknown)) {
      const text = values.map(String).join('');
      return new Unknown(text, text);
    }
    if (values.some((x) => x === null)) throw new Error(`null inside the template ${s}`);
    return values.join('');
  }

  expression(src, scope) {
    const parser = new Parser(tokenize(src), this, scope, src);
    const v = parser.ternary();
    parser.expectEnd();
    return v;
  }
}

// "a ${b} c" -> ['a ', {expr: 'b'}, ' c'], with nested braces and strings inside ${...} kept whole.
function splitTemplate(s) {
  const parts = [];
  let i = 0;
  let text = '';
  while (i < s.length) {
    if (s.startsWith('${', i)) {
      if (text) parts.push(text);
      text = '';
      let depth = 1;
      let j = i + 2;
      let inString = false;
      while (j < s.length && depth > 0) {
        const c = s[j];
        if (inString) {
          if (c === '\\') j++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{') depth++;
        else if (c === '}') depth--;
        j++;
      }
      parts.push({ expr: s.slice(i + 2, j - 1) });
      i = j;
    } else {
      text += s[i++];
    }
  }
  if (text || parts.length === 0) parts.push(text);
  return parts;
}

function tokenize(src) {
  const tokens = [];
  const re = /(?:\s|#[^\n]*|\/\/[^\n]*)*(?:(\d+(?:\.\d+)?)|("(?:[^"\\]|\\.)*")|([A-Za-z_][A-Za-z0-9_-]*)|(==|!=|>=|<=|&&|\|\||=>|\[\*\]|[-+*/%?:.,()[\]{}<>!=]))/y;
  let m;
  let last = 0;
  while (last < src.length && (m = re.exec(src))) {
    last = re.lastIndex;
    if (m[1]) tokens.push({ t: 'num', v: Number(m[1]) });
    else if (m[2]) tokens.push({ t: 'str', v: m[2].slice(1, -1) });
    else if (m[3]) tokens.push({ t: 'id', v: m[3] });
    else if (m[4]) tokens.push({ t: 'op', v: m[4] });
    if (rest(src, last) === '') break;
  }
  if (rest(src, last) !== '') throw new Error(`cannot read the expression ${src}`);
  return tokens;
}

// What is left after position i, without blanks and comments.
const rest = (src, i) => src.slice(i).replace(/#[^\n]*|\/\/[^\n]*/g, '').trim();

class Parser {
  constructor(tokens, ev, scope, src) {
    Object.assign(this, { tokens, ev, scope, src, i: 0 });
  }
  peek(v) {
    const t = this.tokens[this.i];
    return t && t.t === 'op' && t.v === v;
  }
  eat(v) {
    if (!this.peek(v)) throw new Error(`expected ${v} in ${this.src}`);
    this.i++;
  }
  expectEnd() {
    if (this.i !== this.tokens.length) throw new Error(`unexpected ${JSON.stringify(this.tokens[this.i])} in ${this.src}`);
  }
  ternary() {
    const cond = this.or();
    if (!this.peek('?')) return cond;
    this.i++;
    const a = this.ternary();
    this.eat(':');
    const b = this.ternary();
    if (cond instanceof Unknown) throw new Error(`condition known only after apply in ${this.src}`);
    return cond ? a : b;
  }
  or() {
    let v = this.and();
    while (this.peek('||')) {
      this.i++;
      const w = this.and();
      v = v || w;
    }
    return v;
  }
  and() {
    let v = this.cmp();
    while (this.peek('&&')) {
      this.i++;
      const w = this.cmp();
      v = v && w;
    }
    return v;
  }
  cmp() {
    let v = this.sum();
    for (const op of ['==', '!=', '>=', '<=', '>', '<']) {
      if (this.peek(op)) {
        this.i++;
        const w = this.sum();
        if (v instanceof Unknown || w instanceof Unknown) return new Unknown(`${v} ${op} ${w}`);
        return { '==': v === w, '!=': v !== w, '>=': v >= w, '<=': v <= w, '>': v > w, '<': v < w }[op];
      }
    }
    return v;
  }
  sum() {
    let v = this.product();
    while (this.peek('+') || this.peek('-')) {
      const op = this.tokens[this.i++].v;
      const w = this.product();
      v = op === '+' ? v + w : v - w;
    }
    return v;
  }
  product() {
    let v = this.unary();
    while (this.peek('*') || this.peek('/')) {
      const op = this.tokens[this.i++].v;
      const w = this.unary();
      v = op === '*' ? v * w : v / w;
    }
    return v;
  }
  unary() {
    if (this.peek('!')) {
      this.i++;
      return !this.unary();
    }
    if (this.peek('-')) {
      this.i++;
      return -this.unary();
    }
    return this.postfix(this.primary());
  }
  postfix(v) {
    for (;;) {
      if (this.peek('.') && this.tokens[this.i + 1]?.t === 'id') {
        this.i++;
        const name = this.tokens[this.i++].v;
        v = v instanceof Unknown ? new Unknown(`${v.ref}.${name}`) : v?.[name];
      } else if (this.peek('[*]')) {
        this.i++;
      } else if (this.peek('[')) {
        this.i++;
        const k = this.ternary();
        this.eat(']');
        v = v instanceof Unknown ? new Unknown(`${v.ref}[${k}]`) : v?.[k];
      } else return v;
    }
  }
  primary() {
    const t = this.tokens[this.i++];
    if (!t) throw new Error(`unexpected end of ${this.src}`);
    if (t.t === 'num') return t.v;
    if (t.t === 'str') return this.ev.template(t.v.replace(/\\"/g, '"').replace(/\\\\/g, '\\'), this.scope);
    if (t.t === 'op' && t.v === '(') {
      const v = this.ternary();
      this.eat(')');
      return v;
    }
    if (t.t === 'op' && t.v === '[') return this.list();
    if (t.t === 'op' && t.v === '{') return this.object();
    if (t.t !== 'id') throw new Error(`unexpected ${t.v} in ${this.src}`);
    if (t.v === 'null') return null;
    if (t.v === 'true') return true;
    if (t.v === 'false') return false;
    if (this.peek('(')) return this.call(t.v);
    if (t.v in this.scope) return this.scope[t.v];
    if (t.v === 'var' || t.v === 'local') {
      this.eat('.');
      const name = this.tokens[this.i++].v;
      if (t.v === 'local') return this.ev.local(name);
      if (!(name in this.ev.vars)) throw new Error(`var.${name} is not declared`);
      return this.ev.vars[name];
    }
    // A resource or data source: its attributes exist only after apply.
    return new Unknown(t.v);
  }
  call(name) {
    const fn = FUNCTIONS[name];
    if (!fn) throw new Error(`function ${name}() is not supported by lib/evaluate.mjs (in ${this.src})`);
    this.eat('(');
    const args = [];
    while (!this.peek(')')) {
      args.push(this.ternary());
      if (!this.peek(')')) this.eat(',');
    }
    this.eat(')');
    return fn(...args);
  }
  list() {
    if (this.tokens[this.i]?.t === 'id' && this.tokens[this.i].v === 'for') return this.forExpr(']');
    const out = [];
    while (!this.peek(']')) {
      out.push(this.ternary());
      if (!this.peek(']')) this.eat(',');
    }
    this.eat(']');
    return out;
  }
  object() {
    if (this.tokens[this.i]?.t === 'id' && this.tokens[this.i].v === 'for') return this.forExpr('}');
    const out = {};
    while (!this.peek('}')) {
      const key = this.tokens[this.i++].v;
      this.eat('=');
      out[key] = this.ternary();
      if (this.peek(',')) this.i++;
    }
    this.eat('}');
    return out;
  }
  // [for x in xs : f(x) if c] and {for k, v in m : k => v if c}
  forExpr(close) {
    this.i++;
    const names = [this.tokens[this.i++].v];
    if (this.peek(',')) {
      this.i++;
      names.push(this.tokens[this.i++].v);
    }
    if (this.tokens[this.i++]?.v !== 'in') throw new Error(`expected in, in ${this.src}`);
    const coll = this.ternary();
    this.eat(':');
    const bodyStart = this.i;
    const entries = Array.isArray(coll) ? coll.map((v, k) => [k, v]) : Object.entries(coll);
    const out = close === '}' ? {} : [];
    let end = null;
    for (const [k, v] of entries) {
      const scope = names.length === 2 ? { ...this.scope, [names[0]]: k, [names[1]]: v } : { ...this.scope, [names[0]]: v };
      const sub = new Parser(this.tokens, this.ev, scope, this.src);
      sub.i = bodyStart;
      const key = sub.ternary();
      let val = key;
      if (close === '}') {
        sub.eat('=>');
        val = sub.ternary();
      }
      let keep = true;
      if (sub.tokens[sub.i]?.t === 'id' && sub.tokens[sub.i].v === 'if') {
        sub.i++;
        keep = sub.ternary();
      }
      end = sub.i;
      if (keep) close === '}' ? (out[key] = val) : out.push(val);
    }
    if (end === null) end = this.skipTo(close);
    this.i = end;
    this.eat(close);
    return out;
  }
  // Skips a for body over an empty collection: to the matching close bracket.
  skipTo(close) {
    let depth = 0;
    let j = this.i;
    for (; j < this.tokens.length; j++) {
      const v = this.tokens[j].t === 'op' ? this.tokens[j].v : null;
      if (v === '(' || v === '[' || v === '{') depth++;
      else if (v === ')' || v === ']' || v === '}') {
        if (depth === 0 && v === close) return j;
        depth--;
      }
    }
    throw new Error(`unbalanced ${close} in ${this.src}`);
  }
}
