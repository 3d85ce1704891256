// Material Design Icons paths (Apache-2.0; the delete icon is inline in the
// row's template). Inline: 500 <ha-icon>s would each look up an icon set.

export const PAUSE_PATH = "M14,19H18V5H14M6,19H10V5H6V19Z";
export const PLAY_PATH = "M8,5.14V19.14L19,12.14L8,5.14Z";
export const MOVIE_PATH =
  "M18,4L20,8H17L15,4H13L15,8H12L10,4H8L10,8H7L5,4H4A2,2 0 0,0 2,6V18A2,2 0 0,0 4,20H20A2,2 0 0,0 22,18V4H18Z";

/** An icon as a CSS mask image: no DOM node per poster placeholder. */
export function maskImage(path: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="${path}"/></svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}
