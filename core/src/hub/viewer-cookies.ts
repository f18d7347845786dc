/**
 * The cookies the terminal sockets' upgrades resolved in this isolate lately (`RecentWebSessions`): read by the
 * upgrade route, forgotten by a sign-out handled here.
 */
import { RecentWebSessions } from '../auth/recent-web-sessions.ts';
import type { resolveWebSession } from '../auth/web-session.ts';

export const recentViewerCookies = new RecentWebSessions<NonNullable<Awaited<ReturnType<typeof resolveWebSession>>>>();
