/**
 * What core/vitest.localcloud.ts, vitest.release-host.ts and vitest.push-service.ts provide to the workerd tests
 * (`inject(…)`).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    localcloudUrl: string;
    releaseHostUrl: string;
    pushServiceUrl: string;
  }
}

export {};
