package io.filament.control.config;

import java.util.List;

/** Where the config thread hands an agent's config delta; implementations queue and return at once. */
public interface ConfigOutSink {

    void push(List<ConfigItem> items);
}
