"""Categories and tags: the two ways qBittorrent labels torrents."""

from __future__ import annotations

import re

from simulators.qbittorrent.api import (
    ApiError,
    Call,
    Reply,
    RouteGroup,
    Routes,
    require,
    select_torrents,
    tag_list,
)
from simulators.qbittorrent.render import category_dicts

# No backslash, no leading/trailing slash, no empty path segment ("a//b").
_CATEGORY_RE = re.compile(r"^([^\\/]|[^\\/]([^\\/]|/(?=[^/]))*[^\\/])$")


def valid_category(name: str) -> bool:
    """Check the category name rule: no backslash, no empty path segment."""
    return bool(_CATEGORY_RE.match(name))


class LabelRoutes(RouteGroup):
    """Create, assign and delete categories and tags."""

    def routes(self) -> Routes:
        """Return the category and tag handlers."""
        return Routes(
            get={
                "torrents/categories": self._categories,
                "torrents/tags": self._tags,
            },
            post={
                "torrents/setCategory": self._set_category,
                "torrents/createCategory": self._create_category,
                "torrents/editCategory": self._edit_category,
                "torrents/removeCategories": self._remove_categories,
                "torrents/addTags": self._add_tags,
                "torrents/removeTags": self._remove_tags,
                "torrents/createTags": self._create_tags,
                "torrents/deleteTags": self._delete_tags,
            },
        )

    # ------------------------------------------------------------ categories

    async def _categories(self, _call: Call) -> Reply:
        return category_dicts(self.state)

    async def _set_category(self, call: Call) -> Reply:
        (category,) = require(call.params, "category")
        category = category.strip()
        for torrent in select_torrents(self.state, call.params):
            # Refused only if a torrent is affected, as in 4.5.2.
            if category and category not in self.state.categories:
                raise ApiError(409, "Incorrect category name")
            torrent.category = category
        return None

    async def _create_category(self, call: Call) -> Reply:
        (category,) = require(call.params, "category")
        category = category.strip()
        if not category:
            raise ApiError(400, "Category cannot be empty")
        if not valid_category(category):
            raise ApiError(409, "Incorrect category name")
        if category in self.state.categories:
            raise ApiError(409, "Unable to create category")
        self.state.categories[category] = call.params.get("savePath", "")
        return None

    async def _edit_category(self, call: Call) -> Reply:
        category, save_path = require(call.params, "category", "savePath")
        if category not in self.state.categories:
            raise ApiError(409, "Unable to edit category")
        self.state.categories[category] = save_path
        return None

    async def _remove_categories(self, call: Call) -> Reply:
        (raw,) = require(call.params, "categories")
        for name in (n.strip() for n in raw.split("\n")):
            if self.state.categories.pop(name, None) is not None:
                for torrent in self.state.torrents.values():
                    if torrent.category == name:
                        torrent.category = ""
        return None

    # ------------------------------------------------------------ tags

    async def _tags(self, _call: Call) -> Reply:
        return list(self.state.tags)

    async def _add_tags(self, call: Call) -> Reply:
        (raw,) = require(call.params, "tags")
        tags = tag_list(raw)
        self.state.ensure_tags(tags)
        for torrent in select_torrents(self.state, call.params):
            torrent.tags.extend(tag for tag in tags if tag not in torrent.tags)
        return None

    async def _remove_tags(self, call: Call) -> Reply:
        tags = tag_list(call.params.get("tags", ""))
        for torrent in select_torrents(self.state, call.params):
            # An empty tag list removes every tag.
            torrent.tags = [t for t in torrent.tags if tags and t not in tags]
        return None

    async def _create_tags(self, call: Call) -> Reply:
        (raw,) = require(call.params, "tags")
        self.state.ensure_tags(tag_list(raw))
        return None

    async def _delete_tags(self, call: Call) -> Reply:
        (raw,) = require(call.params, "tags")
        gone = set(tag_list(raw))
        self.state.tags = [tag for tag in self.state.tags if tag not in gone]
        for torrent in self.state.torrents.values():
            torrent.tags = [tag for tag in torrent.tags if tag not in gone]
        return None
