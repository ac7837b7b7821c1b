package io.filament.contracts.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.filament.contracts.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Tungsten Fabric fully qualified name: the names from the root of the config tree down to the object,
 * e.g. {@code [default-domain, demo, red]} for virtual network {@code red} of project {@code demo}.
 *
 * <p>The list is the authoritative form and the JSON form ({@code ["default-domain","demo","red"]}, as
 * the VNC API writes {@code fq_name}). The text form joins the elements with {@code ':'}
 * ({@code default-domain:demo:red}), as TF's {@code fq_name_to_string} does. Elements may themselves
 * contain {@code ':'} (a route-target object is named {@code target:64512:8000001}), so the text form of
 * such a name reads back as more elements; use the list form wherever a name must round-trip exactly.
 *
 * @param elements the names from root to leaf: at least one, none empty, no control characters
 */
public record FqName(List<String> elements) {

    static final String FIELD = "fq_name";

    public FqName {
        if (elements == null || elements.isEmpty()) {
            throw new InvalidValueException(FIELD, null, "needs at least one element");
        }
        for (String element : elements) {
            checkElement(elements, element);
        }
        elements = List.copyOf(elements);
    }

    /** The name with these elements, root first. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FqName of(List<String> elements) {
        return new FqName(elements);
    }

    /** The name with these elements, root first. */
    public static FqName of(String... elements) {
        return new FqName(elements == null ? null : java.util.Arrays.asList(elements));
    }

    /**
     * Reads the colon form {@code a:b:c}.
     *
     * @throws InvalidValueException naming {@code fq_name} and the text when it is empty or has an empty
     *     element ({@code a::c}, {@code :a}, {@code a:})
     */
    public static FqName parse(String text) {
        if (text == null) {
            throw new InvalidValueException(FIELD, null, "value is required");
        }
        List<String> elements = new ArrayList<>();
        int start = 0;
        while (true) {
            int colon = text.indexOf(':', start);
            String element = colon < 0 ? text.substring(start) : text.substring(start, colon);
            if (element.isEmpty()) {
                throw new InvalidValueException(FIELD, text, "element " + (elements.size() + 1) + " is empty");
            }
            elements.add(element);
            if (colon < 0) {
                return new FqName(elements);
            }
            start = colon + 1;
        }
    }

    /** The last element: the object's own name. */
    public String name() {
        return elements.getLast();
    }

    /** The parent's name, or empty for a root-level name of one element. */
    public Optional<FqName> parent() {
        return elements.size() == 1 ? Optional.empty() : Optional.of(new FqName(elements.subList(0, elements.size() - 1)));
    }

    /** The name of a child called {@code name} under this one. */
    public FqName child(String name) {
        List<String> longer = new ArrayList<>(elements);
        longer.add(name);
        return new FqName(longer);
    }

    /** Whether this name is a strict prefix of {@code other} (an ancestor in the config tree). */
    public boolean isAncestorOf(FqName other) {
        return other.elements.size() > elements.size() && other.elements.subList(0, elements.size()).equals(elements);
    }

    /** The list form, as written in JSON. */
    @JsonValue
    @Override
    public List<String> elements() {
        return elements;
    }

    /** The colon form {@code a:b:c}. */
    @Override
    public String toString() {
        return String.join(":", elements);
    }

    private static void checkElement(List<String> elements, String element) {
        if (element == null || element.isEmpty()) {
            throw new InvalidValueException(FIELD, display(elements), "elements must not be empty");
        }
        for (int i = 0; i < element.length(); i++) {
            if (Character.isISOControl(element.charAt(i))) {
                throw new InvalidValueException(FIELD, display(elements), "element \"" + element.substring(0, i)
                        + "…\" contains a control character");
            }
        }
    }

    private static String display(List<String> elements) {
        return elements.stream().map(e -> e == null ? "null" : e).reduce((a, b) -> a + ":" + b).orElse("");
    }
}
