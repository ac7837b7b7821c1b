package io.filament.agent.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Binds {@code filament.control-nodes=10.0.0.1:5269,10.0.0.2} to control node addresses. */
@Component
@ConfigurationPropertiesBinding
class ControlNodeAddressConverter implements Converter<String, ControlNodeAddress> {

    @Override
    public ControlNodeAddress convert(String source) {
        return ControlNodeAddress.parse(source);
    }
}
