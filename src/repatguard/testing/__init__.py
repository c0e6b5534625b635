"""Helpers for tests of repatguard and of the systems that embed it."""

from repatguard.testing.factories import AS_OF, sound_operation

__all__ = ["AS_OF", "sound_operation"]
