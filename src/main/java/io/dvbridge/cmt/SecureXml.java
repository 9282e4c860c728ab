package io.dvbridge.cmt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import org.xml.sax.SAXException;

/**
 * Parser factories that refuse DTDs and every kind of external access. Configuration files come
 * from other people's environments and pipelines; a DOCTYPE in them is never legitimate, so it is
 * an error rather than something to be tamed.
 */
final class SecureXml {

    /** Schema files are small; anything larger than this is not a schema. */
    static final int MAX_SCHEMA_BYTES = 16 * 1024 * 1024;

    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private SecureXml() {
    }

    static SAXParserFactory saxFactory() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser does not support the hardening features", e);
        }
    }

    static XMLInputFactory staxFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        return factory;
    }

    /**
     * Reads a whole (small) XML document into a string, honouring a BOM or the declared encoding. Decoding is
     * strict, as the parser of data.xml is: a byte that is not valid in the encoding is an error naming the
     * line and byte offset, never silently a U+FFFD (a filter on "Caf\u00e9" would then select nothing).
     */
    static String readBounded(InputStream in, String fileName) throws IOException {
        byte[] bytes = in.readNBytes(MAX_SCHEMA_BYTES + 1);
        if (bytes.length > MAX_SCHEMA_BYTES) {
            throw new CmtFormatException(fileName, 0, 0, "larger than " + MAX_SCHEMA_BYTES + " bytes; not a schema file");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return decode(bytes, 3, StandardCharsets.UTF_8, fileName);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return decode(bytes, 2, StandardCharsets.UTF_16LE, fileName);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return decode(bytes, 2, StandardCharsets.UTF_16BE, fileName);
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
        Matcher declared = DECLARED_ENCODING.matcher(head);
        Charset charset = StandardCharsets.UTF_8;
        if (declared.find()) {
            try {
                charset = Charset.forName(declared.group(1));
            } catch (IllegalArgumentException e) {
                throw new CmtFormatException(fileName, 1, 1, "unsupported encoding '" + declared.group(1) + "'");
            }
        }
        return decode(bytes, 0, charset, fileName);
    }

    private static String decode(byte[] bytes, int offset, Charset charset, String fileName) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil((bytes.length - offset) * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = offset; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            StringBuilder shown = new StringBuilder();
            for (int i = at; i < Math.min(bytes.length, at + result.length()); i++) {
                shown.append(String.format(" 0x%02X", bytes[i] & 0xFF));
            }
            throw new CmtFormatException(fileName, line, 0, "invalid " + charset.name() + " at byte offset " + at + " (bytes"
                    + shown + "); save the file as " + charset.name() + " or declare its real encoding");
        }
        return out.flip().toString();
    }
}
