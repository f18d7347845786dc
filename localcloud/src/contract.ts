/**
 * DigitalOcean's own OpenAPI definitions (`<repo>/../shared/reference/digitalocean-openapi`) as a checker: does a
 * response localcloud sent, or a request a client sent, match the operation it belongs to? Used by contract tests
 * on both sides (localcloud's replies, the provider's requests); not used at runtime.
 *
 * The reference is a subset of the full spec: there is no top-level document mapping paths to operation files, so
 * that table is here, and `$ref`s to resources outside the subset (images, code samples) resolve to "any".
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { REPO_ROOT } from './server.ts';

export const DEFAULT_SPEC_DIR = resolve(REPO_ROOT, '..', 'shared', 'reference', 'digitalocean-openapi');

/** operationId → [method, path template, file]. */
export const OPERATIONS = {
  account_get: ['GET', '/v2/account', 'resources/account/account_get.yml'],
  regions_list: ['GET', '/v2/regions', 'resources/regions/regions_list.yml'],
  sizes_list: ['GET', '/v2/sizes', 'resources/sizes/sizes_list.yml'],
  droplets_list: ['GET', '/v2/droplets', 'resources/droplets/droplets_list.yml'],
  droplets_create: ['POST', '/v2/droplets', 'resources/droplets/droplets_create.yml'],
  droplets_get: ['GET', '/v2/droplets/{droplet_id}', 'resources/droplets/droplets_get.yml'],
  droplets_destroy: ['DELETE', '/v2/droplets/{droplet_id}', 'resources/droplets/droplets_destroy.yml'],
  dropletActions_list: ['GET', '/v2/droplets/{droplet_id}/actions', 'resources/droplets/dropletActions_list.yml'],
  dropletActions_post: ['POST', '/v2/droplets/{droplet_id}/actions', 'resources/droplets/dropletActions_post.yml'],
  dropletActions_get: [
    'GET',
    '/v2/droplets/{droplet_id}/actions/{action_id}',
    'resources/droplets/dropletActions_get.yml',
  ],
  actions_list: ['GET', '/v2/actions', 'resources/actions/actions_list.yml'],
  actions_get: ['GET', '/v2/actions/{action_id}', 'resources/actions/actions_get.yml'],
} as const;

export type OperationId = keyof typeof OPERATIONS;

/** Keys whose values are documentation, never validated, so their `$ref`s are not followed. */
const SKIPPED_KEYS = new Set(['x-codeSamples', 'examples', 'example']);
const MAX_REF_DEPTH = 64;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class RefResolver {
  private readonly files = new Map<string, Json>();
  /** Files referenced by the spec but not part of the subset, e.g. `resources/images/models/image.yml`. */
  readonly missing = new Set<string>();

  constructor(private readonly root: string) {}

  load(file: string): Json {
    const cached = this.files.get(file);
    if (cached !== undefined) return cached;
    const doc = parse(readFileSync(file, 'utf8')) as Json;
    this.files.set(file, doc);
    return doc;
  }

  /** A copy of `value` with every `$ref` replaced by its target, resolved relative to `file`. */
  deref(value: Json, file: string, depth = 0): Json {
    if (depth > MAX_REF_DEPTH) throw new Error(`$ref chain deeper than ${MAX_REF_DEPTH} in ${file}`);
    if (Array.isArray(value)) return value.map((v) => this.deref(v, file, depth));
    if (value === null || typeof value !== 'object') return value;
    const ref = value.$ref;
    if (typeof ref === 'string') {
      const [filePart, pointer = ''] = ref.split('#');
      const target = filePart ? resolve(dirname(file), filePart) : file;
      if (!existsSync(target)) {
        this.missing.add(target.slice(this.root.length + 1));
        return {};
      }
      let node = this.load(target);
      for (const raw of pointer.split('/').filter(Boolean)) {
        const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        node = (node as Record<string, Json>)?.[key] ?? null;
        if (node === null) throw new Error(`unresolvable $ref ${ref} in ${file}`);
      }
      return this.deref(node, target, depth + 1);
    }
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SKIPPED_KEYS.has(k) ? v : this.deref(v, file, depth);
    return out;
  }
}

interface Operation {
  id: OperationId;
  method: string;
  template: string;
  pattern: RegExp;
  doc: Record<string, Json>;
}

function compileTemplate(template: string): RegExp {
  return new RegExp(`^${template.replace(/\{[a-z_]+\}/g, '([^/]+)')}$`);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface DigitalOceanContract {
  /** Files the subset refers to but does not contain (their schemas accept anything). */
  missingRefs: string[];
  operationFor(method: string, path: string): OperationId | undefined;
  /** Problems with a response (status documented? headers present? body matches?); empty when it conforms. */
  checkResponse(
    method: string,
    path: string,
    status: number,
    headers: Record<string, string | null>,
    body: unknown,
  ): string[];
  /** Problems with a request (path and query parameters, JSON body); empty when it conforms. */
  checkRequest(method: string, path: string, query: Record<string, string>, body: unknown): string[];
}

export function loadDigitalOceanContract(specDir = DEFAULT_SPEC_DIR): DigitalOceanContract {
  if (!existsSync(specDir)) throw new Error(`DigitalOcean OpenAPI reference not found at ${specDir}`);
  const resolver = new RefResolver(specDir);
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', DATE_TIME);
  ajv.addFormat('ipv4', isIPv4);
  ajv.addFormat('ipv6', isIPv6);
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

  const operations: Operation[] = Object.entries(OPERATIONS).map(([id, [method, template, file]]) => {
    const full = join(specDir, file);
    return {
      id: id as OperationId,
      method,
      template,
      pattern: compileTemplate(template),
      doc: resolver.deref(resolver.load(full), full) as Record<string, Json>,
    };
  });
  const validators = new Map<Json, ValidateFunction>();
  const validate = (schema: Json, value: unknown, where: string): string[] => {
    let fn = validators.get(schema);
    if (!fn) {
      fn = ajv.compile(schema as object);
      validators.set(schema, fn);
    }
    if (fn(value)) return [];
    return (fn.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message}`);
  };
  const find = (method: string, path: string) => operations.find((o) => o.method === method && o.pattern.test(path));

  return {
    missingRefs: [...resolver.missing].sort(),
    operationFor: (method, path) => find(method, path)?.id,

    checkResponse(method, path, status, headers, body) {
      const op = find(method, path);
      if (!op) return [`${method} ${path} is not an operation of the reference`];
      const responses = op.doc.responses as Record<string, Record<string, Json>>;
      const response = responses[String(status)] ?? responses.default;
      if (!response) return [`${op.id}: status ${status} is not documented`];
      const problems: string[] = [];
      for (const [name, spec] of Object.entries((response.headers ?? {}) as Record<string, Record<string, Json>>)) {
        const value = headers[name.toLowerCase()];
        if (value === null || value === undefined) {
          problems.push(`${op.id} ${status}: header ${name} missing`);
          continue;
        }
        const schema = spec.schema as Record<string, Json> | undefined;
        const typed = schema?.type === 'integer' ? Number(value) : value;
        if (schema) problems.push(...validate(schema, typed, `${op.id} ${status} header ${name}`));
      }
      const schema = (response.content as Record<string, Record<string, Json>> | undefined)?.['application/json']
        ?.schema;
      if (schema) problems.push(...validate(schema, body, `${op.id} ${status} body`));
      else if (body !== null && body !== undefined && body !== '') {
        problems.push(`${op.id} ${status}: no body is documented`);
      }
      return problems;
    },

    checkRequest(method, path, query, body) {
      const op = find(method, path);
      if (!op) return [`${method} ${path} is not an operation of the reference`];
      const problems: string[] = [];
      const pathValues = op.pattern.exec(path)?.slice(1) ?? [];
      const pathNames = [...op.template.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]);
      for (const param of (op.doc.parameters ?? []) as Array<Record<string, Json>>) {
        const name = param.name as string;
        const raw = param.in === 'path' ? pathValues[pathNames.indexOf(name)] : query[name];
        if (param.in === 'header') continue;
        if (raw === undefined) {
          if (param.required) problems.push(`${op.id}: ${param.in} parameter ${name} missing`);
          continue;
        }
        const schema = param.schema as Record<string, Json>;
        const value = schema.type === 'integer' ? Number(raw) : raw;
        problems.push(...validate(schema, value, `${op.id} ${param.in} parameter ${name}`));
      }
      const requestBody = op.doc.requestBody as Record<string, Json> | undefined;
      const schema = (requestBody?.content as Record<string, Record<string, Json>> | undefined)?.['application/json']
        ?.schema;
      if (schema) problems.push(...validate(schema, body, `${op.id} body`));
      else if (body !== null && body !== undefined) problems.push(`${op.id}: sends a body the operation does not take`);
      return problems;
    },
  };
}
