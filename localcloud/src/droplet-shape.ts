/** Droplets and actions as DigitalOcean's API returns them (`droplet.yml`, `action.yml`). */
import { findRegion, findSize, imageFor } from './catalog.ts';

export type DropletStatus = 'new' | 'active' | 'off' | 'archive';
export type ActionStatus = 'in-progress' | 'completed' | 'errored';

export interface DropletRecord {
  id: number;
  name: string;
  region: string;
  size: string;
  image: string | number;
  status: DropletStatus;
  createdAt: string;
  tags: string[];
  userData: string;
  vpcUuid: string;
}

export interface ActionRecord {
  id: number;
  type: string;
  status: ActionStatus;
  startedAt: string;
  completedAt: string | null;
  dropletId: number;
  region: string;
}

export function dropletJson(d: DropletRecord) {
  const size = findSize(d.size);
  const region = findRegion(d.region);
  if (!size || !region) throw new Error(`droplet ${d.id} has an unknown size or region`);
  return {
    id: d.id,
    name: d.name,
    memory: size.memory,
    vcpus: size.vcpus,
    disk: size.disk,
    disk_info: size.disk_info,
    locked: false,
    status: d.status,
    kernel: null,
    created_at: d.createdAt,
    features: ['droplet_agent', 'private_networking'],
    backup_ids: [],
    next_backup_window: null,
    snapshot_ids: [],
    image: imageFor(d.image, d.createdAt),
    volume_ids: [],
    size,
    size_slug: size.slug,
    networks: {
      // DigitalOcean assigns addresses while the droplet is `new`; this one lives on the loopback interface.
      v4:
        d.status === 'new'
          ? []
          : [{ ip_address: '127.0.0.1', netmask: '255.0.0.0', gateway: '127.0.0.1', type: 'public' }],
      v6: [],
    },
    region,
    tags: d.tags,
    vpc_uuid: d.vpcUuid,
  };
}

export function actionJson(a: ActionRecord) {
  return {
    id: a.id,
    status: a.status,
    type: a.type,
    started_at: a.startedAt,
    completed_at: a.completedAt,
    resource_id: a.dropletId,
    resource_type: 'droplet',
    region: findRegion(a.region),
    region_slug: a.region,
  };
}
