/**
 * The SvelteKit worker that `npm run build -w web` writes to `build/worker.js`. The one Worker's entry
 * (`worker/src/index.ts`) hands it every request that is not an API path. Typed structurally, so this package
 * needs no Cloudflare types.
 */
interface AssetsBinding {
  fetch(input: Request | string): Promise<Response>;
}

interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
}

declare const sveltekitWorker: {
  fetch(request: Request, env: { ASSETS: AssetsBinding }, ctx: WorkerContext): Promise<Response>;
};

export default sveltekitWorker;
