// A strict reader of Prometheus text format 0.0.4, for tests: it rejects what
// Prometheus would reject (and what the format's rules forbid) rather than
// guessing, so a test passing means the output follows the rules.
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedFamily {
  help: string;
  type: string;
  samples: ParsedSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function unescapeHelp(s: string): string {
  return s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

function readLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new Error(`label without "=": ${line}`);
    const key = text.slice(i, eq);
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key)) throw new Error(`bad label name "${key}": ${line}`);
    if (text[eq + 1] !== '"') throw new Error(`label value not quoted: ${line}`);
    let value = '';
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j++) {
      const c = text[j]!;
      if (c === '\n') throw new Error(`raw line feed in a label value: ${line}`);
      if (c === '\\') {
        const n = text[++j];
        if (n === '\\') value += '\\';
        else if (n === '"') value += '"';
        else if (n === 'n') value += '\n';
        else throw new Error(`bad escape \\${n}: ${line}`);
      } else value += c;
    }
    if (j >= text.length) throw new Error(`unterminated label value: ${line}`);
    if (key in labels) throw new Error(`label ${key} twice: ${line}`);
    labels[key] = value;
    i = j + 1;
    if (text[i] === ',') i++;
    else if (i < text.length) throw new Error(`junk after label value: ${line}`);
  }
  return labels;
}

export function parseExposition(text: string): Map<string, ParsedFamily> {
  if (text !== '' && !text.endsWith('\n')) throw new Error('the last line must end with a line feed');
  const families = new Map<string, ParsedFamily>();
  const seriesSeen = new Set<string>();
  const finished = new Set<string>();
  let current: string | undefined;
  for (const line of text.split('\n').slice(0, -1)) {
    if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) {
      const [, kind, name, ...rest] = line.split(' ');
      if (!name || !NAME.test(name)) throw new Error(`bad metric name in: ${line}`);
      if (name !== current) {
        if (current !== undefined) finished.add(current);
        if (finished.has(name)) throw new Error(`family ${name} split in two`);
        current = name;
      }
      const f = families.get(name) ?? { help: '', type: '', samples: [] };
      if (kind === 'HELP') {
        if (f.help !== '') throw new Error(`two HELP lines for ${name}`);
        f.help = unescapeHelp(rest.join(' '));
      } else {
        if (f.type !== '') throw new Error(`two TYPE lines for ${name}`);
        if (f.samples.length > 0) throw new Error(`TYPE after samples for ${name}`);
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest.join(' '))) throw new Error(`bad type: ${line}`);
        f.type = rest.join(' ');
      }
      families.set(name, f);
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const name = m[1]!;
    const f = families.get(name);
    if (!f || f.type === '' || f.help === '') throw new Error(`sample of ${name} before its HELP and TYPE`);
    if (name !== current) throw new Error(`sample of ${name} outside its family's block`);
    const raw = m[3]!;
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : raw === 'NaN' ? NaN : Number(raw);
    if (raw !== 'NaN' && Number.isNaN(value)) throw new Error(`bad value: ${line}`);
    const labels = readLabels(m[2] ?? '', line);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seriesSeen.has(key)) throw new Error(`duplicate series: ${line}`);
    seriesSeen.add(key);
    f.samples.push({ name, labels, value });
  }
  return families;
}
