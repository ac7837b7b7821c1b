package io.filament.contracts.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.filament.contracts.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FqNameTest {

    @Test
    void readsTheColonFormIntoElements() {
        FqName name = FqName.parse("default-domain:demo:red");

        assertThat(name.elements()).containsExactly("default-domain", "demo", "red");
        assertThat(name).isEqualTo(FqName.of("default-domain", "demo", "red"));
        assertThat(name).hasToString("default-domain:demo:red");
    }

    @Test
    void knowsItsNameParentAndChildren() {
        FqName vn = FqName.of("default-domain", "demo", "red");

        assertThat(vn.name()).isEqualTo("red");
        assertThat(vn.parent()).contains(FqName.of("default-domain", "demo"));
        assertThat(FqName.of("default-domain").parent()).isEmpty();
        assertThat(vn.child("red")).hasToString("default-domain:demo:red:red");
        assertThat(FqName.of("default-domain", "demo").isAncestorOf(vn)).isTrue();
        assertThat(vn.isAncestorOf(vn)).isFalse();
        assertThat(FqName.of("default-domain", "other").isAncestorOf(vn)).isFalse();
    }

    @Test
    void keepsElementsWithColonsInTheListForm() {
        FqName routeTarget = FqName.of("target:64512:8000001");

        assertThat(routeTarget.elements()).containsExactly("target:64512:8000001");
        assertThat(routeTarget.name()).isEqualTo("target:64512:8000001");
        assertThat(FqName.parse(routeTarget.toString()).elements()).hasSize(3);
    }

    @Test
    void isImmutableEvenWhenBuiltFromAMutableList() {
        List<String> source = new ArrayList<>(List.of("a", "b"));
        FqName name = FqName.of(source);

        source.add("c");

        assertThat(name.elements()).containsExactly("a", "b");
        assertThatThrownBy(() -> name.elements().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a::c   | element 2 is empty",
        ":a     | element 1 is empty",
        "a:     | element 2 is empty",
    })
    void rejectsEmptyElementsInTheColonForm(String input, String reason) {
        assertThatThrownBy(() -> FqName.parse(input))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid fq_name \"" + input + "\": " + reason);
    }

    @Test
    void rejectsEmptyListsEmptyElementsAndControlCharacters() {
        assertThatThrownBy(() -> FqName.parse(""))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid fq_name \"\": element 1 is empty");
        assertThatThrownBy(() -> FqName.of(List.of()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid fq_name (missing): needs at least one element");
        assertThatThrownBy(() -> FqName.of("a", null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid fq_name \"a:null\": elements must not be empty");
        assertThatThrownBy(() -> FqName.of("a", "b\nc"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("invalid fq_name \"a:b\\nc\": element \"b…\" contains a control character");
    }
}
