// Wide tables on narrow screens: every `.table-scroll` box (a table's sideways-scrolling wrapper)
// is watched, and while its table is wider than the box it gets `data-overflow`, a hint above it
// ("Scroll sideways for more columns") and a fade on the side that has more to show, and becomes a
// focusable region so the keyboard can scroll it. When the table fits, all of that goes away.
// Imported once by common.js, so every page has it; tables added later are picked up too.

const HINT = 'Scroll sideways for more columns →';

/** The boxes already watched. @type {WeakSet<Element>} */
const watched = new WeakSet();

const resized = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const box = entry.target.classList.contains('table-scroll') ? entry.target : entry.target.parentElement;
    if (box instanceof HTMLElement) update(box);
  }
});

/**
 * Sets the box's overflow state, its scroll position marks and its hint.
 * @param {HTMLElement} box
 */
function update(box) {
  const overflows = box.scrollWidth > box.clientWidth + 1;
  const prev = box.previousElementSibling;
  const hint = prev instanceof HTMLElement && prev.classList.contains('scroll-cue') ? prev : null;
  if (!overflows) {
    box.removeAttribute('data-overflow');
    box.removeAttribute('data-scrolled');
    box.removeAttribute('data-at-end');
    // Only what this module added: a page may make its boxes regions of its own.
    if (box.hasAttribute('data-cue-region')) {
      box.removeAttribute('data-cue-region');
      box.removeAttribute('tabindex');
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
    }
    if (hint) hint.hidden = true;
    return;
  }
  box.setAttribute('data-overflow', '');
  box.style.setProperty('--visible-width', `${box.clientWidth}px`);
  marks(box);
  if (!box.hasAttribute('tabindex')) {
    // A region the keyboard can reach and scroll, named by its table's caption.
    const caption = box.querySelector('caption')?.textContent?.trim();
    box.setAttribute('data-cue-region', '');
    box.setAttribute('tabindex', '0');
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', caption ? `${caption} (scrolls sideways)` : 'Table (scrolls sideways)');
  }
  if (hint) hint.hidden = false;
  else {
    const p = document.createElement('p');
    p.className = 'scroll-cue';
    p.textContent = HINT;
    p.setAttribute('aria-hidden', 'true');
    box.before(p);
  }
}

/** `data-scrolled` once scrolled from the start, `data-at-end` at the right end. @param {HTMLElement} box */
function marks(box) {
  box.toggleAttribute('data-scrolled', box.scrollLeft > 1);
  box.toggleAttribute('data-at-end', box.scrollLeft + box.clientWidth >= box.scrollWidth - 1);
}

/** Starts watching a box (once). @param {Element} box */
function watch(box) {
  if (watched.has(box) || !(box instanceof HTMLElement)) return;
  watched.add(box);
  box.addEventListener('scroll', () => marks(box), { passive: true });
  resized.observe(box);
  for (const child of box.children) resized.observe(child);
  update(box);
}

/** @param {ParentNode} root */
function watchAll(root) {
  if (root instanceof Element && root.matches('.table-scroll')) watch(root);
  for (const box of root.querySelectorAll('.table-scroll')) watch(box);
}

new MutationObserver((records) => {
  for (const r of records)
    for (const node of r.addedNodes) {
      if (!(node instanceof Element)) continue;
      watchAll(node);
      // A table (or rows) put into a box already watched: the table's size is watched too.
      const box = node.parentElement?.closest('.table-scroll');
      if (box instanceof HTMLElement && watched.has(box)) {
        if (node.parentElement === box) resized.observe(node);
        update(box);
      }
    }
  // A hint whose box went away (or no longer overflows) is hidden.
  for (const hint of document.querySelectorAll('p.scroll-cue'))
    if (hint instanceof HTMLElement && !hint.nextElementSibling?.matches('.table-scroll[data-overflow]'))
      hint.hidden = true;
}).observe(document.documentElement, { childList: true, subtree: true });
watchAll(document);
