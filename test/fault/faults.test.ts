/**
 * The fault suite against the running system (wrangler dev, this checkout's gateway, tmux): each case breaks one
 * thing and checks what the person at the terminal sees. One stack for all of them; the case that kills the tmux
 * server comes last because it ends every session.
 */
import { describe } from 'vitest';
import { linkCutCases } from './link-cut.cases.ts';
import { controlPlaneRestartCases } from './restart.cases.ts';
import { slowViewerCases } from './slow-viewer.cases.ts';
import { faultSuite } from './suite.ts';
import { tmuxKilledCases } from './tmux-killed.cases.ts';

const suite = faultSuite();

describe('the gateway link cut mid-stream', () => linkCutCases(suite));
describe('a viewer that never reads', () => slowViewerCases(suite));
describe('wrangler dev restarted', () => controlPlaneRestartCases(suite));
describe('the tmux server killed', () => tmuxKilledCases(suite));
