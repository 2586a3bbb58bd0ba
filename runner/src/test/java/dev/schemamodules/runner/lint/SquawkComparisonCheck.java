package dev.schemamodules.runner.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.runner.lint.SquawkComparison.Gap;
import dev.schemamodules.runner.lint.SquawkComparison.Script;
import dev.schemamodules.runner.lint.SquawkComparison.SquawkFinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Squawk and our linter on every shipped migration of every module: fails when squawk reports a locking or
 * destructive finding that our linter neither reports nor waives (mapping in {@link SquawkComparison}).
 *
 * <p>Needs squawk ({@code npm install -g squawk-cli}), so it is not part of {@code ./mvnw verify} (its
 * name does not match surefire's default includes); run it with
 * <pre>
 * ./mvnw verify -pl runner -am -Dlint.skip=true -Dtest=SquawkComparisonCheck -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsquawk.bin=$(command -v squawk)
 * </pre>
 * (CI leg {@code squawk} in {@code ci/test-legs.sh}). Without {@code -Dsquawk.bin} it fails, it does not skip.
 */
class SquawkComparisonCheck {

    @Test
    void squawk_finds_nothing_locking_or_destructive_that_our_linter_misses(@TempDir Path dir) throws Exception {
        String bin = System.getProperty("squawk.bin", "");
        assertThat(bin).as("-Dsquawk.bin=<path of the squawk executable> (npm install -g squawk-cli)").isNotBlank();
        assertThat(Files.isExecutable(Path.of(bin))).as("squawk executable %s", bin).isTrue();

        List<Script> scripts = new ArrayList<>();
        for (ModuleDescriptor module : ModuleRegistry.discover(getClass().getClassLoader()).all()) {
            scripts.addAll(SquawkComparison.migrations(module));
        }
        assertThat(scripts.stream().map(Script::module).distinct()).as("modules compared")
                .contains("platform", "therapy", "telehealth", "medication", "chatbot-crm", "messaging");

        List<SquawkFinding> squawk = SquawkComparison.runSquawk(Path.of(bin), dir, scripts);
        assertThat(squawk.stream().filter(f -> f.rule().equals("syntax-error")).toList())
                .as("squawk must parse every migration (placeholders resolved)").isEmpty();

        Map<String, Long> counted = squawk.stream().filter(f -> SquawkComparison.MAPPING.containsKey(f.rule()))
                .collect(Collectors.groupingBy(SquawkFinding::rule, TreeMap::new, Collectors.counting()));
        List<Gap> gaps = SquawkComparison.gaps(scripts, squawk);
        System.out.printf("squawk on %d migrations: %d findings, locking/destructive by rule %s, unanswered by our linter: %d%n",
                scripts.size(), squawk.size(), counted, gaps.size());
        assertThat(gaps).as("squawk findings our linter neither reports nor waives").isEmpty();
    }
}
