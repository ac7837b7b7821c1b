package io.filament.contracts.id;

import static org.assertj.core.api.Assertions.assertThat;

import io.filament.contracts.InvalidValueException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.json.JsonMapper;

class FqNamePropertiesTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Property
    void colonFormRoundTripsWhenNoElementContainsAColon(@ForAll("colonFreeElements") List<String> elements) {
        FqName name = FqName.of(elements);

        assertThat(FqName.parse(name.toString())).isEqualTo(name);
        assertThat(name.name()).isEqualTo(elements.getLast());
        assertThat(name.parent().map(parent -> parent.child(name.name())).orElse(name)).isEqualTo(name);
    }

    @Property
    void jsonListFormRoundTripsForAnyElements(@ForAll("anyElements") List<String> elements) {
        FqName name = FqName.of(elements);

        assertThat(mapper.readValue(mapper.writeValueAsString(name), FqName.class)).isEqualTo(name);
    }

    @Property
    void anyTextEitherIsANameOrFailsWithTheTypedError(@ForAll("nameLikeText") String text) {
        try {
            assertThat(FqName.parse(text)).hasToString(text);
        } catch (InvalidValueException expected) {
            assertThat(expected.field()).isEqualTo("fq_name");
        }
    }

    @Provide
    Arbitrary<List<String>> colonFreeElements() {
        return Arbitraries.strings().alpha().numeric().withChars("-_. ").ofMinLength(1).ofMaxLength(12)
                .list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> anyElements() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12)
                .filter(s -> s.chars().noneMatch(Character::isISOControl))
                .list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> nameLikeText() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("ab:\n\t").ofMaxLength(10), Arbitraries.strings().ofMaxLength(30));
    }
}
