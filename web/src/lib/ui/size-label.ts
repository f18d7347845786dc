/**
 * How a droplet size reads in the "new server" form: the price first (a select cuts long options off at its
 * width), then memory, CPU and disk; under the form, a one-line recommendation for the chosen size and what it
 * costs and who bills it. The form starts on the smallest size that runs the agents comfortably.
 */
import type { Size } from '@vibecode/schemas';

/**
 * Memory a session running an agent needs to be comfortable: Node.js and the agent's CLI (Claude Code, Codex,
 * Gemini) take 300–500 MB while it works, and the `npm install` it runs for the CLI or the project peaks at
 * 0.5–1 GB more. Droplets have no swap, so at 1 GB an install beside a working agent can be killed for memory;
 * 2 GB holds both with room for the shell, tmux and the gateway.
 */
export const COMFORTABLE_MEMORY_MB = 2048;

/** US dollars: whole amounts bare, cents otherwise, and a tenth of a cent for the small hourly prices. */
export function usd(amount: number): string {
  if (Number.isInteger(amount)) return `$${amount}`;
  return `$${amount.toFixed(amount < 1 ? 3 : 2)}`;
}

/** Memory as DigitalOcean sells it: 512 MB, 1 GB, 1.5 GB, 16 GB. */
export function memory(mb: number): string {
  if (mb < 1024) return `${mb} MB`;
  const gb = mb / 1024;
  return `${Number.isInteger(gb) ? gb : gb.toFixed(1)} GB`;
}

export type SizeFacts = Pick<Size, 'vcpus' | 'memory_mb' | 'disk_gb' | 'price_monthly' | 'price_hourly'>;

export function sizeLabel(size: SizeFacts, recommended = false): string {
  const facts = `${usd(size.price_monthly)}/month · ${memory(size.memory_mb)} RAM · ${size.vcpus} vCPU · ${size.disk_gb} GB disk`;
  return recommended ? `${facts} (recommended)` : facts;
}

/** The cheapest size that runs the agents comfortably; the roomiest one if none does. */
export function recommendedSize<S extends SizeFacts>(sizes: readonly S[]): S | undefined {
  const byPrice = [...sizes].sort((a, b) => a.price_monthly - b.price_monthly);
  return byPrice.find((s) => s.memory_mb >= COMFORTABLE_MEMORY_MB) ?? byPrice.at(-1);
}

/** One line on what the size is good for. */
export function sizeAdvice(size: SizeFacts, recommended = false): string {
  if (size.memory_mb < 1024) return 'Too small for an AI agent: a plain shell only.';
  if (size.memory_mb < COMFORTABLE_MEMORY_MB) {
    return 'Tight: an agent runs, but an npm install beside it can run out of memory.';
  }
  if (recommended) return 'Recommended: the smallest size that runs an agent and an npm install side by side.';
  if (size.memory_mb < 2 * COMFORTABLE_MEMORY_MB) return 'Runs an agent and an npm install side by side.';
  return 'Room for several agents or bigger builds at once.';
}

export function sizeCost(size: SizeFacts): string {
  return (
    `${usd(size.price_monthly)} a month at most (${usd(size.price_hourly)} an hour while the server exists), ` +
    'billed by DigitalOcean to your account.'
  );
}

/**
 * A server's size where only its slug is known (the server page, the dashboard): DigitalOcean's basic slugs spell
 * CPU and memory (`s-1vcpu-2gb`, `s-1vcpu-512mb-10gb`, `s-2vcpu-4gb-amd`); any other slug is shown as it is.
 */
export function slugLabel(slug: string): string {
  const match = /^s-(\d+)vcpu-(\d+)(mb|gb)(?:-(\d+)gb)?(?:-[a-z]+)?$/.exec(slug);
  if (!match) return slug;
  const [, vcpus, amount, unit, disk] = match;
  const mb = Number(amount) * (unit === 'gb' ? 1024 : 1);
  return `${memory(mb)} RAM · ${vcpus} vCPU${disk ? ` · ${disk} GB disk` : ''}`;
}
