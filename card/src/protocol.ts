// The messages of the `myflix/media/subscribe` websocket subscription.

export type Source = "radarr" | "sonarr";

export interface QueueRow {
  /** The torrent hash: stable for the row's life. */
  id: string;
  hash: string;
  /** "Dune: Part Two (2024)", "The Bear · S03E02" or the torrent name. */
  title: string;
  name: string;
  source: Source | null;
  /** An HA path carrying its own signature: used as the img src as is. */
  poster: string | null;
  /** 0..100 */
  progress: number;
  /** bytes */
  size: number;
  /** bytes per second */
  download_speed: number;
  /** seconds; null when unknown */
  eta: number | null;
  state: string;
  strikes: number;
  strike_limit: number | null;
  /** true: the row offers Resume; false: Pause. */
  stopped: boolean;
  /** ISO instant */
  added_on: string | null;
}

export type ReleaseKind = "cinema" | "digital" | "physical";

export interface Release {
  id: string;
  source: Source;
  title: string;
  /** "S01E02 · Episode title" or "" */
  detail: string;
  release: ReleaseKind | null;
  /** YYYY-MM-DD: a calendar date, never shifted by a time zone. */
  date: string;
  /** ISO instant for episodes; null for movies. */
  at: string | null;
  has_file: boolean;
  poster: string | null;
  year: number | null;
}

export interface Vpn {
  killswitch: string | null;
  exit_country: string | null;
  connectability: string | null;
  connectable: boolean | null;
  last_halt: { at: string; latency_ms: number | null } | null;
}

/** bytes */
export interface Disk {
  used: number;
  total: number;
  free: number;
}

export interface NextMove {
  /** null: tiering has not planned since Home Assistant started. */
  files: number | null;
  bytes: number | null;
  titles: string[];
  /** ISO instant of tiering's next scheduled look; null: no schedule. */
  at: string | null;
}

export interface Storage {
  hot: Disk | null;
  archive: Disk | null;
  next_move: NextMove | null;
}

export interface Delta<T> {
  changed: T[];
  removed: string[];
}

/** The first message, and any later one that replaces everything. */
export interface FullMessage {
  full: true;
  entry_id: string;
  admin: boolean;
  queue: QueueRow[];
  upcoming: Release[];
  vpn: Vpn | null;
  storage: Storage | null;
}

/** A key present means that part changed; absent means unchanged. */
export interface DeltaMessage {
  full: false;
  queue?: Delta<QueueRow>;
  upcoming?: Delta<Release>;
  vpn?: Vpn | null;
  storage?: Storage | null;
}

export type MediaMessage = FullMessage | DeltaMessage;

export interface SubscribeRequest {
  type: "myflix/media/subscribe";
  entry_id?: string;
  days: number;
}
