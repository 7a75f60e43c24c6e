"""The page's style sheet: one for both forms of the page (STYLE), and what differs between a
whole page (PAGE) and a fragment in a shadow root (EMBED).

The axis and every row's track share two custom properties set on the story, the offset of the
first regular year and the step between years (as percentages of the track), so that the grid
lines of every row fall under the axis's labels.
"""

import re

STYLE = """
:root, :host {
  --bg: #ffffff; --ink: #1b2130; --muted: #566072; --line: #dde2ea; --grid: #e9edf3;
  --soft: #f3f6fa; --accent: #1f5ea8; --accent-ink: #174a86; --focus: #b4460f;
  --label: 40%; --serif: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "DejaVu Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root, :host {
    --bg: #12151a; --ink: #e6e9ef; --muted: #a4adbb; --line: #2d333d; --grid: #222831;
    --soft: #1b2028; --accent: #78aef0; --accent-ink: #9cc4f5; --focus: #ffb37a;
  }
}
.imfhist { display: block; box-sizing: border-box; max-width: 72rem; margin: 0 auto;
  padding: 1.75rem clamp(1rem, 4vw, 2.5rem) 2.5rem; background: var(--bg); color: var(--ink);
  font: 1rem/1.5 var(--sans); text-align: start; -webkit-text-size-adjust: 100%;
  container: imfhist / inline-size; }
.imfhist *, .imfhist *::before, .imfhist *::after { box-sizing: border-box; }
.imfhist [hidden] { display: none !important; }
.imfhist a { color: var(--accent-ink); text-underline-offset: .15em; }
.imfhist a:focus-visible, .imfhist button:focus-visible, .imfhist select:focus-visible,
.imfhist summary:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px;
  padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.intro > * { max-width: 46rem; }
.intro .heading { max-width: 24em; font: 600 clamp(1.7rem, 1.2rem + 2.2vw, 2.6rem)/1.15 var(--serif); margin: 0 0 .9rem;
  letter-spacing: -.005em; text-wrap: balance; }
.description { font-size: 1.15rem; line-height: 1.55; margin: 0 0 .9rem; }
.counts, .sources { color: var(--muted); margin: .2rem 0; font-size: .95rem; }

.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .75rem 1.25rem;
  margin: 1.5rem 0 1.25rem; padding: 1rem 0; border-block: 1px solid var(--line); }
.field { display: flex; flex-direction: column; gap: .3rem; min-width: 0; }
.field label { font-size: .85rem; font-weight: 600; color: var(--muted); }
.imfhist select { font: inherit; color: var(--ink); background-color: var(--bg); min-width: 13rem;
  max-width: 100%; padding: .45rem .6rem; border: 1px solid var(--muted); border-radius: .4rem; }
.imfhist button { font: inherit; font-size: .95rem; color: var(--accent-ink); background: transparent;
  border: 1px solid currentColor; border-radius: .4rem; padding: .45rem .9rem; cursor: pointer; }
.imfhist button:hover { background: var(--soft); }
.filters output { margin-left: auto; color: var(--muted); font-size: .95rem; padding-bottom: .45rem; }

.hint { margin: 0 0 .5rem; color: var(--muted); font-size: .95rem; }
.legend { display: flex; flex-wrap: wrap; gap: .35rem 1.25rem; list-style: none; margin: 0 0 .75rem;
  padding: 0; font-size: .85rem; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: .45rem; }
.axis { position: sticky; top: 0; z-index: 1; height: 2rem; margin-left: var(--label);
  background: var(--bg); border-bottom: 1px solid var(--line); font-size: .8rem;
  color: var(--muted); font-variant-numeric: tabular-nums; }
.tick { position: absolute; bottom: .35rem; transform: translateX(-50%); white-space: nowrap; }
.tick.end { font-weight: 600; color: var(--ink); transform: none; }
.tick.start { left: .3rem; }
.tick.stop { right: .3rem; }

ol.events { list-style: none; margin: 0; padding: 0; }
.event { border-bottom: 1px solid var(--line); scroll-margin-top: 2.5rem; }
/* A long history, cut into lists of 50 events, lays out only the lists in view. */
ol.events.chunk { content-visibility: auto; contain-intrinsic-size: auto 3000px; }
.event summary { display: grid; grid-template-columns: var(--label) 1fr; align-items: stretch;
  cursor: pointer; list-style: none; min-height: 2.75rem; }
.event summary::-webkit-details-marker { display: none; }
.event summary:hover, .event details[open] > summary { background: var(--soft); }
.event summary:hover .title { text-decoration: underline; text-decoration-thickness: 1px;
  text-underline-offset: .15em; }
.label { position: relative; padding: .6rem 1rem .6rem 1.6rem; align-self: center;
  overflow-wrap: anywhere; }
.label::before { content: ""; position: absolute; left: .55rem; top: 1.05rem; width: .45rem;
  height: .45rem; border-right: 2px solid var(--muted); border-bottom: 2px solid var(--muted);
  transform: rotate(-45deg); transition: transform .15s; }
details[open] > summary .label::before { transform: rotate(45deg); top: .95rem; }
.when { display: block; font-size: .85rem; color: var(--muted); font-variant-numeric: tabular-nums; }
.title { display: block; font-weight: 550; line-height: 1.35; }
.track { position: relative; min-height: 2.75rem;
  background-image: repeating-linear-gradient(90deg,
    transparent calc(var(--grid-offset) - var(--grid-step)),
    transparent calc(var(--grid-offset) - 1px),
    var(--grid) calc(var(--grid-offset) - 1px), var(--grid) var(--grid-offset));
  box-shadow: inset 1px 0 var(--grid), inset -1px 0 var(--grid); }
.bar { position: absolute; top: 50%; height: .8rem; margin-top: -.4rem; border-radius: .4rem;
  background: var(--accent); min-width: .8rem; print-color-adjust: exact;
  -webkit-print-color-adjust: exact; }
.bar.point { width: .9rem !important; height: .9rem; margin-top: -.45rem; border-radius: 50%;
  transform: translateX(-50%); min-width: 0; }
.bar.fade-end { border-radius: .4rem 0 0 .4rem;
  -webkit-mask-image: linear-gradient(90deg, #000 55%, transparent);
  mask-image: linear-gradient(90deg, #000 55%, transparent); }
.bar.fade-start { border-radius: 0 .4rem .4rem 0;
  -webkit-mask-image: linear-gradient(270deg, #000 55%, transparent);
  mask-image: linear-gradient(270deg, #000 55%, transparent); }
.bar.fade-start.fade-end { border-radius: 0;
  -webkit-mask-image: linear-gradient(90deg, transparent, #000 30%, #000 70%, transparent);
  mask-image: linear-gradient(90deg, transparent, #000 30%, #000 70%, transparent); }
.bar.approximate { background: transparent; border: 2px dashed var(--accent); }
.bar.uncertain { background: color-mix(in srgb, var(--accent) 30%, transparent);
  border: 2px dotted var(--accent); }
/* An event placed only by what the source says of order: not how long it lasted, but the span
   in which it may have started (or ended), a dotted line between caps at the known bounds,
   fading out to the edge on a side that nothing bounds. */
.bar.derived, .bar.derived-end { height: .9rem; margin-top: -.45rem; border-radius: 0;
  min-width: .6rem; border-inline: 2px solid var(--accent);
  background: repeating-linear-gradient(90deg, var(--accent) 0 .3rem, transparent .3rem .55rem)
    center / 100% 2px no-repeat; }
.bar.derived-end { border-style: none double; border-inline-width: 4px; }
.bar.open-start { border-left-color: transparent;
  -webkit-mask-image: linear-gradient(90deg, transparent, #000 min(6rem, 60%));
  mask-image: linear-gradient(90deg, transparent, #000 min(6rem, 60%)); }
.bar.open-end { border-right-color: transparent;
  -webkit-mask-image: linear-gradient(270deg, transparent, #000 min(6rem, 60%));
  mask-image: linear-gradient(270deg, transparent, #000 min(6rem, 60%)); }
.bar.open-start.open-end {
  -webkit-mask-image: linear-gradient(90deg, transparent, #000 30%, #000 70%, transparent);
  mask-image: linear-gradient(90deg, transparent, #000 30%, #000 70%, transparent); }
.bar.sample { position: relative; display: inline-block; top: 0; margin: 0; width: 2.25rem;
  transform: none; }
.bar.sample.point { width: .9rem !important; }

.details { padding: .5rem 1rem 1.5rem 1.6rem; max-width: 44rem; }
.details p.summary { margin: .25rem 0 .75rem; font-size: 1.05rem; }
.details dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0;
  font-size: .95rem; }
.details dt { color: var(--muted); }
.details dd { margin: 0; }
.details blockquote { margin: 1rem 0 .5rem; padding: .1rem 0 .1rem 1rem;
  border-left: 3px solid var(--accent); }
.details blockquote p { margin: 0 0 .35rem; font: italic 1.02rem/1.55 var(--serif); }
.details blockquote footer { font-size: .875rem; color: var(--muted); }
.placement { margin: 1rem 0 .5rem; padding-top: .75rem; border-top: 1px dashed var(--line);
  font-size: .95rem; }
.placement > p { margin: .5rem 0 .25rem; }
.placement blockquote { margin-top: .35rem; border-left-style: dotted; }
.permalink { margin: .75rem 0 0; font-size: .875rem; }

.story.is-empty .hint, .story.is-empty .legend, .story.is-empty .axis { display: none; }
.empty { margin: 1rem 0; padding: 2rem 1rem; text-align: center; border: 1px dashed var(--muted);
  border-radius: .5rem; }
.empty p { margin: 0 0 1rem; font-size: 1.05rem; }
.colophon { margin-top: 2rem; padding-top: 1rem; border-top: 1px solid var(--line);
  color: var(--muted); font-size: .875rem; }
.colophon p { margin: 0; }

/* By the width of the page itself, not of the window: embedded in a site's column, it is narrow
   on a wide screen. */
@container imfhist (max-width: 42rem) {
  .story { --label: 100%; }
  .event summary { grid-template-columns: 1fr; }
  .track { min-height: 1.5rem; margin: 0 .5rem .5rem 1.6rem; }
  .track:empty { display: none; }
  .axis { margin-left: 1.6rem; margin-right: .5rem; }
  .tick.near-end { display: none; }
  .filters .field, .filters select { width: 100%; }
  .filters output { margin-left: 0; padding: 0; }
  .details { padding-left: 1.6rem; padding-right: .5rem; }
  .details dl { grid-template-columns: 1fr; gap: 0; }
  .details dd { margin-bottom: .35rem; }
}
@media print {
  :root, :host { --bg: #fff; --ink: #000; --muted: #444; --line: #bbb; --grid: #ddd;
    --soft: transparent; --accent: #1f5ea8; --accent-ink: #1f5ea8; }
  @page { margin: 16mm 14mm; }
  html { font-size: 10.5pt; }
  .imfhist { max-width: none; padding: 0; }
  .title { font-size: 1.1rem; }
  .filters, .show-all, .empty, .permalink, .hint { display: none !important; }
  .axis { position: relative; }
  .label::before { display: none; }
  .label, .details { padding-left: 0; }
  ol.events.chunk { content-visibility: visible; }
  .event summary { break-after: avoid; }
  .details blockquote, .details dl { break-inside: avoid; }
  .event details::details-content { content-visibility: visible; display: block; }
  .event summary { background: none !important; }
  /* On paper, the sources' addresses are written out once, in the introduction. */
  .sources a[href^="http"]::after { content: " (" attr(href) ")"; overflow-wrap: anywhere; }
  .track { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
@media (prefers-reduced-motion: reduce) { .label::before { transition: none; } }
"""

PAGE = """
html { background: var(--bg); }
body { margin: 0; }
"""

# `all: initial` cuts what the host element would pass down from the site's style sheets
# (font, colour, letter spacing, text transform...): inside, only the rules above apply.
# A site may also set the root font size (62.5% is common), which rem units would follow:
# inside a site's page, sizes are in em of a 16px base instead.
EMBED_RULES = """
:host { all: initial; display: block; }
.imfhist { all: initial; display: block; box-sizing: border-box; max-width: 72em; margin: 0 auto;
  padding: 1.5em clamp(.75em, 3vw, 2em) 2em; background: var(--bg); color: var(--ink);
  font: 16px/1.5 var(--sans); border-radius: .5em; container: imfhist / inline-size; }
"""


def embedded() -> str:
    return re.sub(r"(?<=[\d.])rem\b", "em", STYLE) + EMBED_RULES
