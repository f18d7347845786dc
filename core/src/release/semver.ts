/**
 * Semantic Versioning 2.0.0 precedence (semver.org §11) for gateway versions: numeric major.minor.patch, a release
 * is newer than its own pre-releases, pre-release identifiers compare numerically or in ASCII order, and build
 * metadata (`+…`) never counts.
 */

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

interface Parsed {
  core: [bigint, bigint, bigint];
  pre: string[];
}

function parse(version: string): Parsed | null {
  const match = SEMVER.exec(version);
  if (!match) return null;
  const [, major, minor, patch, pre] = match;
  return {
    core: [BigInt(major as string), BigInt(minor as string), BigInt(patch as string)],
    pre: pre ? pre.split('.') : [],
  };
}

const sign = (a: bigint | number | string, b: bigint | number | string): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

function comparePre(a: string[], b: string[]): -1 | 0 | 1 {
  // A version without pre-release identifiers is the release itself: newer than any of its pre-releases.
  if (a.length === 0 || b.length === 0) return sign(b.length, a.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    // Numeric identifiers are lower than alphanumeric ones.
    const order =
      xNumeric && yNumeric ? sign(BigInt(x), BigInt(y)) : xNumeric !== yNumeric ? (xNumeric ? -1 : 1) : sign(x, y);
    if (order !== 0) return order;
  }
  return sign(a.length, b.length);
}

/** -1 when `a` precedes `b`, 1 when it follows, 0 when they are equal in precedence; null if either is not semver. */
export function compareVersions(a: string, b: string): -1 | 0 | 1 | null {
  const x = parse(a);
  const y = parse(b);
  if (x === null || y === null) return null;
  for (let i = 0; i < 3; i++) {
    const order = sign(x.core[i] as bigint, y.core[i] as bigint);
    if (order !== 0) return order;
  }
  return comparePre(x.pre, y.pre);
}

/** Whether `candidate` is a newer version than `current` (false when either is not semver). */
export function isNewer(candidate: string, current: string): boolean {
  return compareVersions(candidate, current) === 1;
}
