import { ExprSyntaxError, tokenize, type Operator, type Token } from './tokens.js';

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '^';

export type Expr =
  | { type: 'num'; value: number }
  | { type: 'var'; name: string }
  | { type: 'neg'; operand: Expr }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { type: 'cond'; test: Expr; then: Expr; else: Expr }
  | { type: 'call'; fn: string; args: Expr[] }
  | { type: 'assign'; name: string; value: Expr };

/** Binary levels from loosest to tightest; all left-associative (`^` is handled apart: right-associative). */
const LEVELS: BinaryOp[][] = [['||'], ['&&'], ['==', '!=', '<', '>', '<=', '>='], ['+', '-'], ['*', '/']];

class Parser {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private isOp(op: Operator): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.op === op;
  }

  private expect(op: Operator): void {
    if (!this.isOp(op)) this.fail(`expected "${op}"`);
    this.pos++;
  }

  private fail(message: string): never {
    const t = this.peek();
    throw new ExprSyntaxError(this.src, t.at, t.kind === 'end' ? `${message} but the expression ended` : message);
  }

  statements(): Expr[] {
    const out = [this.assignment()];
    while (this.isOp(';') || this.isOp(',')) {
      this.pos++;
      if (this.peek().kind === 'end') break;
      out.push(this.assignment());
    }
    if (this.peek().kind !== 'end') this.fail('unexpected token');
    return out;
  }

  private assignment(): Expr {
    const t = this.peek();
    const next = this.tokens[this.pos + 1];
    if (t.kind === 'var' && next?.kind === 'op' && next.op === '=') {
      this.pos += 2;
      return { type: 'assign', name: t.name, value: this.assignment() };
    }
    return this.conditional();
  }

  private conditional(): Expr {
    const test = this.binary(0);
    if (!this.isOp('?')) return test;
    this.pos++;
    const then = this.conditional();
    this.expect(':');
    return { type: 'cond', test, then, else: this.conditional() };
  }

  private binary(level: number): Expr {
    if (level === LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !(LEVELS[level] as string[]).includes(t.op)) return left;
      this.pos++;
      left = { type: 'binary', op: t.op as BinaryOp, left, right: this.binary(level + 1) };
    }
  }

  /** muParser's sign binds looser than `^`: -2^2 is -(2^2). */
  private unary(): Expr {
    if (this.isOp('-')) {
      this.pos++;
      return { type: 'neg', operand: this.unary() };
    }
    if (this.isOp('+')) {
      this.pos++;
      return this.unary();
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.primary();
    if (!this.isOp('^')) return base;
    this.pos++;
    return { type: 'binary', op: '^', left: base, right: this.unary() };
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'num':
        this.pos++;
        return { type: 'num', value: t.value };
      case 'var':
        this.pos++;
        return { type: 'var', name: t.name };
      case 'ident': {
        this.pos++;
        this.expect('(');
        const args: Expr[] = [];
        if (!this.isOp(')')) {
          args.push(this.conditional());
          while (this.isOp(',')) {
            this.pos++;
            args.push(this.conditional());
          }
        }
        this.expect(')');
        return { type: 'call', fn: t.name, args };
      }
      case 'op':
        if (t.op === '(') {
          this.pos++;
          const inner = this.conditional();
          this.expect(')');
          return inner;
        }
        return this.fail(`unexpected "${t.op}"`);
      case 'end':
        return this.fail('expected a value');
    }
  }
}

/** Parses one expression, or several separated by ";" or "," (temp_vars may hold more than one assignment). */
export function parseStatements(src: string): Expr[] {
  return new Parser(src, tokenize(src)).statements();
}

export function parseExpression(src: string): Expr {
  const all = parseStatements(src);
  if (all.length !== 1) throw new ExprSyntaxError(src, 0, `expected one expression, found ${all.length}`);
  return all[0]!;
}

/** Every `$variable` the expression reads (not those it assigns), in first-use order. */
export function variablesOf(exprs: Expr | Expr[]): string[] {
  const seen = new Set<string>();
  const assigned = new Set<string>();
  const walk = (e: Expr): void => {
    switch (e.type) {
      case 'var':
        if (!assigned.has(e.name)) seen.add(e.name);
        return;
      case 'neg':
        return walk(e.operand);
      case 'binary':
        walk(e.left);
        return walk(e.right);
      case 'cond':
        walk(e.test);
        walk(e.then);
        return walk(e.else);
      case 'call':
        return e.args.forEach(walk);
      case 'assign':
        walk(e.value);
        assigned.add(e.name);
        return;
      case 'num':
        return;
    }
  };
  (Array.isArray(exprs) ? exprs : [exprs]).forEach(walk);
  return [...seen];
}
