"""The typed models: tolerant parsing, dates, TimeSpans, wrong shapes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from custom_components.myflix.clients.arr.models import (
    ArrModel,
    Command,
    Episode,
    HealthCheck,
    Movie,
    QueueItem,
    Series,
    SystemStatus,
    parse_date,
    parse_datetime,
    parse_timespan,
)
from custom_components.myflix.clients.errors import MyflixResponseError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("00:42:10", timedelta(minutes=42, seconds=10)),
        ("1.02:03:04", timedelta(days=1, hours=2, minutes=3, seconds=4)),
        ("12.00:00:00", timedelta(days=12)),
        ("00:00:00.0123456", timedelta(microseconds=12345)),
        ("-00:01:00", timedelta(minutes=-1)),
        ("soon", None),
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_parse_timespan(text: object, expected: timedelta | None) -> None:
    assert parse_timespan(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T18:30:00Z", datetime(2024, 5, 1, 18, 30, tzinfo=UTC)),
        ("2024-05-01T20:30:00+02:00", datetime(2024, 5, 1, 18, 30, tzinfo=UTC)),
        ("2024-05-01T18:30:00", datetime(2024, 5, 1, 18, 30, tzinfo=UTC)),
        # .NET writes 7 fractional digits; Python keeps the first 6.
        (
            "2024-05-01T18:30:00.1234567Z",
            datetime(2024, 5, 1, 18, 30, 0, 123456, tzinfo=UTC),
        ),
        (
            "2024-05-01T18:30:00.123456Z",
            datetime(2024, 5, 1, 18, 30, 0, 123456, tzinfo=UTC),
        ),
        ("not a date", None),
        (None, None),
    ],
)
def test_parse_datetime(text: object, expected: datetime | None) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    if parsed is not None:
        assert parsed.tzinfo is UTC


def test_parse_date() -> None:
    assert parse_date("2025-04-30") == date(2025, 4, 30)
    assert parse_date("2025-04-30T22:00:00Z") == date(2025, 4, 30)
    assert parse_date("30/04/2025") is None
    assert parse_date(None) is None


def test_missing_fields_get_defaults_and_unknown_fields_are_ignored() -> None:
    movie = Movie.from_dict({"tmdbId": 693134, "somethingNew": {"x": 1}})
    assert movie.tmdb_id == 693134
    assert movie.id == 0
    assert movie.title == ""
    assert movie.in_cinemas is None
    assert movie.genres == ()
    assert movie.raw == {"tmdbId": 693134, "somethingNew": {"x": 1}}


def test_wrong_types_fall_back_to_defaults() -> None:
    movie = Movie.from_dict(
        {
            "tmdbId": 1,
            "year": "2024",
            "monitored": "yes",
            "genres": "Drama",
            "tags": [1, "2", True],
        }
    )
    assert (movie.year, movie.monitored, movie.genres, movie.tags) == (
        0,
        False,
        (),
        (1,),
    )


@pytest.mark.parametrize(
    ("model", "payload"),
    [
        (Movie, {"title": "No tmdbId"}),
        (Movie, {"tmdbId": True}),
        (Series, {"title": "No tvdbId"}),
        (Episode, {"title": "no id"}),
        (QueueItem, {"id": "7"}),
        (SystemStatus, {"appName": "Radarr"}),
        (Command, []),
        (HealthCheck, "warning"),
    ],
)
def test_wrong_shape_raises_response_error(
    model: type[ArrModel], payload: object
) -> None:
    with pytest.raises(MyflixResponseError):
        model.from_dict(payload)


def test_queue_item_flattens_status_messages_and_upper_cases_hash() -> None:
    item = QueueItem.from_dict(
        {
            "id": 3,
            "downloadId": "abcdef0123456789abcdef0123456789abcdef01",
            "statusMessages": [
                {"title": "Civil.War.2024", "messages": ["Stalled", "No peers"]},
                {"title": "Only a title"},
                "junk",
            ],
            "timeleft": "1.00:00:05",
            "quality": {"quality": {"name": "WEBDL-1080p"}},
            "size": 100,
        }
    )
    assert item.status_messages == ("Stalled", "No peers", "Only a title")
    assert item.download_id == "ABCDEF0123456789ABCDEF0123456789ABCDEF01"
    assert item.timeleft == timedelta(days=1, seconds=5)
    assert item.quality == "WEBDL-1080p"
    assert item.size == 100.0


def test_health_wiki_url_as_string_or_sonarr_spec_object() -> None:
    as_string = HealthCheck.from_dict({"source": "X", "wikiUrl": "https://wiki/x"})
    as_object = HealthCheck.from_dict(
        {"source": "X", "wikiUrl": {"fullUri": "https://wiki/y"}}
    )
    assert (as_string.wiki_url, as_object.wiki_url) == (
        "https://wiki/x",
        "https://wiki/y",
    )


def test_episode_keeps_air_date_as_date_and_series_title() -> None:
    episode = Episode.from_dict(
        {
            "id": 5,
            "airDate": "2025-04-30",
            "airDateUtc": "2025-05-01T01:00:00Z",
            "series": {"title": "Severance"},
        }
    )
    assert episode.air_date == date(2025, 4, 30)
    assert episode.air_date_utc == datetime(2025, 5, 1, 1, 0, tzinfo=UTC)
    assert episode.series_title == "Severance"


def test_models_are_frozen_and_hashable() -> None:
    movie = Movie.from_dict({"tmdbId": 1, "title": "A"})
    with pytest.raises(AttributeError):
        movie.title = "B"  # type: ignore[misc]
    assert hash(movie) == hash(Movie.from_dict({"tmdbId": 1, "title": "A", "extra": 1}))


def test_command_finished() -> None:
    assert not Command.from_dict({"id": 1, "status": "started"}).finished
    assert Command.from_dict({"id": 1, "status": "completed"}).finished
