import { describe, expect, it } from 'vitest';
import { buildHubUpgrade, HubHeader, parseHubUpgrade } from './internal-request.ts';

describe('hub upgrade requests', () => {
  it('round-trips a gateway and a subscriber connect', () => {
    const gateway = { role: 'gateway', gatewayId: 'g1', vpsId: 'v1' } as const;
    expect(parseHubUpgrade(buildHubUpgrade(gateway))).toEqual(gateway);
    const sub = {
      role: 'subscriber',
      gatewayId: 'g1',
      vpsId: 'v1',
      userId: 'u',
      sessionId: 's',
      sessionNumber: 4,
      webSession: 'w',
    } as const;
    expect(parseHubUpgrade(buildHubUpgrade(sub))).toEqual(sub);
  });

  it('refuses anything incomplete or malformed', () => {
    const base = buildHubUpgrade({
      role: 'subscriber',
      gatewayId: 'g',
      vpsId: 'v',
      userId: 'u',
      sessionId: 's',
      sessionNumber: 1,
      webSession: 'w',
    });
    const without = (name: string) => {
      const headers = new Headers(base.headers);
      headers.delete(name);
      return new Request(base.url, { headers });
    };
    expect(parseHubUpgrade(without(HubHeader.gatewayId))).toBeNull();
    expect(parseHubUpgrade(without(HubHeader.userId))).toBeNull();
    expect(parseHubUpgrade(without(HubHeader.webSession))).toBeNull();
    const zero = new Headers(base.headers);
    zero.set(HubHeader.sessionNumber, '0');
    expect(parseHubUpgrade(new Request(base.url, { headers: zero }))).toBeNull();
    expect(parseHubUpgrade(new Request('https://hub.internal/other', { headers: base.headers }))).toBeNull();
  });
});
