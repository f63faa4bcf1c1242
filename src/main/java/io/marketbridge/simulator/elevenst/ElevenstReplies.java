package io.marketbridge.simulator.elevenst;

import io.marketbridge.simulator.SimReply;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * 11st's answers: XML declared euc-kr whose bytes are MS949 (or UTF-8 with the charset switch), list answers under
 * {@code ns2:orders}, action answers under {@code ResultOrder} (or the resultRoot switch), and the web server's HTML
 * error pages. The charset and the switches are read as each answer is written.
 */
final class ElevenstReplies {

    static final String NS = "http://skt.tmall.business.openapi.spring.service.client.domain/";
    static final String NO_DATA = "조회된 결과가 없습니다.";
    /** 11st declares euc-kr; the bytes are MS949, the superset, so every Hangul syllable can be sent. */
    private static final Charset MS949 = Charset.forName("x-windows-949");

    private final ElevenstFaults faults;
    private final String configuredCharset;

    ElevenstReplies(ElevenstFaults faults, String configuredCharset) {
        this.faults = faults;
        this.configuredCharset = configuredCharset;
    }

    private boolean utf8() {
        String charsetName = faults.charset != null ? faults.charset : configuredCharset;
        return charsetName.equalsIgnoreCase("UTF-8");
    }

    /** An XML answer in the charset in force. */
    SimReply xml(int status, String xml) {
        return utf8() ? SimReply.xml(status, xml, StandardCharsets.UTF_8, "UTF-8") : SimReply.xml(status, xml, MS949, "EUC-KR");
    }

    /** The web server's own error page: "500 Internal Server Error", "404 Not Found". */
    SimReply errorPage(int status, String title) {
        return SimReply.html(status, "<html><body><h1>" + title + "</h1></body></html>",
                utf8() ? StandardCharsets.UTF_8 : MS949);
    }

    /** A list answer with no rows: its result code and text ("no data" is code 0). */
    SimReply list(int code, String text) {
        return xml(200, declaration() + "<ns2:orders xmlns:ns2=\"" + NS + "\"><ns2:result_code>" + code
                + "</ns2:result_code><ns2:result_text>" + escape(text) + "</ns2:result_text></ns2:orders>");
    }

    /** A list answer: its rows (ns2:order elements), or "no data"; with the xxeFile switch, a DOCTYPE with an external entity. */
    SimReply rows(List<String> rows) {
        if (rows.isEmpty()) {
            return list(0, NO_DATA);
        }
        StringBuilder b = new StringBuilder(declaration());
        String xxe = faults.xxeFile;
        if (xxe != null) {
            b.append("<!DOCTYPE ns2:orders [<!ENTITY xxe SYSTEM \"file://").append(xxe).append("\">]>");
        }
        b.append("<ns2:orders xmlns:ns2=\"").append(NS).append("\">");
        boolean first = true;
        for (String row : rows) {
            b.append(xxe != null && first ? row.replace("<ordNm>", "<ordNm>&xxe;") : row);
            first = false;
        }
        return xml(200, b.append("</ns2:orders>").toString());
    }

    /** An action answer (reqpackaging, reqdelivery). */
    SimReply result(int code, String text) {
        String root = faults.resultRoot;
        return xml(200, declaration() + "<" + root + "><openMallID>11ST</openMallID><open_11st_mall/>"
                + "<open_done_payment_interface/><result_code>" + code + "</result_code><result_text>" + escape(text)
                + "</result_text><" + ElevenstSimulator.UNKNOWN_FIELD + ">result</" + ElevenstSimulator.UNKNOWN_FIELD
                + "></" + root + ">");
    }

    /** A product service's answer (stockqty): ClientMessage with productNo, message and resultCode (camelCase). */
    SimReply clientMessage(int code, String message, String productNo) {
        return xml(200, declaration() + "<ClientMessage><productNo>" + escape(productNo) + "</productNo><message>"
                + escape(message) + "</message><resultCode>" + code + "</resultCode></ClientMessage>");
    }

    /** Traffic limit: HTTP 429 as one implementation observed, with the general OpenAPI's overedTraffic code. */
    SimReply tooMany() {
        return xml(429, declaration() + "<ns2:orders xmlns:ns2=\"" + NS + "\"><ns2:result_code>004</ns2:result_code>"
                + "<ns2:result_text>overedTraffic</ns2:result_text></ns2:orders>");
    }

    /** A caller from an IP the seller has not registered: HTTP 500 with an AuthMessage. */
    SimReply ipDenied() {
        return xml(500, declaration() + "<AuthMessage><resultCode>-500</resultCode>"
                + "<message>인증되지 않은 IP 입니다. (Not authenticated IP)</message></AuthMessage>");
    }

    static String declaration() {
        return "<?xml version=\"1.0\" encoding=\"euc-kr\" standalone=\"yes\"?>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
