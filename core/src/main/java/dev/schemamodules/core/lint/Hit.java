package dev.schemamodules.core.lint;

/** A rule's finding on one statement, before waivers: the rule, the offset in the statement's text and the message. */
record Hit(LintRule rule, int offset, String message) {
}
