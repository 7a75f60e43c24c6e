"""Rules about the addresses of sources."""

from collections.abc import Iterator

from imfhist.checking.rules import Rule, checker
from imfhist.common.i18n import _
from imfhist.common.problems import Problem, Severity, shorten
from imfhist.common.safety import clean_line, safe_url
from imfhist.timeline.model import Timeline

SOURCE_URL = Rule("source-url", Severity.ERROR, """
    A source's `url` is a web address (`https://…` or `http://…`, or `mailto:`) with no space,
    line end, control or invisible character, quote or angle bracket in it. Exports make links
    only of such addresses: a line end inside a Markdown link would let the text after it become
    a link of its own (`javascript:…`).""")


@checker
def check_urls(timeline: Timeline) -> Iterator[Problem]:
    for source in timeline.sources:
        if source.url is not None and safe_url(source.url) is None:
            yield SOURCE_URL.at(source.loc, _("the url of source '{id}' is not a web address "
                                              "that can be a link: {url}").format(
                id=source.id.value, url=shorten(clean_line(repr(source.url)), 80)),
                _("write the address as the browser shows it, starting with https://"))
