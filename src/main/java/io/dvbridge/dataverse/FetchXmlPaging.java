package io.dvbridge.dataverse;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FetchXML paging as Microsoft documents it for the Web API: ask for a page with the {@code page} and
 * {@code count} attributes of {@code <fetch>}; when the answer says {@code @Microsoft.Dynamics.CRM.morerecords},
 * take {@code pagenumber} and the {@code pagingcookie} attribute (URL-encoded twice) from the
 * {@code @Microsoft.Dynamics.CRM.fetchxmlpagingcookie} annotation, decode it twice and send it back in
 * the {@code paging-cookie} attribute of the next request's {@code <fetch>}.
 */
final class FetchXmlPaging {

    private static final Pattern COOKIE = Pattern.compile("pagenumber=\"(\\d+)\"\\s+pagingcookie=\"([^\"]*)\"");

    private final Document fetch;

    /** @throws IllegalArgumentException when the text is not a FetchXML document (DTDs and entities are refused) */
    FetchXmlPaging(String fetchXml) {
        this.fetch = parse(fetchXml);
        if (!fetch.getDocumentElement().getTagName().equals("fetch")) {
            throw new IllegalArgumentException("A FetchXML query starts with <fetch>, not <" + fetch.getDocumentElement().getTagName() + ">");
        }
    }

    /** The query for page {@code page} of {@code count} rows, after the page the cookie describes. */
    String page(int page, int count, Optional<String> pagingCookie) {
        Element root = fetch.getDocumentElement();
        root.setAttribute("page", String.valueOf(page));
        root.setAttribute("count", String.valueOf(count));
        if (pagingCookie.isPresent()) {
            root.setAttribute("paging-cookie", pagingCookie.get());
        } else {
            root.removeAttribute("paging-cookie");
        }
        return serialize(fetch);
    }

    /** The next page number and its cookie from a {@code fetchxmlpagingcookie} annotation. */
    static Optional<Next> next(String annotation) {
        Matcher m = COOKIE.matcher(annotation);
        if (!m.find()) {
            return Optional.empty();
        }
        String cookie = URLDecoder.decode(URLDecoder.decode(m.group(2), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        return Optional.of(new Next(Integer.parseInt(m.group(1)), cookie));
    }

    record Next(int page, String cookie) {
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("The FetchXML query is not well-formed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serialize(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("The FetchXML query cannot be written: " + e.getMessage(), e);
        }
    }
}
