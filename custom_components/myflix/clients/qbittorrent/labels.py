"""Categories and tags: the two ways qBittorrent labels torrents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .formats import Hashes, expect_type, join_hashes
from .models import Category
from .session import QbittorrentSession


class LabelsApi(QbittorrentSession):
    """Create, assign and delete categories and tags."""

    async def categories(self) -> dict[str, Category]:
        """All categories by name."""
        return {
            name: Category.from_dict(value, name)
            for name, value in (await self.raw_categories()).items()
            if isinstance(value, dict)
        }

    async def raw_categories(self) -> dict[str, Any]:
        """All categories as the server sent them (for an exact export)."""
        data = await self._get_json("torrents/categories")
        return dict(expect_type(data, dict, "categories"))

    async def set_category(self, hashes: Hashes, category: str) -> None:
        """Set ("" clears) the category; MyflixValidationError if it does not exist."""
        await self._post(
            "torrents/setCategory",
            {"hashes": join_hashes(hashes), "category": category},
        )

    async def create_category(self, name: str, save_path: str = "") -> None:
        """Create a category; MyflixValidationError if invalid or existing."""
        await self._post(
            "torrents/createCategory", {"category": name, "savePath": save_path}
        )

    async def remove_categories(self, names: Sequence[str]) -> None:
        """Delete categories (their torrents become uncategorised)."""
        await self._post("torrents/removeCategories", {"categories": "\n".join(names)})

    async def tags(self) -> list[str]:
        """All tags known to the server."""
        data = await self._get_json("torrents/tags")
        return [str(tag) for tag in expect_type(data, list, "tags")]

    async def add_tags(self, hashes: Hashes, tags: Sequence[str]) -> None:
        """Add tags (created on the fly)."""
        data = {"hashes": join_hashes(hashes), "tags": ",".join(tags)}
        await self._post("torrents/addTags", data)

    async def remove_tags(self, hashes: Hashes, tags: Sequence[str]) -> None:
        """Remove tags from torrents (an empty list removes all of them)."""
        data = {"hashes": join_hashes(hashes), "tags": ",".join(tags)}
        await self._post("torrents/removeTags", data)

    async def delete_tags(self, tags: Sequence[str]) -> None:
        """Delete tags from the server."""
        await self._post("torrents/deleteTags", {"tags": ",".join(tags)})
