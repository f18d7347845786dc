/**
 * Everything the hub side serves, mounted once by the app: sockets, sessions, the attention feed and answers, keys,
 * files, health, updates.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { attentionRoutes } from '../attention/routes.ts';
import { fileRoutes } from '../files/routes.ts';
import { keyRoutes } from '../keys/routes.ts';
import { updateRoutes } from '../release/update-route.ts';
import { sessionRoutes } from '../sessions/routes.ts';
import { healthRoutes } from './health-route.ts';
import { socketRoutes } from './socket-routes.ts';

export const hubRoutes = new Hono<AppEnv>()
  .route('/', socketRoutes)
  .route('/', sessionRoutes)
  .route('/', attentionRoutes)
  .route('/', keyRoutes)
  .route('/', fileRoutes)
  .route('/', healthRoutes)
  .route('/', updateRoutes);
