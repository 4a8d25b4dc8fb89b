"""Ring counting from the INVITE's arrival, and the norm of 3 rings."""

import pytest

from kccdesk.core.rings import RingCadence, RingNorm, RingStatus


@pytest.mark.parametrize(
    ("elapsed", "ring"),
    [
        (-0.1, 0),  # before the INVITE: no ring
        (0.0, 1),  # ring 1 starts on arrival
        (4.999, 1),
        (5.0, 2),  # Dutch cadence: ring n starts at (n-1) x 5 s
        (9.999, 2),
        (10.0, 3),
        (14.999, 3),
        (15.0, 4),
        (60.0, 13),
    ],
)
def test_dutch_cadence_ring_edges(elapsed, ring):
    assert RingCadence().ring_at(elapsed) == ring


def test_tone_and_silence_within_a_ring():
    cadence = RingCadence()
    assert cadence.is_sounding(0.0)
    assert cadence.is_sounding(0.99)
    assert not cadence.is_sounding(1.0)
    assert not cadence.is_sounding(4.99)
    assert cadence.is_sounding(5.0)


def test_custom_cadence():
    # A 2 s tone and 4 s silence (as in some PBXs): ring n starts at (n-1) x 6 s
    cadence = RingCadence(tone_seconds=2.0, silence_seconds=4.0)
    assert cadence.period == 6.0
    assert cadence.ring_at(5.999) == 1
    assert cadence.ring_at(6.0) == 2
    assert cadence.ring_starts(3) == 12.0
    assert cadence.is_sounding(13.5)
    assert not cadence.is_sounding(14.0)


def test_cadence_without_silence():
    cadence = RingCadence(tone_seconds=3.0, silence_seconds=0.0)
    assert cadence.ring_at(2.9) == 1
    assert cadence.ring_at(3.0) == 2


@pytest.mark.parametrize("tone,silence", [(0.0, 4.0), (-1.0, 4.0), (1.0, -0.5)])
def test_impossible_cadences_are_refused(tone, silence):
    with pytest.raises(ValueError):
        RingCadence(tone, silence)


def test_norm_of_three_rings():
    norm = RingNorm()
    assert [norm.status(r) for r in (1, 2, 3, 4)] == [
        RingStatus.WITHIN_NORM,
        RingStatus.WITHIN_NORM,
        RingStatus.LAST_RING,
        RingStatus.OVER_NORM,
    ]
    assert norm.met(3)
    assert not norm.met(4)
    assert not norm.met(0)


def test_norm_is_configurable():
    norm = RingNorm(max_rings=2)
    assert norm.status(2) is RingStatus.LAST_RING
    assert norm.status(3) is RingStatus.OVER_NORM
    with pytest.raises(ValueError):
        RingNorm(max_rings=0)
