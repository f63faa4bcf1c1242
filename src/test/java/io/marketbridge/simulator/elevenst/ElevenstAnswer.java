package io.marketbridge.simulator.elevenst;

import java.io.StringReader;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The simulator tests' own reading of an 11st answer (elevenst.md: elements by local name; the ns2:orders list with
 * ns2:order rows and result_code/result_text; ResultOrder with result_code/result_text; AuthMessage with
 * resultCode/message; the stock read's ProductStocks with ProductStock items). Kept apart from the connector's
 * parser so the simulator is checked against the docs.
 */
record ElevenstAnswer(String root, int code, String resultText, List<Map<String, String>> rows) {

    static ElevenstAnswer parse(byte[] body, Charset charset) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        // the bytes are decoded here with the given charset; the declared encoding is not trusted
        Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(new String(body, charset))))
                .getDocumentElement();
        int code = 0; // a list with rows carries no result_code: success
        String text = null;
        List<Map<String, String>> rows = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                switch (e.getLocalName()) {
                    case "order", "ProductStock" -> {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                            if (c instanceof Element field) {
                                row.putIfAbsent(field.getLocalName(), field.getTextContent());
                            }
                        }
                        rows.add(row);
                    }
                    case "result_code", "resultCode" -> code = Integer.parseInt(e.getTextContent().trim());
                    case "result_text", "message" -> text = e.getTextContent().trim();
                    default -> { }
                }
            }
        }
        return new ElevenstAnswer(root.getLocalName(), code, text, rows);
    }
}
