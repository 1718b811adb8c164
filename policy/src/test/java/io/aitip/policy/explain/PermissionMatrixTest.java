package io.aitip.policy.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PermissionMatrixTest {

    @Test
    void rendersRoleByToolFromThePolicy() {
        String page = PermissionMatrix.render(ExplainFixtures.catalog(), ExplainFixtures.policy());
        assertThat(page).startsWith("# Permission matrix\n");
        assertThat(page).contains("| toolset | tool | kind | permission | owner | admin | member | viewer |\n"
                + "|---|---|---|---|---|---|---|---|\n"
                + "| platform | `audit_search` | R | `audit:admin` | allow | allow | deny | deny |\n"
                + "| training | `training_get` | R | `training:read` | allow | allow | allow | allow |\n"
                + "| training | `training_stop` | D | `training:write` | confirm | confirm | confirm | deny |\n"
                + "| training | `training_submit` | W | `training:write` | allow | allow | allow | deny |\n");
        assertThat(page).contains("| `approval.gpu-count` | approval | The call asks for more than 8 GPUs at once. | `approvals.cedar` |\n");
        assertThat(page).contains("| `tenancy.cross-tenant` | deny |");
        assertThat(page).contains("| `confirm.destructive` | confirm |");
        assertThat(page).doesNotContain("rbac.viewer-reads");
    }

    @Test
    void isDeterministic() {
        assertThat(PermissionMatrix.render(ExplainFixtures.catalog(), ExplainFixtures.policy()))
                .isEqualTo(PermissionMatrix.render(ExplainFixtures.catalog(), ExplainFixtures.policy()));
    }
}
