"""The outbox: registrations committed locally first, then delivered to the sinks
by a background worker, so the UI never waits on the network."""
