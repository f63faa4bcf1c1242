package io.marketbridge.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.marketbridge.intake.SafeMessages;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/** The management endpoints' answers as JSON (times as ISO-8601 instants), and their error bodies. */
public class OperationsJson {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    public String write(@Body Object body) throws JsonProcessingException {
        return mapper.writeValueAsString(body);
    }

    /** {"error": ...}: an {@link OperationsException}'s own message, anything else without the values it quotes. */
    public String error(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) throws JsonProcessingException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", caught instanceof OperationsException ? caught.getMessage() : SafeMessages.of(caught));
        return mapper.writeValueAsString(answer);
    }

    /** The HTTP status of a failed request: the operation's own, else 500. */
    public int status(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) {
        return caught instanceof OperationsException o ? o.status() : 500;
    }
}
