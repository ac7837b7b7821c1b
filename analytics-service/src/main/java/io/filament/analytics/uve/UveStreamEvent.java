package io.filament.analytics.uve;

import tools.jackson.databind.JsonNode;

/**
 * One server-sent event of {@code /analytics/uve-stream}, as TF sends it: the UVE, the struct, and the struct's
 * merged value ({@code null} when no source has that struct any more).
 */
public record UveStreamEvent(String key, String type, JsonNode value) {
}
