/**
 * The keys a sign-in request counts against, made so that one person cannot multiply them: an IPv6 client is one
 * /64 (a home or a VPS gets a whole /64, so per-address IPv6 keys would be free to mint), and an email address is
 * counted under the mailbox it reaches, not the spelling it was typed in. The stored identity stays as typed; these
 * keys are only for counting.
 */

/**
 * Providers that ignore dots in the local part (`j.doe@` and `jdoe@` are one mailbox). Only Google's consumer
 * domains are known to do so; googlemail.com is the same mailbox as gmail.com, so it counts as gmail.com.
 */
const DOTS_IGNORED: Record<string, string> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/** The mailbox an address reaches: lower case, `+tag` dropped (nearly every provider delivers `a+x@` to `a@`), dots dropped where ignored. */
export function addressKey(email: string): string {
  const at = email.lastIndexOf('@');
  const domain = domainKey(email);
  let local = email.slice(0, at).toLowerCase();
  const plus = local.indexOf('+');
  if (plus >= 0) local = local.slice(0, plus);
  if (DOTS_IGNORED[email.slice(at + 1).toLowerCase()]) local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}

/**
 * The domain, as typed (lower case; aliases folded). Subdomains count on their own: without a public-suffix list,
 * cutting to a registrable domain would put all of `co.uk` under one key. The global cap bounds what that leaves.
 */
export function domainKey(email: string): string {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return DOTS_IGNORED[domain] ?? domain;
}

/** The client's bucket: an IPv4 address as is, an IPv6 address as its /64, anything unparsable as itself. */
export function ipBucket(ip: string | undefined): string {
  const text = (ip ?? '').trim().toLowerCase();
  if (text === '') return 'unknown';
  if (!text.includes(':')) return text;
  const groups = ipv6Groups(text);
  if (!groups) return text;
  // An IPv4-mapped address (::ffff:a.b.c.d) is that IPv4 client.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted IPv4 as two groups), or null. */
function ipv6Groups(address: string): number[] | null {
  const text = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (half: string | undefined): number[] | null => {
    if (!half) return [];
    const out: number[] = [];
    for (const part of half.split(':')) {
      const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(part);
      if (v4) {
        const b = v4.slice(1).map(Number);
        if (b.some((n) => n > 255)) return null;
        out.push(((b[0] ?? 0) << 8) | (b[1] ?? 0), ((b[2] ?? 0) << 8) | (b[3] ?? 0));
      } else if (/^[0-9a-f]{1,4}$/.test(part)) {
        out.push(Number.parseInt(part, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
}
