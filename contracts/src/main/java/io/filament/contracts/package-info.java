/** Filament's shared model: identifiers, value types, the config object model, event envelopes and topic names. */
package io.filament.contracts;
