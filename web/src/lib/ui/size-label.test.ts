import { describe, expect, it } from 'vitest';
import { memory, recommendedSize, sizeAdvice, sizeCost, sizeLabel, slugLabel, usd } from './size-label.ts';

const size = (memory_mb: number, vcpus: number, disk_gb: number, price_monthly: number) => ({
  memory_mb,
  vcpus,
  disk_gb,
  price_monthly,
  price_hourly: price_monthly / 672,
});
const tiny = size(512, 1, 10, 4);
const small = size(1024, 1, 25, 6);
const basic = size(2048, 1, 50, 12);
const basic2cpu = size(2048, 2, 60, 18);
const large = size(8192, 4, 160, 48);

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

  it('puts the price first, where a narrow select still shows it, then memory, CPU and disk', () => {
    expect(sizeLabel(tiny)).toBe('$4/month · 512 MB RAM · 1 vCPU · 10 GB disk');
    expect(sizeLabel(basic, true)).toBe('$12/month · 2 GB RAM · 1 vCPU · 50 GB disk (recommended)');
  });

  it('says what the chosen size costs and who bills it', () => {
    expect(sizeCost({ ...tiny, price_hourly: 0.00595 })).toBe(
      '$4 a month at most ($0.006 an hour while the server exists), billed by DigitalOcean to your account.',
    );
  });
});

describe('the recommended size', () => {
  it('is the cheapest with 2 GB of memory, whatever order the cloud lists them in', () => {
    expect(recommendedSize([large, basic2cpu, tiny, basic, small])).toBe(basic);
  });

  it('is the roomiest when none has 2 GB, and none when there are no sizes', () => {
    expect(recommendedSize([small, tiny])).toBe(small);
    expect(recommendedSize([])).toBeUndefined();
  });

  it('comes with one line of advice for every size', () => {
    expect(sizeAdvice(tiny)).toBe('Too small for an AI agent: a plain shell only.');
    expect(sizeAdvice(small)).toBe('Tight: an agent runs, but an npm install beside it can run out of memory.');
    expect(sizeAdvice(basic, true)).toBe(
      'Recommended: the smallest size that runs an agent and an npm install side by side.',
    );
    expect(sizeAdvice(basic2cpu)).toBe('Runs an agent and an npm install side by side.');
    expect(sizeAdvice(large)).toBe('Room for several agents or bigger builds at once.');
  });
});

describe('slugLabel', () => {
  it.each([
    ['s-1vcpu-2gb', '2 GB RAM · 1 vCPU'],
    ['s-1vcpu-512mb-10gb', '512 MB RAM · 1 vCPU · 10 GB disk'],
    ['s-2vcpu-4gb-amd', '4 GB RAM · 2 vCPU'],
    ['s-4vcpu-8gb-240gb-intel', '8 GB RAM · 4 vCPU · 240 GB disk'],
  ])('spells out %s', (slug, label) => {
    expect(slugLabel(slug)).toBe(label);
  });

  it('shows any other slug as it is', () => {
    expect(slugLabel('g-2vcpu-8gb')).toBe('g-2vcpu-8gb');
    expect(slugLabel('custom')).toBe('custom');
  });
});
