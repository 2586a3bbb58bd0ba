package dev.schemamodules.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void comparesNumericallyPartByPart() {
        List<String> sorted = Stream.of("10", "2", "1.10", "1.2", "1", "0.2", "1_3").map(Version::parse).sorted().map(Version::toString).toList();
        assertThat(sorted).containsExactly("0.2", "1", "1.2", "1.3", "1.10", "2", "10");
    }

    @Test
    void trailingZerosAndUnderscoresDoNotMakeADifferentVersion() {
        assertThat(Version.parse("1")).isEqualTo(Version.parse("1.0")).isEqualTo(Version.parse("1_0"));
        assertThat(Version.parse("1").hashCode()).isEqualTo(Version.parse("1.0.0").hashCode());
        assertThat(Version.parse("1.0.1")).isNotEqualTo(Version.parse("1"));
        assertThat(Version.parse("0")).isEqualTo(Version.ZERO);
    }

    @Test
    void showsUnderscoresAsDots() {
        assertThat(Version.parse("1_2")).hasToString("1.2");
        assertThat(Version.parse("3").isAbove(Version.parse("2.9"))).isTrue();
    }

    @Test
    void refusesWhatIsNotAVersion() {
        assertThatThrownBy(() -> Version.parse("1.x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'1.x'");
        assertThatThrownBy(() -> Version.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
