// Rows and releases as the server sends them, with overridable fields.
import type { QueueRow, Release } from "../src/protocol";

export function queueRow(id: string, fields: Partial<QueueRow> = {}): QueueRow {
  return {
    id,
    hash: id,
    title: `Title ${id}`,
    name: `torrent.${id}`,
    source: "radarr",
    poster: null,
    progress: 10,
    size: 1_000_000_000,
    download_speed: 1_000_000,
    eta: 600,
    state: "downloading",
    strikes: 0,
    strike_limit: 3,
    stopped: false,
    added_on: "2026-12-01T10:00:00Z",
    ...fields,
  };
}

export function release(id: string, fields: Partial<Release> = {}): Release {
  return {
    id,
    source: "sonarr",
    title: `Show ${id}`,
    detail: "S01E01 · Pilot",
    release: null,
    date: "2026-12-08",
    at: "2026-12-08T12:00:00Z",
    has_file: false,
    poster: null,
    year: 2026,
    ...fields,
  };
}
