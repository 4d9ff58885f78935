package org.anaiss.outreach.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** CloudEvents 1.0 envelope, structured mode: the whole envelope is the Kafka record value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(String specversion, String id, String source, String type, Instant time,
        String datacontenttype, String subject, T data) {

    public static final String SOURCE = "/anaiss/outreach-service";
}
