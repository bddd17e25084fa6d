/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: every line must be
 * a HELP, a TYPE, a sample or blank, label values are unescaped (\\, \", \n), and a sample must
 * belong to the family its TYPE line announced. Throws on anything else.
 */
export interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

export interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: string;
  readonly samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*/;

function unescapeHelp(s: string): string {
  return s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

function parseValue(s: string): number {
  if (/^[+-]?inf$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) throw new Error(`not a number: ${s}`);
  return Number(s);
}

function parseSample(line: string): Sample {
  const name = NAME.exec(line)?.[0];
  if (!name) throw new Error(`no metric name: ${line}`);
  let i = name.length;
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i++;
    while (line[i] !== '}') {
      const key = LABEL.exec(line.slice(i))?.[0];
      if (!key) throw new Error(`bad label name at ${i}: ${line}`);
      i += key.length;
      if (line[i] !== '=' || line[i + 1] !== '"') throw new Error(`expected =" at ${i}: ${line}`);
      i += 2;
      let value = '';
      for (;;) {
        const c = line[i];
        if (c === undefined) throw new Error(`unterminated label value: ${line}`);
        if (c === '"') break;
        if (c === '\\') {
          const n = line[i + 1];
          if (n === '\\') value += '\\';
          else if (n === '"') value += '"';
          else if (n === 'n') value += '\n';
          else throw new Error(`bad escape \\${n}: ${line}`);
          i += 2;
        } else {
          value += c;
          i++;
        }
      }
      i++;
      if (key in labels) throw new Error(`label ${key} twice: ${line}`);
      labels[key] = value;
      if (line[i] === ',') i++;
      else if (line[i] !== '}') throw new Error(`expected , or } at ${i}: ${line}`);
    }
    i++;
  }
  const rest = line.slice(i).trim().split(/\s+/);
  if (line[i] !== ' ' || rest.length < 1 || rest.length > 2) throw new Error(`bad value part: ${line}`);
  return { name, labels, value: parseValue(rest[0]!) };
}

export function parseExposition(text: string): Family[] {
  const families: Family[] = [];
  const byName = new Map<string, Family>();
  let helpFor: { name: string; help: string } | null = null;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const help = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (help) {
      helpFor = { name: help[1]!, help: unescapeHelp(help[2]!) };
      continue;
    }
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      if (byName.has(type[1]!)) throw new Error(`family ${type[1]} twice`);
      const f: Family = { name: type[1]!, help: helpFor !== null && helpFor.name === type[1] ? helpFor.help : '', type: type[2]!, samples: [] };
      families.push(f);
      byName.set(f.name, f);
      continue;
    }
    if (line.startsWith('#')) throw new Error(`unexpected comment: ${line}`);
    const s = parseSample(line);
    const family = families[families.length - 1];
    if (!family || (s.name !== family.name && !s.name.startsWith(`${family.name}_`))) throw new Error(`sample outside its family: ${line}`);
    family.samples.push(s);
  }
  return families;
}

/** The samples of one metric. */
export function samples(families: readonly Family[], name: string): Sample[] {
  return families.find((f) => f.name === name)?.samples ?? [];
}
