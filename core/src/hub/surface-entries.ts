/**
 * The sessions a hub has offered to the channels' surfaces (`SurfaceEntry`, by session number): read from DO storage
 * once per incarnation, then served from memory and written through on every change.
 */
import type { HubStorage } from './hub-storage.ts';
import type { SurfaceEntry } from './surface-plan.ts';

export class SurfaceEntries {
  private entries: Map<number, SurfaceEntry> | undefined;

  constructor(private readonly stored: HubStorage) {}

  all(): Map<number, SurfaceEntry> {
    this.entries ??= this.stored.surfaceEntries();
    return this.entries;
  }

  get(number: number): SurfaceEntry | undefined {
    return this.all().get(number);
  }

  /** Stores the session's entry, or forgets the session (`undefined`). */
  save(number: number, entry: SurfaceEntry | undefined): void {
    if (entry === undefined) this.all().delete(number);
    else this.all().set(number, entry);
    this.stored.putSurfaceEntry(number, entry);
  }
}
