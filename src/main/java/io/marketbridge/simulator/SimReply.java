package io.marketbridge.simulator;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One simulated answer: status, body bytes, content type and extra headers. */
public record SimReply(int status, byte[] body, String contentType, Map<String, String> headers) {

    public static SimReply json(int status, String json) {
        return new SimReply(status, json.getBytes(StandardCharsets.UTF_8), "application/json;charset=UTF-8",
                new LinkedHashMap<>());
    }

    public static SimReply xml(int status, String xml, Charset charset) {
        return xml(status, xml, charset, charset.name());
    }

    /**
     * XML whose bytes are in {@code encoding} while Content-Type declares {@code declaredCharset}: 11st declares
     * EUC-KR and sends MS949, its superset, so that every Hangul syllable gets through.
     */
    public static SimReply xml(int status, String xml, Charset encoding, String declaredCharset) {
        return new SimReply(status, xml.getBytes(encoding), "text/xml;charset=" + declaredCharset, new LinkedHashMap<>());
    }

    public static SimReply html(int status, String html, Charset charset) {
        return new SimReply(status, html.getBytes(charset), "text/html", new LinkedHashMap<>());
    }

    public static SimReply text(int status, String text) {
        return new SimReply(status, text.getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8", new LinkedHashMap<>());
    }

    public static SimReply empty(int status) {
        return new SimReply(status, new byte[0], null, new LinkedHashMap<>());
    }

    /** Adds a header and returns this reply. */
    public SimReply with(String header, String value) {
        headers.put(header, value);
        return this;
    }

    /** The same reply with its body cut off half-way (the malformed-body fault). */
    public SimReply truncated() {
        byte[] cut = java.util.Arrays.copyOf(body, Math.max(1, body.length / 2));
        return new SimReply(status, cut, contentType, headers);
    }

    public String bodyText(Charset charset) {
        return new String(body, charset);
    }
}
