// How many queue rows the card draws now. A first full message with hundreds
// of rows draws a screenful at once and the rest in steps, one step a frame,
// so the first frame comes fast; once all are drawn, later rows are drawn as
// they come. Pure: the Node tests import it.

export const FIRST_ROWS = 40;
export const STEP_ROWS = 80;

export class DrawBudget {
  private _limit = FIRST_ROWS;

  constructor(
    private readonly first = FIRST_ROWS,
    private readonly step = STEP_ROWS,
  ) {
    this._limit = first;
  }

  /** Rows to draw now (Infinity once the list has been drawn whole). */
  get limit(): number {
    return this._limit;
  }

  /** Back to a first screenful: another entry's list is coming. */
  reset(): void {
    this._limit = this.first;
  }

  /**
   * Called after a draw, with the number of rows the list has to show:
   * true when rows are still missing and another step is due; false once
   * the list is whole (the budget is then lifted for good).
   */
  needsMore(wanted: number): boolean {
    if (this._limit >= wanted) {
      this._limit = Number.POSITIVE_INFINITY;
      return false;
    }
    return true;
  }

  /** The next step's budget. */
  grow(): void {
    this._limit += this.step;
  }
}
