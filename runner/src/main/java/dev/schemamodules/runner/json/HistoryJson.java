package dev.schemamodules.runner.json;

import dev.schemamodules.runner.support.DeployHistory;
import java.util.List;

/** {@code history --json}: the newest deploys, newest first (the fields are those of {@link DeployHistory.Deploy}). */
public record HistoryJson(List<DeployHistory.Deploy> deploys) {
}
