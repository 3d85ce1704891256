import assert from "node:assert/strict";
import { test } from "node:test";
import { DrawBudget } from "../src/draw-budget";

test("a long list is drawn a screenful first, then in steps, then whole", () => {
  const budget = new DrawBudget(40, 80);
  assert.equal(budget.limit, 40);
  const steps = [budget.limit];
  while (budget.needsMore(500)) {
    budget.grow();
    steps.push(budget.limit);
  }
  assert.deepEqual(steps, [40, 120, 200, 280, 360, 440, 520]);
  assert.equal(budget.limit, Number.POSITIVE_INFINITY, "lifted once whole");
  assert.equal(budget.needsMore(10_000), false, "rows that come later are drawn at once");
});

test("a short list is drawn whole at once", () => {
  const budget = new DrawBudget(40, 80);
  assert.equal(budget.needsMore(12), false);
  assert.equal(budget.limit, Number.POSITIVE_INFINITY);
});

test("reset brings back the first screenful for another entry", () => {
  const budget = new DrawBudget(40, 80);
  budget.needsMore(0);
  budget.reset();
  assert.equal(budget.limit, 40);
  assert.equal(budget.needsMore(41), true);
});
