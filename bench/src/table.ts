/**
 * The one table: a Markdown table (readable as plain text in a terminal, pasted as is into bench/README.md), one row
 * per measurement, one column per system, and each VibeCode column against the best peer. n/a cells carry a
 * numbered footnote with the reason; equal reasons share a number.
 */
import { ratioToBestPeer } from './ratio.ts';
import { type Cell, type Row, SUBJECT_IDS, SYSTEM_IDS, type SystemId, type SystemInfo } from './results.ts';

/** Three significant figures at most, never scientific notation: 0.134, 1.37, 44.9, 812, 2304. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const abs = Math.abs(v);
  if (abs >= 100) return v.toFixed(0);
  if (abs >= 10) return v.toFixed(1);
  if (abs >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

class Footnotes {
  readonly reasons: string[] = [];

  mark(reason: string): string {
    let index = this.reasons.indexOf(reason);
    if (index < 0) index = this.reasons.push(reason) - 1;
    return `[${index + 1}]`;
  }
}

function cellText(cell: Cell | undefined, notes: Footnotes): string {
  if (cell === undefined) return `n/a ${notes.mark('not measured')}`;
  if ('na' in cell) return `n/a ${notes.mark(cell.na)}`;
  return cell.note ? `${formatNumber(cell.value)} (${cell.note})` : formatNumber(cell.value);
}

function ratioText(row: Row, subject: SystemId, labels: Record<SystemId, string>): string {
  const r = ratioToBestPeer(row, subject);
  if (r === null) return '—';
  const peer = labels[r.peer];
  if (r.verdict === 'equal') return `= ${peer}`;
  return `${formatNumber(r.factor)}× ${r.verdict} than ${peer}`;
}

const escapePipes = (text: string) => text.replaceAll('|', '\\|');

export function formatTable(rows: readonly Row[], systems: readonly SystemInfo[]): string {
  const shown = SYSTEM_IDS.filter((id) => systems.some((s) => s.id === id));
  const labels = Object.fromEntries(SYSTEM_IDS.map((id) => [id, systems.find((s) => s.id === id)?.label ?? id]));
  const short = labels as Record<SystemId, string>;
  const notes = new Footnotes();
  const subjects = SUBJECT_IDS.filter((id) => shown.includes(id));
  const header = ['measurement', ...shown.map((id) => short[id]), ...subjects.map((id) => `${short[id]} vs best peer`)];
  const lines = [header, header.map(() => '---')];
  for (const row of rows) {
    lines.push([
      `${row.label} (${row.unit}, ${row.better} is better)`,
      ...shown.map((id) => cellText(row.cells[id], notes)),
      ...subjects.map((id) => ratioText(row, id, short)),
    ]);
  }
  const table = lines.map((cells) => `| ${cells.map(escapePipes).join(' | ')} |`).join('\n');
  const footnotes = notes.reasons.map((reason, i) => `[${i + 1}] ${reason}`).join('\n');
  return footnotes ? `${table}\n\n${footnotes}\n` : `${table}\n`;
}
