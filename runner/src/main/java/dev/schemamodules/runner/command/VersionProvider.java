package dev.schemamodules.runner.command;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"schema-modules runner " + (v == null ? "(development build)" : v)};
    }
}
