/** Names of config objects: {@link io.filament.contracts.id.FqName}, Tungsten Fabric's fully qualified name. */
package io.filament.contracts.id;
