/** What core/vitest.localcloud.ts provides to the workerd tests (`inject('localcloudUrl')`). */
declare module 'vitest' {
  export interface ProvidedContext {
    localcloudUrl: string;
  }
}

export {};
