package io.marketbridge.marketplace.elevenst;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads 11st's XML answers. 11st declares {@code encoding="euc-kr"} but the bytes are MS949 (CP949) in practice
 * (names with characters such as 똠 or 뷁 exist), so the bytes are decoded here with the account's charset and
 * parsed from characters: the declaration does not matter. Elements are matched by local name only (the list
 * wrapper is {@code ns2:}-prefixed, its fields are not). A DOCTYPE is refused outright: 11st never sends one, and
 * refusing it closes the door on external entities (XXE) and entity expansion.
 */
public final class ElevenstXml {

    /**
     * One parsed answer: the root's local name, result code and text (absent on a list with data), and the rows (the
     * order rows of a list, the ProductStock items of a stock read).
     */
    public record Answer(String root, Integer resultCode, String resultText, List<Map<String, String>> rows) {

        /** The code as 11st means it: an absent code on a list with rows is success. */
        public int code() {
            return resultCode == null ? 0 : resultCode;
        }
    }

    /** The payload is not one we read: a DOCTYPE, not XML, cut off. The message says why, never the payload. */
    public static final class UnsafeOrBrokenXml extends Exception {
        private final boolean refused;

        UnsafeOrBrokenXml(String message, boolean refused) {
            super(message);
            this.refused = refused;
        }

        /** True when the payload was refused on purpose (DOCTYPE / entities), false when it is just broken. */
        public boolean refused() {
            return refused;
        }
    }

    private static final DocumentBuilderFactory FACTORY = factory();
    static final String REFUSED = "refused: the XML carries a DOCTYPE / entity declaration, which 11st never sends"
            + " (possible XXE); nothing in it was resolved";

    private ElevenstXml() {
    }

    private static DocumentBuilderFactory factory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a required safety feature", e);
        }
    }

    /**
     * The charset to decode with, from the account's response-charset: EUC-KR (the declared one) decodes as MS949,
     * its superset, so names outside KS X 1001 come out intact; UTF-8 when 11st is found to send UTF-8.
     */
    public static Charset charset(String setting) {
        String s = setting == null ? "EUC-KR" : setting.trim().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
            case "EUC-KR", "EUCKR", "CP949", "MS949", "X-WINDOWS-949" -> Charset.forName("x-windows-949");
            default -> throw new IllegalArgumentException("response-charset must be EUC-KR, CP949 or UTF-8, not '" + setting + "'");
        };
    }

    /** Decodes with the given charset; undecodable bytes become U+FFFD rather than failing the whole answer. */
    public static String decode(byte[] body, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(ByteBuffer.wrap(body == null ? new byte[0] : body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e); // cannot happen with REPLACE
        }
    }

    public static Answer parse(byte[] body, Charset charset) throws UnsafeOrBrokenXml {
        return parse(decode(body, charset));
    }

    public static Answer parse(String text) throws UnsafeOrBrokenXml {
        if (text == null || text.isBlank()) {
            throw new UnsafeOrBrokenXml("empty body", false);
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
            throw new UnsafeOrBrokenXml(REFUSED, true);
        }
        Document doc;
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // no stderr noise; errors still throw
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused");
            });
            // a leading BOM or blank before the declaration is tolerated, as 11st's own clients do
            String trimmed = text.replace("\uFEFF", "").stripLeading();
            doc = builder.parse(new InputSource(new StringReader(trimmed)));
        } catch (SAXException e) {
            String msg = String.valueOf(e.getMessage());
            // the parser's own refusal (disallow-doctype-decl), should a declaration slip past the check above
            boolean refused = msg.contains("DOCTYPE") || msg.contains("external entity refused");
            throw new UnsafeOrBrokenXml(refused ? REFUSED : "not well-formed XML: " + shorten(msg), refused);
        } catch (IOException | ParserConfigurationException e) {
            throw new UnsafeOrBrokenXml("unreadable XML: " + shorten(String.valueOf(e.getMessage())), false);
        }
        Element root = doc.getDocumentElement();
        List<Map<String, String>> rows = new ArrayList<>();
        Integer code = null;
        String resultText = null;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            String name = local(e);
            // order rows of the lists; ProductStock items of the stock read (prodmarket/stck)
            if (name.equals("order") || name.equals("Order") || name.equals("ProductStock")) {
                rows.add(fields(e));
            } else if (name.equals("result_code") || name.equals("resultCode")) {
                code = integer(e.getTextContent());
            } else if (name.equals("result_text") || name.equals("message") || name.equals("resultMessage")) {
                resultText = e.getTextContent() == null ? null : e.getTextContent().trim();
            }
        }
        return new Answer(local(root), code, resultText, rows);
    }

    /** The element's children by local name; a repeated name keeps its first value. */
    private static Map<String, String> fields(Element order) {
        Map<String, String> map = new LinkedHashMap<>();
        NodeList children = order.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e) {
                map.putIfAbsent(local(e), e.getTextContent() == null ? "" : e.getTextContent());
            }
        }
        return map;
    }

    private static String local(Element e) {
        String name = e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
        int colon = name.indexOf(':');
        return colon >= 0 ? name.substring(colon + 1) : name;
    }

    private static Integer integer(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A field's value: null when absent, blank, or the literal {@code null} 11st writes for empty fields. */
    public static String value(Map<String, String> row, String field) {
        String v = row == null ? null : row.get(field);
        if (v == null) {
            return null;
        }
        String t = v.trim();
        return t.isEmpty() || t.equalsIgnoreCase("null") ? null : t;
    }

    private static String shorten(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
