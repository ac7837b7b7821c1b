package io.filament.schema.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void writesKeysSortedAtEveryLevelWithoutWhitespace() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of("x", "y"));
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "red");
        value.put("flag", true);
        value.put("big", 4_200_000_001L);
        value.put("inner", inner);

        String json = CanonicalJson.text(new DesiredRecord("routing-instance", "red", value));

        assertThat(json).isEqualTo("{\"big\":4200000001,\"flag\":true,\"inner\":{\"a\":[\"x\",\"y\"],\"z\":1},"
                + "\"name\":\"red\"}");
    }

    @Test
    void escapesStringsAsJsonRequires() {
        String json = CanonicalJson.text(new DesiredRecord("t", "i", Map.of("s", "a\"b\\c\n\u00e9")));

        assertThat(json).isEqualTo("{\"s\":\"a\\\"b\\\\c\\n\u00e9\"}");
    }

    @Test
    void rejectsAValueTypeOutsideTheRecordModelNamingIt() {
        assertThatThrownBy(() -> new DesiredRecord("t", "i", Map.of("ratio", 0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double").hasMessageContaining("0.5");
    }

    @Test
    void readsTheBytesBackIntoSortedMapsWithIntegersAndLongsAsWritten() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", List.of(Map.of("b", 2, "a", 1), "x"));
        value.put("big", 4_200_000_001L);
        value.put("flag", false);
        var record = new DesiredRecord("t", "i", value);

        assertThat(record.value()).isEqualTo(Map.of("z", List.of(Map.of("a", 1, "b", 2), "x"),
                "big", 4_200_000_001L, "flag", false));
        assertThat(record.value().keySet()).containsExactly("big", "flag", "z");
        assertThat(record).isEqualTo(new DesiredRecord("t", "i", Map.of("flag", false, "big", 4_200_000_001L,
                "z", List.of(Map.of("a", 1, "b", 2), "x"))));
        assertThat(record).isNotEqualTo(new DesiredRecord("t", "i", Map.of("flag", true)));
    }
}
