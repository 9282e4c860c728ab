package io.dvbridge.rebind;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from other systems made safe and measurable for a fixed-width terminal table.
 *
 * <p>{@link #visible} escapes what a terminal would act on instead of print: C0/C1 controls (ESC, CR, a tab
 * ...) and bidi embeddings, overrides and isolates, so a report name can neither move the cursor, recolour
 * the terminal nor reorder the line. They are shown as {@code \t}, {@code \n}, {@code \r} or {@code \u001b}
 * (the name stays readable, and a person can see that it holds a tab).
 *
 * <p>{@link #width} counts terminal columns per user-perceived character (extended grapheme cluster, Java's
 * {@code \X}): East Asian wide and fullwidth characters and emoji presented as emoji take two columns, a
 * base letter with combining marks one, an emoji ZWJ sequence, a flag or a skin-toned emoji one glyph of
 * two. The wide ranges follow Unicode's EastAsianWidth.txt (W and F) and emoji-data.txt
 * (Emoji_Presentation); terminals that render ZWJ sequences as separate glyphs will still drift there.
 */
final class TerminalText {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    private static final int EMOJI_PRESENTATION_SELECTOR = 0xFE0F;

    /** Inclusive code point ranges that take two columns (East Asian W/F and default emoji presentation). */
    private static final int[][] WIDE = {
            {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0},
            {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F},
            {0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
            {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
            {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728},
            {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
            {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
            {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
            {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
            {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF},
            {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F1E6, 0x1F1FF},
            {0x1F200, 0x1F202}, {0x1F210, 0x1F23B}, {0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F260, 0x1F265},
            {0x1F300, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
            {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440},
            {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A},
            {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC},
            {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
            {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF},
            {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD}};

    private TerminalText() {
    }

    /** {@code text} with controls and bidi formatting characters escaped; "" for null. */
    static String visible(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Character.getType(cp) == Character.CONTROL || bidiFormatting(cp)) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }

    /** Terminal columns {@code text} takes (after {@link #visible}). */
    static int width(String text) {
        int width = 0;
        Matcher graphemes = GRAPHEME.matcher(text);
        while (graphemes.find()) {
            width += graphemeWidth(graphemes.group());
        }
        return width;
    }

    /** {@code text} cut to at most {@code columns}, ending in "…" when cut; never splits a character. */
    static String truncate(String text, int columns) {
        if (width(text) <= columns) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int used = 0;
        Matcher graphemes = GRAPHEME.matcher(text);
        while (graphemes.find()) {
            int next = graphemeWidth(graphemes.group());
            if (used + next > columns - 1) {
                break;
            }
            out.append(graphemes.group());
            used += next;
        }
        return out.append('…').toString();
    }

    /** {@code text} followed by spaces up to {@code columns}. */
    static String pad(String text, int columns) {
        int width = width(text);
        return width >= columns ? text : text + " ".repeat(columns - width);
    }

    private static int graphemeWidth(String grapheme) {
        int first = grapheme.codePointAt(0);
        if (isWide(first) || grapheme.indexOf(EMOJI_PRESENTATION_SELECTOR) >= 0) {
            return 2;
        }
        return grapheme.codePoints().allMatch(TerminalText::zeroWidth) ? 0 : 1;
    }

    private static boolean zeroWidth(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT;
    }

    private static boolean isWide(int cp) {
        int low = 0;
        int high = WIDE.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (cp < WIDE[mid][0]) {
                high = mid - 1;
            } else if (cp > WIDE[mid][1]) {
                low = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static boolean bidiFormatting(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }
}
