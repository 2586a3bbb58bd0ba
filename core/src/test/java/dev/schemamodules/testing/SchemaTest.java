package dev.schemamodules.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a fresh database of its own, cloned from a template in which {@link #modules()}
 * (and the modules they require) are already migrated. Test methods and lifecycle methods receive it
 * as a {@link TestDatabase} parameter.
 *
 * <pre>
 * &#64;SchemaTest(modules = "therapy")
 * class TherapyForeignKeyTest {
 *     &#64;Test void deleting_partner_cascades_to_appointments(TestDatabase db) throws Exception { ... }
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SchemaTestExtension.class)
public @interface SchemaTest {

    /** Modules to migrate (their dependencies come along). Empty: an empty database. */
    String[] modules() default {};

    /** Seed environment to apply ({@code common}, {@code dev}, ...); empty for none. */
    String seed() default "";
}
