package io.filament.configapi.command;

import io.filament.configapi.registry.TypeRegistry;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one place config changes are decided: {@code (state, command) → decision}. It reads state and never writes;
 * REST requests and commands from Kafka both come through here. A refusal is a {@link
 * io.filament.configapi.error.ConfigApiException} thrown before anything is committed.
 */
public final class CommandHandler {

    private final TypeRegistry registry;
    private final ObjectMetadata metadata;
    private final Supplier<UUID> uuids;

    public CommandHandler(TypeRegistry registry, Clock clock, Supplier<UUID> uuids) {
        this.registry = registry;
        this.metadata = new ObjectMetadata(clock);
        this.uuids = uuids;
    }

    public TypeRegistry registry() {
        return registry;
    }

    public Decision decide(ConfigState state, Command command) {
        DecisionContext ctx = new DecisionContext(state, registry, metadata, uuids);
        return switch (command) {
            case Command.CreateObject c -> ctx.decision(new CreateDecider(ctx).create(c.type(), c.body().deepCopy())
                    .uuid());
            case Command.UpdateObject u -> {
                new UpdateDecider(ctx).update(u.type(), u.uuid(), u.body(), u.expectedVersion());
                yield ctx.decision(u.uuid());
            }
            case Command.DeleteObject d -> {
                new DeleteDecider(ctx).delete(d.type(), d.uuid(), d.expectedVersion());
                yield ctx.decision(d.uuid());
            }
            case Command.UpdateRef r -> {
                new UpdateDecider(ctx).updateRef(r);
                yield ctx.decision(r.uuid());
            }
        };
    }
}
