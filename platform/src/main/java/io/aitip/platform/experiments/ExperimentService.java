package io.aitip.platform.experiments;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Experiment rules the tools share: unique names, id-or-name lookup. */
@Service
public class ExperimentService {

    private final ExperimentStore store;

    public ExperimentService(ExperimentStore store) {
        this.store = store;
    }

    public ExperimentStore store() {
        return store;
    }

    public Experiment create(Scope scope, String name, String description, String hypothesis) {
        String trimmed = name.trim();
        if (trimmed.isEmpty()) {
            throw ToolException.invalid("/name", "The experiment name is blank. Give it a short name, e.g. 'lr-sweep'.");
        }
        if (trimmed.matches("exp-[0-9a-f]{8}")) {
            throw ToolException.invalid("/name", "'" + trimmed + "' looks like an experiment id; experiments are "
                    + "found by id or name, so choose a name that is not an id, e.g. 'lr-sweep'.");
        }
        try {
            return store.create(scope, trimmed, description, hypothesis);
        } catch (DuplicateKeyException e) {
            throw new ToolException(ErrorCode.CONFLICT, "An experiment named '" + trimmed + "' already exists in this "
                    + "project. Use it (experiment_get, or experiment in training_submit), or create one under another name.");
        }
    }

    /** The experiment by id or unique name in the caller's project; NOT_FOUND otherwise (other tenants included). */
    public Experiment require(Scope scope, String idOrName) {
        return store.find(scope, idOrName.trim()).orElseThrow(() -> ToolException.notFound("Experiment", idOrName,
                "Check the id or name with experiment_list, or create it with experiment_create."));
    }
}
