/**
 * A VibeCode column against the best peer on one row: which peer is best, and by what factor that column is better
 * or worse.
 */
import { isValue, PEER_IDS, type Row, type SystemId } from './results.ts';

export interface Ratio {
  /** The best peer on this row. */
  peer: SystemId;
  /** VibeCode's value ÷ the best peer's value. */
  ratio: number;
  /** How many times better (≥ 1) or worse (< 1) VibeCode is, whatever the row's direction. */
  factor: number;
  verdict: 'better' | 'worse' | 'equal';
}

/** Values within this fraction of each other are reported as equal: run-to-run noise is larger. */
const EQUAL_WITHIN = 0.02;

export function ratioToBestPeer(row: Row, subject: SystemId = 'vibecode'): Ratio | null {
  const mine = row.cells[subject];
  if (!isValue(mine)) return null;
  let best: { peer: SystemId; value: number } | null = null;
  for (const peer of PEER_IDS) {
    const cell = row.cells[peer];
    if (!isValue(cell)) continue;
    const wins = best === null || (row.better === 'lower' ? cell.value < best.value : cell.value > best.value);
    if (wins) best = { peer, value: cell.value };
  }
  if (best === null) return null;
  const ratio = best.value === 0 ? (mine.value === 0 ? 1 : Number.POSITIVE_INFINITY) : mine.value / best.value;
  // "Better" means smaller for latency and memory, larger for throughput.
  const goodness = row.better === 'lower' ? 1 / ratio : ratio;
  const verdict = Math.abs(goodness - 1) <= EQUAL_WITHIN ? 'equal' : goodness > 1 ? 'better' : 'worse';
  return { peer: best.peer, ratio, factor: goodness >= 1 ? goodness : 1 / goodness, verdict };
}
