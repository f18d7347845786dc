import { describe, expect, it } from 'vitest';
import { memory, sizeCost, sizeLabel, usd } from './size-label.ts';

const small = { vcpus: 1, memory_mb: 512, disk_gb: 10, price_monthly: 4, price_hourly: 0.00595 };

describe('size labels', () => {
  it('writes dollars without needless cents, and hourly prices to a tenth of a cent', () => {
    expect(usd(6)).toBe('$6');
    expect(usd(12.5)).toBe('$12.50');
    expect(usd(0.00595)).toBe('$0.006');
  });

  it('writes memory in MB below a gigabyte and in GB from there', () => {
    expect(memory(512)).toBe('512 MB');
    expect(memory(1024)).toBe('1 GB');
    expect(memory(1536)).toBe('1.5 GB');
    expect(memory(16_384)).toBe('16 GB');
  });

  it('puts the price first, where a narrow select still shows it', () => {
    expect(sizeLabel(small)).toBe('$4/month · 1 vCPU · 512 MB RAM · 10 GB disk');
  });

  it('says what the chosen size costs and who bills it', () => {
    expect(sizeCost(small)).toBe(
      '$4 a month at most ($0.006 an hour while the server exists), billed by DigitalOcean to your account.',
    );
  });
});
