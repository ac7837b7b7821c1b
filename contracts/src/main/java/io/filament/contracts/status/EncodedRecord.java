package io.filament.contracts.status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A status or flow record ready for a Kafka producer: the record key, the CloudEvents headers in binary mode
 * and the JSON value. This module has no Kafka client; the producer adds each header entry as a header.
 */
public record EncodedRecord(String key, Map<String, byte[]> headers, byte[] value) {

    public EncodedRecord {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
