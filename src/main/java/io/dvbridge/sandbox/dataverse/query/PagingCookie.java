package io.dvbridge.sandbox.dataverse.query;

import org.w3c.dom.Element;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Dataverse's FetchXML paging cookie. The inner cookie {@code <cookie page="1"><accountid last="{ID}"
 * first="{ID}" /></cookie>} names the page it was made for and the primary ids of that page's first and
 * last rows. The Web API hands it out in the {@code @Microsoft.Dynamics.CRM.fetchxmlpagingcookie}
 * annotation (and in {@code $skiptoken}) as {@code <cookie pagenumber="2" pagingcookie="..."
 * istracking="False" />}, the inner cookie URL-encoded twice; the client decodes twice and sends the inner
 * cookie back XML-escaped in the {@code paging-cookie} attribute of the next page's {@code <fetch>}.
 *
 * @param page          the page the cookie was made for (the next request asks for page + 1)
 * @param primaryIdName the primary id attribute, the element name inside the cookie
 * @param firstId       primary id of the page's first row
 * @param lastId        primary id of the page's last row: the next page starts after it
 */
public record PagingCookie(int page, String primaryIdName, UUID firstId, UUID lastId) {

    private static final String UNRESERVED = "-_.!*()";

    public PagingCookie {
        Objects.requireNonNull(primaryIdName, "primaryIdName");
        Objects.requireNonNull(firstId, "firstId");
        Objects.requireNonNull(lastId, "lastId");
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more: " + page);
        }
    }

    /**
     * The {@code @Microsoft.Dynamics.CRM.fetchxmlpagingcookie} value for the page just returned.
     *
     * @param returnedPage the page just returned; the annotation's pagenumber is the next one
     */
    public static String encode(int returnedPage, String primaryIdName, UUID firstId, UUID lastId) {
        return new PagingCookie(returnedPage, primaryIdName, firstId, lastId).annotation();
    }

    /** The annotation value: {@code <cookie pagenumber="N+1" pagingcookie="<twice encoded>" istracking="False" />}. */
    public String annotation() {
        return "<cookie pagenumber=\"" + (page + 1) + "\" pagingcookie=\"" + urlEncode(urlEncode(cookieXml()))
                + "\" istracking=\"False\" />";
    }

    /** The inner cookie, as the client sends it back (before XML-escaping it into the attribute). */
    public String cookieXml() {
        return "<cookie page=\"" + page + "\"><" + primaryIdName + " last=\"" + braced(lastId) + "\" first=\""
                + braced(firstId) + "\" /></cookie>";
    }

    /**
     * Reads the inner cookie a client sent in {@code paging-cookie} (the attribute value after XML
     * unescaping, i.e. {@link FetchXmlQuery#pagingCookie()}).
     *
     * @throws FetchXmlParseException when it is not XML
     * @throws ODataQueryException    when it is XML but not a paging cookie
     */
    public static PagingCookie decode(String pagingCookie) {
        Element cookie = SafeXml.parse(pagingCookie).getDocumentElement();
        if (!cookie.getTagName().equals("cookie")) {
            throw invalid();
        }
        List<Element> ids = SafeXml.children(cookie);
        if (ids.size() != 1) {
            throw invalid();
        }
        Element id = ids.get(0);
        int page = SafeXml.attribute(cookie, "page").map(PagingCookie::positive).orElseThrow(PagingCookie::invalid);
        UUID last = SafeXml.attribute(id, "last").map(Values::parseGuid).orElseThrow(PagingCookie::invalid);
        UUID first = SafeXml.attribute(id, "first").map(Values::parseGuid).orElseThrow(PagingCookie::invalid);
        return new PagingCookie(page, id.getTagName(), first, last);
    }

    /** Reads an annotation (or {@code $skiptoken}) value back, decoding the inner cookie twice. */
    public static PagingCookie decodeAnnotation(String annotation) {
        Element outer = SafeXml.parse(annotation).getDocumentElement();
        String encoded = SafeXml.attribute(outer, "pagingcookie").orElseThrow(PagingCookie::invalid);
        return decode(urlDecode(urlDecode(encoded)));
    }

    private static int positive(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid();
    }

    private static ODataQueryException invalid() {
        return Errors.invalidArgument("The paging cookie is not valid.");
    }

    private static String braced(UUID id) {
        return "{" + id.toString().toUpperCase(Locale.ROOT) + "}";
    }

    /** Percent-encoding as the service does it: lower-case hex, space as %20, {@code -_.!*()} kept. */
    static String urlEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || UNRESERVED.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return out.toString();
    }

    /** Percent-decoding that leaves '+' alone (it is not a space here). */
    static String urlDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] bytes = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(codePoint);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
