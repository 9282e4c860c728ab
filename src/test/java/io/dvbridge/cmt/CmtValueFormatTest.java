package io.dvbridge.cmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CmtValueFormatTest {

    @Test
    void booleans_are_written_as_dotnet_does_and_read_in_any_common_spelling() {
        assertThat(CmtValueFormat.toCmt(CmtFieldType.BOOL, true)).isEqualTo("True");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.BOOL, false)).isEqualTo("False");
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.BOOL, "True")).isEqualTo(true);
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.BOOL, "false")).isEqualTo(false);
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.BOOL, "1")).isEqualTo(true);
        assertThatThrownBy(() -> CmtValueFormat.toWebApi(CmtFieldType.BOOL, "yes")).isInstanceOf(CmtValueException.class);
    }

    @Test
    void dates_carry_seven_fractional_digits_in_utc() {
        assertThat(CmtValueFormat.toCmt(CmtFieldType.DATETIME, "2024-06-15T14:30:00Z")).isEqualTo("2024-06-15T14:30:00.0000000Z");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.DATETIME, "2024-06-15T16:30:00.123+02:00")).isEqualTo("2024-06-15T14:30:00.1230000Z");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.DATETIME, Instant.parse("2024-06-15T14:30:00.123456789Z")))
                .isEqualTo("2024-06-15T14:30:00.1234567Z");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.DATETIME, LocalDate.of(2024, 6, 15))).isEqualTo("2024-06-15T00:00:00.0000000");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.DATETIME, "2024-06-15")).as("a date-only column's Edm.Date has no zone in the file")
                .isEqualTo("2024-06-15T00:00:00.0000000");
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.DATETIME, "2024-06-15T14:30:00.0000000Z")).isEqualTo("2024-06-15T14:30:00Z");
        assertThat(CmtValueFormat.timestamp(Instant.parse("2024-06-15T14:30:00Z"))).isEqualTo("2024-06-15T14:30:00.0000000Z");
        assertThatThrownBy(() -> CmtValueFormat.toWebApi(CmtFieldType.DATETIME, "15/06/2024"))
                .isInstanceOf(CmtValueException.class).hasMessageContaining("not a date");
    }

    @Test
    void multi_select_values_are_wrapped_in_minus_one_sentinels() {
        assertThat(CmtValueFormat.toCmt(CmtFieldType.OPTIONSETVALUECOLLECTION, "100000000,100000001"))
                .isEqualTo("[-1,100000000,100000001,-1]");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.OPTIONSETVALUECOLLECTION, List.of(7, 9))).isEqualTo("[-1,7,9,-1]");
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.OPTIONSETVALUECOLLECTION, "[-1,100000000,100000001,-1]"))
                .isEqualTo("100000000,100000001");
        assertThatThrownBy(() -> CmtValueFormat.toWebApi(CmtFieldType.OPTIONSETVALUECOLLECTION, "[100000000]"))
                .isInstanceOf(CmtValueException.class).hasMessageContaining("sentinels");
        assertThat(CmtValueFormat.canonical(CmtFieldType.OPTIONSETVALUECOLLECTION, "2,1"))
                .isEqualTo(CmtValueFormat.canonical(CmtFieldType.OPTIONSETVALUECOLLECTION, "1,2"));
    }

    @Test
    void numbers_use_the_invariant_culture_and_money_and_decimal_the_tools_ten_decimals() {
        assertThat(CmtValueFormat.toCmt(CmtFieldType.MONEY, new BigDecimal("1500000.50"))).isEqualTo("1500000.5000000000");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.DECIMAL, 1.0E7)).isEqualTo("10000000.0000000000");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.DECIMAL, new BigDecimal("0.123456789012"))).isEqualTo("0.123456789012");
        assertThat(CmtValueFormat.decimalText(1, 12)).isEqualTo("1.000000000000");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.FLOAT, 3.0)).isEqualTo("3");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.FLOAT, 1.0E-5)).isEqualTo("0.00001");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.NUMBER, 42L)).isEqualTo("42");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.BIGINT, 9_999_999_999L)).isEqualTo("9999999999");
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.MONEY, "1000.50")).isEqualTo(new BigDecimal("1000.50"));
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.FLOAT, "1E-05")).isEqualTo(1.0E-5);
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.NUMBER, "42")).isEqualTo(42);
        assertThatThrownBy(() -> CmtValueFormat.toWebApi(CmtFieldType.DECIMAL, "1,5")).isInstanceOf(CmtValueException.class);
        assertThatThrownBy(() -> CmtValueFormat.toWebApi(CmtFieldType.NUMBER, "3000000000"))
                .isInstanceOf(CmtValueException.class).hasMessageContaining("32-bit");
        assertThat(CmtValueFormat.canonical(CmtFieldType.MONEY, new BigDecimal("1.50")))
                .isEqualTo(CmtValueFormat.canonical(CmtFieldType.MONEY, 1.5));
    }

    @Test
    void guids_are_lowercase_and_braces_are_dropped() {
        assertThat(CmtValueFormat.toCmt(CmtFieldType.GUID, "{B1D0F273-4F56-EC11-8C62-000D3A8C5DAB}"))
                .isEqualTo("b1d0f273-4f56-ec11-8c62-000d3a8c5dab");
        assertThat(CmtValueFormat.toCmt(CmtFieldType.OWNER, "B1D0F273-4F56-EC11-8C62-000D3A8C5DAB"))
                .isEqualTo("b1d0f273-4f56-ec11-8c62-000d3a8c5dab");
        assertThatThrownBy(() -> CmtValueFormat.toCmt(CmtFieldType.GUID, "not-a-guid"))
                .isInstanceOf(CmtValueException.class).hasMessageContaining("not a GUID");
    }

    @Test
    void option_sets_state_and_status_are_integers() {
        assertThat(CmtValueFormat.toCmt(CmtFieldType.OPTIONSETVALUE, 100000001)).isEqualTo("100000001");
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.STATE, "1")).isEqualTo(1);
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.STATUS, "2")).isEqualTo(2);
    }

    @Test
    void text_must_be_text_and_party_lists_are_refused_rather_than_dropped() {
        assertThatThrownBy(() -> CmtValueFormat.toCmt(CmtFieldType.STRING, 5))
                .isInstanceOf(CmtValueException.class).hasMessageContaining("expected text");
        assertThatThrownBy(() -> CmtValueFormat.toCmt(CmtFieldType.PARTYLIST, "x"))
                .isInstanceOf(CmtValueException.class).hasMessageContaining("partylist values are not supported");
        assertThatThrownBy(() -> CmtValueFormat.toWebApi(CmtFieldType.IMAGEDATA, "***"))
                .isInstanceOf(CmtValueException.class).hasMessageContaining("base64");
    }

    @Test
    void text_is_html_encoded_in_the_file_and_decoded_on_the_way_in_as_the_tool_does() {
        assertThat(CmtValueFormat.toCmt(CmtFieldType.STRING, "Fish & Chips <\"Joe's\">"))
                .isEqualTo("Fish &amp; Chips &lt;&quot;Joe&#39;s&quot;&gt;");
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.STRING, "Autonumber series for &#39;talxis_lead&#39;"))
                .isEqualTo("Autonumber series for 'talxis_lead'");
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.STRING, "&lt;fetch version=&quot;1.0&quot;&gt;&#x41;&#66;"))
                .isEqualTo("<fetch version=\"1.0\">AB");
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.STRING, "Fabrikam & Sons &unknown; &amp")).as("what is not an entity stays")
                .isEqualTo("Fabrikam & Sons &unknown; &amp");
        assertThat(CmtValueFormat.toWebApi(CmtFieldType.STRING, CmtValueFormat.toCmt(CmtFieldType.STRING, "a &amp; b")))
                .isEqualTo("a &amp; b");
    }
}
