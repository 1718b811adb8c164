package io.aitip.platform.datasets;

import io.aitip.platform.support.Scope;
import io.aitip.tools.model.ErrorCode;
import io.aitip.tools.model.ToolException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** The dataset rules the tools share: name uniqueness, id-or-name lookup, version numbering. */
@Service
public class DatasetService {

    private final DatasetStore store;

    public DatasetService(DatasetStore store) {
        this.store = store;
    }

    public DatasetStore store() {
        return store;
    }

    public Dataset register(Scope scope, String name, String description, String uri, String format, List<String> tags) {
        try {
            return store.create(scope, name.trim(), description, uri, format, tags);
        } catch (DuplicateKeyException e) {
            throw new ToolException(ErrorCode.CONFLICT, "A dataset named '" + name + "' already exists in this project. "
                    + "Add a version to it with dataset_version, or register under another name.");
        }
    }

    /** The dataset by id or unique name in the caller's project; NOT_FOUND otherwise (other tenants included). */
    public Dataset require(Scope scope, String idOrName) {
        return store.find(scope, idOrName.trim()).orElseThrow(() -> ToolException.notFound("Dataset", idOrName,
                "Check the id or name with dataset_list or dataset_search, or register it with dataset_register."));
    }

    /** Adds the next version; retries when another version landed at the same moment. */
    public DatasetVersion addVersion(Scope scope, String idOrName, String uri, String changes) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Dataset current = require(scope, idOrName);
            Optional<DatasetVersion> added = store.addVersion(current, uri, changes, scope.userId());
            if (added.isPresent()) {
                return added.get();
            }
        }
        throw new ToolException(ErrorCode.CONFLICT, "Dataset '" + idOrName + "' is being versioned by someone else "
                + "right now. Call dataset_get to see its latest version, then try again.");
    }
}
