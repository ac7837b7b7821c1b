package io.filament.agent.status;

import java.time.Instant;
import java.util.Map;

/**
 * A UVE-style status record: which table and key it describes, who reports it, when, whether the object is
 * gone, and its attributes. Published on {@code filament.status.v1} under the key {@code <table>:<key>}.
 *
 * @param table      TF's UVE table ({@code ObjectVRouter}, {@code ObjectVMITable})
 * @param key        the object's key in that table (host name, VMI uuid)
 * @param source     the reporting generator, {@code <host>:vrouter-agent}
 * @param time       when the state was read
 * @param deleted    the object is gone (TF's {@code deleted} flag)
 * @param attributes the reported state
 */
public record StatusRecord(String table, String key, String source, Instant time, boolean deleted,
                           Map<String, Object> attributes) {

    public StatusRecord {
        attributes = Map.copyOf(attributes);
    }

    public String kafkaKey() {
        return table + ":" + key;
    }
}
