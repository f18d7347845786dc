/**
 * The browser tests' page: the real Terminal, imported the way the Mini App imports it, pointed at the test peer.
 * Query: `session` (protocol id), `ws` (socket URL), `banner` (offline banner delay, ms), `touch` (0/1).
 */
import { Terminal } from '@vibecode/web/terminal';
import { mount } from 'svelte';

const params = new URLSearchParams(location.search);
const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
const touch = params.get('touch');
mount(Terminal, {
  target,
  props: {
    sessionNumber: Number(params.get('session')),
    url: params.get('ws') ?? '',
    offlineBannerMs: Number(params.get('banner') ?? 30_000),
    touch: touch === null ? undefined : touch === '1',
  },
});
