package io.filament.control.rib;

import io.filament.contracts.xmpp.RoutePrefix;

/** The paths of {@code prefix} in {@code instance} changed; subscribers need the new selection (or a retract). */
public record RouteChange(String instance, RoutePrefix prefix) {
}
