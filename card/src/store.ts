// What the subscription has said so far: full messages and deltas merged into
// Maps, with the display order kept beside them. A one-row delta costs one Map
// update and no sort unless the row's sort key moved. Pure: the Node tests
// import it.

import type { Delta, FullMessage, MediaMessage, QueueRow, Release, Storage, Vpn } from "./protocol";
import { releaseSortKey } from "./time";

/** What a message changed, so the card redraws no more than that. */
export interface StoreChange {
  full: boolean;
  /** The queue's members or order changed: the list is redrawn. */
  queueOrder: boolean;
  /** Rows whose content changed in place (order kept): only they are redrawn. */
  queueRows: string[];
  upcoming: boolean;
  vpn: boolean;
  storage: boolean;
}

const titleCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function byTitleThenId(a: { title: string; id: string }, b: { title: string; id: string }): number {
  return titleCollator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Milliseconds of an ISO instant; null when absent or unreadable. */
function instantMs(iso: string | null): number | null {
  if (iso == null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Newest first (rows without a date last), then by title. */
export function sortQueue(rows: Iterable<QueueRow>): QueueRow[] {
  const keyed = Array.from(rows, (row) => ({ row, added: instantMs(row.added_on) }));
  keyed.sort((a, b) => {
    if (a.added !== b.added) {
      if (a.added == null) return 1;
      if (b.added == null) return -1;
      return b.added - a.added;
    }
    return byTitleThenId(a.row, b.row);
  });
  return keyed.map((entry) => entry.row);
}

/** Soonest first (an episode's time, a movie at its local midnight), then by title. */
export function sortReleases(releases: Iterable<Release>, zone: string): Release[] {
  const keyed = Array.from(releases, (release) => ({ release, key: releaseSortKey(release, zone) }));
  keyed.sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : byTitleThenId(a.release, b.release),
  );
  return keyed.map((entry) => entry.release);
}

function queueSortKeyMoved(before: QueueRow, after: QueueRow): boolean {
  return before.added_on !== after.added_on || before.title !== after.title;
}

export class MediaStore {
  /** True once a full message arrived. */
  loaded = false;
  entryId: string | null = null;
  admin = false;
  readonly queue = new Map<string, QueueRow>();
  /** Queue row ids in display order. */
  queueOrder: readonly string[] = [];
  readonly releases = new Map<string, Release>();
  /** Releases in display order. */
  upcoming: readonly Release[] = [];
  vpn: Vpn | null = null;
  storage: Storage | null = null;

  constructor(private timeZone: string) {}

  /** Re-sorts the releases for another zone; true when the zone changed. */
  setTimeZone(zone: string): boolean {
    if (zone === this.timeZone) return false;
    this.timeZone = zone;
    this.upcoming = sortReleases(this.releases.values(), zone);
    return true;
  }

  apply(message: MediaMessage): StoreChange {
    return message.full ? this.replace(message) : this.merge(message);
  }

  private replace(message: FullMessage): StoreChange {
    this.loaded = true;
    this.entryId = message.entry_id;
    this.admin = message.admin === true;
    this.queue.clear();
    for (const row of message.queue ?? []) this.queue.set(row.id, row);
    this.queueOrder = sortQueue(this.queue.values()).map((row) => row.id);
    this.releases.clear();
    for (const release of message.upcoming ?? []) this.releases.set(release.id, release);
    this.upcoming = sortReleases(this.releases.values(), this.timeZone);
    this.vpn = message.vpn ?? null;
    this.storage = message.storage ?? null;
    return { full: true, queueOrder: true, queueRows: [], upcoming: true, vpn: true, storage: true };
  }

  private merge(message: Exclude<MediaMessage, FullMessage>): StoreChange {
    const change: StoreChange = {
      full: false,
      queueOrder: false,
      queueRows: [],
      upcoming: false,
      vpn: false,
      storage: false,
    };
    if (message.queue) this.mergeQueue(message.queue, change);
    if (message.upcoming) {
      mergeInto(this.releases, message.upcoming);
      this.upcoming = sortReleases(this.releases.values(), this.timeZone);
      change.upcoming = true;
    }
    if ("vpn" in message) {
      this.vpn = message.vpn ?? null;
      change.vpn = true;
    }
    if ("storage" in message) {
      this.storage = message.storage ?? null;
      change.storage = true;
    }
    return change;
  }

  private mergeQueue(delta: Delta<QueueRow>, change: StoreChange): void {
    let resort = false;
    const inPlace: string[] = [];
    for (const id of delta.removed ?? []) {
      if (this.queue.delete(id)) resort = true;
    }
    for (const row of delta.changed ?? []) {
      const before = this.queue.get(row.id);
      this.queue.set(row.id, row);
      if (!before || queueSortKeyMoved(before, row)) resort = true;
      else inPlace.push(row.id);
    }
    if (resort) {
      this.queueOrder = sortQueue(this.queue.values()).map((row) => row.id);
      change.queueOrder = true;
    } else {
      change.queueRows = inPlace;
    }
  }
}

function mergeInto<T extends { id: string }>(map: Map<string, T>, delta: Delta<T>): void {
  for (const id of delta.removed ?? []) map.delete(id);
  for (const item of delta.changed ?? []) map.set(item.id, item);
}
