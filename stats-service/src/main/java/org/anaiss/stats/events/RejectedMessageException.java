package org.anaiss.stats.events;

/**
 * A message that does not conform: recorded as rejected with this reason, and nothing of it is
 * stored. The reason names rules and locations, never a value of the message.
 */
public class RejectedMessageException extends RuntimeException {

    public RejectedMessageException(String reason) {
        super(reason.length() > 1000 ? reason.substring(0, 997) + "..." : reason, null, false, false);
    }
}
