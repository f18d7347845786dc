/**
 * Droplets and their actions, with DigitalOcean's state transitions: a droplet is `new` until its create action
 * completes (after `bootDelayMs`), then `active` while its first boot installs the gateway from its user_data and
 * starts it (like cloud-init after boot); power actions stay `in-progress` while the gateway stops or starts and
 * then complete. Validation messages follow DigitalOcean's 422 replies.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from '@vibecode/schemas/log';
import type { BootHolds } from './boot-holds.ts';
import { findRegion, findSize, regions } from './catalog.ts';
import { type ActionRecord, actionJson, type DropletRecord, dropletJson } from './droplet-shape.ts';
import { HttpError } from './http.ts';
import { MAX_USER_DATA_BYTES } from './limits.ts';
import { type GatewayLaunch, Machine } from './machine.ts';
import { dropletBootFromUserData, gatewayEnvFromUserData } from './user-data.ts';

const NAME_PATTERN = /^[a-zA-Z0-9]?[a-z0-9A-Z.-]*[a-z0-9A-Z]$/;
const POWER_ACTIONS = new Set(['power_off', 'shutdown', 'power_on', 'reboot', 'power_cycle']);

export interface CloudOptions {
  dataDir: string;
  /** Test-only: run this argv as every gateway instead of installing the release from user_data. */
  testGatewayCommand?: string[];
  workspaceRoot?: string;
  bootDelayMs: number;
  actionDelayMs: number;
  /** Droplets the account may have at once (DigitalOcean's default, `DROPLET_LIMIT`, unless a test needs more). */
  dropletLimit: number;
  restartDelayMs: number;
  /** Test-only: extra environment for every gateway (see `MachineSpec.gatewayEnv`). */
  gatewayEnv: Record<string, string>;
  /** Test-only: droplets created while a hold is pending never start their gateway (see `boot-holds.ts`). */
  bootHolds: BootHolds;
  log: Logger;
}

interface Entry {
  record: DropletRecord;
  machine?: Machine;
  pending?: ActionRecord;
  /** Its gateway never starts, on any power-on: like a droplet whose cloud-init failed. */
  held: boolean;
}

const unprocessable = (message: string) => new HttpError(422, 'unprocessable_entity', message);
const notFound = () => new HttpError(404, 'not_found', 'The resource you were accessing could not be found.');

export class Cloud {
  private readonly droplets = new Map<number, Entry>();
  private readonly actions = new Map<number, ActionRecord>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextDropletId = 500_000_000 + randomBytes(3).readUIntBE(0, 3);
  private nextActionId = 2_000_000_000 + randomBytes(3).readUIntBE(0, 3);
  private closed = false;

  constructor(private readonly opts: CloudOptions) {}

  get dropletLimit(): number {
    return this.opts.dropletLimit;
  }

  create(body: Record<string, unknown>) {
    const { name, size, image, region, tags = [], user_data: userData = '' } = body;
    if (body.names !== undefined) throw unprocessable('localcloud creates one Droplet per request: send `name`.');
    if (typeof name !== 'string' || name.length > 255 || !NAME_PATTERN.test(name)) {
      throw unprocessable('Name is invalid: only letters, digits, dots and dashes are allowed.');
    }
    if (typeof size !== 'string' || !findSize(size))
      throw unprocessable('You specified an invalid size for Droplet creation.');
    if (typeof image !== 'string' && typeof image !== 'number')
      throw unprocessable('You specified an invalid image for Droplet creation.');
    const regionSlug = region === undefined ? regions.find((r) => r.available)?.slug : region;
    if (typeof regionSlug !== 'string' || !findRegion(regionSlug)?.available) {
      throw unprocessable('You specified an invalid region for Droplet creation.');
    }
    if (tags !== null && (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string'))) {
      throw unprocessable('tags must be an array of strings.');
    }
    if (typeof userData !== 'string' || Buffer.byteLength(userData) > MAX_USER_DATA_BYTES) {
      throw unprocessable('user_data must be a string of at most 64 KiB.');
    }
    if (this.droplets.size >= this.opts.dropletLimit) {
      throw unprocessable(`creating this/these droplet(s) will exceed your droplet limit (${this.opts.dropletLimit})`);
    }
    const record: DropletRecord = {
      id: this.nextDropletId++,
      name,
      region: regionSlug,
      size,
      image,
      status: 'new',
      createdAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      tags: (tags ?? []) as string[],
      userData,
      vpcUuid: randomUUID(),
    };
    const entry: Entry = { record, held: this.opts.bootHolds.take() };
    this.droplets.set(record.id, entry);
    const action = this.begin(entry, 'create');
    this.later(this.opts.bootDelayMs, action, async () => {
      record.status = 'active';
      this.boot(entry);
    });
    return { droplet: dropletJson(record), actionId: action.id };
  }

  list(filter: { tagName?: string | null; name?: string | null }) {
    return [...this.droplets.values()]
      .map((e) => e.record)
      .filter((d) => !filter.tagName || d.tags.includes(filter.tagName))
      .filter((d) => !filter.name || d.name.toLowerCase() === filter.name.toLowerCase())
      .map(dropletJson);
  }

  get(id: number) {
    return dropletJson(this.entry(id).record);
  }

  /** The sandbox and gateway of a droplet, for tests and `npm start` to inspect. */
  machine(id: number): Machine | undefined {
    return this.droplets.get(id)?.machine;
  }

  /** Whether the droplet was created under a boot hold, so its gateway never starts. */
  bootHeld(id: number): boolean {
    return this.droplets.get(id)?.held ?? false;
  }

  async destroy(id: number): Promise<void> {
    const entry = this.entry(id);
    this.droplets.delete(id);
    await entry.machine?.destroy();
    this.opts.log.info('droplet destroyed', { droplet_id: id });
  }

  startAction(dropletId: number, type: unknown) {
    const entry = this.entry(dropletId);
    if (typeof type !== 'string' || !POWER_ACTIONS.has(type)) {
      throw unprocessable('localcloud supports the action types power_off, shutdown, power_on, reboot, power_cycle.');
    }
    if (entry.pending) throw unprocessable('Droplet already has a pending event.');
    const { record } = entry;
    const turnsOff = type === 'power_off' || type === 'shutdown';
    if (turnsOff && record.status === 'off') throw unprocessable('Droplet is already powered off.');
    if (type === 'power_on' && record.status === 'active') throw unprocessable('Droplet is already powered on.');
    if ((type === 'reboot' || type === 'power_cycle') && record.status === 'off') {
      throw unprocessable('Droplet is powered off.');
    }
    const action = this.begin(entry, type);
    this.later(this.opts.actionDelayMs, action, async () => {
      if (turnsOff || type === 'reboot' || type === 'power_cycle') await entry.machine?.stop();
      record.status = turnsOff ? 'off' : 'active';
      if (!turnsOff) this.boot(entry);
    });
    return actionJson(action);
  }

  action(id: number, dropletId?: number) {
    const action = this.actions.get(id);
    if (!action || (dropletId !== undefined && action.dropletId !== dropletId)) throw notFound();
    return actionJson(action);
  }

  listActions(dropletId?: number) {
    if (dropletId !== undefined) this.entry(dropletId);
    return [...this.actions.values()]
      .filter((a) => dropletId === undefined || a.dropletId === dropletId)
      .reverse()
      .map(actionJson);
  }

  /** Stops every timer and gateway and removes every sandbox: localcloud keeps no state across runs. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const entries = [...this.droplets.values()];
    this.droplets.clear();
    await Promise.all(entries.map((e) => e.machine?.destroy()));
  }

  private entry(id: number): Entry {
    const entry = this.droplets.get(id);
    if (!entry) throw notFound();
    return entry;
  }

  private begin(entry: Entry, type: string): ActionRecord {
    const action: ActionRecord = {
      id: this.nextActionId++,
      type,
      status: 'in-progress',
      startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      completedAt: null,
      dropletId: entry.record.id,
      region: entry.record.region,
    };
    this.actions.set(action.id, action);
    entry.pending = action;
    return action;
  }

  private later(ms: number, action: ActionRecord, work: () => Promise<void>): void {
    const timer = setTimeout(async () => {
      this.timers.delete(timer);
      const entry = this.droplets.get(action.dropletId);
      try {
        if (entry) await work();
        action.status = 'completed';
      } catch (err) {
        action.status = 'errored';
        this.opts.log.error('action failed', { action_id: action.id, error: (err as Error).message });
      }
      action.completedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      if (entry?.pending === action) entry.pending = undefined;
    }, ms);
    this.timers.add(timer);
  }

  private boot(entry: Entry): void {
    const { record } = entry;
    // An action that awaited a stop may finish after its droplet was destroyed or localcloud closed.
    if (this.closed || this.droplets.get(record.id) !== entry) return;
    if (entry.held) {
      this.opts.log.warn('droplet boot held: its gateway is not started', { droplet_id: record.id });
      return;
    }
    if (!entry.machine) {
      const launch = this.launch(record.userData);
      if ('reason' in launch) {
        this.opts.log.warn('droplet has no gateway to boot', { droplet_id: record.id, reason: launch.reason });
        return;
      }
      entry.machine = new Machine({
        dropletId: record.id,
        dataDir: this.opts.dataDir,
        launch,
        workspaceRoot: this.opts.workspaceRoot,
        restartDelayMs: this.opts.restartDelayMs,
        gatewayEnv: this.opts.gatewayEnv,
        log: this.opts.log,
      });
    }
    entry.machine.start();
  }

  private launch(userData: string): GatewayLaunch | { reason: string } {
    const command = this.opts.testGatewayCommand;
    if (command) {
      const boot = gatewayEnvFromUserData(userData);
      return 'reason' in boot ? boot : { testCommand: command, boot };
    }
    const install = dropletBootFromUserData(userData);
    return 'reason' in install ? install : { install };
  }
}
