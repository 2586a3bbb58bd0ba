package dev.schemamodules.messaging;

import dev.schemamodules.core.ModuleDescriptors;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.SchemaModule;

/**
 * Messaging domain of the language-learning chat: status-partitioned chat sessions, ordered messages,
 * pronunciation feedback, session statistics and full-text search. Scripts: {@code db/messaging}.
 */
public final class MessagingSchemaModule implements SchemaModule {

    @Override
    public ModuleDescriptor descriptor() {
        return ModuleDescriptors.load(MessagingSchemaModule.class, "messaging");
    }
}
