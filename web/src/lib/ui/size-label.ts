/**
 * How a droplet size reads in the "new server" form: the price first (a select cuts long options off at its
 * width), then what it is; and, under the form, what the chosen one costs and who bills it.
 */
import type { Size } from '@vibecode/schemas';

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

export function sizeLabel(size: SizeFacts): string {
  return `${usd(size.price_monthly)}/month · ${size.vcpus} vCPU · ${memory(size.memory_mb)} RAM · ${size.disk_gb} GB disk`;
}

export function sizeCost(size: SizeFacts): string {
  return (
    `${usd(size.price_monthly)} a month at most (${usd(size.price_hourly)} an hour while the server exists), ` +
    'billed by DigitalOcean to your account.'
  );
}
