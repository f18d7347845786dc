/** What core/vitest.localcloud.ts and vitest.release-host.ts provide to the workerd tests (`inject(…)`). */
declare module 'vitest' {
  export interface ProvidedContext {
    localcloudUrl: string;
    releaseHostUrl: string;
  }
}

export {};
