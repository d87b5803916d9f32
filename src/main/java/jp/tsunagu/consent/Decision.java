package jp.tsunagu.consent;

import java.util.Optional;

/**
 * The decision point's answer: permit or deny, why (a message key under {@code consent.reason.}), and
 * the directive it rests on, if any (none for a default).
 */
public record Decision(boolean permitted, String reason, Optional<DirectiveId> basis) {

    static Decision permit(String reason, Optional<DirectiveId> basis) {
        return new Decision(true, reason, basis);
    }

    static Decision deny(String reason, Optional<DirectiveId> basis) {
        return new Decision(false, reason, basis);
    }
}
