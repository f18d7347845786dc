/**
 * The regions, sizes and image localcloud offers: a fixed slice of DigitalOcean's public catalogue, in its shapes.
 * Prices and specs mirror DigitalOcean's basic Droplets so a size picker looks the same against either.
 */

const FEATURES = ['backups', 'ipv6', 'metadata', 'install_agent', 'storage', 'image_transfer'];

const REGIONS: Array<[slug: string, name: string, available: boolean]> = [
  ['ams3', 'Amsterdam 3', true],
  ['blr1', 'Bangalore 1', true],
  ['fra1', 'Frankfurt 1', true],
  ['lon1', 'London 1', true],
  ['nyc1', 'New York 1', true],
  ['nyc2', 'New York 2', false],
  ['nyc3', 'New York 3', true],
  ['sfo2', 'San Francisco 2', true],
  ['sfo3', 'San Francisco 3', true],
  ['sgp1', 'Singapore 1', true],
  ['syd1', 'Sydney 1', true],
  ['tor1', 'Toronto 1', true],
];

const SIZES: Array<[slug: string, memory: number, vcpus: number, disk: number, transfer: number, monthly: number]> = [
  ['s-1vcpu-512mb-10gb', 512, 1, 10, 0.5, 4],
  ['s-1vcpu-1gb', 1024, 1, 25, 1, 6],
  ['s-1vcpu-2gb', 2048, 1, 50, 2, 12],
  ['s-2vcpu-2gb', 2048, 2, 60, 3, 18],
  ['s-2vcpu-4gb', 4096, 2, 80, 4, 24],
  ['s-4vcpu-8gb', 8192, 4, 160, 5, 48],
  ['s-8vcpu-16gb', 16384, 8, 320, 6, 96],
];

const availableRegionSlugs = REGIONS.filter(([, , available]) => available).map(([slug]) => slug);

export interface Region {
  name: string;
  slug: string;
  features: string[];
  available: boolean;
  sizes: string[];
}

export interface Size {
  slug: string;
  memory: number;
  vcpus: number;
  disk: number;
  transfer: number;
  price_monthly: number;
  price_hourly: number;
  regions: string[];
  available: boolean;
  description: string;
  disk_info: Array<{ type: 'local'; size: { amount: number; unit: 'gib' } }>;
}

export const regions: Region[] = REGIONS.map(([slug, name, available]) => ({
  name,
  slug,
  features: FEATURES,
  available,
  sizes: available ? SIZES.map(([s]) => s) : [],
}));

export const sizes: Size[] = SIZES.map(([slug, memory, vcpus, disk, transfer, monthly]) => ({
  slug,
  memory,
  vcpus,
  disk,
  transfer,
  price_monthly: monthly,
  price_hourly: Math.round((monthly / 672) * 100000) / 100000,
  regions: availableRegionSlugs,
  available: true,
  description: 'Basic',
  disk_info: [{ type: 'local', size: { amount: disk, unit: 'gib' } }],
}));

export function findRegion(slug: string): Region | undefined {
  return regions.find((r) => r.slug === slug);
}

export function findSize(slug: string): Size | undefined {
  return sizes.find((s) => s.slug === slug);
}

/** The one image localcloud "installs": what the control plane asks for (a Debian 12 base). */
export function imageFor(requested: string | number, createdAt: string) {
  return {
    id: 148_000_000,
    name: '12 x64',
    distribution: 'Debian',
    slug: typeof requested === 'string' ? requested : 'debian-12-x64',
    public: true,
    regions: availableRegionSlugs,
    created_at: createdAt,
    type: 'base',
    min_disk_size: 10,
    size_gigabytes: 0.94,
    description: 'Debian 12 x64',
    tags: [],
    status: 'available',
  };
}
