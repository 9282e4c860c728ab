package io.dvbridge.push;

import java.util.Locale;

/**
 * {@code --max-rejects}: how many rejected rows a push tolerates before writing anything, as a count ({@code 10})
 * or a share of the rows read ({@code 0.5%}). Checked after the whole input is validated, before the first write.
 */
public record RejectThreshold(long count, double percent) {

    /** No limit. */
    public static final RejectThreshold UNLIMITED = new RejectThreshold(Long.MAX_VALUE, -1);

    /**
     * @throws PushSetupException when the text is neither a count nor a percentage from 0 to 100
     */
    public static RejectThreshold parse(String text) {
        String value = text.strip();
        try {
            if (value.endsWith("%")) {
                double percent = Double.parseDouble(value.substring(0, value.length() - 1).strip());
                if (percent < 0 || percent > 100 || Double.isNaN(percent)) {
                    throw new NumberFormatException();
                }
                return new RejectThreshold(-1, percent);
            }
            long count = Long.parseLong(value);
            if (count < 0) {
                throw new NumberFormatException();
            }
            return new RejectThreshold(count, -1);
        } catch (NumberFormatException e) {
            throw new PushSetupException("--max-rejects takes a count (10) or a percentage (0.5%), not '" + text + "'");
        }
    }

    public boolean exceededBy(long rejected, long read) {
        if (percent >= 0) {
            return read > 0 && rejected * 100.0 / read > percent;
        }
        return rejected > count;
    }

    @Override
    public String toString() {
        return percent >= 0 ? String.format(Locale.ROOT, "%s%%", stripZeros(percent)) : count == Long.MAX_VALUE ? "unlimited" : String.valueOf(count);
    }

    private static String stripZeros(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
