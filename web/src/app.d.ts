// See https://svelte.dev/docs/kit/types#app.d.ts
import type { MiniAppEnv } from '@vibecode/miniapp';

declare global {
  namespace App {
    /** The Worker's env as the one Worker hands it to this app (worker/src/index.ts): only what pages read. */
    interface Platform {
      env: MiniAppEnv;
    }
  }
}
