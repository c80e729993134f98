// Statistics and the one table the benchmark prints (and writes as JSON).

export interface Row {
  section: string;
  metric: string;
  /** What is printed. */
  value: string;
  /** The number behind `value`, for the JSON (undefined for text-only rows). */
  measured?: number;
  unit?: string;
  goal: string;
  /** undefined: informational, no goal. */
  met?: boolean;
}

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Nearest-rank percentile (p in 0..100). */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
};

export const ms = (value: number): string => `${value.toFixed(2)} ms`;
export const ratio = (value: number): string => value.toFixed(2);
export const bytes = (value: number): string => `${value.toLocaleString('en-US')} B`;

const metText = (met: boolean | undefined) => (met === undefined ? '-' : met ? 'yes' : 'no');

/** Plain text, aligned columns; a blank line between sections. */
export function formatTable(rows: readonly Row[]): string {
  const header = { metric: 'metric', value: 'value', goal: 'goal', met: 'met' };
  const cells = rows.map((r) => ({ section: r.section, metric: r.metric, value: r.value, goal: r.goal, met: metText(r.met) }));
  const width = (key: 'metric' | 'value' | 'goal') => Math.max(header[key].length, ...cells.map((c) => c[key].length));
  const [wm, wv, wg] = [width('metric'), width('value'), width('goal')];
  const line = (c: { metric: string; value: string; goal: string; met: string }) =>
    `${c.metric.padEnd(wm)}  ${c.value.padStart(wv)}  ${c.goal.padEnd(wg)}  ${c.met}`.trimEnd();
  const out = [line(header), `${'-'.repeat(wm)}  ${'-'.repeat(wv)}  ${'-'.repeat(wg)}  ---`];
  let section: string | undefined;
  for (const c of cells) {
    if (section !== undefined && c.section !== section) out.push('');
    section = c.section;
    out.push(line(c));
  }
  return out.join('\n');
}
