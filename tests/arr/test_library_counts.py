"""Counting a library without its models gives the numbers the models give."""

from __future__ import annotations

from collections.abc import AsyncIterator
import json
from typing import Any

import pytest

from custom_components.myflix.clients import slices
from custom_components.myflix.clients.errors import MyflixResponseError

from .conftest import ArrStack


@pytest.fixture(params=[False, True], ids=["whole", "sliced"])
def sliced(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Decode every body in slices, or none."""
    if request.param:
        monkeypatch.setattr(slices, "LARGE_BODY", 0)
    return bool(request.param)


async def test_radarr_counts(radarr_stack: ArrStack, sliced: bool) -> None:
    """Total and monitored as ``movies()`` counts them."""
    movies = await radarr_stack.client.movies()
    counts = await radarr_stack.client.library_counts()
    assert counts.total == len(movies) > 0
    assert counts.monitored == sum(movie.monitored for movie in movies)
    assert counts.episodes is None


async def test_sonarr_counts(sonarr_stack: ArrStack, sliced: bool) -> None:
    """Total, monitored and episodes as ``series_list()`` counts them."""
    series = await sonarr_stack.client.series_list()
    counts = await sonarr_stack.client.library_counts()
    assert counts.total == len(series) > 0
    assert counts.monitored == sum(show.monitored for show in series)
    assert counts.episodes == sum(show.episode_count for show in series) > 0


@pytest.mark.parametrize(
    "items",
    [[{"monitored": True}], [7], [{"id": "1"}]],
    ids=["no id", "number", "str id"],
)
async def test_counts_refuse_what_models_refuse(
    radarr_stack: ArrStack, monkeypatch: pytest.MonkeyPatch, items: list[Any]
) -> None:
    """An item that is not an object with an id is an error, as for ``movies()``."""
    sim = radarr_stack.sim
    monkeypatch.setattr(sim, "resource", lambda *_a, **_k: items[0])
    with pytest.raises(MyflixResponseError):
        await radarr_stack.client.movies()
    with pytest.raises(MyflixResponseError):
        await radarr_stack.client.library_counts()


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        "{}",
        ' {"a": {"b": {"c": 1}}, "d": [ ], "e" : "x" } ',
        '{"torrents": {"ab": {"x": 1}, "cd": {}}, "rid": 3}',
        '[{"a": 1}, {"a": 2, "a": 3}, [1, [2]], "s", 1.5e3, true, null]',
        "[NaN, Infinity]",
        '"\\u00e9t\\u00e9"',
    ],
)
async def test_sliced_decoding_equals_json_loads(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slices or not, the same value."""
    monkeypatch.setattr(slices, "LARGE_BODY", 0)
    for encoding in ("utf-8", "utf-8-sig", "utf-16"):
        body = text.encode(encoding)
        assert await slices.loads_sliced(body) == json.loads(body)


async def _chunked(body: bytes, size: int) -> AsyncIterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64])
async def test_streamed_decoding_equals_json_loads_at_any_cut(size: int) -> None:
    """Chunks cut anywhere (inside numbers, strings, characters): the same value."""
    text = (
        '{"torrents": {"ab": {"x": 12345, "n": "\u00e9t\u00e9 été ☃"}},'
        ' "rid": 1234567, "list": [1.25e10, -0.5, true, false, null, "x"], "n": 98765}'
    )
    for encoding in ("utf-8", "utf-8-sig", "utf-16"):
        body = text.encode(encoding)
        value = await slices.loads_stream(_chunked(body, size))
        assert value == json.loads(body)
    body = b"[12, 345, 6789]"
    assert await slices.loads_stream(_chunked(body, size), lambda n: n * 2) == [
        24,
        690,
        13578,
    ]


@pytest.mark.parametrize("size", [1, 3, 64])
@pytest.mark.parametrize("text", ["[1,]", "[1 2]", '{"a":1,}', "[1", "[] x", '{"a"'])
async def test_streamed_decoding_refuses_what_json_loads_refuses(
    size: int, text: str
) -> None:
    """Cut anywhere, the same refusals."""
    with pytest.raises(json.JSONDecodeError):
        await slices.loads_stream(_chunked(text.encode(), size))


@pytest.mark.parametrize(
    "text",
    ["", " ", "[1,]", "[1 2]", '{"a" 1}', '{"a":1,}', "[1", '{"a":', "{1:2}", "[] x"],
)
async def test_sliced_decoding_refuses_what_json_loads_refuses(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slices or not, the same refusals."""
    monkeypatch.setattr(slices, "LARGE_BODY", 0)
    with pytest.raises(json.JSONDecodeError):
        json.loads(text.encode())
    with pytest.raises(json.JSONDecodeError):
        await slices.loads_sliced(text.encode())


async def test_slices_yield_to_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long decode gives the loop back between slices."""
    monkeypatch.setattr(slices, "SLICE", 0.0)
    body = json.dumps([{"id": index} for index in range(100_000)]).encode()
    yields = 0
    original = slices.asyncio.sleep

    async def counting_sleep(delay: float) -> None:
        nonlocal yields
        yields += 1
        await original(delay)

    monkeypatch.setattr(slices.asyncio, "sleep", counting_sleep)
    assert len(await slices.loads_sliced(body)) == 100_000
    assert yields >= 100_000


@pytest.mark.parametrize("large", [False, True])
async def test_values_of_maps_one_members_values_as_they_are_decoded(
    large: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``sync/maindata``'s torrents are filtered one by one; the rest stays as sent."""
    if large:
        monkeypatch.setattr(slices, "LARGE_BODY", 0)
    text = (
        '{"rid": 7, "torrents": {"ab": {"keep": 1, "drop": "m"}, "cd": 5},'
        ' "server_state": {"keep": 2, "drop": 3}}'
    )
    seen: list[object] = []

    def keep_only(fields: object) -> object:
        seen.append(fields)
        return {"keep": fields["keep"]} if isinstance(fields, dict) else fields

    each = slices.ValuesOf(keep_only, "torrents")
    expected = {
        "rid": 7,
        "torrents": {"ab": {"keep": 1}, "cd": 5},
        "server_state": {"keep": 2, "drop": 3},
    }
    assert await slices.loads_sliced(text.encode(), each) == expected
    assert seen == [{"keep": 1, "drop": "m"}, 5]
    for size in (1, 5, 64):
        streamed = await slices.loads_stream(_chunked(text.encode(), size), each)
        assert streamed == expected
    # An array body is left alone by a ValuesOf, as an object body by a mapper.
    assert await slices.loads_sliced(b"[1, 2]", each) == [1, 2]
    assert await slices.loads_sliced(b'{"a": 1}', lambda n: n * 2) == {"a": 1}
