"""The page's style sheet: one for both forms of the page (STYLE), and what differs between a
whole page (PAGE) and a fragment in a shadow root (EMBED).

The axis and every row's track share custom properties set on the story, the offset of the
first grid line and the step between lines (as percentages of the track), for a wide track and
for a narrow one, so that the grid lines of every row fall under the axis's labels.
"""

import re

STYLE = """
/* Colours by theme: `data-theme` is light, dark, or auto (the reader's setting). A site may
   give its accent and its font: --imfhist-accent (and --imfhist-accent-dark), --imfhist-font. */
:root, :host, [data-theme] {
  --bg: #ffffff; --ink: #1b2130; --muted: #566072; --line: #dde2ea; --grid: #e3e8ef;
  --soft: #f3f6fa; --accent: var(--imfhist-accent, #1f5ea8);
  --accent-ink: var(--imfhist-accent, #174a86);
  --when: 12.75rem; --track: 45%; --bound: 1.25rem;
  --serif: var(--imfhist-font, "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "DejaVu Serif", serif);
  --sans: var(--imfhist-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  color-scheme: light;
}
[data-theme="dark"], :root:has(.imfhist[data-theme="dark"]) {
  --bg: #12151a; --ink: #e6e9ef; --muted: #a4adbb; --line: #2d333d; --grid: #2a313b;
  --soft: #1b2028; --accent: var(--imfhist-accent-dark, #78aef0);
  --accent-ink: var(--imfhist-accent-dark, #9cc4f5); color-scheme: dark;
}
@media (prefers-color-scheme: dark) {
  [data-theme="auto"], :root:has(.imfhist[data-theme="auto"]) {
    --bg: #12151a; --ink: #e6e9ef; --muted: #a4adbb; --line: #2d333d; --grid: #2a313b;
    --soft: #1b2028; --accent: var(--imfhist-accent-dark, #78aef0);
    --accent-ink: var(--imfhist-accent-dark, #9cc4f5); color-scheme: dark;
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
.imfhist input:focus-visible,
.imfhist summary:focus-visible { outline: 3px solid var(--ink); outline-offset: 2px; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px;
  padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.intro > * { max-width: 46rem; }
.intro .heading { max-width: 24em; font: 600 clamp(1.5rem, 1.1rem + 2.2vw, 2.6rem)/1.15 var(--serif);
  margin: 0 0 .9rem; letter-spacing: -.005em; text-wrap: balance; }
.description, .counts.lead { font-size: 1.15rem; line-height: 1.55; margin: 0 0 .6rem; color: var(--ink); }
.counts, .sources { color: var(--muted); margin: .2rem 0; font-size: .95rem; }

.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .75rem 1.25rem;
  margin: 1.25rem 0 1rem; padding: .9rem 0; border-block: 1px solid var(--line); }
.field { display: flex; flex-direction: column; gap: .3rem; min-width: 0; }
.field label { font-size: .85rem; font-weight: 600; color: var(--muted); }
.imfhist select { font: inherit; color: var(--ink); background-color: var(--bg); min-width: 13rem;
  max-width: 100%; padding: .45rem .6rem; border: 1px solid var(--muted); border-radius: .4rem; }
.imfhist input[type=search] { font: inherit; color: var(--ink); background-color: var(--bg);
  width: 16rem; max-width: 100%; padding: .45rem .6rem; border: 1px solid var(--muted);
  border-radius: .4rem; }
.imfhist input[type=search]::placeholder { color: var(--muted); opacity: 1; }
.imfhist button { font: inherit; font-size: .95rem; color: var(--accent-ink); background: transparent;
  border: 1px solid currentColor; border-radius: .4rem; padding: .45rem .9rem; cursor: pointer; }
.imfhist button:hover { background: var(--soft); }
.filters output { margin-left: auto; color: var(--muted); font-size: .95rem; padding-bottom: .45rem; }

.guide { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1.5rem; margin: 0 0 .75rem; }
.hint { margin: 0; color: var(--muted); font-size: .95rem; }
/* The legend is always open on a wide page; on a narrow one, a line that opens it. */
.key > summary { cursor: pointer; color: var(--muted); font-size: .85rem; }
.key[open] .legend { margin: .4rem 0 .25rem; }
@container imfhist (min-width: 42.01rem) {
  .key > summary { display: none; }
  .key::details-content { content-visibility: visible; display: block; }
  .key[open] .legend { margin: 0; }
}
.legend { display: flex; flex-wrap: wrap; gap: .35rem 1.25rem; list-style: none; margin: 0;
  padding: 0; font-size: .85rem; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: .45rem; }
.sample { position: relative; display: inline-block; width: 2.5rem; height: 1rem; flex: none; }

/* The axis's header spans the row: the columns' names, then the years over the tracks. */
.axis { position: sticky; top: 0; z-index: 1; display: grid;
  grid-template-columns: var(--when) minmax(0, 1fr) var(--track); align-items: end;
  height: 2.25rem; background: var(--bg); border-bottom: 1px solid var(--muted);
  font-size: .8rem; color: var(--muted); font-variant-numeric: tabular-nums; }
.axis-when, .axis-what { padding: 0 1rem .4rem 1.6rem; font-weight: 600; text-transform: uppercase;
  letter-spacing: .06em; font-size: .72rem; }
.axis-what { padding-left: 0; }
.scale { position: relative; height: 100%; }
.tick { position: absolute; bottom: .4rem; transform: translateX(-50%); white-space: nowrap; }
.tick.at-start { transform: none; padding-left: .25rem; }
.tick.at-stop { transform: translateX(-100%); padding-right: .25rem; }

.story { --grid-offset: var(--fine-offset); --grid-step: var(--fine-step); }
ol.events { list-style: none; margin: 0; padding: 0; }
.event { border-bottom: 1px solid var(--line); scroll-margin-top: 2.75rem; }
/* A long history, cut into lists of 50 events, lays out only the lists in view. */
ol.events.chunk { content-visibility: auto; contain-intrinsic-size: auto 3000px; }
/* The events a search leaves out; a period whose events are all left out is hidden whole. */
.story li.event.miss { display: none; }
.era-heading { margin: 1.5rem 0 .25rem; padding-bottom: .2rem; font: 600 1.15rem/1.3 var(--serif);
  border-bottom: 2px solid var(--line); }
.event summary { position: relative; display: grid;
  grid-template-columns: var(--when) minmax(0, 1fr) var(--track); align-items: stretch;
  cursor: pointer; list-style: none; min-height: 3rem; }
.event summary::-webkit-details-marker { display: none; }
.event summary:hover, .event details[open] > summary { background: var(--soft); }
.event summary:hover .title { text-decoration: underline; text-decoration-thickness: 1px;
  text-underline-offset: .15em; }
/* The disclosure's chevron, before the date. */
.event summary::before { content: ""; position: absolute; left: .55rem; top: 1.15rem; width: .45rem;
  height: .45rem; border-right: 2px solid var(--muted); border-bottom: 2px solid var(--muted);
  transform: rotate(-45deg); transition: transform .15s; }
.event details[open] > summary::before { transform: rotate(45deg); top: 1.05rem; }
.when { display: block; padding: .7rem .6rem .7rem 1.6rem; font-size: .9rem; font-weight: 650;
  line-height: 1.35; color: var(--ink); font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.when.undated { font-weight: 400; font-style: italic; color: var(--muted); }
.label { padding: .7rem 1rem .7rem 0; min-width: 0; overflow-wrap: anywhere; }
.title { display: block; font-weight: 400; font-size: 1.02rem; line-height: 1.4; }
.gist { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 1; overflow: hidden;
  margin-top: .15rem; color: var(--muted); font-size: .88rem; line-height: 1.4; }
details[open] > summary .gist { display: none; }
/* The event a link opened, in the accent colour. */
.event.current > details > summary, .event:target > details > summary {
  background: color-mix(in srgb, var(--accent) 12%, var(--bg));
  box-shadow: inset 4px 0 var(--accent); }

.track { position: relative; min-height: 3rem;
  background-image: repeating-linear-gradient(90deg,
    transparent calc(var(--grid-offset) - var(--grid-step)),
    transparent calc(var(--grid-offset) - 1px),
    var(--grid) calc(var(--grid-offset) - 1px), var(--grid) var(--grid-offset));
  box-shadow: inset 1px 0 var(--grid), inset -1px 0 var(--grid); }
.mark { position: absolute; top: 50%; height: .8rem; margin-top: -.4rem; print-color-adjust: exact;
  -webkit-print-color-adjust: exact; }
/* A period: a bar. A date within a year: a dot. */
.bar { border-radius: .4rem; background: var(--accent); min-width: .8rem; }
.bar.point { width: .9rem; height: .9rem; margin-top: -.45rem; border-radius: 50%;
  transform: translateX(-50%); min-width: 0; }
/* An open end: the bar goes on to an arrowhead at the edge; an unknown start, mirrored. */
.bar.fade-end { border-radius: .4rem 0 0 .4rem; margin-right: .7rem; }
.bar.fade-end::after, .bar.fade-start::before { content: ""; position: absolute; top: -.25rem;
  border-block: .65rem solid transparent; }
.bar.fade-end::after { right: -.7rem; border-left: .7rem solid var(--accent); }
.bar.fade-start { border-radius: 0 .4rem .4rem 0; margin-left: .7rem; }
.bar.fade-start::before { left: -.7rem; border-right: .7rem solid var(--accent); }
.bar.fade-start.fade-end { border-radius: 0; }
.bar.approximate { background: transparent; border: 2px dashed var(--accent); }
.bar.uncertain { background: color-mix(in srgb, var(--accent) 30%, transparent);
  border: 2px dotted var(--accent); }
/* A bound of a date that relations give: a bracket at the bound, a short arrow toward the side
   where the date may lie ("by 2019": the years before). Between two bounds: a bracket at each,
   a dotted line between them. */
.bound { width: var(--bound); height: 1rem; margin-top: -.5rem; }
.bound::before { content: ""; position: absolute; right: 0; top: 0; bottom: 0; width: .3rem;
  border: 2px solid var(--accent); border-left: 0; }
.bound::after { content: ""; position: absolute; left: 0; right: .35rem; top: 50%; height: .6rem;
  margin-top: -.3rem; background: var(--accent);
  clip-path: polygon(0 50%, .4rem 0, .4rem calc(50% - 1px), 100% calc(50% - 1px),
    100% calc(50% + 1px), .4rem calc(50% + 1px), .4rem 100%); }
.bound.lower { transform: scaleX(-1); }
.between { height: 1rem; margin-top: -.5rem; min-width: .6rem; border-inline: 2px solid var(--accent);
  background: repeating-linear-gradient(90deg, var(--accent) 0 .3rem, transparent .3rem .55rem)
    center / 100% 2px no-repeat; }
.between::before, .between::after { content: ""; position: absolute; top: -2px; bottom: -2px;
  width: .3rem; border-block: 2px solid var(--accent); }
.between::before { left: 0; }
.between::after { right: 0; }
/* Nothing places the event: a quiet band, and "undated" in words. */
.unplaced { left: .5rem; right: .5rem; height: 1.2rem; margin-top: -.6rem; border-radius: .2rem;
  display: flex; align-items: center; justify-content: center; color: var(--muted);
  font-size: .78rem; font-style: italic;
  background: repeating-linear-gradient(135deg, var(--line) 0 1px, transparent 1px 6px); }
.unplaced-words { background: var(--bg); padding: 0 .4rem; border-radius: .2rem; }
.sample .unplaced { left: 0; right: 0; }
.sample .mark.point { left: 50%; }

.details { padding: .5rem 1rem 1.5rem 1.6rem; max-width: 46rem; margin-left: var(--when); }
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

.story.is-empty .guide, .story.is-empty .axis { display: none; }
.empty { margin: 1rem 0; padding: 2rem 1rem; text-align: center; border: 1px dashed var(--muted);
  border-radius: .5rem; }
.empty p { margin: 0 0 1rem; font-size: 1.05rem; }
.colophon { margin-top: 2rem; padding-top: 1rem; border-top: 1px solid var(--line);
  color: var(--muted); font-size: .875rem; }
.colophon p { margin: 0; }

/* By the width of the page itself, not of the window: embedded in a site's column, it is narrow
   on a wide screen. A track narrower than 6 labels of years gets the coarse grid. */
@container imfhist (max-width: 62rem) {
  .story { --grid-offset: var(--coarse-offset); --grid-step: var(--coarse-step); }
  .tick.fine { display: none; }
}
@container imfhist (max-width: 42rem) {
  .story { --when: 100%; --track: 100%; --bound: 1rem; }
  .event summary { grid-template-columns: 1fr; min-height: 0; }
  .when { padding: .6rem .5rem 0 1.6rem; font-size: .85rem; }
  .label { padding: .1rem .5rem .35rem 1.6rem; }
  .gist { -webkit-line-clamp: 2; }
  .event summary::before { top: .95rem; }
  .event details[open] > summary::before { top: .85rem; }
  .track { min-height: 1.5rem; margin: 0 .5rem .6rem 1.6rem; }
  .axis { grid-template-columns: 1fr; margin: 0 .5rem 0 1.6rem; height: 1.75rem; }
  .axis-when, .axis-what { display: none; }
  .details { margin-left: 0; padding-left: 1.6rem; padding-right: .5rem; }
  .details dl { grid-template-columns: 1fr; gap: 0; }
  .details dd { margin-bottom: .35rem; }
  /* The filters side by side on one line, the legend folded into a line that opens it. */
  .intro .heading { margin-bottom: .6rem; }
  .description, .counts.lead { font-size: 1rem; }
  .filters { display: grid; grid-template-columns: 1fr 1fr; gap: .4rem .6rem; margin: .9rem 0 .6rem;
    padding: .6rem 0; }
  .filters .field label { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; }
  .imfhist select { min-width: 0; width: 100%; padding: .4rem .45rem; font-size: .92rem; }
  .filters .search { grid-column: 1 / -1; }
  .imfhist input[type=search] { width: 100%; padding: .4rem .45rem; font-size: .92rem; }
  .filters output { grid-column: 1 / -1; margin: 0; padding: 0; font-size: .85rem; }
  .show-all { grid-column: 1 / -1; justify-self: start; }
  .hint { display: none; }
  .guide { margin-bottom: .4rem; }
}
@media print {
  :root:root, [data-theme][data-theme] { --bg: #fff; --ink: #000; --muted: #444; --line: #bbb; --grid: #ddd;
    --soft: transparent; --accent: #1f5ea8; --accent-ink: #1f5ea8; color-scheme: light; }
  @page { margin: 16mm 14mm; }
  html { font-size: 10.5pt; }
  .imfhist { max-width: none; padding: 0; }
  .title { font-size: 1.1rem; }
  .gist { display: none; }
  .filters, .show-all, .empty, .permalink, .hint, .key > summary { display: none !important; }
  .key::details-content { content-visibility: visible; display: block; }
  .axis { position: relative; }
  .event summary::before { display: none; }
  .when { padding-left: 0; }
  .details { padding-left: 0; }
  ol.events.chunk { content-visibility: visible; }
  .event summary { break-after: avoid; }
  .details blockquote, .details dl { break-inside: avoid; }
  .event details::details-content { content-visibility: visible; display: block; }
  .event summary { background: none !important; box-shadow: none !important; }
  /* On paper, the sources' addresses are written out once, in the introduction. */
  .sources a[href^="http"]::after { content: " (" attr(href) ")"; overflow-wrap: anywhere; }
  .track { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
@media (prefers-reduced-motion: reduce) { .event summary::before { transition: none; } }
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
.imfhist[data-theme] { color-scheme: light; }
.imfhist[data-theme="dark"] { color-scheme: dark; }
@media (prefers-color-scheme: dark) { .imfhist[data-theme="auto"] { color-scheme: dark; } }
"""


def embedded() -> str:
    return re.sub(r"(?<=[\d.])rem\b", "em", STYLE) + EMBED_RULES
