package io.dvbridge.rebind;

import io.dvbridge.rebind.WorkspaceSelectionException.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dvbridge.rebind.Fixtures.MANAGED_WS;
import static io.dvbridge.rebind.Fixtures.REALTIME_WS;
import static io.dvbridge.rebind.Fixtures.SOURCE_WS;
import static io.dvbridge.rebind.Fixtures.TARGET_WS;
import static io.dvbridge.rebind.Fixtures.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WorkspaceSelectorTest {

    private final WorkspaceSelector selector = new WorkspaceSelector();

    private static final AnalyticsWorkspaceRow MANAGED = workspace("w0", MANAGED_WS,
            "Customer Service Managed Workspace", WorkspaceType.MANAGED, Feature.HISTORICAL);
    private static final AnalyticsWorkspaceRow CONTOSO = workspace("w1", TARGET_WS, "Contoso Analytics",
            WorkspaceType.CUSTOMER_OWNED, Feature.HISTORICAL);
    private static final AnalyticsWorkspaceRow OLD = workspace("w2", SOURCE_WS, "Old Analytics",
            WorkspaceType.CUSTOMER_OWNED, Feature.HISTORICAL);
    private static final AnalyticsWorkspaceRow REALTIME = workspace("w3", REALTIME_WS, "Realtime Analytics",
            WorkspaceType.CUSTOMER_OWNED, Feature.REALTIME);

    @Test
    void the_only_customer_owned_workspace_of_the_feature_is_chosen_and_managed_ones_are_ignored() {
        TargetWorkspaces targets = selector.select(List.of(MANAGED, CONTOSO, REALTIME), FeatureSelection.HISTORICAL, List.of());
        assertThat(targets.choices()).singleElement().satisfies(c -> {
            assertThat(c.feature()).isEqualTo(Feature.HISTORICAL);
            assertThat(c.workspaceId()).isEqualTo(TARGET_WS);
            assertThat(c.basis()).isEqualTo(WorkspaceChoice.Basis.ONLY_CANDIDATE);
        });
    }

    @Test
    void two_rows_naming_the_same_workspace_are_one_candidate() {
        var duplicate = workspace("w9", TARGET_WS.toUpperCase(), "Contoso Analytics", WorkspaceType.CUSTOMER_OWNED,
                Feature.HISTORICAL);
        assertThat(selector.select(List.of(CONTOSO, duplicate), FeatureSelection.HISTORICAL, List.of())
                .forFeature(Feature.HISTORICAL)).get().extracting(WorkspaceChoice::workspaceId).isEqualTo(TARGET_WS);
    }

    @Test
    void several_candidates_fail_listing_names_ids_types_and_how_to_choose() {
        var error = catchThrowableOfType(WorkspaceSelectionException.class,
                () -> selector.select(List.of(MANAGED, CONTOSO, OLD), FeatureSelection.HISTORICAL, List.of()));
        assertThat(error.getMessage()).contains("Contoso Analytics", TARGET_WS, "Old Analytics", SOURCE_WS,
                "CustomerOwned", "--workspace").doesNotContain(MANAGED_WS);
        assertThat(error.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.SEVERAL_CANDIDATES);
            assertThat(p.candidates()).extracting(AnalyticsWorkspaceRow::workspaceId).containsExactly(TARGET_WS, SOURCE_WS);
        });
    }

    @Test
    void no_candidate_fails_and_mentions_the_ignored_managed_workspace() {
        var error = catchThrowableOfType(WorkspaceSelectionException.class,
                () -> selector.select(List.of(MANAGED, REALTIME), FeatureSelection.HISTORICAL, List.of()));
        assertThat(error.problems()).extracting(WorkspaceSelectionException.Problem::kind).containsExactly(Kind.NO_CANDIDATE);
        assertThat(error.getMessage()).contains("HISTORICAL", "Managed", MANAGED_WS, "--feature");
    }

    @Test
    void explicit_workspace_settles_several_candidates() {
        TargetWorkspaces targets = selector.select(List.of(CONTOSO, OLD), FeatureSelection.HISTORICAL,
                List.of(" " + TARGET_WS.toUpperCase() + " "));
        assertThat(targets.forFeature(Feature.HISTORICAL)).get().satisfies(c -> {
            assertThat(c.workspaceId()).isEqualTo(TARGET_WS);
            assertThat(c.basis()).isEqualTo(WorkspaceChoice.Basis.EXPLICIT);
        });
    }

    @Test
    void explicit_workspace_not_configured_in_dataverse_is_refused_with_candidates() {
        var error = catchThrowableOfType(WorkspaceSelectionException.class, () -> selector.select(List.of(CONTOSO, OLD),
                FeatureSelection.HISTORICAL, List.of("eeeeeeee-typo")));
        assertThat(error.getMessage()).contains("eeeeeeee-typo", "not configured", "Contoso Analytics", "Old Analytics");
        assertThat(error.problems()).extracting(WorkspaceSelectionException.Problem::kind)
                .contains(Kind.EXPLICIT_NOT_A_CANDIDATE, Kind.SEVERAL_CANDIDATES);
    }

    @Test
    void explicit_managed_workspace_is_refused() {
        assertThatThrownBy(() -> selector.select(List.of(MANAGED, CONTOSO), FeatureSelection.HISTORICAL, List.of(MANAGED_WS)))
                .isInstanceOf(WorkspaceSelectionException.class).hasMessageContaining("Managed workspace");
    }

    @Test
    void explicit_workspace_of_an_unselected_feature_is_refused() {
        assertThatThrownBy(() -> selector.select(List.of(CONTOSO, REALTIME), FeatureSelection.HISTORICAL, List.of(REALTIME_WS)))
                .isInstanceOf(WorkspaceSelectionException.class).hasMessageContaining("belongs to feature(s) REALTIME");
    }

    @Test
    void all_features_get_their_own_workspace() {
        TargetWorkspaces targets = selector.select(List.of(MANAGED, CONTOSO, REALTIME), FeatureSelection.ALL, List.of());
        assertThat(targets.forFeature(Feature.HISTORICAL)).get().extracting(WorkspaceChoice::workspaceId).isEqualTo(TARGET_WS);
        assertThat(targets.forFeature(Feature.REALTIME)).get().extracting(WorkspaceChoice::workspaceId).isEqualTo(REALTIME_WS);
        assertThat(targets.workspaceIds()).containsExactly(TARGET_WS, REALTIME_WS);
    }

    @Test
    void with_all_features_an_explicit_id_settles_one_feature_and_the_other_uses_its_only_candidate() {
        TargetWorkspaces targets = selector.select(List.of(CONTOSO, OLD, REALTIME), FeatureSelection.ALL, List.of(SOURCE_WS));
        assertThat(targets.forFeature(Feature.HISTORICAL)).get().extracting(WorkspaceChoice::basis)
                .isEqualTo(WorkspaceChoice.Basis.EXPLICIT);
        assertThat(targets.forFeature(Feature.REALTIME)).get().extracting(WorkspaceChoice::basis)
                .isEqualTo(WorkspaceChoice.Basis.ONLY_CANDIDATE);
    }

    @Test
    void with_all_features_a_feature_without_workspace_is_an_error_not_silently_skipped() {
        var error = catchThrowableOfType(WorkspaceSelectionException.class,
                () -> selector.select(List.of(CONTOSO), FeatureSelection.ALL, List.of()));
        assertThat(error.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.NO_CANDIDATE);
            assertThat(p.feature()).isEqualTo(Feature.REALTIME);
        });
    }

    @Test
    void feature_selection_parses_user_spellings() {
        assertThat(FeatureSelection.parse("Real-Time")).isEqualTo(FeatureSelection.REALTIME);
        assertThat(FeatureSelection.parse("all")).isEqualTo(FeatureSelection.ALL);
        assertThatThrownBy(() -> FeatureSelection.parse("hist")).hasMessageContaining("historical, realtime, all");
    }
}
