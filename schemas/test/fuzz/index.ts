/**
 * `@vibecode/schemas/testing`: what other workspaces' fuzz tests share with the protocol's own — the near-valid
 * edits, the fuzz run settings and one valid body per HTTP route. Test code only: nothing in a `src/` imports it.
 */
export { requestExamples } from '../api-examples.ts';
export { editedStrings, nearValid } from './near-valid.ts';
export { fuzzParameters, fuzzTimeout } from './settings.ts';
