/**
 * The HTTP API half of `npm run gen`: from api/ (one schema per resource, and routes.json naming every JSON route
 * with its status, request and response) it renders the TypeScript types and precompiled validators. Resources
 * may refer to the protocol's schemas (`../common.json`, `../<message>.json`); in the types those become the
 * protocol's own generated types, so a shape is declared once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Ajv2020 from 'ajv/dist/2020.js';
import { compile } from 'json-schema-to-typescript';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface RouteSpec {
  name: string;
  status: number;
  description?: string;
  request?: JsonObject;
  response?: JsonObject;
}

export interface ApiSchemas {
  resources: JsonObject[];
  routesId: string;
  routes: Record<string, RouteSpec>;
}

export function loadApiSchemas(apiDir: string): ApiSchemas {
  const read = (f: string) => JSON.parse(readFileSync(join(apiDir, f), 'utf8'));
  const files = readdirSync(apiDir)
    .filter((f) => f.endsWith('.json') && f !== 'routes.json')
    .sort();
  const routes = read('routes.json');
  return { resources: files.map(read), routesId: routes.$id, routes: routes['x-routes'] };
}

/** `$defs` names of a route's bodies: `CreateVpsRequest`, `CreateVpsResponse`. */
const requestName = (spec: RouteSpec) => `${spec.name}Request`;
const responseName = (spec: RouteSpec) => `${spec.name}Response`;

/** The routes as one schema whose `$defs` are the bodies, so Ajv compiles them and refs resolve against its id. */
function routeDefs(api: ApiSchemas): JsonObject {
  const defs: JsonObject = {};
  for (const spec of Object.values(api.routes)) {
    if (spec.request) defs[requestName(spec)] = { title: requestName(spec), ...spec.request };
    if (spec.response) defs[responseName(spec)] = { title: responseName(spec), ...spec.response };
  }
  return defs;
}

const fileOf = (id: string) => id.slice(id.lastIndexOf('/') + 1);

/**
 * Rewrites refs for the single-document type compile: a sibling resource becomes a local `$defs` ref; a ref into
 * the protocol becomes a `tsType` naming the protocol's generated type, collected in `imports`.
 */
function localizeRefs(
  node: Json,
  titleByFile: Map<string, string>,
  protocolTitle: (file: string, pointer: string) => string,
  imports: Set<string>,
): Json {
  if (Array.isArray(node)) return node.map((n) => localizeRefs(n, titleByFile, protocolTitle, imports));
  if (node === null || typeof node !== 'object') return node;
  const ref = node.$ref;
  if (typeof ref === 'string') {
    const [file = '', pointer = ''] = ref.split('#');
    if (file.startsWith('../')) {
      const tsType = protocolTitle(file.slice(3), pointer);
      imports.add(tsType.replace(/\[.*$/, ''));
      return { tsType };
    }
    const title = titleByFile.get(file);
    if (title === undefined || pointer !== '') throw new Error(`gen: unresolvable API ref ${ref}`);
    return { $ref: `#/$defs/${title}` };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$id' || key === '$schema') continue;
    out[key] = localizeRefs(value, titleByFile, protocolTitle, imports);
  }
  return out;
}

export async function renderApiTypes(
  api: ApiSchemas,
  common: { $defs: Record<string, { title: string }> },
  messages: { $id: string; title: string }[],
  banner: string,
): Promise<string> {
  const titleByFile = new Map(api.resources.map((r) => [fileOf(String(r.$id)), String(r.title)]));
  const messageTitle = new Map(messages.map((m) => [fileOf(m.$id), m.title]));
  const protocolTitle = (file: string, pointer: string): string => {
    if (file === 'common.json') {
      const def = common.$defs[pointer.replace('/$defs/', '')];
      if (!def) throw new Error(`gen: no common definition ${pointer}`);
      return def.title;
    }
    const title = messageTitle.get(file);
    if (!title) throw new Error(`gen: no protocol message ${file}`);
    const property = /^\/properties\/([a-z_]+)$/.exec(pointer)?.[1];
    if (pointer !== '' && !property) throw new Error(`gen: unsupported pointer ${file}#${pointer}`);
    return property ? `${title}['${property}']` : title;
  };
  const imports = new Set<string>();
  const defs = Object.fromEntries(
    [...api.resources.map((r) => [String(r.title), r] as const), ...Object.entries(routeDefs(api))].map(
      ([title, schema]) => [title, localizeRefs(schema, titleByFile, protocolTitle, imports)],
    ),
  );
  const entries = Object.entries(api.routes);
  const routeType = (spec: RouteSpec): JsonObject => {
    const properties: JsonObject = { status: { const: spec.status } };
    if (spec.request) properties.request = { $ref: `#/$defs/${requestName(spec)}` };
    if (spec.response) properties.response = { $ref: `#/$defs/${responseName(spec)}` };
    return {
      type: 'object',
      additionalProperties: false,
      required: Object.keys(properties),
      properties,
      ...(spec.description ? { description: spec.description } : {}),
    };
  };
  const root = {
    title: 'ApiRoutes',
    description: 'Every JSON route of the HTTP API: success status, request body and response body.',
    type: 'object',
    additionalProperties: false,
    required: entries.map(([key]) => key),
    properties: Object.fromEntries(entries.map(([key, spec]) => [key, routeType(spec)])),
    $defs: defs,
  };
  const ts = await compile(root as never, 'ApiRoutes', {
    bannerComment: '',
    additionalProperties: false,
    unreachableDefinitions: true,
    format: true,
    // Bounds are the validators' job; a small maxItems would otherwise become a union of tuples.
    ignoreMinAndMaxItems: true,
    style: { singleQuote: true, semi: true, printWidth: 110 },
  });
  const importLine = `import type { ${[...imports].sort().join(', ')} } from './types.ts';`;
  return `${banner}/* biome-ignore-all lint: generated */\n${importLine}\n\n${ts}`;
}

/**
 * Resources marked `"x-validate": true`: documents the control plane reads from elsewhere (a release's manifest),
 * which get a validator of their own besides the routes' bodies.
 */
const validatedResources = (api: ApiSchemas) => api.resources.filter((r) => r['x-validate'] === true);

/** Adds the API's schemas to an Ajv that already holds the protocol's; returns the refs to compile, by name. */
export function addApiSchemas(ajv: Ajv2020, api: ApiSchemas): Record<string, string> {
  for (const resource of api.resources) ajv.addSchema(resource as object);
  ajv.addSchema({ $id: api.routesId, $defs: routeDefs(api) });
  const refs: Record<string, string> = {};
  for (const resource of validatedResources(api)) refs[String(resource.title)] = String(resource.$id);
  for (const spec of Object.values(api.routes)) {
    if (spec.request) refs[requestName(spec)] = `${api.routesId}#/$defs/${requestName(spec)}`;
    if (spec.response) refs[responseName(spec)] = `${api.routesId}#/$defs/${responseName(spec)}`;
  }
  return refs;
}

/**
 * `api-validator-map.ts`: each route's request and response validator, keyed by the route, and the validator and
 * type of each `x-validate` resource, keyed by its title.
 */
export function renderApiValidatorMap(api: ApiSchemas, banner: string): string {
  const entries = Object.entries(api.routes);
  const lines = (body: 'request' | 'response', name: (spec: RouteSpec) => string) =>
    entries
      .filter(([, spec]) => spec[body] !== undefined)
      .map(([key, spec]) => `  '${key}': v.${name(spec)},`)
      .join('\n');
  const resources = validatedResources(api).map((r) => String(r.title));
  return `${banner}import type { ${resources.join(', ')} } from './api-types.ts';
import type { CompiledValidator } from './validators.js';
import * as v from './api-validators.js';

/** The validator of every resource marked \`x-validate\` (documents read from elsewhere). */
export const resourceValidators = {
${resources.map((title) => `  ${title}: v.${title},`).join('\n')}
} as const satisfies Record<string, CompiledValidator>;

/** The type each of those validators checks for. */
export interface ResourceTypes {
${resources.map((title) => `  ${title}: ${title};`).join('\n')}
}

/** The request body validator of every route that takes a JSON body. */
export const requestValidators = {
${lines('request', requestName)}
} as const satisfies Record<string, CompiledValidator>;

/** The response body validator of every route that answers JSON. */
export const responseValidators = {
${lines('response', responseName)}
} as const satisfies Record<string, CompiledValidator>;
`;
}

/** `agentTypes` for `AgentType`: a resource's title, camel-cased and made plural. */
function listName(title: string): string {
  const camel = title.charAt(0).toLowerCase() + title.slice(1);
  return camel.endsWith('s') ? `${camel}es` : `${camel}s`;
}

/**
 * `api-enums.ts`: every enum-only resource (AgentType, VpsStatus, …) as a runtime list, for pickers and for the
 * D1 schema's column enums, so no copy of the list exists anywhere.
 */
export function renderApiEnums(api: ApiSchemas, banner: string): string {
  const enums = api.resources.filter((r) => Array.isArray(r.enum));
  const lines = enums.map((r) => {
    const values = (r.enum as string[]).map((v) => `'${v}'`).join(', ');
    return `/** ${r.description} */\nexport const ${listName(String(r.title))} = [${values}] as const satisfies readonly ${r.title}[];`;
  });
  const types = enums.map((r) => String(r.title)).join(', ');
  return `${banner}import type { ${types} } from './api-types.ts';\n\n${lines.join('\n')}\n`;
}
