"""The dashboard's figures: a count that opens its list, a rate. Tags rather than
included templates, since the dashboard shows a thousand of them."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def count_link(count, url: str = "", danger: bool = False) -> str:
    """The count, a link to the list it counts where there is one."""
    if not url:
        return format_html("{}", count)
    if danger and count:
        return format_html('<a href="{}" class="text-danger">{}</a>', url, count)
    return format_html('<a href="{}">{}</a>', url, count)


@register.filter
def percent(value) -> str:
    """A rate in percent, a dash where there is nothing to divide."""
    return "—" if value is None else f"{value}%"
