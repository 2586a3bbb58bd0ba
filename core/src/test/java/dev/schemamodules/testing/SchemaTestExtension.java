package dev.schemamodules.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** Backs {@link SchemaTest}: one cloned database per test class, dropped after the class. */
public final class SchemaTestExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SchemaTestExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    private TestDatabase database(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Class<?> annotated = testClass;
        while (annotated != null && !AnnotationSupport.isAnnotated(annotated, SchemaTest.class)) {
            annotated = annotated.getEnclosingClass();
        }
        Class<?> owner = annotated == null ? testClass : annotated;
        SchemaTest spec = AnnotationSupport.findAnnotation(owner, SchemaTest.class).orElseThrow();
        ExtensionContext.Store store = context.getRoot().getStore(NS);
        return store.computeIfAbsent(owner.getName(), k -> TestDatabase.create(List.of(spec.modules()), spec.seed()), TestDatabase.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (AnnotationSupport.isAnnotated(testClass, SchemaTest.class)) {
            TestDatabase db = context.getRoot().getStore(NS).remove(testClass.getName(), TestDatabase.class);
            if (db != null) {
                db.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) throws ParameterResolutionException {
        return database(extensionContext);
    }
}
