/** JSON pointers (RFC 6901) as validators report them: does the pointer name a location that exists in a value? */

/** The pointer's segments, unescaped (`~1` is `/`, `~0` is `~`, in that order). */
export function segmentsOf(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

export function resolves(value: unknown, pointer: string): boolean {
  let here: unknown = value;
  for (const segment of segmentsOf(pointer)) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here, segment)) return false;
    here = (here as Record<string, unknown>)[segment];
  }
  return true;
}
