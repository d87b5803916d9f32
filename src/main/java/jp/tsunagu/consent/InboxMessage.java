package jp.tsunagu.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A notice to the patient; its text comes from the bundle ({@code inbox.<kind>}) with the arguments. */
public record InboxMessage(UUID id, Instant at, Kind kind, List<String> arguments, boolean read) {

    public enum Kind {
        CONSENT_CHANGED, DATA_USED, EMERGENCY_ACCESS, INVITATION,
        /** a hospital filed records for her for the first time; arguments: its name, its organisation id */
        RECORDS_ARRIVED,
        /** a steward decided her "not my record" case; arguments: the sender's name, RELEASED or REMOVED */
        RECORDS_DECIDED
    }

    public InboxMessage {
        arguments = List.copyOf(arguments);
    }
}
