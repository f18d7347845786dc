/** A percentage series as an SVG path and a sentence, for the health sparklines. */

export interface SparkPoint {
  /** Milliseconds since the epoch. */
  at: number;
  /** Percent, 0–100; values outside are clamped to the chart. */
  value: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The points as an SVG path in a `width` × `height` box: time runs left to right from the first point to the
 * last, 0 % at the bottom and 100 % at the top. A single point is a flat line across; no points, an empty path.
 */
export function sparklinePath(points: readonly SparkPoint[], width: number, height: number): string {
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined) return '';
  const y = (value: number) => round(height - (Math.min(100, Math.max(0, value)) / 100) * height);
  if (points.length === 1) return `M0 ${y(first.value)} L${width} ${y(first.value)}`;
  const span = last.at - first.at;
  const x = (at: number, i: number) =>
    round(span > 0 ? ((at - first.at) / span) * width : (i / (points.length - 1)) * width);
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at, i)} ${y(p.value)}`).join(' ');
}

/** "CPU over the last hour: min 3 %, max 40 %", or that there is no data yet. */
export function sparklineSummary(label: string, points: readonly SparkPoint[]): string {
  if (points.length === 0) return `${label} over the last hour: no samples yet`;
  const values = points.map((p) => Math.round(p.value));
  return `${label} over the last hour: min ${Math.min(...values)} %, max ${Math.max(...values)} %`;
}
