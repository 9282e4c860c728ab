package io.dvbridge.jobs;

import io.dvbridge.cmt.MatchKind;
import io.dvbridge.cmt.RecordQuery;
import io.dvbridge.dataverse.EntityMetadata;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Match queries never put a value into a URL that no URL can carry. */
class QuerySpecsTest {

    static final EntityMetadata PEOPLE = new EntityMetadata("dvb_person", "dvb_people", "dvb_personid", "dvb_name", false, List.of());

    @Test
    void a_name_longer_than_a_query_url_can_carry_is_left_out_of_the_match_query_and_the_others_are_asked_for() {
        String huge = "x".repeat(QuerySpecs.MAX_FILTER_CHARS + 1);
        RecordQuery byName = new RecordQuery("dvb_person", MatchKind.BY_PRIMARY_NAME, List.of("dvb_name"),
                List.of(List.of("Ann"), List.of(huge), List.of("Bob")), List.of("dvb_personid", "dvb_name"));

        List<QuerySpec> specs = QuerySpecs.forRecords(byName, PEOPLE);

        assertThat(specs).singleElement().satisfies(spec -> {
            assertThat(spec.keySetColumn()).isEqualTo("dvb_name");
            assertThat(spec.keySet()).containsExactly("Ann", "Bob");
            assertThat(((RecordQuery) spec.tag()).keys()).containsExactly(List.of("Ann"), List.of("Bob"));
        });
    }

    @Test
    void nothing_is_asked_when_every_value_is_too_long() {
        RecordQuery byName = new RecordQuery("dvb_person", MatchKind.BY_PRIMARY_NAME, List.of("dvb_name"),
                List.of(List.of("y".repeat(20_000))), List.of("dvb_personid"));

        assertThat(QuerySpecs.forRecords(byName, PEOPLE)).isEmpty();
    }
}
