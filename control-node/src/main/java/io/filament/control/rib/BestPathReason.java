package io.filament.control.rib;

/** Why the best path of a route won over the runner-up, in TF's {@code BgpPath::PathCompare} order. */
public enum BestPathReason {
    ONLY_PATH("only path"),
    HIGHER_LOCAL_PREFERENCE("higher local-preference"),
    HIGHER_SEQUENCE_NUMBER("higher mobility sequence number"),
    LOWER_MED("lower MED"),
    PRIMARY_OVER_REPLICATED("path of this instance over an imported one"),
    LOWER_PEER_KEY("ECMP tie broken by lower peer name and SourceRD");

    private final String text;

    BestPathReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
