package io.filament.schema.stream;

/** A record the producer could not deliver; the engine rebuilds and re-publishes what the topic is missing. */
public final class PublishFailed extends RuntimeException {

    private final String topic;
    private final String key;

    public PublishFailed(String topic, String key, Throwable cause) {
        super("record " + key + " could not be delivered to " + topic + ": " + cause, cause);
        this.topic = topic;
        this.key = key;
    }

    public String topic() {
        return topic;
    }

    public String key() {
        return key;
    }
}
