-- W3C trace context of the request that wrote an event, carried into the Kafka record's headers.
alter table outbox_event add column traceparent varchar(55);
