/**
 * The Worker bindings core's own code reads, as core's typecheck sees them. Everything else in the env is read
 * through `parseConfig` as untyped vars. The Worker that runs core (worker/) compiles these same files against the
 * `Env` that `wrangler types` generates from wrangler.toml (worker/worker-configuration.d.ts) instead, so a binding
 * renamed or retyped there fails the worker's typecheck. Declared here, not imported from there, because core
 * depends on no Worker: the generated file names the Worker's entry module, which imports core.
 */
interface Env {
  DB: D1Database;
  KV: KVNamespace;
  GATEWAY_HUB: DurableObjectNamespace<import('./hub/gateway-hub.ts').GatewayHub>;
  RATE_LIMITER: DurableObjectNamespace<import('./auth/rate-limiter.ts').RateLimiter>;
  SUPPORT_PUBLIC_KEY: string;
}
