package io.dvbridge.rebind;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The normalised form of a report name, used for the second matching level after exact equality.
 *
 * <p>Two names are "the same but for typing" when they are equal after: Unicode NFC (a name typed as
 * {@code e + U+0301} equals one typed as {@code é}); trimming and collapsing every run of white space to
 * one space, where white space includes no-break spaces (U+00A0, U+2007, U+202F) and the other Unicode
 * space separators; and case folding. Java has no full case folding without ICU, so we approximate it by
 * upper-casing then lower-casing under {@link Locale#ROOT}: that folds {@code ß} with {@code SS}, ligatures
 * like {@code ﬁ} with {@code fi} and final sigma with sigma; unlike Unicode case folding it also folds the
 * Turkish dotless {@code ı} with {@code i}. Punctuation is kept as is: a typographic apostrophe ’ and a
 * straight one ' are different names, and zero-width characters are not removed (ZWNJ changes meaning in
 * some scripts), because a wrong match is worse than an unmatched row a person can fix.
 */
public final class ReportNames {

    private ReportNames() {
    }

    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String composed = Normalizer.normalize(name, Normalizer.Form.NFC);
        String spaced = collapseSpaces(composed);
        String folded = spaced.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        // case mapping can produce decomposed sequences (İ -> i + U+0307): compose again
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

    static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    private static String collapseSpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }
}
