package io.dvbridge.cmt;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which associations of a file an import reads, sends and reports, from its records' results. */
class ImportAssociationsTest {

    static final String USER = "10000000-0000-4000-8000-000000000001";
    static final String USER_IN_TARGET = "10000000-0000-4000-8000-0000000000ff";
    static final String NEW_USER = "10000000-0000-4000-8000-000000000002";
    static final String BROKEN_USER = "10000000-0000-4000-8000-000000000003";
    static final String ROLE_A = "20000000-0000-4000-8000-00000000000a";
    static final String ROLE_B = "20000000-0000-4000-8000-00000000000b";
    static final String ROLE_MAPPED = "20000000-0000-4000-8000-00000000000c";
    static final String ROLE_MAPPED_IN_TARGET = "20000000-0000-4000-8000-0000000000cc";

    static CmtM2M group(String user, String... roles) {
        return new CmtM2M("systemuser", "systemuserroles_association", user, "role", "roleid", List.of(roles));
    }

    static RecordResult user(String id, Optional<String> target, Outcome outcome) {
        return new RecordResult("systemuser", id, target, outcome, outcome == Outcome.FAILED ? "HTTP 400 - bad name" : "ok");
    }

    static ImportAssociations imported(CmtM2M... groups) {
        ImportAssociations associations = new ImportAssociations(List.of(groups),
                Map.of(StreamingImport.mapKey("role", ROLE_MAPPED), ROLE_MAPPED_IN_TARGET));
        associations.recorded(user(USER, Optional.of(USER_IN_TARGET), Outcome.UPDATED));
        associations.recorded(user(NEW_USER, Optional.of(NEW_USER), Outcome.CREATED));
        associations.recorded(user(BROKEN_USER, Optional.empty(), Outcome.FAILED));
        return associations;
    }

    @Test
    void rows_are_read_only_where_the_target_had_them_before_this_import_under_the_id_the_record_matched() {
        ImportAssociations associations = imported(group(USER, ROLE_A), group(NEW_USER, ROLE_A), group(BROKEN_USER, ROLE_A));

        assertThat(associations.reads()).containsExactly(new ImportAssociations.Read("systemuserroles_association", "systemuser",
                USER_IN_TARGET, "role"));
    }

    @Test
    void only_missing_associations_are_sent_and_every_association_has_one_result() {
        ImportAssociations associations = imported(group(USER, ROLE_A, ROLE_B, ROLE_MAPPED), group(NEW_USER, ROLE_B), group(BROKEN_USER, ROLE_A),
                group(USER, ROLE_A));
        associations.existing(associations.reads().get(0), List.of(ROLE_A.toUpperCase()));

        ImportAssociations.Plan plan = associations.plan(false);

        assertThat(plan.writes()).extracting(ImportAssociations.Planned::sourceRow, ImportAssociations.Planned::targetRow).containsExactly(
                org.assertj.core.groups.Tuple.tuple(USER_IN_TARGET, ROLE_B),
                org.assertj.core.groups.Tuple.tuple(USER_IN_TARGET, ROLE_MAPPED_IN_TARGET),
                org.assertj.core.groups.Tuple.tuple(NEW_USER, ROLE_B));
        assertThat(plan.results()).extracting(RecordResult::recordId, RecordResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(USER + "/" + ROLE_A, Outcome.UNCHANGED),
                org.assertj.core.groups.Tuple.tuple(BROKEN_USER + "/" + ROLE_A, Outcome.FAILED));
        assertThat(plan.results().get(1).message()).contains("record systemuser " + BROKEN_USER + " failed").contains("bad name");
        assertThat(plan.writes().get(0).associated().targetId()).contains(USER_IN_TARGET + "/" + ROLE_B);
    }

    @Test
    void a_dry_run_predicts_the_missing_ones_and_a_relationship_the_target_lacks_fails_its_associations() {
        ImportAssociations dry = imported(group(USER, ROLE_A), group(NEW_USER, ROLE_B));
        ImportAssociations.Plan predicted = dry.plan(true);
        assertThat(predicted.writes()).isEmpty();
        assertThat(predicted.results()).extracting(RecordResult::outcome, RecordResult::message)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(Outcome.CREATED, "to be associated")).hasSize(2);

        ImportAssociations lacking = imported(group(USER, ROLE_A));
        lacking.unavailable("systemuserroles_association", "systemuser", "the target has no such relationship");
        assertThat(lacking.reads()).isEmpty();
        assertThat(lacking.plan(false).results()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.message()).isEqualTo("not associated: the target has no such relationship");
        });
    }

    @Test
    void rows_outside_the_imports_records_are_looked_for_and_one_the_target_lacks_fails_its_associations_without_a_read() {
        String outsider = "10000000-0000-4000-8000-000000000009";
        ImportAssociations associations = imported(group(USER, ROLE_A, ROLE_MAPPED), group(outsider, ROLE_A));

        assertThat(associations.rowQueries()).containsExactly(new LookupTargetQuery("role", List.of(ROLE_A, ROLE_MAPPED_IN_TARGET)),
                new LookupTargetQuery("systemuser", List.of(outsider)));
        associations.rowsFound("role", List.of(ROLE_A));

        assertThat(associations.reads()).extracting(ImportAssociations.Read::sourceRow).containsExactly(USER_IN_TARGET);
        assertThat(associations.plan(false).results()).extracting(RecordResult::recordId, RecordResult::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(USER + "/" + ROLE_MAPPED, "not associated: the target has no role " + ROLE_MAPPED_IN_TARGET),
                org.assertj.core.groups.Tuple.tuple(outsider + "/" + ROLE_A, "not associated: the target has no systemuser " + outsider));
    }
}
