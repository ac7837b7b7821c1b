/**
 * BGP/MPLS VPN and overlay identifiers: {@link io.filament.contracts.routing.AsNumber},
 * {@link io.filament.contracts.routing.RouteTarget} (RFC 4360 extended community),
 * {@link io.filament.contracts.routing.RouteDistinguisher} (RFC 4364), {@link io.filament.contracts.routing.Vni}
 * (VXLAN) and {@link io.filament.contracts.routing.MplsLabel}. Text forms follow Tungsten Fabric; wire forms
 * are the RFC byte layouts.
 */
package io.filament.contracts.routing;
