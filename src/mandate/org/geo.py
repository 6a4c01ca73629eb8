"""Distances between locality centroids: neighbouring communes, nearest commune to a point."""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from mandate.org.models import Locality

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Centroids:
    """Ids and centroids of a set of localities, as arrays for vectorised distances."""

    ids: np.ndarray
    lat: np.ndarray
    lon: np.ndarray

    @classmethod
    def of(cls, localities: Iterable[tuple[int, float, float]]) -> "Centroids":
        rows = [
            (pk, lat, lon) for pk, lat, lon in localities if lat is not None and lon is not None
        ]
        array = np.array(rows, dtype=float).reshape(-1, 3)
        return cls(ids=array[:, 0].astype(int), lat=array[:, 1], lon=array[:, 2])

    def distances_km(self, lat: float, lon: float) -> np.ndarray:
        """Great-circle distance from one point to every centroid (haversine)."""
        phi1, phi2 = np.radians(lat), np.radians(self.lat)
        dphi, dlmb = phi2 - phi1, np.radians(self.lon - lon)
        a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
        return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))

    def nearest(self, lat: float, lon: float, *, k: int, radius_km: float) -> list[int]:
        """Up to k locality ids nearest to the point, within the radius, nearest first."""
        if not len(self.ids):
            return []
        distances = self.distances_km(lat, lon)
        order = np.argsort(distances, kind="stable")[:k]
        return [int(self.ids[i]) for i in order if distances[i] <= radius_km]


def sibling_centroids(locality: Locality) -> Centroids:
    """The centroids of the localities that share this one's parent (one query)."""
    return Centroids.of(
        Locality.objects.filter(parent_id=locality.parent_id).values_list("pk", "lat", "lon")
    )


def neighbours(locality: Locality, *, k: int = 8, radius_km: float = 15.0) -> list[int]:
    """The locality and its nearest siblings by centroid; itself alone without a centroid."""
    if locality.lat is None or locality.lon is None:
        return [locality.pk]
    found = sibling_centroids(locality).nearest(
        locality.lat, locality.lon, k=k + 1, radius_km=radius_km
    )
    return [locality.pk, *(pk for pk in found if pk != locality.pk)][: k + 1]
