"""Which unit must resolve a matter: category x locality rules, the category default otherwise."""

from mandate.grassroots.models import Category, RoutingRule
from mandate.org.models import Locality, Unit


class Router:
    """Every rule in memory, so that routing a 20,000-row import costs no query per row.

    The most specific rule wins: a rule naming the category before one for "any
    category", and for each, the commune itself before each locality above it, then
    "anywhere". Without a rule, the category's default unit, or the top unit if it has none.
    """

    def __init__(self):
        self.rules = {
            (category, locality): unit
            for category, locality, unit in RoutingRule.objects.values_list(
                "category_id", "locality_id", "unit_id"
            )
        }
        self.defaults = dict(Category.objects.values_list("pk", "default_unit_id"))
        self.parents = dict(Locality.objects.values_list("pk", "parent_id"))
        self.top_unit = (
            Unit.objects.filter(parent=None, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        self._found: dict[tuple[int, int], int] = {}

    def unit_id(self, category_id: int, locality_id: int) -> int:
        key = (category_id, locality_id)
        if key not in self._found:
            self._found[key] = self._route(category_id, locality_id)
        return self._found[key]

    def _route(self, category_id: int, locality_id: int) -> int:
        places = [*self._chain(locality_id), None]
        for category in (category_id, None):
            for place in places:
                unit = self.rules.get((category, place))
                if unit is not None:
                    return unit
        return self.defaults.get(category_id) or self.top_unit

    def _chain(self, locality_id: int) -> list[int]:
        chain, seen = [], set()
        while locality_id is not None and locality_id not in seen:
            chain.append(locality_id)
            seen.add(locality_id)
            locality_id = self.parents.get(locality_id)
        return chain
