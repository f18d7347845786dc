#!/usr/bin/env node
/** `npm start`: runs the whole system locally. The control plane and localcloud land with issues #4 and #5. */
console.log(
  'VibeCode: nothing runs locally yet. The control plane (wrangler dev) and localcloud land in later changes;\n' +
    'until then `npm test` exercises the protocol package.',
);
