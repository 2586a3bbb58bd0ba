package dev.schemamodules.chatbotcrm;

import dev.schemamodules.core.ModuleDescriptors;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.SchemaModule;

/**
 * The chatbot + CRM module of the Moeen clinic platform: healthcare core tables with prefixed public ids,
 * chatbot, CRM and system administration tables with row-level security. Scripts: {@code db/chatbot-crm}.
 */
public final class ChatbotCrmSchemaModule implements SchemaModule {

    @Override
    public ModuleDescriptor descriptor() {
        return ModuleDescriptors.load(ChatbotCrmSchemaModule.class, "chatbot-crm");
    }
}
