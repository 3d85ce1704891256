// Posters: an <img class="poster"> over a placeholder icon (painted by CSS).
// A poster that fails to load hides itself, uncovering the icon, with no
// redraw. One pair of capturing listeners on the card serves every poster:
// load and error do not bubble, but they can be caught on the way down.

function isPoster(target: EventTarget | null): target is HTMLImageElement {
  return target instanceof HTMLImageElement && target.classList.contains("poster");
}

export function listenToPosters(root: Node): void {
  root.addEventListener(
    "error",
    (event) => {
      if (isPoster(event.target)) event.target.hidden = true;
    },
    true,
  );
  root.addEventListener(
    "load",
    (event) => {
      if (isPoster(event.target)) event.target.hidden = false;
    },
    true,
  );
}
