import { describe, expect, it } from 'vitest';
import { parseManifest, releaseUrls, requireCompatible, signatureBase64, updateOffer } from './manifest.ts';
import { ReleaseError } from './release-error.ts';

const manifest = { version: '0.2.0', schema_version: '1', sha256: 'b'.repeat(64), size: 1234, node: '20.20.2' };
const url = 'https://releases.example.com/gateway/manifest.json';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ReleaseError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('the release manifest', () => {
  it('parses a valid one and refuses text that is not JSON or not the five fields', () => {
    expect(parseManifest(JSON.stringify(manifest), url)).toEqual(manifest);
    expect(codeOf(() => parseManifest('<html>', url))).toBe('release.unavailable');
    expect(codeOf(() => parseManifest(JSON.stringify({ ...manifest, sha256: 'x' }), url))).toBe('release.unavailable');
  });

  it('finds the tarball and its signature beside the manifest', () => {
    expect(releaseUrls(url, '0.2.0')).toEqual({
      tarball: 'https://releases.example.com/gateway/vibe-gateway-0.2.0-linux-x64.tar.gz',
      signature: 'https://releases.example.com/gateway/vibe-gateway-0.2.0-linux-x64.tar.gz.sig',
    });
  });

  it('refuses a release for another protocol as incompatible', () => {
    expect(requireCompatible(manifest)).toBe(manifest);
    expect(codeOf(() => requireCompatible({ ...manifest, schema_version: '2' }))).toBe('release.incompatible');
  });

  it('offers an update only when the release is compatible and newer than the gateway', () => {
    expect(updateOffer('0.1.0', manifest)).toEqual({ version: '0.2.0' });
    expect(updateOffer('0.2.0', manifest)).toBe(null);
    expect(updateOffer('0.3.0', manifest)).toBe(null);
    expect(updateOffer('0.1.0', { ...manifest, schema_version: '2' })).toBe(null);
    expect(updateOffer(null, manifest)).toBe(null);
    expect(updateOffer('0.1.0', null)).toBe(null);
  });

  it('takes a DER signature as base64 and refuses a file that is not one', () => {
    const der = Uint8Array.from([0x30, 0x44, ...new Array(68).fill(7)]);
    expect(signatureBase64(der, url)).toBe(Buffer.from(der).toString('base64'));
    expect(codeOf(() => signatureBase64(new TextEncoder().encode('<html>not found</html>'), url))).toBe(
      'release.unavailable',
    );
    expect(codeOf(() => signatureBase64(Uint8Array.from([0x30, 1]), url))).toBe('release.unavailable');
    expect(codeOf(() => signatureBase64(new Uint8Array(513).fill(0x30), url))).toBe('release.unavailable');
  });
});
