package io.dvbridge.sandbox.powerbi;

import io.dvbridge.sandbox.fixture.Fixture;
import io.dvbridge.sandbox.fixture.FixtureException;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import io.dvbridge.sandbox.limits.LimitsProfile;
import io.dvbridge.sandbox.limits.ServiceProtection;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PowerBiFixtureTest {

    private static PowerBiService load(String yaml) {
        Fixture fixture = FixtureLoader.parse(yaml);
        Clock clock = Clock.systemUTC();
        return new PowerBiService(fixture.powerbi(), PowerBiTenant.VERIFIER, new ServiceProtection(LimitsProfile.TEST, clock), clock);
    }

    @Test
    void yaml_fixture_with_capacity_and_dataset_links_loads_into_the_service() {
        PowerBiService service = load("""
                powerbi:
                  workspaces:
                    - id: 11111111-1111-1111-1111-111111111111
                      name: Dev
                      capacityId: 0f084df7-c13d-451b-af5f-ed0c466403b2
                      datasets:
                        - {id: d0000000-0000-0000-0000-000000000001, name: Sales}
                      reports:
                        - {id: a0000000-0000-0000-0000-000000000001, name: Overview, datasetId: d0000000-0000-0000-0000-000000000001}
                        - {name: Invoice, type: PaginatedReport}
                    - id: 22222222-2222-2222-2222-222222222222
                      name: Test
                      datasets:
                        - {name: Sales, sourceDatasetId: d0000000-0000-0000-0000-000000000001}
                      generateReports: {count: 3, nameTemplate: "Load {n}"}
                  pipelines:
                    - id: b0000000-0000-0000-0000-000000000001
                      displayName: Sales
                      stages:
                        - {order: 0, workspaceId: 11111111-1111-1111-1111-111111111111}
                        - {order: 1, workspaceId: 22222222-2222-2222-2222-222222222222}
                """);

        assertThat(service.workspace("11111111-1111-1111-1111-111111111111").orElseThrow().capacityId()).isPresent();
        assertThat(service.reports("11111111-1111-1111-1111-111111111111")).extracting(Report::name).containsExactly("Overview", "Invoice");
        assertThat(service.datasets("22222222-2222-2222-2222-222222222222").get(0).sourceDatasetId())
                .hasValue("d0000000-0000-0000-0000-000000000001");
        assertThat(service.reports("22222222-2222-2222-2222-222222222222")).hasSize(3);
        assertThat(service.pipelines().get(0).stages()).hasSize(2);
    }

    @Test
    void paginated_report_with_a_dataset_or_a_stage_on_an_unknown_workspace_is_a_fixture_error() {
        assertThatThrownBy(() -> load("""
                powerbi:
                  workspaces:
                    - id: 11111111-1111-1111-1111-111111111111
                      reports:
                        - {name: Invoice, type: PaginatedReport, datasetId: d0000000-0000-0000-0000-000000000001}
                """)).isInstanceOf(FixtureException.class).hasMessageContaining("Paginated");
        assertThatThrownBy(() -> load("""
                powerbi:
                  pipelines:
                    - id: b0000000-0000-0000-0000-000000000001
                      stages:
                        - {order: 0, workspaceId: 11111111-1111-1111-1111-111111111111}
                """)).isInstanceOf(FixtureException.class).hasMessageContaining("unknown workspace");
    }
}
