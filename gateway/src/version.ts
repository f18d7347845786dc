/** The gateway's semver, from its package.json (inlined into the release bundle). */
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
