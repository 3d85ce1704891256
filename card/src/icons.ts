// Material Design Icons paths (Apache-2.0), inlined as static templates: an
// <svg> clones with its row for free, where 500 <ha-icon>s would each look up
// an icon set.
import { html } from "lit";

export const moviePlaceholder = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18,4L20,8H17L15,4H13L15,8H12L10,4H8L10,8H7L5,4H4A2,2 0 0,0 2,6V18A2,2 0 0,0 4,20H20A2,2 0 0,0 22,18V4H18Z"></path></svg>`;

export const pauseIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M14,19H18V5H14M6,19H10V5H6V19Z"></path></svg>`;

export const playIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M8,5.14V19.14L19,12.14L8,5.14Z"></path></svg>`;

export const deleteIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19,4H15.5L14.5,3H9.5L8.5,4H5V6H19M6,19A2,2 0 0,0 8,21H16A2,2 0 0,0 18,19V7H6V19Z"></path></svg>`;
