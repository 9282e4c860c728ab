package io.dvbridge.rebind;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {

    @Test
    void controls_and_bidi_overrides_are_escaped_visibly() {
        assertThat(TerminalText.visible("a\tb\nc\rd\u001b[31m\u202Eevil\u0085")).isEqualTo("a\\tb\\nc\\rd\\u001b[31m\\u202eevil\\u0085");
    }

    @Test
    void ascii_and_accented_letters_take_one_column_each() {
        assertThat(TerminalText.width("Cafe\u0301")).isEqualTo(4);
        assertThat(TerminalText.width("Café")).isEqualTo(4);
    }

    @Test
    void east_asian_wide_and_fullwidth_characters_take_two_columns() {
        assertThat(TerminalText.width("顧客")).isEqualTo(4);
        assertThat(TerminalText.width("고객")).isEqualTo(4);
        assertThat(TerminalText.width("ＡＢ")).isEqualTo(4);
        assertThat(TerminalText.width("ｶﾅ")).isEqualTo(2);            // halfwidth katakana stays narrow
    }

    @Test
    void emoji_sequences_take_the_two_columns_of_one_glyph() {
        assertThat(TerminalText.width("🚀")).isEqualTo(2);
        assertThat(TerminalText.width("👨‍👩‍👧")).isEqualTo(2);
        assertThat(TerminalText.width("👍🏽")).isEqualTo(2);
        assertThat(TerminalText.width("🇯🇵")).isEqualTo(2);
        assertThat(TerminalText.width("❤️")).isEqualTo(2);
        assertThat(TerminalText.width("❤")).isEqualTo(1);              // text presentation without the selector
    }

    @Test
    void zero_width_characters_take_no_column() {
        assertThat(TerminalText.width("a\u200Bb\u200D")).isEqualTo(2);
    }

    @Test
    void padding_fills_to_the_display_width() {
        assertThat(TerminalText.pad("顧客", 6)).isEqualTo("顧客  ");
        assertThat(TerminalText.truncate("顧客満足度", 6)).isEqualTo("顧客…");
    }
}
