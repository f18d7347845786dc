/**
 * A signed-in browser without the magic-link round trip: the user and a web session written straight to D1, as the
 * verify step would. For tests about what a session may do, not how it is obtained (that is `auth.ts`'s `signIn`).
 */
import { env } from 'cloudflare:workers';
import { findOrCreateUser } from '../../src/auth/users.ts';
import { createWebSession } from '../../src/auth/web-session.ts';
import { openDb } from '../../src/db/client.ts';
import { uniqueEmail } from './auth.ts';

/** Another browser's session of `userId`: a fresh `vibe_session=…` cookie. */
export async function anotherSession(userId: string): Promise<string> {
  return `vibe_session=${await createWebSession(openDb(env.DB), userId, Date.now())}`;
}

export async function signedInUser(email = uniqueEmail()): Promise<{ cookie: string; userId: string; email: string }> {
  const user = await findOrCreateUser(openDb(env.DB), email, Date.now());
  return { cookie: await anotherSession(user.id), userId: user.id, email: user.email };
}
