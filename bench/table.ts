/** One printed benchmark line: a figure beside its baseline from the same run. */
export type Row = { name: string; baseline: string; studio: string; ratio: string; target: string; ok: boolean | null };

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
export const signed = (ms: number) => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(1)} ms`;

export function printTable(title: string, rows: Row[]) {
  console.log(`\n${title}\n`);
  const widths = [46, 22, 18, 12, 12];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' ');
  console.log(line(['measure', 'baseline', 'studio', 'ratio', 'target']));
  for (const r of rows) console.log(line([r.name, r.baseline, r.studio, r.ratio, r.target]) + (r.ok === null ? '' : r.ok ? '  ok' : '  MISSED'));
}
