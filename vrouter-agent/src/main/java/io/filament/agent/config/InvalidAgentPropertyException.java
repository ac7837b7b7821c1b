package io.filament.agent.config;

/** An agent setting with a value the agent cannot run with; names the property and the value. */
public final class InvalidAgentPropertyException extends IllegalArgumentException {

    private final String property;
    private final String value;

    public InvalidAgentPropertyException(String property, String value, String problem) {
        super(property + " '" + value + "' " + problem);
        this.property = property;
        this.value = value;
    }

    public String property() {
        return property;
    }

    public String value() {
        return value;
    }
}
