/** `gateway.health`: cpu % since the previous report, memory, the workspace disk, host uptime, last activity. */
import { readFile, statfs } from 'node:fs/promises';
import { cpus, freemem, totalmem, uptime } from 'node:os';
import { type GatewayHealth, message } from '@vibecode/schemas';
import { type CpuSample, cpuPercent, sampleCpu } from './cpu.ts';
import { memoryFromMeminfo } from './meminfo.ts';

export class HealthProbe {
  private last: CpuSample = sampleCpu(cpus());

  constructor(
    private readonly gatewayId: string,
    private readonly diskPath: string,
  ) {}

  async report(lastActivityAt: Date | null): Promise<GatewayHealth> {
    const now = sampleCpu(cpus());
    const cpu = cpuPercent(this.last, now);
    this.last = now;
    const meminfo = await readFile('/proc/meminfo', 'utf8').catch(() => undefined);
    const fs = await statfs(this.diskPath);
    return message('gateway.health', {
      gateway_id: this.gatewayId,
      cpu,
      mem: memoryFromMeminfo(meminfo, totalmem(), freemem()),
      disk: { used: (fs.blocks - fs.bfree) * fs.bsize, total: fs.blocks * fs.bsize },
      uptime: Math.floor(uptime()),
      last_activity_at: lastActivityAt ? lastActivityAt.toISOString() : null,
    });
  }
}
