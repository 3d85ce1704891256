import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FullMessage } from "../src/protocol";
import { MediaStore, sortQueue, sortReleases } from "../src/store";
import { queueRow, release } from "./fixtures";

function full(fields: Partial<FullMessage> = {}): FullMessage {
  return {
    full: true,
    entry_id: "entry1",
    admin: true,
    queue: [],
    upcoming: [],
    vpn: null,
    storage: null,
    ...fields,
  };
}

const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);

describe("sortQueue", () => {
  test("newest first, rows without a date last, then by title", () => {
    const rows = [
      queueRow("a", { added_on: "2026-12-01T10:00:00Z", title: "Zulu" }),
      queueRow("b", { added_on: null, title: "Alpha" }),
      queueRow("c", { added_on: "2026-12-03T10:00:00Z", title: "Mike" }),
      queueRow("d", { added_on: "2026-12-01T10:00:00Z", title: "Bravo" }),
      queueRow("e", { added_on: null, title: "Able" }),
    ];
    assert.deepEqual(ids(sortQueue(rows)), ["c", "d", "a", "e", "b"]);
  });

  test("compares instants, not their text", () => {
    const rows = [
      queueRow("utc", { added_on: "2026-12-01T10:00:00Z" }),
      // Later as an instant although it sorts earlier as text.
      queueRow("paris", { added_on: "2026-12-01T12:30:00+02:00" }),
    ];
    assert.deepEqual(ids(sortQueue(rows)), ["paris", "utc"]);
  });

  test("titles with numbers sort naturally", () => {
    const rows = [
      queueRow("ep10", { added_on: null, title: "Show · S01E10" }),
      queueRow("ep9", { added_on: null, title: "Show · S01E9" }),
    ];
    assert.deepEqual(ids(sortQueue(rows)), ["ep9", "ep10"]);
  });
});

describe("sortReleases", () => {
  test("by instant, movies at local midnight of their date, then title", () => {
    const releases = [
      release("late", { at: "2026-12-08T22:00:00Z" }),
      release("movie", { at: null, date: "2026-12-08", source: "radarr", title: "Movie" }),
      release("early", { at: "2026-12-08T09:00:00Z", title: "B" }),
      release("early-too", { at: "2026-12-08T09:00:00Z", title: "A" }),
      release("yesterday", { at: "2026-12-07T23:00:00Z" }),
    ];
    assert.deepEqual(ids(sortReleases(releases, "UTC")), [
      "yesterday",
      "movie",
      "early-too",
      "early",
      "late",
    ]);
  });

  test("the zone decides which day an episode falls on against a movie", () => {
    // 03:00Z is Dec 7 22:00 in New York, before the movie's Dec 8 midnight,
    // but Dec 8 04:00 in Paris, after it.
    const episode = release("episode", { at: "2026-12-08T03:00:00Z" });
    const movie = release("movie", { at: null, date: "2026-12-08", source: "radarr" });
    assert.deepEqual(ids(sortReleases([movie, episode], "America/New_York")), ["episode", "movie"]);
    assert.deepEqual(ids(sortReleases([episode, movie], "Europe/Paris")), ["movie", "episode"]);
  });
});

describe("MediaStore", () => {
  test("a full message fills everything in order", () => {
    const store = new MediaStore("UTC");
    const change = store.apply(
      full({
        queue: [
          queueRow("old", { added_on: "2026-12-01T00:00:00Z" }),
          queueRow("new", { added_on: "2026-12-02T00:00:00Z" }),
        ],
        upcoming: [release("r2", { at: "2026-12-09T00:00:00Z" }), release("r1")],
        vpn: { killswitch: "armed", exit_country: "CH", connectability: null, connectable: null, last_halt: null },
      }),
    );
    assert.equal(change.full, true);
    assert.equal(store.loaded, true);
    assert.equal(store.entryId, "entry1");
    assert.equal(store.admin, true);
    assert.deepEqual(store.queueOrder, ["new", "old"]);
    assert.deepEqual(ids(store.upcoming), ["r1", "r2"]);
    assert.equal(store.vpn?.killswitch, "armed");
    assert.equal(store.storage, null);
  });

  test("a changed row that keeps its sort key changes in place, order untouched", () => {
    const store = new MediaStore("UTC");
    store.apply(full({ queue: [queueRow("a"), queueRow("b"), queueRow("c")] }));
    const orderBefore = store.queueOrder;
    const change = store.apply({
      full: false,
      queue: { changed: [queueRow("b", { progress: 55, state: "stalled" })], removed: [] },
    });
    assert.deepEqual(change.queueRows, ["b"]);
    assert.equal(change.queueOrder, false);
    assert.equal(store.queueOrder, orderBefore, "the order array is kept as is");
    assert.equal(store.queue.get("b")?.progress, 55);
    assert.equal(change.upcoming || change.vpn || change.storage, false);
  });

  test("a changed sort key, an added row and a removed row re-sort", () => {
    const store = new MediaStore("UTC");
    store.apply(
      full({
        queue: [
          queueRow("a", { added_on: "2026-12-03T00:00:00Z" }),
          queueRow("b", { added_on: "2026-12-02T00:00:00Z" }),
          queueRow("c", { added_on: "2026-12-01T00:00:00Z" }),
        ],
      }),
    );
    let change = store.apply({
      full: false,
      queue: { changed: [queueRow("c", { added_on: "2026-12-04T00:00:00Z" })], removed: [] },
    });
    assert.equal(change.queueOrder, true);
    assert.deepEqual(change.queueRows, []);
    assert.deepEqual(store.queueOrder, ["c", "a", "b"]);

    change = store.apply({
      full: false,
      queue: { changed: [queueRow("d", { added_on: "2026-12-02T12:00:00Z" })], removed: ["a"] },
    });
    assert.equal(change.queueOrder, true);
    assert.deepEqual(store.queueOrder, ["c", "d", "b"]);
    assert.equal(store.queue.has("a"), false);
  });

  test("removing an unknown id changes nothing", () => {
    const store = new MediaStore("UTC");
    store.apply(full({ queue: [queueRow("a")] }));
    const change = store.apply({ full: false, queue: { changed: [], removed: ["zzz"] } });
    assert.equal(change.queueOrder, false);
    assert.deepEqual(store.queueOrder, ["a"]);
  });

  test("absent keys leave their part alone; present ones replace it, null included", () => {
    const store = new MediaStore("UTC");
    const vpn = { killswitch: "armed", exit_country: "CH", connectability: null, connectable: true, last_halt: null };
    const storage = { hot: { used: 1, total: 2, free: 1 }, archive: null, next_move: null };
    store.apply(full({ vpn, storage, upcoming: [release("r1")] }));

    let change = store.apply({ full: false, vpn: { ...vpn, killswitch: "tripped" } });
    assert.deepEqual([change.vpn, change.storage, change.upcoming, change.queueOrder], [true, false, false, false]);
    assert.equal(store.vpn?.killswitch, "tripped");
    assert.equal(store.storage, storage);

    change = store.apply({ full: false, storage: null });
    assert.equal(change.storage, true);
    assert.equal(store.storage, null);
    assert.equal(store.vpn?.killswitch, "tripped");

    change = store.apply({
      full: false,
      upcoming: { changed: [release("r0", { at: "2026-12-01T00:00:00Z" })], removed: ["r1"] },
    });
    assert.equal(change.upcoming, true);
    assert.deepEqual(ids(store.upcoming), ["r0"]);
  });

  test("a later full message replaces everything", () => {
    const store = new MediaStore("UTC");
    store.apply(full({ queue: [queueRow("a"), queueRow("b")], upcoming: [release("r1")] }));
    store.apply({ full: false, queue: { changed: [queueRow("c")], removed: [] } });
    const change = store.apply(
      full({ entry_id: "entry2", admin: false, queue: [queueRow("b", { poster: "/signed?2" })], upcoming: [] }),
    );
    assert.equal(change.full, true);
    assert.deepEqual(store.queueOrder, ["b"]);
    assert.deepEqual([...store.queue.keys()], ["b"]);
    assert.equal(store.queue.get("b")?.poster, "/signed?2");
    assert.deepEqual(store.upcoming, []);
    assert.equal(store.entryId, "entry2");
    assert.equal(store.admin, false);
  });

  test("another zone re-sorts the releases", () => {
    const store = new MediaStore("Europe/Paris");
    store.apply(
      full({
        upcoming: [
          release("movie", { at: null, date: "2026-12-08", source: "radarr" }),
          release("episode", { at: "2026-12-08T03:00:00Z" }),
        ],
      }),
    );
    assert.deepEqual(ids(store.upcoming), ["movie", "episode"]);
    assert.equal(store.setTimeZone("America/New_York"), true);
    assert.deepEqual(ids(store.upcoming), ["episode", "movie"]);
    assert.equal(store.setTimeZone("America/New_York"), false);
  });
});
