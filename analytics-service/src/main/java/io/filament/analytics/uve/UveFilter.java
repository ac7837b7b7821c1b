package io.filament.analytics.uve;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TF's UVE read filters.
 *
 * @param flat   true: merged values only; false: each attribute with its aggregation and per-source values
 * @param sfilt  only sources whose name, or host part after {@code /}, equals this
 * @param mfilt  only sources whose module part before {@code /} equals this
 * @param cfilt  only these structs ({@code Struct}) or attributes ({@code Struct:attribute}); empty = all
 */
public record UveFilter(boolean flat, Optional<String> sfilt, Optional<String> mfilt, Set<String> cfilt) {

    public static final UveFilter FLAT = new UveFilter(true, Optional.empty(), Optional.empty(), Set.of());

    public UveFilter {
        cfilt = Set.copyOf(cfilt);
    }

    /** Parses the comma-separated {@code cfilt} parameter. */
    public static Set<String> cfiltOf(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(parameter.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    boolean acceptsSource(String source) {
        int slash = source.indexOf('/');
        String module = slash < 0 ? source : source.substring(0, slash);
        String host = slash < 0 ? source : source.substring(slash + 1);
        return sfilt.map(s -> s.equals(source) || s.equals(host)).orElse(true)
                && mfilt.map(module::equals).orElse(true);
    }

    boolean acceptsStruct(String struct) {
        return cfilt.isEmpty() || cfilt.contains(struct) || cfilt.stream().anyMatch(c -> c.startsWith(struct + ":"));
    }

    boolean acceptsAttribute(String struct, String attribute) {
        return cfilt.isEmpty() || cfilt.contains(struct) || cfilt.contains(struct + ":" + attribute);
    }
}
