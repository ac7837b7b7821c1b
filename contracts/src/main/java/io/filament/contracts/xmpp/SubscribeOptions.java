package io.filament.contracts.xmpp;

/**
 * {@code <options>} of a routing-instance subscribe.
 *
 * @param instanceId the agent's local VRF index; with the agent's address it forms the SourceRD
 * @param noRibout   {@code <no-ribout/>}: the agent publishes into the instance but wants no updates
 */
public record SubscribeOptions(int instanceId, boolean noRibout) {

    public SubscribeOptions {
        if (instanceId < 0 || instanceId > 0xFFFF) {
            throw new XmppPayloadException("options/instance-id", String.valueOf(instanceId),
                    "must be within 0..65535 (type-1 route distinguisher)");
        }
    }
}
