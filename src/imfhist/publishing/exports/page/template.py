"""The page's markup: its body, then the two ways of wrapping it (a whole page, or a fragment
for another site's page). Filled with str.format from already-escaped text."""

BODY = """<{root} class="imfhist"{root_attributes}>
<header class="intro">
{heading}
{description}
<p class="{counts_class}">{counts}</p>
{sources}
</header>
<form class="filters" role="search" aria-label="{label_filters}" onsubmit="return false">
<div class="field"><label for="imfhist_country">{label_country}</label>
<select id="imfhist_country" data-key="country"><option value="">{all_countries}</option>{country_options}</select></div>
<div class="field"><label for="imfhist_tag">{label_tag}</label>
<select id="imfhist_tag" data-key="tag"><option value="">{all_tags}</option>{tag_options}</select></div>
<div class="field search"><label for="imfhist_text">{label_search}</label>
<input type="search" id="imfhist_text" data-key="text" placeholder="{search_hint}" autocomplete="off" spellcheck="false"></div>
<button type="button" class="show-all" hidden>{show_all}</button>
<output id="imfhist_shown" aria-live="polite" data-forms="{shown_forms}">{shown}</output>
</form>
<{story} class="story" style="{grid}">
<{subheading} class="visually-hidden">{story_heading}</{subheading}>
<div class="guide"><p class="hint">{hint}</p>
{legend}</div>
{axis}
{events}
<div class="empty" hidden><p>{empty}</p><button type="button" class="show-all">{show_all}</button></div>
</{story}>
<footer class="colophon"><p>{made_with}</p></footer>
</{root}>"""

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="{color_scheme}">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
{body}
<script>({script})(document);</script>
</body>
</html>
"""

# A custom element whose shadow root is declared in the markup: the browser builds it while
# parsing, before any script, so that the page shows even where scripts are held back. The
# script after it finds its element, builds the shadow root by hand in a browser that does not
# read declared ones, and runs the page's script inside it.
EMBED = """<!-- {title}: made with imfhist. Paste as is into a Custom HTML block. -->
<imfhist-timeline lang="{lang}" style="display:block">
<template shadowrootmode="open">
<style>{style}</style>
{body}
</template>
</imfhist-timeline>
<script>
(function () {{
  var host = document.currentScript && document.currentScript.previousElementSibling;
  if (!host || host.localName !== "imfhist-timeline") {{
    var all = document.querySelectorAll("imfhist-timeline");
    host = all[all.length - 1];
  }}
  var root = host.shadowRoot;
  if (!root) {{
    var declared = host.querySelector("template");
    root = host.attachShadow({{mode: "open"}});
    root.appendChild(declared.content);
    declared.remove();
  }}
  ({script})(root);
}})();
</script>
"""
