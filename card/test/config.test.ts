import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ConfigError, normalizeConfig, stubConfig, subscribeRequest } from "../src/config";

describe("normalizeConfig", () => {
  test("defaults fill what the YAML leaves out", () => {
    assert.deepEqual(normalizeConfig({ type: "custom:myflix-card" }), {
      type: "custom:myflix-card",
      title: "",
      entry_id: undefined,
      days: 7,
      queue: true,
      upcoming: true,
      vpn: true,
      storage: true,
      max_rows: 0,
    });
  });

  test("given values are kept", () => {
    const config = normalizeConfig({
      type: "custom:myflix-card",
      title: "Downloads",
      entry_id: "abc123",
      days: 14,
      queue: false,
      vpn: false,
      max_rows: 5,
    });
    assert.equal(config.title, "Downloads");
    assert.equal(config.entry_id, "abc123");
    assert.equal(config.days, 14);
    assert.equal(config.queue, false);
    assert.equal(config.upcoming, true);
    assert.equal(config.vpn, false);
    assert.equal(config.max_rows, 5);
  });

  test("days are brought into 1..30 and rounded", () => {
    assert.equal(normalizeConfig({ days: 0 }).days, 1);
    assert.equal(normalizeConfig({ days: -4 }).days, 1);
    assert.equal(normalizeConfig({ days: 31 }).days, 30);
    assert.equal(normalizeConfig({ days: 365 }).days, 30);
    assert.equal(normalizeConfig({ days: 6.6 }).days, 7);
  });

  test("an empty entry id means the server picks", () => {
    assert.equal(normalizeConfig({ entry_id: "" }).entry_id, undefined);
  });

  test("wrong types are rejected with the key in the message", () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ days: "7" }, /'days' must be a number from 1 to 30/],
      [{ days: Number.NaN }, /'days'/],
      [{ queue: "yes" }, /'queue' must be true or false/],
      [{ storage: 1 }, /'storage' must be true or false/],
      [{ title: 12 }, /'title' must be text/],
      [{ entry_id: 42 }, /'entry_id'/],
      [{ max_rows: -1 }, /'max_rows' must be 0 or more/],
      [{ max_rows: "all" }, /'max_rows' must be a whole number/],
    ];
    for (const [config, message] of cases) {
      assert.throws(() => normalizeConfig(config), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, message);
        return true;
      });
    }
  });

  test("the config itself must be a mapping", () => {
    for (const config of [null, undefined, "myflix", 7, ["queue"]]) {
      assert.throws(() => normalizeConfig(config), ConfigError);
    }
  });

  test("the stub is a valid config", () => {
    assert.deepEqual(stubConfig(), { days: 7, queue: true, upcoming: true, vpn: true, storage: true });
    assert.equal(normalizeConfig(stubConfig()).days, 7);
  });
});

test("subscribeRequest sends entry_id only when configured", () => {
  assert.deepEqual(subscribeRequest(normalizeConfig({ days: 40 })), {
    type: "myflix/media/subscribe",
    days: 30,
  });
  assert.deepEqual(subscribeRequest(normalizeConfig({ entry_id: "abc", days: 3 })), {
    type: "myflix/media/subscribe",
    entry_id: "abc",
    days: 3,
  });
});
