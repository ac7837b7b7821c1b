package io.filament.configapi.command;

import io.filament.contracts.config.ConfigType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A request to change config, whether it came over REST or from the command topic. */
public sealed interface Command {

    ConfigType type();

    /** {@code POST /<type>s}: {@code body} is the object inside the type key. */
    record CreateObject(ConfigType type, ObjectNode body) implements Command {
    }

    /** {@code PUT /<type>/<uuid>}: the fields to change; {@code expectedVersion} from If-Match. */
    record UpdateObject(ConfigType type, String uuid, ObjectNode body, OptionalLong expectedVersion)
            implements Command {
    }

    record DeleteObject(ConfigType type, String uuid, OptionalLong expectedVersion) implements Command {
    }

    /** {@code POST /ref-update}: ADD (or replace the attr of) / DELETE one ref. */
    record UpdateRef(ConfigType type, String uuid, ConfigType refType, Optional<String> refUuid,
                     Optional<List<String>> refFqName, RefOperation operation, Optional<JsonNode> attr)
            implements Command {
    }

    enum RefOperation { ADD, DELETE }
}
