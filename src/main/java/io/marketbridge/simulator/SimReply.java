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
        return new SimReply(status, xml.getBytes(charset), "application/xml;charset=" + charset.name(), new LinkedHashMap<>());
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
