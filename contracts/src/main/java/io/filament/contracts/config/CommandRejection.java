package io.filament.contracts.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Value of a {@code io.filament.config.command.rejected} event on {@code filament.config.events.v1}.
 *
 * @param status  the HTTP status the same request gets over REST (400, 404, 409, 412…)
 * @param reason  what is wrong, naming the field and the value
 * @param command the refused command
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandRejection(int status, String reason, ConfigCommand command) {
}
