package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a command's {@code --json} output with Jackson and checks documents by field names and JSON types
 * (the shapes of docs/json.md), never by substrings.
 */
final class JsonShape {

    /** Trailing tokens fail: the whole of standard output must be the one document. */
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonShape() {
    }

    /** The whole of {@code stdout} as one JSON document; fails when anything else (a log line, a note) is in it. */
    static JsonNode parse(String stdout) {
        try {
            return MAPPER.readTree(stdout);
        } catch (JsonProcessingException e) {
            throw new AssertionError("standard output is not exactly one JSON document (" + e.getOriginalMessage() + "):\n" + stdout, e);
        }
    }

    /**
     * Asserts that {@code node} is an object with exactly these fields, in this order, each of one of the given types:
     * {@code "name:string"}, {@code "installedVersion:string|null"}; types are string, integer, number (with a fraction),
     * boolean, array, object, null.
     */
    static JsonNode assertShape(JsonNode node, String... fields) {
        assertThat(node).as("a JSON object").isNotNull();
        assertThat(node.isObject()).as("a JSON object: %s", node).isTrue();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertThat(names).as("fields of %s", node).containsExactly(Arrays.stream(fields).map(f -> f.substring(0, f.indexOf(':'))).toArray(String[]::new));
        for (String field : fields) {
            String name = field.substring(0, field.indexOf(':'));
            List<String> types = List.of(field.substring(field.indexOf(':') + 1).split("\\|"));
            assertThat(types).as("type of %s in %s", name, node).contains(type(node.get(name)));
        }
        return node;
    }

    /** Asserts the shape of every element of the array {@code node} (which may be empty); returns it. */
    static JsonNode assertEachShape(JsonNode node, String... fields) {
        assertThat(node.isArray()).as("a JSON array: %s", node).isTrue();
        node.forEach(element -> assertShape(element, fields));
        return node;
    }

    static String type(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "string";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        return v.isArray() ? "array" : "object";
    }

    /** The strings of an array of strings. */
    static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("a JSON array: %s", array).isTrue();
        List<String> out = new ArrayList<>();
        array.forEach(v -> {
            assertThat(v.isTextual()).as("a string: %s", v).isTrue();
            out.add(v.asText());
        });
        return out;
    }

    // The shapes, one place for the tests (docs/json.md documents the same).
    static final String[] MIGRATION = {"version:string|null", "description:string", "script:string", "type:string", "installedOn:string|null"};
    static final String[] SOURCE_BUILT_IN = {"kind:string", "location:string"};
    static final String[] INFO_MODULE = {"name:string", "version:string", "schemas:array", "installedVersion:string|null", "latestVersion:string",
        "state:string", "applied:array", "pending:array", "problems:array", "skew:object|null", "source:object"};
    static final String[] SKEW = {"state:string", "databaseVersion:string", "runnerVersion:string", "runnerRelease:string", "releaseThatReached:string|null"};
}
