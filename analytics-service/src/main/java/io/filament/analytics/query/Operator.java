package io.filament.analytics.query;

import java.util.Arrays;
import java.util.Optional;

/** Match operators of a where term, with TF's numeric codes. */
public enum Operator {
    EQUAL(1),
    NOT_EQUAL(2),
    IN_RANGE(3),
    LEQ(5),
    GEQ(6),
    PREFIX(7);

    private final int code;

    Operator(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Operator> byCode(int code) {
        return Arrays.stream(values()).filter(o -> o.code == code).findFirst();
    }

    public static Optional<Operator> byName(String name) {
        return Arrays.stream(values()).filter(o -> o.name().equals(name)).findFirst();
    }
}
