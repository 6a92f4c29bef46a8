/** The end-of-run summary, in words: what each arm kept and turned away, what was written, what was missed. */
import type { ChalkInstance } from 'chalk';
import type { ArmReport } from './report.js';
import type { RunSummary } from './run.js';

function armLine(r: ArmReport, what: string, c: ChalkInstance): string[] {
  const lines = [`${r.arm} arm: ${c.green(`${r.accepted} ${what} accepted`)}, ${r.rejectedTotal} rejected`];
  const by = [...r.rejected.entries()].sort((a, b) => b[1].count - a[1].count);
  for (const [name, { count, example }] of by) lines.push(`  ${count} by ${c.bold(name)} (e.g. ${example})`);
  return lines;
}

export function summaryLines(s: RunSummary, c: ChalkInstance): string[] {
  const lines: string[] = [];
  if (s.events) lines.push(...armLine(s.events, 'events', c));
  if (s.channels) lines.push(...armLine(s.channels, 'channels', c));
  if (s.pairs) {
    lines.push(...armLine(s.pairs, 'event-channel pairs', c));
    if (s.pairs.failed > 0) lines.push(c.red(`  ${s.pairs.failed} pair${s.pairs.failed === 1 ? '' : 's'} failed (see the run report)`));
    if ((s.settledBefore ?? 0) > 0) lines.push(`  ${s.settledBefore} pair${s.settledBefore === 1 ? '' : 's'} settled by an earlier run of this folder, not fetched again`);
    if ((s.waiting ?? 0) > 0) lines.push(c.yellow(`  ${s.waiting} pair${s.waiting === 1 ? '' : 's'} still wait for data: run the same command again to go on`));
  }
  if (s.outputs.length > 0) {
    const shown = s.outputs.slice(0, 5).join(', ') + (s.outputs.length > 5 ? `, and ${s.outputs.length - 5} more` : '');
    lines.push(`wrote ${s.outputs.length} file${s.outputs.length === 1 ? '' : 's'}: ${shown}`);
  }
  if (s.failures.length > 0) {
    lines.push(c.red(`missed ${s.failures.length} source${s.failures.length === 1 ? '' : 's'} or row${s.failures.length === 1 ? '' : 's'}:`));
    for (const f of s.failures) lines.push(`  ${f.where}${f.location ? ` (${f.location})` : ''}: ${f.message.split('\n')[0]}`);
  }
  return lines;
}

/** The same summary as data, for --log-json. */
export function summaryData(s: RunSummary): Record<string, unknown> {
  const arm = (r: ArmReport | undefined) =>
    r && { accepted: r.accepted, rejected: Object.fromEntries([...r.rejected].map(([by, v]) => [by, { count: v.count, example: v.example }])) };
  return {
    ...(s.events ? { events: arm(s.events) } : {}),
    ...(s.channels ? { channels: arm(s.channels) } : {}),
    ...(s.pairs ? { pairs: { ...arm(s.pairs), failed: s.pairs.failed, retrying: s.pairs.retrying, settledBefore: s.settledBefore ?? 0, waiting: s.waiting ?? 0 } } : {}),
    ...(s.state ? { state: s.state } : {}),
    outputs: s.outputs,
    failures: s.failures,
  };
}
