package dev.schemamodules.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The boundary rules every module outside core checks on its own compiled classes, main and test: the build
 * fails when a module's code uses core's implementation ({@code dev.schemamodules.core.internal}) or one of
 * Flyway's internal packages. A module includes them with a test of four lines:
 * <pre>{@code
 * @AnalyzeClasses(locations = ModuleBoundaries.OwnClasses.class)
 * class ArchitectureTest {
 *     @ArchTest
 *     static final ArchTests boundaries = ArchTests.in(ModuleBoundaries.class);
 * }
 * }</pre>
 * Core's own {@code ArchitectureTest} holds the rules inside core (its api and db packages, no Flyway
 * internals in core); the runner's adds that its production code does not use Flyway at all.
 */
public final class ModuleBoundaries {

    private ModuleBoundaries() {
    }

    /** Modules and clients use core's api and db packages, its entry points and this harness, never its implementation. */
    @ArchTest
    public static final ArchRule noCoreInternal = noClasses().should().dependOnClassesThat().resideInAPackage("dev.schemamodules.core.internal..")
            .because("core.internal is core's implementation and may change in any release; use core.api, core.db and the entry points");

    /** Flyway's internal packages change without notice between its releases. */
    @ArchTest
    public static final ArchRule noFlywayInternals = noClasses().should().dependOnClassesThat().resideInAPackage("org.flywaydb..internal..")
            .because("Flyway's internal packages change without notice between releases");

    /**
     * The classes this module compiled: the directory the test class was loaded from ({@code target/test-classes})
     * and the main output beside it ({@code target/classes}), never the jars or other modules on the class path.
     */
    public static final class OwnClasses implements LocationProvider {

        @Override
        public Set<Location> get(Class<?> testClass) {
            Path testClasses;
            try {
                testClasses = Path.of(testClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the classes of " + testClass.getName(), e);
            }
            if (!Files.isDirectory(testClasses)) {
                throw new IllegalStateException(testClass.getName() + " was not loaded from a class directory but from " + testClasses
                        + ": run it in the module's own build");
            }
            Set<Location> own = new LinkedHashSet<>();
            own.add(Location.of(testClasses));
            Path mainClasses = testClasses.resolveSibling("classes");
            if (Files.isDirectory(mainClasses)) {
                own.add(Location.of(mainClasses));
            }
            return own;
        }
    }
}
