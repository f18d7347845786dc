/** Memory in use the way `free` counts it: total minus MemAvailable (falls back to os.freemem off Linux). */
export function memoryFromMeminfo(
  text: string | undefined,
  total: number,
  free: number,
): { used: number; total: number } {
  const kib = (name: string) => {
    const m = text?.match(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm'));
    return m ? Number(m[1]) * 1024 : undefined;
  };
  const memTotal = kib('MemTotal') ?? total;
  const available = kib('MemAvailable') ?? free;
  return { used: Math.max(memTotal - available, 0), total: memTotal };
}
