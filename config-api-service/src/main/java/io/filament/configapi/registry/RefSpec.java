package io.filament.configapi.registry;

import io.filament.contracts.config.ConfigType;
import java.util.Optional;

/**
 * A reference type a resource may carry ({@code <target>_refs}).
 *
 * @param target   referenced type
 * @param attr     validator of the link attribute, empty when the link carries none
 * @param required at least one ref must be given on create
 */
public record RefSpec(ConfigType target, Optional<PropertyValidator> attr, boolean required) {

    public String field() {
        return target.underscored() + "_refs";
    }
}
