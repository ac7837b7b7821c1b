package io.filament.control.rib;

import io.filament.contracts.xmpp.RoutePrefix;

/**
 * A path kept through a peer's graceful restart (TF's stale path): published in {@code originInstance} by a
 * session that was lost, still advertised, gone at the peer's End-of-RIB or grace timer unless re-published.
 */
record StalePath(String originInstance, RoutePrefix prefix, PathKey key) {
}
