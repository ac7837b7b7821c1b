package io.filament.configapi.registry;

import io.filament.configapi.error.BadRequestException;
import io.filament.configapi.ipam.IpAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The vocabulary TF schema properties are described with: scalars, enums, lists and structs of named fields. */
public final class Shapes {

    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    private Shapes() {
    }

    static BadRequestException invalid(String path, JsonNode value, String expected) {
        return new BadRequestException("Invalid value for " + path + ": " + value + " (expected " + expected + ")");
    }

    public static PropertyValidator string() {
        return (path, value) -> {
            if (!value.isString() && !value.isNull()) {
                throw invalid(path, value, "a string");
            }
        };
    }

    public static PropertyValidator bool() {
        return (path, value) -> {
            if (!value.isBoolean() && !value.isNull()) {
                throw invalid(path, value, "true or false");
            }
        };
    }

    public static PropertyValidator integer(long min, long max) {
        return (path, value) -> {
            if (value.isNull()) {
                return;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()
                    || value.asLong() < min || value.asLong() > max) {
                throw invalid(path, value, "an integer in " + min + ".." + max);
            }
        };
    }

    public static PropertyValidator oneOf(String... allowed) {
        Set<String> set = Set.of(allowed);
        return (path, value) -> {
            if (value.isNull()) {
                return;
            }
            if (!value.isString() || !set.contains(value.asString())) {
                throw invalid(path, value, "one of " + String.join(", ", allowed));
            }
        };
    }

    public static PropertyValidator ipAddress() {
        return (path, value) -> {
            if (value.isNull()) {
                return;
            }
            if (!value.isString() || IpAddress.parse(value.asString()).isEmpty()) {
                throw invalid(path, value, "an IPv4 or IPv6 address");
            }
        };
    }

    public static PropertyValidator macAddress() {
        return (path, value) -> {
            if (!value.isString() || !MAC.matcher(value.asString()).matches()) {
                throw invalid(path, value, "a MAC address like 02:ef:1e:98:28:05");
            }
        };
    }

    public static PropertyValidator routeTarget() {
        Pattern rt = Pattern.compile("target:(\\d+|\\d+\\.\\d+\\.\\d+\\.\\d+):\\d+");
        return (path, value) -> {
            if (!value.isString() || !rt.matcher(value.asString()).matches()) {
                throw invalid(path, value, "a route target like target:64512:100");
            }
        };
    }

    /** Any JSON object (TF structures this module does not interpret). */
    public static PropertyValidator anyObject() {
        return (path, value) -> {
            if (!value.isObject() && !value.isNull()) {
                throw invalid(path, value, "a JSON object");
            }
        };
    }

    public static PropertyValidator anyValue() {
        return (path, value) -> {
        };
    }

    public static PropertyValidator listOf(PropertyValidator element) {
        return (path, value) -> {
            if (value.isNull()) {
                return;
            }
            if (!value.isArray()) {
                throw invalid(path, value, "a JSON list");
            }
            for (int i = 0; i < value.size(); i++) {
                element.validate(path + "[" + i + "]", value.get(i));
            }
        };
    }

    /** A struct whose fields are all known: an unknown field is an error. */
    public static StructShape struct() {
        return new StructShape(true);
    }

    /** A struct of which only some fields are described; other fields pass unchecked. */
    public static StructShape openStruct() {
        return new StructShape(false);
    }

    /** Builder and validator of a TF complex type with named fields. */
    public static final class StructShape implements PropertyValidator {

        private final boolean strict;
        private final Map<String, PropertyValidator> fields = new LinkedHashMap<>();

        private StructShape(boolean strict) {
            this.strict = strict;
        }

        public StructShape field(String name, PropertyValidator validator) {
            fields.put(name, validator);
            return this;
        }

        public StructShape fields(List<String> names, PropertyValidator validator) {
            names.forEach(name -> fields.put(name, validator));
            return this;
        }

        @Override
        public void validate(String path, JsonNode value) {
            if (value.isNull()) {
                return;
            }
            if (!value.isObject()) {
                throw invalid(path, value, "a JSON object");
            }
            for (String name : value.propertyNames()) {
                PropertyValidator validator = fields.get(name);
                if (validator != null) {
                    validator.validate(path + "." + name, value.get(name));
                } else if (strict) {
                    throw new BadRequestException("Unknown field " + path + "." + name
                            + " (known: " + String.join(", ", fields.keySet()) + ")");
                }
            }
        }
    }
}
