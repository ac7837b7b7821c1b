package io.filament.agent.port;

import io.filament.agent.config.AgentProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PortConfiguration {

    @Bean
    PortRegistry portRegistry(AgentProperties properties) {
        return new PortRegistry(new PortStore(properties.stateDirectory()));
    }

    @Bean
    PortApiConnector portApiConnector(AgentProperties properties) {
        return new PortApiConnector(properties);
    }
}
