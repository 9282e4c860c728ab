package io.dvbridge.rebind;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportNamesTest {

    @Test
    void case_is_folded_including_sharp_s() {
        assertThat(ReportNames.normalise("Agent PERFORMANCE")).isEqualTo(ReportNames.normalise("agent performance"));
        assertThat(ReportNames.normalise("Straße")).isEqualTo(ReportNames.normalise("STRASSE"));
    }

    @Test
    void leading_trailing_and_inner_runs_of_unicode_spaces_collapse_to_one_space() {
        assertThat(ReportNames.normalise("  Queue\u00A0\u00A0 volume\t\u2007by\u202Fhour \u3000"))
                .isEqualTo("queue volume by hour");
    }

    @Test
    void composed_and_decomposed_accents_are_the_same_name() {
        String composed = "Caf\u00e9 queue";
        String decomposed = "Cafe\u0301 queue";
        assertThat(composed).isNotEqualTo(decomposed);
        assertThat(ReportNames.normalise(composed)).isEqualTo(ReportNames.normalise(decomposed));
    }

    @Test
    void apostrophes_are_kept_and_typographic_ones_stay_different() {
        assertThat(ReportNames.normalise("O'Brien's Queue")).isEqualTo("o'brien's queue");
        assertThat(ReportNames.normalise("O\u2019Brien's Queue")).isNotEqualTo(ReportNames.normalise("O'Brien's Queue"));
    }

    @Test
    void different_words_stay_different() {
        assertThat(ReportNames.normalise("Agent performance")).isNotEqualTo(ReportNames.normalise("Agent performances"));
        assertThat(ReportNames.normalise("AgentPerformance")).isNotEqualTo(ReportNames.normalise("Agent Performance"));
    }
}
