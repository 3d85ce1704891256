// The card's styles, from HA's theme variables. Queue rows render into the
// card's shadow root, so these style them too.
import { css, unsafeCSS } from "lit";
import { MOVIE_PATH, maskImage } from "./icons";
import { ROW_HEIGHT } from "./sections/queue";

export const cardStyles = css`
  :host {
    display: block;
    /* Narrow layouts follow the card's width, not the window's. */
    container-type: inline-size;
  }
  ha-card {
    overflow: hidden;
    background: var(--ha-card-background, var(--card-background-color, #fff));
    color: var(--primary-text-color);
  }
  .card-error {
    padding: 12px 16px;
    color: var(--error-color, #db4437);
  }
  .loading,
  .empty,
  .more {
    padding: 4px 0 8px;
    color: var(--secondary-text-color);
  }
  section {
    padding: 8px 16px 12px;
  }
  section + section {
    border-top: 1px solid var(--divider-color, rgba(0, 0, 0, 0.12));
  }
  /* Below a long queue, off screen: laid out and painted when scrolled to. */
  section[data-section="upcoming"],
  section[data-section="vpn"],
  section[data-section="storage"] {
    content-visibility: auto;
    contain-intrinsic-size: auto 240px;
  }
  h2 {
    margin: 4px 0 8px;
    font-size: 1rem;
    font-weight: 500;
    display: flex;
    align-items: center;
    gap: 8px;
  }
  h3 {
    margin: 8px 0 4px;
    font-size: 0.85rem;
    font-weight: 500;
    color: var(--secondary-text-color);
  }
  .count,
  .badge {
    font-size: 0.75rem;
    line-height: 1.4;
    padding: 0 6px;
    border-radius: 8px;
    background: var(--secondary-background-color, rgba(0, 0, 0, 0.06));
    color: var(--secondary-text-color);
    font-weight: 400;
    white-space: nowrap;
  }
  .badge {
    background: var(--success-color, #43a047);
    color: var(--text-primary-color, #fff);
  }

  /* A poster over its placeholder icon (a mask: no node per poster). */
  .poster-box {
    position: relative;
    flex: none;
    width: 40px;
    height: 60px;
    border-radius: 4px;
    overflow: hidden;
    background: var(--secondary-background-color, rgba(0, 0, 0, 0.06));
  }
  .poster-box::before {
    content: "";
    position: absolute;
    inset: 0;
    background: var(--disabled-text-color, rgba(0, 0, 0, 0.38));
    -webkit-mask: ${unsafeCSS(maskImage(MOVIE_PATH))} center / 22px no-repeat;
    mask: ${unsafeCSS(maskImage(MOVIE_PATH))} center / 22px no-repeat;
  }
  img.poster {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  [hidden],
  .detail:empty,
  .badge:empty,
  .error:empty {
    display: none !important;
  }

  /* Queue rows: compact, and skipped by layout and paint while off screen. */
  myflix-queue-row {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 6px 0;
    content-visibility: auto;
    contain-intrinsic-size: auto ${ROW_HEIGHT}px;
  }
  .main {
    flex: 1;
    min-width: 0;
  }
  .line {
    display: flex;
    align-items: baseline;
    gap: 8px;
  }
  .title {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .percent,
  .free {
    flex: none;
    font-size: 0.85rem;
    color: var(--secondary-text-color);
    font-variant-numeric: tabular-nums;
  }
  .track {
    height: 4px;
    margin: 4px 0;
    border-radius: 2px;
    background: var(--divider-color, rgba(0, 0, 0, 0.12));
    overflow: hidden;
  }
  .bar {
    height: 100%;
    background: var(--primary-color, #03a9f4);
  }
  myflix-queue-row[data-state="stalled"] .bar,
  myflix-queue-row[data-state="stopped"] .bar,
  myflix-queue-row[data-state="halted"] .bar,
  .bar.high {
    background: var(--warning-color, #ffa600);
  }
  myflix-queue-row[data-state="struck"] .bar,
  myflix-queue-row[data-state="error"] .bar,
  myflix-queue-row[data-state="missing_files"] .bar,
  .bar.critical {
    background: var(--error-color, #db4437);
  }
  myflix-queue-row[data-state="seeding"] .bar {
    background: var(--success-color, #43a047);
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    column-gap: 12px;
    font-size: 0.8rem;
    color: var(--secondary-text-color);
    font-variant-numeric: tabular-nums;
  }
  .meta .state {
    color: var(--primary-text-color);
  }
  .error {
    font-size: 0.8rem;
    color: var(--error-color, #db4437);
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    font-size: 0.85rem;
  }
  .confirm span {
    flex: 1 1 100%;
  }
  .actions {
    flex: none;
    display: flex;
  }
  button {
    font: inherit;
    color: inherit;
    background: none;
    border: none;
    cursor: pointer;
    border-radius: 50%;
  }
  button:disabled {
    opacity: 0.4;
    cursor: default;
  }
  button.icon {
    width: 36px;
    height: 36px;
    padding: 6px;
    color: var(--secondary-text-color);
  }
  button.icon svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  button.icon:hover:not(:disabled),
  button.text:hover:not(:disabled) {
    background: var(--secondary-background-color, rgba(0, 0, 0, 0.06));
  }
  button.text {
    border-radius: 4px;
    padding: 4px 8px;
    color: var(--primary-color);
    font-weight: 500;
  }
  button.danger {
    color: var(--error-color, #db4437);
  }

  /* Coming up */
  .release {
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 4px 0;
    content-visibility: auto;
    contain-intrinsic-size: auto 60px;
  }
  .release .poster-box {
    width: 32px;
    height: 48px;
  }
  .release .title {
    display: block;
  }
  .detail {
    font-size: 0.8rem;
    color: var(--secondary-text-color);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .when {
    flex: none;
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 2px;
    font-size: 0.85rem;
    color: var(--secondary-text-color);
  }

  /* VPN */
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 0;
  }
  dt {
    color: var(--secondary-text-color);
  }
  dd {
    margin: 0;
    min-width: 0;
  }
  dd[data-killswitch="tripped"],
  dd[data-killswitch="fail_closed"],
  dd[data-connectable="false"] {
    color: var(--error-color, #db4437);
  }

  /* Storage */
  .disk + .disk,
  .next-move {
    margin-top: 8px;
  }
  .label {
    font-weight: 500;
  }
  .disk .label {
    flex: 1;
  }

  @container (max-width: 450px) {
    section {
      padding: 8px 12px 12px;
    }
    myflix-queue-row {
      gap: 8px;
    }
    dl.facts {
      grid-template-columns: 1fr;
      gap: 0;
    }
    dd {
      margin-bottom: 6px;
    }
  }
`;
